import os
import shutil
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from launcher import engines, maven
from launcher.engines import EngineError
from launcher.layout import Layout
from launcher.platforms import LINUX, MACOS, WINDOWS
from launcher.tests.support import platform

# target/lib after mvn package with MXNet (a few of its jars).
MXNET_BUILD = ("api-0.36.0.jar", "mxnet-engine-0.36.0.jar", "mxnet-native-mkl-1.9.1-linux-x86_64.jar")


# The first processor of /proc/cpuinfo on a 2-core AMD EPYC of family 25 (Zen 3), flags shortened.
ZEN3 = ("processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 1\nmodel name\t: AMD EPYC\n"
        "flags\t\t: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2\n")


class EngineChoiceTest(unittest.TestCase):

    def test_mxnet_where_its_native_build_exists_pytorch_elsewhere(self):
        expected = {(LINUX, "x86_64"): "mxnet", (MACOS, "x86_64"): "mxnet", (WINDOWS, "x86_64"): "mxnet",
                    (LINUX, "arm64"): "pytorch", (MACOS, "arm64"): "pytorch"}
        for (system, machine), engine in expected.items():
            with self.subTest(system=system, machine=machine):
                self.assertEqual(engine, engines.default_engine(platform(system, machine)))

    def test_a_platform_without_either_engine_is_named(self):
        with self.assertRaises(EngineError) as raised:
            engines.default_engine(platform(WINDOWS, "arm64"))
        self.assertIn("Windows arm64", str(raised.exception))

    def test_choosing_mxnet_on_apple_silicon_says_to_use_pytorch(self):
        with self.assertRaises(EngineError) as raised:
            engines.check_engine("mxnet", platform(MACOS, "arm64"))
        self.assertIn("MXNet has no native build for macOS arm64; use ./course setup --engine pytorch", str(raised.exception))
        self.assertEqual("pytorch", engines.check_engine("pytorch", platform(LINUX, "x86_64")))

    def test_the_choice_is_remembered_in_build_engine(self):
        layout = Layout(Path(tempfile.mkdtemp()))
        self.addCleanup(shutil.rmtree, layout.home)
        self.assertEqual("pytorch", engines.chosen_engine(layout, platform(LINUX, "arm64")), "by platform at first")
        engines.remember_engine(layout, "pytorch")
        self.assertEqual("pytorch\n", layout.chosen_engine.read_text())
        self.assertEqual("pytorch", engines.chosen_engine(layout, platform(LINUX, "x86_64")))
        layout.chosen_engine.write_text("tensorflow\n")
        with self.assertRaises(EngineError) as raised:
            engines.chosen_engine(layout, platform(LINUX, "x86_64"))
        self.assertIn("says 'tensorflow', which is not an engine", str(raised.exception))

    def test_maven_gets_the_engine_on_every_call(self):
        if shutil.which("mvn") is None:
            self.skipTest("Maven is not installed")
        command = maven.command(["test"], "pytorch")
        self.assertIn("-Ddlcourse.engine=pytorch", command)
        self.assertEqual("test", command[-1])


class EngineEnvironmentTest(unittest.TestCase):

    def test_threads_are_the_machines_cores_and_djl_stays_offline(self):
        self.assertEqual({"DJL_OFFLINE": "true", "OMP_NUM_THREADS": "12", "MXNET_ENGINE_TYPE": "NaiveEngine",
                          "MXNET_CPU_TEMP_COPY": "1"}, engines.environment("mxnet", 12))
        self.assertEqual({"DJL_OFFLINE": "true", "OMP_NUM_THREADS": "2"}, engines.environment("pytorch", 2))

    def test_mxnet_keeps_one_scratch_buffer_as_its_naive_engine_runs_one_operator_at_a_time(self):
        env = engines.environment("mxnet", 2)
        self.assertEqual(("NaiveEngine", "1"), (env["MXNET_ENGINE_TYPE"], env["MXNET_CPU_TEMP_COPY"]))
        self.assertNotIn("MXNET_CPU_TEMP_COPY", engines.environment("pytorch", 2))

    def test_mxnets_openblas_gets_haswells_kernels_on_amd_cpus_it_does_not_know(self):
        self.assertEqual({"DJL_OFFLINE": "true", "OMP_NUM_THREADS": "2", "MXNET_ENGINE_TYPE": "NaiveEngine",
                          "MXNET_CPU_TEMP_COPY": "1", "OPENBLAS_CORETYPE": "Haswell"}, engines.environment("mxnet", 2, ZEN3))
        self.assertEqual({"DJL_OFFLINE": "true", "OMP_NUM_THREADS": "2"}, engines.environment("pytorch", 2, ZEN3),
                         "PyTorch brings its own BLAS")

    def test_openblas_picks_by_itself_on_the_cpus_it_knows(self):
        self.assertEqual("Haswell", engines.openblas_core(ZEN3))
        self.assertEqual("Haswell", engines.openblas_core(ZEN3.replace("cpu family\t: 25", "cpu family\t: 26")))
        self.assertIsNone(engines.openblas_core(ZEN3.replace("cpu family\t: 25", "cpu family\t: 23")),
                          "Zen 1 and 2 (family 23): OpenBLAS 0.3.7 knows them")
        self.assertIsNone(engines.openblas_core(ZEN3.replace(" avx2", "")), "no AVX2: Haswell's kernels would not run")
        self.assertIsNone(engines.openblas_core(ZEN3.replace("AuthenticAMD", "GenuineIntel").replace(
            "cpu family\t: 25", "cpu family\t: 6")))
        self.assertIsNone(engines.openblas_core(""), "no /proc/cpuinfo (macOS, Windows): nothing set")

    def test_the_engine_in_target_lib_is_read_from_its_jar(self):
        libs = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, libs)
        self.assertIsNone(engines.engine_in_libs(libs))
        (libs / "api-0.36.0.jar").write_text("")
        (libs / "mxnet-engine-0.36.0.jar").write_text("")
        self.assertEqual("mxnet", engines.engine_in_libs(libs))
        (libs / "pytorch-engine-0.36.0.jar").write_text("")
        self.assertIsNone(engines.engine_in_libs(libs), "two engines is no engine: DJL would load both")


