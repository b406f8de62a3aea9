"""./course test: the library's and the launcher's unit tests, then every notebook in fast mode.

The notebook test lives here, in Python, beside the one runner it uses (execute.run), rather than
in JUnit: a Java test would have to find Jupyter's Python and start it for each notebook, a
second copy of what the launcher already does. A notebook passes when it is committed in the
course's form and every cell runs in fast mode with no error and nothing on stderr.
"""

import shutil
import time
import unittest
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .. import engines, jupyter, maven, notebooks
from ..console import say
from ..layout import COURSE
from ..platforms import Platform
from . import setup

NAME = "test"
USAGE = "[NN ...] [--lang en|zh]"
SUMMARY = """unit tests (library and launcher), then every notebook executed in fast mode,
English then Chinese; with NN, only those notebooks (in both editions)"""
DESCRIPTION = """Runs the helper library's unit tests (mvn test, with the engine set-up chose), the launcher's
own tests (launcher/tests), then executes every notebook through Jupyter with the 'java' kernel
in fast mode, as a learner would run all its cells: the English edition (notebooks/), then the
Chinese one (notebooks/zh/, the chapters translated so far). Prints a line per notebook with its
seconds (the budget is 90 s each on 2 cores) and closes with 'N passed, M failed'. With NN, only
those notebooks are checked and executed, in each edition that has them; --lang restricts to one
edition. Executed copies and kernel logs: build/test-notebooks/ (English) and
build/test-notebooks/zh/ (Chinese)."""

BUDGET_SECONDS = 90
# How many Chinese notebooks run at once beside each other (see side_by_side).
SIDE_BY_SIDE = 2
CELL_TIMEOUT_SECONDS = 600
INDENT = " " * 9


@dataclass
class Tally:
    passed: int = 0
    failed: int = 0

    def add(self, ok):
        if ok:
            self.passed += 1
        else:
            self.failed += 1


def add_arguments(parser):
    parser.add_argument("notebooks", nargs="*", metavar="NN", help="only these notebooks (default: all tests)")
    parser.add_argument("--lang", choices=notebooks.LANGUAGES, help="only this edition's notebooks (default: both)")


