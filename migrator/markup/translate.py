"""Translate one call-flow document between TwiML, NCCO and Plivo XML.

Read the source into the neutral model, drop verbs the source itself could never reach, and
write the target; everything that does not carry over exactly lands in the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

from migrator.errors import UsageError
from migrator.markup.errors import MalformedDocument, UnknownFormat
from migrator.markup.model import CallFlow, Dial, Hangup, Redirect, Reject
from migrator.markup.ncco_reader import load, read_ncco
from migrator.markup.ncco_writer import write_ncco
from migrator.markup.plivo_reader import read_plivo
from migrator.markup.plivo_writer import write_plivo
from migrator.markup.report import FORMAT_NAMES, FORMATS, Format, Reporter, Translation
from migrator.markup.twiml_reader import read_twiml
from migrator.markup.twiml_writer import write_twiml
from migrator.markup.xmlsafe import ParsedXml, local_name, parse_xml

_WRITERS: dict[str, Callable[[CallFlow, Reporter], str]] = {
    "twiml": write_twiml,
    "ncco": write_ncco,
    "plivo": write_plivo,
}
# Element names only one of the two XML dialects uses (TwiML nouns included).
_TWIML_ONLY = frozenset(
    [
        "Say",
        "Gather",
        "Pause",
        "Reject",
        "Enqueue",
        "Leave",
        "Sms",
        "Connect",
        "Start",
        "Stop",
        "Pay",
        "Prompt",
        "Refer",
        "Echo",
        "Client",
        "Sip",
        "Queue",
        "Sim",
        "Body",
        "Media",
        "Task",
        "Identity",
        "Parameter",
        "Uri",
        "Headers",
        "Application",
        "WhatsApp",
    ]
)
_PLIVO_ONLY = frozenset(
    [
        "Speak",
        "GetDigits",
        "GetInput",
        "Wait",
        "DTMF",
        "PreAnswer",
        "MultiPartyCall",
        "User",
        "cont",
    ]
)


def _clean(document: str) -> str:
    text = document.lstrip("\ufeff").strip()
    if not text:
        raise MalformedDocument("the document is empty")
    return text


def _xml_dialect(parsed: ParsedXml) -> Format:
    root = parsed.root
    if local_name(root.tag) != "Response":
        raise UnknownFormat(
            f"the XML root is <{local_name(root.tag)}>; TwiML and Plivo XML start with <Response>"
        )
    twiml = plivo = 0
    for element in root.iter():
        name = local_name(element.tag)
        twiml += name in _TWIML_ONLY
        plivo += name in _PLIVO_ONLY
        if name == "Message":
            plivo += "src" in element.attrib or "dst" in element.attrib
            twiml += "to" in element.attrib or "from" in element.attrib
    for child in root:
        if local_name(child.tag) in ("Conference", "Stream"):
            plivo += 1
    return "plivo" if plivo > twiml else "twiml"


def detect_format(document: str) -> Format:
    """Say whether a document is TwiML, an NCCO or Plivo XML.

    JSON is an NCCO; XML is told apart by the verbs only one dialect has. A document that uses
    only verbs both share (<Play>, <Dial><Number>, <Hangup>, ...) reads the same either way and is
    called TwiML.
    """
    text = _clean(document)
    if text[0] in "[{":
        load(text)
        return "ncco"
    if text[0] != "<":
        raise UnknownFormat("the document is neither XML (TwiML, Plivo XML) nor JSON (NCCO)")
    return _xml_dialect(parse_xml(text))


def read(document: str, source: Format, reporter: Reporter) -> CallFlow:
    text = _clean(document)
    if source == "ncco":
        if text[0] == "<":
            raise UnknownFormat("the document is XML, not an NCCO (JSON)")
        return read_ncco(load(text), reporter)
    if text[0] in "[{":
        raise UnknownFormat(f"the document is JSON, not {FORMAT_NAMES[source]}")
    parsed = parse_xml(text)
    return read_twiml(parsed, reporter) if source == "twiml" else read_plivo(parsed, reporter)


def prune_unreachable(flow: CallFlow, reporter: Reporter) -> None:
    """Drop verbs after the ones that end the document (they never ran in the source either)."""
    for index, verb in enumerate(flow.verbs):
        final = isinstance(verb, Hangup | Reject | Redirect) or (
            isinstance(verb, Dial) and bool(verb.action) and flow.origin != "ncco"
        )
        if not final or index == len(flow.verbs) - 1:
            continue
        for dropped in flow.verbs[index + 1 :]:
            reporter.note(
                dropped.path,
                dropped.label,
                f"it never runs: the call leaves this document at {verb.label} first, so it was "
                "left out",
            )
        del flow.verbs[index + 1 :]
        return


def translate(document: str, source: Format | None, target: Format) -> Translation:
    """Translate a call-flow document; `source=None` detects the format.

    Raises a MarkupError (with line and column where known) for input that cannot be read.
    """
    if target not in FORMATS:
        raise UsageError(f"unknown target format {target!r}; choose one of {', '.join(FORMATS)}")
    if source is not None and source not in get_args(Format):
        raise UsageError(f"unknown source format {source!r}; choose one of {', '.join(FORMATS)}")
    detected: Format = source if source is not None else detect_format(document)
    reporter = Reporter()
    flow = read(document, detected, reporter)
    prune_unreachable(flow, reporter)
    output = _WRITERS[target](flow, reporter)
    return Translation(output=output, report=list(reporter.items), source=detected, target=target)
