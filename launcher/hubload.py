"""The classroom's load test (./course classroom --load N): N students at once, as their browsers would.

For each step N it starts a hub of its own on a free port of 127.0.0.1, in fast mode, with N
accounts it makes (dlload01 …) and removes after. Every student, concurrently: logs in with the
hub's login form (PAM), starts their server through the hub's REST API and waits until it is
ready, opens it (the hub's OAuth hand-over, as a browser follows it), reads notebook 04 from their
own copy through the server's contents API, starts a 'java' kernel through the sessions API, and
executes every code cell in order over the kernel's websocket channels. A monitor samples each
student's processes' resident memory once a second; the memory control group (where the machine
has one) gives the peak the kernel charged to that student. Needs tornado (Jupyter's Python has it).
"""

import asyncio
import json
import signal
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

from . import hub, notebooks
from .console import say
from .layout import COURSE, shown

NOTEBOOK = "04"
USER_PREFIX = "dlload"
POLL_SECONDS = 0.5


@dataclass
class Student:
    name: str
    password: str
    server_s: float = None      # from the login to a running server
    first_cell_s: float = None  # from the login to the first cell's result
    notebook_s: float = None    # from the first cell sent to the last cell's result
    cells: int = 0
    peak_rss: int = 0           # bytes, the most the student's processes held at once (sampled)
    peak_group: int = None      # bytes, the memory control group's peak, where there is one
    errors: list = field(default_factory=list)

    @property
    def finished(self):
        return self.notebook_s is not None and not self.errors


class Browser:
    """What a browser keeps for one student: the cookies, sent back to the hub and the server."""

    def __init__(self, base):
        self.base, self.cookies = base, {}
        self.client = AsyncHTTPClient()

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    async def fetch(self, method, path, body=None, headers=None, follow=True, expect=(200,)):
        """The response to a request, following redirects (up to 10) with the cookies; a RuntimeError
        naming the request for a status not expected."""
        url = path if path.startswith("http") else self.base + path
        for _ in range(10):
            request_headers = {"Cookie": self.cookie_header(), "Referer": self.base + "/hub/", **(headers or {})}
            response = await self.client.fetch(HTTPRequest(url, method=method, body=body, headers=request_headers,
                                                           follow_redirects=False, request_timeout=300),
                                               raise_error=False)
            for header in response.headers.get_list("Set-Cookie"):
                for morsel in SimpleCookie(header).values():
                    self.cookies[morsel.key] = morsel.value
            if follow and response.code in (301, 302, 303, 307) and "Location" in response.headers:
                url = urllib.parse.urljoin(url, response.headers["Location"])
                method, body = "GET", None
                continue
            if response.code not in expect:
                text = (response.body or b"").decode("utf-8", "replace")[:300]
                raise RuntimeError(f"{method} {urllib.parse.urlparse(url).path}: HTTP {response.code} {text}".strip())
            return response
        raise RuntimeError(f"{method} {path}: too many redirects")

    async def json(self, method, path, payload=None, expect=(200,), headers=None):
        body = json.dumps(payload) if payload is not None else ("" if method in ("POST", "PUT", "PATCH") else None)
        response = await self.fetch(method, path, body, {"Content-Type": "application/json", **(headers or {})},
                                    expect=expect)
        return json.loads(response.body) if response.body else None


async def log_in(browser, student):
    form = urllib.parse.urlencode({"username": student.name, "password": student.password})
    response = await browser.fetch("POST", "/hub/login", form, {"Content-Type": "application/x-www-form-urlencoded"},
                                   follow=False, expect=(200, 302))
    if response.code != 302:
        raise RuntimeError("login refused (the hub showed its login form again)")


async def start_server(browser, student, deadline):
    await browser.json("POST", f"/hub/api/users/{student.name}/server", expect=(201, 202))
    while time.monotonic() < deadline:
        model = await browser.json("GET", f"/hub/api/users/{student.name}")
        server = (model.get("servers") or {}).get("")
        if server and server.get("ready"):
            return
        if not server and not model.get("pending"):
            raise RuntimeError("the server stopped while starting (see the hub's log)")
        await asyncio.sleep(POLL_SECONDS)
    raise TimeoutError("the server did not start in time")


def message(session, msg_type, content, channel="shell"):
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session, "username": "",
                       "version": "5.3", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}


