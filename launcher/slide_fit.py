"""Makes notebooks fit projected slides: code lines of at most 100 characters and at most 600
characters of markdown per slide (the limits `./course test` checks, see notebooks.slide_problems).

usage: python3 -m launcher.slide_fit NN [NN ...]

Code: a long line is broken between tokens (after a comma, before an operator or a chained call),
the rest indented 8 spaces more (as deep as the line itself where it is one more argument of a
list); a string literal that still does not fit is split in two joined by +; a trailing comment
moves above the line when the line needs all its width; a long comment is wrapped. Only
whitespace changes outside string literals, so the code does what it did.
Markdown: a cell that takes its slide over the limit starts a sub-slide; a cell longer than the
limit is split at paragraphs (list items, or sentences of a paragraph over the limit) into as few, as even cells as fit, each further one
starting a sub-slide (ids: the cell's id with -2, -3, ...).
Then it lists what it could not fix: cells now longer than 25 lines (35 for one block class),
which need splitting by hand, and text that has no break point. Standard library only.
"""

import json
import re
import sys
from pathlib import Path

from . import notebooks
from .layout import COURSE

LIMIT = notebooks.MAX_LINE_CHARS
CONTINUATION = 8


# ---------------------------------------------------------------------------------------- code

def char_kinds(line, in_comment=False):
    """One letter per character: c code, s string literal, k char literal, m block comment, l line
    comment; and whether a block comment is still open at the end of the line."""
    kinds, i, mode = [], 0, "m" if in_comment else "c"
    while i < len(line):
        if mode == "c":
            if line.startswith("//", i):
                kinds += "l" * (len(line) - i)
                break
            if line.startswith("/*", i):
                mode, step = "m", 2
            elif line[i] in "\"'":
                mode, step = ("s" if line[i] == '"' else "k"), 1
            else:
                step = 1
            kinds += mode * step
            i += step
        elif mode in "sk":
            step = 2 if line[i] == "\\" else 1
            kinds += mode * step
            if step == 1 and line[i] == ('"' if mode == "s" else "'"):
                mode = "c"
            i += step
        else:
            if line.startswith("*/", i):
                kinds += "mm"
                i += 2
                mode = "c"
            else:
                kinds += "m"
                i += 1
    return "".join(kinds[:len(line)]), mode == "m"


def depths(line, kinds):
    """The bracket depth before each character (code characters only open and close)."""
    depth, out = 0, []
    for ch, kind in zip(line, kinds):
        out.append(depth)
        if kind == "c":
            depth += ch in "([{"
            depth -= ch in ")]}"
    return out


def in_generics(line, kinds):
    """For each character, whether it is inside a type's <...> (List<Integer>, Map<String, double[]>)."""
    depth, out = 0, []
    for i, (ch, kind) in enumerate(zip(line, kinds)):
        if kind == "c" and ch == "<" and i > 0 and line[i - 1].isalnum() and line[i + 1:i + 2] in tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ?>"):
            depth += 1
        elif kind == "c" and ch == ">" and depth > 0:
            depth -= 1
        out.append(depth > 0)
    return out


def break_points(line, kinds):
    """(position, rank) where a new line may start, best rank first: after ', ' (0), before a binary
    operator (1), after '->' (2), before a chained call (3), after an opening parenthesis (4);
    never in a literal, a comment or a type's <...>."""
    points, generic = [], in_generics(line, kinds)
    for p in range(1, len(line)):
        if kinds[p - 1] != "c" or kinds[p] not in "cs" or generic[p]:
            continue
        before, here = line[p - 1], line[p]
        if before == "," and here == " ":
            points.append((p + 1, 0))
        elif before == " " and (line[p:p + 3] in ("&& ", "|| ") or line[p:p + 2] in ("+ ", "- ", "* ", "? ")):
            points.append((p, 1))
        elif line[p - 2:p] == "->" and here == " ":
            points.append((p + 1, 2))
        elif here == "." and before == ")" and line[p + 1:p + 2].isalpha():
            points.append((p, 3))
        elif before == "(" and here != ")":
            points.append((p, 4))
    return points


def split_string(line, kinds, limit):
    """Breaks a string literal at a space before the limit: "ab cd" becomes "ab " / + "cd"."""
    for p in range(min(limit - 1, len(line) - 1), 0, -1):
        if kinds[p] == "s" and kinds[p - 1] == "s" and line[p - 1] == " " and line[p] != '"':
            return line[:p] + '"', '+ "' + line[p:]
    return None


