"""A `qsh` process on a pseudo-terminal for tests (Python standard library only).

`Shell` starts the binary with `pty.fork()` (so Ctrl-C is a real terminal key), sets the window
to 24 x 100, and offers `send` (key groups ~0.15 s apart), `expect` / `expect_line` (wait with a
timeout for text after what was already matched) and `wait_exit`. The output is replayed into
screen lines by `render`, so a line libedit redrew reads as it was shown.
"""

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

TOKEN = re.compile(r"\x1b\[([0-9;?]*)[ -/]*([@-~])|\x1b[()][A-Za-z0-9]|\x1b[=>78]|\x1b|[\r\n\b\x07]|[^\x1b\r\n\b\x07]+")
KEY_GAP = 0.15
RUN_FILES = ["config.json", "equity.csv", "metadata.json", "metrics.json", "report.json", "trades.csv"]
LONG_RUN = "run --ticker SYN-ETH --interval 1m --start 2015-01-01 --end 2024-01-01"


class Failure(Exception):
    pass


def render(text):
    """The terminal's lines after `text`: carriage return, newline, backspace and the cursor
    moves and erasures libedit and live views use (CSI n A/B/C/D/F/G, CSI K, CSI J) are applied; colours and other
    escapes are dropped."""
    screen, row, column = [[]], 0, 0
    for match in TOKEN.finditer(text):
        token = match.group(0)
        if token == "\n":
            row, column = row + 1, 0
        elif token == "\r":
            column = 0
        elif token == "\b":
            column = max(0, column - 1)
        elif match.group(2):
            argument, final = match.group(1), match.group(2)
            count = int(argument) if argument.isdigit() else 1
            if final == "A":
                row = max(0, row - count)
            elif final == "B":
                row += count
            elif final == "C":
                column += count
            elif final == "D":
                column = max(0, column - count)
            elif final == "G":
                column = max(0, count - 1)
            elif final == "F":
                row, column = max(0, row - count), 0
            elif final == "K" and argument in ("", "0"):
                del screen[row][column:]
            elif final == "J" and argument in ("", "0"):
                while len(screen) <= row:
                    screen.append([])
                del screen[row][column:]
                del screen[row + 1:]
        elif token.startswith("\x1b") or token == "\x07":
            continue
        else:
            while len(screen) <= row:
                screen.append([])
            line = screen[row]
            for character in token:
                if column < len(line):
                    line[column] = character
                else:
                    line.extend(" " * (column - len(line)))
                    line.append(character)
                column += 1
        while len(screen) <= row:
            screen.append([])
    return "\n".join("".join(line) for line in screen)


def child_env(tmp, extra=None):
    env = {
        "TERM": "xterm",
        "LANG": "C.UTF-8",
        "HOME": tmp,
        "QSH_HISTORY": os.path.join(tmp, "hist"),
        "SWIFT_BACKTRACE": "enable=no",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    env.update(extra or {})
    return env


class Shell:
    """One `qsh` process on a pseudo-terminal, 24 x 100."""

    def __init__(self, binary, tmp, extra_env=None):
        self.started = time.monotonic()
        self.raw = b""
        self.offset = 0
        self.status = None
        pid, fd = pty.fork()
        if pid == 0:
            try:
                # A clean start, as from a login shell: the test runner that started Python may
                # block or ignore signals, and the child would inherit that across exec.
                signal.pthread_sigmask(signal.SIG_SETMASK, [])
                for number in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP, signal.SIGPIPE):
                    signal.signal(number, signal.SIG_DFL)
                os.chdir(tmp)
                os.execve(binary, [binary], child_env(tmp, extra_env))
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))

    # Output

    def pump(self, timeout):
        """Reads what is available within `timeout`; False once the terminal is closed."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        self.raw += data
        return True

    def text(self):
        return render(self.raw.decode("utf-8", "replace"))

    def expect(self, needle, timeout=10.0, regex=False):
        """Waits until `needle` appears after the consumed offset; returns the seconds waited."""
        start = time.monotonic()
        pattern = re.compile(needle if regex else re.escape(needle), re.M)
        while True:
            match = pattern.search(self.text(), self.offset)
            if match:
                self.offset = match.end()
                return time.monotonic() - start
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                raise Failure("timed out after %.1fs waiting for %r" % (timeout, needle))
            if not self.pump(min(left, 0.05)):
                if not pattern.search(self.text(), self.offset):
                    raise Failure("qsh closed the terminal while waiting for %r" % needle)

    def expect_line(self, line, timeout=10.0):
        """A whole output line equal to `line` (so the echoed input line does not count)."""
        return self.expect(r"^" + re.escape(line) + r" *$", timeout, regex=True)

    def expect_prompt(self, timeout=10.0):
        return self.expect("qsh> ", timeout)

    def settle(self, seconds=KEY_GAP):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.pump(end - time.monotonic())

    # Input

    def write(self, keys):
        os.write(self.fd, keys.encode("utf-8") if isinstance(keys, str) else keys)

    def send(self, *groups):
        for keys in groups:
            self.write(keys)
            self.settle()

    # Lifetime

    def wait_exit(self, timeout=5.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                while self.pump(0.05):
                    pass
                return self.status
            self.pump(0.05)
        raise Failure("qsh did not exit within %.1fs" % timeout)

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass


def run_shell(binary, tmp, body, extra_env=None):
    shell = Shell(binary, tmp, extra_env)
    try:
        return body(shell)
    except Failure as failure:
        tail = shell.text()[-1500:]
        raise Failure("%s\n--- transcript tail ---\n%s" % (failure, tail)) from None
    finally:
        shell.close()


def quit_with_ctrl_d(shell):
    """Ctrl-D on an empty line: the shell must exit 0."""
    shell.send("\x04")
    if shell.wait_exit() != 0:
        raise Failure("exit status %s after Ctrl-D" % shell.status)


def echo_line(shell, expected):
    """Ctrl-A, `echo `, Enter: prints the completed line as the shell split it."""
    shell.send("\x01", "echo \r")
    shell.expect_line(expected)
    shell.expect_prompt()


def completion_latency(shell, keys, ends_with=None, shows=None):
    """Seconds from the Tab to the completed line (or the listed candidates) on the screen."""
    before = len(shell.text())
    start = time.monotonic()
    shell.write(keys)
    while True:
        text = shell.text()
        if (ends_with is not None and text.endswith(ends_with)) or (shows is not None and shows in text[before:]):
            elapsed = time.monotonic() - start
            shell.settle()
            return elapsed
        if time.monotonic() - start > 5:
            raise Failure("completion of %r never showed %r" % (keys, ends_with or shows))
        shell.pump(0.005)
