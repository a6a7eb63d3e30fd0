"""Locating a JSON path in the document's text (import problems by line and column)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.vendors.json_positions import JsonPositions, PathPart

DOCUMENT = """{
  "format": "migrator-import",
  "note": "a string with { [ \\" , : inside",
  "numbers": [
    {"number": "+14155550100"},
    {"number": "+14155550101", "webhooks": []},
    {
      "number": "+14155550102",
      "webhooks": [{"purpose": "voice_answer", "url": "ftp://x"}]
    }
  ]
}"""

_KEYS = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=6)
_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=6)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
)


def _paths(data: Any, prefix: tuple[PathPart, ...] = ()) -> list[tuple[PathPart, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _at(data: Any, path: tuple[PathPart, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def test_a_member_is_found_at_its_key_and_an_element_at_itself() -> None:
    positions = JsonPositions(DOCUMENT)
    assert positions.position(["numbers", 2, "webhooks", 0, "url"]) == (9, 48)
    assert positions.position(["numbers", 1]) == (6, 5)
    assert positions.position(["format"]) == (2, 3)
    assert positions.position([]) == (1, 1)


def test_a_missing_step_stops_where_the_path_was_found() -> None:
    positions = JsonPositions(DOCUMENT)
    assert positions.position(["numbers", 7, "url"]) == positions.position(["numbers"])
    assert positions.element_offsets(["applications"]) == []
    assert positions.element_offsets(["format"]) == []  # not an array


def test_every_element_of_an_array_in_one_pass() -> None:
    positions = JsonPositions(DOCUMENT)
    starts = positions.element_offsets(["numbers"])
    assert [positions.line_col(at)[0] for at in starts] == [5, 6, 7]
    inside = positions.offset(["webhooks", 0, "url"], start=starts[2])
    assert positions.line_col(inside) == (9, 48)


@settings(max_examples=200, deadline=None)
@given(data=_DATA, indent=st.sampled_from([None, 0, 2]))
def test_every_path_of_any_document_is_located(data: Any, indent: int | None) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    positions = JsonPositions(text)
    decoder = json.JSONDecoder()
    for path in _paths(data):
        found, _ = decoder.raw_decode(text, positions.offset(path))
        parent = _at(data, path[:-1])
        if isinstance(parent, dict):
            assert found == path[-1]  # the member's key
        else:
            assert found == _at(data, path)  # the element itself
