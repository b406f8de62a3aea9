"""./course setup: everything the notebooks need, checked and made where missing; safe to run again."""

import os
import shutil
import subprocess

from .. import data, engines, jupyter, kernelspec, maven, prerequisites
from ..console import green, say
from ..errors import LauncherError
from ..layout import COURSE, KERNEL_NAME, PROG
from ..platforms import Platform, can_use_apt

NAME = "setup"
USAGE = "[--engine mxnet|pytorch]"
SUMMARY = f"""build the helper library, install Jupyter and the data where missing,
and install the '{KERNEL_NAME}' Jupyter kernel (safe to run again);
--engine mxnet|pytorch switches the engine, and is kept (default: by platform)"""
DESCRIPTION = f"""Checks Java 17+, Maven, Jupyter and fonts; where apt can install what is missing (root, or
sudo without a password) it does, and elsewhere it installs nothing and prints the commands for
this platform. Fetches the data sets where no package provides them, builds the helper library
with the engine's jars, and writes the '{KERNEL_NAME}' kernelspec into your Jupyter data folder.

The engine: MXNet where its native library exists (x86-64 Linux, macOS Intel, Windows), PyTorch
elsewhere (Apple Silicon, ARM Linux); --engine switches, and the choice is kept in build/engine."""


class SetupError(LauncherError):
    """A prerequisite is missing and set-up cannot install it; the commands to run were printed."""


def add_arguments(parser):
    parser.add_argument("--engine", choices=engines.ENGINES, help="the deep-learning engine under DJL")


def run(args):
    engine = ensure(engine=args.engine)
    say(green("set-up complete") + f" ({engines.TITLES[engine]} engine). Start with {PROG} lab")


def apt_install(packages, platform):
    as_root = [] if platform.is_root else ["sudo", "-n"]
    say(f"installing Debian packages: {' '.join(packages)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    quiet = {"stdout": subprocess.DEVNULL}
    for step in (["apt-get", "update", "-qq"],
                 ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]):
        if subprocess.run(as_root + step, env=env, **quiet).returncode != 0:
            raise SetupError(f"{' '.join(step)} failed (its message is above)")


def why_not_apt(platform):
    if not platform.has_apt:
        return "no apt"
    if platform.env.get("DLCOURSE_NO_APT"):
        return "DLCOURSE_NO_APT is set"
    return "not root, and sudo asks for a password" if shutil.which("sudo") else "not root, and no sudo"


def missing_prerequisites(platform):
    return [check for check in (c(platform) for c in prerequisites.CHECKS) if not check.ok]


def report(missing, platform):
    """The commands that install what is missing on this platform, under a line per missing thing."""
    lines = []
    for check in missing:
        lines.append(check.text + "; to install:")
        lines += ["    " + command for command in prerequisites.install_commands(check.name, platform)]
    return "\n".join(lines)


def ensure(engine=None, platform=None):
    """Set-up, as every command that needs it calls it first: says nothing when nothing is to do.
    Returns the engine in use: the one given (which build/engine then keeps), else the one kept, else the platform's."""
    platform = platform or Platform.current()
    chosen = engine is not None
    engine = engines.check_engine(engine or engines.chosen_engine(COURSE, platform), platform)
    missing = missing_prerequisites(platform)
    absent = [d for d in (data.FASHION, data.DEVIL) if data.locate(d, platform.env) is None]
    listing = data.manifest()["datasets"]
    packages = [p for check in missing for p in prerequisites.APT_PACKAGES[check.name]] + [listing[d]["debian"] for d in absent]
    if packages and can_use_apt(platform):
        apt_install(packages, platform)
        missing = missing_prerequisites(platform)
        absent = [d for d in absent if data.locate(d, platform.env) is None]
    if missing:
        raise SetupError(f"set-up needs what is missing below, and installs nothing itself here "
                         f"({platform.name}, {why_not_apt(platform)}):\n"
                         + report(missing, platform) + f"\nthen run {PROG} setup again")
    if data.FASHION in absent:
        data.download_fashion(say=say)
    if data.DEVIL in absent:
        data.download_devil(say=say)
    maven.build_library(COURSE, engine, say=say)
    if chosen:
        engines.remember_engine(COURSE, engine)
    spec = kernelspec.build(COURSE, platform, prerequisites.find_java(platform), engine)
    folder = jupyter.data_dir(platform)
    if kernelspec.install(spec, folder):
        say(f"installed the Jupyter kernel '{KERNEL_NAME}' ({kernelspec.DISPLAY_NAME}, {engines.TITLES[engine]}) "
            f"in {kernelspec.path(folder).parent}")
    return engine

