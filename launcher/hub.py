"""A JupyterHub for a class on this machine: its settings, the students' accounts, the memory limit
per student, and starting the hub (./course classroom and its load test share these).

The hub is Debian's jupyterhub 3.0 (with configurable-http-proxy), configured by
classroom/jupyterhub_config.py from a settings file this module writes. Students log in with PAM,
as accounts of this machine; the LocalProcessSpawner starts each one's single-user server as that
account (so the hub runs as root), through classroom/start-student.sh, which copies the course's
notebooks into the student's home on the first login only. The 'java' kernel is a kernelspec of
the hub's own, pointing at this course's library, which every account can read.

A memory limit per student is a Linux control group (cgroup v2's memory.max, or v1's
memory.limit_in_bytes) that the student's server, and so its kernels, starts in: the
LocalProcessSpawner itself ignores mem_limit, and SystemdSpawner needs systemd as the machine's
init and is not packaged by Debian.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import engines, jupyter, kernelspec, prerequisites
from .errors import LauncherError, UsageError
from .layout import COURSE, PROG
from .platforms import Platform

CONFIG = COURSE.home / "classroom" / "jupyterhub_config.py"
START_HOOK = COURSE.home / "classroom" / "start-student.sh"
STATE = COURSE.build / "classroom"
# The students' 'java' kernelspec (their servers' JUPYTER_PATH) and the engine's shared native library.
KERNELS = STATE / "jupyter"
ENGINE_CACHE = STATE / "engine-cache"
SETTINGS_VARIABLE = "DLCOURSE_CLASSROOM_SETTINGS"
# Debian's packages for a hub: jupyterhub 3.0 brings configurable-http-proxy and the notebook server.
APT_PACKAGES = ["jupyterhub"]
# Where each student finds their own copy of the notebooks (start-student.sh makes it).
COPY_FOLDER = "notebooks"
USER_NAME = re.compile(r"[a-z_][a-z0-9_-]{0,31}")
UNITS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}
CGROUP_FOLDER = "dlcourse-classroom"
# A learner's kernel computes on every core; a student's computes on one. N kernels with as many
# OpenMP threads as cores put N x cores busy threads on the cores (4 students on 2 cores: no
# notebook finished in 300 s). One thread for OpenMP (MXNet's operators, oneDNN, PyTorch's intra-op
# pool) and for the BLAS libraries the engines may call (MKL, OpenBLAS).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
# DJL's PyTorch engine sizes its own pools from these system properties (default: every core).
PYTORCH_THREAD_PREFIX = "-Dai.djl.pytorch.num_"
NODE_MODULES = ["/usr/share/nodejs", "/usr/lib/nodejs"]


class HubError(LauncherError):
    """The hub could not be set up, started or stopped; the message says why and what to do."""


@dataclass
class Settings:
    """What classroom/jupyterhub_config.py reads: one hub's address, users and limits."""
    port: int
    ip: str = "127.0.0.1"
    admin: str = ""
    students: list = field(default_factory=list)
    memory: int = 0                 # bytes per student; 0: no limit
    course: str = str(COURSE.home)
    state: str = str(STATE)
    fast: bool = False              # the kernels run notebooks in fast mode (the load test)
    service_token: str = ""         # an admin API token for the load test's service, if any

    @property
    def hub_port(self):
        return self.port + 1

    @property
    def proxy_api_port(self):
        return self.port + 2

    def write(self, path):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")
        path.chmod(0o600)  # the service token

    @staticmethod
    def read(path):
        return Settings(**json.loads(Path(path).read_text(encoding="utf-8")))


