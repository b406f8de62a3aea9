"""The deep-learning engine under DJL: which one a platform gets, how the choice is kept, and the
environment it runs with (in the kernelspec, for ./course bench and for Maven's tests).

Maven picks the engine's jars with -Ddlcourse.engine=mxnet|pytorch (pom.xml's profiles); only one
engine's jars are ever in target/lib, because DJL loads every engine it finds.
"""

from .errors import LauncherError
from .layout import PROG
from .platforms import LINUX, MACOS, WINDOWS

MXNET, PYTORCH = "mxnet", "pytorch"
ENGINES = (MXNET, PYTORCH)
TITLES = {MXNET: "MXNet", PYTORCH: "PyTorch"}

# Where each engine's native library is published (mxnet-native-mkl 1.9.1; pytorch-native-cpu
# 2.7.1's classifiers). MXNet is retired: no build for Apple Silicon or ARM Linux will come.
NATIVE_BUILDS = {
    MXNET: {(LINUX, "x86_64"), (MACOS, "x86_64"), (WINDOWS, "x86_64")},
    PYTORCH: {(LINUX, "x86_64"), (LINUX, "arm64"), (MACOS, "arm64"), (WINDOWS, "x86_64")},
}

# The engine's jar in target/lib, by which set-up and doctor see what Maven really put there.
ENGINE_JAR_PREFIX = {MXNET: "mxnet-engine-", PYTORCH: "pytorch-engine-"}


class EngineError(LauncherError):
    """An engine that cannot be used here; the message says why and what to do."""


def default_engine(platform):
    """MXNet where its native build exists (the course's reference engine), PyTorch elsewhere."""
    for engine in ENGINES:
        if (platform.system, platform.machine) in NATIVE_BUILDS[engine]:
            return engine
    raise EngineError(f"neither MXNet nor PyTorch publishes a native build for {platform.name}; "
                      f"the course runs on x86-64 Linux, macOS and Windows, ARM Linux and Apple Silicon")


def check_engine(engine, platform):
    """The engine, if it has a native build for this platform; else an EngineError naming the one that does."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine '{engine}'; choose one of {', '.join(ENGINES)}")
    if (platform.system, platform.machine) not in NATIVE_BUILDS[engine]:
        raise EngineError(f"{TITLES[engine]} has no native build for {platform.name}; "
                          f"use {PROG} setup --engine {default_engine(platform)}")
    return engine


def chosen_engine(layout, platform):
    """The engine set-up last chose (build/engine), else the platform's default."""
    try:
        engine = layout.chosen_engine.read_text(encoding="utf-8").strip()
    except OSError:
        return default_engine(platform)
    if engine not in ENGINES:
        raise EngineError(f"{layout.chosen_engine} says '{engine}', which is not an engine "
                          f"({', '.join(ENGINES)}); run {PROG} setup --engine {default_engine(platform)}")
    return engine


def remember_engine(layout, engine):
    layout.chosen_engine.parent.mkdir(parents=True, exist_ok=True)
    layout.chosen_engine.write_text(engine + "\n", encoding="utf-8")


def engines_in_libs(libs):
    """Every engine whose jar is in target/lib, as Maven really copied them, in ENGINES' order."""
    names = [p.name for p in libs.glob("*.jar")] if libs.is_dir() else []
    return [e for e in ENGINES if any(n.startswith(ENGINE_JAR_PREFIX[e]) for n in names)]


def engine_in_libs(libs):
    """The engine whose jar is in target/lib (None when none is, or both are)."""
    found = engines_in_libs(libs)
    return found[0] if len(found) == 1 else None


