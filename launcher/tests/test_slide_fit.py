"""python3 -m launcher.slide_fit: code lines wrapped to 100 characters without changing what the code
does, long markdown split into sub-slides, and what it cannot fix named."""

import re
import unittest

from launcher import notebooks, slide_fit
from launcher.tests.test_notebooks import cell, clean, notebook


def tokens(code):
    """The code without whitespace outside string literals and without `" + "` joins: what a wrap
    may not change."""
    return re.sub(r'"\s*\+\s*"', "", re.sub(r'\s+(?=(?:[^"]*"[^"]*")*[^"]*$)', "", code))


class CodeTest(unittest.TestCase):

    def assert_wrapped(self, line, expected):
        wrapped = slide_fit.fit_code(line, limit=40)
        self.assertEqual(expected, wrapped.split("\n"))
        self.assertTrue(all(len(x) <= 40 for x in expected))
        self.assertEqual(tokens(line), tokens(wrapped), "only whitespace changes, and strings joined with +")

    def test_a_line_that_fits_is_kept(self):
        self.assertEqual("int x = 1;   // one", slide_fit.fit_code("int x = 1;   // one", limit=40))

    def test_the_outermost_comma_is_preferred_and_the_rest_indented_8_spaces(self):
        self.assert_wrapped('Check.close(ours, theirs, 1e-5, "it holds");',
                            ['Check.close(ours, theirs, 1e-5,', '        "it holds");'])

    def test_a_chained_call_breaks_before_its_dot(self):
        self.assert_wrapped("NDArray y = x.transpose().matMul(weights).add(bias);",
                            ["NDArray y = x.transpose()", "        .matMul(weights).add(bias);"])

    def test_nothing_breaks_inside_a_string_or_a_type_argument_list(self):
        wrapped = slide_fit.fit_code('Map<String, int[]> m = f("a, b, c", first, second);', limit=40)
        self.assertEqual(['Map<String, int[]> m = f("a, b, c",', '        first, second);'], wrapped.split("\n"))

    def test_a_string_without_break_point_is_split_at_a_space_and_joined_with_plus(self):
        line = 'say("the quick brown fox jumps over the lazy dog");'
        wrapped = slide_fit.fit_code(line, limit=40)
        self.assertEqual(['say("the quick brown fox jumps over "', '        + "the lazy dog");'], wrapped.split("\n"))

    def test_one_more_element_of_a_list_keeps_the_lists_indent(self):
        code = 'show(Table.create("t",\n        IntColumn.create("a", 1, 2), IntColumn.create("b", 3, 4)));'
        self.assertEqual(['show(Table.create("t",', '        IntColumn.create("a", 1, 2),', '        IntColumn.create("b", 3, 4)));'],
                         slide_fit.fit_code(code, limit=40).split("\n"))

    def test_a_trailing_comment_stays_at_the_end_where_it_fits_else_moves_above(self):
        self.assertEqual(["int x = 1;   // one"], slide_fit.fit_code("int x = 1;" + " " * 40 + "// one", limit=40).split("\n"))
        self.assertEqual(["NDArray y = x.transpose()", "        .matMul(w);   // (n, 2)"],
                         slide_fit.fit_code("NDArray y = x.transpose().matMul(w);   // (n, 2)", limit=40).split("\n"))
        long_comment = "int x = 1;   // the one number that every later cell of this notebook uses"
        self.assertEqual(["// the one number that every later cell", "// of this notebook uses", "int x = 1;"],
                         slide_fit.fit_code(long_comment, limit=40).split("\n"))

    def test_a_comment_and_a_one_line_javadoc_are_wrapped_as_comments(self):
        self.assertEqual(["    // a comment that is far too long to", "    // fit"],
                         slide_fit.fit_code("    // a comment that is far too long to fit", limit=40).split("\n"))
        self.assertEqual(["/** Trains the model on every batch", " * once and returns the loss. */"],
                         slide_fit.fit_code("/** Trains the model on every batch once and returns the loss. */", limit=40).split("\n"))

    def test_a_double_slash_inside_a_string_is_not_a_comment(self):
        kinds, open_comment = slide_fit.char_kinds('String url = "http://x"; /* note */ int y;')
        self.assertNotIn("l", kinds)
        self.assertFalse(open_comment)
        self.assertEqual("s" * 10, kinds[13:23])
        self.assertEqual("c" * 13 + "s" * 10 + "cc" + "m" * 10 + "c" * 7, kinds)
        self.assertTrue(slide_fit.char_kinds("int x; /* open")[1])


