import os
import shutil
import sys
import tempfile
import unittest
from pathlib import Path

from launcher import jupyter


class JupytersPythonTest(unittest.TestCase):

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def script(self, first_line):
        path = self.folder / "jupyter"
        path.write_text(first_line + "\nimport sys\n")
        return str(path)

    def test_the_interpreter_named_on_the_scripts_first_line(self):
        self.assertEqual(["/usr/bin/python3"], jupyter.interpreters_of(self.script("#!/usr/bin/python3"), windows=False))
        self.assertEqual(["/opt/venv/bin/python"], jupyter.interpreters_of(self.script("#!/opt/venv/bin/python -E"), windows=False))
        self.assertEqual([], jupyter.interpreters_of(self.script("not a script"), windows=False))

    def test_through_env(self):
        self.assertEqual([shutil.which("sh")], jupyter.interpreters_of(self.script("#!/usr/bin/env sh"), windows=False))

    def test_on_windows_python_exe_sits_beside_scripts_in_a_venv_or_above_them(self):
        self.assertEqual([r"C:\Users\ada\.venvs\dlcourse\Scripts\python.exe", r"C:\Users\ada\.venvs\dlcourse\python.exe"],
                         jupyter.interpreters_of(r"C:\Users\ada\.venvs\dlcourse\Scripts\jupyter.exe", windows=True))

    def test_candidates_start_with_this_python_and_exist(self):
        candidates = jupyter.python_candidates()
        self.assertEqual(sys.executable, candidates[0])
        self.assertEqual(len(candidates), len(set(candidates)))
        self.assertTrue(all(os.path.isfile(c) or shutil.which(c) for c in candidates))

    def test_a_python_that_lacks_a_module_is_passed_over(self):
        self.assertIsNone(jupyter.notebook_python(("a_module_no_python_has",)))
        self.assertEqual(sys.executable, jupyter.notebook_python(("json",)))


if __name__ == "__main__":
    unittest.main()
