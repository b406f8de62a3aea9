"""./course lab: set up if needed, then Jupyter Notebook in notebooks/."""

import os
import shutil
import subprocess
import sys

from ..console import say
from ..errors import LauncherError
from ..layout import COURSE
from . import setup

NAME = "lab"
USAGE = "[ARGS]"
SUMMARY = """set up if needed, then open Jupyter Notebook in notebooks/
(extra ARGS go to Jupyter, e.g. --no-browser --ip 0.0.0.0 --port 8888)"""
DESCRIPTION = """Runs set-up (quietly, doing only what is missing), then starts Jupyter Notebook in the
notebooks folder. Every option goes on to Jupyter (jupyter notebook --help lists them). Token
authentication stays on: open the link with ?token=... that Jupyter prints."""
PASSES_ON = True


def add_arguments(parser):
    """No options of its own: all go to Jupyter."""


def run(args):
    setup.ensure()
    command = [shutil.which("jupyter-notebook") or "jupyter-notebook", *args.passed_on]
    # Jupyter refuses to start as root unless told; containers and CI run as root.
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        command.append("--allow-root")
    os.chdir(COURSE.notebooks)
    sys.stdout.flush()
    if os.name == "nt":  # exec on Windows leaves the console to a detached process: wait instead
        try:
            return subprocess.call(command)
        except KeyboardInterrupt:
            say("Jupyter stopped")
            return 0
    try:
        os.execv(command[0], command)
    except OSError as error:
        raise LauncherError(f"could not start Jupyter Notebook ({command[0]}: {error})") from None
