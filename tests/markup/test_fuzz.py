"""Random call flows: translation either refuses the input cleanly or yields accepted documents.

Whatever the attribute values, the translator must never crash, never emit a document the
vendor's schema or SDK refuses, and never lose something without saying so.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator.markup import MarkupError, translate
from tests.markup.acceptance import assert_accepted

URLS = st.sampled_from(
    [
        "https://x.example.com/a.mp3",
        "https://x.example.com/next",
        "/relative",
        "wss://x.example.com/s",
        "",
    ]
)
NUMBERS = st.sampled_from(
    ["+14155551234", "14155551234", "911", "{{From}}", "+44 20 7183 8750", ""]
)
SMALL = st.sampled_from([None, "0", "1", "2", "5", "15", "30", "99", "-1", "2.5", "x", "true"])
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _element(tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    element = ET.Element(tag, {k: v for k, v in attrs.items() if v is not None})
    element.text = text
    return element


@st.composite
def twiml_verb(draw: st.DrawFn, depth: int = 0) -> ET.Element:
    kind = draw(
        st.sampled_from(
            [
                "Say",
                "Play",
                "Pause",
                "Gather",
                "Dial",
                "Record",
                "Hangup",
                "Reject",
                "Redirect",
                "Sms",
                "Enqueue",
                "Leave",
                "Connect",
                "Start",
                "Pay",
                "Echo",
            ]
        )
    )
    if kind == "Say":
        say = _element(
            "Say",
            draw(TEXT),
            voice=draw(
                st.sampled_from(
                    [
                        None,
                        "man",
                        "alice",
                        "Polly.Joanna",
                        "Polly.Nobody",
                        "Google.en-GB-Standard-A",
                    ]
                )
            ),
            language=draw(st.sampled_from([None, "en-US", "fr-FR", "zh-CN", "zz-ZZ"])),
            loop=draw(SMALL),
        )
        if draw(st.booleans()):
            say.append(_element("break", time="1s"))
            emphasis = _element("emphasis", draw(TEXT), level="strong")
            emphasis.tail = draw(TEXT)
            say.append(emphasis)
        return say
    if kind == "Play":
        return _element(
            "Play", draw(URLS), loop=draw(SMALL), digits=draw(st.sampled_from([None, "w12#"]))
        )
    if kind == "Pause":
        return _element("Pause", length=draw(SMALL))
    if kind == "Gather" and depth == 0:
        gather = _element(
            "Gather",
            input=draw(st.sampled_from([None, "dtmf", "speech", "dtmf speech"])),
            action=draw(st.sampled_from([None, "https://x.example.com/g", "/g"])),
            numDigits=draw(SMALL),
            timeout=draw(SMALL),
            finishOnKey=draw(st.sampled_from([None, "", "#", "*"])),
            speechTimeout=draw(st.sampled_from([None, "auto", "1.5", "3"])),
        )
        for _ in range(draw(st.integers(0, 3))):
            gather.append(draw(st.sampled_from(["Say", "Play", "Pause"]).flatmap(_prompt)))
        return gather
    if kind == "Dial":
        dial = _element(
            "Dial",
            draw(st.sampled_from([None, "+14155551234"])),
            callerId=draw(st.sampled_from([None, "+14155550100", "client:alice"])),
            timeout=draw(SMALL),
            timeLimit=draw(st.sampled_from([None, "60", "14400"])),
            action=draw(st.sampled_from([None, "https://x.example.com/d"])),
            record=draw(st.sampled_from([None, "record-from-answer", "do-not-record"])),
        )
        for _ in range(draw(st.integers(0, 3))):
            target = draw(
                st.sampled_from(["Number", "Sip", "Client", "Conference", "Queue", "Sim"])
            )
            value = {"Number": draw(NUMBERS), "Sip": "sip:a@b.example.com"}.get(target, "room")
            dial.append(
                _element(
                    target, value, url=draw(st.sampled_from([None, "https://x.example.com/w"]))
                )
            )
        return dial
    if kind == "Record":
        return _element(
            "Record",
            action=draw(st.sampled_from([None, "https://x.example.com/r"])),
            timeout=draw(SMALL),
            maxLength=draw(SMALL),
            finishOnKey=draw(st.sampled_from([None, "", "#", "1234567890*#"])),
            playBeep=draw(st.sampled_from([None, "true", "false", "maybe"])),
            transcribe=draw(st.sampled_from([None, "true"])),
        )
    if kind in ("Connect", "Start"):
        holder = _element(kind)
        holder.append(
            _element(
                "Stream",
                url=draw(URLS),
                track=draw(st.sampled_from([None, "inbound_track", "both_tracks"])),
            )
        )
        return holder
    if kind == "Reject":
        return _element("Reject", reason=draw(st.sampled_from([None, "busy", "rejected", "odd"])))
    if kind == "Redirect":
        return _element("Redirect", draw(URLS), method=draw(st.sampled_from([None, "GET", "post"])))
    if kind == "Sms":
        return _element("Sms", draw(TEXT), to=draw(NUMBERS))
    if kind == "Enqueue":
        return _element("Enqueue", "support", waitUrl=draw(URLS))
    return _element(kind if kind != "Gather" else "Hangup")


def _prompt(kind: str) -> st.SearchStrategy[ET.Element]:
    if kind == "Say":
        return TEXT.map(lambda text: _element("Say", text))
    if kind == "Play":
        return URLS.map(lambda url: _element("Play", url))
    return SMALL.map(lambda length: _element("Pause", length=length))


@st.composite
def twiml_document(draw: st.DrawFn) -> str:
    response = ET.Element("Response")
    for verb in draw(st.lists(twiml_verb(), min_size=0, max_size=5)):
        response.append(verb)
    return ET.tostring(response, encoding="unicode")


NCCO_ACTION = st.one_of(
    st.fixed_dictionaries(
        {"action": st.just("talk"), "text": TEXT},
        optional={
            "language": st.sampled_from(["en-GB", "xx"]),
            "bargeIn": st.booleans(),
            "style": st.integers(0, 5),
            "loop": st.integers(0, 3),
        },
    ),
    st.fixed_dictionaries(
        {"action": st.just("stream"), "streamUrl": st.lists(URLS, min_size=1, max_size=2)},
        optional={"bargeIn": st.booleans(), "loop": st.integers(0, 3), "level": st.floats(-1, 1)},
    ),
    st.fixed_dictionaries(
        {"action": st.just("input")},
        optional={
            "type": st.sampled_from([["dtmf"], ["speech"], ["dtmf", "speech"]]),
            "dtmf": st.fixed_dictionaries(
                {},
                optional={
                    "maxDigits": st.integers(1, 20),
                    "timeOut": st.integers(0, 10),
                    "submitOnHash": st.booleans(),
                },
            ),
            "speech": st.fixed_dictionaries(
                {},
                optional={
                    "endOnSilence": st.floats(0.4, 10),
                    "language": st.just("en-US"),
                    "context": st.lists(TEXT, max_size=2),
                },
            ),
            "eventUrl": st.lists(URLS, min_size=1, max_size=1),
        },
    ),
    st.fixed_dictionaries(
        {
            "action": st.just("connect"),
            "endpoint": st.lists(
                st.one_of(
                    st.fixed_dictionaries({"type": st.just("phone"), "number": NUMBERS}),
                    st.fixed_dictionaries(
                        {"type": st.just("sip"), "uri": st.just("sip:a@b.example.com")}
                    ),
                    st.fixed_dictionaries({"type": st.just("websocket"), "uri": URLS}),
                    st.fixed_dictionaries({"type": st.just("app"), "user": TEXT}),
                ),
                min_size=1,
                max_size=2,
            ),
        },
        optional={
            "from": NUMBERS,
            "timeout": st.integers(0, 100),
            "limit": st.integers(0, 9000),
            "eventType": st.just("synchronous"),
            "eventUrl": st.lists(URLS, min_size=1, max_size=1),
        },
    ),
    st.fixed_dictionaries(
        {"action": st.just("conversation"), "name": TEXT},
        optional={"startOnEnter": st.booleans(), "record": st.booleans(), "musicOnHoldUrl": URLS},
    ),
    st.fixed_dictionaries(
        {"action": st.just("record")},
        optional={
            "endOnSilence": st.integers(3, 10),
            "endOnKey": st.sampled_from(["#", "1"]),
            "timeOut": st.integers(3, 7200),
            "beepStart": st.booleans(),
            "eventUrl": st.lists(URLS, min_size=1, max_size=1),
        },
    ),
    st.fixed_dictionaries({"action": st.just("wait")}, optional={"timeout": st.floats(0.1, 20)}),
    st.fixed_dictionaries(
        {
            "action": st.just("notify"),
            "payload": st.just({"a": 1}),
            "eventUrl": st.lists(URLS, min_size=1, max_size=1),
        }
    ),
    st.fixed_dictionaries({"action": st.just("transfer"), "conversationId": TEXT}),
)


def _check(document: str, source: str) -> None:
    for target in ("twiml", "ncco", "plivo"):
        try:
            result = translate(document, source, target)  # type: ignore[arg-type]
        except MarkupError:
            continue
        assert_accepted(target, result.output)
        assert result.complete == all(item.severity.value != "lost" for item in result.report)


@SETTINGS
@given(twiml_document())
def test_random_twiml(document: str) -> None:
    _check(document, "twiml")


@SETTINGS
@given(st.lists(NCCO_ACTION, min_size=1, max_size=5))
def test_random_ncco(actions: list[dict[str, Any]]) -> None:
    _check(json.dumps(actions), "ncco")


@st.composite
def plivo_element(draw: st.DrawFn, depth: int = 0) -> ET.Element:
    kind = draw(
        st.sampled_from(
            [
                "Speak",
                "Play",
                "Wait",
                "DTMF",
                "GetDigits",
                "GetInput",
                "Dial",
                "Conference",
                "Record",
                "Hangup",
                "Redirect",
                "Message",
                "Stream",
                "PreAnswer",
                "MultiPartyCall",
            ]
        )
    )
    if kind == "Speak":
        return _element(
            "Speak",
            draw(TEXT),
            voice=draw(st.sampled_from([None, "WOMAN", "MAN", "Polly.Brian", "Polly.Nobody"])),
            language=draw(st.sampled_from([None, "en-GB", "de-DE", "xx-XX"])),
            loop=draw(SMALL),
        )
    if kind == "Play":
        return _element("Play", draw(URLS), loop=draw(SMALL))
    if kind == "Wait":
        return _element("Wait", length=draw(SMALL), beep=draw(st.sampled_from([None, "true"])))
    if kind == "DTMF":
        return _element("DTMF", draw(st.sampled_from(["12#", "w1", ""])))
    if kind in ("GetDigits", "GetInput") and depth == 0:
        element = _element(
            kind,
            action=draw(st.sampled_from([None, "https://x.example.com/g"])),
            timeout=draw(SMALL),
            numDigits=draw(SMALL),
            digitTimeout=draw(SMALL),
            inputType=draw(st.sampled_from([None, "dtmf", "speech", "dtmf speech"]))
            if kind == "GetInput"
            else None,
            speechEndTimeout=draw(SMALL) if kind == "GetInput" else None,
        )
        for _ in range(draw(st.integers(0, 2))):
            element.append(_element("Speak", draw(TEXT)))
        return element
    if kind == "Dial":
        dial = _element(
            "Dial",
            callerId=draw(NUMBERS),
            timeout=draw(SMALL),
            action=draw(st.sampled_from([None, "https://x.example.com/d"])),
        )
        for _ in range(draw(st.integers(0, 2))):
            if draw(st.booleans()):
                dial.append(
                    _element(
                        "Number", draw(NUMBERS), sendDigits=draw(st.sampled_from([None, "ww12"]))
                    )
                )
            else:
                dial.append(
                    _element(
                        "User",
                        "sip:a@b.example.com",
                        sipHeaders=draw(st.sampled_from([None, "a=1,b=2"])),
                    )
                )
        return dial
    if kind == "Conference":
        return _element(
            "Conference",
            draw(TEXT),
            enterSound=draw(st.sampled_from([None, "beep:1", "https://x.example.com/in.mp3"])),
            waitSound=draw(URLS),
            record=draw(st.sampled_from([None, "true", "false"])),
        )
    if kind == "Record":
        return _element(
            "Record",
            action=draw(st.sampled_from([None, "https://x.example.com/r"])),
            redirect=draw(st.sampled_from([None, "false", "true"])),
            recordSession=draw(st.sampled_from([None, "true"])),
            startOnDialAnswer=draw(st.sampled_from([None, "true"])),
            maxLength=draw(SMALL),
        )
    if kind == "Hangup":
        return _element("Hangup", reason=draw(st.sampled_from([None, "rejected", "busy", "odd"])))
    if kind == "Redirect":
        return _element("Redirect", draw(URLS))
    if kind == "Message":
        return _element("Message", draw(TEXT), src=draw(NUMBERS), dst=draw(NUMBERS))
    if kind == "Stream":
        return _element(
            "Stream",
            draw(URLS),
            bidirectional=draw(st.sampled_from([None, "true", "false"])),
            audioTrack=draw(st.sampled_from([None, "inbound", "both"])),
            extraHeaders=draw(st.sampled_from([None, "a=1"])),
        )
    if kind == "PreAnswer" and depth == 0:
        pre = _element("PreAnswer")
        pre.append(draw(plivo_element(depth=1)))
        return pre
    return _element("MultiPartyCall", "room", role="customer")


@SETTINGS
@given(st.lists(plivo_element(), min_size=0, max_size=5))
def test_random_plivo(elements: list[ET.Element]) -> None:
    response = ET.Element("Response")
    response.extend(elements)
    _check(ET.tostring(response, encoding="unicode"), "plivo")
