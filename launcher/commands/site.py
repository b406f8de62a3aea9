"""./course site: every notebook executed and written as a static website in build/site/."""

from pathlib import Path

from .. import jupyter, notebooks, webassets
from ..console import say
from ..layout import COURSE
from . import setup

NAME = "site"
USAGE = "[--fast] [--out DIR] [--lang en|zh] [NN ...]"
SUMMARY = """execute every notebook (or those named) and write the website to build/site/,
English and Chinese (build/site/zh/); an unchanged notebook is not run again"""
DESCRIPTION = """Executes every notebook (or those named) and writes the course's website to build/site/:
index.html (the chapters, their run times, the results table) and one page per chapter with its
outputs and plots, previous/next links, a link to open it on Binder, and its slide deck. The
Chinese edition (the chapters translated in notebooks/zh/) goes to build/site/zh/ the same way;
every page has a language switch to its twin, and glossary.html (GLOSSARY.md) is linked from both
editions' index pages. A notebook
is executed again only when it or the library changed since its last run (build/executed/ holds the
copies, by mode); a notebook that fails stops the build with its name and the failing cell.

The pages load MathJax and reveal.js from the site's lib/ folder, so the site opens with no network.
The first run fetches them from the npm registry (a 23 MB download; npm is not needed)."""


def add_arguments(parser):
    parser.add_argument("notebooks", nargs="*", metavar="NN", help="only these chapters (default: all)")
    parser.add_argument("--fast", action="store_true", help="execute in fast mode (the test's sizes: minutes for the whole course)")
    parser.add_argument("--lang", choices=notebooks.LANGUAGES, help="only this edition (default: both)")
    parser.add_argument("--out", metavar="DIR", default=str(COURSE.build / "site"), help="where the site goes (default: build/site)")


def run(args):
    paths = [notebooks.resolve(n, COURSE.notebooks) for n in args.notebooks] or notebooks.paths(COURSE.notebooks)
    jupyter.use_notebook_python(args.argv, required=False)
    setup.ensure()
    jupyter.use_notebook_python(args.argv)
    webassets.fetch(say=say)
    from .. import website

    website.build(paths, args.fast, Path(args.out), say=say,
                  languages=(args.lang,) if args.lang else notebooks.LANGUAGES)
