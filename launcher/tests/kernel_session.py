"""A Java kernel driven through the Jupyter protocol, as a notebook front end drives it.

Used by the protocol tests (interrupt, re-run memory) and by the re-run memory tool:
    /usr/bin/python3 launcher/tests/kernel_session.py NN [NN ...] [--passes 4] [--full]
runs every code cell of each notebook N times in one kernel (fast mode unless --full) and
prints the kernel process's resident memory after each pass.
"""
import argparse
import os
import queue
import sys
import time

from jupyter_client.manager import KernelManager

KERNEL_NAME = "java"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


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

    def submit(self, code):
        """Sends an execute request as a notebook does (stop_on_error) and returns its Execution."""
        return Execution(self.client.execute(code, store_history=True, allow_stdin=False, stop_on_error=True))

    def collect(self, execution, seconds):
        """Gathers the execution's reply and IOPub messages for up to `seconds`; True once it has ended
        (its reply came and the kernel went idle for it)."""
        deadline = time.monotonic() + seconds
        while execution.reply is None or not execution.idle:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if execution.reply is None:
                try:
                    msg = self.client.get_shell_msg(timeout=min(left, 0.1))
                    if msg["parent_header"].get("msg_id") == execution.msg_id:
                        execution.reply = msg
                except queue.Empty:
                    pass
            while True:
                try:
                    msg = self.client.get_iopub_msg(timeout=0.05)
                except queue.Empty:
                    break
                if msg["parent_header"].get("msg_id") != execution.msg_id:
                    continue
                if msg["msg_type"] == "status":
                    execution.idle = msg["content"]["execution_state"] == "idle"
                elif msg["msg_type"] != "execute_input":
                    execution.outputs.append(msg)
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