class BuildTest(unittest.TestCase):

    def setUp(self):
        self.layout = Layout(Path(tempfile.mkdtemp()))
        self.addCleanup(shutil.rmtree, self.layout.home)
        (self.layout.home / "src" / "main").mkdir(parents=True)
        (self.layout.home / "pom.xml").write_text("<project/>")
        for part in (self.layout.jar, self.layout.kernel_jar):
            part.parent.mkdir(parents=True, exist_ok=True)
            part.write_text("")
        self.layout.kernel_patch.mkdir(parents=True)
        self.layout.libs.mkdir()
        self.copy_jars(MXNET_BUILD)
        self.layout.built_engine.write_text("mxnet\n")

    def copy_jars(self, jars):
        """What mvn package leaves: the jars in target/lib and Maven's list of them."""
        for jar in jars:
            (self.layout.libs / jar).write_text("")
        self.layout.classpath_list.write_text(os.pathsep.join(str(Path("/m2") / j) for j in jars))

    def remove_other_engine(self, prefix):
        """What pom.xml's remove-other-engine does as any Maven call for the other engine starts."""
        for jar in self.layout.libs.glob(prefix + "*.jar"):
            jar.unlink()

    def test_stale_when_built_for_another_engine_or_older_than_a_source(self):
        self.assertFalse(maven.library_is_stale(self.layout, "mxnet"))
        self.assertTrue(maven.library_is_stale(self.layout, "pytorch"))
        source = self.layout.home / "src" / "main" / "A.java"
        source.write_text("class A {}")
        built = self.layout.built_engine.stat().st_mtime
        os.utime(source, (built + 10, built + 10))
        self.assertTrue(maven.library_is_stale(self.layout, "mxnet"))

    def test_stale_when_a_maven_call_for_the_other_engine_removed_the_engines_jars(self):
        """mvn -Ddlcourse.engine=pytorch test deletes mxnet-*.jar and leaves target/engine saying mxnet:
        set-up must build again, or the kernel runs DJL's PassthroughNDManager and every cell fails."""
        self.remove_other_engine("mxnet-")
        self.assertEqual("mxnet\n", self.layout.built_engine.read_text(), "the stamp still says the build is MXNet's")
        reason = maven.stale_reason(self.layout, "mxnet")
        self.assertIn("target/lib lacks the MXNet engine's jars (mxnet-engine-*.jar) and holds no engine's", reason)
        self.assertIn("mvn -Ddlcourse.engine=pytorch test", reason)
        self.assertTrue(maven.library_is_stale(self.layout, "mxnet"))

    def test_stale_when_target_lib_holds_the_other_engines_jar_or_lacks_one_of_its_build(self):
        (self.layout.libs / "pytorch-engine-0.36.0.jar").write_text("")
        self.assertEqual("target/lib holds PyTorch's jars beside MXNet's: DJL would load both engines",
                         maven.stale_reason(self.layout, "mxnet"))
        (self.layout.libs / "pytorch-engine-0.36.0.jar").unlink()
        self.assertIsNone(maven.stale_reason(self.layout, "mxnet"))
        (self.layout.libs / "api-0.36.0.jar").unlink()
        self.assertEqual("target/lib lacks 1 jar(s) of its build: api-0.36.0.jar", maven.stale_reason(self.layout, "mxnet"))

    def test_set_up_builds_again_when_the_engines_jars_were_removed(self):
        self.remove_other_engine("mxnet-")
        packaged = []

        def package(args, engine, env=None):
            packaged.append((args, engine))
            self.copy_jars(MXNET_BUILD)
            return 0

        with mock.patch.object(maven, "run", package), mock.patch.object(maven, "compile_kernel_patch"):
            self.assertTrue(maven.build_library(self.layout, "mxnet", say=lambda line: None))
            self.assertEqual([(["-DskipTests", "package"], "mxnet")], packaged)
            self.assertEqual("mxnet", engines.engine_in_libs(self.layout.libs))
            self.assertFalse(maven.build_library(self.layout, "mxnet", say=lambda line: None), "built: nothing to do")
        self.assertEqual(1, len(packaged))

    def test_pruning_keeps_only_the_jars_maven_lists(self):
        for jar in ("api-0.36.0.jar", "mxnet-engine-0.36.0.jar", "pytorch-engine-0.36.0.jar"):
            (self.layout.libs / jar).write_text("")
        listed = os.pathsep.join(str(Path("/m2") / j) for j in ("api-0.36.0.jar", "pytorch-engine-0.36.0.jar"))
        self.layout.classpath_list.write_text(listed)
        maven.prune_classpath(self.layout)
        self.assertEqual(["api-0.36.0.jar", "pytorch-engine-0.36.0.jar"], sorted(p.name for p in self.layout.libs.iterdir()))

    def test_pruning_refuses_to_run_without_mavens_list(self):
        self.layout.classpath_list.unlink()
        with self.assertRaises(maven.BuildError) as raised:
            maven.prune_classpath(self.layout)
        self.assertIn("Maven wrote no list of the library's jars", str(raised.exception))
        self.assertEqual(sorted(MXNET_BUILD), sorted(p.name for p in self.layout.libs.iterdir()), "nothing deleted")


if __name__ == "__main__":
    unittest.main()
