"""Input no vendor would accept is refused with a clear error, never half-translated."""

from __future__ import annotations

import pytest

from migrator.errors import MigratorError
from migrator.markup import (
    MalformedDocument,
    MarkupError,
    UnknownFormat,
    UnsafeDocument,
    detect_format,
    translate,
)

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Response><Say>&lol3;</Say></Response>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Response [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Response><Say>&xxe;</Say></Response>"""


def test_errors_are_migrator_errors() -> None:
    assert issubclass(MarkupError, MigratorError)
    for cls in (MalformedDocument, UnsafeDocument, UnknownFormat):
        assert issubclass(cls, MarkupError)


def test_malformed_xml_names_line_and_column() -> None:
    with pytest.raises(MalformedDocument) as caught:
        translate("<Response>\n  <Say>Hello</Sai>\n</Response>", None, "ncco")
    assert caught.value.line == 2
    assert caught.value.column is not None
    assert "line 2" in str(caught.value)


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_xml_bombs_and_external_entities_are_refused(document: str) -> None:
    with pytest.raises(UnsafeDocument) as caught:
        translate(document, "twiml", "plivo")
    assert caught.value.line == 2
    assert "lol" not in str(caught.value)


def test_dtd_alone_is_refused() -> None:
    with pytest.raises(UnsafeDocument):
        detect_format('<!DOCTYPE Response SYSTEM "http://example.com/t.dtd"><Response/>')


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(MalformedDocument) as caught:
        translate('[\n  {"action": "talk", "text": "hi"},\n  {"action": }\n]', None, "twiml")
    assert (caught.value.line, caught.value.column) == (3, 14)


@pytest.mark.parametrize(
    ("document", "needle"),
    [
        ("<Foo><Say>hi</Say></Foo>", "<Foo>"),
        ('{"action": "talk", "text": "hi"}', "array"),
        ('{"hello": 1}', "NCCO"),
        ('[{"text": "no action"}]', "[0]"),
        ("plain words", "neither"),
        ("   ", "empty"),
    ],
)
def test_unknown_documents(document: str, needle: str) -> None:
    with pytest.raises(MarkupError) as caught:
        translate(document, None, "twiml")
    assert needle in str(caught.value)


def test_declared_source_must_match() -> None:
    with pytest.raises(UnknownFormat):
        translate('[{"action": "talk", "text": "hi"}]', "twiml", "plivo")
    with pytest.raises(UnknownFormat):
        translate("<Response><Say>hi</Say></Response>", "ncco", "plivo")


def test_oversized_and_deeply_nested_documents() -> None:
    with pytest.raises(MalformedDocument, match="bytes"):
        translate("<Response>" + "<Pause/>" * 200_000 + "</Response>", None, "ncco")
    with pytest.raises(MalformedDocument, match="nested"):
        translate("<Response>" + "<Say>" * 100 + "</Say>" * 100 + "</Response>", None, "ncco")
    with pytest.raises(MalformedDocument, match="nested"):
        translate("[" * 5000 + "]" * 5000, None, "twiml")


def test_invalid_ssml_inside_ncco_talk() -> None:
    with pytest.raises(MalformedDocument, match=r"\[0\] talk"):
        translate('[{"action": "talk", "text": "<speak>oops<break></speak>"}]', None, "twiml")


def test_unknown_target_is_a_usage_error() -> None:
    with pytest.raises(MigratorError, match="target"):
        translate("<Response/>", None, "vxml")  # type: ignore[arg-type]
