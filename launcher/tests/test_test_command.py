import json
import os
import shutil
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from launcher.commands import test
from launcher.layout import COURSE
from launcher.tests.support import requires_notebook_python


class SurefireCountsTest(unittest.TestCase):

    def test_reports_are_summed(self):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        (folder / "TEST-dlcourse.data.VocabTest.xml").write_text(
            '<?xml version="1.0"?><testsuite name="VocabTest" tests="12" failures="1" errors="0" skipped="2"></testsuite>')
        (folder / "TEST-dlcourse.nn.LeNetTest.xml").write_text(
            '<?xml version="1.0"?><testsuite name="LeNetTest" tests="3" failures="0" errors="1" skipped="0"></testsuite>')
        (folder / "dlcourse.nn.LeNetTest.txt").write_text("not a report")
        self.assertEqual((15, 2, 2), test.surefire_counts(folder))

    def test_the_tally_counts_each_check(self):
        tally = test.Tally()
        for ok in (True, True, False):
            tally.add(ok)
        self.assertEqual((2, 1), (tally.passed, tally.failed))

    def test_each_edition_has_its_own_output_folder(self):
        self.assertEqual(COURSE.build / "test-notebooks", test.output_folder("en"))
        self.assertEqual(COURSE.build / "test-notebooks" / "zh", test.output_folder("zh"))


def both_editions(*names):
    return ([("en", Path("notebooks") / n) for n in names]
            + [("zh", Path("notebooks") / "zh" / n) for n in names])


class SideBySideTest(unittest.TestCase):
    """Which notebooks ./course test runs two at a time: the Chinese ones whose English twin runs
    alone in the same test, where the budget holds their code's seconds."""

    def test_chinese_twins_of_english_notebooks_run_two_at_a_time(self):
        chosen = both_editions("00-a.ipynb", "01-b.ipynb", "02-c.ipynb")
        alone, beside = test.side_by_side(chosen, cores=2)
        self.assertEqual(chosen[:3], alone)
        self.assertEqual(chosen[3:], beside)

    def test_everything_runs_alone_on_one_core_or_without_a_pair(self):
        chosen = both_editions("00-a.ipynb", "01-b.ipynb")
        self.assertEqual((chosen, []), test.side_by_side(chosen, cores=1))
        one = both_editions("04-d.ipynb")
        self.assertEqual((one, []), test.side_by_side(one, cores=2))

    def test_the_chinese_edition_alone_runs_one_at_a_time_so_the_budget_holds_it(self):
        chosen = both_editions("00-a.ipynb", "01-b.ipynb")[2:]
        self.assertEqual((chosen, []), test.side_by_side(chosen, cores=2))


@requires_notebook_python
class KernelEnvironmentTest(unittest.TestCase):

    def test_a_runs_settings_replace_the_kernelspecs(self):
        import nbformat

        from launcher import execute

        data = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, data)
        spec = data / "kernels" / "java" / "kernel.json"
        spec.parent.mkdir(parents=True)
        spec.write_text(json.dumps({"argv": ["java", "{connection_file}"], "display_name": "Java", "language": "java",
                                    "env": {"OMP_NUM_THREADS": "2", "DJL_OFFLINE": "true"}}))
        with mock.patch.dict(os.environ, {"JUPYTER_DATA_DIR": str(data), "JUPYTER_PATH": ""}):
            made = execute.client(nbformat.v4.new_notebook(), data, 60, kernel_env={"OMP_NUM_THREADS": "1"})
            self.assertEqual({"OMP_NUM_THREADS": "1", "DJL_OFFLINE": "true"}, made.km.kernel_spec.env)
            self.assertIsNone(execute.client(nbformat.v4.new_notebook(), data, 60).km, "no settings: nbclient's own manager")


if __name__ == "__main__":
    unittest.main()
