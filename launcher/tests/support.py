"""What the launcher's tests share: fake platforms, running the command line, and skipping what
needs a set-up course or Jupyter's Python where it is missing."""

import contextlib
import importlib.util
import io
import os
import subprocess
import unittest
from pathlib import PurePosixPath, PureWindowsPath

from launcher import cli, jupyter, kernelspec
from launcher.layout import COURSE, HOME
from launcher.platforms import LINUX, MACOS, WINDOWS, Platform

HOMES = {LINUX: PurePosixPath("/home/ada"), MACOS: PurePosixPath("/Users/ada"), WINDOWS: PureWindowsPath(r"C:\Users\ada")}


def platform(system=LINUX, machine="x86_64", **facts):
    """A Platform with the facts of another machine (macOS and Windows cannot run here)."""
    facts.setdefault("user_home", HOMES[system])
    facts.setdefault("env", {})
    facts.setdefault("cores", 8)
    return Platform(system=system, machine=machine, **facts)


def call(*argv):
    """./course ARGV in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(argv))
    return status, out.getvalue(), err.getvalue()


def course(*args, env=None, timeout=300):
    """./course ARGS as a learner runs it (the sh entry point); stdout and stderr together."""
    environment = dict(os.environ, **(env or {}))
    return subprocess.run([str(HOME / "course"), *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, env=environment, timeout=timeout, cwd=HOME)


def is_set_up():
    """./course setup ran in this folder: the library is built and the java kernel points here."""
    if not COURSE.jar.exists():
        return False
    return not kernelspec.problems(jupyter.data_dir(Platform.current()), COURSE)


def has_modules(*names):
    return all(importlib.util.find_spec(n) is not None for n in names)


requires_set_up = unittest.skipUnless(is_set_up(), "needs ./course setup in this folder (the library built, "
                                                   "the java kernel pointing here)")
requires_notebook_python = unittest.skipUnless(has_modules(*jupyter.NOTEBOOK_MODULES),
                                               "needs Jupyter's Python (nbformat, nbclient, nbconvert): ./course test runs in it")
