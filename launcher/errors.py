"""The launcher's two kinds of failure, which every module's errors derive from: the command line
is wrong (exit status 2), or the command could not do its work (exit status 1). Either way the
message names what was wrong and what to do; the command line prints it without a traceback."""


class LauncherError(Exception):
    """A command could not do its work (exit status 1)."""


class UsageError(LauncherError):
    """The command line is wrong: an unknown option or notebook, a missing value (exit status 2)."""
