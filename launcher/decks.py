"""Slide decks: a notebook as a reveal.js deck, one slide or sub-slide per cell group as the cells'
slideshow metadata says, loading reveal.js and MathJax from lib/ next to it. Needs nbconvert."""

import copy
from pathlib import Path

from nbconvert import SlidesExporter
from traitlets.config import Config

from . import webassets

HIDE_INPUT = "dlcourse-slides-hide-input"
# A cell tagged LONG_CODE shows its code smaller (slides.css): a block class may have 35 lines
# (notebooks.MAX_LINES_BLOCK), more than fit a slide at the normal size.
LONG_CODE = "dlcourse-slides-long-code"
LONG_CODE_LINES = 26
# Code longer than this and a plot do not fit on one slide at presentation size (plots are drawn
# up to 520 px high, a code line takes about 24 px of the slide's 700).
CODE_LINES_WITH_PLOT = 7


def exporter(root=""):
    """The deck exporter for decks written root (a relative path, "" or "../") below the folder that holds lib/."""
    # A cell tagged HIDE_INPUT shows its outputs without its code (see one_plot_per_slide).
    config = Config({"TagRemovePreprocessor": {"enabled": True, "remove_input_tags": {HIDE_INPUT}}})
    return SlidesExporter(config=config, template_name="dlcourse-slides", extra_template_basedirs=[str(webassets.TEMPLATES)],
                          reveal_url_prefix=root + webassets.REVEAL_PREFIX, mathjax_url=root + webassets.MATHJAX_URL,
                          reveal_theme="white", reveal_transition="none", reveal_number="c/t",
                          exclude_input_prompt=True, exclude_output_prompt=True)


def is_image(output):
    return "image/png" in output.get("data", {})


def one_plot_per_slide(notebook):
    """A copy of the notebook arranged for presenting: a code cell that draws several plots (a loop
    over heads or languages, say) is shown as its code with the first plot, then one sub-slide per
    further plot, with what was printed between it and the plot before; where the code is too long
    to share a slide with its plot, the first plot also moves to a sub-slide of its own. Two plots
    never fit on one slide at presentation size, and a slide that scrolls is hard to present. The
    cell after a plot's own sub-slide starts a new sub-slide. A code cell longer than LONG_CODE_LINES
    is tagged LONG_CODE. The notebook is not changed."""
    deck = copy.deepcopy(notebook)
    cells = []
    after_plot_slide = False
    for cell in deck.cells:
        slideshow = cell.metadata.setdefault("slideshow", {})
        if after_plot_slide and slideshow.get("slide_type", "-") == "-":
            slideshow["slide_type"] = "subslide"     # a plot's own sub-slide holds the plot alone
        if cell.cell_type == "code" and len(cell.source.strip().splitlines()) > LONG_CODE_LINES:
            cell.metadata.setdefault("tags", []).append(LONG_CODE)
        images = [i for i, output in enumerate(cell.get("outputs", [])) if is_image(output)]
        long_code = len(cell.source.splitlines()) > CODE_LINES_WITH_PLOT
        after_plot_slide = False
        if cell.cell_type != "code" or not images or (len(images) < 2 and not long_code):
            cells.append(cell)
            continue
        after_plot_slide = True
        outputs = cell.outputs
        # A new part starts after each plot but the last (what is printed before a plot stays with
        # it), and before the first plot where the code is long.
        cuts = ([images[0]] if long_code else []) + [i + 1 for i in images[:-1]]
        parts, start = [], 0
        for cut in cuts:
            parts.append(outputs[start:cut])
            start = cut
        parts.append(outputs[start:])
        for k, part in enumerate(parts):
            piece = copy.deepcopy(cell)
            piece.outputs = part
            if k > 0:
                piece.metadata["slideshow"]["slide_type"] = "subslide"
                piece.metadata.setdefault("tags", []).append(HIDE_INPUT)
                piece.id = f"{cell.get('id', 'cell')}-plot{k + 1}"
            cells.append(piece)
    deck.cells = cells
    return deck


def write_deck(notebook, name, out_dir, slides=None):
    """Writes out_dir/NAME.slides.html; returns its path."""
    html, _ = (slides or exporter()).from_notebook_node(one_plot_per_slide(notebook),
                                                        resources={"metadata": {"name": name}})
    path = Path(out_dir) / (name + ".slides.html")
    path.write_text(html, encoding="utf-8")
    return path
