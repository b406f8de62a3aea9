"""The Chinese edition against the English one (CONTRACTS.md section 0): the same code, and no drift.

A Chinese notebook notebooks/zh/NN-name.ipynb has the English notebook's cells, one to one, in the
same order, with the same ids, cell types and slide types. Its code cells are the English code
except for comments and reader-facing string literals (a translated literal holds Chinese), and its
first code cell starts with the line Course.language("zh"); (identity_problems). Every Chinese cell
keeps, in metadata.dlcourse.source_sha256, the SHA-256 of the English cell it translates; a cell
whose hash differs from its English twin's current source is older than its twin (stale_cells).

Standard library only: ./course translations and the launcher's tests run it without Jupyter.
"""

import hashlib
import re
from dataclasses import dataclass

from .notebooks import source

LANGUAGE_LINE = 'Course.language("zh");'
PLACEHOLDER = '"…"'
# Why a Chinese cell is listed by stale_cells.
STALE = "is older than its English twin (the English source changed)"
UNSTAMPED = "has no metadata.dlcourse.source_sha256"
# CJK ideographs: the unified block, extension A and the compatibility block (a Chinese sentence
# has at least one; punctuation alone does not make a literal Chinese).
CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def sha256(text):
    """The drift hash of an English cell's source, as translators stamp it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stamp(cell):
    return cell.get("metadata", {}).get("dlcourse", {}).get("source_sha256")


@dataclass
class Line:
    """One line of code with its comments removed and its string literals replaced by PLACEHOLDER."""
    number: int       # where it starts in the cell's source, from 1
    code: str
    literals: list
    original: str


def code_lines(code):
    """The lines of Java code a translation must keep: comments removed (a line that held only a
    comment disappears, so a translated comment may take more or fewer lines), each string literal
    (including a text block) replaced by a placeholder and kept aside, trailing spaces dropped."""
    originals = code.split("\n")
    lines, current, literals, start, had_comment = [], [], [], 1, False
    line_number, i, n = 1, 0, len(code)

    def end_line():
        nonlocal current, literals, start, had_comment
        text = "".join(current).rstrip()
        if text or not had_comment:
            lines.append(Line(start, text, literals, originals[start - 1]))
        current, literals, start, had_comment = [], [], line_number, False

    while i < n:
        ch = code[i]
        if code.startswith("//", i):
            had_comment = True
            while i < n and code[i] != "\n":
                i += 1
        elif code.startswith("/*", i):
            had_comment = True
            close = code.find("*/", i + 2)
            close = n if close < 0 else close + 2
            for _ in range(code.count("\n", i, close)):
                line_number += 1
                end_line()
                had_comment = True
            i = close
        elif code.startswith('"""', i):
            close = code.find('"""', i + 3)
            close = n if close < 0 else close + 3
            literals.append(code[i:close])
            current.append(PLACEHOLDER)
            line_number += code.count("\n", i, close)
            i = close
        elif ch in "\"'":
            j = i + 1
            while j < n and code[j] != ch and code[j] != "\n":
                j += 2 if code[j] == "\\" else 1
            j = min(j + 1, n)
            if ch == '"':
                literals.append(code[i:j])
                current.append(PLACEHOLDER)
            else:
                current.append(code[i:j])  # a char literal is code, not reader-facing text
            i = j
        elif ch == "\n":
            line_number += 1
            end_line()
            i += 1
        else:
            current.append(ch)
            i += 1
    end_line()
    while lines and not lines[-1].code:
        lines.pop()
    return lines


def code_difference(english, chinese):
    """None when the Chinese code cell is its English twin under the translation rules, else a
    sentence naming the first line that differs (line numbers are the Chinese cell's)."""
    en, zh = code_lines(english), code_lines(chinese)
    for en_line, zh_line in zip(en, zh):
        if en_line.code != zh_line.code:
            return (f"line {zh_line.number} differs from the English code (only comments and reader-facing "
                    f"strings may be translated):\n  en: {en_line.original.strip()}\n  zh: {zh_line.original.strip()}")
        for en_literal, zh_literal in zip(en_line.literals, zh_line.literals):
            if en_literal != zh_literal and not CJK.search(zh_literal):
                return (f"line {zh_line.number}: the string {zh_literal} differs from the English {en_literal} "
                        f"but holds no Chinese (only text the reader sees may change, and then into Chinese)")
    if len(en) != len(zh):
        longer, side = (zh, "Chinese") if len(zh) > len(en) else (en, "English")
        extra = longer[min(len(en), len(zh))]
        return (f"the {side} cell has more code, from its line {extra.number}: {extra.original.strip()}")
    return None


