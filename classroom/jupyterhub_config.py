# The course's JupyterHub on one machine (./course classroom starts it; see classroom/README.md).
# It reads the hub's address, accounts and limits from the settings file that the launcher writes
# (launcher/hub.py), named by DLCOURSE_CLASSROOM_SETTINGS; `c` is JupyterHub's configuration.
import os
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid

from launcher import hub

settings = hub.Settings.read(os.environ[hub.SETTINGS_VARIABLE])
state = Path(settings.state)
memory_groups = hub.MemoryGroups.find() if settings.memory or settings.service_token else None


class CourseSpawner(LocalProcessSpawner):
    """LocalProcessSpawner, with the student's server (and so its kernels) started inside a memory
    control group of its own: limited where the instructor set --memory, and measured for the load test."""

    def make_preexec_fn(self, name):
        become_student = set_user_setuid(name)
        group = self.user.name if memory_groups else None

        def preexec():
            if group:
                memory_groups.add(group, os.getpid())
            become_student()

        return preexec

    async def start(self):
        if memory_groups:
            memory_groups.create(self.user.name, settings.memory)
        return await super().start()

    async def stop(self, now=False):
        await super().stop(now=now)
        if memory_groups and not settings.service_token:  # the load test reads the peak, then removes it
            memory_groups.remove(self.user.name)


c.JupyterHub.bind_url = f"http://{settings.ip}:{settings.port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = set(settings.students)
c.Authenticator.admin_users = {settings.admin} if settings.admin else set()
c.PAMAuthenticator.open_sessions = False

c.JupyterHub.spawner_class = CourseSpawner
c.Spawner.cmd = [str(hub.START_HOOK), "jupyterhub-singleuser"]
c.Spawner.notebook_dir = f"~/{hub.COPY_FOLDER}"
c.Spawner.default_url = "/tree"
# The course's kernel only, not the machine's Python kernel: the students' notebooks are Java.
c.Spawner.args = ["--KernelSpecManager.allowed_kernelspecs=['java']"]
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.mem_limit = settings.memory or None
c.Spawner.environment = {
    "DLCOURSE_HOME": settings.course,
    "JUPYTER_PATH": str(hub.KERNELS),
    **({"DLCOURSE_FAST": "1"} if settings.fast else {}),
}

if settings.service_token:
    c.JupyterHub.services = [{"name": "course-load-test", "api_token": settings.service_token}]
    c.JupyterHub.load_roles = [{"name": "course-load-test", "services": ["course-load-test"],
                                "scopes": ["admin:users", "admin:servers", "read:users"]}]
