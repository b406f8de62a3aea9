import os
import shutil
import stat
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from launcher import prerequisites
from launcher.commands import setup
from launcher.platforms import LINUX, MACOS, WINDOWS
from launcher.prerequisites import Check
from launcher.tests.support import platform

DEBIAN = platform(LINUX, has_apt=True)
FEDORA = platform(LINUX, has_apt=False)
MAC = platform(MACOS, "arm64")
WINDOWS_CMD = platform(WINDOWS, shell="cmd")
WINDOWS_POWERSHELL = platform(WINDOWS, shell="powershell")


class InstallCommandsTest(unittest.TestCase):
    """The exact commands each platform gets for each missing prerequisite."""

    def test_java(self):
        self.assertEqual(["sudo apt-get install openjdk-17-jdk-headless"], prerequisites.install_commands("java", DEBIAN))
        self.assertEqual(["brew install --cask temurin@17   (Homebrew: https://brew.sh)"], prerequisites.install_commands("java", MAC))
        self.assertEqual(["winget install EclipseAdoptium.Temurin.17.JDK"], prerequisites.install_commands("java", WINDOWS_CMD))
        self.assertTrue(prerequisites.install_commands("java", FEDORA)[0].startswith("sudo dnf install java-17-openjdk-devel"))

    def test_maven(self):
        self.assertEqual(["sudo apt-get install maven"], prerequisites.install_commands("maven", DEBIAN))
        self.assertEqual(["brew install maven"], prerequisites.install_commands("maven", MAC))
        self.assertTrue(prerequisites.install_commands("maven", WINDOWS_POWERSHELL)[0].startswith("scoop install maven"))

    def test_jupyter_on_debian_asks_for_no_more_than_is_needed(self):
        commands = prerequisites.install_commands("jupyter", DEBIAN)
        self.assertEqual("sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient", commands[0])
        self.assertNotIn("jupyter-client", commands[0], "the kernelspec is written without `jupyter kernelspec`")
        self.assertIn("or, without sudo (python3 -m venv needs Debian's python3-venv package):", commands)
        self.assertIn("~/.venvs/dlcourse/bin/pip install notebook nbconvert nbclient", commands)

    def test_jupyter_in_a_virtual_environment_elsewhere(self):
        self.assertEqual(["python3 -m venv ~/.venvs/dlcourse",
                          "~/.venvs/dlcourse/bin/pip install notebook nbconvert nbclient",
                          ". ~/.venvs/dlcourse/bin/activate   (in every new terminal, before ./course)"],
                         prerequisites.install_commands("jupyter", MAC))
        self.assertEqual(prerequisites.install_commands("jupyter", MAC), prerequisites.install_commands("jupyter", FEDORA))

    def test_jupyter_on_windows_in_the_learners_shell(self):
        cmd = prerequisites.install_commands("jupyter", WINDOWS_CMD)
        self.assertEqual(r"py -3 -m venv %USERPROFILE%\.venvs\dlcourse", cmd[0])
        self.assertEqual(r"%USERPROFILE%\.venvs\dlcourse\Scripts\pip install notebook nbconvert nbclient", cmd[1])
        self.assertTrue(cmd[2].startswith(r"%USERPROFILE%\.venvs\dlcourse\Scripts\activate.bat"))
        powershell = prerequisites.install_commands("jupyter", WINDOWS_POWERSHELL)
        self.assertEqual(r"py -3 -m venv $HOME\.venvs\dlcourse", powershell[0])
        self.assertEqual(r"& $HOME\.venvs\dlcourse\Scripts\pip.exe install notebook nbconvert nbclient", powershell[1])
        self.assertTrue(powershell[2].startswith(r"& $HOME\.venvs\dlcourse\Scripts\Activate.ps1"))

    def test_fonts_only_on_linux(self):
        self.assertEqual(["sudo apt-get install fontconfig fonts-dejavu-core"], prerequisites.install_commands("fonts", DEBIAN))
        for facts in (MAC, WINDOWS_CMD):
            self.assertTrue(prerequisites.check_fonts(facts).ok, "macOS and Windows bring their fonts")


    def test_chinese_fonts_from_debian_or_fedora_and_brought_by_macos_and_windows(self):
        self.assertEqual(["sudo apt-get install fonts-noto-cjk"], prerequisites.install_commands("cjk-fonts", DEBIAN))
        self.assertIn("google-noto-sans-cjk-fonts", prerequisites.install_commands("cjk-fonts", platform(LINUX))[0])
        for facts in (MAC, WINDOWS_CMD):
            self.assertTrue(prerequisites.check_cjk_fonts(facts).ok, "macOS and Windows bring Chinese fonts")

    def test_chinese_fonts_are_asked_of_fontconfig(self):
        answers = {(":lang=zh", "family"): "Noto Sans CJK SC,Noto Sans CJK SC Regular\nNoto Serif CJK SC\n"}
        run = lambda argv, **kw: mock.Mock(stdout=answers.get(tuple(argv[1:]), ""))
        with mock.patch.object(prerequisites.shutil, "which", lambda name: "/usr/bin/" + name), \
                mock.patch.object(prerequisites.subprocess, "run", run):
            self.assertEqual(Check("cjk-fonts", True, "Chinese fonts (Noto Sans CJK SC,Noto Sans CJK SC Regular)"),
                             prerequisites.check_cjk_fonts(DEBIAN))
            answers.clear()
            check = prerequisites.check_cjk_fonts(DEBIAN)
        self.assertFalse(check.ok)
        self.assertEqual("no font with Chinese characters (the Chinese edition's charts would show boxes)", check.text)


