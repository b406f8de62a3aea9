"""Executed copies of the notebooks, cached by content, shared by ./course slides and ./course site.

A notebook is executed again only when its key changes: the SHA-256 of the notebook file, of the
library's sources (pom.xml and everything under src/main, which is what the kernel's classpath and
init script are built from), of the mode (fast or full) and of the plot size (notebook, or
presentation for slides: DLCOURSE_PLOTS=presentation makes the plot wrappers draw for a projector). The executed copy and its key are
written only after every cell ran, so a failed run leaves the previous good copy, or nothing.
"""

import atexit
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

HOME = Path(__file__).resolve().parent.parent
KERNEL = "java"
# Bumped when what a cached copy holds changes, so older copies are not reused.
CACHE_FORMAT = "1"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class NotebookFailed(Exception):
    """A notebook did not run to the end; the message names it and says why."""


@dataclass
class Executed:
    name: str
    notebook: nbformat.NotebookNode
    seconds: float
    cached: bool


def mode_name(fast):
    return "fast" if fast else "full"


def library_digest(home=HOME):
    """SHA-256 over pom.xml and every file under src/main, in a fixed order, names included."""
    digest = hashlib.sha256()
    files = [home / "pom.xml"] + sorted(p for p in (home / "src" / "main").rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(home)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


PLOT_SIZES = ("notebook", "presentation")


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


def _tail(path, lines=12):
    return "\n".join(Path(path).read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def execute(notebook_path, fast, cache_dir, library=None, log_dir=None, plots="notebook"):
    """The executed notebook, from the cache when its key matches, else run now with the java kernel.
    plots: "notebook" (the site) or "presentation" (slides: larger plots and fonts)."""
    if plots not in PLOT_SIZES:
        raise ValueError(f"plots must be one of {PLOT_SIZES}, got {plots!r}")
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

    notebook = nbformat.read(notebook_path, as_version=4)
    env = dict(os.environ)
    env.pop("DLCOURSE_FAST", None)
    env.pop("DLCOURSE_PLOTS", None)
    if fast:
        env["DLCOURSE_FAST"] = "1"
    if plots != "notebook":
        env["DLCOURSE_PLOTS"] = plots
    log_dir = Path(log_dir or folder)
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / (name + ".log")
    client = NotebookClient(notebook, kernel_name=KERNEL, timeout=1800, startup_timeout=180,
                            resources={"metadata": {"path": str(notebook_path.parent)}})
    start = time.monotonic()
    # The kernel's own start-up log goes to a file, not between the build's progress lines.
    with open(log_path, "w", encoding="utf-8") as log:
        try:
            client.execute(cwd=str(notebook_path.parent), env=env, stdout=log, stderr=log)
        except CellExecutionError as error:
            raise NotebookFailed(f"{name}: a cell failed ({mode_name(fast)} mode; kernel log: {log_path})\n"
                                 + ANSI.sub("", str(error)).strip()) from None
        except DeadKernelError as error:
            raise NotebookFailed(f"{name}: the kernel died ({error}); its log: {log_path}") from None
        except TimeoutError as error:
            raise NotebookFailed(f"{name}: {error}; kernel log: {log_path}") from None
        except RuntimeError as error:  # nbclient's "Kernel died before replying to kernel_info"
            raise NotebookFailed(f"{name}: the java kernel did not start ({error}); the end of its log, "
                                 f"{log_path}:\n" + _tail(log_path)) from None
        finally:
            # nbclient registers a clean-up at exit that fails when the kernel never started.
            atexit.unregister(client._cleanup_kernel)
    seconds = time.monotonic() - start
    _write_atomically(copy, nbformat.writes(notebook))
    _write_atomically(meta_file, json.dumps({"key": key, "seconds": round(seconds, 1), "mode": mode_name(fast),
                                             "executed": time.strftime("%Y-%m-%dT%H:%M:%S")}, indent=1))
    return Executed(name, notebook, seconds, False)


def shown(path):
    """A path as a user would type it from the course's folder."""
    path = Path(path).resolve()
    return str(path.relative_to(HOME)) if path.is_relative_to(HOME) else str(path)


def resolve(wanted, notebooks_dir):
    """The notebook file for '05', '5', '05-convolutions' or a path; exits 2 naming the choices if none."""
    available = sorted(p for p in Path(notebooks_dir).glob("[0-9][0-9]-*.ipynb"))
    stem = Path(wanted).name
    stem = stem[:-len(".ipynb")] if stem.endswith(".ipynb") else stem
    if re.fullmatch(r"\d", stem):
        stem = "0" + stem
    for path in available:
        if path.stem == stem or path.stem.split("-", 1)[0] == stem:
            return path
    print(f"error: no notebook named '{wanted}'.\navailable notebooks:", file=sys.stderr)
    for path in available:
        print("  " + path.stem, file=sys.stderr)
    sys.exit(2)
