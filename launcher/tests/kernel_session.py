"""A Java kernel driven through the Jupyter protocol, as a notebook front end drives it.

Used by the protocol tests (interrupt, re-run memory) and by the re-run memory tool:
    /usr/bin/python3 launcher/tests/kernel_session.py NN [NN ...] [--passes 4] [--full]
runs every code cell of each notebook N times in one kernel (fast mode unless --full) and
prints the kernel process's resident memory after each pass.
"""
import argparse
import glob
import os
import queue
import signal
import sys
import time

from jupyter_client.manager import KernelManager

KERNEL_NAME = "java"
# Running every cell again may leave the kernel at most this much larger than it was (issue 20:
# pass 4 within 5 % of pass 2).
GROWTH_LIMIT = 0.05
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:   # run as a script, or imported as `kernel_session` by a test beside it
    sys.path.insert(0, ROOT)
from launcher import kernelspec  # noqa: E402

# What a run leaves is read once the kernel has been idle for one of the JVM's native heap trims
# (Linux): memory the last cells freed goes back to the system within that interval.
SETTLE_SECONDS = kernelspec.TRIM_INTERVAL_MS / 1000 + 0.5


class KernelError(AssertionError):
    """The kernel did not answer as the protocol says it must."""


class Execution:
    """What one execute request produced: its reply and the IOPub messages sent for it."""

    def __init__(self, msg_id):
        self.msg_id = msg_id
        self.reply = None
        self.outputs = []
        self.idle = False

    @property
    def status(self):
        return self.reply["content"]["status"] if self.reply else None

    def stdout(self):
        return "".join(m["content"]["text"] for m in self.outputs
                       if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")

    def stderr(self):
        return "".join(m["content"]["text"] for m in self.outputs
                       if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")

    def results(self):
        """The text of every execute_result, in order (rapaio sends plain values as text/html)."""
        return [m["content"]["data"].get("text/plain", m["content"]["data"].get("text/html", ""))
                for m in self.outputs if m["msg_type"] == "execute_result"]

    def displays(self):
        return [m for m in self.outputs if m["msg_type"] in ("display_data", "update_display_data")]

    def errors(self):
        return [m["content"] for m in self.outputs if m["msg_type"] == "error"]

    def describe(self):
        return (f"status={self.status!r}, stdout={self.stdout()!r}, stderr={self.stderr()!r}, "
                f"results={self.results()!r}, errors={[e['traceback'] for e in self.errors()]!r}")


class KernelSession:
    """A started `java` kernel, its client channels, and its process id (for memory)."""

    def __init__(self, fast=True, kernel_name=KERNEL_NAME, startup_timeout=180):
        env = dict(os.environ)
        if fast:
            env["DLCOURSE_FAST"] = "1"
        else:
            env.pop("DLCOURSE_FAST", None)
        self.manager = KernelManager(kernel_name=kernel_name)
        os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
        self.log_path = os.path.join(ROOT, "build", "kernel-session.log")
        self._log = open(self.log_path, "w")
        self.manager.start_kernel(env=env, cwd=os.path.join(ROOT, "notebooks"), stdout=self._log, stderr=self._log)
        self.client = self.manager.client()
        self.client.start_channels()
        self._executions = {}
        try:
            self.client.wait_for_ready(timeout=startup_timeout)
        except RuntimeError:
            self.close()
            raise

    @property
    def pid(self):
        return self.manager.provisioner.process.pid

    def rss_mib(self):
        """The kernel process's resident set size (VmRSS in /proc), in MiB."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        raise KernelError(f"no VmRSS line in /proc/{self.pid}/status")

    def submit(self, code, stop_on_error=True):
        """Sends an execute request as a notebook does (stop_on_error) and returns its Execution."""
        execution = Execution(self.client.execute(code, store_history=True, allow_stdin=False,
                                                  stop_on_error=stop_on_error))
        self._executions[execution.msg_id] = execution
        return execution

    def _dispatch(self, msg):
        """Files a message under the execution it answers (any submitted one, not only the awaited)."""
        execution = self._executions.get(msg["parent_header"].get("msg_id"))
        if execution is None:
            return
        if msg["channel"] == "shell":
            execution.reply = msg
        elif msg["msg_type"] == "status":
            execution.idle = msg["content"]["execution_state"] == "idle"
        elif msg["msg_type"] != "execute_input":
            execution.outputs.append(msg)
        if execution.reply is not None and execution.idle:
            del self._executions[execution.msg_id]

    def collect(self, execution, seconds):
        """Gathers messages for up to `seconds`; True once `execution` has ended (its reply came and
        the kernel went idle for it)."""
        deadline = time.monotonic() + seconds
        while execution.reply is None or not execution.idle:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            for get, wait in ((self.client.get_shell_msg, min(left, 0.1)), (self.client.get_iopub_msg, 0.05)):
                while True:
                    try:
                        msg = get(timeout=wait)
                    except queue.Empty:
                        break
                    msg["channel"] = "shell" if get == self.client.get_shell_msg else "iopub"
                    self._dispatch(msg)
                    wait = 0
        return True

    def wait(self, execution, timeout):
        """Waits until the execution has ended (see collect); fails after `timeout` seconds."""
        if not self.collect(execution, timeout):
            raise KernelError(f"no {'reply' if execution.reply is None else 'idle status'} "
                              f"within {timeout} s; so far: {execution.describe()}")
        return execution

    def run(self, code, timeout=60):
        return self.wait(self.submit(code), timeout)

    def interrupt(self):
        """Jupyter's interrupt, as the notebook server sends it (the kernelspec's interrupt_mode is "message")."""
        self.manager.interrupt_kernel()

    def interrupt_with_reply(self, timeout=10):
        """Sends an interrupt_request on the control channel and returns the kernel's interrupt_reply."""
        msg = self.client.session.msg("interrupt_request", {})
        self.client.control_channel.send(msg)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                reply = self.client.get_control_msg(timeout=0.2)
            except queue.Empty:
                continue
            if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                return reply
        raise KernelError(f"no interrupt_reply on the control channel within {timeout} s")

    def close(self):
        if self.client is not None:
            self.client.stop_channels()
            self.client = None
        self.manager.shutdown_kernel(now=False)
        self._log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def notebook_path(name):
    """notebooks/NN-….ipynb for "NN", "N", a full name or a path."""
    wanted = os.path.basename(name)
    if wanted.endswith(".ipynb"):
        wanted = wanted[:-len(".ipynb")]
    if wanted.isdigit():
        wanted = wanted.zfill(2)
    for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb"))):
        stem = os.path.basename(path)[:-len(".ipynb")]
        if wanted in (stem, stem.split("-")[0]):
            return path
    raise SystemExit(f"no notebook named {name!r} in {os.path.join(ROOT, 'notebooks')}")


def code_cells(path):
    import nbformat
    notebook = nbformat.read(path, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code" and cell.source.strip()]


def run_passes(path, passes, fast=True, cell_timeout=900, report=print):
    """Runs every code cell of the notebook `passes` times in one kernel, as "Run All" does, and
    returns the kernel's RSS in MiB after each pass. Fails on the first cell that does not end "ok"."""
    return run_cells(code_cells(path), passes, os.path.basename(path)[:-len(".ipynb")], fast, cell_timeout, report)


def run_cells(cells, passes, name, fast=True, cell_timeout=900, report=print):
    """Runs the cells `passes` times in one kernel; the kernel's RSS in MiB after each pass."""
    sizes = []
    with KernelSession(fast=fast) as kernel:
        for number in range(1, passes + 1):
            start = time.monotonic()
            for index, code in enumerate(cells):
                execution = kernel.run(code, timeout=cell_timeout)
                if execution.status != "ok":
                    raise KernelError(f"{name}, pass {number}, code cell {index + 1}: {execution.describe()}")
            seconds = time.monotonic() - start
            time.sleep(SETTLE_SECONDS)
            sizes.append(kernel.rss_mib())
            report(f"{name}: pass {number}: {seconds:.1f} s, RSS {sizes[-1]:.0f} MiB")
    return sizes


def growth(sizes, baseline):
    """How much larger the kernel is after the last pass than after pass `baseline` (1-based), as a fraction."""
    return sizes[-1] / sizes[baseline - 1] - 1


def growth_problem(sizes, baseline, limit=GROWTH_LIMIT):
    """None when the last pass left the kernel within `limit` of pass `baseline`; else what grew."""
    grown = growth(sizes, baseline)
    if grown <= limit:
        return None
    return (f"the kernel grew {100 * grown:.1f} % from pass {baseline} to pass {len(sizes)} "
            f"(RSS MiB after each pass: {', '.join(f'{size:.0f}' for size in sizes)}; at most "
            f"{100 * limit:.0f} % is allowed): something the cells make is not freed when they run again")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Run every code cell of each notebook N times in one `java` kernel and report "
                    "the kernel's resident memory (RSS, from /proc) after each pass.")
    parser.add_argument("notebooks", nargs="+", metavar="NN", help="notebook numbers or names")
    parser.add_argument("--passes", type=int, default=4, help="passes over the cells (default 4)")
    parser.add_argument("--full", action="store_true", help="full mode (default: fast mode, DLCOURSE_FAST=1)")
    args = parser.parse_args(argv)
    # Stopped by `timeout` or kill: leave through the sessions' `with`, which shuts their kernels
    # down (a kernel left behind would finish its cell outside any CPU lock).
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    summary = []
    for name in args.notebooks:
        path = notebook_path(name)
        sizes = run_passes(path, args.passes, fast=not args.full)
        line = os.path.basename(path)[:-len(".ipynb")] + ": RSS MiB after each pass " + \
            ", ".join(f"{size:.0f}" for size in sizes)
        if len(sizes) >= 3:
            line += f"; last pass vs pass 2: {100 * growth(sizes, 2):+.1f} %"
        summary.append(line)
    print("\n".join(summary))


if __name__ == "__main__":
    main()
