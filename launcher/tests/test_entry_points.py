"""The thin entry points: course (sh) runs here; course.cmd and course.ps1 cannot, so what they must
share with it (the Python they accept, passing every argument on, the exit status) is read from them."""

import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from launcher.layout import HOME

MINIMUM = "sys.version_info < (3, 9)"


@unittest.skipIf(os.name == "nt", "course is the entry point of Linux and macOS")
class ShEntryPointTest(unittest.TestCase):

    def setUp(self):
        self.bin = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.bin)
        for tool in ("dirname", "uname"):
            (self.bin / tool).symlink_to(shutil.which(tool))

    def fake_python(self, name, version_ok=True):
        python = self.bin / name
        python.write_text("#!/bin/sh\nif [ \"$1\" = -c ]; then exit %d; fi\necho \"$0 ran $* as $DLCOURSE_PROG\"\n"
                          % (0 if version_ok else 1))
        python.chmod(0o755)
        return python

    def run_course(self, *args, **env):
        return subprocess.run(["/bin/sh", str(HOME / "course"), *args], capture_output=True, text=True,
                              env={"PATH": str(self.bin), **env})

    def test_without_python_it_says_how_to_install_one(self):
        result = self.run_course("setup")
        self.assertEqual(1, result.returncode)
        self.assertIn("needs Python 3.9 or newer, and found none (tried: python3, python)", result.stderr)
        self.assertIn("to install it:", result.stderr)

    def test_it_runs_the_launcher_with_every_argument(self):
        python3 = self.fake_python("python3")
        result = self.run_course("run", "05", "--fast")
        self.assertEqual(f"{python3} ran {HOME}/launcher run 05 --fast as ./course\n", result.stdout)

    def test_an_old_python_is_passed_over_and_dlcourse_python_comes_first(self):
        self.fake_python("python3", version_ok=False)
        python = self.fake_python("python")
        self.assertIn(f"{python} ran", self.run_course("doctor").stdout)
        chosen = self.fake_python("mine")
        self.assertIn(f"{chosen} ran", self.run_course("doctor", DLCOURSE_PYTHON=str(chosen)).stdout)


class WindowsEntryPointsTest(unittest.TestCase):

    def test_course_cmd(self):
        text = (HOME / "course.cmd").read_text()
        self.assertIn(MINIMUM, text)
        self.assertIn('set "DLCOURSE_PROG=course"', text)
        self.assertEqual(3, len(re.findall(r'"%LAUNCHER%" %\*\r?\nexit /b %ERRORLEVEL%', text)),
                         "each Python it may choose runs the launcher with every argument and passes its status on")
        self.assertIn("py -3", text)

    def test_course_ps1(self):
        text = (HOME / "course.ps1").read_text()
        self.assertIn(MINIMUM, text)
        self.assertIn("$env:DLCOURSE_PROG = '.\\course.ps1'", text)
        self.assertIn("& $program @first $launcher @args\n", text.replace("\r\n", "\n"))
        self.assertIn("exit $LASTEXITCODE", text)

    def test_all_three_accept_the_same_python(self):
        self.assertIn(MINIMUM, (HOME / "course").read_text())
        attributes = (HOME / ".gitattributes").read_text()
        self.assertIn("course.cmd  text eol=crlf", attributes, "cmd.exe needs CRLF to find its labels")
        self.assertIn("course      text eol=lf", attributes)


if __name__ == "__main__":
    unittest.main()
