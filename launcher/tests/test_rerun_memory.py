"""Re-running a notebook in the same kernel must not grow its memory (issue 20).

A class runs "Run All" again and again in one kernel; whatever the cells make must be freed when
they run again (Course.newManager closes the previous run's arrays and models, the kernel runs every
cell on one thread). These tests run cells in one `java` kernel (fast mode) and compare the kernel's
resident memory after each pass. The first pass also warms the kernel up (measured on 00: +19 MiB,
5.8 %, from pass 1 to 2: the JVM loads and compiles the classes a second run of JShell's snippets
needs), so the notebook runs three times and pass 3 is compared with pass 2, as issue 20 compares
pass 4 with pass 2. Notebook 00 keeps it short; `launcher/tests/kernel_session.py NN --passes 4`
measures any notebook. Needs `./course setup` and Linux's /proc (where RSS is read).
"""
import os
import unittest

from launcher.tests.kernel_session import growth, growth_problem, notebook_path, run_cells, run_passes
from launcher.tests.support import requires_set_up

# A cell that leaks as a learner's code can: a manager nobody closes, holding 64 MiB of native memory.
LEAKING_CELL = "{ NDManager.newBaseManager().ones(new Shape(16, 1024, 1024)); }"


def quiet(line):
    """Passes print nothing while the tests run."""


@unittest.skipUnless(os.path.exists("/proc/self/status"), "reads the kernel's resident memory from /proc (Linux)")
@requires_set_up
class RerunMemoryTest(unittest.TestCase):

    def test_running_notebook_00_again_leaves_memory_flat(self):
        sizes = run_passes(notebook_path("00"), 3, report=quiet)
        self.assertIsNone(growth_problem(sizes, baseline=2))

    def test_a_cell_that_leaks_native_memory_is_caught(self):
        sizes = run_cells(['System.out.println(Course.summary());', LEAKING_CELL], 2, "leaking cell", report=quiet)
        self.assertGreater(sizes[1] - sizes[0], 60, f"64 MiB leaked per run: RSS MiB {sizes}")
        problem = growth_problem(sizes, baseline=1)
        self.assertIsNotNone(problem)
        self.assertIn(f"grew {100 * growth(sizes, 1):.1f} % from pass 1 to pass 2", problem)


if __name__ == "__main__":
    unittest.main()
