"""The course's website: every notebook executed and written as static pages (needs nbconvert).

index.html lists the chapters (title, one-line summary, run time) and the results table; each
chapter is NN-name.html with its outputs and plots, previous/next links and a link to Binder, plus
its slide deck NN-name.slides.html. The Chinese edition's pages are the same under zh/; every page
has a language switch (to the chapter's twin where it is translated), and glossary.html, from
GLOSSARY.md, is linked from both indexes. All pages share assets/ (CSS) and lib/ (MathJax, reveal.js).
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

from . import decks, execute, notebooks, webassets
from .errors import LauncherError
from .layout import COURSE, shown

TITLE = re.compile(r"^#\s+(\d\d)\s*·\s*(.+?)\s*$")
# Links in a notebook's markdown that point at files of the repository: another chapter of its
# edition (05-convolutions.ipynb#anchor), and the glossary (../GLOSSARY.md, ../../GLOSSARY.md from zh/).
NOTEBOOK_LINK = re.compile(r'href="(\d\d-[a-z0-9-]+)\.ipynb(#[^"]*)?"')
GLOSSARY_LINK = re.compile(r'href="(?:\.\./)+GLOSSARY\.md(?:#[^"]*)?"')
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


def site_links(html, root, chapters):
    """A page's links to the repository's files made the site's: a chapter in this edition's pages
    (where the site has it) and the glossary's page."""
    def chapter(match):
        name, anchor = match.group(1), match.group(2) or ""
        return f'href="{name}.html{anchor}"' if name in chapters else match.group(0)
    return GLOSSARY_LINK.sub(f'href="{root}glossary.html"', NOTEBOOK_LINK.sub(chapter, html))


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


# The words of the site's own pages, per edition; the chapters' words are the notebooks'.
WORDS = {
    "en": {"course": "Deep learning in Java", "switch": "中文", "glossary": "Glossary · 术语表", "slides": "slides",
           "binder": "open in Binder", "chapters": "Chapters", "chapter": "chapter", "run_time": "run time",
           "results": "Results", "lang": "en"},
    "zh": {"course": "Java 深度学习", "switch": "English", "glossary": "术语表 · Glossary", "slides": "幻灯片",
           "binder": "在 Binder 中打开", "chapters": "章节", "chapter": "章节", "run_time": "运行时间",
           "results": "结果", "lang": "zh"},
}


def edition_notebooks(paths, languages):
    """{language: [notebook path]}: the English notebooks given, and each translation of them that
    exists (an edition may hold only some chapters); an edition with none is left out."""
    editions = {}
    for language in languages:
        found = [t for t in (notebooks.twin(p, language) for p in paths) if t]
        if found:
            editions[language] = found
    return editions


def write_glossary(out, glossary, page, languages):
    """glossary.html at the site's top, from GLOSSARY.md: its tables, English and Chinese side by
    side, one page for the editions built (each index links it; its bar leads to their indexes)."""
    body = markdown2html(glossary.read_text(encoding="utf-8"))
    home, *others = [notebooks.label(language, "index") + ".html" for language in languages]
    html = page.environment.get_template("site_glossary.html.j2").render(
        site={"root": "", "words": WORDS[languages[0]], "home": home, "switch": {"href": others[0]} if others else None},
        body=body, mathjax_url=webassets.MATHJAX_URL)
    (out / "glossary.html").write_text(html, encoding="utf-8")


