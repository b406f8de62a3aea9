"""Runs the launcher: `python launcher ARGS` (what course, course.cmd and course.ps1 do) or
`python -m launcher ARGS` from the course's folder."""

import os
import sys

if not __package__:
    # Run as a folder: Python put launcher/ itself first on the path, where its modules would hide
    # standard ones of the same name; the course's folder goes there instead, so `launcher` imports.
    sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

from launcher.cli import main  # noqa: E402  (after the path is set)

sys.exit(main(sys.argv[1:]))
