"""The course's notebooks: their names, finding one from "05", and the form they are committed in.

Standard library only: the launcher resolves names and checks the committed form before Jupyter's
Python is needed.
"""

import json
import re
from pathlib import Path

from .errors import UsageError

PATTERN = "[0-9][0-9]-*.ipynb"
# The values Jupyter's slideshow editor offers ("-" continues the current slide).
SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")
CELL_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}")
CLASS_LINE = re.compile(r"\s*(public\s+)?(static\s+)?(final\s+)?class\s+\w+.*")
# A block class: DJL's AbstractBlock, or the library's AbstractDecoder (an AbstractBlock that
# makes the forward pass a decode), which a notebook's decoder extends.
BLOCK_BASE = re.compile(r"\bextends\s+(AbstractBlock|AbstractDecoder)\b")
MAX_LINES, MAX_LINES_BLOCK = 25, 35
# A slide shown on a projector: code lines that fit its width, and no more text than a slide holds
# (a longer markdown cell is split at a paragraph into a second cell that starts a sub-slide).
MAX_LINE_CHARS, MAX_SLIDE_MARKDOWN = 100, 600


class UnknownNotebook(UsageError):
    """No notebook has the name asked for; the message lists those that exist."""


def paths(folder):
    """The notebooks NN-name.ipynb in a folder, in order."""
    return sorted(Path(folder).glob(PATTERN))


def names(folder):
    return [p.stem for p in paths(folder)]


def resolve(wanted, folder):
    """The notebook file for '05', '5', '05-convolutions', '05-convolutions.ipynb' or a path to one."""
    available = paths(folder)
    stem = Path(wanted).name
    stem = stem[:-len(".ipynb")] if stem.endswith(".ipynb") else stem
    if re.fullmatch(r"\d", stem):
        stem = "0" + stem
    for path in available:
        if path.stem == stem or path.stem.split("-", 1)[0] == stem:
            return path
    listing = "\n".join("  " + p.stem for p in available) or "  (none)"
    raise UnknownNotebook(f"no notebook named '{wanted}'.\navailable notebooks:\n{listing}")


# The editions: English in notebooks/, each other language in notebooks/<code>/ with the English
# notebooks' file names (CONTRACTS.md section 0). An edition may hold only some chapters so far.
LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}


def edition_folder(language, english_folder):
    """Where a language's notebooks are: the English folder itself, or its subfolder named by the code."""
    if language not in LANGUAGES:
        raise UsageError(f"unknown language '{language}'; valid: {', '.join(LANGUAGES)}")
    return Path(english_folder) if language == "en" else Path(english_folder) / language


def label(language, path):
    """How a notebook of an edition is named in output: '04-mlp-classification', 'zh/04-mlp-classification'."""
    return Path(path).stem if language == "en" else f"{language}/{Path(path).stem}"


def twin(english_path, language):
    """The notebook in another edition with the English notebook's file name, or None when that
    chapter is not translated yet."""
    path = edition_folder(language, Path(english_path).parent) / Path(english_path).name
    return path if path.exists() else None


def editions(wanted, english_folder, languages=LANGUAGES):
    """(language, path) for the notebooks named (every English notebook when none is named) in each
    language asked for, language by language: English first, then each translation that exists. A
    notebook named with only one translated language asked for must have that translation."""
    english = [resolve(name, english_folder) for name in wanted] or paths(english_folder)
    chosen = []
    for language in languages:
        for path in english:
            found = twin(path, language)
            if found:
                chosen.append((language, found))
            elif wanted and len(languages) == 1:
                done = "\n".join("  " + name for name in names(edition_folder(language, english_folder))) or "  (none yet)"
                raise UnknownNotebook(f"{path.stem} has no {LANGUAGE_NAMES[language]} edition yet "
                                      f"({edition_folder(language, english_folder).name}/{path.name}).\n"
                                      f"translated so far:\n{done}")
    return chosen


def source(cell):
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def max_lines(code):
    """The most lines a code cell may have: 25, so a slide holds it; 35 for a cell that defines one
    block class (a model written as an AbstractBlock or AbstractDecoder, whose forward pass reads
    best whole)."""
    classes = sum(1 for line in code.splitlines() if CLASS_LINE.fullmatch(line))
    return MAX_LINES_BLOCK if classes == 1 and BLOCK_BASE.search(code) else MAX_LINES


