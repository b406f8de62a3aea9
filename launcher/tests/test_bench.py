import contextlib
import io
import json
import os
import stat
import subprocess
import tempfile
import unittest
from pathlib import Path

from launcher import cli
from launcher.commands import bench
from launcher.errors import LauncherError, UsageError
from launcher.tests.support import call, platform

REPORT = {"models": [{"model": "mlp", "trainingSamplesPerSecond": 90000.0, "inferenceSamplesPerSecond": 200000.0},
                     {"model": "lenet", "trainingSamplesPerSecond": 8000.0, "inferenceSamplesPerSecond": 30000.0}]}
PEERS = {"mlp": {"train_samples_per_s": 60000.0, "infer_samples_per_s": 400000.0},
         "lenet": {"train_samples_per_s": 8000.0, "infer_samples_per_s": 20000.0}}


def arguments(*argv):
    return cli.parse(bench, list(argv))


class BenchArgumentsTest(unittest.TestCase):

    def test_by_default_both_models_and_pytorch_where_installed(self):
        args = arguments()
        self.assertEqual(["mlp", "lenet"], bench.models(args.models))
        self.assertIsNone(args.torch, "None: PyTorch is used where it is installed")
        self.assertEqual([], bench.java_options(args))

    def test_models_and_repeats_go_to_the_java_bench_as_given(self):
        args = arguments("--models", "lenet", "--repeats", "3")
        self.assertEqual(["--models", "lenet", "--repeats", "3"], bench.java_options(args))
        self.assertEqual(["lenet"], bench.models(args.models))

    def test_models_keep_their_order_and_lose_spaces(self):
        self.assertEqual(["lenet", "mlp"], bench.models("lenet, mlp"))

    def test_an_unknown_model_lists_the_choices(self):
        with self.assertRaises(UsageError) as raised:
            bench.models("mlp,resnet")
        self.assertIn("no model 'resnet'", str(raised.exception))
        self.assertIn("mlp, lenet", str(raised.exception))

    def test_torch_can_be_asked_for_or_left_out(self):
        self.assertTrue(arguments("--torch").torch)
        self.assertFalse(arguments("--no-torch").torch)

    def test_torch_and_no_torch_together_are_refused(self):
        status, _, err = call("bench", "--torch", "--no-torch")
        self.assertEqual(2, status)
        self.assertIn("--no-torch", err)

    def test_an_unknown_option_is_refused_with_the_valid_ones(self):
        status, _, err = call("bench", "--scale")
        self.assertEqual(2, status)
        self.assertIn("unknown option '--scale'", err)
        self.assertIn("--no-torch", err)


class PyTorchReferenceTest(unittest.TestCase):

    def test_the_first_python_that_imports_torch_is_used(self):
        calls = []

        def run(argv, **_):
            calls.append(argv[0])
            return subprocess.CompletedProcess(argv, 0 if argv[0] == "second" else 1)

        self.assertEqual("second", bench.torch_python(("first", "second", "third"), run))
        self.assertEqual(["first", "second"], calls)

    def test_no_python_with_torch_gives_none(self):
        def run(argv, **_):
            raise FileNotFoundError(argv[0])

        self.assertIsNone(bench.torch_python(("missing",), run))

    def test_pytorch_trains_one_timed_epoch_on_the_machines_cores(self):
        argv = bench.peer_command("/usr/bin/python3", "lenet", 4, Path("/data/fashion"))
        self.assertEqual(["/usr/bin/python3", str(bench.PEER), "--model", "lenet", "--epochs", "1",
                          "--threads", "4", "--data-dir", "/data/fashion"], argv)
        self.assertTrue(bench.PEER.is_file(), bench.PEER)

    def test_the_last_json_line_is_the_result(self):
        out = 'loading\n{"model": "mlp", "train_samples_per_s": 1.0}\n{"model": "mlp", "train_samples_per_s": 2.0}\n'
        self.assertEqual(2.0, bench.peer_result(out)["train_samples_per_s"])

    def test_no_result_says_how_to_see_why(self):
        with self.assertRaises(LauncherError) as raised:
            bench.peer_result("Traceback (most recent call last):\n")
        self.assertIn("peer_torch.py --model mlp", str(raised.exception))

    def test_ratios_are_the_course_over_pytorch(self):
        rows = bench.ratios(REPORT, PEERS)
        self.assertEqual(["mlp", "lenet"], [r["model"] for r in rows])
        self.assertAlmostEqual(1.5, rows[0]["trainingRatio"])
        self.assertAlmostEqual(0.5, rows[0]["inferenceRatio"])
        self.assertAlmostEqual(1.0, rows[1]["trainingRatio"])
        self.assertAlmostEqual(1.5, rows[1]["inferenceRatio"])
        json.dumps(rows)

    def test_a_model_pytorch_did_not_train_has_no_ratio(self):
        self.assertEqual(["lenet"], [r["model"] for r in bench.ratios(REPORT, {"lenet": PEERS["lenet"]})])

    def test_the_ratio_table_has_a_row_per_model(self):
        lines = bench.ratio_table(bench.ratios(REPORT, PEERS), "1.13.1").splitlines()
        self.assertIn("PyTorch 1.13.1", lines[0])
        self.assertEqual(["model", "train", "torch", "ratio", "infer", "torch", "ratio"], lines[1].split())
        self.assertEqual(["mlp", "90000", "60000", "1.50", "200000", "400000", "0.50"], lines[2].split())
        self.assertEqual(["lenet", "8000", "8000", "1.00", "30000", "20000", "1.50"], lines[3].split())


