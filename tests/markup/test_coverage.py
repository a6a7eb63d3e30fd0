"""Every element the twilio SDK defines is either translated or reported, as the catalogue says.

The element list comes from the SDK itself (twilio/twiml/voice_response.py and
messaging_response.py), so a new SDK verb fails here until it is handled and catalogued.
"""

from __future__ import annotations

import inspect
import json
from functools import cache
from pathlib import Path

import pytest
from twilio.twiml import TwiML, messaging_response, voice_response

from migrator.markup import Severity, Translation, translate
from migrator.markup.catalogue import BY_ELEMENT, SSML_TAGS, TWIML_ELEMENTS
from migrator.markup.xmlsafe import parse_xml
from tests.markup.acceptance import assert_accepted

CORPUS = Path(__file__).parent / "corpus"


@cache
def sdk_elements() -> frozenset[str]:
    """Element names of every TwiML class in the SDK's voice and messaging modules."""
    names = set()
    for module in (voice_response, messaging_response):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, TwiML) or cls.__module__ != module.__name__:
                continue
            required = [
                p
                for p in inspect.signature(cls.__init__).parameters.values()
                if p.name not in ("self", "kwargs") and p.default is p.empty
            ]
            names.add(cls(*["x"] * len(required)).name)
    names.discard("Response")
    return frozenset(names)


