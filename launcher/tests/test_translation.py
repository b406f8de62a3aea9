"""The Chinese edition's twin tests: the rules on small notebooks, then every notebook in notebooks/zh/."""

import copy
import json
import tempfile
import unittest
from pathlib import Path

from launcher import translation
from launcher.layout import COURSE
from launcher.notebooks import source
from launcher.tests.support import call

FIRST = "var manager = NDManager.newBaseManager();\nCourse.summary();"
TRAIN = ('// train for a few epochs\n'
         'int epochs = Course.fast() ? 2 : 10;\n'
         'float rate = 0.1f;\n'
         'System.out.println("Epochs: " + epochs);\n'
         'Plots.line(xs, ys, "Loss per epoch", \'x\');')


def cell(kind, text, cell_id, slide="-"):
    c = {"cell_type": kind, "id": cell_id, "metadata": {"slideshow": {"slide_type": slide}}, "source": text}
    if kind == "code":
        c.update(outputs=[], execution_count=None)
    return c


def english():
    return {"cells": [cell("markdown", "# 04 · A perceptron\nWhat you will do.", "title", "slide"),
                      cell("code", FIRST, "setup"),
                      cell("markdown", "## Training", "training", "slide"),
                      cell("code", TRAIN, "train")],
            "metadata": {"kernelspec": {"name": "java"}}, "nbformat": 4, "nbformat_minor": 5}


def translated(english_notebook):
    """A faithful Chinese twin: markdown and reader-facing text translated, every cell stamped."""
    chinese = copy.deepcopy(english_notebook)
    cells = chinese["cells"]
    cells[0]["source"] = "# 04 · 感知机\n你将学会什么。"
    cells[1]["source"] = 'Course.language("zh");\n' + FIRST
    cells[2]["source"] = "## 训练"
    cells[3]["source"] = (TRAIN.replace("// train for a few epochs", "// 训练几个周期（epoch）")
                          .replace('"Epochs: "', '"周期数："').replace('"Loss per epoch"', '"每个周期的损失"'))
    for en, zh in zip(english_notebook["cells"], cells):
        zh["metadata"]["dlcourse"] = {"source_sha256": translation.sha256(source(en))}
    return chinese


class CodeLinesTest(unittest.TestCase):

    def test_comments_go_and_strings_become_placeholders(self):
        lines = translation.code_lines('int a = 1; // one\n/* a\n   block */\nString s = "x // y";\nchar c = \'"\';')
        self.assertEqual(['int a = 1;', 'String s = "…";', "char c = '\"';"], [line.code for line in lines])
        self.assertEqual([1, 4, 5], [line.number for line in lines])
        self.assertEqual([[], ['"x // y"'], []], [line.literals for line in lines])

    def test_a_text_block_is_one_literal_and_blank_code_lines_stay(self):
        lines = translation.code_lines('var t = """\n  a "b"\n  """;\n\nint n = 2;')
        self.assertEqual(['var t = "…";', '', 'int n = 2;'], [line.code for line in lines])
        self.assertEqual([1, 4, 5], [line.number for line in lines])


