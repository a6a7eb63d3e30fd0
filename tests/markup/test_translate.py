"""Behaviour of the translator beyond the corpus: the public API, defaults, limits, voices."""

from __future__ import annotations

import json

import pytest
from plivo.exceptions import PlivoXMLError, ValidationError
from twilio.twiml import TwiMLException

from migrator.markup import (
    Severity,
    detect_format,
    ncco_schema,
    plivo_sdk,
    translate,
    twiml_sdk,
    voices,
)
from tests.markup.acceptance import assert_accepted


def _voice(body: str) -> str:
    return f"<Response>{body}</Response>"


# ---- public API -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("<Response><Say>Hi</Say></Response>", "twiml"),
        ("<Response><Speak>Hi</Speak></Response>", "plivo"),
        ('[{"action": "talk", "text": "Hi"}]', "ncco"),
        ("\ufeff  <Response><Play>https://x.example.com/a.mp3</Play></Response>", "twiml"),
        ('<Response><Message src="1415" dst="1416">Hi</Message></Response>', "plivo"),
        ('<Response><Message to="+1415">Hi</Message></Response>', "twiml"),
        ("<Response><Conference>room</Conference></Response>", "plivo"),
        ("<Response><Dial><User>sip:a@b.c</User></Dial></Response>", "plivo"),
    ],
)
def test_detect_format(document: str, expected: str) -> None:
    assert detect_format(document) == expected


def test_translation_result_shape() -> None:
    result = translate(_voice("<Say>Hi</Say><Pay/>"), None, "ncco")
    assert result.source == "twiml" and result.target == "ncco"
    assert result.media_type == "application/json" and result.extension == ".json"
    assert not result.complete
    as_dict = result.to_dict()
    assert as_dict["complete"] is False
    assert as_dict["report"][0]["severity"] == "lost"
    line = result.report[0].line()
    assert line.startswith("lost") and "<Pay>" in line and "Fix:" in line
    plivo = translate(_voice("<Say>Hi</Say>"), "twiml", "plivo")
    assert plivo.complete and plivo.report == []
    assert plivo.media_type == "application/xml" and plivo.extension == ".xml"


def test_unreachable_verbs_are_noted_and_dropped() -> None:
    result = translate(
        _voice("<Say>Bye</Say><Hangup/><Say>never</Say><Play>x</Play>"), None, "plivo"
    )
    assert "never" not in result.output
    notes = [item for item in result.report if item.severity is Severity.NOTE]
    assert [item.what for item in notes] == ["<Say>", "<Play>"]
    assert all("never runs" in item.why for item in notes)
    dial = translate(
        _voice('<Dial action="https://x.example.com/a">+14155551234</Dial><Say>after</Say>'),
        None,
        "ncco",
    )
    assert "after" not in dial.output


def test_invalid_attribute_values_are_reported() -> None:
    result = translate(_voice('<Gather numDigits="one"><Say>Hi</Say></Gather>'), None, "plivo")
    item = next(i for i in result.report if "numDigits" in i.what)
    assert item.severity is Severity.LOST and "'one'" in item.why
    assert "numDigits" not in result.output


def test_unknown_twiml_attributes_survive_twiml_and_are_reported_elsewhere() -> None:
    document = _voice('<Say voice="man" futureFlag="on">Hi</Say>')
    assert 'futureFlag="on"' in translate(document, None, "twiml").output
    lost = translate(document, None, "plivo").report
    assert any(item.what == "<Say> futureFlag" and item.severity is Severity.LOST for item in lost)


# ---- NCCO specifics ---------------------------------------------------------------------------


def test_long_text_is_split_into_talk_actions() -> None:
    sentence = "This sentence is part of a very long announcement. "
    result = translate(_voice(f"<Say>{sentence * 60}</Say>"), None, "ncco")
    talks = json.loads(result.output)
    assert len(talks) == 3
    assert all(len(talk["text"]) <= 1500 for talk in talks)
    assert " ".join(talk["text"] for talk in talks) == (sentence * 60).strip()
    assert any(item.severity is Severity.CHANGED for item in result.report)


