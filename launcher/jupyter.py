"""Finding Jupyter: its commands, the Python that runs it, and the user's Jupyter data folder.

The launcher itself needs only Python's standard library, so any Python 3 starts it. Executing
notebooks needs nbclient and nbformat, which live in the Python that runs Jupyter: a command that
executes notebooks starts the launcher again under that Python (use_notebook_python) when the one
running it lacks them. The first python3 on PATH may well be another one (a pyenv build, say).
"""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import LauncherError
from .layout import PROG

# What executing notebooks, slides and pages needs from Jupyter's Python.
NOTEBOOK_MODULES = ("nbformat", "nbclient", "nbconvert")
# The Jupyter commands the course calls: jupyter notebook (./course lab), and nbconvert's
# templates and exporters (run, slides, site).
COMMANDS = ("jupyter", "jupyter-notebook", "jupyter-nbconvert")


def missing_commands():
    """The Jupyter commands not found on PATH."""
    return [c for c in COMMANDS if shutil.which(c) is None]


def _has_modules(python, modules):
    check = "import importlib.util, sys; sys.exit(any(importlib.util.find_spec(m) is None for m in sys.argv[1:]))"
    try:
        return subprocess.run([python, "-c", check, *modules], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def interpreters_of(script, windows=os.name == "nt"):
    """Where the Python that runs a console script such as jupyter is: named on its first line (#!)
    on Linux and macOS; on Windows the script is Scripts\\jupyter.exe, with python.exe beside it
    in a virtual environment and one folder up in an installed Python."""
    if windows:
        scripts = PureWindowsPath(script).parent
        return [str(scripts / "python.exe"), str(scripts.parent / "python.exe")]
    try:
        with open(script, "rb") as f:
            first = f.readline().decode("utf-8", "replace").strip()
    except OSError:
        return []
    if not first.startswith("#!"):
        return []
    words = first[2:].split()
    # "#!/usr/bin/env python3" names the interpreter through env.
    if words and PurePosixPath(words[0]).name == "env" and len(words) > 1:
        found = shutil.which(words[-1])
        return [found] if found else []
    return words[:1]


def python_candidates():
    """Where Jupyter's Python may be, most likely first: the one running this, the interpreter of
    the jupyter command, Debian's /usr/bin/python3, then python3 and python on PATH."""
    candidates = [sys.executable]
    jupyter = shutil.which("jupyter")
    if jupyter:
        candidates += interpreters_of(jupyter)
    if os.name != "nt":
        candidates.append("/usr/bin/python3")
    candidates += [shutil.which("python3"), shutil.which("python")]
    unique = []
    for candidate in candidates:
        if candidate and candidate not in unique and (os.path.isfile(candidate) or shutil.which(candidate)):
            unique.append(candidate)
    return unique


def notebook_python(modules=NOTEBOOK_MODULES):
    """The first candidate that imports every module, or None."""
    if all(importlib.util.find_spec(m) is not None for m in modules):
        return sys.executable
    return next((p for p in python_candidates()[1:] if _has_modules(p, modules)), None)


def use_notebook_python(argv, required=True, modules=NOTEBOOK_MODULES):
    """Returns when this Python can import the modules; else runs the launcher with argv again
    under Jupyter's Python and exits with its status. Where there is no such Python, returns if not
    required (set-up may install Jupyter first), else stops with the fix."""
    if all(importlib.util.find_spec(m) is not None for m in modules):
        return
    python = notebook_python(modules)
    if python is None:
        if not required:
            return
        raise LauncherError(f"no Python with {', '.join(modules)} found (tried: {', '.join(python_candidates())}); "
                            f"{PROG} doctor says how to install Jupyter")
    command = [python, str(Path(__file__).resolve().parent), *argv]
    sys.stdout.flush()
    if os.name == "nt":  # exec on Windows starts a detached process: wait for it instead
        sys.exit(subprocess.call(command))
    os.execv(python, command)


def default_data_dir(platform):
    """The user's Jupyter data folder by jupyter_core's documented rules: JUPYTER_DATA_DIR, else
    %APPDATA%\\jupyter on Windows, ~/Library/Jupyter on macOS, $XDG_DATA_HOME/jupyter or
    ~/.local/share/jupyter on Linux."""
    env, home = platform.env, platform.user_home
    if env.get("JUPYTER_DATA_DIR"):
        return platform.path(env["JUPYTER_DATA_DIR"])
    if platform.windows:
        appdata = env.get("APPDATA")
        return platform.path(appdata, "jupyter") if appdata else platform.path(home, ".jupyter", "data")
    if platform.macos:
        return platform.path(home, "Library", "Jupyter")
    xdg = env.get("XDG_DATA_HOME")
    return platform.path(xdg, "jupyter") if xdg else platform.path(home, ".local", "share", "jupyter")


def data_dir(platform):
    """Where Jupyter reads the user's kernelspecs: JUPYTER_DATA_DIR, else what `jupyter --data-dir`
    answers (it knows settings such as JUPYTER_PLATFORM_DIRS), else the documented default."""
    if platform.env.get("JUPYTER_DATA_DIR") or not shutil.which("jupyter"):
        return Path(str(default_data_dir(platform)))
    answer = subprocess.run(["jupyter", "--data-dir"], capture_output=True, text=True)
    lines = answer.stdout.strip().splitlines()
    return Path(lines[-1]) if answer.returncode == 0 and lines else Path(str(default_data_dir(platform)))


def version(command):
    """What `COMMAND --version` prints (one line), or None."""
    try:
        answer = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = answer.stdout.strip().splitlines()
    return lines[-1] if answer.returncode == 0 and lines else None
