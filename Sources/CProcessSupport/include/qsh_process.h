/* Process plumbing Swift cannot express safely: async-signal-safe handlers for SIGINT and
   SIGTERM that only write the signal number to a self-pipe (a Swift thread reads it), and the
   terminal width for progress lines. */
#ifndef QSH_PROCESS_H
#define QSH_PROCESS_H

/* Installs the handlers (no SA_RESTART, so blocking reads return EINTR and the prompt notices)
   and returns the read end of the pipe, or -1. Idempotent. */
int qsh_signals_install(void);

/* Blocks until a signal arrives; returns its number (or -1 when the pipe failed). */
int qsh_signals_wait(int read_fd);

/* Blocks SIGINT and SIGTERM in the calling thread (the watcher), so they land on other threads. */
void qsh_signals_block_in_this_thread(void);

/* Unblocks them in the calling thread: a parent may have started us with them blocked. */
void qsh_signals_unblock_in_this_thread(void);

/* Columns of the terminal on fd, 0 when it is not a terminal or unknown. */
int qsh_terminal_columns(int fd);

#endif
