"""Every notebook is also a slide deck: ./course slides turns it into a reveal.js deck of several
slides that loads everything from disk."""

import re
import shutil
import tempfile
import unittest
from pathlib import Path

from launcher import notebooks, slide_heights
from launcher.layout import COURSE
from launcher.tests.support import call, requires_notebook_python, requires_set_up
from launcher.tests.test_site import requires_web_assets


_decks = {}


def unexecuted_decks():
    """(folder, status, output) of ./course slides --no-execute for every English notebook, made once
    for the tests of this module that read them (EveryDeckTest, SlideHeightTest) and removed at its end."""
    if not _decks:
        out = Path(tempfile.mkdtemp())
        status, output, errors = call("slides", "--no-execute", "--out", str(out),
                                      *[p.stem for p in notebooks.paths(COURSE.notebooks)])
        _decks.update(out=out, status=status, output=output + errors)
    return _decks["out"], _decks["status"], _decks["output"]


def tearDownModule():
    if _decks:
        shutil.rmtree(_decks["out"], ignore_errors=True)


def top_level_slides(html):
    """The top-level sections of a deck (its horizontal slides), counted by nesting depth."""
    depth = slides = 0
    for closing in re.findall(r"<(/?)section\b", html):
        if not closing:
            slides += depth == 0
            depth += 1
        else:
            depth -= 1
    return slides


class DeckStructureTest(unittest.TestCase):

    def test_only_top_level_sections_count(self):
        self.assertEqual(2, top_level_slides("<section><section>a</section><section>b</section></section><section>c</section>"))
        self.assertEqual(0, top_level_slides("<div>no slides</div>"))


@requires_notebook_python
class OnePlotPerSlideTest(unittest.TestCase):

    def test_a_cell_with_several_plots_or_long_code_is_split_into_sub_slides(self):
        import nbformat

        from launcher import decks
        png = {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo=", "text/plain": "img"}, "metadata": {}}

        def text(t):
            return {"output_type": "stream", "name": "stdout", "text": t}
        nb = nbformat.v4.new_notebook()
        short = nbformat.v4.new_code_cell("show(a);\nshow(b);", id="short")
        short.outputs = [nbformat.from_dict(x) for x in [text("A"), png, text("B"), png, text("end")]]
        long = nbformat.v4.new_code_cell("\n".join(f"line {i};" for i in range(10)), id="long")
        long.outputs = [nbformat.from_dict(x) for x in [text("A"), png]]
        nb.cells = [short, long]
        shown = [(c.id, c.metadata.get("slideshow", {}).get("slide_type"), c.metadata.get("tags"),
                  " ".join(o.get("text", "img") for o in c.outputs)) for c in decks.one_plot_per_slide(nb).cells]
        self.assertEqual([("short", None, None, "A img"),
                          ("short-plot2", "subslide", [decks.HIDE_INPUT], "B img end"),
                          ("long", "subslide", None, "A"),
                          ("long-plot2", "subslide", [decks.HIDE_INPUT], "img")], shown)
        self.assertEqual(2, len(nb.cells), "the notebook keeps its cells")

    def test_a_code_cell_over_26_lines_is_tagged_to_show_its_code_smaller(self):
        import nbformat

        from launcher import decks
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("\n".join(["x++;"] * lines), id=f"c{lines}") for lines in (26, 27, 35)]
        tags = [c.metadata.get("tags") for c in decks.one_plot_per_slide(nb).cells]
        self.assertEqual([None, [decks.LONG_CODE], [decks.LONG_CODE]], tags)
        self.assertNotIn("tags", nb.cells[2].metadata, "the notebook is not changed")


@requires_set_up
@requires_notebook_python
@requires_web_assets
class EveryDeckTest(unittest.TestCase):

    def test_every_deck_has_its_slides_and_loads_everything_from_disk(self):
        paths = notebooks.paths(COURSE.notebooks)
        out, status, output = unexecuted_decks()
        self.assertEqual(0, status, output)
        external = re.compile(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", re.IGNORECASE)
        for path in paths:
            with self.subTest(notebook=path.stem):
                html = (out / f"{path.stem}.slides.html").read_text(encoding="utf-8")
                cells = [c for c in notebooks.read(path)["cells"] if c["cell_type"] in ("code", "markdown")]
                marked = sum(1 for c in cells if c["metadata"]["slideshow"]["slide_type"] == "slide")
                self.assertEqual(marked, top_level_slides(html), "one top-level slide per cell marked 'slide'")
                self.assertIsNone(external.search(html), "a script or style sheet from the network")
                for local in ("lib/reveal.js/dist/reveal.js", "lib/reveal.js/dist/theme/white.css",
                              "lib/reveal.js/plugin/notes/notes.js", "lib/mathjax/MathJax.js"):
                    self.assertIn('"' + local, html)
                    self.assertTrue((out / local).exists(), f"{local} is missing next to the decks")

    def test_a_chinese_deck_is_in_zh_and_loads_the_same_libraries(self):
        # One deck: a Chinese notebook has its English twin's cells and slide types (the identity test
        # in test_translation), so its deck has the same slides; what differs is where it is written.
        paths = notebooks.paths(COURSE.notebooks_zh)[:1]
        if not paths:
            self.skipTest("notebooks/zh/ has no Chinese notebook yet")
        out = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, out)
        status, output, errors = call("slides", "--lang", "zh", "--no-execute", "--out", str(out), paths[0].stem)
        self.assertEqual(0, status, output + errors)
        html = (out / "zh" / f"{paths[0].stem}.slides.html").read_text(encoding="utf-8")
        cells = [c for c in notebooks.read(paths[0])["cells"] if c["cell_type"] in ("code", "markdown")]
        marked = sum(1 for c in cells if c["metadata"]["slideshow"]["slide_type"] == "slide")
        self.assertEqual(marked, top_level_slides(html), "one top-level slide per cell marked 'slide'")
        for local in ("lib/reveal.js/dist/reveal.js", "lib/mathjax/MathJax.js"):
            self.assertIn('"../' + local, html)
            self.assertTrue((out / local).exists(), f"{local} is missing above the Chinese decks")


@requires_set_up
@requires_notebook_python
@requires_web_assets
@unittest.skipUnless(shutil.which("chromium"), "slide heights not measured: chromium is not installed (the limits on "
                                              "line length, lines and markdown per slide are still checked); "
                                              "Debian: apt-get install chromium")
class SlideHeightTest(unittest.TestCase):

    def test_no_slide_of_any_deck_is_taller_than_the_screen(self):
        """The code and markdown of every slide fit the slide (measured in Chromium by slide_heights);
        outputs are not in these decks (an executed deck splits plots onto sub-slides of their own)."""
        paths = notebooks.paths(COURSE.notebooks)
        out, status, output = unexecuted_decks()
        self.assertEqual(0, status, output)
        measured = slide_heights.measure([out / f"{path.stem}.slides.html" for path in paths])  # one Chromium run
        for path, rows in zip(paths, measured):
            with self.subTest(notebook=path.stem):
                self.assertGreater(len(rows), 1)
                tall = [f"#/{where} {height} px of {limit}: {heading}" for where, height, limit, heading in rows
                        if int(height) > int(limit)]
                self.assertEqual([], tall, "slides taller than the screen: split them with sub-slide metadata")


if __name__ == "__main__":
    unittest.main()
