"""Maven: every call the launcher makes, with the course's engine, and building the helper library
and the kernel's patch into target/ when their sources changed."""

import os
import re
import shutil
import subprocess
import sys

from . import engines
from .errors import LauncherError
from .layout import COURSE, PROG

ANSI_RESET = re.compile(r"\x1b\[0?m")


class BuildError(LauncherError):
    """The library did not build; Maven's or javac's output above says why."""


def command(args, engine):
    """The Maven command line: quiet, batch mode, no colours, the engine's profile."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise BuildError(f"Maven (mvn) is not installed; {PROG} doctor says how to install it")
    return [mvn, "-q", "-B", "-Dstyle.color=never", engines.maven_property(engine), *args]


def run(args, engine, env=None):
    """Runs Maven, passing its output on without the bare colour resets Maven 3.8 prints even with
    -q and without blank lines; returns its exit status. The tests it runs are offline (DJL_OFFLINE)."""
    environment = dict(env or os.environ, **engines.OFFLINE)
    with subprocess.Popen(command(args, engine), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=COURSE.home,
                          env=environment, text=True, encoding="utf-8", errors="replace") as process:
        for line in process.stdout:
            line = ANSI_RESET.sub("", line)
            if line.strip():
                sys.stdout.write(line)
                sys.stdout.flush()
    return process.returncode


def _newest_source(layout):
    newest = 0.0
    for source in layout.library_sources:
        if source.is_file():
            newest = max(newest, source.stat().st_mtime)
        for folder, _, files in os.walk(source):
            for name in files:
                newest = max(newest, os.stat(os.path.join(folder, name)).st_mtime)
    return newest


def stale_reason(layout, engine):
    """Why target/ must be built again for the engine, in a sentence; None when it need not: a part
    of the build is missing, it was built for another engine, target/lib lacks a jar of this build
    (a Maven call for the other engine removes the engine's jars, see engines.libs_problem), or it
    was built before the last change to pom.xml or a file under src/main. The build's stamp
    (target/engine, written when a build succeeded) dates it: Maven leaves an unchanged jar as it was."""
    parts = (layout.jar, layout.kernel_jar, layout.kernel_patch, layout.libs, layout.built_engine)
    missing = [str(p) for p in parts if not p.exists()]
    if missing:
        return f"the helper library's build is incomplete ({', '.join(missing)} missing)"
    built = layout.built_engine.read_text(encoding="utf-8").strip()
    if built != engine:
        return f"the helper library was built for {engines.TITLES.get(built, built)}, not {engines.TITLES[engine]}"
    problem = engines.libs_problem(layout.libs, engine) or _missing_listed_jars(layout)
    if problem:
        return problem
    if _newest_source(layout) > layout.built_engine.stat().st_mtime:
        return "the helper library is older than its sources (pom.xml, src/main)"
    return None


def library_is_stale(layout, engine):
    return stale_reason(layout, engine) is not None


def _listed_jars(layout):
    """The jar names Maven listed for target/lib in the last build (empty when it wrote no list)."""
    try:
        listed = layout.classpath_list.read_text(encoding="utf-8").strip()
    except OSError:
        return set()
    # Maven wrote the list on this machine, with its path separator.
    return {os.path.basename(entry) for entry in listed.split(os.pathsep) if entry}


def _missing_listed_jars(layout):
    missing = sorted(name for name in _listed_jars(layout) if not (layout.libs / name).exists())
    if missing:
        return f"target/lib lacks {len(missing)} jar(s) of its build: {', '.join(missing[:3])}" + (" ..." if len(missing) > 3 else "")
    return None


def prune_classpath(layout):
    """copy-dependencies never deletes, so a jar left from an older pom or the other engine would stay
    on the kernel's classpath (DJL loads every engine it finds); keep only the jars Maven lists now.
    Deleting nothing else means a running kernel keeps its jars while set-up runs."""
    keep = _listed_jars(layout)
    if not keep:
        raise BuildError(f"Maven wrote no list of the library's jars ({layout.classpath_list}); run {PROG} setup again")
    for jar in layout.libs.glob("*.jar"):
        if jar.name not in keep:
            jar.unlink()


def compile_kernel_patch(layout):
    javac = shutil.which("javac")
    if javac is None:
        raise BuildError("javac not found: the course needs a JDK (not only a Java runtime); "
                         f"{PROG} doctor says how to install one")
    shutil.rmtree(layout.kernel_patch, ignore_errors=True)
    sources = sorted(str(p) for p in layout.kernel_patch_sources.rglob("*.java"))
    status = subprocess.run([javac, "-nowarn", "-encoding", "UTF-8", "-d", str(layout.kernel_patch),
                             "-cp", str(layout.kernel_jar), *sources]).returncode
    if status != 0:
        raise BuildError(f"the fix for the Java kernel ({layout.kernel_patch_sources}) did not compile")


def build_library(layout, engine, say=print):
    """Builds the helper library for the engine when target/ is stale: mvn package (the jar, its
    dependencies in target/lib, the kernel jar), then the kernel patch. Returns True if it built."""
    if not library_is_stale(layout, engine):
        return False
    say(f"building the helper library with the {engines.TITLES[engine]} engine (mvn package) ...")
    if run(["-DskipTests", "package"], engine) != 0:
        raise BuildError("the helper library did not build; the Maven output above says why")
    prune_classpath(layout)
    found = engines.engine_in_libs(layout.libs)
    if found != engine:
        raise BuildError(f"Maven was asked for the {engines.TITLES[engine]} engine ({engines.maven_property(engine)}) "
                         f"but target/lib holds {engines.TITLES.get(found, 'no engine')}'s jars: pom.xml's engine profiles "
                         f"did not choose {engine}'s; run {PROG} setup --engine {found or engines.MXNET} until they do")
    compile_kernel_patch(layout)
    layout.built_engine.write_text(engine + "\n", encoding="utf-8")
    return True
