"""The emulated Plivo Number and PhoneNumber APIs, driven through the unmodified plivo SDK."""

from __future__ import annotations

from collections.abc import Iterator

import plivo
import pytest
import requests
from plivo import exceptions

from migrator.sandbox import Sandbox
from migrator.sandbox.plivo import PlivoApi
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.plivo.transport import rest_client

# Fields the Plivo docs list on an AccountPhoneNumber (docs.plivo.com, numbers API).
NUMBER_FIELDS = {
    "number",
    "alias",
    "sub_account",
    "added_on",
    "application",
    "carrier",
    "region",
    "number_type",
    "monthly_rental_rate",
    "renewal_date",
    "sms_enabled",
    "sms_rate",
    "mms_enabled",
    "mms_rate",
    "voice_enabled",
    "voice_rate",
    "cnam_lookup",
    "tendlc_registration_status",
    "tendlc_campaign_id",
    "toll_free_sms_verification",
    "resource_uri",
}


def sdk(sandbox: Sandbox, role: str = "source") -> plivo.RestClient:
    creds = sandbox.credentials("plivo", role)
    return rest_client(creds["auth_id"], creds["auth_token"], Endpoint(sandbox.url))


@pytest.fixture(scope="module")
def big() -> Iterator[Sandbox]:
    """A departing account with thousands of numbers, only read in this module."""
    with Sandbox(apis={"plivo": PlivoApi()}) as running:
        running.seed({"plivo": 2000})
        yield running


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"plivo": PlivoApi()}) as running:
        running.seed({"plivo": 60})
        yield running


def test_offset_pages_cover_every_number_once(big: Sandbox) -> None:
    client = sdk(big)
    first = client.numbers.list(limit=20, offset=0)
    total = first.meta.total_count
    assert total == 2000
    assert first.meta.next.endswith("limit=20&offset=20")
    assert first.meta.previous is None
    seen: list[str] = []
    for offset in range(0, total, 20):
        page = client.numbers.list(limit=20, offset=offset)
        assert page.meta.offset == offset
        seen.extend(n.number for n in page)
    assert len(seen) == len(set(seen)) == 2000
    last = client.numbers.list(limit=20, offset=1990)
    assert len(last) == 10
    assert last.meta.next is None
    assert last.meta.previous.endswith("offset=1970")
    # The SDK's own iterator follows meta.next to the same set.
    assert {n.number for n in client.numbers} == set(seen)


def test_number_objects_carry_the_documented_fields(big: Sandbox) -> None:
    number = sdk(big).numbers.list(limit=1)[0]
    assert set(vars(number)) >= NUMBER_FIELDS
    assert number.id == number.number
    assert number.number.isdigit() and not number.number.startswith("+")
    assert number.resource_uri.endswith(f"/Number/{number.number}/")


def test_list_filters(big: Sandbox) -> None:
    client = sdk(big)
    tollfree = client.numbers.list(type="tollfree", limit=20)
    assert tollfree.meta.total_count > 0
    assert {n.number_type for n in tollfree} == {"tollfree"}
    sms = client.numbers.list(services=["sms", "mms"], limit=20)
    assert all(n.sms_enabled and n.mms_enabled for n in sms)
    ny = client.numbers.list(number_startswith="1212", limit=20)
    assert ny.meta.total_count > 0
    assert all(n.number.startswith("1212") for n in ny)
    sub_id = client.subaccounts.list()[0].auth_id
    owned = client.numbers.list(subaccount=sub_id, limit=20)
    assert owned.meta.total_count == 100
    assert {n.sub_account for n in owned} == {sub_id}


@pytest.mark.parametrize("query", ["limit=50", "limit=0", "offset=-1", "services=fax"])
def test_bad_list_parameters_get_plivos_400(big: Sandbox, query: str) -> None:
    """What the SDK would refuse before sending, the API refuses too."""
    creds = big.credentials("plivo")
    response = requests.get(
        f"{big.url}/v1/Account/{creds['auth_id']}/Number/?{query}",
        auth=(creds["auth_id"], creds["auth_token"]),
        headers={"Host": "api.plivo.com"},
        timeout=10,
    )
    assert response.status_code == 400
    assert set(response.json()) == {"api_id", "error"}


