import tempfile
import unittest
from pathlib import Path

from launcher import notebooks
from launcher.errors import UsageError

NAMES = ("00-setup-and-tour", "05-convolutions", "13-embeddings", "14-maths-you-need")


def cell(kind="code", source="int x = 1;", slide="-", cell_id=None, **extra):
    c = {"cell_type": kind, "id": cell_id, "metadata": {"slideshow": {"slide_type": slide}}, "source": source}
    if kind == "code":
        c.update(outputs=[], execution_count=None)
    c.update(extra)
    return c


def notebook(*cells, kernel="java"):
    numbered = [dict(c, id=c["id"] or f"cell-{i}") for i, c in enumerate(cells)]
    return {"cells": numbered, "metadata": {"kernelspec": {"name": kernel}}, "nbformat": 4, "nbformat_minor": 5}


def clean(*more):
    return notebook(cell("markdown", "# 01 · Title", "slide"), cell(), cell("markdown", "## Next", "slide"), *more)


class ResolveTest(unittest.TestCase):

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        for name in NAMES:
            (self.folder / f"{name}.ipynb").write_text("{}")
        (self.folder / "scratch.ipynb").write_text("{}")

    def test_a_number_a_short_number_a_name_a_file_name_and_a_path_find_the_notebook(self):
        for wanted in ("05", "5", "05-convolutions", "05-convolutions.ipynb", "notebooks/05-convolutions.ipynb"):
            with self.subTest(wanted=wanted):
                self.assertEqual(self.folder / "05-convolutions.ipynb", notebooks.resolve(wanted, self.folder))

    def test_the_appendix_resolves_like_a_chapter(self):
        self.assertEqual(self.folder / "14-maths-you-need.ipynb", notebooks.resolve("14", self.folder))
        self.assertEqual(self.folder / "14-maths-you-need.ipynb", notebooks.resolve("14-maths-you-need", self.folder))

    def test_an_unknown_name_lists_every_notebook_and_is_a_usage_error(self):
        for wanted in ("99", "5-convolutions", "scratch", "convolutions"):
            with self.subTest(wanted=wanted), self.assertRaises(UsageError) as raised:
                notebooks.resolve(wanted, self.folder)
            message = str(raised.exception)
            self.assertIn(f"no notebook named '{wanted}'", message)
            for name in NAMES:
                self.assertIn("  " + name, message)
            self.assertNotIn("scratch", message.split("\n", 1)[1], "only NN-name notebooks are chapters")

    def test_names_are_in_order(self):
        self.assertEqual(list(NAMES), notebooks.names(self.folder))



class EditionsTest(unittest.TestCase):
    """The English notebooks and their translations (notebooks/zh/), an edition holding some chapters."""

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        (self.folder / "zh").mkdir()
        for name in ("04-mlp-classification", "05-convolutions"):
            (self.folder / f"{name}.ipynb").write_text("{}")
        (self.folder / "zh" / "04-mlp-classification.ipynb").write_text("{}")
        self.en04, self.en05 = self.folder / "04-mlp-classification.ipynb", self.folder / "05-convolutions.ipynb"
        self.zh04 = self.folder / "zh" / "04-mlp-classification.ipynb"

    def test_no_name_gives_every_english_notebook_then_every_translated_one(self):
        self.assertEqual([("en", self.en04), ("en", self.en05), ("zh", self.zh04)], notebooks.editions([], self.folder))

    def test_a_name_gives_the_notebook_in_each_edition_that_has_it(self):
        self.assertEqual([("en", self.en04), ("zh", self.zh04)], notebooks.editions(["4"], self.folder))
        self.assertEqual([("en", self.en05)], notebooks.editions(["05"], self.folder))

    def test_one_language_restricts(self):
        self.assertEqual([("zh", self.zh04)], notebooks.editions([], self.folder, ("zh",)))
        self.assertEqual([("en", self.en04)], notebooks.editions(["04"], self.folder, ("en",)))

    def test_a_chapter_not_translated_yet_asked_for_in_chinese_is_refused_with_what_is_translated(self):
        with self.assertRaises(notebooks.UnknownNotebook) as refused:
            notebooks.editions(["05"], self.folder, ("zh",))
        self.assertEqual("05-convolutions has no Chinese edition yet (zh/05-convolutions.ipynb).\n"
                         "translated so far:\n  04-mlp-classification", str(refused.exception))

    def test_labels_and_folders(self):
        self.assertEqual("zh/04-mlp-classification", notebooks.label("zh", self.zh04))
        self.assertEqual("04-mlp-classification", notebooks.label("en", self.en04))
        self.assertEqual(self.folder / "zh", notebooks.edition_folder("zh", self.folder))
        with self.assertRaises(UsageError) as refused:
            notebooks.edition_folder("fr", self.folder)
        self.assertEqual("unknown language 'fr'; valid: en, zh", str(refused.exception))

