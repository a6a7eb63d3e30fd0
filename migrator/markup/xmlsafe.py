"""Safe parsing of outside XML: defusedxml with no DTDs, no entities, a size and a depth limit.

The stdlib parser expands entities (billion laughs) and follows nothing else we need, so outside
documents only ever go through defusedxml here. Elements remember their line and column so the
report can point into the admin's file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from migrator.markup.errors import MalformedDocument, UnsafeDocument

MAX_DOCUMENT_BYTES = 1_000_000
MAX_DEPTH = 64
_UNSAFE_WHAT = {
    "DTDForbidden": "a DOCTYPE declaration",
    "EntitiesForbidden": "an entity declaration",
    "ExternalReferenceForbidden": "an external reference",
}


@dataclass
class ParsedXml:
    root: ET.Element
    positions: dict[int, tuple[int, int]] = field(default_factory=dict)

    def line_of(self, element: ET.Element) -> int | None:
        position = self.positions.get(id(element))
        return position[0] if position else None


class _Builder(ET.TreeBuilder):
    """A tree builder that records where each element starts and refuses absurd nesting."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: DefusedXMLParser | None = None
        self.positions: dict[int, tuple[int, int]] = {}
        self.depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:  # type: ignore[override]
        element = super().start(tag, attrs)
        self.depth += 1
        expat = self.parser.parser if self.parser is not None else None
        if expat is not None:
            position = (expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)
            self.positions[id(element)] = position
            if self.depth > MAX_DEPTH:
                raise MalformedDocument(
                    f"elements are nested more than {MAX_DEPTH} deep", line=position[0]
                )
        return element

    def end(self, tag: str) -> ET.Element:
        self.depth -= 1
        return super().end(tag)


def check_size(document: str) -> None:
    size = len(document.encode("utf-8"))
    if size > MAX_DOCUMENT_BYTES:
        raise MalformedDocument(
            f"the document is {size} bytes; call-flow documents are limited to "
            f"{MAX_DOCUMENT_BYTES} bytes here (Plivo accepts at most 100 KB)"
        )


def parse_xml(document: str) -> ParsedXml:
    """Parse outside XML safely, or raise MalformedDocument / UnsafeDocument with a position."""
    check_size(document)
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.parser = parser
    try:
        parser.feed(document)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise MalformedDocument(
            f"the XML is not well-formed: {reason}", line=line, column=column + 1
        ) from None
    except DefusedXmlException as exc:
        expat = parser.parser
        what = _UNSAFE_WHAT.get(type(exc).__name__, "an unsafe construct")
        raise UnsafeDocument(
            f"the XML contains {what}; call-flow documents never need one, and it is refused "
            "because it is how XML bombs and file-reading attacks work",
            line=expat.CurrentLineNumber,
            column=expat.CurrentColumnNumber + 1,
        ) from None
    return ParsedXml(root=root, positions=builder.positions)


def local_name(tag: str) -> str:
    """The tag without any {namespace} prefix."""
    return tag.rsplit("}", 1)[-1]
