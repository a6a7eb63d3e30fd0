"""SSML inside spoken text: read it from XML, flatten it to plain text, write it as a string.

TwiML <Say> and Plivo <Speak> carry SSML as child elements; NCCO talk carries it as a string
wrapped in <speak>. The model keeps it as a small tree of `SsmlElement` and strings.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from migrator.markup.model import Inline, SsmlElement
from migrator.markup.xmlsafe import local_name, parse_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TAGS = ("break", "emphasis", "lang", "p", "phoneme", "prosody", "s", "say-as", "sub", "w")


def read_inline(element: ET.Element) -> list[Inline]:
    """The mixed text and SSML content of an element."""
    content: list[Inline] = []
    if element.text:
        content.append(element.text)
    for child in element:
        attrs = {("xml:lang" if k == XML_LANG else k): v for k, v in child.attrib.items()}
        content.append(SsmlElement(local_name(child.tag), attrs, read_inline(child)))
        if child.tail:
            content.append(child.tail)
    return normalize(content)


def normalize(content: list[Inline]) -> list[Inline]:
    """Merge neighbouring strings and drop empty ones."""
    merged: list[Inline] = []
    for item in content:
        if isinstance(item, str):
            if not item:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] = merged[-1] + item
                continue
        merged.append(item)
    return merged


def has_markup(content: list[Inline]) -> bool:
    return any(isinstance(item, SsmlElement) for item in content)


def plain_text(content: list[Inline]) -> str:
    """What a listener would hear, without the markup (sub and say-as keep their words)."""
    parts: list[str] = []
    for item in content:
        if isinstance(item, str):
            parts.append(item)
        elif item.tag == "sub" and "alias" in item.attrs:
            parts.append(item.attrs["alias"])
        elif item.tag == "break":
            parts.append(" ")
        else:
            parts.append(plain_text(item.children))
    return " ".join("".join(parts).split())


def tags_in(content: list[Inline]) -> list[str]:
    """Every SSML tag used, in order, with repeats removed."""
    found: list[str] = []
    for item in content:
        if isinstance(item, SsmlElement):
            for tag in [item.tag, *tags_in(item.children)]:
                if tag not in found:
                    found.append(tag)
    return found


def to_string(content: list[Inline]) -> str:
    """Serialise as SSML markup (without the surrounding <speak>)."""
    parts: list[str] = []
    for item in content:
        if isinstance(item, str):
            parts.append(escape(item))
            continue
        attrs = "".join(f" {name}={quoteattr(value)}" for name, value in item.attrs.items())
        if item.children:
            parts.append(f"<{item.tag}{attrs}>{to_string(item.children)}</{item.tag}>")
        else:
            parts.append(f"<{item.tag}{attrs}/>")
    return "".join(parts)


def from_string(text: str) -> list[Inline]:
    """Read NCCO talk text: plain text, or SSML wrapped in <speak> (parsed safely)."""
    stripped = text.strip()
    if not stripped.startswith("<speak"):
        return [text] if text else []
    parsed = parse_xml(stripped)
    return read_inline(parsed.root)