def test_empty_ncco_gets_a_stand_in_action() -> None:
    result = translate(_voice("<Hangup/>"), None, "ncco")
    assert json.loads(result.output) == [{"action": "wait", "timeout": 0.1}]
    assert result.complete
    assert_accepted("ncco", result.output)


def test_gather_defaults_become_explicit_in_ncco() -> None:
    result = translate(_voice('<Gather action="https://x.example.com/g"/>'), None, "ncco")
    (action,) = json.loads(result.output)
    assert action["dtmf"] == {"timeOut": 5, "maxDigits": 20, "submitOnHash": True}
    long = translate(_voice('<Gather timeout="30" numDigits="25" finishOnKey="*"/>'), None, "ncco")
    (action,) = json.loads(long.output)
    assert action["dtmf"] == {"timeOut": 10, "maxDigits": 20, "submitOnHash": False}
    whats = {item.what for item in long.report}
    assert {"<Gather> timeout", "<Gather> numDigits", "<Gather> finishOnKey"} <= whats


def test_ncco_input_defaults_become_explicit_in_twiml() -> None:
    document = '[{"action": "input", "type": ["dtmf"], "eventUrl": ["https://x.example.com/i"]}]'
    result = translate(document, None, "twiml")
    assert 'numDigits="4"' in result.output and 'timeout="3"' in result.output
    assert 'finishOnKey=""' in result.output and 'actionOnEmptyResult="true"' in result.output


def test_ncco_legacy_input_fields_are_read() -> None:
    document = '[{"action": "input", "maxDigits": 2, "timeOut": 7, "submitOnHash": true}]'
    result = translate(document, None, "plivo")
    assert 'numDigits="2"' in result.output and 'timeout="7"' in result.output


def test_phone_numbers_change_shape_between_vendors() -> None:
    result = translate(_voice("<Dial>+1 (415) 555-1234</Dial>"), None, "ncco")
    assert json.loads(result.output)[0]["endpoint"][0]["number"] == "14155551234"
    short = translate(_voice("<Dial><Number>911</Number></Dial>"), None, "ncco")
    assert any(item.severity is Severity.LOST and "911" in item.what for item in short.report)
    back = translate(
        '[{"action": "connect", "endpoint": [{"type": "phone", "number": "447700900000"}]}]',
        None,
        "twiml",
    )
    assert "<Number>+447700900000</Number>" in back.output


def test_template_placeholders_are_not_passed_as_numbers() -> None:
    result = translate(_voice("<Dial>{{To}}</Dial>"), None, "ncco")
    assert not result.complete
    assert any("{{To}}" in item.what for item in result.report)


def test_relative_urls_cannot_go_to_ncco() -> None:
    result = translate(_voice("<Play>/audio/hello.mp3</Play>"), None, "ncco")
    assert not result.complete
    assert "/audio/hello.mp3" not in result.output


def test_schema_validator_finds_problems() -> None:
    assert ncco_schema.errors([]) == ["an NCCO needs at least one action"]
    assert ncco_schema.errors({"action": "talk"}) == ["an NCCO must be a JSON array of actions"]
    problems = ncco_schema.errors([{"action": "talk"}, {"action": "wait", "timeout": 0}])
    assert any("'text' is a required property" in p for p in problems)
    assert any("[1] wait" in p for p in problems)
    assert (
        ncco_schema.errors([{"action": "notify", "payload": {}, "eventUrl": ["https://a.b/c"]}])
        == []
    )


# ---- voices ---------------------------------------------------------------------------------