async def request(socket, msg, deadline):
    """Sends a request on the kernel's channels; returns its reply once the kernel is idle again, with
    the error outputs and stderr text the request caused."""
    await socket.write_message(json.dumps(msg))
    msg_id, reply, idle, problems = msg["header"]["msg_id"], None, False, []
    while reply is None or not idle:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the kernel did not answer in time")
        text = await asyncio.wait_for(socket.read_message(), left)
        if text is None:
            raise RuntimeError("the kernel's websocket closed (the kernel died?)")
        answer = json.loads(text)
        if answer.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = answer["msg_type"], answer["content"]
        if kind.endswith("_reply"):
            reply = content
        elif kind == "status" and content.get("execution_state") == "idle":
            idle = True
        elif kind == "error":
            problems.append(f"{content.get('ename')}: {content.get('evalue')}".strip())
        elif kind == "stream" and content.get("name") == "stderr" and content.get("text", "").strip():
            problems.append("stderr: " + content["text"].strip().splitlines()[0])
    return reply, problems


async def run_notebook(browser, student, path, start, deadline):
    user = f"/user/{student.name}"
    await browser.fetch("GET", f"{user}/tree")  # the hub hands the student over to their server (OAuth)
    xsrf = {"X-XSRFToken": browser.cookies.get("_xsrf", "")}
    model = await browser.json("GET", f"{user}/api/contents/{path.name}?content=1")
    cells = [c for c in model["content"]["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    session = await browser.json("POST", f"{user}/api/sessions", {"path": path.name, "name": path.name,
                                                                   "type": "notebook", "kernel": {"name": "java"}},
                                 expect=(201,), headers=xsrf)
    kernel, client_session = session["kernel"]["id"], uuid.uuid4().hex
    ws_url = browser.base.replace("http", "ws", 1) + f"{user}/api/kernels/{kernel}/channels?session_id={client_session}"
    socket = await websocket_connect(HTTPRequest(ws_url, headers={"Cookie": browser.cookie_header()}),
                                     max_message_size=256 * 1024 * 1024)
    try:
        await request(socket, message(client_session, "kernel_info_request", {}), deadline)
        began = None
        for number, cell in enumerate(cells, 1):
            source = "".join(cell["source"])
            began = began or time.monotonic()
            reply, problems = await request(socket, message(client_session, "execute_request", {
                "code": source, "silent": False, "store_history": True, "user_expressions": {},
                "allow_stdin": False, "stop_on_error": True}), deadline)
            if student.first_cell_s is None:
                student.first_cell_s = time.monotonic() - start
            student.cells = number
            if reply.get("status") != "ok" or problems:
                detail = "; ".join(problems) or f"{reply.get('ename')}: {reply.get('evalue')}"
                raise RuntimeError(f"cell {number} of {len(cells)}: {detail}")
        student.notebook_s = time.monotonic() - began
    finally:
        socket.close()
    await browser.fetch("DELETE", f"{user}/api/sessions/{session['id']}", headers=xsrf, expect=(204,))


async def one_student(base, student, path, deadline):
    """One student's visit, start to end; whatever goes wrong, or takes past the deadline, is an error
    in their row of the table, not a failure of the run."""
    browser = Browser(base)
    start = time.monotonic()
    stage = ["logging in"]

    async def visit():
        await log_in(browser, student)
        stage[0] = "starting the server"
        await start_server(browser, student, deadline)
        student.server_s = time.monotonic() - start
        stage[0] = "running the notebook"
        await run_notebook(browser, student, path, start, deadline)

    try:
        await asyncio.wait_for(visit(), max(1.0, deadline - time.monotonic()))
    except (asyncio.TimeoutError, TimeoutError):
        student.errors.append(f"{stage[0]}: not done within the step's time")
    except Exception as error:  # every failure a student meets is reported in the table, not raised
        student.errors.append(f"{stage[0]}: {error}")


async def monitor(students, groups, stop):
    """Samples each student's processes' resident memory every second until stop is set."""
    uids = {s.name: hub.uid_of(s.name) for s in students}
    while not stop.is_set():
        for student in students:
            student.peak_rss = max(student.peak_rss, hub.resident_bytes(hub.processes_of(uids[student.name])))
            if groups:
                student.peak_group = groups.peak(student.name)
        try:
            await asyncio.wait_for(stop.wait(), 1.0)
        except asyncio.TimeoutError:
            pass


async def drive(base, students, path, timeout, groups):
    AsyncHTTPClient.configure(None, max_clients=max(10, 4 * len(students)))
    deadline = time.monotonic() + timeout
    stop = asyncio.Event()
    watcher = asyncio.ensure_future(monitor(students, groups, stop))
    await asyncio.gather(*(one_student(base, s, path, deadline) for s in students))
    stop.set()
    await watcher


