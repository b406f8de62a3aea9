"""./course classroom: a JupyterHub for a class on this machine, and its load test (--load N)."""

import signal
import time
from pathlib import Path

from .. import engines, hub, jupyter
from ..console import bold, green, say
from ..errors import UsageError
from ..layout import COURSE, PROG, shown
from ..platforms import Platform, can_use_apt
from . import setup

NAME = "classroom"
USAGE = "[--students N|NAMES|FILE] [--admin NAME] [--port P] [--ip ADDRESS] [--memory SIZE] | --load N[,N...]"
SUMMARY = """a JupyterHub for a class on this machine (as root): every student logs in and gets their
own server, 'java' kernel and copy of the notebooks; --load N measures how many it holds"""
DESCRIPTION = f"""Starts Debian's JupyterHub 3.0 (installed here on first use, as root) on http://127.0.0.1:8000
until Ctrl-C. Students log in with their account on this machine (PAM) and each gets a server of
their own, running as their account, with the 'java' kernel and their own copy of the notebooks in
~/notebooks, made at their first login and kept after (edit, log out, log in: the work is there).

First time, as root:  sudo {PROG} setup  then  sudo {PROG} classroom --students 30 --admin teacher
makes the accounts student01 … student30 and teacher that do not exist yet, with random passwords,
listed in build/classroom/passwords.csv (only root can read it); hand each student theirs. The
admin (the instructor) sees every student's server at /hub/admin. Accounts that exist keep their
passwords. Students from another machine: --ip 0.0.0.0, behind TLS (classroom/README.md says how).

--memory limits each student's server and kernels (a memory control group per student; the
LocalProcessSpawner alone cannot). --load N logs in N students at once through the hub's REST API
and runs notebook 04 in fast mode over the kernels' websockets, as browsers would; N,N,... steps
up and reports the largest N this machine held. It makes its own accounts and removes them."""

DEFAULT_PORT = 8000


def add_arguments(parser):
    parser.add_argument("--students", metavar="N|NAMES|FILE",
                        help="student accounts: a count (30: student01…student30), names (ada,alan) or a file of names")
    parser.add_argument("--admin", metavar="NAME", help="the instructor's account, admin of the hub (default: teacher)")
    parser.add_argument("--port", metavar="P", type=int, help=f"the hub's port (default {DEFAULT_PORT}; P+1 and P+2 "
                                                             f"are its API and its proxy's)")
    parser.add_argument("--ip", metavar="ADDRESS", help="the address to serve on (default 127.0.0.1: this machine only)")
    parser.add_argument("--memory", metavar="SIZE", help="memory limit per student, e.g. 2G (default: none)")
    parser.add_argument("--load", metavar="N[,N...]", help="load test: N students run notebook 04 at once")
    parser.add_argument("--timeout", metavar="S", type=int,
                        help="load test: seconds a step may take before it stops itself (default 900)")


def run(args):
    if args.load is not None:
        return run_load(args)
    if args.timeout is not None:
        raise UsageError("--timeout goes with --load")
    students = hub.parse_students(args.students) if args.students else []
    memory = hub.parse_memory(args.memory) if args.memory else 0
    port = check_port(args.port or DEFAULT_PORT)
    admin = args.admin or "teacher"
    if not hub.USER_NAME.fullmatch(admin):
        raise UsageError(f"--admin '{admin}' cannot be an account name; use lower-case letters and digits")
    hub.require_root()
    engine = prepare()
    passwords = make_accounts([admin, *students])
    if memory and hub.MemoryGroups.find() is None:
        raise hub.HubError("--memory needs the kernel's memory control groups (cgroup v1 or v2, writable by root), "
                           "which this machine does not offer; leave --memory out")
    enrolled = sorted(set(read_enrolled()) | set(students))
    settings = hub.Settings(port=port, ip=args.ip or "127.0.0.1", admin=admin, students=[admin, *enrolled],
                            memory=memory)
    process = hub.start(settings, hub.STATE / "settings.json", hub.STATE / "jupyterhub.log")
    write_enrolled(enrolled)
    say(green(f"the classroom is open: http://{settings.ip}:{port}/") + f" ({engines.TITLES[engine]} engine; "
        f"{len(enrolled)} student(s); memory per student: {hub.format_bytes(memory) if memory else 'no limit'})")
    if passwords:
        say(f"new accounts and their passwords: {shown(passwords)} (readable by root only)")
    say(f"the instructor logs in as {admin} and sees every server at /hub/admin; the hub's log: "
        f"{shown(hub.STATE / 'jupyterhub.log')}; Ctrl-C closes the classroom")
    try:
        while process.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        say("closing the classroom: stopping the students' servers (their work stays in their homes)")
        process.send_signal(signal.SIGINT)
    hub.stop(process)
    return 0 if process.returncode in (0, -signal.SIGINT, -signal.SIGTERM) else 1


