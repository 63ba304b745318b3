#!/usr/bin/env python3
"""Types at the real `qsh` binary through a pseudo-terminal (Python standard library only).

usage: drive_qsh.py SCENARIO QSH_BINARY TMPDIR

Each scenario starts `qsh` with no arguments in TMPDIR (env: TERM=xterm, LANG=C.UTF-8,
HOME=TMPDIR, QSH_HISTORY=TMPDIR/hist, SWIFT_BACKTRACE=enable=no), sends keys ~0.15 s apart and
asserts mostly on what the commands print. The output is replayed into screen lines
(`render`), so a line libedit redrew reads as it was shown. Prints `PASS <scenario> key=value...`
and exits 0, or prints `FAIL: <scenario>: why` with the transcript tail and exits 1.

Scenarios: complete, history, ctrl_c_prompt, ctrl_c_command, ctrl_d, utf8, plain, startup, progress, and
set_e, ctrl_d_continuation, complete_line (in `line_scenarios.py`), watch (in `watch_scenario.py`), or all;
and typed_line, which types the line in $QSH_PTY_LINE (passing $QSH_FIXED_NOW on), waits for
the prompt to return and reports the status the shell printed in `$?` (not part of `all`).
The terminal plumbing (`Shell`, `render`) lives in `qsh_pty.py` beside this file.
"""

import os
import pty
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from qsh_pty import (LONG_RUN, RUN_FILES, Failure, Shell, child_env, completion_latency, echo_line, quit_with_ctrl_d,
                     run_shell)
import line_scenarios
import watch_scenario


def scenario_complete(binary, tmp):
    os.makedirs(os.path.join(tmp, "data"), exist_ok=True)
    for name in ["prices.csv", "params.json"]:
        with open(os.path.join(tmp, "data", name), "w") as handle:
            handle.write("x\n")

    def body(shell):
        shell.expect_prompt()
        latencies = []
        shell.send("strat")
        latencies.append(completion_latency(shell, "\t", ends_with="qsh> strategies "))  # unique: + space
        shell.send("sma")
        latencies.append(completion_latency(shell, "\t", ends_with="strategies sma_cross "))
        echo_line(shell, "strategies sma_cross")

        # `run` and `runs`: the first Tab extends to the common prefix, the second lists both.
        shell.send("ru")
        latencies.append(completion_latency(shell, "\t", ends_with="qsh> run"))
        latencies.append(completion_latency(shell, "\t", shows="run   runs"))
        shell.send(" --tic")
        latencies.append(completion_latency(shell, "\t", ends_with="qsh> run --ticker "))   # flag
        shell.send("X")
        echo_line(shell, "run --ticker X")

        shell.send("run --param rsi_b")
        latencies.append(completion_latency(shell, "\t", ends_with="--param rsi_buy_max="))  # no space
        shell.send("30")
        echo_line(shell, "run --param rsi_buy_max=30")

        shell.send("run --strategy sma")
        latencies.append(completion_latency(shell, "\t", ends_with="--strategy sma_cross "))
        echo_line(shell, "run --strategy sma_cross")

        shell.send("run --data da")
        latencies.append(completion_latency(shell, "\t", ends_with="--data data/"))  # directory: no space
        shell.send("p")
        latencies.append(completion_latency(shell, "\t", shows="params.json"))  # ambiguous: listed
        shell.expect("prices.csv")
        shell.send("r")
        latencies.append(completion_latency(shell, "\t", ends_with="--data data/prices.csv "))
        echo_line(shell, "run --data data/prices.csv")

        quit_with_ctrl_d(shell)
        return "completion_ms_max=%.1f completion_ms=%s" % (
            max(latencies) * 1000, ",".join("%.1f" % (value * 1000) for value in latencies))

    return run_shell(binary, tmp, body)


