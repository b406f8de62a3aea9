"""./course slides: notebooks as reveal.js decks in build/slides/, executed, opening offline.

usage: slides.py [--fast | --no-execute] [--out DIR] [--cache DIR] NN [NN ...]

Each deck is NN-name.slides.html, next to lib/ (reveal.js and MathJax). Cells become slides
from their slideshow.slide_type metadata. Executed copies are shared with ./course site
(build/executed/, reused while the notebook and the library are unchanged).
"""

import argparse
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

import assets
import executed


def exporter():
    return SlidesExporter(template_name="dlcourse-slides", extra_template_basedirs=[str(assets.TEMPLATES)],
                          reveal_url_prefix=assets.REVEAL_PREFIX, mathjax_url=assets.MATHJAX_URL,
                          reveal_theme="white", reveal_transition="none", reveal_number="c/t",
                          exclude_input_prompt=True, exclude_output_prompt=True)


def write_deck(notebook, name, out_dir, slides=None):
    """Writes out_dir/NAME.slides.html; returns its path."""
    html, _ = (slides or exporter()).from_notebook_node(notebook, resources={"metadata": {"name": name}})
    path = Path(out_dir) / (name + ".slides.html")
    path.write_text(html, encoding="utf-8")
    return path


def main(argv):
    parser = argparse.ArgumentParser(prog="./course slides", description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--fast", action="store_true", help="execute in fast mode (default: full mode)")
    mode.add_argument("--no-execute", action="store_true", help="convert without running: no outputs")
    parser.add_argument("--out", default=str(executed.HOME / "build" / "slides"), help="folder for the decks")
    parser.add_argument("--cache", default=str(executed.HOME / "build" / "executed"), help="executed copies")
    parser.add_argument("--notebooks-dir", default=str(executed.HOME / "notebooks"), help=argparse.SUPPRESS)
    parser.add_argument("notebooks", nargs="+", metavar="NN")
    args = parser.parse_args(argv)
    paths = [executed.resolve(n, args.notebooks_dir) for n in args.notebooks]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    assets.copy_libraries(out)
    slides = exporter()
    library = None if args.no_execute else executed.library_digest()
    for path in paths:
        if args.no_execute:
            notebook, how = nbformat.read(path, as_version=4), "not executed"
        else:
            try:
                run = executed.execute(path, args.fast, args.cache, library, plots="presentation")
            except executed.NotebookFailed as failure:
                print(f"error: {failure}", file=sys.stderr)
                return 1
            notebook = run.notebook
            how = (f"{executed.mode_name(args.fast)} mode, "
                   + (f"cached copy of a {run.seconds:.0f} s run" if run.cached else f"executed in {run.seconds:.0f} s"))
        deck = write_deck(notebook, path.stem, out, slides)
        print(f"{path.stem}: {executed.shown(deck)} ({how})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
