"""Makes sure a writer reports every field it did not carry over.

Writers read fields through `Usage.get`; whatever is set on the node but never read is reported as
lost when the writer calls `finish`. Forgetting an attribute therefore shows up in the report, not
as a silent drop.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from migrator.markup.model import Node
from migrator.markup.report import FORMAT_NAMES, Format, Reporter

_BOOKKEEPING = frozenset({"path", "tag", "extras", "sources"})


def _default(field: dataclasses.Field[Any]) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return dataclasses.MISSING


class Usage:
    """The fields of one node a writer has carried over (or deliberately handled)."""

    def __init__(self, node: Node, reporter: Reporter, source: Format, target: Format):
        self.node = node
        self.reporter = reporter
        self.source = source
        self.target = target
        self.used: set[str] = set()
        self.used_extras: set[str] = set()

    def get(self, name: str) -> Any:
        self.used.add(name)
        return getattr(self.node, name)

    def handled(self, *names: str) -> None:
        self.used.update(names)

    def handled_extra(self, *names: str) -> None:
        """Source-only attributes the writer did carry over (a voice name, say)."""
        self.used_extras.update(names)

    def what(self, name: str) -> str:
        return f"{self.node.label} {self.node.source_name(name)}"

    def finish(self, fixes: dict[str, str] | None = None) -> None:
        """Report every set field nobody read, and every source-only attribute."""
        target = FORMAT_NAMES[self.target]
        fixes = fixes or {}
        for field in dataclasses.fields(self.node):
            name = field.name
            if name in _BOOKKEEPING or name in self.used:
                continue
            value = getattr(self.node, name)
            if value is None or value == _default(field):
                continue
            self.reporter.lost(
                self.node.path,
                self.what(name),
                f"{target} has no equivalent of this setting",
                fixes.get(name, ""),
            )
        if self.node.extras and self.source != self.target:
            for attribute in self.node.extras:
                if attribute in self.used_extras:
                    continue
                self.reporter.lost(
                    self.node.path,
                    f"{self.node.label} {attribute}",
                    f"only {FORMAT_NAMES[self.source]} has this setting; {target} has no "
                    "equivalent",
                    fixes.get(attribute, ""),
                )
