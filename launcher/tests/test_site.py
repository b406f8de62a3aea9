"""./course site in fast mode: the pages, their links and plots, and the cache of executed notebooks
(a second build executes nothing; a failed notebook leaves nothing)."""

import json
import os
import re
import shutil
import tempfile
import unittest
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from launcher import webassets
from launcher.errors import LauncherError
from launcher.tests.support import call, requires_notebook_python, requires_set_up

FIRST, SECOND = "00-setup-and-tour", "05-convolutions"
LINK = re.compile(r'(?:href|src)="([^"]*)"')


def web_assets_obtainable():
    """reveal.js and MathJax are fetched, or the npm registry answers (slides and the site need them)."""
    if webassets.fetched():
        return True
    registry = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/")
    try:
        urllib.request.urlopen(urllib.request.Request(registry, method="HEAD"), timeout=10).close()
        return True
    except urllib.error.HTTPError as error:
        return error.code < 500
    except OSError:
        return False


requires_web_assets = unittest.skipUnless(
    web_assets_obtainable(), "reveal.js and MathJax are not in build/vendor/ and the npm registry cannot be "
                             "reached to download them; connect, then ./course test again")


def local_links(html):
    """The relative links of a page (no web addresses, data URIs or in-page anchors), without query or anchor."""
    links = []
    for link in LINK.findall(html):
        if not link or link.startswith(("#", "data:")) or re.match(r"^[a-z]+://", link):
            continue
        links.append(urllib.parse.unquote(re.sub(r"[?#].*$", "", link)))
    return links


def planted(*code):
    cells = [{"cell_type": "markdown", "id": "title", "metadata": {"slideshow": {"slide_type": "slide"}},
              "source": "# 01 · Planted failure\n\nA test notebook."}]
    cells += [{"cell_type": "code", "id": f"code-{i}", "metadata": {"slideshow": {"slide_type": "-"}}, "source": source,
               "outputs": [], "execution_count": None} for i, source in enumerate(code)]
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}},
                       "nbformat": 4, "nbformat_minor": 5})


class LocalLinksTest(unittest.TestCase):

    def test_web_addresses_data_and_anchors_are_skipped(self):
        html = ('<a href="05-x.html"></a><a href="#top"></a><img src="data:image/png;base64,AA">'
                '<a href="https://mybinder.org/v2"></a><script src="lib/mathjax/MathJax.js?config=TeX"></script>')
        self.assertEqual(["05-x.html", "lib/mathjax/MathJax.js"], local_links(html))


@requires_set_up
@requires_notebook_python
@requires_web_assets
class SiteTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        webassets.fetch(say=lambda line: None)  # as ./course site does before building

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def test_two_chapters_with_links_and_plots_then_the_executed_copies_are_reused(self):
        out = self.folder / "site"
        status, first, errors = call("site", "--fast", "--out", str(out), "00", "05")
        self.assertEqual(0, status, first + errors)
        for page in ("index.html", f"{FIRST}.html", f"{SECOND}.html", f"{FIRST}.slides.html", f"{SECOND}.slides.html",
                     "assets/notebook.css", "assets/site.css"):
            self.assertGreater((out / page).stat().st_size, 0, page)
        for page in ("index.html", f"{FIRST}.html", f"{SECOND}.html", f"{SECOND}.slides.html"):
            for link in local_links((out / page).read_text(encoding="utf-8")):
                self.assertTrue((out / link).exists(), f"{page} links to {link}, which does not exist")
        index = (out / "index.html").read_text(encoding="utf-8")
        self.assertIn(f'href="{FIRST}.html"', index)
        self.assertIn("Convolutions", index, "the index names chapter 05 by its title")
        first_page = (out / f"{FIRST}.html").read_text(encoding="utf-8")
        second_page = (out / f"{SECOND}.html").read_text(encoding="utf-8")
        self.assertIn(f'class="site-next" href="{SECOND}.html"', first_page)
        self.assertNotIn('class="site-prev"', first_page)
        self.assertIn(f'class="site-prev" href="{FIRST}.html"', second_page)
        self.assertIn("https://mybinder.org/v2/gh/", second_page)
        self.assertIn(f"notebooks%2F{SECOND}.ipynb", second_page)
        self.assertIn('<img src="data:image/png;base64,', second_page, "05's page shows its plots")
        status, second, errors = call("site", "--fast", "--out", str(out), "00", "05")
        self.assertEqual(0, status, second + errors)
        self.assertIn(f"{FIRST}: cached", second)
        self.assertIn(f"{SECOND}: cached", second)

    def test_a_failing_notebook_fails_the_build_by_name_and_leaves_no_executed_copy(self):
        from launcher import website
        notebook = self.folder / "01-planted-failure.ipynb"
        cache, out = self.folder / "executed", self.folder / "site"
        notebook.write_text(planted("int answer = 6 * 7;", 'throw new IllegalStateException("planted by SiteTest");'))
        quiet = {"say": lambda line: None}
        with self.assertRaises(LauncherError) as raised:
            website.build([notebook], True, out, cache, **quiet)
        self.assertIn("01-planted-failure: a cell failed", str(raised.exception))
        self.assertIn("planted by SiteTest", str(raised.exception))
        self.assertFalse((cache / "fast" / "01-planted-failure.ipynb").exists(), "a failed run left an executed copy")
        self.assertFalse((out / "index.html").exists(), "a failed build wrote an index")

        notebook.write_text(planted("int answer = 6 * 7;", "System.out.println(answer);"))
        said = []
        website.build([notebook], True, out, cache, say=said.append)
        self.assertTrue(said[0].startswith("01-planted-failure: executed"), said)
        self.assertIn("42", (out / "01-planted-failure.html").read_text(encoding="utf-8"))
        website.build([notebook], True, out, cache, say=said.append)
        self.assertIn("01-planted-failure: cached", " ".join(said))


if __name__ == "__main__":
    unittest.main()
