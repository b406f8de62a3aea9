"""./course site: every notebook executed and written as a static website in build/site/.

usage: site.py [--fast] [--out DIR] [--cache DIR] [NN ...]

index.html lists the chapters (title, one-line summary, run time) and the results table; each
chapter is NN-name.html with its outputs and plots, previous/next links and a link to Binder, plus
its slide deck NN-name.slides.html. All pages share assets/ (CSS) and lib/ (MathJax, reveal.js).
A notebook runs again only when its key changed (see executed.py); a notebook that fails makes the
build fail with its name and the failing cell, and leaves no executed copy behind.
"""

import argparse
import csv
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters import markdown2html
from pygments.formatters import HtmlFormatter

import assets
import executed
import slides

TITLE = re.compile(r"^#\s+(\d\d)\s*·\s*(.+?)\s*$")
BINDER = re.compile(r"https://mybinder\.org/v2/gh/[^\s)?]+")


def binder_base(readme):
    """The Binder URL of README.md's badge, without its query: the site's Binder links follow it."""
    match = BINDER.search(readme.read_text(encoding="utf-8")) if readme.exists() else None
    return match.group(0) if match else None


def title_and_summary(notebook, name):
    """The chapter's title from its first heading, and its first paragraph of prose as HTML."""
    number = name[:2]
    title = name[3:].replace("-", " ")
    summary = ""
    first = next((c for c in notebook.cells if c.cell_type == "markdown"), None)
    if first is not None:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", first.source) if b.strip()]
        heading = TITLE.match(blocks[0]) if blocks else None
        if heading:
            number, title = heading.group(1), heading.group(2)
            blocks = blocks[1:]
        prose = [b for b in blocks if not re.match(r"^(#|[-*] |\d+\. |\*\*[^*]+\*\*\s*$|\*\*After)", b)]
        if prose:
            summary = prose[0]
        else:  # no paragraph: the first thing the reader will be able to do
            item = re.search(r"^[-*] (.+)$", first.source, re.MULTILINE)
            summary = item.group(1).rstrip(";.") + "." if item else ""
            summary = summary[:1].upper() + summary[1:]
    html_summary = markdown2html(summary).strip()
    html_summary = re.sub(r"^<p>(.*)</p>$", r"\1", html_summary, flags=re.DOTALL)
    return number, title, html_summary


def run_time(seconds):
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def results_table(results_csv, mode, chapters):
    """The results of these chapters in this mode, one row per (chapter, model), a column per metric."""
    if not results_csv.exists():
        return {"columns": [], "rows": []}
    with open(results_csv, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["mode"] == mode and r["chapter"] in chapters]
    metrics, table = [], {}
    for r in rows:
        if r["metric"] not in metrics:
            metrics.append(r["metric"])
        table.setdefault((r["chapter"], r["model"]), {})[r["metric"]] = float(r["value"])
    body = [[chapter, model] + [f"{values[m]:.4g}" if m in values else "" for m in metrics]
            for (chapter, model), values in sorted(table.items(), key=lambda kv: kv[0][0])]
    return {"columns": ["chapter", "model"] + metrics, "rows": body}


def write_assets(out, exporter):
    """assets/notebook.css (JupyterLab's notebook look and the code colours) and assets/site.css."""
    folder = out / "assets"
    folder.mkdir(parents=True, exist_ok=True)
    lab = next(Path(p) / "static" for p in exporter.template_paths if (Path(p) / "static" / "index.css").exists())
    parts = [(lab / "index.css").read_text(encoding="utf-8"), (lab / "theme-light.css").read_text(encoding="utf-8"),
             HtmlFormatter(style="default").get_style_defs(".highlight")]
    (folder / "notebook.css").write_text("\n".join(parts), encoding="utf-8")
    shutil.copyfile(assets.TEMPLATES / "dlcourse-site" / "site.css", folder / "site.css")


