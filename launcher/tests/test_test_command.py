import shutil
import tempfile
import unittest
from pathlib import Path

from launcher.commands import test
from launcher.layout import COURSE


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


if __name__ == "__main__":
    unittest.main()
