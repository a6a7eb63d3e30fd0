"""The mapping: default strategies from the table and the target, the admin's bulk rules and
overrides, applications and webhooks in the target's shape, placeholders for vendor-hosted
logic, items without an equivalent, and the stored document."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from migrator.engine.mapper import area_code, build_mapping
from migrator.model.enums import Capability, HostedBy, NumberType, OwnerKind, WebhookPurpose
from migrator.model.inventory import Inventory
from migrator.model.mapping import (
    PLACEHOLDER_HOST,
    Decisions,
    Mapping,
    Strategy,
    StrategyRule,
    is_placeholder,
    no_handler_url,
    required_key,
)
from tests.rules.inventories import (
    BIN_URL,
    STUDIO_URL,
    hook,
    number,
    plivo_source,
    sides,
    twilio_source,
    vonage_source,
)

P = WebhookPurpose


def mapping_of(source: Inventory, target: str, decisions: Decisions | None = None) -> Mapping:
    _, tgt = sides(source, target)
    return build_mapping(source, tgt, decisions)


def routed(mapping: Mapping, e164: str) -> dict[WebhookPurpose, str]:
    """Purpose -> URL of everything that answers the number on the target."""
    mapped = mapping.number(e164)
    hooks = dict(mapped.webhooks)
    for key in (mapped.sms_app, mapped.app):
        if key:
            hooks.update(mapping.application(key).webhooks)
    return {p: h.url for p, h in hooks.items()}


def strategies(mapping: Mapping) -> dict[str, Strategy]:
    return {m.e164: m.strategy for m in mapping.numbers}


# --- strategies ---------------------------------------------------------------------------------
def test_defaults_follow_the_targets_porting_paths() -> None:
    to_twilio = strategies(mapping_of(plivo_source(), "twilio"))
    assert to_twilio["+14155550300"] is Strategy.PORT  # US local: Porting API
    assert to_twilio["+18885550100"] is Strategy.PORT  # US toll-free: by console
    assert to_twilio["+16135550100"] is Strategy.REPLACE  # CA: no documented path into Twilio
    assert to_twilio["+442071838752"] is Strategy.REPLACE
    to_plivo = strategies(mapping_of(twilio_source(), "plivo"))
    assert to_plivo["+14155550100"] is Strategy.PORT
    assert to_plivo["+442071838750"] is Strategy.REPLACE  # Plivo ports US and CA only
    to_vonage = strategies(mapping_of(twilio_source(), "vonage"))
    assert set(to_vonage.values()) == {Strategy.PORT}  # by ticket, coverage unconfirmed


def test_decided_by_says_why() -> None:
    mapping = mapping_of(plivo_source(), "twilio")
    ported = mapping.number("+14155550300")
    assert ported.decided_by == "table"
    assert "Porting API" in ported.why
    replaced = mapping.number("+442071838752")
    assert "no known porting path" in replaced.why


def test_precedence_default_then_rules_then_overrides() -> None:
    decisions = Decisions(
        default_strategy=Strategy.KEEP,
        rules=(
            StrategyRule(Strategy.REPLACE, country="US"),
            StrategyRule(Strategy.RELEASE, number_type=NumberType.TOLLFREE),
            StrategyRule(Strategy.PORT, tag="sales"),
            StrategyRule(Strategy.PORT, app="AP1"),
        ),
        overrides={"+14155550103": Strategy.KEEP},
    )
    mapping = mapping_of(twilio_source(), "twilio", decisions)
    got = strategies(mapping)
    assert got["+442071838750"] is Strategy.KEEP  # only the default matches
    assert got["+14155550104"] is Strategy.REPLACE  # country rule
    assert got["+18005550100"] is Strategy.RELEASE  # the later type rule wins over country
    assert got["+14155550100"] is Strategy.PORT  # tag rule
    assert got["+14155550101"] is Strategy.PORT  # app rule
    assert got["+14155550103"] is Strategy.KEEP  # override beats every rule
    assert mapping.number("+14155550101").decided_by == "rule 4"
    assert mapping.number("+14155550103").decided_by == "override"
    assert mapping.number("+442071838750").decided_by == "default"


def test_rule_descriptions() -> None:
    rule = StrategyRule(Strategy.REPLACE, country="GB", number_type=NumberType.MOBILE)
    assert rule.describe() == "country GB and type mobile -> replace"
    assert StrategyRule(Strategy.KEEP).describe() == "every number -> keep"


def test_replacement_search_keeps_country_area_type_and_offered_capabilities() -> None:
    mapping = mapping_of(twilio_source(), "plivo", Decisions(Strategy.REPLACE))
    fax = mapping.number("+14155550106").replacement
    assert fax == {
        "country": "US",
        "number_type": "mobile",
        "area_code": "415",
        "capabilities": ["voice"],  # Plivo sells no fax numbers
    }
    london = mapping.number("+442071838750").replacement
    assert london is not None and london["area_code"] == "20"
    assert mapping.number("+14155550100").replacement is not None
    assert mapping_of(twilio_source(), "plivo").number("+14155550100").replacement is None


def test_area_codes() -> None:
    assert area_code("+14155550100", "US", NumberType.LOCAL) == "415"
    assert area_code("+442071838750", "GB", NumberType.LOCAL) == "20"
    assert area_code("+447700900123", "GB", NumberType.MOBILE) is None


# --- applications and webhooks ------------------------------------------------------------------
def test_twilio_target_keeps_apps_and_per_number_urls() -> None:
    mapping = mapping_of(twilio_source(), "twilio")
    linked = mapping.number("+14155550101")
    assert linked.app == "app:AP1" and not linked.webhooks
    own = mapping.number("+14155550100")
    assert own.app is None
    assert {p: h.url for p, h in own.webhooks.items()} == {
        P.VOICE_ANSWER: "https://api.example.com/voice",
        P.CALL_STATUS: "https://api.example.com/status",
        P.SMS_INBOUND: "https://api.example.com/sms",
    }
    main = mapping.application("app:AP1")
    assert main.numbers == 1 and main.create
    assert set(main.webhooks) == {
        P.VOICE_ANSWER,
        P.VOICE_FALLBACK,
        P.CALL_STATUS,
        P.SMS_INBOUND,
        P.MESSAGE_STATUS,
    }
    assert main.not_carried == ()


def test_overridden_number_urls_are_not_carried() -> None:
    mapping = mapping_of(twilio_source(), "plivo")
    linked = mapping.number("+14155550101")
    hooks = mapping.application(linked.app or "").webhooks
    assert "https://old.example.com/x" not in {h.url for h in hooks.values()}


def test_application_home_targets_group_identical_number_urls() -> None:
    source = twilio_source()
    extra = tuple(number(f"PX{i}", f"+1415555{i:04d}") for i in range(200, 300))
    hooks = tuple(
        hook(OwnerKind.NUMBER, n.id, P.VOICE_ANSWER, "https://api.example.com/voice") for n in extra
    )
    source = replace(source, numbers=source.numbers + extra, webhooks=source.webhooks + hooks)
    mapping = mapping_of(source, "vonage")
    apps = {mapping.number(n.e164).app for n in extra}
    assert len(apps) == 1
    (key,) = apps
    assert key is not None and key.startswith("routes:")
    grouped = mapping.application(key)
    assert grouped.numbers == 101  # PN9 has the same single URL
    assert grouped.source_id is None


def test_messaging_service_wins_sms_and_is_folded_where_the_target_has_none() -> None:
    mapping = mapping_of(twilio_source(), "plivo")
    member = mapping.number("+14155550102")
    app = mapping.application(member.app or "")
    assert app.webhooks[P.SMS_INBOUND].url == "https://sms.example.com/in"
    assert [x.purpose for x in member.not_carried] == [P.MESSAGE_STATUS]  # Plivo apps lack it
    (service,) = [i for i in mapping.items if i.kind == "messaging_service"]
    assert service.outcome == "folded" and service.numbers == 1 and service.a2p_registered


def test_messaging_service_deferring_to_the_number() -> None:
    source = twilio_source()
    services = tuple(
        replace(s, use_inbound_webhook_on_number=True) for s in source.messaging_services
    )
    hooks = tuple(
        replace(h, effective=True) if h.url == "https://api.example.com/sms-own" else h
        for h in source.webhooks
    )
    mapping = mapping_of(replace(source, messaging_services=services, webhooks=hooks), "twilio")
    assert routed(mapping, "+14155550102")[P.SMS_INBOUND] == "https://api.example.com/sms-own"
    default = mapping_of(twilio_source(), "twilio")
    assert routed(default, "+14155550102")[P.SMS_INBOUND] == "https://sms.example.com/in"


def test_items_with_and_without_an_equivalent() -> None:
    to_twilio = {(i.kind, i.outcome) for i in mapping_of(twilio_source(), "twilio").items}
    assert ("messaging_service", "manual") in to_twilio
    assert ("trunk", "manual") in to_twilio
    to_plivo = {i.kind: i for i in mapping_of(twilio_source(), "plivo").items}
    assert to_plivo["messaging_service"].outcome == "folded"
    assert "Plivo" in to_plivo["trunk"].action and "console" in to_plivo["trunk"].action
    assert to_plivo["subaccount"].outcome == "manual"


def test_account_wide_sms_defaults_fold_into_the_numbers_application() -> None:
    mapping = mapping_of(vonage_source(), "plivo")
    bare = mapping.number("+14155550201")
    app = mapping.application(bare.app or "")
    assert app.webhooks[P.SMS_INBOUND].url == "https://vg.example.com/default-mo"
    assert ("account_setting", "folded") in {(i.kind, i.outcome) for i in mapping.items}


def test_methods_the_target_forces_and_the_ones_it_keeps() -> None:
    mapping = mapping_of(plivo_source(), "vonage")
    support = mapping.application("app:1001")
    assert support.webhooks[P.SMS_INBOUND].method == "POST"  # Vonage messages: POST only
    mapping = mapping_of(vonage_source(), "plivo")
    centre = next(a for a in mapping.applications if a.source_id)
    assert centre.webhooks[P.VOICE_ANSWER].method == "GET"


def test_settings_the_target_cannot_hold_are_reported() -> None:
    mapping = mapping_of(twilio_source(), "plivo")
    main = mapping.application("app:AP1")
    lost = {x.purpose: x.why for x in main.not_carried}
    assert set(lost) == {P.MESSAGE_STATUS}
    assert "Plivo" in lost[P.MESSAGE_STATUS]


def test_sip_forwarding_is_not_turned_into_a_url() -> None:
    mapping = mapping_of(vonage_source(), "twilio")
    forwarded = mapping.number("+442071838751")
    assert forwarded.app is None and not forwarded.webhooks
    assert [x.url for x in forwarded.not_carried] == ["sip:reception@pbx.example.com"]


# --- vendor-hosted logic ------------------------------------------------------------------------
@pytest.mark.parametrize("target", ["twilio", "vonage", "plivo"])
def test_vendor_hosted_urls_become_placeholders_never_the_original(target: str) -> None:
    mapping = mapping_of(twilio_source(), target)
    every = [h for a in mapping.applications for h in a.webhooks.values()]
    every += [h for n in mapping.numbers for h in n.webhooks.values()]
    hosted = [h for h in every if h.hosted_by.vendor_hosted]
    assert {h.hosted_by for h in hosted} == {HostedBy.TWIML_BIN, HostedBy.STUDIO, HostedBy.FUNCTION}
    for h in hosted:
        assert is_placeholder(h.url) and PLACEHOLDER_HOST in h.url
        assert h.url != h.source_url
    assert set(mapping.placeholders()) == {h.source_url for h in hosted}


def test_admin_url_fills_the_placeholder() -> None:
    decisions = Decisions(
        urls={BIN_URL: "https://ours.example.com/bin", STUDIO_URL: "https://ours.example.com/flow"}
    )
    mapping = mapping_of(twilio_source(), "plivo", decisions)
    bin_app = mapping.application(mapping.number("+18005550100").app or "")
    assert bin_app.webhooks[P.VOICE_ANSWER].url == "https://ours.example.com/bin"
    assert bin_app.webhooks[P.VOICE_ANSWER].source_url == BIN_URL
    assert set(mapping.placeholders()) == {"https://support-1234-prod.twil.io/answer"}


def test_phlo_is_vendor_hosted_too() -> None:
    mapping = mapping_of(plivo_source(), "twilio")
    hotline = mapping.application("app:1002")
    assert hotline.webhooks[P.VOICE_ANSWER].hosted_by is HostedBy.PHLO
    assert hotline.webhooks[P.VOICE_ANSWER].placeholder


# --- the stored document ------------------------------------------------------------------------
@pytest.mark.parametrize("target", ["twilio", "vonage", "plivo"])
def test_round_trip(target: str) -> None:
    decisions = Decisions(
        Strategy.PORT,
        (StrategyRule(Strategy.REPLACE, country="GB", number_type=NumberType.LOCAL),),
        {"+14155550100": Strategy.KEEP},
        {BIN_URL: "https://ours.example.com/bin"},
    )
    mapping = mapping_of(twilio_source(), target, decisions)
    data = json.loads(json.dumps(mapping.to_dict()))
    assert Mapping.from_dict(data) == mapping
    assert data["schema_version"] == 1


def test_newer_mapping_is_refused() -> None:
    data = mapping_of(plivo_source(), "twilio").to_dict()
    data["schema_version"] = 99
    with pytest.raises(Exception, match="newer migrator"):
        Mapping.from_dict(data)


def test_refresh_keeps_decisions_and_follows_the_inventory() -> None:
    decisions = Decisions(overrides={"+14155550100": Strategy.RELEASE})
    first = mapping_of(twilio_source(), "plivo", decisions)
    source = twilio_source()
    source = replace(source, numbers=source.numbers[:3])
    again = mapping_of(source, "plivo", first.decisions)
    assert again.decisions == decisions
    assert len(again.numbers) == 3
    assert again.number("+14155550100").strategy is Strategy.RELEASE
    assert again.source_fingerprint != first.source_fingerprint


def test_settings_the_target_requires_are_filled_and_said() -> None:
    mapping = mapping_of(twilio_source(), "plivo")
    for app in mapping.applications:
        assert P.VOICE_ANSWER in app.webhooks  # Plivo applications need an answer URL
    dialer = mapping.application("app:AP2")
    assert dialer.filled == (P.VOICE_ANSWER,)
    assert dialer.webhooks[P.VOICE_ANSWER].url == no_handler_url(P.VOICE_ANSWER)
    assert mapping.application("app:AP1").filled == ()
    chosen = Decisions(urls={required_key(P.VOICE_ANSWER): "https://ours.example.com/hangup"})
    again = mapping_of(twilio_source(), "plivo", chosen)
    assert again.application("app:AP2").webhooks[P.VOICE_ANSWER].url == (
        "https://ours.example.com/hangup"
    )
    assert mapping_of(twilio_source(), "vonage").application("app:AP2").filled == ()


def test_accepted_missing_capabilities_round_trip_and_survive_a_refresh() -> None:
    accepted = {
        "+442071838750": frozenset({Capability.SMS}),
        "+18005550100": frozenset({Capability.SMS, Capability.VOICE}),
    }
    decisions = Decisions(Strategy.REPLACE, accepted_missing=accepted)
    mapping = mapping_of(twilio_source(), "vonage", decisions)
    data = json.loads(json.dumps(mapping.to_dict()))
    assert data["decisions"]["accepted_missing"] == {
        "+18005550100": ["sms", "voice"],
        "+442071838750": ["sms"],
    }
    assert Mapping.from_dict(data) == mapping
    assert Mapping.from_dict(data).decisions.accepted("+18005550100") == accepted["+18005550100"]
    again = mapping_of(twilio_source(), "vonage", Mapping.from_dict(data).decisions)
    assert again.decisions.accepted_missing == accepted


def test_decisions_stored_before_accepted_missing_load_with_nothing_accepted() -> None:
    """A mapping written before the field existed (no 'accepted_missing' key) still loads."""
    data = mapping_of(twilio_source(), "vonage", Decisions(Strategy.REPLACE)).to_dict()
    del data["decisions"]["accepted_missing"]
    loaded = Mapping.from_dict(json.loads(json.dumps(data)))
    assert loaded.decisions.accepted_missing == {}
    assert loaded.decisions.accepted("+442071838750") == frozenset()
    assert loaded.decisions.default_strategy is Strategy.REPLACE


def test_an_empty_acceptance_is_no_acceptance() -> None:
    decisions = Decisions(accepted_missing={"+442071838750": frozenset()})
    assert decisions.accepted_missing == {}
    assert Decisions.from_dict({"accepted_missing": {"+442071838750": []}}).accepted_missing == {}