class MissingJupyterTest(unittest.TestCase):

    def test_names_what_is_missing(self):
        with mock.patch.object(prerequisites.jupyter, "missing_commands", lambda: ["jupyter-notebook"]), \
                mock.patch.object(prerequisites.jupyter, "notebook_python", lambda: None):
            check = prerequisites.check_jupyter(DEBIAN)
        self.assertFalse(check.ok)
        self.assertEqual("Jupyter not found (missing: the command jupyter-notebook; a Python with nbformat, nbclient, "
                         "nbconvert)", check.text)


class SetupStopsWithTheCommandsTest(unittest.TestCase):
    """Where apt cannot be used, set-up installs nothing and prints each missing thing's commands."""

    def stop_message(self, facts, missing):
        checks = [lambda p, name=name: Check(name, False, f"{name} is missing") for name in missing]
        # The platform's own engine, whatever engine this checkout's last set-up chose (CI's is MXNet).
        with mock.patch.object(prerequisites, "CHECKS", checks), \
                mock.patch.object(setup.engines, "chosen_engine", lambda layout, p: setup.engines.default_engine(p)), \
                mock.patch.object(setup, "can_use_apt", lambda p: False), \
                mock.patch.object(setup.data, "locate", lambda dataset, env: Path("/data")), \
                self.assertRaises(setup.SetupError) as raised:
            setup.ensure(platform=facts)
        return str(raised.exception)

    def test_macos(self):
        message = self.stop_message(MAC, ["java", "maven", "jupyter"])
        self.assertIn("installs nothing itself here (macOS arm64, no apt)", message)
        for line in ("java is missing; to install:", "    brew install --cask temurin@17", "    brew install maven",
                     "    python3 -m venv ~/.venvs/dlcourse", "then run ./course setup again"):
            self.assertIn(line, message)

    def test_windows(self):
        message = self.stop_message(WINDOWS_CMD, ["java", "jupyter"])
        self.assertIn("    winget install EclipseAdoptium.Temurin.17.JDK", message)
        self.assertIn(r"    py -3 -m venv %USERPROFILE%\.venvs\dlcourse", message)

    def test_debian_without_root(self):
        message = self.stop_message(DEBIAN, ["jupyter"])
        self.assertRegex(message, r"\(Linux x86_64, not root, and (sudo asks for a password|no sudo)\)")
        self.assertIn("    sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient", message)

    def test_binder_where_apt_is_not_allowed(self):
        message = self.stop_message(platform(LINUX, has_apt=True, env={"DLCOURSE_NO_APT": "1"}), ["fonts"])
        self.assertIn("DLCOURSE_NO_APT is set", message)


class JavaVersionTest(unittest.TestCase):

    def fake_java(self, says):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        java = folder / "java"
        java.write_text(f"#!/bin/sh\necho '{says}' >&2\n")
        java.chmod(java.stat().st_mode | stat.S_IEXEC)
        return str(java)

    @unittest.skipIf(os.name == "nt", "a fake java is a shell script")
    def test_versions_old_and_new(self):
        self.assertEqual(17, prerequisites.java_major(self.fake_java('openjdk version "17.0.15" 2025-04-15')))
        self.assertEqual(21, prerequisites.java_major(self.fake_java('openjdk version "21" 2023-09-19')))
        self.assertEqual(8, prerequisites.java_major(self.fake_java('java version "1.8.0_392"')))
        self.assertIsNone(prerequisites.java_major(self.fake_java("No Java runtime present, requesting install.")))

    @unittest.skipIf(os.name == "nt", "a fake java is a shell script")
    def test_an_old_java_is_named_with_its_version(self):
        old = self.fake_java('java version "1.8.0_392"')
        with mock.patch.object(prerequisites, "find_java", lambda p: old):
            check = prerequisites.check_java(DEBIAN)
        self.assertFalse(check.ok)
        self.assertEqual(f"Java 8 found ({old}); the course needs 17 or newer", check.text)


if __name__ == "__main__":
    unittest.main()
