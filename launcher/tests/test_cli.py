import unittest

from launcher.commands import COMMANDS
from launcher.tests.support import call, course

NAMES = [c.NAME for c in COMMANDS]


class CommandLineTest(unittest.TestCase):

    def test_an_unknown_command_is_named_with_the_valid_ones(self):
        status, _, err = call("fly")
        self.assertEqual(2, status)
        self.assertIn("unknown command 'fly'", err)
        for name in NAMES + ["help"]:
            self.assertIn(name, err)

    def test_every_command_refuses_an_unknown_option_naming_it_and_the_valid_ones(self):
        for command in COMMANDS:
            if getattr(command, "PASSES_ON", False):
                continue
            with self.subTest(command=command.NAME):
                status, out, err = call(command.NAME, "--colour", "blue")
                self.assertEqual(2, status, out + err)
                self.assertIn(f"unknown option '--colour' for {command.NAME}", err)
                self.assertIn("valid options: ", err)
                self.assertIn("--help", err)

    def test_setup_refuses_a_misspelt_engine_option_and_an_unknown_engine(self):
        status, _, err = call("setup", "--engin", "pytorch")
        self.assertEqual(2, status)
        self.assertIn("unknown option '--engin' for setup; valid options: --engine mxnet|pytorch, --help", err)
        status, _, err = call("setup", "--engine", "tensorflow")
        self.assertEqual(2, status)
        self.assertIn("invalid choice: 'tensorflow'", err)

    def test_an_option_that_needs_a_value_says_so(self):
        status, _, err = call("slides", "00", "--out")
        self.assertEqual(2, status)
        self.assertIn("--out", err)
        status, _, err = call("slides", "00", "--port", "eighty")
        self.assertEqual(2, status)
        self.assertIn("--port", err)

    def test_fast_and_no_execute_exclude_each_other(self):
        status, _, err = call("slides", "00", "--fast", "--no-execute")
        self.assertEqual(2, status)
        self.assertIn("not allowed with", err)

    def test_doctor_refuses_arguments(self):
        status, _, err = call("doctor", "04")
        self.assertEqual(2, status)
        self.assertIn("unknown argument '04' for doctor", err)

    def test_an_unknown_notebook_lists_the_available_ones_before_any_work(self):
        for command in ("run", "test", "slides", "site"):
            with self.subTest(command=command):
                status, out, err = call(command, "99")
                self.assertEqual(2, status, out + err)
                self.assertIn("no notebook named '99'", err)
                self.assertIn("00-setup-and-tour", err)
                self.assertEqual("", out, "nothing ran before the name was checked")

    def test_run_needs_a_notebook(self):
        status, _, err = call("run")
        self.assertEqual(2, status)
        self.assertIn("NN", err)

    def test_help_describes_every_command(self):
        for argv in ((), ("help",), ("--help",), ("-h",)):
            status, out, _ = call(*argv)
            self.assertEqual(0, status)
            for synopsis in ("setup [--engine mxnet|pytorch]", "lab [ARGS]", "test [NN ...]", "run NN", "slides NN",
                             "site [--fast]", "bench", "doctor", "help"):
                self.assertIn(synopsis, out)

    def test_every_command_explains_itself(self):
        for command in COMMANDS:
            with self.subTest(command=command.NAME):
                for argv in ((command.NAME, "--help"), ("help", command.NAME)):
                    status, out, _ = call(*argv)
                    self.assertEqual(0, status)
                    self.assertTrue(out.startswith(f"usage: ./course {command.NAME}"), out)
                    self.assertIn(command.DESCRIPTION.split("\n")[0], out)

    def test_slides_and_site_list_their_options(self):
        for command in ("slides", "site"):
            _, out, _ = call(command, "--help")
            self.assertIn("--fast", out)
            self.assertIn("--out DIR", out)

    def test_the_sh_entry_point_runs_the_same_launcher(self):
        result = course("fly")
        self.assertEqual(2, result.returncode)
        self.assertIn("unknown command 'fly'", result.stdout)
        result = course("--help")
        self.assertEqual(0, result.returncode)
        self.assertIn("usage: ./course COMMAND", result.stdout)


if __name__ == "__main__":
    unittest.main()