def test_get_update_and_unrent_a_number(sandbox: Sandbox) -> None:
    client = sdk(sandbox)
    number = client.numbers.list(limit=1)[0].number
    apps = {a.app_name: a.app_id for a in client.applications.list()}
    changed = client.numbers.update(number, app_id=apps["SMS-Autoresponder"], alias="Lobby")
    assert changed.message == "changed"
    fetched = client.numbers.get(number)
    assert fetched.alias == "Lobby"
    assert fetched.application.endswith(f"/Application/{apps['SMS-Autoresponder']}/")
    with pytest.raises(exceptions.ValidationError):
        client.numbers.update(number, app_id="1234")
    before = client.numbers.list(limit=1).meta.total_count
    client.numbers.delete(number)
    with pytest.raises(exceptions.ResourceNotFoundError):
        client.numbers.get(number)
    assert client.numbers.list(limit=1).meta.total_count == before - 1


def test_moving_a_number_into_a_subaccount(sandbox: Sandbox) -> None:
    client = sdk(sandbox)
    sub = client.subaccounts.list()[0]
    number = next(n for n in client.numbers.list(limit=20) if n.sub_account is None).number
    client.numbers.update(number, subaccount=sub.auth_id)
    assert client.numbers.get(number).sub_account == sub.auth_id
    sub_client = rest_client(sub.auth_id, sub.auth_token, Endpoint(sandbox.url))
    assert number in {n.number for n in sub_client.numbers}
    with pytest.raises(exceptions.ForbiddenError):
        sub_client.numbers.update(number, subaccount="")


def test_search_and_buy(sandbox: Sandbox) -> None:
    target = sdk(sandbox, "target")
    found = target.numbers.search("US", type="local", pattern="212", services="sms", limit=5)
    assert found.meta.total_count >= 5
    offers = found.objects
    assert len(offers) == 5
    assert all(o.number.startswith("1212") and o.sms_enabled for o in offers)
    assert {o.type for o in offers} == {"fixed"}
    app_id = target.applications.create("Inbound", answer_url="https://example.com/a").app_id
    bought = target.numbers.buy(offers[0].number, app_id=app_id)
    assert bought.status == "fulfilled"
    assert bought.numbers[0].number == offers[0].number
    assert bought.numbers[0].status == "Success"
    owned = target.numbers.get(offers[0].number)
    assert owned.application.endswith(f"/Application/{app_id}/")
    again = target.numbers.search("US", type="local", pattern="212", services="sms", limit=20)
    assert offers[0].number not in {o.number for o in again.objects}
    with pytest.raises(exceptions.ResourceNotFoundError):
        target.numbers.buy(offers[0].number)
    # A released number goes back on sale.
    target.numbers.delete(offers[0].number)
    total = target.numbers.search("US", type="local", pattern="212", limit=1).meta.total_count
    on_sale = {
        o.number
        for offset in range(0, total, 20)
        for o in target.numbers.search("US", type="local", pattern="212", offset=offset).objects
    }
    assert offers[0].number in on_sale


def test_search_is_deterministic_and_pages(sandbox: Sandbox) -> None:
    target = sdk(sandbox, "target")
    first = target.numbers.search("CA", type="local", limit=20, offset=0)
    second = target.numbers.search("CA", type="local", limit=20, offset=20)
    numbers = [o.number for o in first.objects + second.objects]
    assert len(set(numbers)) == 40
    assert first.meta.next is not None
    again = target.numbers.search("CA", type="local", limit=20, offset=0)
    assert [o.number for o in again.objects] == numbers[:20]


def test_buying_a_number_that_needs_documents_is_pending(sandbox: Sandbox) -> None:
    target = sdk(sandbox, "target")
    offer = target.numbers.search("GB", type="fixed", limit=1).objects[0]
    assert offer.restriction == "city-address"
    bought = target.numbers.buy(offer.number)
    assert bought.numbers[0].status == "pending"
    other = target.numbers.search("GB", type="fixed", limit=1).objects[0]
    documented = target.numbers.buy(other.number, compliance_application_id="CA-1234")
    assert documented.numbers[0].status == "Success"


def test_search_needs_a_country(sandbox: Sandbox) -> None:
    with pytest.raises(exceptions.ValidationError):
        sdk(sandbox, "target").numbers.search("")
