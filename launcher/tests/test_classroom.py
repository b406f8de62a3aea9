"""./course classroom: its options, the hub's settings, accounts' processes, memory groups, the
students' start-up hook, two students on a real hub, and the Zero to JupyterHub values."""

import asyncio
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
from pathlib import Path, PurePosixPath

from launcher import hub, kernelspec
from launcher.commands import classroom
from launcher.errors import UsageError
from launcher.layout import HOME, Layout
from launcher.platforms import LINUX
from launcher.tests.support import call, has_modules, platform

Z2JH = HOME / "classroom" / "z2jh"
# KubeSpawner's default port for the single-user server, which chart 2.0.0 leaves as it is.
KUBESPAWNER_PORT = 8888
# Chart 2.0.0's hub image pins jupyterhub==3.0.0 (images/hub/requirements.txt at tag 2.0.0).
CHART_VERSION, CHART_JUPYTERHUB_MAJOR = "2.0.0", 3


class OptionsTest(unittest.TestCase):

    def test_memory_is_read_in_the_usual_units(self):
        self.assertEqual(2 * 1024 ** 3, hub.parse_memory("2G"))
        self.assertEqual(1536 * 1024 ** 2, hub.parse_memory("1536M"))
        self.assertEqual(1536 * 1024 ** 2, hub.parse_memory("1.5GiB"))
        self.assertEqual(800 * 1024 ** 2, hub.parse_memory("800m"))

    def test_memory_that_is_not_an_amount_or_too_little_is_refused_with_the_fix(self):
        with self.assertRaisesRegex(UsageError, r"--memory 'lots' is not an amount of memory; give it as 2G"):
            hub.parse_memory("lots")
        with self.assertRaisesRegex(UsageError, r"--memory 100M is too little .* give at least 1G"):
            hub.parse_memory("100M")

    def test_students_come_from_a_count_a_list_or_a_file(self):
        self.assertEqual(["student01", "student02", "student03"], hub.parse_students("3"))
        self.assertEqual("student120", hub.parse_students("120")[-1])
        self.assertEqual(["ada", "alan"], hub.parse_students("ada, alan"))
        with tempfile.TemporaryDirectory() as folder:
            names = Path(folder) / "class.txt"
            names.write_text("grace\nedsger\n\n", encoding="utf-8")
            self.assertEqual(["grace", "edsger"], hub.parse_students(str(names)))

    def test_bad_student_names_and_counts_are_refused_naming_them(self):
        with self.assertRaisesRegex(UsageError, r"'Ada!' cannot be an account name"):
            hub.parse_students("Ada!,alan")
        with self.assertRaisesRegex(UsageError, r"names ada more than once"):
            hub.parse_students("ada,alan,ada")
        with self.assertRaisesRegex(UsageError, r"--students 0: give between 1 and 999"):
            hub.parse_students("0")

    def test_load_counts_rise(self):
        self.assertEqual([1, 2, 4], classroom.parse_counts("1,2,4"))
        for bad in ("4,2", "two", "0", "2,2"):
            with self.subTest(bad=bad), self.assertRaisesRegex(UsageError, "--load"):
                classroom.parse_counts(bad)

    def test_the_command_line_refuses_what_does_not_go_together(self):
        status, _, err = call("classroom", "--load", "2", "--students", "5")
        self.assertEqual(2, status)
        self.assertIn("--students does not go with --load", err)
        status, _, err = call("classroom", "--timeout", "100")
        self.assertEqual(2, status)
        self.assertIn("--timeout goes with --load", err)
        status, _, err = call("classroom", "--memory", "lots")
        self.assertEqual(2, status)
        self.assertIn("--memory 'lots' is not an amount of memory", err)
        status, _, err = call("classroom", "--load", "1", "--timeout", "5")
        self.assertEqual(2, status)
        self.assertIn("--timeout 5: give at least 60 seconds", err)

    def test_an_unknown_option_lists_the_valid_ones(self):
        status, _, err = call("classroom", "--students-file", "x")
        self.assertEqual(2, status)
        self.assertIn("unknown option '--students-file' for classroom; valid options: --students N|NAMES|FILE, "
                      "--admin NAME, --port P, --ip ADDRESS, --memory SIZE, --load N[,N...], --timeout S, --help", err)


