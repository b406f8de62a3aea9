"""The course's website: every notebook executed and written as static pages (needs nbconvert).

index.html lists the chapters (title, one-line summary, run time) and the results table; each
chapter is NN-name.html with its outputs and plots, previous/next links and a link to Binder, plus
its slide deck NN-name.slides.html. All pages share assets/ (CSS) and lib/ (MathJax, reveal.js).
A notebook runs again only when its key changed (see execute.py); a notebook that fails makes the
build fail with its name and the failing cell, and leaves no executed copy behind.
"""

import csv
import re
import shutil
import time
from pathlib import Path

from nbconvert import HTMLExporter
from nbconvert.filters import markdown2html
from pygments.formatters import HtmlFormatter

from . import decks, execute, webassets
from .errors import LauncherError
from .layout import COURSE, shown

TITLE = re.compile(r"^#\s+(\d\d)\s*·\s*(.+?)\s*$")
BINDER = re.compile(r"https://mybinder\.org/v2/gh/[^\s)?]+")


class SiteFailed(LauncherError):
    """Notebooks failed, so the site was not written; the message holds each failure."""


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
    shutil.copyfile(webassets.TEMPLATES / "dlcourse-site" / "site.css", folder / "site.css")


def build(paths, fast, out, cache_dir=COURSE.executed, results_csv=COURSE.results_csv, layout=COURSE, say=print):
    """Executes (or takes from the cache) each notebook, then writes the site into out; returns the
    index page's path. Raises SiteFailed, writing nothing, when a notebook fails."""
    start = time.monotonic()
    mode = execute.mode_name(fast)
    out = Path(out)
    library = execute.library_digest(layout)
    runs, failures = [], []
    for path in paths:
        try:
            run = execute.executed_copy(path, fast, cache_dir, library)
        except execute.NotebookFailed as failure:
            failures.append(str(failure))
            say(f"{path.stem}: FAILED")
            continue
        how = f"cached, from a {run_time(run.seconds)} run" if run.cached else f"executed in {run_time(run.seconds)}"
        say(f"{path.stem}: {how} ({mode} mode)")
        runs.append(run)
    if failures:
        raise SiteFailed("\n\n".join(f"error: {f}" for f in failures)
                         + f"\n\nthe site was not written: {len(failures)} notebook(s) failed")

    out.mkdir(parents=True, exist_ok=True)
    page = HTMLExporter(template_name="dlcourse-site", extra_template_basedirs=[str(webassets.TEMPLATES)],
                        mathjax_url=webassets.MATHJAX_URL, exclude_input_prompt=True, exclude_output_prompt=True)
    deck = decks.exporter()
    webassets.copy_libraries(out, layout)
    write_assets(out, page)
    binder = binder_base(layout.home / "README.md")
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
        decks.write_deck(run.notebook, run.name, out, deck)

    index = page.environment.get_template("site_index.html.j2").render(
        site={"mode": mode, "date": date, "binder": f"{binder}?labpath=notebooks%2F{runs[0].name}.ipynb" if binder else None,
              "next": chapters[0]},
        chapters=chapters, mathjax_url=webassets.MATHJAX_URL,
        results=results_table(Path(results_csv), mode, {c["number"] for c in chapters}))
    (out / "index.html").write_text(index, encoding="utf-8")
    say(f"site: {shown(out / 'index.html')} ({len(chapters)} chapters, {mode} mode) in {run_time(time.monotonic() - start)}")
    return out / "index.html"
