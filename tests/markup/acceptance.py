"""Independent checks that a translated document is one each vendor's own tooling accepts.

NCCO: Vonage's published schema (the reference copy in shared/ beside the checkout, or the packaged copy when
that is absent) plus the vonage-voice SDK's pydantic NCCO models. Plivo XML and TwiML: parsed and
rebuilt element by element through the plivo / twilio SDK classes, which must give back the same
text (an attribute or child the SDK does not know would vanish or raise).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from vonage_voice.models import connect_endpoints, ncco

from migrator.markup import plivo_sdk, twiml_sdk
from migrator.markup.ncco_schema import schema as packaged_schema

REFERENCE_SCHEMA = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "reference"
    / "specs"
    / "vonage"
    / "ncco-schema.json"
)

_SDK_MODELS: dict[str, Any] = {
    "talk": ncco.Talk,
    "stream": ncco.Stream,
    "input": ncco.Input,
    "record": ncco.Record,
    "conversation": ncco.Conversation,
    "wait": ncco.Wait,
    "notify": ncco.Notify,
}
_SDK_ENDPOINTS: dict[str, Any] = {
    "phone": connect_endpoints.PhoneEndpoint,
    "sip": connect_endpoints.SipEndpoint,
    "websocket": connect_endpoints.WebsocketEndpoint,
    "app": connect_endpoints.AppEndpoint,
}


def reference_schema() -> dict[str, Any]:
    if REFERENCE_SCHEMA.is_file():
        loaded: dict[str, Any] = json.loads(REFERENCE_SCHEMA.read_text())
        return loaded
    return packaged_schema()


def assert_ncco_accepted(text: str) -> None:
    actions = json.loads(text)
    assert isinstance(actions, list) and actions, "an NCCO is a non-empty array"
    schema = reference_schema()
    one_action = Draft4Validator(
        {"definitions": schema["definitions"], "$ref": "#/definitions/ncco"}
    )
    for action in actions:
        name = action["action"]
        if name not in ("wait", "notify"):  # newer than the published schema
            errors = [e.message for e in one_action.iter_errors(action)]
            assert not errors, f"{name}: {errors}"
        if name in _SDK_MODELS:
            data = dict(action)
            if isinstance(data.get("musicOnHoldUrl"), str):
                # The published schema has a string here, the current SDKs a one-URL array;
                # the output follows the schema, so check the rest of the action with the SDK.
                data["musicOnHoldUrl"] = [data["musicOnHoldUrl"]]
            _SDK_MODELS[name].model_validate(data)
        if name == "connect":
            for endpoint in action["endpoint"]:
                data = {
                    ("contentType" if k == "content-type" else k): v for k, v in endpoint.items()
                }
                _SDK_ENDPOINTS[endpoint["type"]].model_validate(data)


def assert_plivo_accepted(text: str) -> None:
    assert plivo_sdk.rebuild(text) == text


def assert_twiml_accepted(text: str) -> None:
    assert twiml_sdk.rebuild(text) == text


def assert_accepted(target: str, text: str) -> None:
    if target == "ncco":
        if text:
            assert_ncco_accepted(text)
    elif target == "plivo":
        assert_plivo_accepted(text)
    else:
        assert_twiml_accepted(text)
