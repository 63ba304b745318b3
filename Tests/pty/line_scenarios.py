"""Scenarios for what the prompt does with the line itself (Python standard library only):
`set -e` typed at the prompt, Ctrl-D at the `...> ` continuation prompt, and Tab completion
that depends on what is already on the line. `drive_qsh.py` runs them like its own.
"""

import os

from qsh_pty import Failure, completion_latency, quit_with_ctrl_d, run_shell


def last_status(shell):
    """`echo status=$?` at the prompt: the status of the line before."""
    shell.send("echo status=$?\r")
    shell.expect(r"^status=(\d+) *$", regex=True)
    status = shell.text()[:shell.offset].rsplit("status=", 1)[1].strip()
    shell.expect_prompt()
    return status


def scenario_set_e(binary, tmp):
    """`set -e` at the prompt is refused with a message (status 2) and changes nothing; in a
    file sourced at the prompt it stops that file, and ends with it."""
    with open(os.path.join(tmp, "stops.qsh"), "w") as handle:
        handle.write("set -e\nruns show nope\necho not-reached\n")
    with open(os.path.join(tmp, "goes_on.qsh"), "w") as handle:
        handle.write("runs show nope\necho reached\n")

    def body(shell):
        shell.expect_prompt()
        shell.send("set -e\r")
        shell.expect("error: set -e applies to scripts")
        shell.expect_prompt()
        if last_status(shell) != "2":
            raise Failure("`set -e` at the prompt: status is not 2")
        shell.send("runs show nope\r")
        shell.expect("error: ")
        shell.expect_prompt()
        shell.send("echo alive\r")
        shell.expect_line("alive")
        shell.expect_prompt()
        shell.send("source stops.qsh\r")
        shell.expect("stops.qsh:2: error:")
        shell.expect_prompt()
        shell.send("source goes_on.qsh\r")
        shell.expect_line("reached")
        shell.expect_prompt()
        if "not-reached" in shell.text().replace("echo not-reached", ""):
            raise Failure("`set -e` in a sourced file did not stop it")
        quit_with_ctrl_d(shell)
        return ""

    return run_shell(binary, tmp, body)


def scenario_ctrl_d_continuation(binary, tmp):
    """Ctrl-D at `...> ` drops the unfinished line (not run, status 2) and the `qsh> ` prompt
    returns, as in bash; Ctrl-D at an empty `qsh> ` still leaves with 0."""

    def body(shell):
        shell.expect_prompt()
        for opening in ('echo "never', "echo never \\"):
            shell.send(opening + "\r")
            shell.expect("...> ")
            shell.send("\x04")
            shell.expect("error: unterminated quote or trailing backslash")
            shell.expect_prompt()
            if shell.status is not None:
                raise Failure("the shell ended")
            if last_status(shell) != "2":
                raise Failure("Ctrl-D at ...> after %r: status is not 2" % opening)
        shell.send("echo still-here\r")
        shell.expect_line("still-here")
        shell.expect_prompt()
        if "never" in shell.text().replace('echo "never', "").replace("echo never", ""):
            raise Failure("a dropped line ran")
        quit_with_ctrl_d(shell)
        return ""

    return run_shell(binary, tmp, body)


def scenario_complete_line(binary, tmp):
    """Tab leaves out the flags already on the line (not a repeatable one) and offers metric
    names after `runs best --metric` and `--metric=`."""

    def body(shell):
        shell.expect_prompt()
        latencies = []
        for typed, completed in [
            ("run --start 2020-01-01 --st", "--start 2020-01-01 --strategy "),  # --start is given
            ("run --param rsi_buy_max=30 --par", "rsi_buy_max=30 --param "),  # repeatable
            ("runs best --metric tot", "runs best --metric total_return "),
            ("runs best --metric=tot", "runs best --metric=total_return "),
        ]:
            shell.send(typed)
            latencies.append(completion_latency(shell, "\t", ends_with=completed))
            shell.send("\x03")  # drop the line
            shell.expect_prompt()
        shell.send("runs best --lowest --l", "\t")
        shell.settle(0.3)
        if shell.text().rstrip().endswith("--lowest --lowest"):
            raise Failure("Tab offered --lowest again")
        shell.send("\x03")
        shell.expect_prompt()
        quit_with_ctrl_d(shell)
        return "completion_ms_max=%.1f" % (max(latencies) * 1000)

    return run_shell(binary, tmp, body)


SCENARIOS = {
    "set_e": scenario_set_e,
    "ctrl_d_continuation": scenario_ctrl_d_continuation,
    "complete_line": scenario_complete_line,
}