def wrap_code(line, limit, sibling_indent=None):
    """The line as lines of at most `limit` characters where it has break points. A break at the
    line's own bracket depth after a comma continues at `sibling_indent` (the line is one element
    of a list), if given; every other break 8 spaces deeper than the line."""
    indent = len(line) - len(line.lstrip())
    out = []
    while len(line) > limit:
        kinds, _ = char_kinds(line)
        depth = depths(line, kinds)
        own = depth[len(line) - len(line.lstrip())] if line.strip() else 0
        fitting = [(p, rank) for p, rank in break_points(line, kinds)
                   if len(line[:p].rstrip()) <= limit and p > len(line) - len(line.lstrip()) + 10]
        if fitting:
            # the shallowest bracket depth, far enough along the line; there the best kind, rightmost
            shallowest = min(depth[p] for p, _ in fitting)
            preferred = ([(p, rank) for p, rank in fitting if depth[p] == shallowest and p >= 0.3 * limit]
                         or [(p, rank) for p, rank in fitting if depth[p] <= shallowest + 1])
            # a break that leaves only a few characters for the next line reads badly
            preferred = [(p, rank) for p, rank in preferred if len(line) - p >= 12] or preferred
            best_rank = min(rank for _, rank in preferred)
            p = max(p for p, rank in preferred if rank == best_rank)
            head, tail = line[:p].rstrip(), line[p:].lstrip()
            sibling = sibling_indent is not None and depth[p] == own and line[p - 2:p] == ", "
            next_indent = sibling_indent if sibling else indent + CONTINUATION
        else:
            parts = split_string(line, kinds, limit)
            if not parts:
                break
            (head, tail), next_indent = parts, indent + CONTINUATION
        out.append(head)
        line = " " * next_indent + tail
    return out + [line]


def wrap_words(first_prefix, prefix, words, limit):
    lines, current = [], first_prefix
    for word in words.split():
        if len(current) + len(word) > limit and current.strip() not in ("//", "*", "/**"):
            lines.append(current.rstrip())
            current = prefix
        current += word + " "
    return lines + [current.rstrip()]


def fit_line(line, in_comment=False, previous="", limit=LIMIT):
    if len(line) <= limit:
        return [line]
    indent = " " * (len(line) - len(line.lstrip()))
    text = line.strip()
    if text.startswith("//"):
        return wrap_words(indent + "// ", indent + "// ", text[2:], limit)
    if in_comment or text.startswith("/*"):
        if text.startswith("/**") and text.endswith("*/") and "*/" not in text[:-2]:
            lines = wrap_words(indent + "/** ", indent + " * ", text[3:-2], limit - 3)
            lines[-1] += " */"
            return lines
        return [line]
    kinds, _ = char_kinds(line)
    sibling = len(indent) if previous.rstrip().endswith((",", "(")) else None
    if "l" not in kinds:
        return wrap_code(line, limit, sibling)
    at = kinds.index("l")
    code, comment = line[:at].rstrip(), line[at:]
    if len(code) + 3 + len(comment) <= limit:             # alignment spaces were too many
        return [code + "   " + comment]
    for width in (limit, limit - 3 - len(comment)):       # keep the comment at the end if it fits
        lines = wrap_code(code, width, sibling)
        if all(len(x) <= limit for x in lines) and len(lines[-1]) + 3 + len(comment) <= limit:
            return lines[:-1] + [lines[-1] + "   " + comment]
    return wrap_words(indent + "// ", indent + "// ", comment[2:], limit) + wrap_code(code, limit, sibling)


def fit_code(code, limit=LIMIT):
    out, in_comment, previous = [], False, ""
    for line in code.split("\n"):
        out += fit_line(line, in_comment, previous, limit)
        in_comment = char_kinds(line, in_comment)[1]
        previous = line
    return "\n".join(out)


# ------------------------------------------------------------------------------------ markdown

def pieces(text):
    """(text, separator) pieces of a markdown cell: paragraphs, list items one by one, and the
    sentences of a plain paragraph (not a display, table, quote or heading)."""
    out = []
    for paragraph in re.split(r"\n\n+", text.strip("\n")):
        if re.search(r"^(- |\d+\. )", paragraph, re.M):
            items = re.split(r"\n(?=- |\d+\. )", paragraph)
            out += [(item, "\n") for item in items[:-1]] + [(items[-1], "\n\n")]
        elif not paragraph.startswith(("$$", "|", ">", "#")):
            sentences = sentences_of(paragraph)
            out += [(sentence, " ") for sentence in sentences[:-1]] + [(sentences[-1], "\n\n")]
        else:
            out.append((paragraph, "\n\n"))
    return out


