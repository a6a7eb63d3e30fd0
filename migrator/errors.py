"""The root of every error migrator reports to a person.

Each error carries a message written for an admin; the CLI prints it on stderr and the GUI shows it
in a dialog. Layers raise subclasses so callers can tell causes apart without parsing text.
"""


class MigratorError(Exception):
    """An error with a message fit to show an admin."""


class UsageError(MigratorError):
    """The command line or a request asked for something that cannot be done as asked."""
