"""The twilio SDK, unmodified, against the sandbox: applications, accounts and subaccounts, SIP
domains, Messaging Services with their senders, and Elastic SIP Trunks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from migrator.sandbox import Sandbox
from migrator.sandbox.twilio import TwilioApi
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.twilio.transport import twilio_client

URLS = {
    "voice_url": "https://ivr.example.com/voice",
    "voice_fallback_url": "https://backup.example.com/voice",
    "status_callback": "https://ivr.example.com/status",
    "sms_url": "https://api.example.com/sms",
    "sms_fallback_url": "https://backup.example.com/sms",
    "sms_status_callback": "https://api.example.com/sms-status",
    "message_status_callback": "https://api.example.com/message-status",
}


@pytest.fixture(scope="module")
def running() -> Iterator[Sandbox]:
    with Sandbox(apis={"twilio": TwilioApi()}) as started:
        yield started


@pytest.fixture
def sandbox(running: Sandbox) -> Sandbox:
    """The module's sandbox, freshly seeded (seeding resets everything first)."""
    running.seed({"twilio": 60})
    return running


def client(sandbox: Sandbox, role: str = "source") -> Client:
    creds = sandbox.credentials("twilio", role)
    return twilio_client(creds["account_sid"], creds["auth_token"], Endpoint(sandbox.url))


def sub_client(sandbox: Sandbox) -> Client:
    return client(sandbox, "subaccount")


def test_applications_crud_with_every_url(sandbox: Sandbox) -> None:
    sdk = client(sandbox, "target")
    created = sdk.applications.create(
        friendly_name="Main IVR",
        voice_method="GET",
        sms_method="GET",
        voice_fallback_method="GET",
        sms_fallback_method="GET",
        status_callback_method="GET",
        voice_caller_id_lookup=True,
        public_application_connect_enabled=True,
        **URLS,
    )
    for field, url in URLS.items():
        assert getattr(created, field) == url, field
    assert created.voice_method == created.sms_method == created.status_callback_method == "GET"
    assert created.voice_caller_id_lookup is True
    for n in range(60):
        sdk.applications.create(friendly_name=f"App {n}")
    listed = sdk.applications.list(page_size=25)
    assert len(listed) == 61 and listed[0].sid == created.sid
    assert [a.sid for a in sdk.applications.list(friendly_name="App 7")] == [listed[8].sid]
    updated = sdk.applications(created.sid).update(voice_url="https://new.example.com/voice")
    assert updated.voice_url == "https://new.example.com/voice"
    assert updated.sms_url == URLS["sms_url"]
    with pytest.raises(TwilioRestException) as bad_url:
        sdk.applications(created.sid).update(sms_url="not a url")
    assert bad_url.value.code == 21502
    assert sdk.applications(created.sid).delete() is True
    with pytest.raises(TwilioRestException) as gone:
        sdk.applications(created.sid).fetch()
    assert gone.value.status == 404


def test_deleting_an_app_unlinks_its_numbers(sandbox: Sandbox) -> None:
    sdk = client(sandbox)
    linked = [n for n in sdk.incoming_phone_numbers.list() if n.voice_application_sid]
    assert linked
    app_sid = linked[0].voice_application_sid
    sdk.applications(app_sid).delete()
    after = sdk.incoming_phone_numbers.list()
    assert all(app_sid not in (n.voice_application_sid, n.sms_application_sid) for n in after)


def test_accounts_list_the_main_account_and_its_subaccounts(sandbox: Sandbox) -> None:
    sdk = client(sandbox)
    accounts = sdk.api.v2010.accounts.list()
    main, sub = accounts
    assert main.sid == sdk.account_sid and main.owner_account_sid == main.sid
    assert sub.owner_account_sid == main.sid and sub.status == "active"
    assert sub.auth_token == sandbox.credentials("twilio", "subaccount")["auth_token"]
    assert sub_client(sandbox).api.v2010.accounts.list()[0].sid == sub.sid
    assert len(sub_client(sandbox).api.v2010.accounts.list()) == 1


def test_create_rename_suspend_and_close_a_subaccount(sandbox: Sandbox) -> None:
    sdk = client(sandbox)
    created = sdk.api.v2010.accounts.create(friendly_name="Staging")
    assert created.owner_account_sid == sdk.account_sid and created.auth_token
    renamed = sdk.api.v2010.accounts(created.sid).update(friendly_name="Staging EU")
    assert renamed.friendly_name == "Staging EU"
    as_new = twilio_client(created.sid, created.auth_token, Endpoint(sandbox.url))
    assert as_new.incoming_phone_numbers.list() == []
    sdk.api.v2010.accounts(created.sid).update(status="suspended")
    with pytest.raises(TwilioRestException) as refused:
        as_new.api.v2010.accounts(created.sid).fetch()
    assert (refused.value.status, refused.value.code) == (401, 20003)
    closed = sdk.api.v2010.accounts(created.sid).update(status="closed")
    assert closed.status == "closed"
    assert [a.status for a in sdk.api.v2010.accounts.list(status="closed")] == ["closed"]
    with pytest.raises(TwilioRestException):
        sub_client(sandbox).api.v2010.accounts.create(friendly_name="Grandchild")


