"""The launcher's commands, one module each, in the order ./course --help lists them.

A command module has:
  NAME         what the learner types (./course NAME)
  USAGE        its arguments after the name, for the help: "NN [NN ...] [--fast]"
  SUMMARY      one or two lines for ./course --help
  DESCRIPTION  the text of ./course NAME --help, above its options
  add_arguments(parser)   its options and arguments (argparse)
  run(args)    does the work; returns the exit status (None for 0), raises errors.LauncherError
  PASSES_ON    (optional) True if options it does not know go on to another program (lab's to Jupyter)

To add a command, write launcher/commands/NAME.py with these and add it to COMMANDS below: the
help lists it, its unknown options are refused, and launcher/tests/test_cli.py checks that it
answers --help and refuses an unknown option. A command that executes notebooks starts with
setup.ensure(...) and jupyter.use_notebook_python(args.argv) (see run.py).
"""

from . import bench, classroom, doctor, lab, run, setup, site, slides, test, translations

COMMANDS = [setup, lab, test, run, slides, site, bench, doctor, classroom, translations]
