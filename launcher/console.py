"""How the launcher talks: coloured ok/FIX lines on a terminal, plain text in logs and CI."""

import os
import sys


def _colour():
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        return False
    # Windows' own console shows ANSI colours only in Windows Terminal and VS Code's terminal.
    return os.name != "nt" or "WT_SESSION" in os.environ or os.environ.get("TERM_PROGRAM") == "vscode"


COLOUR = _colour()


def paint(text, code):
    return f"\x1b[{code}m{text}\x1b[0m" if COLOUR else text


def bold(text):
    return paint(text, "1")


def green(text):
    return paint(text, "32")


def red(text):
    return paint(text, "31")


def say(text=""):
    print(text, flush=True)


def error(text):
    print(red(f"error: {text}"), file=sys.stderr, flush=True)