def scenario_history(binary, tmp):
    history = os.path.join(tmp, "hist")

    def first(shell):
        shell.expect_prompt()
        shell.send('echo "multi\r', 'line"\r')
        shell.expect_line("line")
        shell.expect_prompt()
        shell.send("echo first-entry\r")
        shell.expect_line("first-entry")
        shell.expect_prompt()
        shell.send("echo second-entry\r")
        shell.expect_line("second-entry")
        shell.expect_prompt()
        quit_with_ctrl_d(shell)

    run_shell(binary, tmp, first)
    with open(history, encoding="utf-8") as handle:
        saved = handle.read().splitlines()
    if saved[-3:] != ['echo "multi\\nline"', "echo first-entry", "echo second-entry"]:
        raise Failure("history file holds %r" % saved)

    def second(shell):
        shell.expect_prompt()
        shell.send("\x1b[A", "\r")
        shell.expect_line("second-entry")
        shell.expect_prompt()
        shell.send("\x1b[A", "\x1b[A", "\r")
        shell.expect_line("first-entry")
        shell.expect_prompt()
        # ^R: incremental search backwards.
        shell.send("\x12", "cond", "\r")
        shell.expect_line("second-entry")
        shell.expect_prompt()
        shell.send("\x04")
        shell.wait_exit()

    run_shell(binary, tmp, second)

    # Two shells open at once both keep their lines.
    a, b = Shell(binary, tmp), Shell(binary, tmp)
    try:
        a.expect_prompt()
        b.expect_prompt()
        a.send("echo from-a\r")
        a.expect_line("from-a")
        b.send("echo from-b\r")
        b.expect_line("from-b")
        a.send("echo from-a-again\r")
        a.expect_line("from-a-again")
        for shell in (a, b):
            shell.send("\x04")
            shell.wait_exit()
    finally:
        a.close()
        b.close()
    with open(history, encoding="utf-8") as handle:
        saved = handle.read().splitlines()
    if saved[-3:] != ["echo from-a", "echo from-b", "echo from-a-again"]:
        raise Failure("two shells: history file ends with %r" % saved[-3:])
    return "entries=%d" % len(saved)


def scenario_ctrl_c_prompt(binary, tmp):
    def body(shell):
        shell.expect_prompt()
        shell.send("half typed", "\x03")
        shell.expect("half typed^C")
        shell.expect_prompt()
        shell.send("echo after-cancel\r")
        shell.expect_line("after-cancel")
        shell.expect_prompt()
        # Keys already queued behind the Ctrl-C still land on the fresh line.
        shell.write("xyz\x03echo queued\r")
        shell.expect_line("queued")
        shell.expect_prompt()
        # Cursor in the middle: the whole abandoned line stays visible.
        shell.send("abcdef", "\x02\x02\x02", "\x03")
        shell.expect("abcdef^C")
        shell.expect_prompt()
        # An open quote continues on a `...> ` line; Ctrl-C there drops the whole entry.
        shell.send('echo "two\r')
        shell.expect("...> ")
        shell.send('lines"\r')
        shell.expect_line("two")
        shell.expect_line("lines")
        shell.expect_prompt()
        shell.send('echo "never\r')
        shell.expect("...> ")
        shell.send("\x03")
        shell.expect_prompt()
        shell.send("echo fresh\r")
        shell.expect_line("fresh")
        shell.expect_prompt()
        text = shell.text()
        if "error" in text or "never" in text.replace('echo "never', ""):
            raise Failure("an abandoned line ran")
        quit_with_ctrl_d(shell)
        return ""

    return run_shell(binary, tmp, body)