def run_step(count, timeout):
    """One step: a hub, `count` students at once, the table; the students."""
    state = hub.STATE / "load"
    names = [f"{USER_PREFIX}{i:02d}" for i in range(1, count + 1)]
    clashes = [n for n in names if hub.account_exists(n)]
    if clashes:  # left by a load test that was killed: they are the load test's own
        for name in clashes:
            hub.delete_account(name)
    students, process, groups = [], None, hub.MemoryGroups.find()
    try:
        students = [Student(name, hub.create_account(name)) for name in names]
        port = hub.free_port()
        settings = hub.Settings(port=port, students=names, state=str(state), fast=True,
                                service_token=uuid.uuid4().hex)
        process = hub.start(settings, state / "settings.json", state / "jupyterhub.log")
        path = notebooks.resolve(NOTEBOOK, COURSE.notebooks)
        asyncio.run(drive(f"http://127.0.0.1:{port}", students, path, timeout, groups))
    finally:
        if process is not None:
            hub.stop(process)
        for student in students:
            hub.delete_account(student.name)
            if groups:
                groups.remove(student.name)
    report(count, students, state / "jupyterhub.log")
    row = state / f"{count}-students.md"
    row.write_text(table_row(count, students, timeout) + "\n", encoding="utf-8")
    say(f"  the README's row for this step: {shown(row)}")
    return students


def seconds(value):
    return "-" if value is None else f"{value:.1f}"


def report(count, students, log):
    say(f"\n{count} student(s) at once:")
    say(f"  {'student':<10} {'server s':>8} {'1st cell s':>10} {'notebook s':>10} {'cells':>5} "
        f"{'peak RSS':>9} {'peak cgroup':>11}  errors")
    for s in students:
        say(f"  {s.name:<10} {seconds(s.server_s):>8} {seconds(s.first_cell_s):>10} {seconds(s.notebook_s):>10} "
            f"{s.cells:>5} {hub.format_bytes(s.peak_rss):>9} {hub.format_bytes(s.peak_group):>11}  "
            f"{'; '.join(s.errors) or 'none'}")
    errors = sum(len(s.errors) for s in students)
    finished = sum(s.finished for s in students)
    say(f"  {finished} of {count} notebooks finished, {errors} error(s); the hub's log: {shown(log)}")


def spread(values, show):
    """'3.1 s' where the students' figures agree once shown, '3.1 s–4.0 s' from the least to the most,
    '-' where no student has one."""
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    least, most = show(min(values)), show(max(values))
    return least if least == most else f"{least}–{most}"


def table_row(count, students, timeout):
    """The step as a row of the README's capacity table: students at once; to a running server; to the
    first cell's result; the whole notebook (the slowest student's); peak memory per student, resident
    and charged to the control group; errors."""
    def in_seconds(value):
        return f"{value:.1f} s"

    finished = [s for s in students if s.finished]
    if len(finished) == count:
        notebook = in_seconds(max(s.notebook_s for s in finished))
    else:
        notebook = f"{len(finished)} of {count} finished in {timeout} s"
    memory = (f"{spread((s.peak_rss for s in students), hub.format_bytes)} / "
              f"{spread((s.peak_group for s in students), hub.format_bytes)}")
    cells = [spread((s.server_s for s in students), in_seconds), spread((s.first_cell_s for s in students), in_seconds),
             notebook, memory, str(sum(len(s.errors) for s in students))]
    return f"| {count} | " + " | ".join(cells) + " |"


def per_student_peak(students):
    """The largest per-student peak of a step: the larger of resident memory (which counts the pages
    students share, such as the JVM's and the engine's code, in full) and the control group's charge."""
    return max((max(s.peak_rss, s.peak_group or 0) for s in students), default=0)


def memory_available(meminfo=Path("/proc/meminfo")):
    text = meminfo.read_text()
    return int(text.split("MemAvailable:")[1].split()[0]) * 1024


def stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def run_steps(counts, timeout):
    """Each step in turn, up to the first that fails; the largest N held, and what memory would allow.
    Status 0 if every step held. A SIGTERM (timeout, kill) stops it as Ctrl-C does: the hub, its
    servers and the accounts it made are removed first."""
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    available = memory_available()
    held, peak = None, 0
    for count in counts:
        students = run_step(count, timeout)
        peak = max(peak, per_student_peak(students))
        if not all(s.finished for s in students):
            break
        held = count
    if peak:
        say(f"\nmemory: {hub.format_bytes(available)} available at the start, at most {hub.format_bytes(peak)} per "
            f"student: memory alone would allow about {available // peak} students at once")
    if held is None:
        say(f"this machine did not hold {counts[0]} student(s) at once: see the errors above")
        return 1
    failed = "" if held == counts[-1] else f" ({counts[counts.index(held) + 1]} did not)"
    say(f"largest N held: {held} student(s) at once with every notebook finishing{failed}")
    return 0 if held == counts[-1] else 1