class IdentityTest(unittest.TestCase):

    def setUp(self):
        self.en = english()
        self.zh = translated(self.en)

    def problems(self):
        return translation.identity_problems(self.en, self.zh)

    def test_a_faithful_translation_has_no_problem_and_no_stale_cell(self):
        self.assertEqual([], self.problems())
        self.assertEqual([], translation.stale_cells(self.en, self.zh))

    def test_a_translated_comment_may_take_more_lines(self):
        self.zh["cells"][3]["source"] = self.zh["cells"][3]["source"].replace(
            "// 训练几个周期（epoch）", "// 训练几个周期（epoch），\n/* 每个周期\n   看一遍数据 */")
        self.assertEqual([], self.problems())

    def test_an_added_cell_is_named(self):
        self.zh["cells"].insert(3, cell("markdown", "多出来的", "extra"))
        [problem] = self.problems()
        self.assertIn("cell 4 (id extra)", problem)
        self.assertIn("code cell with id train", problem)

    def test_a_removed_cell_at_the_end_is_named(self):
        del self.zh["cells"][3]
        [problem] = self.problems()
        self.assertIn("English notebook has 1 more cell(s), from id train", problem)

    def test_a_changed_identifier_names_the_cell_and_the_line(self):
        self.zh["cells"][3]["source"] = self.zh["cells"][3]["source"].replace("float rate", "float learningRate")
        [problem] = self.problems()
        self.assertIn("cell 4 (id train): line 3 differs", problem)
        self.assertIn("en: float rate = 0.1f;", problem)
        self.assertIn("zh: float learningRate = 0.1f;", problem)

    def test_a_changed_number_is_a_difference(self):
        self.zh["cells"][3]["source"] = self.zh["cells"][3]["source"].replace("? 2 : 10", "? 2 : 12")
        [problem] = self.problems()
        self.assertIn("line 2 differs", problem)

    def test_a_changed_literal_must_hold_chinese(self):
        self.zh["cells"][3]["source"] = self.zh["cells"][3]["source"].replace('"周期数："', '"Epochs : "')
        [problem] = self.problems()
        self.assertIn('line 4: the string "Epochs : " differs from the English "Epochs: " but holds no Chinese', problem)

    def test_a_char_literal_is_code(self):
        self.zh["cells"][3]["source"] = self.zh["cells"][3]["source"].replace("'x'", "'o'")
        [problem] = self.problems()
        self.assertIn("line 5 differs", problem)

    def test_an_added_line_of_code_is_named(self):
        self.zh["cells"][3]["source"] += "\nepochs++;"
        [problem] = self.problems()
        self.assertIn("the Chinese cell has more code, from its line 6: epochs++;", problem)

    def test_the_first_code_cell_starts_with_the_language(self):
        self.zh["cells"][1]["source"] = FIRST
        [problem] = self.problems()
        self.assertIn('cell 2 (id setup): the first code cell must start with the line Course.language("zh");', problem)

    def test_the_language_line_only_in_the_first_code_cell(self):
        self.zh["cells"][3]["source"] = 'Course.language("zh");\n' + self.zh["cells"][3]["source"]
        [problem] = self.problems()
        self.assertIn("cell 4 (id train)", problem)

    def test_another_id_or_type_is_a_moved_cell(self):
        self.zh["cells"][2]["id"] = "renamed"
        self.assertIn("cells were added, removed or moved", self.problems()[0])
        self.zh = translated(self.en)
        self.zh["cells"][2]["cell_type"] = "raw"
        self.assertIn("cells were added, removed or moved", self.problems()[0])

    def test_another_slide_type_is_named(self):
        self.zh["cells"][2]["metadata"]["slideshow"]["slide_type"] = "subslide"
        [problem] = self.problems()
        self.assertIn("cell 3 (id training): its slideshow metadata", problem)


class DriftTest(unittest.TestCase):

    def test_a_changed_english_cell_makes_its_twin_stale(self):
        en = english()
        zh = translated(en)
        en["cells"][2]["source"] = "## Training, step by step"
        self.assertEqual([(3, "training", "is older than its English twin (the English source changed)")],
                         translation.stale_cells(en, zh))

    def test_a_cell_without_a_stamp_is_stale(self):
        en = english()
        zh = translated(en)
        del zh["cells"][0]["metadata"]["dlcourse"]
        self.assertEqual([(1, "title", "has no metadata.dlcourse.source_sha256")], translation.stale_cells(en, zh))

    def test_the_stamp_is_the_sha256_of_the_source_as_one_string(self):
        self.assertEqual("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", translation.sha256("hello"))


class EditionTest(unittest.TestCase):
    """check_edition and ./course translations on a folder, and on the course's own Chinese notebooks."""

    def write(self, folder, name, notebook):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.ipynb").write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")

    def test_a_partial_edition_reports_each_chinese_notebook(self):
        english_folder = Path(tempfile.mkdtemp())
        chinese_folder = english_folder / "zh"
        en = english()
        self.write(english_folder, "04-perceptron", en)
        self.write(english_folder, "05-later", en)
        stale = translated(en)
        stale["cells"][0]["metadata"]["dlcourse"]["source_sha256"] = translation.sha256("an older title")
        self.write(chinese_folder, "04-perceptron", stale)
        self.write(chinese_folder, "09-orphan", translated(en))
        reports = translation.check_edition(english_folder, chinese_folder)
        self.assertEqual(["04-perceptron", "09-orphan"], [r.name for r in reports])
        self.assertEqual(([], [(1, "title", "is older than its English twin (the English source changed)")]),
                         (reports[0].problems, reports[0].stale))
        self.assertIn("no English twin 09-orphan.ipynb", reports[1].problems[0])

    def test_every_chinese_notebook_is_its_english_twin_translated_and_up_to_date(self):
        reports = translation.check_edition(COURSE.notebooks, COURSE.notebooks_zh)
        if not reports:
            self.skipTest("notebooks/zh/ has no Chinese notebook yet")
        for report in reports:
            with self.subTest(notebook=report.name):
                stale = [f"cell {i} (id {cell_id}) {why}" for i, cell_id, why in report.stale]
                self.assertEqual([], report.problems + stale, f"zh/{report.name} (./course translations lists them)")

    def test_the_command_agrees_with_the_test(self):
        status, out, _ = call("translations")
        reports = translation.check_edition(COURSE.notebooks, COURSE.notebooks_zh)
        self.assertEqual(0 if all(r.ok for r in reports) else 1, status)
        self.assertIn(f"{len(reports)} Chinese notebook(s)", out)


if __name__ == "__main__":
    unittest.main()
