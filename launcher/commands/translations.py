"""./course translations: the Chinese edition against the English one, for translators and maintainers."""

import textwrap

from .. import notebooks, translation
from ..console import green, red, say
from ..layout import COURSE

NAME = "translations"
USAGE = ""
SUMMARY = """the Chinese notebooks against their English twins: cells that differ in code
or are older than their twin"""
DESCRIPTION = """For every Chinese notebook in notebooks/zh/, checks that its cells pair one to one with its English
twin's (position, id, type, slide type), that its code cells are the English code (only comments and
reader-facing strings translated into Chinese, plus the first line Course.language("zh");), and
lists the cells whose metadata.dlcourse.source_sha256 is not the hash of their English twin's
current source: those are older than the English and need translating again (then stamping the
new hash). Lists the English notebooks not translated yet. Exits with 1 when a Chinese notebook
has a problem or a stale cell. Executes nothing."""

HEADINGS = {translation.STALE: "older than their English twin (translate them again, then stamp the new hash)",
            translation.UNSTAMPED: "not stamped with their English twin's hash (metadata.dlcourse.source_sha256)"}


def add_arguments(parser):
    """No options."""


def run(args):
    reports = translation.check_edition(COURSE.notebooks, COURSE.notebooks_zh)
    for report in reports:
        if report.ok:
            say(f"{green('ok')}    zh/{report.name}: {report.cells} cells, code identical, none stale")
            continue
        say(f"{red('FIX')}   zh/{report.name}:")
        for problem in report.problems:
            say("      " + problem.replace("\n", "\n      "))
        by_reason = {}
        for _, cell_id, why in report.stale:
            by_reason.setdefault(why, []).append(cell_id)
        for why, ids in by_reason.items():
            say(f"      {len(ids)} cell(s) {HEADINGS.get(why, why)}:")
            say(textwrap.fill(", ".join(ids), width=100, initial_indent=" " * 8, subsequent_indent=" " * 8))
    translated = {r.name for r in reports}
    missing = [name for name in notebooks.names(COURSE.notebooks) if name not in translated]
    say(f"\n{len(reports)} Chinese notebook(s), {sum(not r.ok for r in reports)} with problems; "
        + (f"not translated yet: {', '.join(n.split('-', 1)[0] for n in missing)}" if missing else "every notebook translated"))
    return 0 if all(r.ok for r in reports) else 1