@unittest.skipIf(os.name == "nt", "a shell script stands in for PyTorch's Python")
class CompareWithTorchTest(unittest.TestCase):

    def test_the_ratios_are_printed_and_added_to_the_report(self):
        with tempfile.TemporaryDirectory() as folder:
            # A stand-in for Python that answers as peer_torch.py does, for the model it is given.
            fake = Path(folder) / "python"
            fake.write_text('#!/bin/sh\necho "training $3"\n'
                            'if [ "$3" = mlp ]; then echo \'{"framework_version": "1.13.1", "train_samples_per_s": 60000.0, '
                            '"infer_samples_per_s": 400000.0}\'; else echo \'{"framework_version": "1.13.1", '
                            '"train_samples_per_s": 8000.0, "infer_samples_per_s": 20000.0}\'; fi\n', encoding="utf-8")
            fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
            report = Path(folder) / "bench.json"
            report.write_text(json.dumps(REPORT), encoding="utf-8")
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                bench.compare_with_torch(str(fake), ["mlp", "lenet"], platform(cores=2), Path(folder), report)
            written = json.loads(report.read_text(encoding="utf-8"))
        self.assertEqual("1.13.1", written["pytorch"]["version"])
        self.assertEqual(2, written["pytorch"]["threads"])
        self.assertEqual([1.5, 1.0], [r["trainingRatio"] for r in written["pytorch"]["models"]])
        self.assertEqual(REPORT["models"], written["models"], "the course's figures are kept")
        self.assertIn("against PyTorch 1.13.1", out.getvalue())
        self.assertIn("1.50", out.getvalue())

    def test_a_failing_reference_is_named(self):
        with tempfile.TemporaryDirectory() as folder:
            fake = Path(folder) / "python"
            fake.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
            fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
            with self.assertRaises(LauncherError) as raised:
                bench.compare_with_torch(str(fake), ["lenet"], platform(cores=2), Path(folder), Path(folder) / "r.json")
        self.assertIn("failed on lenet (exit status 3)", str(raised.exception))


class SequenceBenchTest(unittest.TestCase):

    def test_by_default_both_sequence_models_run_after_the_mlp_and_lenet(self):
        self.assertEqual(["lstm", "transformer"], bench.sequence_models(None))

    def test_models_split_between_the_two_benches_in_the_order_given(self):
        args = arguments("--models", "transformer,mlp, lstm", "--repeats", "3")
        self.assertEqual(["mlp"], bench.models(args.models))
        self.assertEqual(["transformer", "lstm"], bench.sequence_models(args.models))
        self.assertEqual(["--models", "mlp", "--repeats", "3"], bench.java_options(args))
        self.assertEqual(["--models", "transformer,lstm", "--repeats", "3"],
                         bench.sequence_options(bench.sequence_models(args.models), args.repeats))

    def test_only_sequence_models_leave_the_mlp_and_lenet_out(self):
        self.assertEqual([], bench.models("lstm"))
        self.assertEqual(["lstm"], bench.sequence_models("lstm"))
        self.assertEqual(["--models", "lstm"], bench.sequence_options(["lstm"], None))

    def test_an_unknown_model_lists_all_four(self):
        with self.assertRaises(UsageError) as raised:
            bench.sequence_models("lstm,gru")
        self.assertIn("no model 'gru'", str(raised.exception))
        self.assertIn("mlp, lenet, lstm, transformer", str(raised.exception))

    def test_the_sequence_report_joins_the_mlp_and_lenet_report(self):
        with tempfile.TemporaryDirectory() as folder:
            report, sequence = Path(folder) / "bench.json", Path(folder) / "bench-sequence.json"
            report.write_text(json.dumps(REPORT), encoding="utf-8")
            sequence.write_text(json.dumps({"models": [{"model": "lstm"}]}), encoding="utf-8")
            bench.add_sequence_report(report, sequence, fresh=False)
            written = json.loads(report.read_text(encoding="utf-8"))
            self.assertFalse(sequence.exists(), "moved into bench.json")
        self.assertEqual(REPORT["models"], written["models"])
        self.assertEqual("lstm", written["sequenceModels"]["models"][0]["model"])

    def test_without_the_mlp_and_lenet_an_older_report_is_replaced(self):
        with tempfile.TemporaryDirectory() as folder:
            report, sequence = Path(folder) / "bench.json", Path(folder) / "bench-sequence.json"
            report.write_text(json.dumps(REPORT), encoding="utf-8")
            sequence.write_text(json.dumps({"models": []}), encoding="utf-8")
            bench.add_sequence_report(report, sequence, fresh=True)
            written = json.loads(report.read_text(encoding="utf-8"))
        self.assertEqual({"sequenceModels": {"models": []}}, written)


