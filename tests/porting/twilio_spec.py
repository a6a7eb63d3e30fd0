"""Twilio's numbers v1 OpenAPI schemas (shared/reference/specs/twilio) as JSON Schema validators.

OpenAPI 3.0 marks nulls with `nullable: true`; JSON Schema needs the null type listed. Objects
are closed here (no field the spec does not name) so a typo in the emulation shows.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SPEC = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "reference"
    / "specs"
    / "twilio"
    / "twilio_numbers_v1.json"
)


@cache
def _spec() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SPEC.read_text())
    return loaded


def _convert(node: Any, seen: tuple[str, ...] = ()) -> Any:
    if isinstance(node, list):
        return [_convert(item, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        target = _convert(_spec()["components"]["schemas"][name], (*seen, name))
        if node.get("nullable"):
            return {"anyOf": [target, {"type": "null"}]}
        return target
    converted = {
        k: _convert(v, seen)
        for k, v in node.items()
        if k not in ("nullable", "x-twilio", "example", "examples", "description")
    }
    if node.get("nullable") and "type" in converted:
        converted["type"] = [converted["type"], "null"]
        if "enum" in converted:
            converted["enum"] = [*converted["enum"], None]
    kinds = converted.get("type")
    is_object = kinds == "object" or (isinstance(kinds, list) and "object" in kinds)
    if is_object and "properties" in converted:
        converted.setdefault("additionalProperties", False)
    converted.pop("format", None)
    return converted


def schema(name: str) -> dict[str, Any]:
    converted: dict[str, Any] = _convert({"$ref": f"#/components/schemas/{name}"})
    return converted


def response_schema(path: str, method: str, status: str) -> dict[str, Any]:
    operation = _spec()["paths"][path][method]
    body = operation["responses"][status]["content"]["application/json"]["schema"]
    converted: dict[str, Any] = _convert(body)
    return converted


def validate(instance: Any, schema_: dict[str, Any]) -> None:
    jsonschema.validate(instance, schema_)


def available() -> bool:
    return SPEC.is_file()
