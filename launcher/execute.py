"""Running a notebook: the one way the course executes one, for ./course run, test, slides and site.

A notebook runs with nbclient and the 'java' kernel, in its own folder, in fast mode
(DLCOURSE_FAST=1) or full mode, with plots sized for the page or for a projector
(DLCOURSE_PLOTS=presentation). The kernel's own log goes to a file; a failure raises NotebookFailed
naming the notebook and the failing cell. Needs Jupyter's Python (nbclient, nbformat).

Executed copies (for slides and the site) are cached by content: a notebook runs again only when
its key changes, the SHA-256 of the notebook file, of the library's sources (pom.xml and src/main,
what the kernel's classpath and init script are built from), of the mode and of the plot size.
A copy and its key are written only after every cell ran, so a failed run leaves the previous
good copy, or nothing.
"""

import atexit
import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

from .errors import LauncherError
from .layout import COURSE, KERNEL_NAME, PROG

PLOT_SIZES = ("notebook", "presentation")
# Bumped when what a cached copy holds changes, so older copies are not reused.
CACHE_FORMAT = "1"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class NotebookFailed(LauncherError):
    """A notebook did not run to the end; the message names it and says why."""


@dataclass
class Executed:
    name: str
    notebook: nbformat.NotebookNode
    seconds: float
    cached: bool


def mode_name(fast):
    return "fast" if fast else "full"


def _tail(path, lines=12):
    return "\n".join(Path(path).read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def client(notebook, folder, timeout, kernel_env=None):
    """nbclient's client for the notebook, run in folder with the 'java' kernel; kernel_env replaces
    settings of the kernelspec's environment for this run (Jupyter lets the kernelspec's env win
    over the environment a kernel is started with)."""
    made = NotebookClient(notebook, kernel_name=KERNEL_NAME, timeout=timeout, startup_timeout=180,
                          resources={"metadata": {"path": str(folder)}})
    if kernel_env:
        made.create_kernel_manager().kernel_spec.env.update(kernel_env)
    return made


def run(path, fast, log_path, plots="notebook", timeout=1800, kernel_env=None):
    """Executes the notebook file at path; returns (executed notebook, seconds). The kernel's log,
    and its start-up messages, go to log_path; kernel_env: see client."""
    if plots not in PLOT_SIZES:
        raise ValueError(f"plots must be one of {PLOT_SIZES}, got {plots!r}")
    path, log_path = Path(path), Path(log_path)
    name = path.stem
    notebook = nbformat.read(path, as_version=4)
    env = {k: v for k, v in os.environ.items() if k not in ("DLCOURSE_FAST", "DLCOURSE_PLOTS")}
    if fast:
        env["DLCOURSE_FAST"] = "1"
    if plots != "notebook":
        env["DLCOURSE_PLOTS"] = plots
    log_path.parent.mkdir(parents=True, exist_ok=True)
    runner = client(notebook, path.parent, timeout, kernel_env)
    start = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        try:
            runner.execute(cwd=str(path.parent), env=env, stdout=log, stderr=log)
        except CellExecutionError as error:
            raise NotebookFailed(f"{name}: a cell failed ({mode_name(fast)} mode; kernel log: {log_path})\n"
                                 + ANSI.sub("", str(error)).strip()) from None
        except DeadKernelError as error:
            raise NotebookFailed(f"{name}: the kernel died ({error}); its log: {log_path}") from None
        except TimeoutError as error:
            raise NotebookFailed(f"{name}: {error}; kernel log: {log_path}") from None
        except RuntimeError as error:  # nbclient's "Kernel died before replying to kernel_info"
            raise NotebookFailed(f"{name}: the java kernel did not start ({error}); {PROG} doctor checks the "
                                 f"kernelspec; the end of its log, {log_path}:\n" + _tail(log_path)) from None
        finally:
            # nbclient registers a clean-up at exit that fails when the kernel never started.
            atexit.unregister(runner._cleanup_kernel)
    return notebook, time.monotonic() - start


def library_digest(layout=COURSE):
    """SHA-256 over pom.xml and every file under src/main, in a fixed order, names included."""
    digest = hashlib.sha256()
    home = layout.home
    files = [home / "pom.xml"] + sorted(p for p in (home / "src" / "main").rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(home)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def cache_key(notebook_path, fast, library, plots="notebook"):
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, mode_name(fast), plots, library):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(Path(notebook_path).read_bytes())
    return digest.hexdigest()


def _write_atomically(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".part") as out:
        out.write(text)
    os.replace(out.name, path)


def executed_copy(notebook_path, fast, cache_dir, library=None, plots="notebook"):
    """The executed notebook, from the cache when its key matches, else run now (see run)."""
    notebook_path = Path(notebook_path)
    name = notebook_path.stem
    library = library or library_digest()
    key = cache_key(notebook_path, fast, library, plots)
    folder = Path(cache_dir) / (mode_name(fast) + ("" if plots == "notebook" else "-" + plots))
    copy, meta_file = folder / (name + ".ipynb"), folder / (name + ".json")
    if copy.exists() and meta_file.exists():
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if meta.get("key") == key:
            return Executed(name, nbformat.read(copy, as_version=4), meta["seconds"], True)
    notebook, seconds = run(notebook_path, fast, folder / (name + ".log"), plots)
    _write_atomically(copy, nbformat.writes(notebook))
    _write_atomically(meta_file, json.dumps({"key": key, "seconds": round(seconds, 1), "mode": mode_name(fast),
                                             "executed": time.strftime("%Y-%m-%dT%H:%M:%S")}, indent=1))
    return Executed(name, notebook, seconds, False)
