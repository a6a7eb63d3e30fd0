"""Compact JSON text at orjson's speed, as the standard library's encoder writes it.

Migration files, fingerprints and `--json` output were written by `json.dumps(value,
separators=(",", ":"))`, which escapes every non-ASCII character (ensure_ascii); orjson writes
UTF-8. `dumps` encodes with orjson and escapes the same characters the same way, so the text is
unchanged; whatever orjson refuses (an int beyond 64 bits, a lone surrogate, a non-text dict key,
nesting deeper than 255) or may spell otherwise (a float below 1e-4) is encoded by the json
module instead. One difference is left: orjson writes a NaN or infinite float as null (json
writes NaN and Infinity, which JSON itself does not allow, so no vendor API sends them);
migrator.model.serialize.canonical_data keeps even those where a hash depends on it.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from typing import Any

import orjson


def _escape_run(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: json's \\uXXXX escapes (surrogate pairs beyond the BMP) for the
    characters ASCII cannot encode."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code < 0x10000:
            escaped.append(f"\\u{code:04x}")
        else:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}")
    return "".join(escaped), error.end


_ERRORS = "migrator-json-escape"
codecs.register_error(_ERRORS, _escape_run)


def ascii_text(data: bytes) -> str:
    """orjson output as json.dumps (ensure_ascii) writes it. Stretches of plain ASCII are
    decoded as they are; the codec escapes the others, calling back once per run of
    non-ASCII characters (a regular expression over a 100 MB plan takes seconds)."""
    if data.isascii() and b"\x7f" not in data:
        return data.decode("ascii")
    view = memoryview(data)
    return "".join(_escaped(view[start:end]) for start, end in _stretches(data))


def ascii_bytes(data: bytes) -> bytes:
    """orjson output as the UTF-8 of what json.dumps (ensure_ascii) writes."""
    if data.isascii() and b"\x7f" not in data:
        return data
    return ascii_text(data).encode("ascii")


_STRETCH = 1 << 18


def _stretches(data: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive stretches of about _STRETCH bytes, never inside a UTF-8
    sequence."""
    start, size = 0, len(data)
    while start < size:
        end = min(start + _STRETCH, size)
        while end < size and 0x80 <= data[end] < 0xC0:
            end += 1
        yield start, end
        start = end


def _escaped(stretch: memoryview) -> str:
    try:
        text: str = codecs.ascii_decode(stretch)[0]
    except UnicodeDecodeError:
        text = codecs.utf_8_decode(stretch)[0]
        if not text.isascii():
            text = text.encode("ascii", _ERRORS).decode("ascii")
    # ensure_ascii escapes DEL too, though it is ASCII
    return text.replace("\x7f", "\\u007f") if "\x7f" in text else text


def spells_floats_alike(data: bytes) -> bool:
    """False when orjson's output may hold a float the json module spells otherwise: orjson
    writes a number below 1e-4 as 0.00001 (json: 1e-05) or 1.5e-7 (json: 1.5e-07). A text
    that only looks like one (a name "line-1e-5") makes it False too, which costs only time.
    Both searches run over one stretch at a time, while it is in the processor's cache."""
    size = len(data)
    for start, end in _stretches(data):
        if data.find(b"0.0000", start, min(end + 5, size)) != -1:
            return False
        found = data.find(b"e-", start, end + 1)
        while found != -1:
            if found and 0x30 <= data[found - 1] <= 0x39:
                return False
            found = data.find(b"e-", found + 2, end + 1)
    return True


def orjson_text(
    value: Any, option: int = 0, default: Callable[[Any], Any] | None = None
) -> str | None:
    """orjson.dumps(value) as json.dumps would write it, or None when orjson refuses the
    value or may spell one of its floats otherwise (the json module must encode it). The
    encoded bytes are let go before the text is joined: a 100 MB plan is then held twice at
    most, not three times."""
    try:
        data = orjson.dumps(value, default=default, option=option)
    except TypeError:  # orjson.JSONEncodeError is one
        return None
    if not spells_floats_alike(data):
        return None
    if data.isascii() and b"\x7f" not in data:
        return data.decode("ascii")
    view = memoryview(data)
    pieces = [_escaped(view[start:end]) for start, end in _stretches(data)]
    view.release()
    del view, data
    return "".join(pieces)


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
    text = orjson_text(value, option, default)
    if text is None:
        return json.dumps(value, separators=(",", ":"), sort_keys=sort_keys, default=default)
    return text


def loads(text: str | bytes) -> Any:
    """json.loads, by orjson unless the text has what only the json module reads (NaN,
    Infinity, integers beyond 64 bits, lone surrogates)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
