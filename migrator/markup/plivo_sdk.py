"""Rebuild Plivo XML through the plivo SDK's element model, attribute by attribute.

Used to carry Plivo-only elements and attributes through a Plivo-to-Plivo translation, and to
prove a document is one the SDK accepts: each element must be a plivo.xml class, each attribute
must go through that class's validating `set_*` method (or its property), and each child must be
allowed by the parent's `add`.
"""

from __future__ import annotations

import inspect
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from plivo import xml as px
from plivo.exceptions import PlivoXMLError, ValidationError

from migrator.markup.ssml import XML_LANG
from migrator.markup.xmlsafe import local_name, parse_xml

CLASSES: dict[str, type[px.PlivoXMLElement]] = {
    cls._name: cls
    for cls in vars(px).values()
    if isinstance(cls, type) and issubclass(cls, px.PlivoXMLElement) and hasattr(cls, "_name")
}
_SPECIAL = {"xml:lang": "xmllang", "interpret-as": "interpret_as", "async": "async_"}


@dataclass
class RawElement:
    """An XML element as plain data: what the SDK classes need to rebuild it."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    text: str = ""
    children: list[RawElement] = field(default_factory=list)
    tail: str = ""


def raw(element: ET.Element) -> RawElement:
    attrs = {("xml:lang" if k == XML_LANG else k): v for k, v in element.attrib.items()}
    return RawElement(
        tag=local_name(element.tag),
        attrs=attrs,
        text=element.text or "",
        children=[raw(child) for child in element],
        tail=element.tail or "",
    )


def parse(document: str) -> RawElement:
    return raw(parse_xml(document).root)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])|(?<=[A-Z])([A-Z])(?=[a-z])", r"_\1\2", name).lower()


def _typed(value: Any) -> Any:
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def set_attribute(element: px.PlivoXMLElement, attribute: str, value: Any) -> None:
    """Set an XML attribute through the SDK: its validating setter if it has one."""
    cls = type(element)
    candidates = [_SPECIAL.get(attribute), _snake(attribute), attribute]
    for name in candidates:
        if name and callable(getattr(cls, f"set_{name}", None)):
            setter = getattr(element, f"set_{name}")
            try:
                setter(_typed(value))
            except ValidationError:
                if not (isinstance(value, str) and value.lstrip("-").isdigit()):
                    raise
                setter(int(value))  # setters that demand an exact int
            return
    for name in candidates:
        if name and (isinstance(getattr(cls, name, None), property) or name in vars(element)):
            setattr(element, name, _typed(value))
            return
    raise PlivoXMLError(f"<{cls._name}> has no attribute {attribute!r} in the plivo SDK")


def build(element: RawElement) -> px.PlivoXMLElement:
    """Construct one element (and its children) with the plivo SDK classes."""
    cls = CLASSES.get(element.tag)
    if cls is None or element.tag == "cont":
        raise PlivoXMLError(f"<{element.tag}> is not a Plivo XML element")
    parameters = inspect.signature(cls.__init__).parameters
    kwargs: dict[str, Any] = {}
    attrs = dict(element.attrs)
    if "content" in parameters:
        speech = element.tag == "Speak" or element.tag[:1].islower()  # spoken text as it is
        kwargs["content"] = element.text if speech or element.children else element.text.strip()
    for name, parameter in parameters.items():
        if name in ("self", "content") or parameter.default is not inspect.Parameter.empty:
            continue
        if name not in attrs:
            raise PlivoXMLError(f"<{element.tag}> needs the attribute {name!r}")
        kwargs[name] = _typed(attrs.pop(name))
    built = cls(**kwargs)
    for attribute, value in attrs.items():
        set_attribute(built, attribute, value)
    for child in element.children:
        built.add(build(child))
        if child.tail.strip() or (child.tail and "cont" in built._nestable):
            built.add(cont(child.tail))
    return built


def cont(text: str) -> px.ContElement:
    """Text that follows an SSML tag. The SDK pads <cont> with spaces, so the text is stripped
    first (a blank tail keeps one space), which makes rebuilding a document idempotent."""
    return px.ContElement(text.strip() or " ")


def rebuild(document: str) -> str:
    """Parse Plivo XML and serialise it again through the SDK (raises if the SDK refuses it)."""
    text: str = build(parse(document)).to_string(pretty=True)
    return text if text.endswith("\n") else text + "\n"
