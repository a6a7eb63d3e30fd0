"""Deep redaction of plain data before it leaves the migration file."""

from __future__ import annotations

from typing import Any

import orjson

from migrator.model.urls import redact_url


def redact_data(value: Any) -> Any:
    """Every URL-looking string, anywhere in nested data, with its credentials hidden.

    Dicts and lists with no URL anywhere inside are returned as they are rather than copied: one
    orjson encoding per container tells (a plan of 20,000 actions names a URL in few of them),
    where a Python walk would visit every value; so a tuple in such a container stays a tuple
    (same JSON). Each distinct URL is parsed once.
    """
    redacted: dict[str, str] = {}

    def walk(value: Any) -> Any:
        kind = type(value)
        if kind is dict:
            return {k: walk(v) if _may_hold_url(v) else v for k, v in value.items()}
        if kind is list:
            return [walk(v) if _may_hold_url(v) else v for v in value]
        if isinstance(value, str):
            if "://" not in value:
                return value
            found = redacted.get(value)
            if found is None:
                found = redacted[value] = redact_url(value)
            return found
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    return walk(value)


_SCALARS = frozenset({int, float, bool, type(None)})


def _may_hold_url(value: Any) -> bool:
    """False only when `value` certainly holds no URL (and so needs no copy)."""
    kind = type(value)
    if kind is str:
        return "://" in value
    if kind in _SCALARS:
        return False
    if kind is dict or kind is list:
        try:
            return b"://" in orjson.dumps(value)
        except TypeError:  # orjson.JSONEncodeError is one: a value only the walk understands
            return True
    return True  # tuples become lists, other types are looked at by the walk
