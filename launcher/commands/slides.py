"""./course slides: notebooks as reveal.js decks in build/slides/, executed, opening offline."""

import socket
from pathlib import Path

from .. import jupyter, notebooks, webassets
from ..console import bold, say
from ..errors import UsageError
from ..layout import COURSE, shown
from . import setup

NAME = "slides"
USAGE = "NN [NN ...] [--lang en|zh] [--fast | --no-execute] [--out DIR] [--serve [--port N]]"
SUMMARY = """the notebooks as reveal.js slide decks, executed (full mode unless --fast),
in build/slides/; they open offline; --serve serves them on localhost"""
DESCRIPTION = f"""Turns notebooks into reveal.js slide decks, build/slides/NN-name.slides.html, one slide or
sub-slide per cell group as the cells' slideshow metadata says, with plots drawn large for a
projector (a cell that draws several plots, or long code and a plot, gets a sub-slide per plot).
Decks are executed in full mode; an executed copy is reused while the notebook and the library
are unchanged (build/executed/). They load reveal.js and MathJax from lib/ next to them, so they
open with no network: open the file in a browser, or serve it. With --lang zh, the Chinese
edition's decks (notebooks/zh/), in build/slides/zh/.

The first run fetches reveal.js {webassets.PACKAGES['reveal.js'][0]} and MathJax {webassets.PACKAGES['mathjax'][0]} from the npm registry (a 23 MB
download; npm is not needed). In a deck: arrow keys move, Esc shows all slides, S opens the
speaker view with the notes."""


def add_arguments(parser):
    parser.add_argument("notebooks", nargs="+", metavar="NN", help="the notebooks to turn into decks")
    parser.add_argument("--lang", choices=notebooks.LANGUAGES, default="en", help="the edition (default: en)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--fast", action="store_true", help="execute in fast mode (smaller data, fewer epochs)")
    mode.add_argument("--no-execute", action="store_true", help="convert without running: code without outputs")
    parser.add_argument("--out", metavar="DIR", default=str(COURSE.build / "slides"), help="where the decks go (default: build/slides)")
    parser.add_argument("--serve", action="store_true", help="then serve the decks' folder on http://127.0.0.1:PORT")
    parser.add_argument("--port", metavar="N", type=int, default=8000, help="the port for --serve (default 8000)")


def run(args):
    paths = [path for _, path in notebooks.editions(args.notebooks, COURSE.notebooks, (args.lang,))]
    jupyter.use_notebook_python(args.argv, required=False)
    setup.ensure()
    jupyter.use_notebook_python(args.argv)
    webassets.fetch(say=say)
    if args.serve:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", args.port))
            except OSError:
                raise UsageError(f"port {args.port} is taken; choose another with --port N") from None
    import nbformat

    from .. import decks, execute

    out = Path(args.out)
    folder = notebooks.edition_folder(args.lang, out)  # a translation's decks in zh/, sharing out/lib
    folder.mkdir(parents=True, exist_ok=True)
    webassets.copy_libraries(out)
    exporter = decks.exporter("" if args.lang == "en" else "../")
    library = None if args.no_execute else execute.library_digest()
    for path in paths:
        if args.no_execute:
            notebook, how = nbformat.read(path, as_version=4), "not executed"
        else:
            executed = execute.executed_copy(path, args.fast, notebooks.edition_folder(args.lang, COURSE.executed),
                                             library, plots="presentation")
            notebook = executed.notebook
            how = (f"{execute.mode_name(args.fast)} mode, "
                   + (f"cached copy of a {executed.seconds:.0f} s run" if executed.cached else f"executed in {executed.seconds:.0f} s"))
        deck = decks.write_deck(notebook, path.stem, folder, exporter)
        say(f"{path.stem}: {shown(deck)} ({how})")
    if args.serve:
        serve(out, args.port, paths[0].relative_to(COURSE.notebooks).with_suffix(".slides.html").as_posix())


def serve(folder, port, first):
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        say(f"serving {shown(folder)}; open {bold(f'http://127.0.0.1:{port}/{first}')}  (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            say("stopped")
