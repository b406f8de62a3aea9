"""./course bench: the MLP and LeNet of 04/06 trained with the notebooks' engine settings, where a
training step's time goes, and the ratio to PyTorch on the same machine where PyTorch is installed;
the sequence models of 08 and 11 (2-layer LSTM, transformer) trained by the notebooks' loops."""

import json
import os
import subprocess
from pathlib import Path

from .. import data, engines, kernelspec, maven, prerequisites
from ..errors import LauncherError, UsageError
from ..layout import COURSE, PROG
from ..platforms import Platform

NAME = "bench"
USAGE = "[--models mlp,lenet,lstm,transformer] [--repeats N] [--torch | --no-torch] | --scaling [--models mlp,lenet,transformer]"
SUMMARY = """train the MLP and LeNet of 04/06 with the notebooks' engine settings; print
samples/s, GFLOP/s, memory, where a step's time goes and the ratio to PyTorch; then 08's LSTM and
11's transformer: tokens/s, memory and the step's time; write build/bench.json. --scaling: how a step's cost
grows with the batch size and the transformer's source length (rows and two charts beside build/bench.json)"""
DESCRIPTION = """Trains the MLP of chapter 04 and the LeNet of chapter 06 on Fashion-MNIST with the kernel's
JVM flags and engine settings (threads, MXNet's NaiveEngine), so the figures are the notebooks'.
Prints training and inference samples per second, GFLOP/s against the CPU's peak, memory across
repeated runs in one JVM, and where a training step's time goes (Java Flight Recorder's samples:
inside the engine, crossing into it through JNA, or Java; per part of the step).
Where PyTorch is installed (Debian: apt-get install python3-torch
libopenblas0-pthread), trains the same models with it on the same machine and prints
course / PyTorch for training and inference (above 1.0: the course is faster). Then trains the
2-layer LSTM language model of chapter 08 and the transformer of chapter 11 with the notebooks'
own loops (LanguageModelTraining, TranslationTraining): training and inference tokens/s, memory
across repeated runs and where a step's time goes. Writes build/bench.json. A setting already in the environment
(OMP_NUM_THREADS=1 ./course bench, say) wins over the notebooks', to compare others.

With --scaling it measures instead how a training step's cost grows (in about 2 minutes on 2 cores):
training samples/s of the MLP and LeNet at batch sizes 32 to 1024, and the transformer's training
time per source token at source lengths 16 to 256, where self-attention's cost grows with the square
of the length. Adds the rows to build/bench.json as "scaling" and draws build/bench-batch-size.png
and build/bench-source-length.png."""

MODELS = ("mlp", "lenet")
# Trained by dlcourse.train.SequenceBenchmark; its report joins build/bench.json as "sequenceModels".
SEQUENCE_MODELS = ("lstm", "transformer")
PEER = Path(__file__).resolve().parent.parent / "peer_torch.py"
# Measured by dlcourse.train.ScalingBenchmark with --scaling; its report joins build/bench.json as "scaling".
SCALING_MODELS = ("mlp", "lenet", "transformer")
# The Python that has PyTorch where Debian installs it, then the one on PATH.
TORCH_PYTHONS = ("/usr/bin/python3", "python3")


def add_arguments(parser):
    parser.add_argument("--models", metavar="mlp,lenet,lstm,transformer", help="which models to train (default: all)")
    parser.add_argument("--repeats", metavar="N", help="training runs per model, at least 2 (default 2)")
    torch = parser.add_mutually_exclusive_group()
    torch.add_argument("--torch", dest="torch", action="store_true", default=None,
                       help="also train with PyTorch and print the ratio (default: where PyTorch is installed)")
    torch.add_argument("--no-torch", dest="torch", action="store_false", help="skip the PyTorch reference")
    parser.add_argument("--scaling", action="store_true",
                        help="instead, how a step's cost grows with batch size (MLP, LeNet) and source length "
                             "(transformer): rows in build/bench.json and two charts beside it")


def models(argument):
    """The MLP and LeNet models --models names, in its order; a name the bench lacks is refused with the choices."""
    if argument is None:
        return list(MODELS)
    names = [name.strip() for name in argument.split(",")]
    for name in names:
        if name not in MODELS + SEQUENCE_MODELS:
            raise UsageError(f"no model '{name}' in the bench; choose from {', '.join(MODELS + SEQUENCE_MODELS)} "
                             "(--models mlp,lenet,lstm,transformer)")
    return [name for name in names if name in MODELS]


def java_options(args):
    """The arguments for dlcourse.train.Benchmark, as given on the command line (its models only)."""
    given = {"models": ",".join(models(args.models)) if args.models is not None else None, "repeats": args.repeats}
    return [a for name, value in given.items() if value is not None for a in (f"--{name}", value)]


