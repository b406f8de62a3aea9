"""./course bench: the MLP and LeNet of 04/06 trained with the notebooks' engine settings."""

import os
import subprocess

from .. import data, engines, kernelspec, maven, prerequisites
from ..errors import LauncherError
from ..layout import COURSE, PROG
from ..platforms import Platform

NAME = "bench"
USAGE = "[--models mlp,lenet] [--repeats N]"
SUMMARY = """train the MLP and LeNet of 04/06 with the notebooks' engine settings; print
samples/s, GFLOP/s, % of CPU peak and memory, write build/bench.json"""
DESCRIPTION = """Trains the MLP of chapter 04 and the LeNet of chapter 06 on Fashion-MNIST with the kernel's
JVM flags and engine settings (threads, MXNet's NaiveEngine), so the figures are the notebooks'.
Prints training and inference samples per second, GFLOP/s against the CPU's peak, and memory
across repeated runs in one JVM; writes build/bench.json. A setting already in the environment
(OMP_NUM_THREADS=1 ./course bench, say) wins over the notebooks', to compare others."""


def add_arguments(parser):
    parser.add_argument("--models", metavar="mlp,lenet", help="which models to train (default: both)")
    parser.add_argument("--repeats", metavar="N", help="training runs per model, at least 2 (default 2)")


def run(args):
    platform = Platform.current()
    engine = engines.chosen_engine(COURSE, platform)
    maven.build_library(COURSE, engine)
    if data.locate(data.FASHION, platform.env) is None:
        raise LauncherError(f"Fashion-MNIST not found; run {PROG} setup")
    java = prerequisites.find_java(platform)
    if java is None:
        raise LauncherError(f"Java not found; {PROG} doctor says how to install it")
    env = dict(os.environ)
    for name, value in engines.environment(engine, platform.cores).items():
        env.setdefault(name, value)
    options = [a for name in ("models", "repeats") if getattr(args, name) is not None
               for a in (f"--{name}", getattr(args, name))]
    classpath = platform.pathsep.join([str(COURSE.jar), str(COURSE.libs / "*")])
    return subprocess.run([java, *kernelspec.JVM_FLAGS, "-cp", classpath, "dlcourse.train.Benchmark", *options],
                          env=env, cwd=COURSE.home).returncode
