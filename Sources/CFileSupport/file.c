#define _GNU_SOURCE
#include "qsh_file.h"
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int qsh_start_writeback(int fd, long long offset, long long length) {
#if defined(__linux__)
    return sync_file_range(fd, (off_t)offset, (off_t)length, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    (void)offset;
    (void)length;
    return -1;
#endif
}

void qsh_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void qsh_map_large_allocations(long bytes) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, (int)bytes);
#else
    (void)bytes;
#endif
}
