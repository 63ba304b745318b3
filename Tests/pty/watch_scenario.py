"""`paper watch` at the prompt (Python standard library only): the view of a running paced
session is redrawn in place on the terminal, and Ctrl-C stops the watching (status 130) while
the session itself goes on. `drive_qsh.py` runs it like its own scenarios.
"""

import json
import os
import signal
import subprocess
import time

from qsh_pty import Failure, child_env, quit_with_ctrl_d, run_shell
from line_scenarios import last_status

SESSION = ["run", "--ticker", "SYN-ETH", "--start", "2023-01-01", "--end", "2023-12-01", "--paper", "--pace", "100ms"]


def scenario_watch(binary, tmp):
    session = subprocess.Popen([binary] + SESSION, cwd=tmp, env=child_env(tmp), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        root = os.path.join(tmp, "outputs", "paper_sessions")
        deadline = time.monotonic() + 30
        while not (os.path.isdir(root) and os.listdir(root)):
            if time.monotonic() > deadline:
                raise Failure("the paced session made no folder within 30s")
            time.sleep(0.05)
        session_id = os.listdir(root)[0]

        def body(shell):
            shell.expect_prompt()
            shell.send("paper watch %s --interval 200ms\r" % session_id[:20])
            shell.expect("paper session %s  running" % session_id, timeout=15)
            start = shell.raw.count(b"\x1b[J")
            deadline = time.monotonic() + 15
            while shell.raw.count(b"\x1b[J") < start + 4:
                if time.monotonic() > deadline:
                    raise Failure("the view was not redrawn 4 times in 15s")
                shell.pump(0.1)
            if b"\x1b[" not in shell.raw or b"F\x1b[J" not in shell.raw:
                raise Failure("the view is not redrawn in place (no cursor-up + clear)")
            screen = shell.text()
            if screen.count("paper session %s" % session_id) != 1:
                raise Failure("the view scrolled instead of being redrawn: %d headers" %
                              screen.count("paper session %s" % session_id))
            for needle in ("bars ", "account    equity", "heartbeat  "):
                if needle not in screen:
                    raise Failure("the view lacks %r" % needle)
            shell.send("\x03")
            shell.expect("stopped watching %s" % session_id, timeout=5)
            shell.expect_prompt()
            status = last_status(shell)
            if status != "130":
                raise Failure("Ctrl-C in paper watch: status %s, not 130" % status)
            time.sleep(0.5)
            if session.poll() is not None:
                raise Failure("stopping the watcher stopped the session (exit %s)" % session.returncode)
            with open(os.path.join(root, session_id, "session_status.json")) as handle:
                state = json.load(handle)["status"]
            if state != "running":
                raise Failure("the watched session is %s after the watcher stopped" % state)
            quit_with_ctrl_d(shell)
            return "redraws=%d" % shell.raw.count(b"\x1b[J")

        return run_shell(binary, tmp, body)
    finally:
        if session.poll() is None:
            session.send_signal(signal.SIGTERM)
            session.wait(timeout=10)


SCENARIOS = {"watch": scenario_watch}