class SettingsTest(unittest.TestCase):

    def test_settings_survive_the_file_and_name_the_hubs_ports(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "settings.json"
            written = hub.Settings(port=8000, admin="teacher", students=["ada"], memory=2 * 1024 ** 3,
                                   service_token="secret")
            written.write(path)
            self.assertEqual(written, hub.Settings.read(path))
            self.assertEqual(0o600, path.stat().st_mode & 0o777)
        self.assertEqual((8001, 8002), (written.hub_port, written.proxy_api_port))

    def test_memory_reads_in_mebibytes_and_gibibytes(self):
        self.assertEqual("812 MiB", hub.format_bytes(812 * 1024 ** 2))
        self.assertEqual("1.5 GiB", hub.format_bytes(1536 * 1024 ** 2))
        self.assertEqual("-", hub.format_bytes(None))


class StudentKernelTest(unittest.TestCase):
    """The students' 'java' kernelspec: the learner's, with the shared engine cache and one thread per
    kernel, so that a class's kernels share the cores instead of each spinning on all of them."""

    COURSE_HOME = PurePosixPath("/opt/dlcourse")
    JAVA = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"

    def spec(self, engine):
        return hub.student_kernelspec(Layout(self.COURSE_HOME), platform(LINUX, cores=16), self.JAVA, engine,
                                      PurePosixPath("/opt/dlcourse/build/classroom/engine-cache"))

    def test_an_mxnet_kernel_computes_on_one_thread_from_the_shared_cache(self):
        learners = kernelspec.build(Layout(self.COURSE_HOME), platform(LINUX, cores=16), self.JAVA, "mxnet")
        spec = self.spec("mxnet")
        self.assertEqual("16", learners["env"]["OMP_NUM_THREADS"], "a learner's own kernel uses every core")
        self.assertEqual({**learners["env"], "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                          "OPENBLAS_NUM_THREADS": "1", "ENGINE_CACHE_DIR": "/opt/dlcourse/build/classroom/engine-cache"},
                         spec["env"])
        self.assertEqual("NaiveEngine", spec["env"]["MXNET_ENGINE_TYPE"])
        self.assertEqual(learners["argv"], spec["argv"], "no PyTorch flags in an MXNet kernel")

    def test_a_pytorch_kernel_sets_djls_thread_pools_to_one(self):
        spec = self.spec("pytorch")
        self.assertEqual("1", spec["env"]["OMP_NUM_THREADS"])
        self.assertEqual([self.JAVA, "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                          *kernelspec.JVM_FLAGS], spec["argv"][:3 + len(kernelspec.JVM_FLAGS)],
                         "system properties go before the main class, where the kernel's JVM reads them")
        self.assertEqual("{connection_file}", spec["argv"][-1])


class PodThreadsTest(unittest.TestCase):
    """Zero to JupyterHub: the image's kernelspec, written where the image was built, gets the pod's
    CPU limit as its engine threads (DLCOURSE_KERNEL_THREADS, set by the start-up hook)."""

    JAVA = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"

    def limit(self, engine, threads):
        with tempfile.TemporaryDirectory() as data:
            built_on = platform(LINUX, cores=64)  # the machine that built the image
            kernelspec.install(kernelspec.build(Layout(PurePosixPath("/home/jovyan/dlcourse")), built_on, self.JAVA,
                                                engine), data)
            file = hub.limit_installed_kernel(threads, platform(LINUX, cores=64, env={"JUPYTER_DATA_DIR": data}))
            self.assertEqual(kernelspec.path(data), file)
            return json.loads(file.read_text(encoding="utf-8"))

    def test_an_mxnet_kernel_gets_the_pods_threads(self):
        spec = self.limit("mxnet", "2")
        self.assertEqual({"2"}, {spec["env"][name] for name in hub.THREAD_VARIABLES})
        self.assertEqual("NaiveEngine", spec["env"]["MXNET_ENGINE_TYPE"], "the rest of the kernelspec is kept")

    def test_a_pytorch_kernel_gets_them_once_even_when_set_again(self):
        spec = self.limit("pytorch", "3")
        self.assertEqual("3", spec["env"]["OMP_NUM_THREADS"])
        self.assertEqual([self.JAVA, "-Dai.djl.pytorch.num_threads=3", "-Dai.djl.pytorch.num_interop_threads=1"],
                         spec["argv"][:3])
        self.assertEqual(1, sum(a.startswith("-Dai.djl.pytorch.num_threads=") for a in spec["argv"]))
        self.assertEqual("{connection_file}", spec["argv"][-1])

    def test_a_bad_count_or_a_missing_kernelspec_is_named(self):
        for bad in ("0", "two", ""):
            with self.assertRaisesRegex(hub.HubError, "DLCOURSE_KERNEL_THREADS must be a whole number"):
                self.limit("mxnet", bad)
        with tempfile.TemporaryDirectory() as data:
            with self.assertRaisesRegex(hub.HubError, "no readable 'java' kernelspec"):
                hub.limit_installed_kernel("2", platform(LINUX, env={"JUPYTER_DATA_DIR": data}))

    def test_the_start_up_hook_sets_them_from_the_pods_environment(self):
        with tempfile.TemporaryDirectory() as folder:
            data, home = Path(folder) / "jupyter", Path(folder) / "jovyan"
            home.mkdir()
            kernelspec.install(kernelspec.build(Layout(PurePosixPath("/home/jovyan/dlcourse")), platform(LINUX, cores=64),
                                                self.JAVA, "mxnet"), data)
            env = {"PATH": os.environ["PATH"], "HOME": str(home), "DLCOURSE_HOME": str(HOME),
                   "DLCOURSE_COPY": str(home / "work" / "notebooks"), "JUPYTER_DATA_DIR": str(data),
                   "DLCOURSE_KERNEL_THREADS": "2"}
            answer = subprocess.run([str(hub.START_HOOK), "true"], env=env, cwd=home, capture_output=True, text=True)
            self.assertEqual(0, answer.returncode, answer.stderr)
            spec = json.loads(kernelspec.path(data).read_text(encoding="utf-8"))
            self.assertEqual("2", spec["env"]["OMP_NUM_THREADS"])


class LoadTableTest(unittest.TestCase):

    def students(self):
        from launcher import hubload

        mib = 1024 ** 2
        ada = hubload.Student("dlload01", "-", server_s=3.14, first_cell_s=8.0, notebook_s=61.26, cells=16,
                              peak_rss=700 * mib, peak_group=600 * mib)
        alan = hubload.Student("dlload02", "-", server_s=3.96, first_cell_s=8.04, notebook_s=75.0, cells=16,
                               peak_rss=740 * mib, peak_group=600 * mib)
        return hubload, ada, alan

    def test_a_step_where_every_notebook_finished_is_a_row_of_spans(self):
        hubload, ada, alan = self.students()
        self.assertEqual("| 2 | 3.1 s–4.0 s | 8.0 s | 75.0 s | 700 MiB–740 MiB / 600 MiB | 0 |",
                         hubload.table_row(2, [ada, alan], 300))

    def test_a_step_with_errors_says_how_many_finished_within_its_time(self):
        hubload, ada, alan = self.students()
        alan.notebook_s, alan.errors = None, ["running the notebook: not done within the step's time"]
        ada.peak_group = None
        self.assertEqual("| 2 | 3.1 s–4.0 s | 8.0 s | 1 of 2 finished in 300 s | 700 MiB–740 MiB / 600 MiB | 1 |",
                         hubload.table_row(2, [ada, alan], 300))
        self.assertEqual("-", hubload.spread([None, None], str))


class ProcessesTest(unittest.TestCase):

    def test_an_accounts_processes_and_their_resident_memory_come_from_proc(self):
        with tempfile.TemporaryDirectory() as folder:
            proc = Path(folder)
            for pid, uid, rss in ((10, 1001, 1000), (11, 1002, 5000), (12, 1001, 24)):
                (proc / str(pid)).mkdir()
                (proc / str(pid) / "status").write_text(f"Name:\tjava\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\n"
                                                        f"VmRSS:\t{rss} kB\n")
            (proc / "self").mkdir()
            self.assertEqual([10, 12], sorted(hub.processes_of(1001, proc)))
            self.assertEqual((1000 + 24) * 1024, hub.resident_bytes([10, 12, 99], proc))


class MemoryGroupsTest(unittest.TestCase):

    def test_cgroup_v1_limit_peak_and_removal(self):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "memory").mkdir()
            (root / "memory" / "memory.limit_in_bytes").write_text("9223372036854771712")
            groups = hub.MemoryGroups.find(root)
            self.assertEqual(1, groups.version)
            group = groups.create("ada", 2 * 1024 ** 3)
            self.assertEqual(root / "memory" / hub.CGROUP_FOLDER / "ada", group)
            self.assertEqual(str(2 * 1024 ** 3), (group / "memory.limit_in_bytes").read_text())
            self.assertIsNone(groups.peak("ada"))
            (group / "memory.max_usage_in_bytes").write_text("123456\n")
            self.assertEqual(123456, groups.peak("ada"))
            for file in group.iterdir():  # the kernel's files vanish with the group; here they are plain files
                file.unlink()
            groups.remove("ada")
            self.assertFalse(group.exists())

    def test_cgroup_v2_enables_the_memory_controller_and_sets_memory_max(self):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
            groups = hub.MemoryGroups.find(root)
            self.assertEqual(2, groups.version)
            self.assertEqual("+memory", (root / hub.CGROUP_FOLDER / "cgroup.subtree_control").read_text())
            group = groups.create("alan", 0)
            self.assertFalse((group / "memory.max").exists(), "no limit asked, none written")
            (group / "memory.peak").write_text("42\n")
            self.assertEqual(42, groups.peak("alan"))

    def test_no_memory_controller_means_no_groups(self):
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "cgroup.controllers").write_text("cpu io\n")
            self.assertIsNone(hub.MemoryGroups.find(Path(folder)))


class StartHookTest(unittest.TestCase):
    """classroom/start-student.sh, as the spawner runs it: once per server start, as the student."""

    def start(self, course, home, copy=None):
        env = {"PATH": os.environ["PATH"], "HOME": str(home), "DLCOURSE_HOME": str(course)}
        if copy:
            env["DLCOURSE_COPY"] = str(copy)
        return subprocess.run([str(hub.START_HOOK), "sh", "-c",
                               "echo started in $PWD; echo results in $DLCOURSE_RESULTS"], env=env, cwd=home,
                              capture_output=True, text=True)

    def test_each_student_gets_a_copy_once_and_their_work_survives_a_restart(self):
        with tempfile.TemporaryDirectory() as folder:
            course, ada, alan = Path(folder) / "course", Path(folder) / "ada", Path(folder) / "alan"
            for path in (course / "notebooks", ada, alan):
                path.mkdir(parents=True)
            (course / "notebooks" / "04-mlp.ipynb").write_text("the course's", encoding="utf-8")
            for home in (ada, alan):
                answer = self.start(course, home)
                self.assertEqual(0, answer.returncode, answer.stderr)
                self.assertIn("started in", answer.stdout, "the hook runs the server after copying")
                self.assertIn(f"results in {home}/results/results.csv", answer.stdout,
                              "a student's kernels record results in their home, not in the course")
            (ada / "notebooks" / "04-mlp.ipynb").write_text("ada's work", encoding="utf-8")
            self.assertEqual(0, self.start(course, ada).returncode)  # ada's server starts again
            self.assertEqual("ada's work", (ada / "notebooks" / "04-mlp.ipynb").read_text(encoding="utf-8"))
            self.assertEqual("the course's", (alan / "notebooks" / "04-mlp.ipynb").read_text(encoding="utf-8"))
            self.assertEqual("the course's", (course / "notebooks" / "04-mlp.ipynb").read_text(encoding="utf-8"))

    def test_the_copy_goes_where_DLCOURSE_COPY_says(self):
        with tempfile.TemporaryDirectory() as folder:
            course, home = Path(folder) / "course", Path(folder) / "jovyan"
            (course / "notebooks").mkdir(parents=True)
            (course / "notebooks" / "00.ipynb").write_text("{}", encoding="utf-8")
            home.mkdir()
            answer = self.start(course, home, copy=home / "work" / "notebooks")
            self.assertEqual(0, answer.returncode)
            self.assertTrue((home / "work" / "notebooks" / "00.ipynb").exists())
            self.assertIn(f"results in {home}/work/results/results.csv", answer.stdout, "on the student's volume")
            self.assertFalse((home / "notebooks").exists())

    def test_without_DLCOURSE_HOME_it_says_what_is_missing(self):
        with tempfile.TemporaryDirectory() as folder:
            answer = subprocess.run([str(hub.START_HOOK), "true"], env={"PATH": os.environ["PATH"], "HOME": folder},
                                    capture_output=True, text=True)
            self.assertNotEqual(0, answer.returncode)
            self.assertIn("DLCOURSE_HOME must name the course folder", answer.stderr)


def can_run_a_hub():
    return (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("jupyterhub") is not None
            and shutil.which("useradd") is not None and has_modules("tornado"))


@unittest.skipUnless(can_run_a_hub(), "needs root, Debian's jupyterhub and tornado (sudo ./course classroom installs "
                                      "the hub; ./course test runs in Jupyter's Python)")
class TwoStudentsTest(unittest.TestCase):
    """A real hub with two students, through the REST APIs as their browsers would: each edits their
    own copy; the other's and the course's stay as they were; a server restart keeps the work."""

    NAMES = ("dltesta", "dltestb")

    def test_copies_are_separate_and_work_survives_a_restart(self):
        from launcher import hubload

        for name in self.NAMES:
            if hub.account_exists(name):
                hub.delete_account(name)
        students = [hubload.Student(name, hub.create_account(name)) for name in self.NAMES]
        self.addCleanup(lambda: [hub.delete_account(name) for name in self.NAMES])
        for name in self.NAMES:
            self.assertEqual(0o700, Path(f"/home/{name}").stat().st_mode & 0o777, "a student's home is theirs alone")
        state = Path(tempfile.mkdtemp(prefix="dlcourse-hub-"))
        self.addCleanup(shutil.rmtree, state, True)
        state.chmod(0o755)
        settings = hub.Settings(port=hub.free_port(), students=list(self.NAMES), state=str(state))
        process = hub.start(settings, state / "settings.json", state / "jupyterhub.log")
        self.addCleanup(hub.stop, process)
        original = (HOME / "notebooks" / "04-mlp-classification.ipynb").read_text(encoding="utf-8")
        seen = asyncio.run(self.edit_restart_read(hubload, f"http://127.0.0.1:{settings.port}", students))
        self.assertEqual("edited by dltesta", seen["dltesta after restart"])
        self.assertEqual(original, seen["dltestb"])
        self.assertEqual(original, (HOME / "notebooks" / "04-mlp-classification.ipynb").read_text(encoding="utf-8"))

    async def edit_restart_read(self, hubload, base, students):
        a, b = (hubload.Browser(base) for _ in students)
        for browser, student in zip((a, b), students):
            await hubload.log_in(browser, student)
            await hubload.start_server(browser, student, time.monotonic() + 120)
            await browser.fetch("GET", f"/user/{student.name}/tree")
        path = "api/contents/04-mlp-classification.ipynb"
        model = await a.json("GET", f"/user/dltesta/{path}?content=1")
        model["content"]["cells"][0]["source"] = "edited by dltesta"
        xsrf = {"X-XSRFToken": a.cookies["_xsrf"]}
        await a.json("PUT", f"/user/dltesta/{path}", {"type": "notebook", "content": model["content"]}, headers=xsrf)
        await a.fetch("DELETE", "/hub/api/users/dltesta/server", expect=(202, 204))
        while (await a.json("GET", "/hub/api/users/dltesta"))["servers"]:
            await asyncio.sleep(0.5)
        await hubload.start_server(a, students[0], time.monotonic() + 120)
        await a.fetch("GET", "/user/dltesta/tree")
        after = await a.json("GET", f"/user/dltesta/{path}?content=1")
        raw = await b.fetch("GET", f"/user/dltestb/files/04-mlp-classification.ipynb")
        return {"dltesta after restart": after["content"]["cells"][0]["source"], "dltestb": raw.body.decode("utf-8")}


@unittest.skipUnless(has_modules("yaml", "jsonschema"), "needs PyYAML and jsonschema (Jupyter's Python has both)")
class ZeroToJupyterHubTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        import yaml

        cls.values = yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8"))
        cls.dockerfile = (HOME / "Dockerfile").read_text(encoding="utf-8")

    def test_the_values_are_valid_for_chart_2_0_0(self):
        import jsonschema
        import yaml

        schema = yaml.safe_load((Z2JH / f"chart-{CHART_VERSION}-schema.yaml").read_text(encoding="utf-8"))

        def optional(node):  # the chart's own values.yaml supplies what the schema requires
            if isinstance(node, dict):
                node.pop("required", None)
                for child in node.values():
                    optional(child)
            elif isinstance(node, list):
                for child in node:
                    optional(child)

        optional(schema)
        jsonschema.validate(self.values, schema)
        misspelt = {**self.values, "singleuser": {**self.values["singleuser"], "imag": {}}}
        with self.assertRaisesRegex(jsonschema.ValidationError, "'imag' was unexpected"):
            jsonschema.validate(misspelt, schema)
        self.assertIn(f"version {CHART_VERSION}", (Z2JH / "values.yaml").read_text(encoding="utf-8").splitlines()[0])

    def test_a_students_kernel_gets_the_pods_cpu_limit_as_threads(self):
        single = self.values["singleuser"]
        self.assertEqual(str(int(single["cpu"]["limit"])), single["extraEnv"]["DLCOURSE_KERNEL_THREADS"])

    def test_the_single_user_image_is_the_courses(self):
        image = self.values["singleuser"]["image"]
        self.assertEqual("dlcourse", image["name"])
        self.assertIn("docker build -t dlcourse", self.dockerfile)

    def test_the_images_user_is_the_uid_the_chart_runs(self):
        uid = re.search(r"useradd [^\n]*--uid (\d+)[^\n]* (\w+)\s*\\?\n", self.dockerfile)
        self.assertIsNotNone(uid, "the Dockerfile makes its user with useradd --uid")
        self.assertEqual(int(uid.group(1)), self.values["singleuser"]["uid"])
        self.assertRegex(self.dockerfile, rf"\nUSER {uid.group(2)}\n")

    def test_the_server_listens_on_the_port_the_chart_expects(self):
        self.assertIn(f"EXPOSE {KUBESPAWNER_PORT}", self.dockerfile)
        self.assertNotIn("port", self.values["singleuser"], "chart 2.0.0 leaves KubeSpawner's port at 8888")

    def test_the_command_is_the_hook_then_the_single_user_server_the_image_has(self):
        hook, server = self.values["singleuser"]["cmd"]
        workdir = re.search(r"\nWORKDIR (\S+)\n", self.dockerfile).group(1)
        self.assertIn("\nCOPY --chown=jovyan:jovyan . ./\n", self.dockerfile, "the image holds the whole course")
        in_course = Path(hook).relative_to(workdir)
        self.assertEqual(hub.START_HOOK, HOME / in_course)
        self.assertTrue(os.access(hub.START_HOOK, os.X_OK))
        self.assertEqual("jupyterhub-singleuser", server)
        self.assertRegex(self.dockerfile, r"install[^\n]*\\\n(?:[^\n]*\\\n)*[^\n]* jupyterhub[ \\\n]",
                         "the image installs Debian's jupyterhub, which brings jupyterhub-singleuser")

    def test_the_images_jupyterhub_has_the_charts_major_version(self):
        base = re.search(r"ARG BASE=debian:(\w+)", self.dockerfile).group(1)
        self.assertEqual("bookworm", base, "Debian bookworm's jupyterhub is 3.0.0")
        installed = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "jupyterhub"], capture_output=True,
                                   text=True) if shutil.which("dpkg-query") else None
        if installed and installed.returncode == 0:
            self.assertEqual(CHART_JUPYTERHUB_MAJOR, int(installed.stdout.split(".")[0]))

    def test_the_students_work_lands_on_their_volume(self):
        single = self.values["singleuser"]
        volume = single["storage"]["homeMountPath"]
        self.assertEqual(volume, self.values["hub"]["config"]["Spawner"]["notebook_dir"])
        self.assertEqual(Path(volume), Path(single["extraEnv"]["DLCOURSE_COPY"]).parent)
        workdir = re.search(r"\nWORKDIR (\S+)\n", self.dockerfile).group(1)
        self.assertEqual(workdir, single["extraEnv"]["DLCOURSE_HOME"])
        self.assertFalse(Path(workdir).is_relative_to(volume), "the volume must not hide the image's course")

    def test_memory_guarantee_is_below_the_limit(self):
        memory = self.values["singleuser"]["memory"]
        guarantee, limit = (hub.parse_memory(memory[k]) for k in ("guarantee", "limit"))
        self.assertLessEqual(guarantee, limit)
