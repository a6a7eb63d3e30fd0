"""Errors raised when a call-flow document cannot be read at all.

Anything that can be read but not carried over is not an error: it goes into the translation
report. These errors are for input no vendor would accept either, so the admin must fix the file.
"""

from __future__ import annotations

from migrator.errors import MigratorError


class MarkupError(MigratorError):
    """A call-flow document could not be read."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        self.reason = message
        self.line = line
        self.column = column
        where = ""
        if line is not None:
            where = f" (line {line}" + (f", column {column}" if column is not None else "") + ")"
        super().__init__(message + where)


class MalformedDocument(MarkupError):
    """The text is not well-formed XML or JSON."""


class UnsafeDocument(MarkupError):
    """The XML uses DTDs, entities or external references (the shapes of XML bombs)."""


class UnknownFormat(MarkupError):
    """The document is well-formed but is neither TwiML, NCCO nor Plivo XML."""
