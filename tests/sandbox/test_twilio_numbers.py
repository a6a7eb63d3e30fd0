"""The twilio SDK, unmodified, against the sandbox: owned numbers, searching and buying.

Every call below goes through twilio's own Client over loopback HTTP; the only change is the
transport's http_client, which sends *.twilio.com requests to the sandbox.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from migrator.sandbox import Sandbox
from migrator.sandbox.twilio import TwilioApi
from migrator.sandbox.twilio.resources import store_of
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.twilio.transport import twilio_client


@pytest.fixture(scope="module")
def big() -> Iterator[Sandbox]:
    """A departing account with a few thousand numbers (read-only tests)."""
    with Sandbox(apis={"twilio": TwilioApi()}) as running:
        running.seed({"twilio": 2500})
        yield running


@pytest.fixture(scope="module")
def small_sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"twilio": TwilioApi()}) as running:
        yield running


@pytest.fixture
def small(small_sandbox: Sandbox) -> Sandbox:
    """A small departing account, freshly seeded for each test (seeding resets first)."""
    small_sandbox.seed({"twilio": 40})
    return small_sandbox


def client(sandbox: Sandbox, role: str = "source") -> Client:
    creds = sandbox.credentials("twilio", role)
    return twilio_client(creds["account_sid"], creds["auth_token"], Endpoint(sandbox.url))


def owned(sandbox: Sandbox, role: str = "source") -> list[str]:
    sid = sandbox.credentials("twilio", role)["account_sid"]
    account = sandbox.state.accounts.get("twilio", sid)
    assert account is not None
    return [n.phone_number for n in store_of(account).numbers.values()]


def test_pages_through_thousands_of_numbers_at_the_largest_page_size(big: Sandbox) -> None:
    numbers = client(big).incoming_phone_numbers.list(page_size=1000)
    assert [n.phone_number for n in numbers] == owned(big)
    assert len(numbers) > 2000


def test_pages_cross_boundaries_without_gaps_or_repeats(big: Sandbox) -> None:
    sdk = client(big)
    first = sdk.incoming_phone_numbers.page(page_size=700)
    seen = [n.sid for n in first]
    page = first.next_page()
    while page is not None:
        seen += [n.sid for n in page]
        page = page.next_page()
    assert len(seen) == len(set(seen)) == len(owned(big))
    assert len(sdk.incoming_phone_numbers.list(limit=1234, page_size=500)) == 1234


def test_page_size_outside_1_to_1000_is_refused(big: Sandbox) -> None:
    with pytest.raises(Exception, match="Unable to fetch page"):
        client(big).incoming_phone_numbers.page(page_size=1001)


def test_paging_continues_after_the_next_page_changed(small: Sandbox) -> None:
    sdk = client(small)
    first = sdk.incoming_phone_numbers.page(page_size=10)
    everything = [n.sid for n in sdk.incoming_phone_numbers.list()]
    sdk.incoming_phone_numbers(everything[12]).delete()
    rest = []
    page = first.next_page()
    while page is not None:
        rest += [n.sid for n in page]
        page = page.next_page()
    assert rest == everything[10:12] + everything[13:]


def test_filters_by_partial_number_and_friendly_name(big: Sandbox) -> None:
    sdk = client(big)
    target = owned(big)[17]
    by_tail = sdk.incoming_phone_numbers.list(phone_number=target[-6:])
    assert target in [n.phone_number for n in by_tail]
    assert all(target[-6:] in n.phone_number for n in by_tail)
    wildcard = target[:-2] + "**"
    assert target in [
        n.phone_number for n in sdk.incoming_phone_numbers.list(phone_number=wildcard)
    ]
    fetched = sdk.incoming_phone_numbers.list(phone_number=target)[0]
    by_name = sdk.incoming_phone_numbers.list(friendly_name=fetched.friendly_name)
    assert fetched.sid in [n.sid for n in by_name]


def test_type_sublists_split_the_numbers(big: Sandbox) -> None:
    sdk = client(big)
    local = sdk.incoming_phone_numbers.local.list(page_size=1000)
    toll_free = sdk.incoming_phone_numbers.toll_free.list(page_size=1000)
    mobile = sdk.incoming_phone_numbers.mobile.list(page_size=1000)
    assert len(local) + len(toll_free) + len(mobile) == len(owned(big))
    assert toll_free and mobile
    assert {n.phone_number[:3] for n in mobile} >= {"+44", "+61"}
    assert all(n.phone_number.startswith("+1") for n in toll_free)


def test_search_then_buy_configure_and_release(small: Sandbox) -> None:
    sdk = client(small, "target")
    offers = sdk.available_phone_numbers("US").local.list(area_code=512, sms_enabled=True, limit=5)
    assert len(offers) == 5
    assert all(o.phone_number.startswith("+1512") for o in offers)
    assert offers[0].capabilities["sms"] is True and offers[0].locality == "Austin"
    bought = sdk.incoming_phone_numbers.create(
        phone_number=offers[0].phone_number, voice_url="https://example.com/voice"
    )
    assert bought.voice_url == "https://example.com/voice" and bought.type == "local"
    again = sdk.available_phone_numbers("US").local.list(area_code=512, limit=20)
    assert bought.phone_number not in [o.phone_number for o in again]
    with pytest.raises(TwilioRestException) as taken:
        sdk.incoming_phone_numbers.create(phone_number=bought.phone_number)
    assert (taken.value.status, taken.value.code) == (400, 21422)

    updated = sdk.incoming_phone_numbers(bought.sid).update(
        voice_method="GET",
        voice_fallback_url="https://example.com/fallback",
        sms_url="https://example.com/sms",
        sms_method="GET",
        sms_fallback_url="https://example.com/sms-fallback",
        status_callback="https://example.com/status",
        status_callback_method="GET",
        voice_caller_id_lookup=True,
        friendly_name="Front desk",
    )
    assert (updated.voice_method, updated.sms_url, updated.status_callback) == (
        "GET",
        "https://example.com/sms",
        "https://example.com/status",
    )
    assert updated.voice_caller_id_lookup is True and updated.friendly_name == "Front desk"
    assert sdk.incoming_phone_numbers(bought.sid).fetch().sms_fallback_url.endswith("sms-fallback")

    assert sdk.incoming_phone_numbers(bought.sid).delete() is True
    with pytest.raises(TwilioRestException) as gone:
        sdk.incoming_phone_numbers(bought.sid).fetch()
    assert (gone.value.status, gone.value.code) == (404, 20404)


def test_buy_by_area_code_and_through_type_lists(small: Sandbox) -> None:
    sdk = client(small, "target")
    by_area = sdk.incoming_phone_numbers.create(area_code="415")
    assert by_area.phone_number.startswith("+1415")
    toll_free = sdk.available_phone_numbers("US").toll_free.list(limit=1)[0]
    bought = sdk.incoming_phone_numbers.toll_free.create(phone_number=toll_free.phone_number)
    assert bought.phone_number == toll_free.phone_number
    gb_mobile = sdk.available_phone_numbers("GB").mobile.list(limit=2)
    assert len(gb_mobile) == 2 and gb_mobile[0].phone_number.startswith("+447")
    with pytest.raises(TwilioRestException) as wrong_type:
        sdk.incoming_phone_numbers.local.create(phone_number=gb_mobile[0].phone_number)
    assert wrong_type.value.code == 21422
    mobile = sdk.incoming_phone_numbers.mobile.create(phone_number=gb_mobile[1].phone_number)
    assert client(small, "target").incoming_phone_numbers(mobile.sid).fetch().type == "mobile"
    assert sdk.available_phone_numbers("US").mobile.list() == []


def test_bad_purchases_use_twilios_codes(small: Sandbox) -> None:
    sdk = client(small, "target")
    cases = [
        ({"phone_number": "+1555"}, 21421),
        ({"phone_number": "+14155550123"}, 21422),
        ({"area_code": "12"}, 21451),
        ({"area_code": "999"}, 21452),
        ({"phone_number": owned(small)[0]}, 21422),
    ]
    for kwargs, code in cases:
        with pytest.raises(TwilioRestException) as refused:
            sdk.incoming_phone_numbers.create(**kwargs)
        assert (refused.value.status, refused.value.code) == (400, code), kwargs


def test_search_with_contains_and_capability_filters(small: Sandbox) -> None:
    sdk = client(small, "target")
    found = sdk.available_phone_numbers("US").local.list(area_code=212, contains="7", limit=3)
    assert found and all("7" in o.phone_number[5:] or "7" in o.phone_number for o in found)
    assert sdk.available_phone_numbers("GB").local.list(sms_enabled=True) == []
    assert sdk.available_phone_numbers("GB").local.list(voice_enabled=True, limit=3)


def test_invalid_webhook_url_is_21502(small: Sandbox) -> None:
    sdk = client(small)
    sid = sdk.incoming_phone_numbers.list(limit=1)[0].sid
    with pytest.raises(TwilioRestException) as refused:
        sdk.incoming_phone_numbers(sid).update(voice_url="ftp://example.com/voice")
    assert (refused.value.status, refused.value.code) == (400, 21502)
    with pytest.raises(TwilioRestException) as bad_method:
        sdk.incoming_phone_numbers(sid).update(voice_method="PUT")
    assert bad_method.value.status == 400


def test_app_and_trunk_links_clear_each_other(small: Sandbox) -> None:
    sdk = client(small)
    number = sdk.incoming_phone_numbers.list(limit=1)[0]
    app = sdk.applications.create(friendly_name="Router", voice_url="https://example.com/a")
    trunk = sdk.trunking.v1.trunks.create(friendly_name="PBX")
    on_trunk = sdk.incoming_phone_numbers(number.sid).update(trunk_sid=trunk.sid)
    assert (on_trunk.trunk_sid, on_trunk.voice_application_sid) == (trunk.sid, None)
    on_app = sdk.incoming_phone_numbers(number.sid).update(
        voice_application_sid=app.sid, sms_application_sid=app.sid
    )
    assert (on_app.trunk_sid, on_app.voice_application_sid) == (None, app.sid)
    assert on_app.sms_application_sid == app.sid
    cleared = sdk.incoming_phone_numbers(number.sid).update(
        voice_application_sid="", sms_application_sid=""
    )
    assert (cleared.voice_application_sid, cleared.sms_application_sid) == (None, None)
    with pytest.raises(TwilioRestException) as unknown_app:
        sdk.incoming_phone_numbers(number.sid).update(voice_application_sid="AP" + "0" * 32)
    assert unknown_app.value.code == 21420


def test_emergency_address_and_other_fields_round_trip(small: Sandbox) -> None:
    sdk = client(small)
    sid = sdk.incoming_phone_numbers.list(limit=1)[0].sid
    address = "AD" + "1" * 32
    updated = sdk.incoming_phone_numbers(sid).update(
        emergency_address_sid=address, voice_receive_mode="fax", bundle_sid="BU" + "2" * 32
    )
    assert updated.emergency_address_sid == address
    assert updated.emergency_status == "Active"
    assert updated.voice_receive_mode == "fax"
    assert updated.bundle_sid == "BU" + "2" * 32