def test_parent_acts_on_subaccount_paths_but_not_the_reverse(sandbox: Sandbox) -> None:
    parent = client(sandbox)
    sub_sid = sandbox.credentials("twilio", "subaccount")["account_sid"]
    own = sub_client(sandbox).incoming_phone_numbers.list()
    via_parent = parent.api.v2010.accounts(sub_sid).incoming_phone_numbers.list()
    assert own and [n.sid for n in via_parent] == [n.sid for n in own]
    with pytest.raises(TwilioRestException) as refused:
        sub_client(sandbox).api.v2010.accounts(parent.account_sid).applications.create(
            friendly_name="Not mine"
        )
    assert (refused.value.status, refused.value.code) == (401, 20003)
    target = client(sandbox, "target")
    with pytest.raises(TwilioRestException):
        target.api.v2010.accounts(sub_sid).incoming_phone_numbers(own[0].sid).fetch()


def test_parent_moves_numbers_into_and_out_of_a_subaccount(sandbox: Sandbox) -> None:
    parent = client(sandbox)
    sub_sid = sandbox.credentials("twilio", "subaccount")["account_sid"]
    number = next(n for n in parent.incoming_phone_numbers.list() if n.voice_application_sid)
    moved = parent.incoming_phone_numbers(number.sid).update(account_sid=sub_sid)
    assert moved.account_sid == sub_sid
    assert moved.voice_application_sid is None  # the app stays with the parent
    assert number.sid in [n.sid for n in sub_client(sandbox).incoming_phone_numbers.list()]
    assert number.sid not in [n.sid for n in parent.incoming_phone_numbers.list()]
    with pytest.raises(TwilioRestException):
        sub_client(sandbox).incoming_phone_numbers(number.sid).update(
            account_sid=parent.account_sid
        )
    back = (
        parent.api.v2010.accounts(sub_sid)
        .incoming_phone_numbers(number.sid)
        .update(account_sid=parent.account_sid)
    )
    assert back.account_sid == parent.account_sid


def test_sip_domains_crud(sandbox: Sandbox) -> None:
    sdk = client(sandbox, "target")
    domain = sdk.sip.domains.create(
        domain_name="acme-desk.sip.twilio.com",
        friendly_name="Desk phones",
        voice_url="https://pbx.example.com/in",
        voice_method="GET",
        voice_fallback_url="https://pbx-dr.example.com/in",
        voice_status_callback_url="https://pbx.example.com/status",
        sip_registration=True,
        emergency_calling_enabled=True,
    )
    assert domain.voice_url == "https://pbx.example.com/in" and domain.sip_registration is True
    assert [d.sid for d in sdk.sip.domains.list()] == [domain.sid]
    with pytest.raises(TwilioRestException):
        sdk.sip.domains.create(domain_name="acme-desk.sip.twilio.com")
    with pytest.raises(TwilioRestException):
        sdk.sip.domains.create(domain_name="acme.example.com")
    updated = sdk.sip.domains(domain.sid).update(voice_url="https://pbx2.example.com/in")
    assert updated.voice_url == "https://pbx2.example.com/in"
    assert sdk.sip.domains(domain.sid).fetch().voice_status_callback_url.endswith("/status")
    assert sdk.sip.domains(domain.sid).delete() is True
    assert sdk.sip.domains.list() == []


def test_seeded_account_has_its_sip_domain(sandbox: Sandbox) -> None:
    domains = client(sandbox).sip.domains.list()
    assert len(domains) == 1 and domains[0].domain_name.endswith(".sip.twilio.com")


def test_messaging_services_and_their_senders(sandbox: Sandbox) -> None:
    sdk = client(sandbox, "target")
    services = sdk.messaging.v1.services
    created = services.create(
        friendly_name="Alerts",
        inbound_request_url="https://api.example.com/inbound",
        inbound_method="GET",
        fallback_url="https://backup.example.com/inbound",
        status_callback="https://api.example.com/status",
        use_inbound_webhook_on_number=True,
        sticky_sender=False,
        validity_period=600,
    )
    assert created.inbound_request_url == "https://api.example.com/inbound"
    assert created.use_inbound_webhook_on_number is True and created.validity_period == 600
    assert created.us_app_to_person_registered is False
    for n in range(4):
        services.create(friendly_name=f"Pool {n}")
    assert len(services.list(page_size=2)) == 5
    updated = services(created.sid).update(fallback_url="", inbound_method="POST")
    assert updated.fallback_url is None and updated.inbound_method == "POST"

    numbers = []
    for _ in range(3):
        offer = sdk.available_phone_numbers("US").local.list(limit=1)[0]
        numbers.append(sdk.incoming_phone_numbers.create(phone_number=offer.phone_number))
    senders = services(created.sid).phone_numbers
    for number in numbers:
        added = senders.create(phone_number_sid=number.sid)
        assert added.phone_number == number.phone_number and added.service_sid == created.sid
    assert [p.sid for p in senders.list(page_size=2)] == [n.sid for n in numbers]
    other = services.list()[1]
    with pytest.raises(TwilioRestException) as twice:
        senders.create(phone_number_sid=numbers[0].sid)
    assert twice.value.code == 21710
    with pytest.raises(TwilioRestException) as elsewhere:
        services(other.sid).phone_numbers.create(phone_number_sid=numbers[0].sid)
    assert elsewhere.value.code == 21712
    with pytest.raises(TwilioRestException) as unknown:
        senders.create(phone_number_sid="PN" + "0" * 32)
    assert unknown.value.code == 21421
    assert senders(numbers[0].sid).fetch().phone_number == numbers[0].phone_number
    assert senders(numbers[0].sid).delete() is True
    assert [p.sid for p in senders.list()] == [n.sid for n in numbers[1:]]
    assert services(created.sid).delete() is True
    with pytest.raises(TwilioRestException):
        services(created.sid).fetch()