def _voice(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>'


# One small document per element, for the elements the corpus does not show on its own.
SNIPPETS: dict[str, str] = {
    "Say": _voice("<Say>Hello</Say>"),
    "Play": _voice("<Play>https://x.example.com/a.mp3</Play>"),
    "Pause": _voice('<Say>One</Say><Pause length="2"/>'),
    "Gather": _voice(
        '<Gather action="https://x.example.com/g" numDigits="1"><Say>Press one</Say></Gather>'
    ),
    "Dial": _voice("<Dial><Number>+14155551234</Number></Dial>"),
    "Number": _voice("<Dial><Number>+14155551234</Number></Dial>"),
    "Sip": _voice("<Dial><Sip>sip:desk@pbx.example.com</Sip></Dial>"),
    "Uri": _voice(
        "<Dial><Sip><Uri>sip:a@pbx1.example.com</Uri><Uri>sip:a@pbx2.example.com</Uri></Sip></Dial>"
    ),
    "Headers": _voice(
        '<Dial><Sip>sip:a@pbx.example.com<Headers><Header name="X-A" value="1"/></Headers>'
        "</Sip></Dial>"
    ),
    "Client": _voice("<Dial><Client>alice</Client></Dial>"),
    "Identity": _voice("<Dial><Client><Identity>alice</Identity></Client></Dial>"),
    "Conference": _voice("<Dial><Conference>room-1</Conference></Dial>"),
    "Queue": _voice("<Dial><Queue>support</Queue></Dial>"),
    "Sim": _voice("<Dial><Sim>DE0123456789abcdef0123456789abcdef</Sim></Dial>"),
    "Application": _voice(
        "<Dial><Application><ApplicationSid>AP0123</ApplicationSid></Application></Dial>"
    ),
    "WhatsApp": _voice("<Dial><WhatsApp>+14155551234</WhatsApp></Dial>"),
    "Record": _voice('<Record action="https://x.example.com/r"/>'),
    "Recording": _voice(
        '<Start><Recording recordingStatusCallback="https://x.example.com/s"/></Start>'
    ),
    "Hangup": _voice("<Say>Bye</Say><Hangup/>"),
    "Reject": _voice("<Reject/>"),
    "Redirect": _voice("<Redirect>https://x.example.com/next</Redirect>"),
    "Sms": _voice('<Sms to="+14155559876" from="+14155550100">Hi</Sms>'),
    "Message": _voice('<Message to="+14155559876" from="+14155550100">Hi</Message>'),
    "Body": _voice("<Message><Body>Hi</Body></Message>"),
    "Media": _voice("<Message><Body>Hi</Body><Media>https://x.example.com/a.jpg</Media></Message>"),
    "Enqueue": _voice("<Enqueue>support</Enqueue>"),
    "Task": _voice('<Enqueue workflowSid="WW0123"><Task>{"lang": "en"}</Task></Enqueue>'),
    "Leave": _voice("<Leave/>"),
    "Connect": _voice('<Connect><Stream url="wss://x.example.com/s"/></Connect>'),
    "Start": _voice('<Start><Stream url="wss://x.example.com/s"/></Start>'),
    "Stream": _voice('<Connect><Stream url="wss://x.example.com/s"/></Connect>'),
    "Parameter": _voice(
        '<Connect><Stream url="wss://x.example.com/s"><Parameter name="a" value="b"/></Stream>'
        "</Connect>"
    ),
    "Stop": _voice('<Stop><Stream name="monitor"/></Stop>'),
    "Siprec": _voice('<Start><Siprec connectorName="recorder"/></Start>'),
    "Transcription": _voice(
        '<Start><Transcription statusCallbackUrl="https://x.example.com/t"/></Start>'
    ),
    "Config": _voice('<Start><Transcription><Config name="a" value="b"/></Transcription></Start>'),
    "Pay": _voice('<Pay chargeAmount="5.00"/>'),
    "Prompt": _voice('<Pay><Prompt for="payment-card-number"><Say>Card?</Say></Prompt></Pay>'),
    "Refer": _voice("<Refer><Sip>sip:desk@pbx.example.com</Sip></Refer>"),
    "Echo": _voice("<Echo/>"),
    "Room": _voice("<Connect><Room>DailyStandup</Room></Connect>"),
    "Autopilot": _voice("<Connect><Autopilot>UA0123</Autopilot></Connect>"),
    "VirtualAgent": _voice('<Connect><VirtualAgent connectorName="bot"/></Connect>'),
    "Conversation": _voice('<Connect><Conversation serviceInstanceSid="IS0123"/></Connect>'),
    "ConversationRelay": _voice(
        '<Connect><ConversationRelay url="wss://x.example.com/ai"/></Connect>'
    ),
    "ConversationRelaySession": _voice(
        '<Connect><ConversationRelaySession connector="c"/></Connect>'
    ),
    "AiSession": _voice('<Connect><AiSession aiConnector="c"/></Connect>'),
    "Language": _voice(
        '<Connect><ConversationRelay url="wss://x.example.com/ai"><Language code="fr-FR"/>'
        "</ConversationRelay></Connect>"
    ),
}
SNIPPETS["Header"] = SNIPPETS["Headers"]
SNIPPETS["ApplicationSid"] = SNIPPETS["Application"]

# Nouns are reported on the verb that holds them.
REPORTED_ON = {
    "Identity": "Client",
    "ApplicationSid": "Application",
    "Body": "Message",
    "Media": "Message",
    "Task": "Enqueue",
    "Parameter": "Stream",
    "Header": "Sip",
    "Headers": "Sip",
    "Uri": "Sip",
    "Config": "Transcription",
    "Prompt": "Pay",
    "Language": "ConversationRelay",
}

# What a translated element leaves in the output.
MARKERS = {
    ("Say", "ncco"): '"talk"',
    ("Say", "plivo"): "<Speak>",
    ("Play", "ncco"): '"stream"',
    ("Play", "plivo"): "<Play>",
    ("Pause", "ncco"): '"wait"',
    ("Pause", "plivo"): "<Wait",
    ("Gather", "plivo"): "<GetDigits",
    ("Dial", "plivo"): "<Dial",
    ("Number", "ncco"): '"phone"',
    ("Number", "plivo"): "<Number>14155551234</Number>",
    ("Sip", "ncco"): '"sip"',
    ("Sip", "plivo"): "<User>",
    ("Headers", "ncco"): '"headers"',
    ("Headers", "plivo"): 'sipHeaders="A=1"',
    ("Header", "ncco"): '"A": "1"',
    ("Header", "plivo"): 'sipHeaders="A=1"',
    ("Conference", "ncco"): '"conversation"',
    ("Conference", "plivo"): "<Conference",
    ("Record", "plivo"): "<Record",
    ("Recording", "ncco"): '"record"',
    ("Recording", "plivo"): 'recordSession="true"',
    ("Hangup", "plivo"): "<Hangup/>",
    ("Reject", "plivo"): 'reason="rejected"',
    ("Redirect", "plivo"): "<Redirect>",
    ("Sms", "plivo"): "<Message",
    ("Message", "plivo"): "<Message",
    ("Body", "plivo"): ">Hi</Message>",
}


def _corpus_elements() -> set[str]:
    found: set[str] = set()
    for source in CORPUS.glob("*/source.twiml.xml"):
        found.update(element.tag for element in parse_xml(source.read_text()).root.iter())
    return found


def _mentions(result: Translation, element: str, severities: set[Severity]) -> bool:
    name = REPORTED_ON.get(element, element)
    return any(
        item.severity in severities
        and (f"/{name}[" in item.path or f"<{name}".lower() in item.what.lower())
        for item in result.report
    )


def test_catalogue_lists_exactly_the_sdk_elements() -> None:
    sdk = sdk_elements()
    assert set(SSML_TAGS) <= sdk
    assert {entry.element for entry in TWIML_ELEMENTS} == sdk - set(SSML_TAGS)
    assert len(TWIML_ELEMENTS) == len(BY_ELEMENT)


def test_every_sdk_element_is_in_the_corpus_or_has_a_snippet() -> None:
    covered = _corpus_elements() | set(SNIPPETS) | set(SSML_TAGS)
    assert sdk_elements() <= covered
    for element, snippet in SNIPPETS.items():
        assert f"<{element}" in snippet, element


def test_the_corpus_itself_covers_the_common_verbs() -> None:
    common = {"Say", "Play", "Pause", "Gather", "Dial", "Number", "Sip", "Client", "Conference"}
    common |= {"Queue", "Record", "Hangup", "Reject", "Redirect", "Sms", "Message", "Body"}
    common |= {"Media", "Enqueue", "Leave", "Connect", "Start", "Stream", "Parameter", "Pay"}
    assert common <= _corpus_elements()


@pytest.mark.parametrize("target", ["ncco", "plivo"])
@pytest.mark.parametrize("element", sorted(BY_ELEMENT))
def test_element_is_translated_or_reported(element: str, target: str) -> None:
    fate = getattr(BY_ELEMENT[element], target)
    result = translate(SNIPPETS[element], "twiml", target)  # type: ignore[arg-type]
    assert_accepted(target, result.output)
    if fate.outcome == "lost":
        assert _mentions(result, element, {Severity.LOST}), result.report
        assert not result.complete
    elif fate.outcome == "changed":
        assert _mentions(result, element, {Severity.CHANGED}), result.report
    else:
        assert not _mentions(result, element, {Severity.LOST}), result.report
        marker = MARKERS.get((element, target))
        if marker:
            assert marker in result.output


def test_ssml_tags_reach_ncco_and_plivo() -> None:
    say = (
        '<Say voice="Polly.Joanna">A<break time="1s"/><emphasis level="strong">B</emphasis>'
        '<lang xml:lang="fr-FR">C</lang><p>D</p><phoneme alphabet="ipa" ph="x">E</phoneme>'
        '<prosody rate="slow">F</prosody><s>G</s><say-as interpret-as="digits">12</say-as>'
        '<sub alias="World Wide Web">WWW</sub><w role="amazon:VB">H</w></Say>'
    )
    document = _voice(say)
    ncco = translate(document, None, "ncco")
    plivo = translate(document, None, "plivo")
    twiml = translate(document, None, "twiml")
    text = json.loads(ncco.output)[0]["text"]
    for tag in SSML_TAGS:
        assert f"<{tag}" in text, tag
        assert f"<{tag}" in plivo.output, tag
        assert f"<{tag}" in twiml.output, tag
    assert ncco.complete and plivo.complete and twiml.complete
    for target, result in (("ncco", ncco), ("plivo", plivo), ("twiml", twiml)):
        assert_accepted(target, result.output)
