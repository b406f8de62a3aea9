"""The command line: ./course COMMAND [ARGS], the same on every platform.

Each command is a module of launcher.commands (see its __init__). Every command refuses an option
it does not know, naming it and listing the valid ones; a notebook name that matches no notebook
lists those that exist. Both exit with status 2; a command that fails exits with 1.
"""

import argparse
import sys

from . import console
from .commands import COMMANDS
from .errors import LauncherError, UsageError
from .layout import PROG

BY_NAME = {command.NAME: command for command in COMMANDS}
HELP = ("help", "-h", "--help")


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(f"{message} ({self.prog} --help)")


def parser_for(command):
    parser = Parser(prog=f"{PROG} {command.NAME}", usage=f"{PROG} {command.NAME} {command.USAGE}".rstrip(),
                    description=command.DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
                    allow_abbrev=False)
    command.add_arguments(parser)
    return parser


def valid_options(parser):
    """The options a parser takes, as a user would type them: '--engine mxnet|pytorch, --help'."""
    options = []
    for action in parser._actions:
        if not action.option_strings or action.help == argparse.SUPPRESS:
            continue
        name = max(action.option_strings, key=len)
        if action.nargs != 0:
            name += " " + (action.metavar or "|".join(map(str, action.choices or [])) or action.dest.upper())
        options.append(name)
    return ", ".join(sorted(options, key=lambda o: o == "--help"))


def parse(command, argv):
    """The command's arguments; unknown options are refused unless the command passes them on (lab's
    go to Jupyter), in which case they are in args.passed_on."""
    parser = parser_for(command)
    passes_on = getattr(command, "PASSES_ON", False)
    args, unknown = (parser.parse_known_args if passes_on else parser.parse_known_intermixed_args)(argv)
    if unknown and not passes_on:
        unexpected = unknown[0]
        what = "option" if unexpected.startswith("-") else "argument"
        raise UsageError(f"unknown {what} '{unexpected}' for {command.NAME}; valid options: {valid_options(parser)}"
                         f" ({PROG} {command.NAME} --help)")
    args.passed_on = unknown
    return args


def usage():
    lines = [f"{console.bold(PROG)} — deep learning in Java, as Jupyter notebooks", "",
             f"usage: {PROG} COMMAND [ARGS]", "", "commands:"]
    for command in COMMANDS:
        synopsis = f"  {command.NAME} {command.USAGE}".rstrip()
        summary = command.SUMMARY.splitlines()
        if len(synopsis) <= 18:
            lines.append(f"{synopsis:<19}{summary[0]}")
        else:
            lines += [synopsis, " " * 19 + summary[0]]
        lines += [" " * 19 + line for line in summary[1:]]
    lines += [f"  {'help':<17}this text", "",
              "Notebooks are named by number (00) or full name (00-setup-and-tour).",
              f"{PROG} COMMAND --help explains a command and its options."]
    return "\n".join(lines)


def main(argv):
    if hasattr(sys.stdout, "reconfigure"):  # a Windows console's code page cannot print every character
        sys.stdout.reconfigure(errors="replace")
        sys.stderr.reconfigure(errors="replace")
    if not argv or argv[0] in HELP:
        if len(argv) > 1 and argv[1] in BY_NAME:
            print(parser_for(BY_NAME[argv[1]]).format_help(), end="")
        else:
            print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    command = BY_NAME.get(name)
    try:
        if command is None:
            raise UsageError(f"unknown command '{name}'.\nvalid commands: {', '.join(BY_NAME)}, help "
                             f"({PROG} --help explains each)")
        try:
            args = parse(command, rest)
        except SystemExit as done:  # argparse printed the command's --help
            return done.code or 0
        args.argv = argv
        return command.run(args) or 0
    except UsageError as error:
        console.error(str(error))
        return 2
    except LauncherError as error:
        console.error(str(error))
        return 1
    except KeyboardInterrupt:
        console.error("interrupted")
        return 130