def libs_problem(libs, engine):
    """Why target/lib is not the engine's classpath, in a sentence; None when it holds the engine's
    jar and not the other's. A Maven call for the other engine (mvn -Ddlcourse.engine=pytorch test)
    deletes this engine's jars from target/lib as it starts (pom.xml's remove-other-engine) and
    leaves the build's stamp as it was; a kernel without an engine's jar runs DJL's
    PassthroughNDManager, and every cell that makes an array fails."""
    found = engines_in_libs(libs)
    others = [TITLES[e] for e in found if e != engine]
    if engine not in found:
        held = f"holds {' and '.join(others)}'s" if others else "holds no engine's"
        return (f"target/lib lacks the {TITLES[engine]} engine's jars ({ENGINE_JAR_PREFIX[engine]}*.jar) and {held}: "
                f"a Maven call for another engine removes them (e.g. mvn -Ddlcourse.engine="
                f"{PYTORCH if engine == MXNET else MXNET} test); the kernel would run without an engine")
    if others:
        return (f"target/lib holds {' and '.join(others)}'s jars beside {TITLES[engine]}'s: "
                f"DJL would load both engines")
    return None


def maven_property(engine):
    return f"-Ddlcourse.engine={engine}"


# DJL never downloads at run time: both engines' native libraries come in Maven jars.
OFFLINE = {"DJL_OFFLINE": "true"}


def environment(engine, cores, cpu=""):
    """The environment the engine runs with, in the kernel and the bench: DJL offline, the engine's
    threads on every core this machine gives the process, and MXNet's NaiveEngine (measured fastest
    for the course's small models: it runs each operator when called instead of scheduling it) with
    one scratch buffer (MXNET_CPU_TEMP_COPY, below); on a CPU that MXNet's OpenBLAS does not know
    (cpu: /proc/cpuinfo's lines), the kernels it must use."""
    env = dict(OFFLINE)
    env["OMP_NUM_THREADS"] = str(cores)
    if engine == MXNET:
        env["MXNET_ENGINE_TYPE"] = "NaiveEngine"
        env["MXNET_CPU_TEMP_COPY"] = str(MXNET_TEMP_COPIES)
        core = openblas_core(cpu)
        if core is not None:
            env["OPENBLAS_CORETYPE"] = core
    return env


# MXNet hands operators that need scratch space (argmax, matmul, layer norm, ...) one of
# MXNET_CPU_TEMP_COPY buffers (default 4), in turn, so that operators running at the same time on
# its threaded engine need not wait for each other; each buffer grows to the largest request it
# has served and is kept. NaiveEngine runs one operator at a time, so one buffer serves as well as
# four. Measured with 11's transformer (greedy decoding of 400 dates, repeated on one model):
# malloc in use rose 36.6 -> 40.5 -> 44.1 -> 47.7 -> 49.8 MiB over the first four decodes (each
# call grew the next buffer) and then stayed at 49-50 MiB; with one buffer, 31.3 -> 35.5 MiB at
# the first decode and 33-34 MiB after, at the same speed.
MXNET_TEMP_COPIES = 1

# MXNet 1.9.1's native library brings OpenBLAS 0.3.7 (2019), which computes its matrix products
# (dot and matMul; FullyConnected and convolutions go through oneDNN instead).
# It does not know AMD's CPU family 25 (Zen 3 and 4) and falls back to its SSE3 kernels there;
# Haswell's AVX2 and FMA kernels run on every CPU that has those instructions. Measured on a 2-core
# AMD EPYC of family 25, a (256 x 784) by (784 x 256) matMul or dot: 2.9-4.0 ms with the fallback,
# 1.25-1.36 ms with Haswell's kernels (about as fast as oneDNN's FullyConnected of the same size).
OPENBLAS_UNKNOWN_AMD_FAMILY = 25


def openblas_core(cpu):
    """The OpenBLAS kernels MXNet must be told to use on the CPU that /proc/cpuinfo's lines `cpu`
    describe, or None where OpenBLAS 0.3.7 picks the right ones itself."""
    fields = {}
    for line in cpu.splitlines():
        name, _, value = line.partition(":")
        fields.setdefault(name.strip(), value.strip())
    flags = set(fields.get("flags", "").split())
    family = fields.get("cpu family", "")
    if (fields.get("vendor_id") == "AuthenticAMD" and family.isdigit()
            and int(family) >= OPENBLAS_UNKNOWN_AMD_FAMILY and {"avx2", "fma"} <= flags):
        return "Haswell"
    return None
