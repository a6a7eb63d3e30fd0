"""Helpers shared by the TwiML and Plivo XML readers: element paths and typed attributes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from migrator.markup.report import Reporter
from migrator.markup.ssml import XML_LANG
from migrator.markup.xmlsafe import ParsedXml, local_name

_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


class XmlWalker:
    """Gives each element an XPath-like path (/Response/Gather[1]/Say[2]) and its line."""

    def __init__(self, parsed: ParsedXml):
        self.parsed = parsed

    def children(self, element: ET.Element, path: str) -> Iterator[tuple[ET.Element, str]]:
        counts: dict[str, int] = {}
        for child in element:
            name = local_name(child.tag)
            counts[name] = counts.get(name, 0) + 1
            yield child, f"{path}/{name}[{counts[name]}]"

    def where(self, element: ET.Element, path: str) -> str:
        line = self.parsed.line_of(element)
        return f"{path} (line {line})" if line is not None else path


class Attrs:
    """Typed access to an element's attributes; whatever is never read becomes `extras`."""

    def __init__(self, element: ET.Element, where: str, label: str, reporter: Reporter):
        self.remaining = {
            ("xml:lang" if k == XML_LANG else local_name(k)): v for k, v in element.attrib.items()
        }
        self.where = where
        self.label = label
        self.reporter = reporter
        self.sources: dict[str, str] = {}

    def _take(self, attribute: str, field: str | None) -> str | None:
        value = self.remaining.pop(attribute, None)
        if value is not None:
            self.sources[field or attribute] = attribute
        return value

    def text(self, attribute: str, field: str | None = None) -> str | None:
        return self._take(attribute, field)

    def integer(self, attribute: str, field: str | None = None) -> int | None:
        value = self._take(attribute, field)
        if value is None:
            return None
        try:
            return int(value.strip())
        except ValueError:
            self._invalid(attribute, value, "a whole number")
            return None

    def number(self, attribute: str, field: str | None = None) -> float | None:
        value = self._take(attribute, field)
        if value is None:
            return None
        try:
            return float(value.strip())
        except ValueError:
            self._invalid(attribute, value, "a number")
            return None

    def boolean(self, attribute: str, field: str | None = None) -> bool | None:
        value = self._take(attribute, field)
        if value is None:
            return None
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        self._invalid(attribute, value, "true or false")
        return None

    def _invalid(self, attribute: str, value: str, expected: str) -> None:
        self.reporter.lost(
            self.where,
            f"{self.label} {attribute}",
            f"the value {value!r} is not {expected}, so the setting was ignored",
            "correct the value in the source document",
        )

    def rest(self) -> dict[str, str]:
        rest, self.remaining = self.remaining, {}
        return rest


def text_of(element: ET.Element) -> str:
    """The element's own text, stripped (URLs, numbers and names are never padded)."""
    return (element.text or "").strip()
