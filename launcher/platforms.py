"""The facts about the machine that the launcher decides by, gathered in one object.

Everything that differs between Linux, macOS and Windows (paths, the classpath separator, the
java binary's name, how to install a missing tool, which engine has a native build) is decided
from a Platform. Platform.current() reads this machine; the unit tests build Platforms for the
other systems, which cannot run here.
"""

import os
import platform as stdlib_platform
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

LINUX, MACOS, WINDOWS = "Linux", "Darwin", "Windows"

# platform.machine() says x86_64 (Linux, macOS), AMD64 (Windows), aarch64 (Linux), arm64 (macOS, Windows).
MACHINES = {"x86_64": "x86_64", "amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64", "arm64": "arm64"}


@dataclass(frozen=True)
class Platform:
    system: str                 # LINUX, MACOS or WINDOWS (platform.system()'s words)
    machine: str                # x86_64 or arm64 (or what platform.machine() said, lower case)
    env: dict = field(default_factory=dict)
    user_home: PurePath = PurePosixPath("/home/learner")
    is_root: bool = False
    has_apt: bool = False       # apt-get is installed (Debian, Ubuntu)
    shell: str = "sh"           # what the learner typed commands in: sh, cmd or powershell
    cores: int = 1              # the cores this process may use (affinity and container quota)
    cpu: str = ""               # the first processor's lines of /proc/cpuinfo (Linux; empty elsewhere)

    @staticmethod
    def current():
        system = stdlib_platform.system()
        machine = stdlib_platform.machine().lower()
        prog = os.environ.get("DLCOURSE_PROG", "")
        shell = "powershell" if prog.endswith(".ps1") else "cmd" if system == WINDOWS else "sh"
        return Platform(
            system=system, machine=MACHINES.get(machine, machine), env=dict(os.environ),
            user_home=Path.home(), is_root=hasattr(os, "geteuid") and os.geteuid() == 0,
            has_apt=system == LINUX and shutil.which("apt-get") is not None, shell=shell,
            cores=available_cores(), cpu=first_processor() if system == LINUX else "")

    @property
    def windows(self):
        return self.system == WINDOWS

    @property
    def macos(self):
        return self.system == MACOS

    @property
    def kind(self):
        """How software is installed here: debian (apt), linux (another distribution), macos, windows."""
        if self.windows:
            return "windows"
        if self.macos:
            return "macos"
        return "debian" if self.has_apt else "linux"

    @property
    def name(self):
        """The platform in words, as the README's table names it: 'macOS arm64'."""
        system = {LINUX: "Linux", MACOS: "macOS", WINDOWS: "Windows"}.get(self.system, self.system)
        return f"{system} {self.machine}"

    def path(self, *parts):
        """A path of this platform's kind (a Windows path on Windows, even when tested elsewhere)."""
        return (PureWindowsPath if self.windows else PurePosixPath)(*parts)

    @property
    def pathsep(self):
        """The separator of a Java classpath on the command line: ';' on Windows, ':' elsewhere."""
        return ";" if self.windows else ":"

    def executable(self, name):
        """A program's file name: java.exe on Windows, java elsewhere."""
        return name + ".exe" if self.windows else name


def can_use_apt(platform):
    """apt-get may install packages: it exists, DLCOURSE_NO_APT is unset (Binder's postBuild sets it),
    and this user is root or has sudo without a password."""
    if platform.env.get("DLCOURSE_NO_APT") or not platform.has_apt:
        return False
    if platform.is_root:
        return True
    return shutil.which("sudo") is not None and subprocess.run(
        ["sudo", "-n", "true"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def first_processor(cpuinfo=Path("/proc/cpuinfo")):
    """The first processor's lines of /proc/cpuinfo (vendor, family, flags), or "" where it cannot be read."""
    try:
        return cpuinfo.read_text(encoding="utf-8", errors="replace").split("\n\n", 1)[0]
    except OSError:
        return ""


def available_cores(cgroup_root=Path("/sys/fs/cgroup")):
    """The cores this process may run on: its CPU affinity, capped by a container's CPU quota
    (cgroup v2 cpu.max or v1 cfs quota; Docker's --cpus, Binder's and Kubernetes' limits), which
    the affinity does not show. At least 1."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    quota = cgroup_cpu_quota(cgroup_root)
    if quota is not None:
        cores = min(cores, quota)
    return max(1, cores)


def cgroup_cpu_quota(root):
    """Whole cores allowed by the cgroup's CPU quota (rounded up), or None where there is none."""
    root = Path(root)
    try:
        v2 = root / "cpu.max"
        if v2.exists():
            quota, period = v2.read_text().split()[:2]
            return None if quota == "max" else -(-int(quota) // int(period))
        quota_file, period_file = root / "cpu" / "cpu.cfs_quota_us", root / "cpu" / "cpu.cfs_period_us"
        if quota_file.exists() and period_file.exists():
            quota, period = int(quota_file.read_text()), int(period_file.read_text())
            return None if quota <= 0 else -(-quota // period)
    except (OSError, ValueError):
        return None
    return None
