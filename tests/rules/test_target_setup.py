"""What the target needs beyond the plan, said where the plan makes it necessary: a key pair for
each application a Vonage target creates (its private key is discarded), and inbound SMS that
arrive in another shape (and, on Vonage, only with the account's SMS setting on Messages API)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from migrator.model.enums import WebhookPurpose
from migrator.model.mapping import Decisions, Mapping, Strategy
from tests.rules.inventories import VENDORS, plivo_source, run, twilio_source, vonage_source

SMS_URL = "https://api.example.com/sms"
VOICE_URL = "https://api.example.com/voice"


# --- application key pairs --------------------------------------------------------------------
@pytest.mark.parametrize("target", VENDORS)
def test_every_application_created_on_vonage_needs_a_key_pair(target: str) -> None:
    result = run(twilio_source(), target)
    created = {a.key: a.name for a in result.mapping.applications if a.create}
    assert created
    named = {}
    for item in result.assessment.items:
        for finding in item.findings:
            if finding.rule == "app-new-key-pair":
                named[item.id] = finding
    counts = {c.key: c.count for c in result.assessment.checklist}
    if target == "vonage":
        assert set(named) == set(created)
        for key, finding in named.items():
            assert f"'{created[key]}'" in finding.reason and f"'{created[key]}'" in finding.fix
            assert "key pair" in finding.fix and finding.checklist == "app_keys"
        assert counts["app_keys"] == len(created)
    else:
        assert named == {} and counts["app_keys"] == 0


def test_an_application_that_is_not_created_needs_no_key_pair() -> None:
    result = run(twilio_source(), "vonage", Decisions(overrides={"+14155550101": Strategy.KEEP}))
    assert "app-new-key-pair" not in result.findings("application", "app:AP1")


# --- inbound SMS --------------------------------------------------------------------------------
def _planned_sms_method(mapping: Mapping, source_url: str) -> str:
    """The method the mapping gives the target's inbound SMS URL (what the plan will set)."""
    for app in mapping.applications:
        hook = app.webhooks.get(WebhookPurpose.SMS_INBOUND)
        if hook is not None and hook.source_url == source_url:
            return str(hook.method)
    raise AssertionError(f"{source_url} is not an inbound SMS URL of any application")


def test_twilio_form_post_becomes_a_vonage_json_post() -> None:
    result = run(twilio_source(), "vonage")
    method = _planned_sms_method(result.mapping, SMS_URL)
    assert method == "POST"  # Vonage's messages webhooks take POST only
    fired = result.findings("webhook", SMS_URL)
    reason = fired["sms-request-change"]
    assert f"as a {method} with a JSON body (from, to, text, message_uuid)" in reason
    assert "Twilio sent a POST with form-encoded parameters (From, To, Body, MessageSid)" in reason
    assert "Messages API" in fired["sms-account-setting"]
    # the SMS request is described once, and Vonage reads no document from an SMS response
    assert not fired.keys() & {"payload-change", "markup-change", "method-forced"}
    assert "markup-change" in result.findings("webhook", VOICE_URL)


def test_a_get_becomes_a_post_and_says_so_once() -> None:
    result = run(plivo_source(), "vonage")
    fired = result.findings("webhook", "https://pl.example.com/message")
    assert (
        "Plivo sent a GET with query parameters (From, To, Text, MessageUUID)"
        in (fired["sms-request-change"])
    )
    assert "method-forced" not in fired


def test_a_target_that_keeps_the_method_still_names_new_parameters() -> None:
    result = run(plivo_source(), "twilio")
    reason = result.findings("webhook", "https://pl.example.com/message")["sms-request-change"]
    assert "Twilio delivers inbound SMS to this URL as a GET with query parameters" in reason
    assert "(From, To, Body, MessageSid)" in reason and "(From, To, Text, MessageUUID)" in reason


def test_vonage_sms_api_urls_move_to_the_messages_api() -> None:
    """A Vonage account-wide (SMS API) inbound URL becomes an application's Messages API URL;
    an application's own inbound URL keeps its shape but still needs the account setting."""
    result = run(replace(vonage_source(), subaccounts=()), "vonage")
    account_wide = result.findings("webhook", "https://vg.example.com/default-mo")
    assert (
        "the SMS API's format (msisdn, to, text and messageId"
        in (account_wide["sms-request-change"])
    )
    app_url = result.findings("webhook", "https://vg.example.com/inbound")
    assert "sms-request-change" not in app_url
    assert "sms-account-setting" in app_url
    counts = {c.key: c.count for c in result.assessment.checklist}
    assert counts["sms_setting"] == 2


@pytest.mark.parametrize("target", ["twilio", "plivo"])
def test_no_account_setting_where_the_target_has_none(target: str) -> None:
    result = run(twilio_source(), target)
    assert "sms-account-setting" not in result.rules_fired()
    assert {c.key: c.count for c in result.assessment.checklist}["sms_setting"] == 0


def test_same_vendor_same_shape_has_no_sms_change() -> None:
    assert "sms-request-change" not in run(twilio_source(), "twilio").rules_fired()
    to_plivo = run(twilio_source(), "plivo").findings("webhook", SMS_URL)["sms-request-change"]
    assert (
        "(From, To, Text, MessageUUID)" in to_plivo and "(From, To, Body, MessageSid)" in to_plivo
    )