def parse_memory(text):
    """Bytes from '2G', '1536M', '800m', '2GiB' or a plain number of bytes; a UsageError otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(?:i?B)?\s*", text or "")
    if not match:
        raise UsageError(f"--memory '{text}' is not an amount of memory; give it as 2G, 1536M or 800M")
    amount = int(float(match.group(1)) * UNITS[match.group(2).upper()])
    if amount < 256 * UNITS["M"]:
        raise UsageError(f"--memory {text} is too little for a Java kernel with DJL (it peaks near 800M); "
                         f"give at least 1G")
    return amount


def parse_students(text):
    """The students' account names from a count ('30': student01 … student30), a list ('ada,alan'),
    or a file with one name per line; a UsageError naming a bad name or count."""
    text = (text or "").strip()
    if text.isdigit():
        count = int(text)
        if not 1 <= count <= 999:
            raise UsageError(f"--students {text}: give between 1 and 999 students, or their names")
        width = max(2, len(str(count)))
        return [f"student{i:0{width}d}" for i in range(1, count + 1)]
    path = Path(text)
    names = path.read_text(encoding="utf-8").split() if path.is_file() else text.split(",")
    names = [n.strip() for n in names if n.strip()]
    if not names:
        raise UsageError("--students needs a count (30), names (ada,alan) or a file with one name per line")
    for name in names:
        if not USER_NAME.fullmatch(name):
            raise UsageError(f"--students: '{name}' cannot be an account name; use lower-case letters, digits, "
                             f"'-' and '_', starting with a letter (at most 32)")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UsageError(f"--students names {', '.join(duplicates)} more than once")
    return names


def format_bytes(amount):
    """'1.4 GiB', '812 MiB'."""
    if amount is None:
        return "-"
    if amount >= UNITS["G"]:
        return f"{amount / UNITS['G']:.1f} GiB"
    return f"{amount / UNITS['M']:.0f} MiB"


def free_port(ip="127.0.0.1"):
    """A port nothing listens on now, with the next two free as well (the hub's and the proxy's API)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((ip, 0))
            port = probe.getsockname()[1]
        if port < 65000 and all(port_is_free(ip, p) for p in (port + 1, port + 2)):
            return port
    raise HubError("no free port found for the hub on 127.0.0.1")


def port_is_free(ip, port):
    with socket.socket() as probe:
        try:
            probe.bind((ip, port))
        except OSError:
            return False
    return True


# --- accounts --------------------------------------------------------------------------------------

def require_root():
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        raise HubError(f"the classroom needs root: it makes the students' accounts and starts each student's "
                       f"server as that account (JupyterHub's LocalProcessSpawner); run sudo {PROG} classroom …")


def account_exists(name):
    import pwd
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def create_account(name):
    """A new account with a home folder and a random password, which it returns."""
    password = secrets.token_urlsafe(9)
    run_checked(["useradd", "--create-home", "--shell", "/bin/bash", name], f"making the account {name}")
    run_checked(["chpasswd"], f"setting {name}'s password", stdin=f"{name}:{password}\n")
    import pwd
    os.chmod(pwd.getpwnam(name).pw_dir, 0o700)  # a student's home is theirs alone
    return password


def delete_account(name):
    """Removes an account this launcher made, with its home folder."""
    kill_processes_of(name)
    run_checked(["userdel", "--remove", name], f"removing the account {name}", missing_ok=True)


def run_checked(command, what, stdin=None, missing_ok=False):
    answer = subprocess.run(command, input=stdin, capture_output=True, text=True)
    # userdel says status 6 for an account that is gone, and 12 when the home folder was already removed
    if answer.returncode != 0 and not (missing_ok and answer.returncode in (6, 12)):
        raise HubError(f"{what} failed: {' '.join(command[:2])} said: {(answer.stderr or answer.stdout).strip()}")


def uid_of(name):
    import pwd
    return pwd.getpwnam(name).pw_uid


def processes_of(uid, proc=Path("/proc")):
    """The process ids running as uid (its real uid, from /proc/PID/status)."""
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        match = re.search(r"^Uid:\s+(\d+)", status, re.M)
        if match and int(match.group(1)) == uid:
            found.append(int(entry.name))
    return found


def resident_bytes(pids, proc=Path("/proc")):
    """The summed resident memory (VmRSS) of these processes; a process that ended counts 0."""
    total = 0
    for pid in pids:
        try:
            match = re.search(r"^VmRSS:\s+(\d+) kB", (proc / str(pid) / "status").read_text(), re.M)
        except OSError:
            continue
        if match:
            total += int(match.group(1)) * 1024
    return total


def kill_processes_of(name, grace=5.0):
    """Ends every process of an account: SIGTERM, then SIGKILL after the grace period."""
    if not account_exists(name):
        return
    uid = uid_of(name)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = processes_of(uid)
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        while pids and time.monotonic() < deadline:
            time.sleep(0.2)
            pids = processes_of(uid)
        if not pids:
            return


# --- memory limits ---------------------------------------------------------------------------------

