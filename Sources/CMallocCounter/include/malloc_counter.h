#ifndef MALLOC_COUNTER_H
#define MALLOC_COUNTER_H
#include <stdint.h>
/// Calls of malloc, calloc and realloc in this process so far (qsh-bench only: the
/// executable's own definitions interpose glibc's, no LD_PRELOAD needed).
uint64_t qsh_malloc_calls(void);
#endif
