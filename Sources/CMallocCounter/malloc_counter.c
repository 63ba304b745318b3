// Counting allocator shim for qsh-bench: defining malloc/calloc/realloc in the executable
// interposes glibc's (the dynamic linker resolves the executable first); each forwards to
// glibc's own entry point. free is not touched, so every pointer is glibc's as usual.
#include "malloc_counter.h"
#include <stddef.h>

#if defined(__linux__) && defined(__GLIBC__)
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static uint64_t calls;

void *malloc(size_t size) {
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return __libc_realloc(pointer, size);
}

uint64_t qsh_malloc_calls(void) { return __atomic_load_n(&calls, __ATOMIC_RELAXED); }
#else
uint64_t qsh_malloc_calls(void) { return UINT64_MAX; }
#endif
