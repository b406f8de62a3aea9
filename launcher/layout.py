"""Where the course keeps its files: one place that names them, for every command and test.

A Layout is made from the course's top folder as a path of the platform's kind, so the same
names serve this checkout (Layout(HOME)) and a Windows or macOS course folder in a unit test.
"""

import os
from dataclasses import dataclass
from pathlib import Path, PurePath

HOME = Path(__file__).resolve().parent.parent

# How the learner started the launcher, for the commands that messages tell them to type:
# "./course" from course, "course" from course.cmd, ".\course.ps1" from course.ps1.
PROG = os.environ.get("DLCOURSE_PROG") or "./course"

KERNEL_NAME = "java"


@dataclass(frozen=True)
class Layout:
    home: PurePath

    @property
    def notebooks(self):
        return self.home / "notebooks"

    @property
    def notebooks_zh(self):
        """The Chinese edition: the English notebooks' file names, translated (CONTRACTS.md section 0)."""
        return self.notebooks / "zh"

    @property
    def glossary(self):
        """The English-Chinese glossary, one table per chapter."""
        return self.home / "GLOSSARY.md"

    @property
    def build(self):
        return self.home / "build"

    @property
    def target(self):
        return self.home / "target"

    @property
    def jar(self):
        """The helper library, as Maven packages it (pom.xml: dlcourse 0.1.0)."""
        return self.target / "dlcourse-0.1.0.jar"

    @property
    def libs(self):
        """The library's runtime dependencies, copied by Maven: the kernel's classpath."""
        return self.target / "lib"

    @property
    def classpath_list(self):
        """What target/lib should hold, as Maven lists it; set-up prunes jars left from an older pom."""
        return self.target / "classpath.txt"

    @property
    def kernel_jar(self):
        return self.target / "kernel" / "rapaio-jupyter-kernel.jar"

    @property
    def kernel_patch(self):
        """Classes compiled from src/main/kernel-patch, put ahead of the kernel's jar."""
        return self.target / "kernel" / "patch"

    @property
    def kernel_patch_sources(self):
        return self.home / "src" / "main" / "kernel-patch"

    @property
    def built_engine(self):
        """The engine the library in target/ was last built with."""
        return self.target / "engine"

    @property
    def chosen_engine(self):
        """The engine chosen by ./course setup --engine (or by platform), one word."""
        return self.build / "engine"

    @property
    def init_script(self):
        return self.home / "src" / "main" / "jshell" / "init.jsh"

    @property
    def library_sources(self):
        """What the library in target/ is built from: pom.xml and everything under src/main."""
        return [self.home / "pom.xml", self.home / "src" / "main"]

    @property
    def data_manifest(self):
        """The data files' names, folders, sizes and checksums, read by the launcher and the library."""
        return self.home / "src" / "main" / "resources" / "dlcourse" / "data" / "data-files.json"

    @property
    def data(self):
        return self.home / "data"

    @property
    def vendor(self):
        """reveal.js and MathJax, fetched once for slides and the site."""
        return self.build / "vendor"

    @property
    def executed(self):
        """Executed copies of the notebooks, shared by slides and the site."""
        return self.build / "executed"

    @property
    def results_csv(self):
        return self.build / "results" / "results.csv"


COURSE = Layout(HOME)


def shown(path):
    """A path as a learner would type it from the course's folder."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(HOME))
    except ValueError:
        return str(path)
