#include "qsh_process.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static int pipe_fds[2] = {-1, -1};

static void handler(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    ssize_t ignored = write(pipe_fds[1], &byte, 1);
    (void)ignored;
    errno = saved;
}

int qsh_signals_install(void) {
    if (pipe_fds[0] >= 0) return pipe_fds[0];
    if (pipe(pipe_fds) != 0) return -1;
    for (int i = 0; i < 2; i++) fcntl(pipe_fds[i], F_SETFD, FD_CLOEXEC);
    fcntl(pipe_fds[1], F_SETFL, O_NONBLOCK);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGINT, &action, NULL) != 0 || sigaction(SIGTERM, &action, NULL) != 0) return -1;
    return pipe_fds[0];
}

int qsh_signals_wait(int read_fd) {
    unsigned char byte = 0;
    for (;;) {
        ssize_t got = read(read_fd, &byte, 1);
        if (got == 1) return byte;
        if (got < 0 && errno == EINTR) continue;
        return -1;
    }
}

static void change_mask(int how) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(how, &set, NULL);
}

void qsh_signals_block_in_this_thread(void) { change_mask(SIG_BLOCK); }
void qsh_signals_unblock_in_this_thread(void) { change_mask(SIG_UNBLOCK); }

int qsh_terminal_columns(int fd) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    return ioctl(fd, TIOCGWINSZ, &size) == 0 ? (int)size.ws_col : 0;
}