class ScalingArgumentsTest(unittest.TestCase):

    def test_scaling_measures_the_mlp_lenet_and_transformer_by_default(self):
        args = arguments("--scaling")
        self.assertTrue(args.scaling)
        self.assertEqual(["mlp", "lenet", "transformer"], bench.scaling_models(args))
        self.assertEqual(["--models", "mlp,lenet,transformer"], bench.scaling_options(bench.scaling_models(args)))
        self.assertFalse(arguments().scaling)

    def test_models_pick_among_them_in_the_order_given(self):
        args = arguments("--scaling", "--models", "transformer, lenet")
        self.assertEqual(["transformer", "lenet"], bench.scaling_models(args))
        self.assertEqual(["--models", "transformer,lenet"], bench.scaling_options(["transformer", "lenet"]))

    def test_the_lstm_is_refused_with_the_choices(self):
        with self.assertRaises(UsageError) as raised:
            bench.scaling_models(arguments("--scaling", "--models", "mlp,lstm"))
        self.assertIn("--scaling has no 'lstm'", str(raised.exception))
        self.assertIn("mlp, lenet, transformer", str(raised.exception))

    def test_an_unknown_model_lists_all_four_as_without_scaling(self):
        with self.assertRaises(UsageError) as raised:
            bench.scaling_models(arguments("--scaling", "--models", "resnet"))
        self.assertIn("no model 'resnet'", str(raised.exception))

    def test_repeats_and_torch_are_refused_with_scaling(self):
        for option in (["--repeats", "3"], ["--torch"]):
            with self.assertRaises(UsageError) as raised:
                bench.scaling_models(arguments("--scaling", *option))
            self.assertIn(f"leave {option[0]} out", str(raised.exception))
        self.assertEqual(["mlp", "lenet", "transformer"], bench.scaling_models(arguments("--scaling", "--no-torch")))

    def test_the_command_line_refuses_lstm_scaling_before_building(self):
        status, _, err = call("bench", "--scaling", "--models", "lstm")
        self.assertEqual(2, status)
        self.assertIn("--scaling has no 'lstm'", err)

    def test_the_scaling_rows_join_the_report_beside_the_other_figures(self):
        with tempfile.TemporaryDirectory() as folder:
            report, scaling = Path(folder) / "bench.json", Path(folder) / "bench-scaling.json"
            report.write_text(json.dumps(dict(REPORT, sequenceModels={"models": []})), encoding="utf-8")
            rows = {"batchSize": [{"model": "mlp", "batchSize": 32, "steps": 256, "trainingSamplesPerSecond": 9000.0,
                                   "stepMilliseconds": 3.56}],
                    "sourceLength": [{"sourceLength": 16, "steps": 64, "stepMilliseconds": 40.0,
                                      "microsecondsPerSourceToken": 39.06, "quadraticShare": 0.01}],
                    "charts": ["bench-batch-size.png", "bench-source-length.png"]}
            scaling.write_text(json.dumps(rows), encoding="utf-8")
            bench.add_report_part(report, scaling, "scaling", fresh=False)
            written = json.loads(report.read_text(encoding="utf-8"))
            self.assertFalse(scaling.exists(), "moved into bench.json")
        self.assertEqual(REPORT["models"], written["models"])
        self.assertEqual({"models": []}, written["sequenceModels"])
        self.assertEqual(rows, written["scaling"])

    def test_a_bench_without_scaling_keeps_the_earlier_scaling_rows(self):
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "bench.json"
            self.assertIsNone(bench.earlier_scaling(report))
            report.write_text(json.dumps({"models": [], "scaling": {"batchSize": [{"batchSize": 32}]}}), encoding="utf-8")
            rows = bench.earlier_scaling(report)
            report.write_text(json.dumps(REPORT), encoding="utf-8")
            bench.keep_scaling(report, rows)
            written = json.loads(report.read_text(encoding="utf-8"))
        self.assertEqual(REPORT["models"], written["models"])
        self.assertEqual({"batchSize": [{"batchSize": 32}]}, written["scaling"])


if __name__ == "__main__":
    unittest.main()
