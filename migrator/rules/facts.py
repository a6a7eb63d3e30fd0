"""The facts the assessment computes for each kind of item: the vocabulary rules may use.

The table loader checks every rule against this list, and the assessor's tests check that it
produces exactly these facts, so a typo in the table fails loudly instead of never firing.
"""

from __future__ import annotations

_COMMON = frozenset(
    {
        "source",
        "target",
        "source_markup",
        "target_markup",
        "target_app_label",
    }
)

NUMBER_FACTS = _COMMON | frozenset(
    {
        "strategy",
        "moves",
        "country",
        "number_type",
        "capabilities",
        "has_voice",
        "has_sms",
        "port_path",
        "port_path_label",
        "port_confirmed",
        "lead_time",
        "port_documents",
        "port_out",
        "type_offered",
        "target_missing",
        "core_missing",
        "accepted_missing",
        "extra_missing",
        "buys_replacement",
        "has_route",
        "vendor_hosted_route",
        "hosted_labels",
        "placeholder_open",
        "not_carried",
        "sip_route",
        "in_messaging_service",
        "messaging_service",
        "messaging_service_outcome",
        "in_trunk",
        "trunk",
        "emergency_address",
        "in_subaccount",
        "account",
    }
)

WEBHOOK_FACTS = _COMMON | frozenset(
    {
        "url",
        "uses",
        "purposes",
        "purpose_labels",
        "method",
        "hosted_by",
        "hosted_label",
        "hosted_what",
        "hosted_fix",
        "vendor_hosted",
        "customer_hosted",
        "sip",
        "placeholder_open",
        "replacement",
        "returns_markup",
        "markup_known",
        "markup_changes",
        "payload_changes",
        "source_payload",
        "target_payload",
        "call_id_changes",
        "source_call_id",
        "target_call_id",
        "signature_changes",
        "target_signature",
        "has_credentials",
        "inline_reply_lost",
        "method_forced",
        "forced_method",
        "sms_request_changes",
        "source_sms_request",
        "target_sms_request",
        "sms_setup",
        "sms_setup_fix",
        "translation",
        "translation_lost",
        "translation_error",
    }
)

APPLICATION_FACTS = _COMMON | frozenset(
    {
        "name",
        "created",
        "numbers",
        "carried",
        "not_carried",
        "filled",
        "new_key_pair",
        "own_public_key",
    }
)

OTHER_FACTS = _COMMON | frozenset(
    {
        "kind",
        "label",
        "name",
        "outcome",
        "becomes",
        "action",
        "numbers",
        "a2p_registered",
    }
)

FACTS: dict[str, frozenset[str]] = {
    "number": NUMBER_FACTS,
    "webhook": WEBHOOK_FACTS,
    "application": APPLICATION_FACTS,
    "other": OTHER_FACTS,
}