def main(argv):
    parser = argparse.ArgumentParser(prog="./course site", description=__doc__.split("\n\n")[0])
    parser.add_argument("--fast", action="store_true", help="execute in fast mode (default: full mode)")
    parser.add_argument("--out", default=str(executed.HOME / "build" / "site"), help="folder for the site")
    parser.add_argument("--cache", default=str(executed.HOME / "build" / "executed"), help="executed copies")
    parser.add_argument("--notebooks-dir", default=str(executed.HOME / "notebooks"), help=argparse.SUPPRESS)
    parser.add_argument("--results", default=str(executed.HOME / "build" / "results" / "results.csv"),
                        help=argparse.SUPPRESS)
    parser.add_argument("notebooks", nargs="*", metavar="NN", help="only these chapters (default: all)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    notebooks_dir = Path(args.notebooks_dir)
    paths = ([executed.resolve(n, notebooks_dir) for n in args.notebooks] if args.notebooks
             else sorted(notebooks_dir.glob("[0-9][0-9]-*.ipynb")))
    if not paths:
        print(f"error: no notebooks (NN-name.ipynb) in {notebooks_dir}", file=sys.stderr)
        return 2
    mode = executed.mode_name(args.fast)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    library = executed.library_digest()
    runs, failures = [], []
    for path in paths:
        try:
            run = executed.execute(path, args.fast, args.cache, library)
        except executed.NotebookFailed as failure:
            failures.append(str(failure))
            print(f"{path.stem}: FAILED", flush=True)
            continue
        how = f"cached, from a {run_time(run.seconds)} run" if run.cached else f"executed in {run_time(run.seconds)}"
        print(f"{path.stem}: {how} ({mode} mode)", flush=True)
        runs.append(run)
    if failures:
        for failure in failures:
            print(f"\nerror: {failure}", file=sys.stderr)
        print(f"\nthe site was not written: {len(failures)} notebook(s) failed", file=sys.stderr)
        return 1

    page = HTMLExporter(template_name="dlcourse-site", extra_template_basedirs=[str(assets.TEMPLATES)],
                        mathjax_url=assets.MATHJAX_URL, exclude_input_prompt=True, exclude_output_prompt=True)
    deck = slides.exporter()
    assets.copy_libraries(out)
    write_assets(out, page)
    binder = binder_base(executed.HOME / "README.md")
    date = time.strftime("%Y-%m-%d")
    chapters = []
    for run in runs:
        number, title, summary = title_and_summary(run.notebook, run.name)
        chapters.append({"name": run.name, "number": number, "title": title, "summary": summary,
                         "href": run.name + ".html", "slides": run.name + ".slides.html",
                         "run_time": run_time(run.seconds),
                         "binder": f"{binder}?labpath=notebooks%2F{run.name}.ipynb" if binder else None})
    for i, (run, chapter) in enumerate(zip(runs, chapters)):
        site = dict(chapter, mode=mode, date=date,
                    prev=chapters[i - 1] if i > 0 else None,
                    next=chapters[i + 1] if i + 1 < len(chapters) else None)
        body, _ = page.from_notebook_node(run.notebook, resources={"metadata": {"name": run.name}, "site": site})
        (out / chapter["href"]).write_text(body, encoding="utf-8")
        slides.write_deck(run.notebook, run.name, out, deck)

    index = page.environment.get_template("site_index.html.j2").render(
        site={"mode": mode, "date": date, "binder": f"{binder}?labpath=notebooks%2F{runs[0].name}.ipynb" if binder else None,
              "next": chapters[0]},
        chapters=chapters, mathjax_url=assets.MATHJAX_URL,
        results=results_table(Path(args.results), mode, {c["number"] for c in chapters}))
    (out / "index.html").write_text(index, encoding="utf-8")
    print(f"site: {executed.shown(out / 'index.html')} ({len(chapters)} chapters, {mode} mode) in {run_time(time.monotonic() - start)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