class MarkdownTest(unittest.TestCase):

    def test_a_long_cell_is_split_into_the_fewest_most_even_parts_at_paragraphs(self):
        paragraphs = ["a" * 250, "b" * 250, "c" * 250, "d" * 250]
        self.assertEqual([paragraphs[0] + "\n\n" + paragraphs[1], paragraphs[2] + "\n\n" + paragraphs[3]],
                         slide_fit.split_markdown("\n\n".join(paragraphs)))

    def test_lists_split_between_items_and_the_introduction_stays_with_its_display(self):
        text = "Intro " + "i" * 300 + "\n- " + "x" * 200 + "\n- " + "y" * 200 + "\n- " + "z" * 200
        self.assertEqual(["Intro " + "i" * 300 + "\n- " + "x" * 200, "- " + "y" * 200 + "\n- " + "z" * 200],
                         slide_fit.split_markdown(text))
        shown = "p" * 300 + " and minimise\n\n$$ L = " + "l" * 200 + " $$\n\n" + "q" * 300
        self.assertEqual(["p" * 300 + " and minimise\n\n$$ L = " + "l" * 200 + " $$", "q" * 300],
                         slide_fit.split_markdown(shown))

    def test_a_paragraph_over_the_limit_is_cut_between_sentences_not_inside_maths(self):
        text = "First $a. B$ claim " + "f" * 300 + ". Second " + "s" * 300 + "."
        self.assertEqual(["First $a. B$ claim " + "f" * 300 + ".", "Second " + "s" * 300 + "."],
                         slide_fit.split_markdown(text))

    def test_a_notebook_is_fitted_in_place_and_then_passes_the_slide_check(self):
        nb = clean(cell("markdown", "## Idea\n\n" + "a" * 400 + "\n\n" + "b" * 400, "slide", cell_id="idea"),
                   cell("markdown", "c" * 300, cell_id="more"),
                   cell(source="Check.close(ours, theirs, 1e-5, \"" + "m" * 60 + "\", " + "x" * 40 + ");", cell_id="code"))
        self.assertTrue(notebooks.slide_problems(nb))
        changed, left = slide_fit.fit_notebook(nb)
        self.assertEqual([], notebooks.form_problems(nb))
        self.assertEqual([], notebooks.slide_problems(nb))
        self.assertEqual([], left)
        self.assertEqual(["cell idea: split into 2 cells", "cell more: starts a sub-slide", "cell code: code lines wrapped"],
                         [c for c in changed if not c.startswith("cell cell-")])
        ids = [c["id"] for c in nb["cells"]]
        self.assertEqual(["cell-0", "cell-1", "cell-2", "idea", "idea-2", "more", "code"], ids)
        self.assertEqual("subslide", nb["cells"][4]["metadata"]["slideshow"]["slide_type"])
        self.assertEqual(([], []), slide_fit.fit_notebook(nb), "fitting again changes nothing")

    def test_what_it_cannot_fix_is_listed(self):
        nb = notebook(cell("markdown", "# T", "slide"), cell("markdown", "$$" + "x" * 700 + "$$", "slide", cell_id="maths"),
                      cell(source="\n".join(["y++;"] * 25) + "\nint z = f(" + "a, " * 40 + "b);", cell_id="long"))
        _, left = slide_fit.fit_notebook(nb)
        self.assertEqual(["cell maths: a paragraph of 704 characters: shorten or split it by hand",
                          "cell long: 27 lines, more than 25: split it"], left)


if __name__ == "__main__":
    unittest.main()
