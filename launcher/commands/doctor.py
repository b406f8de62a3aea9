"""./course doctor: every prerequisite checked, and for each problem the command that fixes it here."""

import json
import sys

from .. import data, engines, jupyter, kernelspec, maven, prerequisites, webassets
from ..console import green, red, say
from ..layout import COURSE, KERNEL_NAME, PROG
from ..platforms import Platform

NAME = "doctor"
USAGE = ""
SUMMARY = "check every prerequisite and say how to fix what is wrong"
DESCRIPTION = f"""Checks Python, Java, Maven, Jupyter, fonts, the engine, the helper library, the '{KERNEL_NAME}'
kernelspec and the data files, and prints for each 'ok' or what is wrong and the commands that fix
it on this platform. Exits with 1 when something is wrong. Changes nothing."""


def add_arguments(parser):
    """No options."""


class Report:
    def __init__(self):
        self.problems = 0

    def ok(self, text):
        say(f"{green('ok')}    {text}")

    def bad(self, text, fixes):
        say(f"{red('FIX')}   {text}")
        for fix in fixes:
            say(f"      -> {fix}")
        self.problems += 1

    def note(self, text):
        say(f"note  {text}")


def run(args):
    platform = Platform.current()
    report = Report()
    report.ok(f"Python {sys.version.split()[0]} ({sys.executable}) on {platform.name}, {platform.cores} core(s)")
    checks = {}
    for check in (c(platform) for c in prerequisites.CHECKS):
        checks[check.name] = check
        if check.ok:
            report.ok(check.text + (jupyter_versions() if check.name == "jupyter" else ""))
        else:
            report.bad(check.text, prerequisites.install_commands(check.name, platform))
    engine = check_engine(report, platform)
    if engine:
        check_library(report, engine)
    check_kernelspec(report, platform, engine if checks["java"].ok else None)
    check_data(report, platform)
    if webassets.fetched():
        report.ok(f"reveal.js and MathJax for slides and the site ({COURSE.vendor})")
    else:
        report.note(f"reveal.js and MathJax not fetched yet: {PROG} slides or {PROG} site downloads them once "
                    f"from {webassets.registry()}")
    say("")
    if report.problems:
        say(f"{report.problems} problem(s) found")
        return 1
    say(green("all ok"))
    return 0


def jupyter_versions():
    """Both asked at once: each answer starts a Python that imports Jupyter (about a second)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        notebook, nbconvert = pool.map(jupyter.version, ("jupyter-notebook", "jupyter-nbconvert"))
    return f"; Notebook {notebook}, nbconvert {nbconvert}"


def check_engine(report, platform, layout=COURSE):
    """The engine set-up chose, and whether target/lib holds its jars (and not the other's)."""
    try:
        engine = engines.chosen_engine(layout, platform)
        engines.check_engine(engine, platform)
    except engines.EngineError as error:
        report.bad(str(error), [f"{PROG} setup --engine {engines.default_engine(platform)}"])
        return None
    how = f"chosen with {PROG} setup --engine" if layout.chosen_engine.exists() else f"the default on {platform.name}"
    threads = engines.environment(engine, platform.cores)["OMP_NUM_THREADS"]
    problem = engines.libs_problem(layout.libs, engine) if layout.libs.is_dir() else None
    if problem:
        report.bad(f"engine: {engines.TITLES[engine]} chosen, but {problem}",
                   [f"{PROG} setup   (it builds the library again with {engines.TITLES[engine]}'s jars)"])
    else:
        report.ok(f"engine: {engines.TITLES[engine]} ({how}; {threads} thread(s))")
    return engine


def check_library(report, engine, layout=COURSE):
    """Whether the library is built, for this engine, from its current sources (what target/lib
    holds of the engine, check_engine says)."""
    reason = maven.stale_reason(layout, engine)
    if not layout.jar.exists():
        report.bad(f"helper library not built ({layout.jar} missing)", [f"{PROG} setup"])
    elif reason and reason != engines.libs_problem(layout.libs, engine):
        report.bad(f"helper library must be built again: {reason}", [f"{PROG} setup"])
    else:
        report.ok(f"helper library built ({layout.jar})")


def check_kernelspec(report, platform, engine):
    folder = jupyter.data_dir(platform)
    problems = kernelspec.problems(folder, COURSE)
    for problem, fix in problems:
        report.bad(problem, [fix])
    if problems or engine is None:  # without java or an engine there is no kernelspec to compare with
        if not problems:
            report.ok(f"Jupyter kernel '{KERNEL_NAME}' ({kernelspec.path(folder)})")
        return
    installed = json.loads(kernelspec.path(folder).read_text(encoding="utf-8"))
    wanted = kernelspec.build(COURSE, platform, prerequisites.find_java(platform), engine)
    if installed != wanted:
        changed = sorted(k for k in set(installed["env"]) | set(wanted["env"])
                         if installed["env"].get(k) != wanted["env"].get(k))
        what = ", ".join(([f"its settings differ: {', '.join(changed)}"] if changed else [])
                         + (["its command line differs"] if installed["argv"] != wanted["argv"] else []))
        report.bad(f"Jupyter kernel '{KERNEL_NAME}' is out of date ({what})", [f"{PROG} setup"])
    else:
        report.ok(f"Jupyter kernel '{KERNEL_NAME}' ({kernelspec.path(folder)})")


def check_data(report, platform):
    listing = data.manifest()["datasets"]
    for dataset in (data.FASHION, data.DEVIL):
        entry = listing[dataset]
        folder = data.locate(dataset, platform.env)
        if folder is None:
            looked = ", ".join(str(f) for f in data.search_path(dataset, platform.env))
            report.bad(f"{entry['title']} not found (looked for {entry['files'][0]['name']} in {looked})",
                       [f"{PROG} setup" + (f"   (or: sudo apt-get install {entry['debian']})" if platform.kind == "debian" else "")])
            continue
        reinstall = (f"   (a package's file: sudo apt-get install --reinstall {entry['debian']})"
                     if str(folder) == entry["system"] else "")
        problems = 0
        for file in entry["files"]:
            path = folder / file["name"]
            problem = data.problem(path, file)
            if problem:
                problems += 1
                fix = f"{PROG} setup" if not path.exists() else f"delete it and run {PROG} setup"
                report.bad(f"{entry['title']} file {problem}", [fix + reinstall])
        if not problems:
            report.ok(f"{entry['title']} in {folder}")