def run(args):
    languages = (args.lang,) if args.lang else notebooks.LANGUAGES
    chosen = notebooks.editions(args.notebooks, COURSE.notebooks, languages)
    jupyter.use_notebook_python(args.argv, required=False)
    engine = setup.ensure()
    jupyter.use_notebook_python(args.argv)
    tally = Tally()
    if not args.notebooks:
        library_tests(engine, tally)
        launcher_tests(tally)
    notebook_tests(chosen, tally, engine, Platform.current().cores)
    say(f"\n{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


def surefire_counts(reports):
    """(tests, failed, skipped) summed over Surefire's XML reports."""
    tests = failed = skipped = 0
    for report in reports.glob("TEST-*.xml"):
        suite = ElementTree.parse(report).getroot()
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return tests, failed, skipped


def library_tests(engine, tally):
    reports = COURSE.target / "surefire-reports"
    shutil.rmtree(reports, ignore_errors=True)
    start = time.monotonic()
    status = maven.run(["test"], engine)
    tests, failed, skipped = surefire_counts(reports)
    if status != 0 and failed == 0:
        say("the library's tests did not all run: Maven failed (see above)")
        failed = 1
    tally.passed += max(0, tests - failed - skipped)
    tally.failed += failed
    say(f"library (mvn test): {tests} tests, {failed} failed, {skipped} skipped in {time.monotonic() - start:.0f} s")


def launcher_tests(tally):
    """launcher/tests, in this process (Jupyter's Python): failures with their tracebacks, skips with their reasons."""
    start = time.monotonic()
    suite = unittest.defaultTestLoader.discover(str(COURSE.home / "launcher" / "tests"), top_level_dir=str(COURSE.home))
    result = unittest.TestResult()
    suite.run(result)
    broken = result.failures + result.errors + [(t, "passed, but is marked as an expected failure") for t in result.unexpectedSuccesses]
    for test, trace in broken:
        say(f"FAIL {test.id()}\n{trace.rstrip()}")
    for reason in sorted({reason for _, reason in result.skipped}):
        say(f"skipped: {reason}")
    tally.passed += result.testsRun - len(broken) - len(result.skipped)
    tally.failed += len(broken)
    say(f"launcher (launcher/tests): {result.testsRun} tests, {len(broken)} failed, {len(result.skipped)} skipped "
        f"in {time.monotonic() - start:.0f} s")


def output_folder(language):
    """Where a language's executed copies and kernel logs go, apart so that editions never overwrite each other."""
    return notebooks.edition_folder(language, COURSE.build / "test-notebooks")


def side_by_side(chosen, cores):
    """(alone, beside): the notebooks to run one at a time, and those to run two at a time. The Chinese
    edition runs the English code cells (launcher/tests/test_translation.py proves it), so a Chinese
    notebook whose English twin runs alone in this test, where its seconds are held to the budget, may
    run beside another Chinese one; everything else runs alone."""
    english = {path.name for language, path in chosen if language == "en"}
    beside = [(language, path) for language, path in chosen if language != "en" and path.name in english]
    if cores < SIDE_BY_SIDE or len(beside) < SIDE_BY_SIDE:
        return list(chosen), []
    return [c for c in chosen if c not in beside], beside


def run_one(language, path, kernel_env=None):
    """A notebook's committed form, then its fast-mode run: (name, form problems, seconds, run problems)."""
    import nbformat

    from .. import execute

    name, out = notebooks.label(language, path), output_folder(language)
    form = notebooks.form_problems(notebooks.read(path))
    start = time.monotonic()
    try:
        notebook, seconds = execute.run(path, True, out / (path.stem + ".log"), timeout=CELL_TIMEOUT_SECONDS,
                                        kernel_env=kernel_env)
        nbformat.write(notebook, out / (path.stem + ".ipynb"))
        problems = notebooks.output_problems(notebook)
    except execute.NotebookFailed as failure:
        seconds, problems = time.monotonic() - start, [str(failure)]
    return name, form, seconds, problems


def report(result, tally, note=""):
    name, form, seconds, problems = result
    tally.add(not form)
    if form:
        say(f"notebook {name} as committed: FAIL\n" + "\n".join(INDENT + p for p in form))
    say(f"notebook {name:<35} {seconds:6.1f} s  {'FAIL' if problems else 'pass'}{note}")
    for problem in problems:
        say(INDENT + problem.replace("\n", "\n" + INDENT))
    tally.add(not problems)


def notebook_tests(chosen, tally, engine, cores):
    """Each (language, path): its committed form, then its fast-mode run; see side_by_side for which
    run two at a time, each kernel with the engine on half the cores (two kernels with every core
    each took over 300 s for zh/06 and zh/09, which take 125 s one after the other: the engine's
    OpenMP threads spin waiting for each other)."""
    alone, beside = side_by_side(chosen, cores)
    seconds_by_name = {}
    for language, path in alone:
        result = run_one(language, path)
        name, seconds = result[0], result[2]
        seconds_by_name[name] = seconds
        report(result, tally, f" (over the {BUDGET_SECONDS} s budget)" if seconds > BUDGET_SECONDS else "")
    threads = max(1, cores // SIDE_BY_SIDE)
    kernel_env = engines.environment(engine, threads)
    with ThreadPoolExecutor(SIDE_BY_SIDE) as pool:
        for result in pool.map(lambda language_path: run_one(*language_path, kernel_env=kernel_env), beside):
            report(result, tally, f"  ({SIDE_BY_SIDE} at a time, {threads} thread(s) each)")
    over = {name: s for name, s in seconds_by_name.items() if s > BUDGET_SECONDS}
    if over:
        say(f"{len(over)} notebook(s) over the {BUDGET_SECONDS} s fast-mode budget: "
            + ", ".join(f"{name} ({s:.1f} s)" for name, s in over.items()))
    elif len(seconds_by_name) > 1:
        slowest = max(seconds_by_name, key=seconds_by_name.get)
        say(f"every notebook within the {BUDGET_SECONDS} s fast-mode budget (slowest: {slowest}, "
            f"{seconds_by_name[slowest]:.1f} s)")
