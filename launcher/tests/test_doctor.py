"""./course doctor as a learner meets it: a broken kernelspec, a missing or damaged data file."""

import contextlib
import dataclasses
import io
import json
import os
import shutil
import tempfile
import unittest
from pathlib import Path

from launcher import engines, kernelspec
from launcher.commands import doctor
from launcher.layout import PROG, Layout
from launcher.platforms import LINUX, Platform
from launcher.tests.support import course, platform, requires_set_up

SYSTEM_FASHION = Path("/usr/share/datasets/fashion-mnist")
FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")


@requires_set_up
class DoctorTest(unittest.TestCase):

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def check_data(self):
        """doctor's data check with DLCOURSE_DATA=self.folder, in this process (each ./course doctor
        also starts Java, Maven and Jupyter's Python; test_all_ok_on_a_set_up_machine runs the whole
        command): (number of problems, what it printed)."""
        platform = dataclasses.replace(Platform.current(), env=dict(os.environ, DLCOURSE_DATA=str(self.folder)))
        report, printed = doctor.Report(), io.StringIO()
        with contextlib.redirect_stdout(printed):
            doctor.check_data(report, platform)
        return report.problems, printed.getvalue()

    def test_all_ok_on_a_set_up_machine(self):
        result = course("doctor")
        self.assertEqual(0, result.returncode, result.stdout)
        self.assertIn("all ok", result.stdout)
        self.assertRegex(result.stdout, r"ok +engine: (MXNet|PyTorch)")

    def test_a_kernelspec_pointing_at_a_moved_course_names_the_cause_and_the_fix(self):
        jupyter_data = self.folder / "jupyter"
        kernel = kernelspec.path(jupyter_data)
        kernel.parent.mkdir(parents=True)
        moved = self.folder / "dlcourse-before-the-move"
        kernel.write_text(json.dumps({"argv": [f"{moved}/java"], "env": {"DLCOURSE_HOME": str(moved)}}))
        result = course("doctor", env={"JUPYTER_DATA_DIR": str(jupyter_data)})
        self.assertEqual(1, result.returncode, result.stdout)
        self.assertIn(f"the 'java' kernel points at the course folder {moved}, which no longer exists (moved or deleted)",
                      result.stdout)
        self.assertIn("Kernel died before replying to kernel_info", result.stdout)
        self.assertIn("-> ./course setup (run in ", result.stdout)

    @unittest.skipUnless((SYSTEM_FASHION / FILES[0]).exists(), "needs the Debian package dataset-fashion-mnist")
    def test_a_missing_data_file_is_named_with_the_fix(self):
        fashion = self.folder / "fashion-mnist"
        fashion.mkdir()
        for name in FILES[:3]:
            shutil.copyfile(SYSTEM_FASHION / name, fashion / name)
        problems, printed = self.check_data()
        self.assertGreater(problems, 0, printed)
        self.assertIn(f"{fashion / FILES[3]} is missing", printed)
        self.assertIn(f"-> {PROG} setup", printed)

    @unittest.skipUnless((SYSTEM_FASHION / FILES[0]).exists(), "needs the Debian package dataset-fashion-mnist")
    def test_a_truncated_data_file_is_named_with_its_size(self):
        fashion = self.folder / "fashion-mnist"
        fashion.mkdir()
        for name in FILES:
            shutil.copyfile(SYSTEM_FASHION / name, fashion / name)
        whole = (fashion / FILES[2]).read_bytes()
        (fashion / FILES[2]).write_bytes(whole[:1000])
        problems, printed = self.check_data()
        self.assertGreater(problems, 0, printed)
        self.assertIn(f"{fashion / FILES[2]} is damaged (not a complete gzip file, 1000 bytes", printed)
        self.assertIn(f"-> delete it and run {PROG} setup", printed)


class EngineJarsTest(unittest.TestCase):
    """doctor's engine and library checks on a course whose target/lib a Maven call for the other
    engine emptied of its engine's jars (mvn -Ddlcourse.engine=pytorch test after set-up with MXNet)."""

    def setUp(self):
        self.layout = Layout(Path(tempfile.mkdtemp()))
        self.addCleanup(shutil.rmtree, self.layout.home)
        (self.layout.home / "src" / "main").mkdir(parents=True)
        for part in (self.layout.jar, self.layout.kernel_jar):
            part.parent.mkdir(parents=True, exist_ok=True)
            part.write_text("")
        self.layout.kernel_patch.mkdir(parents=True)
        self.layout.libs.mkdir()
        jars = ("api-0.36.0.jar", "mxnet-engine-0.36.0.jar")
        for jar in jars:
            (self.layout.libs / jar).write_text("")
        self.layout.classpath_list.write_text(os.pathsep.join(jars))
        self.layout.built_engine.write_text("mxnet\n")
        engines.remember_engine(self.layout, "mxnet")

    def check(self):
        report, printed = doctor.Report(), io.StringIO()
        with contextlib.redirect_stdout(printed):
            engine = doctor.check_engine(report, platform(LINUX, "x86_64", cores=2), self.layout)
            doctor.check_library(report, engine, self.layout)
        return report.problems, printed.getvalue()

    def test_a_sound_build_is_ok(self):
        problems, printed = self.check()
        self.assertEqual(0, problems, printed)
        self.assertIn("engine: MXNet (chosen with ./course setup --engine; 2 thread(s))", printed)

    def test_target_lib_without_the_engines_jars_is_named_with_the_fix(self):
        (self.layout.libs / "mxnet-engine-0.36.0.jar").unlink()
        problems, printed = self.check()
        self.assertEqual(1, problems, printed)
        self.assertIn("FIX   engine: MXNet chosen, but target/lib lacks the MXNet engine's jars (mxnet-engine-*.jar) "
                      "and holds no engine's", printed)
        self.assertIn(f"-> {PROG} setup   (it builds the library again with MXNet's jars)", printed)

    def test_target_lib_with_the_other_engines_jars_is_named(self):
        (self.layout.libs / "pytorch-engine-0.36.0.jar").write_text("")
        problems, printed = self.check()
        self.assertEqual(1, problems, printed)
        self.assertIn("target/lib holds PyTorch's jars beside MXNet's: DJL would load both engines", printed)

    def test_a_missing_jar_of_the_build_is_named_by_the_library_check(self):
        (self.layout.libs / "api-0.36.0.jar").unlink()
        problems, printed = self.check()
        self.assertEqual(1, problems, printed)
        self.assertIn("helper library must be built again: target/lib lacks 1 jar(s) of its build: api-0.36.0.jar", printed)


if __name__ == "__main__":
    unittest.main()