def scenario_ctrl_c_command(binary, tmp):
    def body(shell):
        shell.expect_prompt()
        shell.send(LONG_RUN + "\r")
        shell.settle(1.0)
        if "artifacts:" in shell.text():
            raise Failure("the long run finished before Ctrl-C; pick a longer one")
        start = time.monotonic()
        shell.write("\x03")
        try:
            shell.expect_prompt(timeout=10)
        except Failure:
            raise Failure("no prompt within 10s of Ctrl-C: the command does not check InterruptFlag "
                          "at the stage it was in") from None
        elapsed = time.monotonic() - start
        if elapsed > 1.0:
            raise Failure("prompt came back %.2fs after Ctrl-C (limit 1s)" % elapsed)
        shell.send("echo alive\r")
        shell.expect_line("alive")
        shell.expect_prompt()
        quit_with_ctrl_d(shell)
        return "interrupt_to_prompt_ms=%.0f" % (elapsed * 1000)

    result = run_shell(binary, tmp, body)
    runs = os.path.join(tmp, "outputs", "runs")
    if os.path.isdir(runs):
        for name in os.listdir(runs):
            path = os.path.join(runs, name)
            if name.startswith(".") or not os.path.isdir(path):
                continue
            missing = [file for file in RUN_FILES if not os.path.isfile(os.path.join(path, file))]
            if missing:
                raise Failure("run folder %s lacks %s" % (name, missing))
    return result


def scenario_ctrl_d(binary, tmp):
    def body(shell):
        shell.expect_prompt()
        if b"\x1b[32m" not in shell.raw:
            raise Failure("prompt not coloured with TERM=xterm")
        shell.send("\x04")
        return shell.wait_exit()

    status = run_shell(binary, tmp, body)
    if status != 0:
        raise Failure("Ctrl-D on an empty line: exit status %s" % status)

    def exit_code(shell):
        shell.expect_prompt()
        if b"\x1b[32m" in shell.raw:
            raise Failure("coloured prompt despite NO_COLOR")
        shell.send("exit 3\r")
        return shell.wait_exit()

    status = run_shell(binary, tmp, exit_code, {"NO_COLOR": "1"})
    if status != 3:
        raise Failure("`exit 3`: exit status %s" % status)
    return ""


def scenario_utf8(binary, tmp):
    def body(shell):
        shell.expect_prompt()
        shell.send("echo naïve é\r")
        shell.expect_line("naïve é")
        shell.expect_prompt()
        # Backspace removes whole characters.
        shell.send("echo naïx", "\x7f\x7f", "ïve ☃\r")
        shell.expect_line("naïve ☃")
        shell.expect_prompt()
        shell.send("\x04")
        return shell.wait_exit()

    if run_shell(binary, tmp, body) != 0:
        raise Failure("exit status")
    return ""


