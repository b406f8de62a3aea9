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
        # English only: TwoEditionsTest checks the Chinese pages without running their notebooks again.
        out = self.folder / "site"
        status, first, errors = call("site", "--fast", "--lang", "en", "--out", str(out), "00", "05")
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
        status, second, errors = call("site", "--fast", "--lang", "en", "--out", str(out), "00", "05")
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



@requires_notebook_python
class TwoEditionsTest(unittest.TestCase):
    """The site's pages for an English edition and a partial Chinese one, from executed copies already
    in the cache (so no kernel runs): language switches, twins, shared assets, the glossary."""

    def setUp(self):
        from launcher import execute
        from launcher.layout import Layout

        self.home = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.home)
        (self.home / "src" / "main").mkdir(parents=True)
        (self.home / "pom.xml").write_text("<project/>")
        (self.home / "README.md").write_text("[![Binder](https://mybinder.org/badge_logo.svg)]"
                                             "(https://mybinder.org/v2/gh/ada/course/HEAD?labpath=notebooks)")
        (self.home / "GLOSSARY.md").write_text("# Glossary · 术语表\n\n## 05 · Convolutions\n\n| English | 中文 |\n"
                                               "|---|---|\n| convolution | 卷积 |\n", encoding="utf-8")
        self.layout = Layout(self.home)
        english, chinese = self.layout.notebooks, self.layout.notebooks_zh
        chinese.mkdir(parents=True)
        self.cache = self.home / "build" / "executed"
        library = execute.library_digest(self.layout)
        titles = {english / "00-setup.ipynb": "# 00 · Set-up\n\nThe tour.",
                  english / "05-convolutions.ipynb": "# 05 · Convolutions\n\nFilters, after [the tour](00-setup.ipynb#top).",
                  chinese / "05-convolutions.ipynb": "# 05 · 卷积\n\n滤波器。见[术语表](../../GLOSSARY.md)。"}
        for path, title in titles.items():
            notebook = json.loads(planted("int answer = 6 * 7;"))
            notebook["cells"][0]["source"] = title
            path.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
            notebook["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "42\n"}]
            folder = (self.cache if path.parent == english else self.cache / "zh") / "fast"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / path.name).write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
            (folder / (path.stem + ".json")).write_text(json.dumps(
                {"key": execute.cache_key(path, True, library), "seconds": 3.0}))
        self.english = [english / "00-setup.ipynb", english / "05-convolutions.ipynb"]

    def build(self, languages=("en", "zh")):
        from unittest import mock

        from launcher import website
        out, said = self.home / "site", []
        with mock.patch.object(website.webassets, "copy_libraries", lambda out, layout: None):
            website.build(self.english, True, out, self.cache, self.home / "none.csv", self.layout, said.append,
                          languages)
        return out, said

    def page(self, out, name):
        return (out / name).read_text(encoding="utf-8")

    def test_both_editions_from_the_cache_with_switches_twins_and_the_glossary(self):
        out, said = self.build()
        self.assertIn("zh/05-convolutions: cached, from a 3 s run (fast mode)", said)
        self.assertTrue(any(line.startswith("site: ") and line.endswith("(1 chapters, Chinese, fast mode)") for line in said), said)
        pages = ["index.html", "00-setup.html", "05-convolutions.html", "zh/index.html", "zh/05-convolutions.html",
                 "glossary.html", "zh/05-convolutions.slides.html"]
        for page in pages:
            for link in local_links(self.page(out, page)):
                if not link.startswith(("lib/", "../lib/")):  # reveal.js and MathJax are not copied here
                    self.assertTrue((out / page).parent.joinpath(link).exists(), f"{page} links to {link}, which does not exist")
        self.assertIn('class="site-language" href="zh/05-convolutions.html">中文', self.page(out, "05-convolutions.html"))
        self.assertIn('class="site-twin" href="zh/05-convolutions.html"', self.page(out, "05-convolutions.html"))
        self.assertIn('class="site-language" href="zh/index.html">中文', self.page(out, "00-setup.html"),
                      "a chapter not translated yet switches to the Chinese index")
        chinese = self.page(out, "zh/05-convolutions.html")
        self.assertIn('class="site-language" href="../05-convolutions.html">English', chinese)
        self.assertIn('href="../assets/site.css"', chinese)
        self.assertIn("labpath=notebooks%2Fzh%2F05-convolutions.ipynb", chinese)
        self.assertIn("卷积", chinese)
        self.assertIn('href="../glossary.html">术语表</a>', chinese, "the notebook's link to GLOSSARY.md leads to its page")
        english = self.page(out, "05-convolutions.html")
        self.assertIn('href="00-setup.html#top">the tour</a>', english, "a link to a chapter leads to its page")
        self.assertIn("../lib/reveal.js/dist/reveal.js", self.page(out, "zh/05-convolutions.slides.html"))
        self.assertIn('class="site-language" href="../index.html">English', self.page(out, "zh/index.html"))
        self.assertIn('href="../glossary.html"', self.page(out, "zh/index.html"))
        self.assertIn('href="glossary.html"', self.page(out, "index.html"))
        glossary = self.page(out, "glossary.html")
        self.assertRegex(glossary, r"<td>convolution</td>\s*<td>卷积</td>")

    def test_the_chinese_edition_alone_has_its_assets_and_the_glossary(self):
        out, _ = self.build(("zh",))
        self.assertFalse((out / "index.html").exists())
        self.assertTrue((out / "assets" / "site.css").exists())
        self.assertNotIn("site-language", self.page(out, "zh/05-convolutions.html"))
        self.assertIn('class="site-home" href="zh/index.html">Java 深度学习', self.page(out, "glossary.html"))

    def test_without_a_translation_there_is_no_chinese_edition_and_no_switch(self):
        (self.layout.notebooks_zh / "05-convolutions.ipynb").unlink()
        out, _ = self.build()
        self.assertFalse((out / "zh").exists())
        self.assertNotIn("site-language", self.page(out, "05-convolutions.html"))
        self.assertNotIn("site-language", self.page(out, "index.html"))


if __name__ == "__main__":
    unittest.main()