def sentences_of(paragraph):
    """The paragraph cut after each '. ', '! ' or '? ' that is followed by a capital and is not inside
    $...$ maths or `code`."""
    out, start = [], 0
    for end in re.finditer(r"(?<=[.!?])\s+(?=[A-Z])", paragraph):
        before = paragraph[:end.start()]
        if before.count("$") % 2 == 0 and before.count("`") % 2 == 0:
            out.append(paragraph[start:end.start()])
            start = end.end()
    return out + [paragraph[start:]]


def split_markdown(text, limit=notebooks.MAX_SLIDE_MARKDOWN):
    """The text as the fewest parts of at most `limit` characters, cut between pieces. Of those, the
    one with the fewest cuts that part what belongs together (after a heading or a piece ending in
    ':', before a $$ display), then the fewest cuts inside a paragraph, then the most even parts.
    A piece longer than the limit stays whole."""
    parts = pieces(text)

    def joined(i, j):
        return "".join(p + s for p, s in parts[i:j]).rstrip()

    def cost(i):
        """(cuts that part what belongs together, cuts inside a paragraph) of a cut before piece i."""
        before, after = parts[i - 1], parts[i][0]
        together = before[0].rstrip().endswith(":") or before[0].startswith("#") or after.startswith("$$")
        return int(together), int(before[1] == " ")

    best = {0: ((0, 0, 0, 0), [])}                        # pieces so far -> (cost, cuts)
    for j in range(1, len(parts) + 1):
        options = []
        for i, ((count, together, inside, largest), cuts) in best.items():
            size = len(joined(i, j))
            if size > limit and j - i > 1:
                continue
            more_together, more_inside = cost(i) if i > 0 else (0, 0)
            options.append(((count + 1, together + more_together, inside + more_inside, max(largest, size)),
                            cuts + [i]))
        best[j] = min(options)
    cuts = best[len(parts)][1] + [len(parts)]
    return [joined(a, b) for a, b in zip(cuts, cuts[1:])]


def lines_of(text):
    return text.splitlines(keepends=True)


def fit_notebook(notebook):
    """Fits the notebook (parsed JSON) in place; returns what it changed and what is left to do."""
    changed, left, cells, shown = [], [], [], 0
    ids = {cell.get("id") for cell in notebook["cells"]}

    def new_id(base, k):
        while f"{base}-{k}" in ids:
            k += 1
        ids.add(f"{base}-{k}")
        return f"{base}-{k}"

    for cell in notebook["cells"]:
        slide = notebooks.slide_type(cell)
        if slide in ("slide", "subslide"):
            shown = 0
        text = notebooks.source(cell)
        if cell["cell_type"] == "code":
            fitted = fit_code(text)
            if fitted != text:
                cell["source"] = lines_of(fitted)
                changed.append(f"cell {cell['id']}: code lines wrapped")
            longest = max((len(x) for x in fitted.splitlines()), default=0)
            if longest > LIMIT:
                left.append(f"cell {cell['id']}: a line of {longest} characters has no break point")
            limit = notebooks.max_lines(fitted)
            if len(fitted.strip().splitlines()) > limit:
                left.append(f"cell {cell['id']}: {len(fitted.strip().splitlines())} lines, more than {limit}: split it")
        if cell["cell_type"] != "markdown" or slide in ("skip", "notes"):
            cells.append(cell)
            continue
        if shown and shown + len(text) > notebooks.MAX_SLIDE_MARKDOWN:
            cell["metadata"].setdefault("slideshow", {})["slide_type"] = "subslide"
            changed.append(f"cell {cell['id']}: starts a sub-slide")
            shown = 0
        parts = split_markdown(text) if len(text) > notebooks.MAX_SLIDE_MARKDOWN else [text]
        if len(parts) > 1:
            changed.append(f"cell {cell['id']}: split into {len(parts)} cells")
        for k, part in enumerate(parts):
            piece = cell if k == 0 else {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "subslide"}},
                                         "source": [], "id": new_id(cell["id"], k + 1)}
            if len(parts) > 1:
                piece["source"] = lines_of(part)
            if len(part) > notebooks.MAX_SLIDE_MARKDOWN:
                left.append(f"cell {piece['id']}: a paragraph of {len(part)} characters: shorten or split it by hand")
            cells.append(piece)
            shown = len(part)
    notebook["cells"] = cells
    return changed, left


def main(argv):
    if not argv:
        sys.exit(__doc__.strip().splitlines()[3])
    for wanted in argv:
        path = notebooks.resolve(wanted, COURSE.notebooks)
        notebook = notebooks.read(path)
        changed, left = fit_notebook(notebook)
        if changed:
            path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{path.name}: {len(changed)} change(s)" + ("" if left else ", fits"))
        for line in left:
            print("  to do by hand: " + line)
        for problem in notebooks.slide_problems(notebook):
            print("  still over the limits: " + problem)


if __name__ == "__main__":
    main(sys.argv[1:])
