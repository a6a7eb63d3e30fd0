"""What a translation could not carry over, item by item, and the translation result itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

Format = Literal["twiml", "ncco", "plivo"]
FORMATS: tuple[Format, ...] = ("twiml", "ncco", "plivo")
FORMAT_NAMES: dict[str, str] = {"twiml": "TwiML", "ncco": "NCCO", "plivo": "Plivo XML"}


class Severity(StrEnum):
    """How much of the source behaviour survived.

    lost: the behaviour is gone from the output and must be rebuilt by hand.
    changed: the output does it, but differently (defaults, limits, callback payloads).
    note: the output is equivalent; something the admin should still know.
    """

    LOST = "lost"
    CHANGED = "changed"
    NOTE = "note"


@dataclass(frozen=True)
class ReportItem:
    """One thing the admin must know about a translated document."""

    severity: Severity
    path: str
    what: str
    why: str
    fix: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "severity": self.severity.value,
            "path": self.path,
            "what": self.what,
            "why": self.why,
            "fix": self.fix,
        }

    def line(self) -> str:
        """One human line, as the CLI prints it on stderr."""
        text = f"{self.severity.value:8} {self.path}: {self.what}: {self.why}"
        return text + (f" Fix: {self.fix}" if self.fix else "")


@dataclass
class Reporter:
    """Collects report items while a document is read and written."""

    items: list[ReportItem] = field(default_factory=list)

    def add(self, severity: Severity, path: str, what: str, why: str, fix: str = "") -> None:
        item = ReportItem(severity, path, what, why, fix)
        if item not in self.items:
            self.items.append(item)

    def lost(self, path: str, what: str, why: str, fix: str = "") -> None:
        self.add(Severity.LOST, path, what, why, fix)

    def changed(self, path: str, what: str, why: str, fix: str = "") -> None:
        self.add(Severity.CHANGED, path, what, why, fix)

    def note(self, path: str, what: str, why: str, fix: str = "") -> None:
        self.add(Severity.NOTE, path, what, why, fix)


@dataclass(frozen=True)
class Translation:
    """A translated document and everything that did not carry over exactly.

    `output` is empty when nothing in the source can exist in the target format at all (an SMS
    reply translated to NCCO); the report then says what to build instead.
    """

    output: str
    report: list[ReportItem]
    source: Format
    target: Format

    @property
    def complete(self) -> bool:
        """True when no behaviour was lost (changes and notes may remain)."""
        return not any(item.severity is Severity.LOST for item in self.report)

    @property
    def media_type(self) -> str:
        return "application/json" if self.target == "ncco" else "application/xml"

    @property
    def extension(self) -> str:
        return ".json" if self.target == "ncco" else ".xml"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "output": self.output,
            "report": [item.to_dict() for item in self.report],
            "complete": self.complete,
        }
