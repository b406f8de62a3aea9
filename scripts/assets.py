"""The browser libraries that decks and site pages load from disk, never from a CDN.

./course fetches them once from the npm registry into build/vendor/ (reveal.js 4.0.2, the version
nbconvert 6's reveal template is written for, and MathJax 2.7.9, the MathJax 2 that nbconvert's
templates drive through MathJax.Hub), trimmed to what a page loads. Each output folder gets its
own copy under lib/, so a folder of decks or the site can be copied elsewhere and still work.
"""

import shutil
import sys
from pathlib import Path

from executed import HOME

VENDOR = HOME / "build" / "vendor"
LIBRARIES = ("reveal.js", "mathjax")
MATHJAX_URL = "lib/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
REVEAL_PREFIX = "lib/reveal.js"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def _version(folder):
    marker = folder / "VERSION"
    return marker.read_text().strip() if marker.exists() else None


def copy_libraries(out_dir, libraries=LIBRARIES):
    """Copies the fetched libraries into out_dir/lib, unless the same versions are there already."""
    for library in libraries:
        source = VENDOR / library
        if _version(source) is None:
            sys.exit(f"error: {source} is missing; ./course slides and ./course site fetch it with npm first")
        target = Path(out_dir) / "lib" / library
        if _version(target) != _version(source):
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)