def sequence_models(argument):
    """The sequence models --models names, in its order; without --models, both."""
    if argument is None:
        return list(SEQUENCE_MODELS)
    models(argument)
    return [name.strip() for name in argument.split(",") if name.strip() in SEQUENCE_MODELS]


def sequence_options(names, repeats):
    """The arguments for dlcourse.train.SequenceBenchmark."""
    return ["--models", ",".join(names)] + (["--repeats", repeats] if repeats is not None else [])


def add_report_part(report_path, part_path, key, fresh):
    """Moves one bench's report (part_path) into build/bench.json under key: into a new report when
    fresh, else beside what the report holds."""
    report = {} if fresh or not report_path.exists() else json.loads(report_path.read_text(encoding="utf-8"))
    report[key] = json.loads(part_path.read_text(encoding="utf-8"))
    report_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    part_path.unlink()


def add_sequence_report(report_path, sequence_path, fresh):
    """Moves the sequence bench's report into build/bench.json as "sequenceModels": into a new report
    when the MLP and LeNet did not run this time (fresh), else beside theirs."""
    add_report_part(report_path, sequence_path, "sequenceModels", fresh)


def earlier_scaling(report_path):
    """The "scaling" rows of an earlier --scaling run in build/bench.json, or None."""
    if not report_path.exists():
        return None
    try:
        return json.loads(report_path.read_text(encoding="utf-8")).get("scaling")
    except (ValueError, AttributeError):
        return None


def keep_scaling(report_path, rows):
    """Puts an earlier --scaling run's rows back into the report a bench without --scaling wrote afresh."""
    if rows is None or not report_path.exists():
        return
    report = json.loads(report_path.read_text(encoding="utf-8"))
    report.setdefault("scaling", rows)
    report_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def scaling_models(args):
    """The models --scaling measures, in --models' order (default: the MLP, LeNet and the transformer);
    --repeats, --torch and the LSTM are refused with what to do instead."""
    for option, given in (("--repeats", args.repeats is not None), ("--torch", args.torch)):
        if given:
            raise UsageError(f"--scaling measures each point once and without PyTorch; leave {option} out, "
                             f"or run {PROG} bench {option} ... without --scaling")
    if args.models is None:
        return list(SCALING_MODELS)
    models(args.models)
    names = [name.strip() for name in args.models.split(",")]
    for name in names:
        if name not in SCALING_MODELS:
            raise UsageError(f"--scaling has no '{name}': it measures {', '.join(SCALING_MODELS)} "
                             f"(--scaling --models mlp,lenet,transformer)")
    return names


def scaling_options(names):
    """The arguments for dlcourse.train.ScalingBenchmark."""
    return ["--models", ",".join(names)]


def run_scaling(jvm, classpath, env, names):
    """How a step's cost grows (dlcourse.train.ScalingBenchmark); its rows join build/bench.json, its charts lie beside it
    (jvm: the java command and the kernel's flags)."""
    status = subprocess.run([*jvm, "-cp", classpath, "dlcourse.train.ScalingBenchmark",
                             *scaling_options(names)], env=env, cwd=COURSE.home).returncode
    if status == 0:
        build = COURSE.home / "build"
        add_report_part(build / "bench.json", build / "bench-scaling.json", "scaling", fresh=False)
    return status


def run_sequence(jvm, classpath, env, names, repeats, fresh):
    """Trains 08's LSTM and 11's transformer (dlcourse.train.SequenceBenchmark) with the notebooks' settings
    (jvm: the java command and the kernel's flags)."""
    print()
    status = subprocess.run([*jvm, "-cp", classpath, "dlcourse.train.SequenceBenchmark",
                             *sequence_options(names, repeats)], env=env, cwd=COURSE.home).returncode
    if status == 0:
        build = COURSE.home / "build"
        add_sequence_report(build / "bench.json", build / "bench-sequence.json", fresh)
    return status