def check_port(port):
    if not 1 <= port <= 65533:
        raise UsageError(f"--port {port} is not a port; give one from 1024 to 65533 (the next two are used too)")
    for p in (port, port + 1, port + 2):
        if not hub.port_is_free("127.0.0.1", p):
            raise UsageError(f"port {p} is in use (the hub needs --port P, P+1 and P+2); choose another --port")
    return port


def prepare():
    """Set-up, then the hub's package where it is missing, the students' kernelspec and engine cache;
    the engine in use."""
    engine = setup.ensure()
    platform = Platform.current()
    if not Path("/usr/bin/jupyterhub").exists():
        if not can_use_apt(platform):
            raise hub.HubError(f"the classroom needs Debian's jupyterhub package: sudo apt-get install "
                               f"{' '.join(hub.APT_PACKAGES)}")
        setup.apt_install(hub.APT_PACKAGES, platform)
    hub.STATE.mkdir(parents=True, exist_ok=True)
    hub.STATE.chmod(0o755)
    hub.prepare_engine_cache(engine)
    hub.open_to_all(hub.ENGINE_CACHE)
    hub.write_kernelspec(engine)
    hub.open_to_all(hub.KERNELS)
    for needed in (COURSE.target, COURSE.notebooks, COURSE.init_script.parent, COURSE.data, hub.START_HOOK.parent):
        if needed.exists():
            hub.open_to_all(needed)
    return engine


def make_accounts(names):
    """Creates the accounts that do not exist; their passwords are appended to passwords.csv."""
    created = [(name, hub.create_account(name)) for name in names if not hub.account_exists(name)]
    if not created:
        return None
    path = hub.STATE / "passwords.csv"
    new = not path.exists()
    with open(path, "a", encoding="utf-8") as out:
        path.chmod(0o600)
        if new:
            out.write("account,password\n")
        out.writelines(f"{name},{password}\n" for name, password in created)
    return path


def read_enrolled():
    """The students of earlier starts: the classroom keeps everyone enrolled once."""
    path = hub.STATE / "students.txt"
    return path.read_text(encoding="utf-8").split() if path.exists() else []


def write_enrolled(names):
    (hub.STATE / "students.txt").write_text("".join(n + "\n" for n in names), encoding="utf-8")


def run_load(args):
    for name in ("students", "admin", "port", "ip", "memory"):
        if getattr(args, name) is not None:
            raise UsageError(f"--{name} does not go with --load: the load test makes its own hub and accounts")
    counts = parse_counts(args.load)
    timeout = args.timeout or 900
    if timeout < 60:
        raise UsageError(f"--timeout {timeout}: give at least 60 seconds")
    hub.require_root()
    jupyter.use_notebook_python(args.argv, modules=("tornado",))
    engine = prepare()
    from .. import hubload

    say(bold(f"load test: {', '.join(map(str, counts))} student(s) at once, notebook 04 in fast mode "
             f"({engines.TITLES[engine]} engine), at most {timeout} s per step"))
    return hubload.run_steps(counts, timeout)


def parse_counts(text):
    try:
        counts = [int(part) for part in text.split(",")]
    except ValueError:
        raise UsageError(f"--load '{text}': give a number of students (4) or rising numbers (1,2,4,8)") from None
    if any(n < 1 or n > 200 for n in counts) or counts != sorted(set(counts)):
        raise UsageError(f"--load '{text}': give numbers from 1 to 200, rising, each once (1,2,4,8)")
    return counts