class MemoryGroups:
    """One control group per student under the kernel's memory controller: a limit, the processes
    in it, and its peak use. cgroup v2 where its root lists the memory controller, else v1."""

    def __init__(self, base, version):
        self.base, self.version = Path(base), version

    @staticmethod
    def find(root=Path("/sys/fs/cgroup")):
        """The memory controller's groups for the classroom, or None where there is none to write."""
        root = Path(root)
        controllers = root / "cgroup.controllers"
        if controllers.exists() and "memory" in controllers.read_text().split():
            groups = MemoryGroups(root / CGROUP_FOLDER, 2)
        elif (root / "memory" / "memory.limit_in_bytes").exists():
            groups = MemoryGroups(root / "memory" / CGROUP_FOLDER, 1)
        else:
            return None
        try:
            groups.base.mkdir(exist_ok=True)
            if groups.version == 2:
                (groups.base / "cgroup.subtree_control").write_text("+memory")
        except OSError:
            return None
        return groups

    def _file(self, name, v1, v2):
        return self.base / name / (v2 if self.version == 2 else v1)

    def create(self, name, limit):
        """The student's group, with the limit in bytes (0: none); made anew, so its peak starts at 0."""
        self.remove(name)
        folder = self.base / name
        folder.mkdir()
        if limit:
            self._file(name, "memory.limit_in_bytes", "memory.max").write_text(str(limit))
        return folder

    def add(self, name, pid):
        (self.base / name / "cgroup.procs").write_text(str(pid))

    def peak(self, name):
        """The most memory the group used, in bytes, where the kernel keeps it; else None."""
        try:
            return int(self._file(name, "memory.max_usage_in_bytes", "memory.peak").read_text())
        except (OSError, ValueError):
            return None

    def remove(self, name):
        """Removes the group, once its processes have ended (an empty group only can go)."""
        folder = self.base / name
        for _ in range(50):
            try:
                folder.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.1)


# --- the students' kernel, and the hub ---------------------------------------------------------------

def student_kernelspec(layout, platform, java, engine, engine_cache):
    """The learner's 'java' kernelspec, with the engine's native library read from the shared cache and
    the engine computing on one thread: a class's kernels share the machine's cores."""
    spec = kernelspec.build(layout, platform, java, engine)
    spec["env"]["ENGINE_CACHE_DIR"] = str(engine_cache)
    return with_threads(spec, 1, pytorch=engine == engines.PYTORCH)


def with_threads(spec, threads, pytorch):
    """The kernelspec with its engine computing on `threads` threads: OpenMP, MKL and OpenBLAS, and with
    `pytorch` DJL's PyTorch pools (system properties before the main class, where the kernel's JVM reads
    them; any earlier ones replaced; inter-op on one thread)."""
    spec["env"].update({name: str(threads) for name in THREAD_VARIABLES})
    flags = [f"{PYTORCH_THREAD_PREFIX}threads={threads}", f"{PYTORCH_THREAD_PREFIX}interop_threads=1"] if pytorch else []
    rest = [a for a in spec["argv"][1:] if not a.startswith(PYTORCH_THREAD_PREFIX)]
    spec["argv"] = [spec["argv"][0], *flags, *rest]
    return spec


def limit_installed_kernel(threads, platform=None):
    """Zero to JupyterHub: the image's 'java' kernelspec was written where the image was built, with as
    many engine threads as that machine had cores, while a student's pod has its own CPU limit
    (values.yaml: DLCOURSE_KERNEL_THREADS, set to singleuser.cpu.limit). The start-up hook calls this to
    rewrite the installed kernelspec's threads (OpenMP, MKL, OpenBLAS; DJL's PyTorch pools) to that
    limit; returns the kernelspec's path."""
    platform = platform or Platform.current()
    try:
        count = int(threads)
    except ValueError:
        count = 0
    if count < 1:
        raise HubError(f"DLCOURSE_KERNEL_THREADS must be a whole number of threads, at least 1, got {threads!r}; "
                       "set it to singleuser.cpu.limit in classroom/z2jh/values.yaml")
    file = kernelspec.path(jupyter.data_dir(platform))
    try:
        spec = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise HubError(f"no readable 'java' kernelspec at {file} ({e}); the image's {PROG} setup writes it") from e
    # The image's engine is not known here; DJL's PyTorch properties are harmless to MXNet.
    kernelspec.install(with_threads(spec, count, pytorch=True), file.parent.parent.parent)
    return file


