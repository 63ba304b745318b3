/* File plumbing Swift's Glibc module does not expose: sync_file_range needs _GNU_SOURCE. */
#ifndef QSH_FILE_H
#define QSH_FILE_H

/* Starts writing the dirty pages of bytes offset ..< offset + length of fd to disk without
   waiting for them (Linux sync_file_range, SYNC_FILE_RANGE_WRITE). A hint: returns 0, or -1
   where unsupported or on error; fsync still decides durability. */
int qsh_start_writeback(int fd, long long offset, long long length);

/* Gives the heap's free memory back to the system (glibc malloc_trim, every arena), so that
   what one phase of a command freed on its threads does not stay resident into the next.
   Does nothing elsewhere. */
void qsh_release_free_memory(void);

/* Makes every allocation of `bytes` or more a mapping of its own, given back when freed
   (glibc mallopt M_MMAP_THRESHOLD, which also stops glibc from raising that threshold after
   large frees and then keeping such blocks in a fragmented heap). Does nothing elsewhere. */
void qsh_map_large_allocations(long bytes);

#endif