class FormTest(unittest.TestCase):

    def test_a_clean_notebook_has_no_problems(self):
        self.assertEqual([], notebooks.form_problems(clean()))

    def test_each_rule_names_the_cell(self):
        cases = [
            (clean(cell(outputs=[{"output_type": "stream", "name": "stdout", "text": "1"}])), "cell 4 is committed with outputs"),
            (clean(cell(execution_count=3)), "cell 4 has an execution count"),
            (clean(cell(source="%maven ai.djl:api:0.36.0")), "cell 4 uses a kernel magic"),
            (clean(cell(source="\n".join(["x++;"] * 26))), "cell 4 has more than 25 lines (a cell that defines one block class may have 35)"),
            (clean(cell(slide="bullet")), "cell 4 has slide_type 'bullet'"),
            (clean(cell(metadata={})), "cell 4 has no slideshow metadata"),
            (clean(cell(cell_id="cell-1")), "cell 4 repeats the id cell-1"),
            (clean(cell(cell_id="no spaces allowed")), "cell 4 has no valid id"),
            (notebook(cell("markdown", "# Title", "slide"), cell(), kernel="python3"), "its kernelspec is 'python3'"),
            (notebook(cell("markdown", "# Title", "-"), cell("markdown", "## A", "slide"), cell("markdown", "## B", "slide")),
             "the first cell (the title) must start a slide"),
            (notebook(cell("markdown", "# Title", "slide"), cell()), "it has 1 slide(s)"),
        ]
        for nb, expected in cases:
            with self.subTest(expected=expected):
                problems = notebooks.form_problems(nb)
                self.assertTrue(any(expected in p for p in problems), problems)

    def test_a_cell_defining_one_block_class_may_have_35_lines(self):
        body = ["    x++;"] * 30
        block = "\n".join(["class Mlp extends AbstractBlock {", *body, "}"])
        two_classes = "\n".join(["class A extends AbstractBlock {", *body, "}", "class B {}"])
        plain = "\n".join(["class Note {", *body, "}"])
        self.assertEqual(35, notebooks.max_lines(block))
        decoder = "\n".join(["class Stack extends AbstractDecoder {", *body, "}"])
        self.assertEqual(35, notebooks.max_lines(decoder))
        self.assertEqual(25, notebooks.max_lines("\n".join(["class Stack extends AbstractDecoderish {", *body, "}"])))
        self.assertEqual(25, notebooks.max_lines(two_classes))
        self.assertEqual(25, notebooks.max_lines(plain))
        self.assertEqual([], notebooks.form_problems(clean(cell(source=block))))
        self.assertTrue(notebooks.form_problems(clean(cell(source=block + "\n" + "\n".join(["y++;"] * 4)))))

    def test_a_code_line_over_100_characters_is_named_by_cell_and_line(self):
        fits, too_long = "x = " + "1" * 95 + ";", "x = " + "1" * 96 + ";"
        self.assertEqual((100, 101), (len(fits), len(too_long)))
        self.assertEqual([], notebooks.slide_problems(clean(cell(source=fits))))
        self.assertEqual(["cell 4, line 2 has 101 characters, more than 100 (python3 -m launcher.slide_fit wraps it)"],
                         notebooks.slide_problems(clean(cell(source="int y = 0;\n" + too_long))))
        self.assertIn("cell 4, line 2 has 101 characters, more than 100 (python3 -m launcher.slide_fit wraps it)",
                      notebooks.form_problems(clean(cell(source="int y = 0;\n" + too_long))))

    def test_markdown_counts_per_slide_or_sub_slide_and_skipped_cells_do_not(self):
        third = "w" * 200
        self.assertEqual([], notebooks.slide_problems(clean(
            cell("markdown", third, "slide"), cell("markdown", third), cell(), cell("markdown", third, "fragment"),
            cell("markdown", third, "subslide"), cell("markdown", "x" * 600, "notes"), cell("markdown", third, "skip"))))
        self.assertEqual(["the slide that starts at cell 4 has 601 characters of markdown, more than 600: split it into "
                          "sub-slides (python3 -m launcher.slide_fit fixes it)"],
                         notebooks.slide_problems(clean(cell("markdown", third, "slide"), cell(), cell("markdown", third + "w"),
                                                        cell("markdown", third))))
        self.assertEqual(1, len(notebooks.slide_problems(notebook(cell("markdown", "# T\n" + "w" * 600, "slide")))),
                         "the last slide is counted too")

    def test_sources_stored_as_lists_of_lines_count_the_same(self):
        lines = [f"x{i}++;\n" for i in range(26)]
        problems = notebooks.form_problems(clean(cell(source=lines)))
        self.assertTrue(any("more than 25 lines" in p for p in problems), problems)


class OutputTest(unittest.TestCase):

    def test_errors_and_stderr_are_what_a_learner_would_see(self):
        executed = notebook(
            cell(outputs=[{"output_type": "stream", "name": "stdout", "text": "fine"}]),
            cell(outputs=[{"output_type": "stream", "name": "stderr", "text": ["WARN ", "engine\n"]}]),
            cell(outputs=[{"output_type": "error", "ename": "CheckFailedException", "evalue": "accuracy 0.5 < 0.8", "traceback": []}]))
        self.assertEqual(["cell 2 wrote to stderr (a learner would see it): WARN engine",
                          "cell 3: CheckFailedException: accuracy 0.5 < 0.8"], notebooks.output_problems(executed))


if __name__ == "__main__":
    unittest.main()
