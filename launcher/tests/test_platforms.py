import shutil
import tempfile
import unittest
from pathlib import Path, PurePosixPath, PureWindowsPath

from launcher import platforms
from launcher.platforms import LINUX, MACOS, WINDOWS, Platform
from launcher.tests.support import platform


class PlatformFactsTest(unittest.TestCase):

    def test_paths_separators_and_program_names_follow_the_system(self):
        windows, mac = platform(WINDOWS), platform(MACOS, "arm64")
        self.assertEqual(PureWindowsPath(r"C:\Users\ada\x"), windows.path(windows.user_home, "x"))
        self.assertEqual((";", "java.exe"), (windows.pathsep, windows.executable("java")))
        self.assertEqual(PurePosixPath("/Users/ada/x"), mac.path(mac.user_home, "x"))
        self.assertEqual((":", "java"), (mac.pathsep, mac.executable("java")))

    def test_how_software_is_installed(self):
        self.assertEqual("debian", platform(LINUX, has_apt=True).kind)
        self.assertEqual("linux", platform(LINUX).kind)
        self.assertEqual("macos", platform(MACOS).kind)
        self.assertEqual("windows", platform(WINDOWS).kind)
        self.assertEqual("macOS arm64", platform(MACOS, "arm64").name)

    def test_this_machine(self):
        here = Platform.current()
        self.assertIn(here.system, (LINUX, MACOS, WINDOWS))
        self.assertGreaterEqual(here.cores, 1)
        self.assertIn(here.machine, ("x86_64", "arm64"))


class ProcessorTest(unittest.TestCase):
    """The first processor's lines of /proc/cpuinfo, which decide MXNet's OpenBLAS kernels."""

    def test_the_first_processor_only_and_nothing_where_unreadable(self):
        root = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, root)
        (root / "cpuinfo").write_text("processor\t: 0\ncpu family\t: 25\n\nprocessor\t: 1\ncpu family\t: 25\n")
        self.assertEqual("processor\t: 0\ncpu family\t: 25", platforms.first_processor(root / "cpuinfo"))
        self.assertEqual("", platforms.first_processor(root / "absent"))


class CoresTest(unittest.TestCase):
    """A container's CPU quota caps the cores the engine's threads are set to (affinity does not show it)."""

    def setUp(self):
        self.root = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.root)

    def test_cgroup_v2(self):
        (self.root / "cpu.max").write_text("150000 100000\n")
        self.assertEqual(2, platforms.cgroup_cpu_quota(self.root), "1.5 cores round up to 2")
        (self.root / "cpu.max").write_text("max 100000\n")
        self.assertIsNone(platforms.cgroup_cpu_quota(self.root))

    def test_cgroup_v1(self):
        (self.root / "cpu").mkdir()
        (self.root / "cpu" / "cpu.cfs_quota_us").write_text("400000\n")
        (self.root / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
        self.assertEqual(4, platforms.cgroup_cpu_quota(self.root))
        (self.root / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
        self.assertIsNone(platforms.cgroup_cpu_quota(self.root))

    def test_no_cgroup_and_the_cap(self):
        self.assertIsNone(platforms.cgroup_cpu_quota(self.root / "absent"))
        (self.root / "cpu.max").write_text("100000 100000\n")
        self.assertEqual(1, platforms.available_cores(self.root))


if __name__ == "__main__":
    unittest.main()
