"""Compact JSON text at orjson's speed, as the standard library's encoder writes it.

Migration files, fingerprints and `--json` output were written by `json.dumps(value,
separators=(",", ":"))`, which escapes every non-ASCII character (ensure_ascii); orjson writes
UTF-8. `dumps` encodes with orjson and escapes the same characters the same way, so the text is
unchanged; whatever orjson refuses (an int beyond 64 bits, a lone surrogate, a non-text dict key,
nesting deeper than 255) is encoded by the json module instead. Floats are the one difference
left: orjson writes 1e-05 as 0.00001 (the same number) and NaN or Infinity as null;
migrator.model.serialize.canonical_data gives floats as the json module's text where a hash
depends on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import orjson

_ESCAPED = re.compile("[\x7f-\U0010ffff]")
"""What ensure_ascii escapes beyond what orjson already escapes (controls, quote, backslash)."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"


def ascii_text(data: bytes) -> str:
    """orjson output as json.dumps (ensure_ascii) writes it."""
    if data.isascii() and b"\x7f" not in data:
        return data.decode("ascii")
    return _ESCAPED.sub(_escape, data.decode("utf-8"))


def ascii_bytes(data: bytes) -> bytes:
    """orjson output as the UTF-8 of what json.dumps (ensure_ascii) writes."""
    if data.isascii() and b"\x7f" not in data:
        return data
    return _ESCAPED.sub(_escape, data.decode("utf-8")).encode("ascii")


def dumps(
    value: Any,
    *,
    sort_keys: bool = False,
    default: Callable[[Any], Any] | None = None,
    non_str_keys: bool = False,
) -> str:
    """json.dumps(value, separators=(",", ":"), sort_keys=sort_keys, default=default).

    orjson encodes dataclasses by itself (fields in definition order, skipping names that start
    with "_") and enums as their values, before `default` would see them. `non_str_keys` lets
    enum, int, bool and None dict keys through as json.dumps writes them (to_data's str(key) of a
    bool is "True" where JSON says "true": leave it off for data that went through to_data).
    """
    option = (orjson.OPT_SORT_KEYS if sort_keys else 0) | (
        orjson.OPT_NON_STR_KEYS if non_str_keys else 0
    )
    try:
        return ascii_text(orjson.dumps(value, default=default, option=option))
    except TypeError:  # orjson.JSONEncodeError is one
        return json.dumps(value, separators=(",", ":"), sort_keys=sort_keys, default=default)


def loads(text: str | bytes) -> Any:
    """json.loads, by orjson unless the text has what only the json module reads (NaN,
    Infinity, integers beyond 64 bits, lone surrogates)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