def form_problems(notebook):
    """What is wrong with a notebook (parsed JSON) as committed: the java kernelspec; every cell with
    a unique id and a slide type, the first starting a slide and more than one slide; code cells
    without outputs, execution counts or kernel magics, and short enough for a slide."""
    problems = []
    kernel = notebook.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != "java":
        problems.append(f"its kernelspec is {kernel!r}; it must be the one named java")
    ids, slide_types = set(), []
    for index, cell in enumerate(notebook.get("cells", []), 1):
        where = f"cell {index}"
        cell_id = cell.get("id")
        if not isinstance(cell_id, str) or not CELL_ID.fullmatch(cell_id):
            problems.append(f"{where} has no valid id (1-64 letters, digits, - or _)")
        elif cell_id in ids:
            problems.append(f"{where} repeats the id {cell_id}")
        else:
            ids.add(cell_id)
        if cell.get("cell_type") not in ("code", "markdown"):
            continue
        slide_type = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        slide_types.append(slide_type)
        if slide_type is None:
            problems.append(f"{where} has no slideshow metadata (slide_type)")
        elif slide_type not in SLIDE_TYPES:
            problems.append(f"{where} has slide_type '{slide_type}', expected one of {', '.join(SLIDE_TYPES)}")
        if cell["cell_type"] != "code":
            continue
        code = source(cell)
        if cell.get("outputs"):
            problems.append(f"{where} is committed with outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"{where} has an execution count")
        if any(line.strip().startswith("%") for line in code.splitlines()):
            problems.append(f"{where} uses a kernel magic; notebooks must stay kernel-neutral")
        limit = max_lines(code)
        if len(code.strip().splitlines()) > limit:
            problems.append(f"{where} has more than {limit} lines"
                            + (" (a cell that defines one block class may have 35)" if limit == MAX_LINES else ""))
    problems += slide_problems(notebook)
    if slide_types and slide_types[0] != "slide":
        problems.append("the first cell (the title) must start a slide")
    if slide_types.count("slide") < 2:
        problems.append(f"it has {slide_types.count('slide')} slide(s): one idea per slide, not one per notebook")
    return problems


def slide_type(cell):
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def slide_problems(notebook):
    """What would not fit a projected slide: a code line over MAX_LINE_CHARS characters, or a slide or
    sub-slide with more than MAX_SLIDE_MARKDOWN characters of markdown (skipped cells and notes do
    not count). `python3 -m launcher.slide_fit NN` fixes both."""
    problems, shown, start = [], 0, None

    def too_much_markdown():
        if shown > MAX_SLIDE_MARKDOWN:
            problems.append(f"the slide that starts at cell {start} has {shown} characters of markdown, more than "
                            f"{MAX_SLIDE_MARKDOWN}: split it into sub-slides (python3 -m launcher.slide_fit fixes it)")

    for index, cell in enumerate(notebook.get("cells", []), 1):
        kind, slide = cell.get("cell_type"), slide_type(cell)
        if kind not in ("code", "markdown"):
            continue
        if slide in ("slide", "subslide") or start is None:
            too_much_markdown()
            shown, start = 0, index
        if kind == "markdown" and slide not in ("skip", "notes"):
            shown += len(source(cell))
        if kind == "code":
            for number, line in enumerate(source(cell).splitlines(), 1):
                if len(line) > MAX_LINE_CHARS:
                    problems.append(f"cell {index}, line {number} has {len(line)} characters, more than {MAX_LINE_CHARS}"
                                    " (python3 -m launcher.slide_fit wraps it)")
    too_much_markdown()
    return problems


def read(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def output_problems(notebook):
    """The error outputs and stderr text of an executed notebook: a learner would see them."""
    problems = []
    for index, cell in enumerate(notebook.get("cells", []), 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                problems.append(f"cell {index} wrote to stderr (a learner would see it): {source({'source': output.get('text', '')}).strip()}")
    return problems