def torch_python(candidates=TORCH_PYTHONS, run=subprocess.run):
    """The first Python that imports torch and numpy, or None."""
    for python in candidates:
        try:
            if run([python, "-c", "import numpy, torch"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=120).returncode == 0:
                return python
        except (OSError, subprocess.TimeoutExpired):
            continue
    return None


def peer_command(python, model, cores, data_dir):
    """PyTorch's run of one model: one timed epoch after the warm-up, on the machine's cores."""
    return [python, str(PEER), "--model", model, "--epochs", "1", "--threads", str(cores), "--data-dir", str(data_dir)]


def peer_result(stdout):
    """The JSON line peer_torch.py prints last."""
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise LauncherError("the PyTorch reference printed no result; run it alone to see why: "
                            f"/usr/bin/python3 {PEER} --model mlp")
    return json.loads(lines[-1])


def ratios(report, peers):
    """Per model: the course's and PyTorch's samples/s and course / PyTorch, training and inference."""
    rows = []
    for course in report["models"]:
        peer = peers.get(course["model"])
        if peer is None:
            continue
        rows.append({"model": course["model"],
                     "trainingSamplesPerSecond": course["trainingSamplesPerSecond"],
                     "torchTrainingSamplesPerSecond": peer["train_samples_per_s"],
                     "trainingRatio": course["trainingSamplesPerSecond"] / peer["train_samples_per_s"],
                     "inferenceSamplesPerSecond": course["inferenceSamplesPerSecond"],
                     "torchInferenceSamplesPerSecond": peer["infer_samples_per_s"],
                     "inferenceRatio": course["inferenceSamplesPerSecond"] / peer["infer_samples_per_s"]})
    return rows


def ratio_table(rows, version):
    """The ratios as the bench prints them."""
    lines = [f"against PyTorch {version} on the same machine (samples/s; ratio above 1.0: the course is faster)",
             f"{'model':<6} {'train':>9} {'torch':>9} {'ratio':>6} {'infer':>9} {'torch':>9} {'ratio':>6}"]
    for r in rows:
        lines.append(f"{r['model']:<6} {r['trainingSamplesPerSecond']:>9.0f} {r['torchTrainingSamplesPerSecond']:>9.0f} "
                     f"{r['trainingRatio']:>6.2f} {r['inferenceSamplesPerSecond']:>9.0f} "
                     f"{r['torchInferenceSamplesPerSecond']:>9.0f} {r['inferenceRatio']:>6.2f}")
    return "\n".join(lines)


def compare_with_torch(python, names, platform, data_dir, report_path):
    """Trains the models with PyTorch, prints the ratios and adds them to the report."""
    env = dict(os.environ, OMP_WAIT_POLICY="passive")
    peers = {}
    for model in names:
        done = subprocess.run(peer_command(python, model, platform.cores, data_dir), stdout=subprocess.PIPE,
                              text=True, env=env, cwd=COURSE.home)
        if done.returncode != 0:
            raise LauncherError(f"the PyTorch reference failed on {model} (exit status {done.returncode})")
        peers[model] = peer_result(done.stdout)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    version = next(iter(peers.values()))["framework_version"]
    rows = ratios(report, peers)
    report["pytorch"] = {"version": version, "threads": platform.cores, "models": rows}
    report_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print()
    print(ratio_table(rows, version))


def run(args):
    scaling = scaling_models(args) if args.scaling else None
    names = models(args.models) if scaling is None else []
    sequence = sequence_models(args.models) if scaling is None else []
    platform = Platform.current()
    engine = engines.chosen_engine(COURSE, platform)
    maven.build_library(COURSE, engine)
    data_dir = data.locate(data.FASHION, platform.env)
    if data_dir is None:
        raise LauncherError(f"Fashion-MNIST not found; run {PROG} setup")
    java = prerequisites.find_java(platform)
    if java is None:
        raise LauncherError(f"Java not found; {PROG} doctor says how to install it")
    python = torch_python() if args.torch is not False and names else None
    if args.torch and names and python is None:
        raise LauncherError("--torch needs PyTorch: on Debian, as root, apt-get install python3-torch "
                            "libopenblas0-pthread (or leave --torch out)")
    # The kernel's JVM flags and process environment, so the figures are a notebook's.
    jvm_flags, kernel_env = kernelspec.process(platform, engine)
    env = dict(os.environ)
    for name, value in kernel_env.items():
        env.setdefault(name, value)
    classpath = platform.pathsep.join([str(COURSE.jar), str(COURSE.libs / "*")])
    if scaling is not None:
        return run_scaling([java, *jvm_flags], classpath, env, scaling)
    report_path = COURSE.home / "build" / "bench.json"
    scaling_rows = earlier_scaling(report_path)
    status = subprocess.run([java, *jvm_flags, "-cp", classpath, "dlcourse.train.Benchmark",
                             *java_options(args)], env=env, cwd=COURSE.home).returncode if names else 0
    if status == 0 and sequence:
        status = run_sequence([java, *jvm_flags], classpath, env, sequence, args.repeats, fresh=not names)
    keep_scaling(report_path, scaling_rows)
    if status != 0 or not names:
        return status
    if python is None:
        print("\nPyTorch is not installed here, so no ratio to it (Debian: apt-get install python3-torch "
              "libopenblas0-pthread)")
        return 0
    compare_with_torch(python, names, platform, data_dir, COURSE.home / "build" / "bench.json")
    return 0
