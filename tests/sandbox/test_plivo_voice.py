"""The emulated Plivo Application and Endpoint APIs, driven through the unmodified plivo SDK."""

from __future__ import annotations

from collections.abc import Iterator

import plivo
import pytest
from plivo import exceptions

from migrator.sandbox import Sandbox
from migrator.sandbox.plivo import PlivoApi
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.plivo.transport import rest_client

APP_FIELDS = {
    "app_id",
    "app_name",
    "answer_url",
    "answer_method",
    "hangup_url",
    "hangup_method",
    "fallback_answer_url",
    "fallback_method",
    "message_url",
    "message_method",
    "default_app",
    "default_endpoint_app",
    "enabled",
    "public_uri",
    "sip_uri",
    "sub_account",
    "log_incoming_messages",
    "resource_uri",
}


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"plivo": PlivoApi()}) as running:
        running.seed({"plivo": 40})
        yield running


def sdk(sandbox: Sandbox, role: str = "source") -> plivo.RestClient:
    creds = sandbox.credentials("plivo", role)
    return rest_client(creds["auth_id"], creds["auth_token"], Endpoint(sandbox.url))


def test_seeded_applications_carry_the_documented_fields(sandbox: Sandbox) -> None:
    apps = sdk(sandbox).applications.list()
    assert len(apps) == 6
    for app in apps:
        assert set(vars(app)) >= APP_FIELDS
        assert app.id == app.app_id
        assert app.resource_uri.endswith(f"/Application/{app.app_id}/")


def test_application_create_get_and_page(sandbox: Sandbox) -> None:
    client = sdk(sandbox, "target")
    created = [
        client.applications.create(
            f"app-{i:02d}",
            answer_url=f"https://hooks.example.com/{i}/answer",
            message_url=f"https://hooks.example.com/{i}/sms",
            message_method="GET",
        )
        for i in range(25)
    ]
    assert all(c.message == "created" and c.app_id.isdigit() for c in created)
    first = client.applications.list(limit=20, offset=0)
    second = client.applications.list(limit=20, offset=20)
    assert first.meta.total_count == 25
    assert len(first) == 20 and len(second) == 5
    assert second.meta.next is None
    assert {a.app_id for a in first} | {a.app_id for a in second} == {c.app_id for c in created}
    app = client.applications.get(created[3].app_id)
    assert app.app_name == "app-03"
    assert app.hangup_url == "https://hooks.example.com/3/answer"  # defaults to answer_url
    assert app.message_method == "GET"
    assert app.fallback_answer_url == ""


def test_update_sends_sdk_defaults_and_so_resets_fields(sandbox: Sandbox) -> None:
    """plivo's update() always sends its method and flag defaults: the API applies them."""
    client = sdk(sandbox, "target")
    app_id = client.applications.create(
        "flow",
        answer_url="https://a.example.com/answer",
        answer_method="GET",
        message_url="https://a.example.com/sms",
        message_method="GET",
        default_number_app=True,
    ).app_id
    changed = client.applications.update(app_id, answer_url="https://b.example.com/answer")
    assert changed.message == "changed"
    app = client.applications.get(app_id)
    assert app.answer_url == "https://b.example.com/answer"
    assert app.message_url == "https://a.example.com/sms"  # not sent: kept
    assert app.answer_method == "POST"  # SDK default sent: reset
    assert app.message_method == "POST"
    assert app.default_app is False


def test_application_rules(sandbox: Sandbox) -> None:
    client = sdk(sandbox, "target")
    with pytest.raises(exceptions.ValidationError, match="app_name"):
        client.applications.create("Main IVR", answer_url="https://a.example.com/")
    with pytest.raises(exceptions.ValidationError, match="answer_url"):
        client.applications.create("no-answer")
    with pytest.raises(exceptions.ResourceNotFoundError):
        client.applications.get("12345678901234567")


def test_only_one_default_number_app(sandbox: Sandbox) -> None:
    client = sdk(sandbox)
    new = client.applications.create(
        "new-default", answer_url="https://a.example.com/", default_number_app=True
    ).app_id
    defaults = [a.app_id for a in client.applications.list() if a.default_app]
    assert defaults == [new]


def test_deleting_an_application_unlinks_its_numbers_and_endpoints(sandbox: Sandbox) -> None:
    client = sdk(sandbox)
    main = next(a for a in client.applications.list() if a.app_name == "Main-IVR")
    linked = [n.number for n in client.numbers if n.application and main.app_id in n.application]
    assert linked
    client.applications.delete(main.app_id, cascade=False)
    with pytest.raises(exceptions.ResourceNotFoundError):
        client.applications.get(main.app_id)
    assert all(client.numbers.get(n).application is None for n in linked[:3])
    assert all(
        e.application is None or main.app_id not in e.application for e in client.endpoints.list()
    )
    assert len(client.endpoints.list()) == 4


def test_cascade_delete_removes_endpoints(sandbox: Sandbox) -> None:
    client = sdk(sandbox)
    main = next(a for a in client.applications.list() if a.app_name == "Main-IVR")
    client.applications.delete(main.app_id, cascade=True)
    assert len(client.endpoints.list()) == 3


def test_endpoint_lifecycle(sandbox: Sandbox) -> None:
    client = sdk(sandbox, "target")
    app_id = client.applications.create("sip", answer_url="https://a.example.com/").app_id
    created = client.endpoints.create("alice", "s3cret-pass", "Alice", app_id=app_id)
    assert created.message == "created"
    assert created.username.startswith("alice") and len(created.username) == 17
    fetched = client.endpoints.get(created.endpoint_id)
    assert fetched.alias == "Alice"
    assert fetched.sip_uri == f"sip:{created.username}@phone.plivo.com"
    assert fetched.application.endswith(f"/Application/{app_id}/")
    assert fetched.password != "s3cret-pass"
    client.endpoints.update(created.endpoint_id, alias="Alice-B", app_id="")
    updated = client.endpoints.get(created.endpoint_id)
    assert updated.alias == "Alice-B" and updated.application is None
    assert [e.endpoint_id for e in client.endpoints.list()] == [created.endpoint_id]
    client.endpoints.delete(created.endpoint_id)
    with pytest.raises(exceptions.ResourceNotFoundError):
        client.endpoints.get(created.endpoint_id)
    with pytest.raises(exceptions.ValidationError):
        client.endpoints.create("9bad", "s3cret-pass", "Bad")