def write_kernelspec(engine, platform=None):
    """The 'java' kernelspec the students' servers see (JUPYTER_PATH=STATE/jupyter), pointing at this
    course; the engine's native library is unpacked once into a shared folder they can all read."""
    platform = platform or Platform.current()
    java = prerequisites.find_java(platform)
    if java is None:
        raise HubError(f"Java not found; {PROG} doctor says how to install it")
    kernelspec.install(student_kernelspec(COURSE, platform, java, engine, ENGINE_CACHE), KERNELS)
    return KERNELS


def prepare_engine_cache(engine, platform=None):
    """Unpacks the engine's native library into the shared cache, once, by starting the engine as the
    kernels will; students then load it from there rather than each unpacking a copy into their home
    (a copy each would be a second copy in memory too)."""
    platform = platform or Platform.current()
    cache = ENGINE_CACHE
    if cache.is_dir() and any(cache.iterdir()):
        return cache
    cache.mkdir(parents=True, exist_ok=True)
    probe = STATE / "EngineProbe.java"
    probe.write_text("public class EngineProbe { public static void main(String[] a) { "
                     "System.out.println(ai.djl.engine.Engine.getInstance().getEngineName()); } }\n", encoding="utf-8")
    env = dict(os.environ, ENGINE_CACHE_DIR=str(cache), **engines.environment(engine, platform.cores))
    classpath = platform.pathsep.join([str(COURSE.jar), str(COURSE.libs / "*")])
    answer = subprocess.run([prerequisites.find_java(platform), "-cp", classpath, str(probe)], env=env,
                            capture_output=True, text=True, timeout=300)
    probe.unlink()
    if answer.returncode != 0:
        shutil.rmtree(cache, ignore_errors=True)
        raise HubError(f"the {engines.TITLES[engine]} engine did not start: {answer.stderr.strip()[-600:]}")
    open_to_all(cache)
    return cache


def open_to_all(path):
    """Every account may read path (and enter its folders): the students' kernels run this course's
    library, data and engine as their own accounts. A folder above it that other accounts cannot
    enter is not opened (it may be someone's home): a HubError says which, and what to do."""
    path = Path(path).resolve()
    for folder in path.parents:
        if folder.stat().st_mode & 0o001 == 0:
            raise HubError(f"the students' accounts cannot reach {path}: {folder} is closed to other accounts; "
                           f"put the course where every account may read it (e.g. /opt/dlcourse) or chmod o+x {folder}")
    subprocess.run(["chmod", "-R", "a+rX", str(path)], check=True)


def start(settings, settings_path, log_path):
    """Starts jupyterhub with classroom/jupyterhub_config.py and the settings; returns its process
    once it answers on its port, or raises HubError with the end of its log."""
    settings.write(settings_path)
    Path(settings.state).mkdir(parents=True, exist_ok=True)
    hub = shutil.which("jupyterhub")
    if hub is None:
        raise HubError(f"jupyterhub not found; {PROG} classroom installs Debian's jupyterhub package as root")
    log = open(log_path, "w", encoding="utf-8")
    env = dict(os.environ, **{SETTINGS_VARIABLE: str(settings_path)})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(COURSE.home), env.get("PYTHONPATH")]))
    # Debian's configurable-http-proxy finds its modules in Debian's Node.js folders; a Node.js from
    # elsewhere (NodeSource's) looks there only when told.
    env["NODE_PATH"] = os.pathsep.join(filter(None, [*NODE_MODULES, env.get("NODE_PATH")]))
    # umask 077: the hub's database and the students' files are their owner's alone.
    process = subprocess.Popen([hub, "-f", str(CONFIG)], cwd=settings.state, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=lambda: os.umask(0o077))
    log.close()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HubError(f"jupyterhub stopped at start (status {process.returncode}); the end of its log, "
                           f"{log_path}:\n" + tail(log_path))
        if answers(settings.ip, settings.port, "/hub/api/"):
            return process
        time.sleep(0.5)
    stop(process)
    raise HubError(f"jupyterhub did not answer on {settings.ip}:{settings.port} within 120 s; its log, "
                   f"{log_path}:\n" + tail(log_path))


def answers(ip, port, path):
    import http.client
    connection = http.client.HTTPConnection(ip, port, timeout=2)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def stop(process, grace=30):
    """Stops the hub (it stops the students' servers and its proxy first, cleanup_servers)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def tail(path, lines=15):
    try:
        return "\n".join(Path(path).read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
