import json
import shutil
import tempfile
import unittest
from pathlib import Path, PurePosixPath, PureWindowsPath

from launcher import jupyter, kernelspec
from launcher.layout import Layout
from launcher.platforms import LINUX, MACOS, WINDOWS
from launcher.tests.support import platform


class KernelspecPerPlatformTest(unittest.TestCase):

    def test_linux(self):
        spec = kernelspec.build(Layout(PurePosixPath("/home/ada/dlcourse")), platform(LINUX, cores=12),
                                "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "mxnet")
        self.assertEqual(["/usr/lib/jvm/java-17-openjdk-amd64/bin/java", *kernelspec.JVM_FLAGS,
                          "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TrimNativeHeapInterval=2000", "-cp",
                          "/home/ada/dlcourse/target/kernel/patch:/home/ada/dlcourse/target/kernel/rapaio-jupyter-kernel.jar",
                          "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"], spec["argv"])
        self.assertEqual({
            "RJK_CLASSPATH": "/home/ada/dlcourse/target/dlcourse-0.1.0.jar;/home/ada/dlcourse/target/lib/*.jar",
            "RJK_INIT_SCRIPT": "/home/ada/dlcourse/src/main/jshell/init.jsh",
            "RJK_TIMEOUT_MILLIS": "-1",
            "DLCOURSE_HOME": "/home/ada/dlcourse",
            "DJL_OFFLINE": "true",
            "OMP_NUM_THREADS": "12",
            "MXNET_ENGINE_TYPE": "NaiveEngine",
            "MXNET_CPU_TEMP_COPY": "1",
            "MALLOC_ARENA_MAX": "2",
        }, spec["env"])
        self.assertIn("-Xms64m", spec["argv"], "the heap starts small and grows as the cells need")
        self.assertEqual(("java", "Java (dlcourse)", "message"), (spec["language"], spec["display_name"], spec["interrupt_mode"]))

    def test_the_bench_starts_its_jvm_as_the_kernel_starts(self):
        cpu = "vendor_id\t: AuthenticAMD\ncpu family\t: 25\nflags\t\t: sse2 fma avx avx2\n"
        linux = platform(LINUX, cores=2, cpu=cpu)
        spec = kernelspec.build(Layout(PurePosixPath("/home/ada/dlcourse")), linux, "java", "mxnet")
        flags, env = kernelspec.process(linux, "mxnet")
        self.assertEqual(["java", *flags], spec["argv"][:1 + len(flags)])
        self.assertEqual(env, {name: spec["env"][name] for name in env})
        self.assertEqual(("2", "2", "Haswell"), (env["OMP_NUM_THREADS"], env["MALLOC_ARENA_MAX"], env["OPENBLAS_CORETYPE"]))
        self.assertIn("-XX:TrimNativeHeapInterval=2000", flags)
        self.assertEqual((kernelspec.JVM_FLAGS, {"DJL_OFFLINE": "true", "OMP_NUM_THREADS": "8"}),
                         kernelspec.process(platform(WINDOWS), "pytorch"))

    def test_macos_on_apple_silicon_with_pytorch(self):
        spec = kernelspec.build(Layout(PurePosixPath("/Users/ada/dlcourse")), platform(MACOS, "arm64", cores=10),
                                "/Library/Java/JavaVirtualMachines/temurin-17.jdk/Contents/Home/bin/java", "pytorch")
        self.assertIn("/Users/ada/dlcourse/target/kernel/patch:/Users/ada/dlcourse/target/kernel/rapaio-jupyter-kernel.jar",
                      spec["argv"])
        self.assertEqual("10", spec["env"]["OMP_NUM_THREADS"])
        self.assertNotIn("MXNET_ENGINE_TYPE", spec["env"], "an MXNet setting has no place in a PyTorch kernel")
        self.assertEqual("true", spec["env"]["DJL_OFFLINE"])
        self.assertNotIn("MALLOC_ARENA_MAX", spec["env"], "glibc's settings only where glibc is (Linux)")
        self.assertNotIn("-XX:TrimNativeHeapInterval=2000", spec["argv"], "the JVM trims glibc's heap only on Linux")

    def test_windows_paths_separators_and_java_exe(self):
        home = PureWindowsPath(r"C:\Users\ada\dlcourse")
        spec = kernelspec.build(Layout(home), platform(WINDOWS, cores=4), r"C:\Program Files\Eclipse Adoptium\jdk-17\bin\java.exe", "mxnet")
        argv = spec["argv"]
        self.assertEqual(r"C:\Program Files\Eclipse Adoptium\jdk-17\bin\java.exe", argv[0])
        self.assertEqual(r"C:\Users\ada\dlcourse\target\kernel\patch;C:\Users\ada\dlcourse\target\kernel\rapaio-jupyter-kernel.jar",
                         argv[argv.index("-cp") + 1], "the JVM's classpath separator on Windows is ';'")
        self.assertEqual(r"C:\Users\ada\dlcourse\target\dlcourse-0.1.0.jar;C:\Users\ada\dlcourse\target\lib\*.jar",
                         spec["env"]["RJK_CLASSPATH"])
        self.assertEqual(r"C:\Users\ada\dlcourse\src\main\jshell\init.jsh", spec["env"]["RJK_INIT_SCRIPT"])
        self.assertIn(r'"C:\\Users\\ada\\dlcourse"', json.dumps(spec), "backslashes are escaped in the JSON")

    def test_java_is_found_in_java_home_with_the_platforms_file_name(self):
        from launcher import prerequisites
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        java = folder / "bin" / "java"
        java.parent.mkdir()
        java.write_text("#!/bin/sh\n")
        java.chmod(0o755)
        self.assertEqual(str(java), prerequisites.find_java(platform(LINUX, env={"JAVA_HOME": str(folder)})))
        self.assertEqual(PureWindowsPath(r"C:\jdk\bin\java.exe"),
                         platform(WINDOWS).path(r"C:\jdk", "bin", platform(WINDOWS).executable("java")))


class JupyterDataFolderTest(unittest.TestCase):

    def test_each_platforms_documented_default(self):
        self.assertEqual(PurePosixPath("/home/ada/.local/share/jupyter"), jupyter.default_data_dir(platform(LINUX)))
        self.assertEqual(PurePosixPath("/data/ada/jupyter"),
                         jupyter.default_data_dir(platform(LINUX, env={"XDG_DATA_HOME": "/data/ada"})))
        self.assertEqual(PurePosixPath("/Users/ada/Library/Jupyter"), jupyter.default_data_dir(platform(MACOS, "arm64")))
        self.assertEqual(PureWindowsPath(r"C:\Users\ada\AppData\Roaming\jupyter"),
                         jupyter.default_data_dir(platform(WINDOWS, env={"APPDATA": r"C:\Users\ada\AppData\Roaming"})))
        self.assertEqual(PureWindowsPath(r"C:\Users\ada\.jupyter\data"), jupyter.default_data_dir(platform(WINDOWS)))

    def test_jupyter_data_dir_wins_everywhere(self):
        for system, folder in ((LINUX, "/srv/jupyter"), (MACOS, "/srv/jupyter"), (WINDOWS, r"D:\jupyter")):
            with self.subTest(system=system):
                facts = platform(system, env={"JUPYTER_DATA_DIR": folder, "APPDATA": r"C:\x", "XDG_DATA_HOME": "/x"})
                self.assertEqual(facts.path(folder), jupyter.default_data_dir(facts))
        linux = platform(LINUX, env={"JUPYTER_DATA_DIR": "/srv/jupyter"})
        self.assertEqual(Path("/srv/jupyter"), jupyter.data_dir(linux), "set-up writes where JUPYTER_DATA_DIR says")


class InstallTest(unittest.TestCase):

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def test_writes_kernels_java_kernel_json_once(self):
        spec = {"argv": ["java"], "env": {"A": "é"}}
        self.assertTrue(kernelspec.install(spec, self.folder))
        self.assertEqual(spec, json.loads((self.folder / "kernels" / "java" / "kernel.json").read_text(encoding="utf-8")))
        self.assertFalse(kernelspec.install(spec, self.folder), "an unchanged kernelspec is not written again")
        self.assertTrue(kernelspec.install(dict(spec, argv=["java", "-Xmx1g"]), self.folder))
        self.assertEqual([], [p.name for p in (self.folder / "kernels" / "java").iterdir() if p.name != "kernel.json"])


class DiagnosisTest(unittest.TestCase):
    """What doctor says about a kernelspec that would make the kernel die before its first reply."""

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        self.course = Layout(self.folder / "dlcourse")
        for needed in (self.course.kernel_jar, self.course.jar, self.course.init_script):
            needed.parent.mkdir(parents=True, exist_ok=True)
            needed.write_text("")
        self.java = self.folder / "java"
        self.java.write_text("")
        self.data = self.folder / "jupyter"

    def install(self, layout):
        kernelspec.install(kernelspec.build(layout, platform(LINUX), self.java, "mxnet"), self.data)

    def test_a_sound_kernelspec_has_no_problems(self):
        self.install(self.course)
        self.assertEqual([], kernelspec.problems(self.data, self.course))

    def test_none_installed(self):
        [(problem, fix)] = kernelspec.problems(self.data, self.course)
        self.assertIn("Jupyter kernel 'java' not installed", problem)
        self.assertEqual("./course setup", fix)

    def test_the_course_folder_it_points_at_was_moved_or_deleted(self):
        old = Layout(self.folder / "old-place")
        self.install(old)
        [(problem, fix)] = kernelspec.problems(self.data, self.course)
        self.assertIn(f"points at the course folder {old.home}, which no longer exists (moved or deleted)", problem)
        self.assertIn("Kernel died before replying to kernel_info", problem)
        self.assertIn(f"./course setup (run in {self.course.home}", fix)

    def test_another_copy_of_the_course(self):
        other = Layout(self.folder / "other-copy")
        other.home.mkdir()
        self.install(other)
        [(problem, _)] = kernelspec.problems(self.data, self.course)
        self.assertIn(f"belongs to another copy of the course, in {other.home}", problem)

    def test_a_missing_jar_or_java(self):
        self.install(self.course)
        self.course.jar.unlink()
        self.java.unlink()
        problems = [p for p, _ in kernelspec.problems(self.data, self.course)]
        self.assertEqual(2, len(problems), problems)
        self.assertIn(f"needs the java program, {self.java}, which does not exist", problems[0])
        self.assertIn(f"needs the helper library, {self.course.jar}, which does not exist", problems[1])

    def test_an_unreadable_or_foreign_kernelspec(self):
        file = kernelspec.path(self.data)
        file.parent.mkdir(parents=True)
        file.write_text("{ not json")
        [(problem, _)] = kernelspec.problems(self.data, self.course)
        self.assertIn("cannot be read", problem)
        file.write_text(json.dumps({"argv": ["java", "-jar", "ijava.jar"], "env": {}}))
        [(problem, _)] = kernelspec.problems(self.data, self.course)
        self.assertIn("is not the course's", problem)


if __name__ == "__main__":
    unittest.main()