def scenario_plain(binary, tmp):
    """stdin a terminal, stdout a pipe: no editing and nothing but output on stdout."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [binary], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp, env=child_env(tmp))
    os.close(slave)
    os.write(master, b"echo plain-out\n")
    time.sleep(0.3)
    os.write(master, b"abandoned")
    time.sleep(0.2)
    os.write(master, b"\x03")  # cooked mode: SIGINT, the typed text is discarded
    time.sleep(0.3)
    os.write(master, b"echo after-interrupt\n")
    time.sleep(0.3)
    os.write(master, b"echo 'never\n")  # an open quote: the `...> ` prompt
    time.sleep(0.3)
    os.write(master, b"\x04")  # Ctrl-D there drops the line, not the shell
    time.sleep(0.3)
    os.write(master, b"echo after-eof\n")
    time.sleep(0.3)
    os.write(master, b"exit\n")
    try:
        out, err = process.communicate(timeout=10)
    finally:
        os.close(master)
    if out != b"plain-out\nafter-interrupt\nafter-eof\n" or process.returncode != 0:
        raise Failure("stdout %r, stderr %r, status %s" % (out, err, process.returncode))
    if os.path.exists(os.path.join(tmp, "hist")):
        raise Failure("the plain prompt wrote history")
    return ""


def scenario_startup(binary, tmp):
    """Time from start to the first prompt on the terminal (best and median of 7)."""
    times = []
    for _ in range(7):
        def body(shell):
            shell.expect_prompt()
            elapsed = time.monotonic() - shell.started
            shell.write("\x04")  # at once: keys typed as the prompt appears must not be lost
            if shell.wait_exit() != 0:
                raise Failure("exit status %s after Ctrl-D" % shell.status)
            return elapsed

        times.append(run_shell(binary, tmp, body))
    times.sort()
    return "startup_ms_min=%.1f startup_ms_median=%.1f" % (times[0] * 1000, times[len(times) // 2] * 1000)


def scenario_progress(binary, tmp):
    """A run of a few seconds draws the redrawn progress line on the terminal (stderr), clears it
    at the end, and `--quiet` draws none."""
    run = "run --ticker SYN-ETH --interval 1m --start 2023-09-01 --end 2024-01-01 --outdir p"

    def body(shell):
        shell.expect_prompt()
        shell.send(run + "\r")
        shell.expect("artifacts:", timeout=60)
        shell.expect_prompt()
        drawn = shell.raw.count(b"\r\x1b[2K")
        if drawn < 2:
            raise Failure("no progress line during a multi-second run (%d redraws)" % drawn)
        if b" bars" not in shell.raw or b"ETA" not in shell.raw:
            raise Failure("the progress line lacks done/total and ETA: %r" % shell.raw[-400:])
        shell.send(run + " --quiet\r")
        deadline = time.monotonic() + 60
        while shell.raw.count(b"artifacts:") < 2:
            if time.monotonic() > deadline:
                raise Failure("the --quiet run did not finish within 60s")
            shell.pump(0.1)
        shell.expect_prompt()
        if shell.raw.count(b"\r\x1b[2K") != drawn:
            raise Failure("--quiet still drew a progress line")
        quit_with_ctrl_d(shell)
        return "progress_redraws=%d" % drawn

    return run_shell(binary, tmp, body)


def scenario_typed_line(binary, tmp):
    """Types one command line at the prompt, as a researcher would, then `echo status=$?`."""
    line = os.environ.get("QSH_PTY_LINE")
    if not line:
        raise Failure("typed_line needs the line in QSH_PTY_LINE")
    extra = {name: os.environ[name] for name in ("QSH_FIXED_NOW",) if name in os.environ}

    def body(shell):
        shell.expect_prompt()
        shell.send(line + "\r")
        shell.expect_prompt(timeout=60)
        shell.send("echo status=$?\r")
        shell.expect(r"^status=(\d+) *$", regex=True)
        status = re.findall(r"^status=(\d+) *$", shell.text(), re.M)[-1]
        shell.expect_prompt()
        quit_with_ctrl_d(shell)
        return "line_status=%s" % status

    return run_shell(binary, tmp, body, extra)


SCENARIOS = {
    "complete": scenario_complete,
    "history": scenario_history,
    "ctrl_c_prompt": scenario_ctrl_c_prompt,
    "ctrl_c_command": scenario_ctrl_c_command,
    "ctrl_d": scenario_ctrl_d,
    "utf8": scenario_utf8,
    "plain": scenario_plain,
    "startup": scenario_startup,
    "progress": scenario_progress,
    **line_scenarios.SCENARIOS,
    **watch_scenario.SCENARIOS,
}
# Scenarios that need input from the caller and so are not part of `all`.
ON_REQUEST = {"typed_line": scenario_typed_line}


def main(argv):
    known = dict(SCENARIOS, **ON_REQUEST)
    if len(argv) != 4 or (argv[1] not in known and argv[1] != "all"):
        sys.stderr.write("usage: drive_qsh.py {%s|all} QSH_BINARY TMPDIR\n" % "|".join(known))
        return 2
    name, binary, tmp = argv[1], os.path.abspath(argv[2]), os.path.abspath(argv[3])
    names = list(SCENARIOS) if name == "all" else [name]
    failed = False
    for scenario in names:
        folder = os.path.join(tmp, scenario) if name == "all" else tmp
        os.makedirs(folder, exist_ok=True)
        try:
            details = known[scenario](binary, folder)
            print(("PASS %s %s" % (scenario, details or "")).rstrip(), flush=True)
        except Failure as failure:
            print("FAIL: %s: %s" % (scenario, failure), flush=True)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