def test_seeded_messaging_services_hold_numbers(sandbox: Sandbox) -> None:
    sdk = client(sandbox)
    services = sdk.messaging.v1.services.list()
    assert [s.friendly_name for s in services] == ["Customer notifications", "Marketing campaigns"]
    assert services[0].us_app_to_person_registered is True
    assert services[1].use_inbound_webhook_on_number is True
    for service in services:
        assert sdk.messaging.v1.services(service.sid).phone_numbers.list()


def test_trunks_origination_urls_and_numbers(sandbox: Sandbox) -> None:
    sdk = client(sandbox, "target")
    trunks = sdk.trunking.v1.trunks
    trunk = trunks.create(
        friendly_name="HQ PBX",
        domain_name="acme-hq.pstn.twilio.com",
        disaster_recovery_url="https://pbx.example.com/dr",
        disaster_recovery_method="GET",
        secure=True,
        cnam_lookup_enabled=True,
        transfer_mode="enable-all",
    )
    assert trunk.disaster_recovery_url == "https://pbx.example.com/dr"
    assert trunk.secure is True and trunk.recording == {
        "mode": "do-not-record",
        "trim": "do-not-trim",
    }
    with pytest.raises(TwilioRestException):
        trunks.create(domain_name="acme-hq.pstn.twilio.com")
    updated = trunks(trunk.sid).update(disaster_recovery_url="https://pbx2.example.com/dr")
    assert updated.disaster_recovery_url == "https://pbx2.example.com/dr"

    originations = trunks(trunk.sid).origination_urls
    first = originations.create(
        weight=10, priority=10, enabled=True, friendly_name="pbx1", sip_url="sip:pbx1.example.com"
    )
    originations.create(
        weight=5, priority=20, enabled=False, friendly_name="pbx2", sip_url="sip:pbx2.example.com"
    )
    with pytest.raises(TwilioRestException) as not_sip:
        originations.create(
            weight=1, priority=1, enabled=True, friendly_name="x", sip_url="https://x.example.com"
        )
    assert not_sip.value.status == 400
    assert [o.friendly_name for o in originations.list(page_size=1)] == ["pbx1", "pbx2"]
    assert originations(first.sid).update(weight=20).weight == 20
    assert originations(first.sid).fetch().sip_url == "sip:pbx1.example.com"
    assert originations(first.sid).delete() is True
    assert len(originations.list()) == 1

    app = sdk.applications.create(friendly_name="IVR", voice_url="https://ivr.example.com/v")
    offer = sdk.available_phone_numbers("US").local.list(limit=1)[0]
    number = sdk.incoming_phone_numbers.create(
        phone_number=offer.phone_number, voice_application_sid=app.sid
    )
    attached = trunks(trunk.sid).phone_numbers.create(phone_number_sid=number.sid)
    assert attached.trunk_sid == trunk.sid and attached.phone_number == number.phone_number
    fetched = sdk.incoming_phone_numbers(number.sid).fetch()
    assert (fetched.trunk_sid, fetched.voice_application_sid) == (trunk.sid, None)
    assert [p.sid for p in trunks(trunk.sid).phone_numbers.list()] == [number.sid]
    assert trunks(trunk.sid).phone_numbers(number.sid).delete() is True
    assert sdk.incoming_phone_numbers(number.sid).fetch().trunk_sid is None
    trunks(trunk.sid).phone_numbers.create(phone_number_sid=number.sid)
    assert trunks(trunk.sid).delete() is True
    assert sdk.incoming_phone_numbers(number.sid).fetch().trunk_sid is None
    assert trunks.list() == []


def test_seeded_trunk_has_origination_urls_and_numbers(sandbox: Sandbox) -> None:
    sdk = client(sandbox)
    (trunk,) = sdk.trunking.v1.trunks.list()
    assert trunk.domain_name.endswith(".pstn.twilio.com") and trunk.disaster_recovery_url
    urls = sdk.trunking.v1.trunks(trunk.sid).origination_urls.list()
    assert [u.priority for u in urls] == [10, 20]
    assert all(u.sip_url.startswith("sip:") for u in urls)
    numbers = sdk.trunking.v1.trunks(trunk.sid).phone_numbers.list()
    assert numbers and all(n.trunk_sid == trunk.sid for n in numbers)