def first_code_cell(chinese):
    """The Chinese first code cell without its language line, or None when it does not start with it."""
    first, _, rest = chinese.partition("\n")
    return rest if first.rstrip() == LANGUAGE_LINE else None


def identity_problems(english, chinese):
    """What makes a Chinese notebook (parsed JSON) other than a translation of its English twin:
    cells added, removed or reordered (paired by position, id and type), another slide type, a code
    cell whose code differs, a first code cell without Course.language("zh");. One sentence each,
    naming the cell by its id."""
    en_cells, zh_cells = english.get("cells", []), chinese.get("cells", [])
    problems, seen_code = [], False
    for index, (en, zh) in enumerate(zip(en_cells, zh_cells), 1):
        where = f"cell {index} (id {zh.get('id')})"
        if en.get("id") != zh.get("id") or en.get("cell_type") != zh.get("cell_type"):
            problems.append(f"{where}: its twin in English is the {en.get('cell_type')} cell with id {en.get('id')}; "
                            "cells were added, removed or moved on one side (pair them by position, id and type)")
            return problems
        en_slide = en.get("metadata", {}).get("slideshow")
        if en_slide != zh.get("metadata", {}).get("slideshow"):
            problems.append(f"{where}: its slideshow metadata is {zh.get('metadata', {}).get('slideshow')}, "
                            f"the English cell's is {en_slide}")
        if en.get("cell_type") != "code":
            continue
        zh_code = source(zh)
        if not seen_code:
            seen_code = True
            zh_code = first_code_cell(zh_code)
            if zh_code is None:
                problems.append(f"{where}: the first code cell must start with the line {LANGUAGE_LINE}")
                continue
        difference = code_difference(source(en), zh_code)
        if difference:
            problems.append(f"{where}: {difference}")
    if len(en_cells) != len(zh_cells):
        more, side = (zh_cells, "Chinese") if len(zh_cells) > len(en_cells) else (en_cells, "English")
        extra = more[min(len(en_cells), len(zh_cells)):]
        problems.append(f"the {side} notebook has {len(extra)} more cell(s), from id {extra[0].get('id')} "
                        f"(English {len(en_cells)} cells, Chinese {len(zh_cells)})")
    return problems


def stale_cells(english, chinese):
    """The Chinese cells older than their English twin: (index, id, why) for each cell whose
    metadata.dlcourse.source_sha256 is missing or is not the hash of the twin's current source.
    Cells are paired by position; unpaired cells are identity_problems' business."""
    stale = []
    for index, (en, zh) in enumerate(zip(english.get("cells", []), chinese.get("cells", [])), 1):
        kept = stamp(zh)
        if kept is None:
            stale.append((index, zh.get("id"), UNSTAMPED))
        elif kept != sha256(source(en)):
            stale.append((index, zh.get("id"), STALE))
    return stale


@dataclass
class Report:
    """One Chinese notebook against its English twin."""
    name: str
    cells: int
    problems: list    # identity_problems, or why there is no twin
    stale: list       # stale_cells

    @property
    def ok(self):
        return not self.problems and not self.stale


def check_edition(english_folder, chinese_folder):
    """A Report for every Chinese notebook (NN-name.ipynb in chinese_folder), in order. A partial
    edition is normal: English notebooks without a Chinese twin are not reported here."""
    from .notebooks import paths, read

    reports = []
    for path in paths(chinese_folder):
        chinese = read(path)
        twin = english_folder / path.name
        if not twin.exists():
            reports.append(Report(path.stem, len(chinese.get("cells", [])),
                                  [f"it has no English twin {twin.name} in {english_folder.name}/ "
                                   "(a Chinese notebook has the English notebook's file name)"], []))
            continue
        english = read(twin)
        reports.append(Report(path.stem, len(chinese.get("cells", [])), identity_problems(english, chinese),
                              stale_cells(english, chinese)))
    return reports
