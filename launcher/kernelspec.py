"""The 'java' kernelspec: what it holds on each platform, writing it, and what is wrong with it.

A kernelspec is one file, kernels/java/kernel.json in the user's Jupyter data folder. Set-up
writes it there itself rather than through `jupyter kernelspec install`, which needs Debian's
jupyter-client package (or pip's jupyter_client) only for that.
"""

import json
import os
import tempfile
from pathlib import Path

from . import engines
from .layout import KERNEL_NAME, PROG
from .platforms import LINUX

DISPLAY_NAME = "Java (dlcourse)"
MAIN_CLASS = "org.rapaio.jupyter.kernel.MainApp"
# The kernel JVM's flags, measured fastest on 2 cores (serial GC, the C1 compiler only: cells are
# short-lived code); ./course bench runs with the same, so it measures what notebooks run. UTF-8
# whatever the system's code page (Java 17 on Windows would otherwise print ✔ and é as '?').
# The heap starts at 64 MiB and grows as the cells need: Java's default start, 1/64 of the
# machine's memory (384 MiB on 24 GiB), was committed and touched by a kernel that keeps its
# data in the engine's native memory, not on the heap. A notebook run again collects the heap
# when its first cell makes a new manager (Course.newManager); its old generation then shrinks at
# once to what is live plus 40 % (the young one follows), instead of keeping the largest size any
# run needed (12's heap after runs 2, 3, 4: 201, 222, 222 MiB before; 188, 203, 172 MiB with it).
JVM_FLAGS = ("-Djava.awt.headless=true", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
             "-Xms64m", "-XX:MaxHeapFreeRatio=40", "-XX:-ShrinkHeapInSteps")
# glibc's malloc (Linux): two arenas instead of eight per core. Its thresholds stay as glibc
# adapts them: fixing them at 128 KiB (so that freed tensors go back to the system at once) made
# every tensor a fresh mapping the kernel had to zero, and 06 ran 160 s instead of 82 s per pass.
GLIBC_MALLOC = {"MALLOC_ARENA_MAX": "2"}
# Instead the JVM gives glibc's free pages back to the system every 2 s (malloc_trim): 12 run four
# times in one kernel held 111 to 197 MiB of freed tensors in its arenas after each run, and 06
# ended its first run at 436 MiB instead of 685 MiB with it, in the same time (82 s, 84 s). The flag
# is in recent updates of Java 17 (17.0.15 has it); a JVM that lacks it ignores it rather than
# refusing to start.
TRIM_INTERVAL_MS = 2000
GLIBC_JVM_FLAGS = ("-XX:+IgnoreUnrecognizedVMOptions", f"-XX:TrimNativeHeapInterval={TRIM_INTERVAL_MS}")
# rapaio-jupyter-kernel splits RJK_CLASSPATH on ';' on every platform, and expands globs in it.
RJK_SEPARATOR = ";"


def build(layout, platform, java, engine):
    """The kernelspec as a dict, for the course in layout.home on this platform: the kernel's JVM
    on the kernel jar (behind the course's patch), the library and its jars for the notebooks'
    code, the init script, and the engine's environment."""
    env = {
        "RJK_CLASSPATH": RJK_SEPARATOR.join([str(layout.jar), str(layout.libs / "*.jar")]),
        "RJK_INIT_SCRIPT": str(layout.init_script),
        "RJK_TIMEOUT_MILLIS": "-1",
        "DLCOURSE_HOME": str(layout.home),
    }
    jvm_flags, process_env = process(platform, engine)
    env.update(process_env)
    return {
        "argv": [str(java), *jvm_flags, "-cp", platform.pathsep.join([str(layout.kernel_patch), str(layout.kernel_jar)]),
                 MAIN_CLASS, "{connection_file}"],
        "display_name": DISPLAY_NAME,
        "language": "java",
        "interrupt_mode": "message",
        "env": env,
    }


def process(platform, engine):
    """The kernel JVM's flags and the environment its process gets on this platform with this engine
    (threads, the engine's settings, glibc's on Linux); ./course bench starts its JVMs the same way,
    so that it measures what the notebooks run."""
    jvm_flags, env = JVM_FLAGS, engines.environment(engine, platform.cores, platform.cpu)
    if platform.system == LINUX:
        env.update(GLIBC_MALLOC)
        jvm_flags += GLIBC_JVM_FLAGS
    return jvm_flags, env


def path(data_dir):
    return Path(data_dir) / "kernels" / KERNEL_NAME / "kernel.json"


def install(spec, data_dir):
    """Writes the kernelspec into the data folder unless it holds this one already; True if written."""
    file = path(data_dir)
    text = json.dumps(spec, indent=1, ensure_ascii=False) + "\n"
    try:
        if file.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=file.parent, delete=False, suffix=".part") as out:
        out.write(text)
    os.replace(out.name, file)
    return True


def problems(data_dir, layout):
    """What stops the installed kernelspec from starting this course's kernel, as (problem, fix)
    pairs; none when it is sound. A kernel whose files are gone dies before its first reply, and
    Jupyter shows only "Kernel died before replying to kernel_info"; this names the cause."""
    file = path(data_dir)
    fix = f"{PROG} setup (run in {layout.home}: it points the '{KERNEL_NAME}' kernel here)"
    if not file.exists():
        return [(f"Jupyter kernel '{KERNEL_NAME}' not installed ({file} is missing)", f"{PROG} setup")]
    try:
        spec = json.loads(file.read_text(encoding="utf-8"))
        argv, env = spec["argv"], spec.get("env", {})
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [(f"the '{KERNEL_NAME}' kernelspec {file} cannot be read ({error})", fix)]
    home = env.get("DLCOURSE_HOME")
    if home is None:
        return [(f"the '{KERNEL_NAME}' kernelspec {file} is not the course's (it sets no DLCOURSE_HOME): "
                 f"notebooks would run without the course's library", fix)]
    if Path(home) != Path(layout.home):
        if not Path(home).exists():
            return [(f"the '{KERNEL_NAME}' kernel points at the course folder {home}, which no longer exists "
                     f"(moved or deleted): Jupyter would say \"Kernel died before replying to kernel_info\"", fix)]
        return [(f"the '{KERNEL_NAME}' kernel belongs to another copy of the course, in {home}", fix)]
    found = []
    needed = [("the java program", argv[0] if argv else ""), ("the kernel's jar", layout.kernel_jar),
              ("the helper library", layout.jar), ("the init script", layout.init_script)]
    for what, needed_path in needed:
        if not needed_path or not Path(needed_path).exists():
            found.append((f"the '{KERNEL_NAME}' kernel needs {what}, {needed_path}, which does not exist: "
                          f"Jupyter would say \"Kernel died before replying to kernel_info\"", fix))
    return found