def test_voice_table() -> None:
    polly = voices.read_twiml("Polly.Joanna-Neural", "fr-FR")
    assert (polly.polly, polly.language, polly.premium) == ("Joanna", "en-US", True)
    languages = ncco_schema.tts_languages()
    assert voices.to_vonage(polly, languages).language == "en-US"
    assert voices.to_plivo(polly, needs_ssml=False).voice == "Polly.Joanna"
    assert "standard" in voices.to_plivo(polly, needs_ssml=False).change
    chinese = voices.read_twiml("alice", "zh-CN")
    assert voices.to_vonage(chinese, languages).language == "cmn-CN"
    assert voices.to_twiml(voices.read_plivo("WOMAN", "ja-JP")).voice == "Polly.Mizuki"
    assert voices.to_twiml(voices.read_plivo("MAN", "en-GB")).voice == "man"
    ssml = voices.to_plivo(voices.read_twiml("man", "de-DE"), needs_ssml=True)
    assert ssml.voice == "Polly.Hans" and "SSML" in ssml.change
    unknown = voices.to_vonage(voices.read_twiml(None, "xx-YY"), languages)
    assert unknown.language is None and "xx-YY" in unknown.change
    assert voices.to_twiml(voices.read_ncco(None, "Brian")).voice == "Polly.Brian"


# ---- SDK acceptance helpers really refuse bad documents -------------------------------------


def test_twilio_sdk_rebuild_refuses_what_the_sdk_does_not_define() -> None:
    with pytest.raises(TwiMLException):
        twiml_sdk.rebuild("<Response><Gather><Dial>+14155551234</Dial></Gather></Response>")
    with pytest.raises(TwiMLException):
        twiml_sdk.rebuild("<Response><Speak>Hi</Speak></Response>")


def test_plivo_sdk_rebuild_refuses_what_the_sdk_does_not_define() -> None:
    with pytest.raises(PlivoXMLError):
        plivo_sdk.rebuild("<Response><Speak><Dial/></Speak></Response>")
    with pytest.raises(PlivoXMLError):
        plivo_sdk.rebuild('<Response><Speak sayWhat="x">Hi</Speak></Response>')
    with pytest.raises(PlivoXMLError):
        plivo_sdk.rebuild("<Response><Say>Hi</Say></Response>")
    with pytest.raises(ValidationError, match="audioTrack"):
        plivo_sdk.rebuild('<Response><Stream audioTrack="sideways">wss://x</Stream></Response>')
    with pytest.raises(ValidationError, match="int"):
        plivo_sdk.rebuild('<Response><Dial timeout="soon"><Number>1415</Number></Dial></Response>')


# ---- round trips ----------------------------------------------------------------------------

ROUND_TRIP = _voice(
    '<Say voice="Polly.Amy">Hello</Say>'
    '<Gather action="https://x.example.com/g" numDigits="2" timeout="6">'
    "<Play>https://x.example.com/menu.mp3</Play></Gather>"
    '<Dial callerId="+14155550100" timeout="20"><Number>+14155551234</Number></Dial>'
)


@pytest.mark.parametrize("via", ["plivo", "ncco"])
def test_twiml_survives_a_round_trip(via: str) -> None:
    there = translate(ROUND_TRIP, "twiml", via)  # type: ignore[arg-type]
    back = translate(there.output, via, "twiml")  # type: ignore[arg-type]
    for fragment in (
        "Hello",
        'action="https://x.example.com/g"',
        'numDigits="2"',
        'timeout="6"',
        "<Play>https://x.example.com/menu.mp3</Play>",
        'callerId="+14155550100"',
        "<Number>+14155551234</Number>",
    ):
        assert fragment in back.output, (via, fragment, back.output)
    assert back.complete


def test_packaged_schema_is_vonages_published_schema() -> None:
    from tests.markup.acceptance import REFERENCE_SCHEMA

    if not REFERENCE_SCHEMA.is_file():
        pytest.skip("the shared reference specs are not present")
    assert ncco_schema.schema() == json.loads(REFERENCE_SCHEMA.read_text())
