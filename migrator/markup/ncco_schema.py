"""Validation of NCCO documents against Vonage's published NCCO schema.

`ncco-schema.json` is a verbatim copy of Vonage's schema (Nexmo/api-specification at commit
ad04200, MIT licence, Copyright (c) 2017-2018 Nexmo Ltd.). It predates two actions Vonage documents
today, `wait` and `notify`; those are checked against their documented fields instead.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft4Validator

# Documented fields of the two actions the published schema lacks (developer.vonage.com NCCO
# reference; vonage-voice 1.5.1 models Wait and Notify).
_SUPPLEMENT: dict[str, dict[str, Any]] = {
    "wait": {
        "type": "object",
        "properties": {
            "action": {"enum": ["wait"]},
            "timeout": {"type": "number", "minimum": 0.1, "maximum": 7200},
        },
        "required": ["action"],
        "additionalProperties": False,
    },
    "notify": {
        "type": "object",
        "properties": {
            "action": {"enum": ["notify"]},
            "payload": {"type": "object"},
            "eventUrl": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "pattern": "^https?://"},
            },
            "eventMethod": {"type": "string", "enum": ["GET", "POST"]},
        },
        "required": ["action", "payload", "eventUrl"],
        "additionalProperties": False,
    },
}


@cache
def schema() -> dict[str, Any]:
    text = resources.files("migrator.markup").joinpath("ncco-schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def tts_languages() -> frozenset[str]:
    """The talk languages the schema allows."""
    return frozenset(schema()["definitions"]["languages"]["enum"])


def _validator(definition: str) -> Draft4Validator:
    return Draft4Validator({"definitions": schema()["definitions"], "$ref": definition})


def errors(ncco: Any) -> list[str]:
    """Every way the document breaks the schema (empty when it is valid)."""
    if not isinstance(ncco, list):
        return ["an NCCO must be a JSON array of actions"]
    if not ncco:
        return ["an NCCO needs at least one action"]
    problems: list[str] = []
    any_action = _validator("#/definitions/ncco")
    for index, action in enumerate(ncco):
        name = action.get("action") if isinstance(action, dict) else None
        if name in _SUPPLEMENT:
            found = list(Draft4Validator(_SUPPLEMENT[name]).iter_errors(action))
        elif any_action.is_valid(action):
            found = []
        elif isinstance(name, str) and f"ncco-{name}" in schema()["definitions"]:
            found = list(_validator(f"#/definitions/ncco-{name}").iter_errors(action))
            if not found:
                problems.append(f"[{index}] {name}: does not match the NCCO schema")
        else:
            problems.append(f"[{index}]: unknown action {name!r}")
            continue
        for error in found:
            where = "/".join(str(part) for part in error.absolute_path)
            problems.append(f"[{index}] {name}{'.' + where if where else ''}: {error.message}")
    return problems
