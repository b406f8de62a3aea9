import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from launcher.layout import HOME
from launcher.tests.support import requires_set_up


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@requires_set_up
class LabTest(unittest.TestCase):

    def test_lab_starts_jupyter_with_token_authentication(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with tempfile.TemporaryFile("w+") as log:
            lab = subprocess.Popen([str(HOME / "course"), "lab", "--no-browser", "--ip", "127.0.0.1", "--port", str(port)],
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                token = None
                for _ in range(240):
                    log.seek(0)
                    found = re.search(rf"127\.0\.0\.1:{port}/\?token=([0-9a-f]+)", log.read())
                    if found:
                        token = found.group(1)
                        break
                    self.assertIsNone(lab.poll(), "./course lab exited early")
                    time.sleep(0.5)
                log.seek(0)
                self.assertIsNotNone(token, "no token URL in the log of ./course lab: " + log.read())
                base = f"http://127.0.0.1:{port}"
                self.assertEqual(200, status(base + "/api"))
                self.assertEqual(403, status(base + "/api/kernels"), "/api/kernels refuses a request without the token")
                self.assertEqual(200, status(f"{base}/api/kernels?token={token}"))
            finally:
                os.killpg(lab.pid, signal.SIGTERM)
                lab.wait(30)


if __name__ == "__main__":
    unittest.main()