def build(paths, fast, out, cache_dir=COURSE.executed, results_csv=COURSE.results_csv, layout=COURSE, say=print,
          languages=notebooks.LANGUAGES):
    """Executes (or takes from the cache) each notebook of each edition (the English ones given and
    their translations), then writes the site into out: English at the top, each translation in its
    language's folder (zh/), sharing assets/ and lib/; every page has a language switch, to the
    chapter's twin where there is one. Returns the first edition's index page's path. Raises SiteFailed,
    writing nothing, when a notebook fails."""
    start = time.monotonic()
    mode = execute.mode_name(fast)
    out = Path(out)
    library = execute.library_digest(layout)
    runs, failures = {}, []
    for language, chosen in edition_notebooks(paths, languages).items():
        runs[language] = []
        for path in chosen:
            label = notebooks.label(language, path)
            try:
                run = execute.executed_copy(path, fast, notebooks.edition_folder(language, cache_dir), library)
            except execute.NotebookFailed as failure:
                failures.append(f"{label}: {failure}" if language != "en" else str(failure))
                say(f"{label}: FAILED")
                continue
            how = f"cached, from a {run_time(run.seconds)} run" if run.cached else f"executed in {run_time(run.seconds)}"
            say(f"{label}: {how} ({mode} mode)")
            runs[language].append(run)
    if failures:
        raise SiteFailed("\n\n".join(f"error: {f}" for f in failures)
                         + f"\n\nthe site was not written: {len(failures)} notebook(s) failed")

    out.mkdir(parents=True, exist_ok=True)
    webassets.copy_libraries(out, layout)
    names = {language: {run.name for run in edition} for language, edition in runs.items()}
    context = {"mode": mode, "date": time.strftime("%Y-%m-%d"), "binder": binder_base(layout.home / "README.md"),
               "glossary": layout.glossary.exists(), "results_csv": Path(results_csv)}
    for language, edition in runs.items():
        twin_language = next((other for other in runs if other != language), None)
        page = write_edition(language, edition, out, context, twin_language, names.get(twin_language, set()))
        say(f"site: {shown(notebooks.edition_folder(language, out) / 'index.html')} ({len(edition)} chapters, "
            f"{notebooks.LANGUAGE_NAMES[language]}, {mode} mode)")
    write_assets(out, page)
    if layout.glossary.exists():
        write_glossary(out, layout.glossary, page, list(runs))
    say(f"site built in {run_time(time.monotonic() - start)}")
    return notebooks.edition_folder(next(iter(runs)), out) / "index.html"


def write_edition(language, edition, out, context, twin_language, twins):
    """One edition's chapter pages, decks and index, in its folder of out (zh/ for Chinese); each
    page's language switch leads to its twin (a name in twins) or else to the other edition's index.
    Returns the page exporter."""
    root = "" if language == "en" else "../"
    folder = notebooks.edition_folder(language, out)
    folder.mkdir(parents=True, exist_ok=True)
    page = HTMLExporter(template_name="dlcourse-site", extra_template_basedirs=[str(webassets.TEMPLATES)],
                        mathjax_url=root + webassets.MATHJAX_URL, exclude_input_prompt=True, exclude_output_prompt=True)
    deck = decks.exporter(root)
    twin_root = "" if twin_language is None else ("../" if language != "en" else twin_language + "/")
    binder = context["binder"]
    labpath = "notebooks%2F" + ("" if language == "en" else language + "%2F")
    chapters, names = [], {run.name for run in edition}
    for run in edition:
        number, title, summary = title_and_summary(run.notebook, run.name)
        chapters.append({"name": run.name, "number": number, "title": title, "summary": summary,
                         "href": run.name + ".html", "slides": run.name + ".slides.html",
                         "run_time": run_time(run.seconds),
                         "twin": twin_root + run.name + ".html" if run.name in twins else None,
                         "binder": f"{binder}?labpath={labpath}{run.name}.ipynb" if binder else None})
    common = {"mode": context["mode"], "date": context["date"], "root": root, "words": WORDS[language],
              "home": "index.html", "glossary": root + "glossary.html" if context["glossary"] else None}
    switch_index = {"href": twin_root + "index.html"} if twin_language else None
    for i, (run, chapter) in enumerate(zip(edition, chapters)):
        site = dict(chapter, **common, prev=chapters[i - 1] if i > 0 else None,
                    next=chapters[i + 1] if i + 1 < len(chapters) else None,
                    switch={"href": chapter["twin"]} if chapter["twin"] else switch_index)
        body, _ = page.from_notebook_node(run.notebook, resources={"metadata": {"name": run.name}, "site": site})
        (folder / chapter["href"]).write_text(site_links(body, root, names), encoding="utf-8")
        written = decks.write_deck(run.notebook, run.name, folder, deck)
        written.write_text(site_links(written.read_text(encoding="utf-8"), root, names), encoding="utf-8")
    index = page.environment.get_template("site_index.html.j2").render(
        site=dict(common, binder=f"{binder}?labpath={labpath}{edition[0].name}.ipynb" if binder else None,
                  next=chapters[0], switch=switch_index),
        chapters=chapters, mathjax_url=root + webassets.MATHJAX_URL,
        results=results_table(context["results_csv"], context["mode"], {c["number"] for c in chapters}))
    (folder / "index.html").write_text(site_links(index, root, names), encoding="utf-8")
    return page
