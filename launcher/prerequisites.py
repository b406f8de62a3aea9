"""What the course needs from the machine (a JDK 17+, Maven, Jupyter, fonts on Linux, Chinese ones
included), whether it is
there, and the exact commands that install it on this platform.

Set-up installs with apt only where apt exists and this user is root (or has sudo without a
password); everywhere else it installs nothing and prints these commands. Doctor prints them too.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass

from . import jupyter
from .layout import PROG

JAVA_MAJOR = 17

# Debian's packages for each prerequisite and data set. Jupyter: the notebook server, nbconvert
# and nbclient (whose Python package brings jupyter_client); not jupyter-client's command line:
# set-up writes the kernelspec file itself.
APT_PACKAGES = {
    "java": ["openjdk-17-jdk-headless"],
    "maven": ["maven"],
    "jupyter": ["jupyter-notebook", "jupyter-nbconvert", "python3-nbclient"],
    "fonts": ["fontconfig", "fonts-dejavu-core"],
    "cjk-fonts": ["fonts-noto-cjk"],
}

VENV_PACKAGES = "notebook nbconvert nbclient"


@dataclass(frozen=True)
class Check:
    name: str     # java, maven, jupyter, fonts or cjk-fonts
    ok: bool
    text: str     # what was found, or what is missing


def find_java(platform):
    """JAVA_HOME's java where JAVA_HOME is set and holds one, else the java on PATH; None if neither."""
    java_home = platform.env.get("JAVA_HOME")
    if java_home:
        candidate = platform.path(java_home, "bin", platform.executable("java"))
        if shutil.which(str(candidate)):
            return str(candidate)
    return shutil.which("java")


def java_major(java):
    """The feature version of a java program (17 for "17.0.15", 8 for "1.8.0_392"), or None."""
    try:
        answer = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', answer.stderr + answer.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def check_java(platform):
    java = find_java(platform)
    major = java_major(java) if java else None
    if major is None:
        return Check("java", False, f"Java {JAVA_MAJOR} or newer not found")
    if major < JAVA_MAJOR:
        return Check("java", False, f"Java {major} found ({java}); the course needs {JAVA_MAJOR} or newer")
    return Check("java", True, f"Java {major} ({java})")


def check_maven(platform):
    mvn = shutil.which("mvn")
    return Check("maven", True, f"Maven ({mvn})") if mvn else Check("maven", False, "Maven (mvn) not found")


def check_jupyter(platform):
    missing = jupyter.missing_commands()
    python = jupyter.notebook_python()
    if not missing and python:
        return Check("jupyter", True, f"Jupyter ({shutil.which('jupyter')}; its Python {python})")
    lacks = [f"the command{'s' if len(missing) > 1 else ''} {', '.join(missing)}"] if missing else []
    if not python:
        lacks.append(f"a Python with {', '.join(jupyter.NOTEBOOK_MODULES)}")
    return Check("jupyter", False, f"Jupyter not found (missing: {'; '.join(lacks)})")


def check_fonts(platform):
    """Java draws the charts with the system's fonts; a bare Linux may have none (macOS and Windows do)."""
    if platform.system != "Linux":
        return Check("fonts", True, "fonts (the system's)")
    fc_list = shutil.which("fc-list")
    listed = subprocess.run([fc_list], capture_output=True, text=True).stdout.strip() if fc_list else ""
    return Check("fonts", True, "fonts (fontconfig)") if listed else Check("fonts", False, "no fonts for charts (fontconfig finds none)")


def check_cjk_fonts(platform):
    """The Chinese edition's charts need a font with CJK glyphs, else they show empty boxes. macOS
    (PingFang) and Windows (Microsoft YaHei) bring one; on Linux fontconfig must know one for Chinese."""
    if platform.system != "Linux":
        return Check("cjk-fonts", True, "Chinese fonts (the system's)")
    fc_list = shutil.which("fc-list")
    listed = (subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True).stdout.strip()
              if fc_list else "")
    if listed:
        families = sorted(listed.splitlines(), key=lambda family: (" SC" not in family, family))  # Simplified first
        return Check("cjk-fonts", True, f"Chinese fonts ({families[0]})")
    return Check("cjk-fonts", False, "no font with Chinese characters (the Chinese edition's charts would show boxes)")


CHECKS = (check_java, check_maven, check_jupyter, check_fonts, check_cjk_fonts)


def install_commands(name, platform):
    """The commands that install a prerequisite on this platform, one per line, exactly as typed."""
    kind = platform.kind
    if name == "jupyter":
        return _jupyter_commands(platform)
    if kind == "debian":
        return [f"sudo apt-get install {' '.join(APT_PACKAGES[name])}"]
    commands = {
        ("java", "linux"): "sudo dnf install java-17-openjdk-devel   (Fedora; elsewhere your distribution's JDK 17 package, or https://adoptium.net)",
        ("java", "macos"): "brew install --cask temurin@17   (Homebrew: https://brew.sh)",
        ("java", "windows"): "winget install EclipseAdoptium.Temurin.17.JDK",
        ("maven", "linux"): "sudo dnf install maven   (Fedora; elsewhere your distribution's maven package)",
        ("maven", "macos"): "brew install maven",
        ("maven", "windows"): "scoop install maven   (Scoop: https://scoop.sh; or unpack https://maven.apache.org/download.cgi and put its bin folder on PATH)",
        ("fonts", "linux"): "sudo dnf install fontconfig dejavu-sans-fonts   (Fedora; elsewhere fontconfig and the DejaVu fonts)",
        ("cjk-fonts", "linux"): "sudo dnf install google-noto-sans-cjk-fonts   (Fedora; elsewhere your distribution's Noto CJK fonts)",
    }
    return [commands[(name, kind)]]


def _jupyter_commands(platform):
    """Jupyter in a virtual environment of the learner's own (no root needed), activated before the course."""
    if platform.windows and platform.shell == "powershell":
        venv = r"$HOME\.venvs\dlcourse"
        venv_commands = [rf"py -3 -m venv {venv}", rf"& {venv}\Scripts\pip.exe install {VENV_PACKAGES}",
                         rf"& {venv}\Scripts\Activate.ps1   (in every new window, before {PROG})"]
    elif platform.windows:
        venv = r"%USERPROFILE%\.venvs\dlcourse"
        venv_commands = [rf"py -3 -m venv {venv}", rf"{venv}\Scripts\pip install {VENV_PACKAGES}",
                         rf"{venv}\Scripts\activate.bat   (in every new window, before {PROG})"]
    else:
        venv = "~/.venvs/dlcourse"
        venv_commands = [f"python3 -m venv {venv}", f"{venv}/bin/pip install {VENV_PACKAGES}",
                         f". {venv}/bin/activate   (in every new terminal, before {PROG})"]
    if platform.kind == "debian":
        return ([f"sudo apt-get install {' '.join(APT_PACKAGES['jupyter'])}",
                 "or, without sudo (python3 -m venv needs Debian's python3-venv package):"] + venv_commands)
    return venv_commands
