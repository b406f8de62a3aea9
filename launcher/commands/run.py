"""./course run: execute notebooks into build/run/ as .ipynb and .html."""

from .. import jupyter, notebooks
from ..console import say
from ..layout import COURSE, shown
from . import setup

NAME = "run"
USAGE = "NN [NN ...] [--fast] [--lang en|zh]"
SUMMARY = "execute notebooks (full mode unless --fast) into build/run/ as .ipynb and .html"
DESCRIPTION = """Executes each notebook named (00 or 00-setup-and-tour) with the course's kernel, as Jupyter
would run all its cells, and writes the executed notebook and an HTML page of it to build/run/.
Full mode gives the README's results; fast mode (the test's sizes) takes seconds. With --lang zh,
the Chinese edition's notebook (notebooks/zh/), into build/run/zh/."""


def add_arguments(parser):
    parser.add_argument("notebooks", nargs="+", metavar="NN", help="the notebooks to execute")
    parser.add_argument("--fast", action="store_true", help="fast mode: smaller data, fewer epochs")
    parser.add_argument("--lang", choices=notebooks.LANGUAGES, default="en", help="the edition (default: en)")


def run(args):
    paths = [path for _, path in notebooks.editions(args.notebooks, COURSE.notebooks, (args.lang,))]
    jupyter.use_notebook_python(args.argv, required=False)
    setup.ensure()
    jupyter.use_notebook_python(args.argv)
    import nbformat
    from nbconvert import HTMLExporter

    from .. import execute

    out = notebooks.edition_folder(args.lang, COURSE.build / "run")
    exporter = HTMLExporter()
    for path in paths:
        notebook, seconds = execute.run(path, args.fast, out / (path.stem + ".log"))
        nbformat.write(notebook, out / (path.stem + ".ipynb"))
        html, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
        (out / (path.stem + ".html")).write_text(html, encoding="utf-8")
        say(f"{path.stem}: executed in {seconds:.0f} s ({execute.mode_name(args.fast)} mode) -> "
            f"{shown(out / (path.stem + '.ipynb'))}, {shown(out / (path.stem + '.html'))}")
        for problem in notebooks.output_problems(notebook):
            say(f"  note: {problem}")
