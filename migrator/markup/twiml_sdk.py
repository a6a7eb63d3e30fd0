"""Build and rebuild TwiML through the twilio SDK's element classes.

Each element is created by calling the SDK method of its parent named after it (`say`, `dial`,
`say_as`, ...), so an element the SDK does not define in that place raises instead of being
written. Used to carry TwiML-only verbs through a TwiML-to-TwiML translation and to prove a
document is one the SDK accepts.
"""

from __future__ import annotations

import inspect
import re
import xml.etree.ElementTree as ET

from twilio.twiml import TwiML, TwiMLException
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

from migrator.markup.ssml import XML_LANG
from migrator.markup.xmlsafe import local_name, parse_xml

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
# Elements whose text is speech or message content: never re-indented.
_TEXT_ELEMENTS = frozenset({"Say", "Message", "Body", "Sms"})
_SPECIAL_METHODS = {"break": "break_", "say-as": "say_as", "WhatsApp": "whats_app"}


def method_name(tag: str) -> str:
    if tag in _SPECIAL_METHODS:
        return _SPECIAL_METHODS[tag]
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", tag).lower()


def add(parent: TwiML, element: ET.Element) -> TwiML:
    """Add a parsed element (and its children) to an SDK element through the SDK's methods."""
    tag = local_name(element.tag)
    method = getattr(parent, method_name(tag), None)
    if method is None or not callable(method):
        raise TwiMLException(f"the twilio SDK has no <{tag}> inside <{parent.name}>")
    attrs = {("xml:lang" if k == XML_LANG else k): v for k, v in element.attrib.items()}
    args: list[str] = []
    speech = tag == "Say" or tag[:1].islower()  # spoken text keeps its spaces exactly
    if speech:
        text = element.text or None
    else:
        text = element.text if element.text and element.text.strip() else None
    positional = [
        p
        for p in inspect.signature(method).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    ]
    if text is not None:
        if not positional:
            raise TwiMLException(f"the twilio SDK's <{tag}> takes no text")
        args.append(text if speech or len(element) else text.strip())
    elif positional and positional[0].default is inspect.Parameter.empty:
        first = positional[0].name
        args.append(attrs.pop(first, ""))
    child = method(*args, **attrs)
    assert isinstance(child, TwiML)
    for grandchild in element:
        add(child, grandchild)
        if grandchild.tail and (speech or grandchild.tail.strip()):
            child.nest(grandchild.tail)
    return child


def response_for(root: ET.Element) -> TwiML:
    """A VoiceResponse, or a MessagingResponse when the document only holds messages."""
    names = {local_name(child.tag) for child in root}
    if "Message" in names and names <= {"Message", "Redirect"}:
        return MessagingResponse()
    return VoiceResponse()


def to_text(response: TwiML) -> str:
    """The SDK's own element tree, indented for people (spoken text is left untouched)."""
    element = response.xml()
    _indent(element, 0)
    return DECLARATION + "\n" + ET.tostring(element, encoding="unicode") + "\n"


def _indent(element: ET.Element, level: int) -> None:
    mixed = bool(element.text and element.text.strip()) or any(
        child.tail and child.tail.strip() for child in element
    )
    if not len(element) or element.tag in _TEXT_ELEMENTS or mixed:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def rebuild(document: str) -> str:
    """Parse TwiML and serialise it again through the SDK (raises if the SDK refuses it)."""
    root = parse_xml(document).root
    if local_name(root.tag) != "Response":
        raise TwiMLException("TwiML must start with <Response>")
    response = response_for(root)
    for child in root:
        add(response, child)
    return to_text(response)
