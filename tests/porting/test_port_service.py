"""The ports service end to end: a Vonage account read by its adapter, ported into Twilio
through the twilio SDK against the sandbox, tracked in the migration file over (virtual) days."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.model.enums import NumberType
from migrator.model.inventory import Inventory
from migrator.model.porting import LoaData, PortRoute, PortStatus, ServiceAddress
from migrator.sandbox import Sandbox
from migrator.services.ports import LoaBlocked, PortsDesk, PortService
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.errors import Transient
from migrator.vendors.twilio.porting import TwilioPorting
from migrator.vendors.vonage.adapter import VonageAdapter
from tests.porting.conftest import account, advance, client, record

_DISCOVERED: dict[str, Inventory] = {}
"""Inventories read per departing account: seeding is deterministic, so one read serves every
test that reseeds the same way."""


def make_migration(sandbox: Sandbox, path: Path, target: str = "twilio") -> MigrationFile:
    credentials = sandbox.credentials("vonage", "source")
    inventory = _DISCOVERED.get(credentials["api_key"])
    if inventory is None:
        source = VonageAdapter(credentials, Endpoint(sandbox.https_url, sandbox.ca_bundle))
        inventory = _DISCOVERED.setdefault(credentials["api_key"], source.discover())
    target_id = account(sandbox, target, "target").key
    file = MigrationFile.create(
        path,
        {
            "source": {"kind": "profile", "vendor": "vonage", "account_id": inventory.account_id},
            "target": {"kind": "profile", "vendor": target, "account_id": target_id},
        },
    )
    file.save_snapshot("source", inventory)
    return file


def service(sandbox: Sandbox, file: MigrationFile) -> PortService:
    porting = (
        TwilioPorting(client(sandbox)) if file.meta()["target"]["vendor"] == "twilio" else None
    )
    return PortService(file, porting, connect=False, clock=sandbox.state.clock.now)


def loa_from_record(sandbox: Sandbox, **changes: str) -> LoaData:
    rec = record(sandbox, "vonage")
    address = rec["address"]
    street, _, suite = address["street"].partition(", ")
    loa = LoaData(
        customer_name=rec["customer_name"],
        authorized_representative="Dana Whitfield",
        authorized_representative_email="dana.whitfield@example.com",
        account_number=rec["account_number"],
        billing_telephone_number=rec["billing_telephone_number"],
        address=ServiceAddress(street, suite, address["city"], address["state"], address["zip"]),
        document_ids=("RD" + "c" * 32,),
    )
    return replace(loa, **changes)  # type: ignore[arg-type]


@pytest.fixture
def migration(ports: Sandbox, tmp_path: Path) -> Iterator[MigrationFile]:
    with make_migration(ports, tmp_path / "move.migration") as file:
        yield file


def us_local(svc: PortService) -> list[str]:
    return [
        n.e164
        for n in svc.source().numbers
        if n.country == "US" and n.number_type is NumberType.LOCAL
    ]


def owner(sandbox: Sandbox, e164: str) -> tuple[str, str]:
    with sandbox.state.lock:
        found = sandbox.state.owner_of(e164)
    assert found is not None
    return found[1].vendor, found[1].role


# --- a full port ------------------------------------------------------------------------------
def test_check_submit_foc_and_complete(ports: Sandbox, migration: MigrationFile) -> None:
    svc = service(ports, migration)
    numbers = us_local(svc)
    assert len(numbers) == 5
    pin = record(ports, "vonage")["pin"]
    key = svc.set_loa(loa_from_record(ports), "vonage:" + svc.source().account_id, pin=pin)
    report = svc.check()
    assert {p.e164 for p in report.portability} == set(numbers)
    assert all(p.portable for p in report.portability)
    assert len(report.by_ticket) == len(svc.source().numbers) - 5
    assert report.missing_loa  # the subaccount has no LOA data yet
    assert key in report.loa

    submitted = svc.submit(numbers)
    (request,) = submitted.requests
    assert request.route is PortRoute.API
    assert request.vendor_request_id.startswith("KW")
    assert request.status is PortStatus.AWAITING_DOCUMENTS
    assert all(svc.in_port(n) for n in numbers)
    assert set(svc.release_blockers()) == set(numbers)
    assert "review" in svc.next_action(request)

    advance(ports, 1, 1)
    changes = svc.refresh()
    assert {c.after for c in changes if c.e164} == {PortStatus.SUBMITTED.value}
    advance(ports, 2)
    changes = svc.refresh()
    focs = {c.foc_date for c in changes if c.e164}
    assert len(focs) == 1 and focs.pop().startswith(request.target_date)
    pending = svc.requests()[0]
    assert pending.status is PortStatus.FOC_CONFIRMED  # "In Progress", every number has a date
    assert pending.vendor_status == "In Progress"
    assert all(n.status is PortStatus.FOC_CONFIRMED for n in pending.numbers)
    assert "keep the source number" in svc.next_action(pending, pending.numbers[0])

    advance(ports, 10)
    changes = svc.refresh()
    done = svc.requests()[0]
    assert done.status is PortStatus.COMPLETED
    assert all(n.status is PortStatus.COMPLETED and n.completed_at for n in done.numbers)
    assert [owner(ports, n) for n in numbers] == [("twilio", "target")] * 5
    assert not any(svc.in_port(n) for n in numbers)
    assert "SMS" in svc.next_action(done, done.numbers[0])
    history = [c.status for c in done.numbers[0].history]
    assert history == [
        PortStatus.DRAFT,
        PortStatus.AWAITING_DOCUMENTS,
        PortStatus.SUBMITTED,
        PortStatus.FOC_CONFIRMED,
        PortStatus.COMPLETED,
    ]
    assert svc.refresh() == []  # nothing is followed any more


def test_ports_survive_reopening_and_a_refresh_shows_only_what_changed(
    ports: Sandbox, tmp_path: Path
) -> None:
    path = tmp_path / "reopen.migration"
    with make_migration(ports, path) as file:
        svc = service(ports, file)
        svc.set_loa(loa_from_record(ports), "vonage:" + svc.source().account_id)
        first, second = us_local(svc)[:2]
        svc.submit([first])
        advance(ports, 0, 3)
        svc.submit([second])
        moved = svc.refresh()  # the first request and its number are waiting for a signature
        assert [(c.request_id, c.e164, c.after) for c in moved] == [
            ("port-1", "", "Waiting for Signature"),
            ("port-1", first, PortStatus.AWAITING_DOCUMENTS.value),
        ]
    advance(ports, 1)
    with MigrationFile.open(path) as reopened:
        again = service(ports, reopened)
        requests = again.requests()
        assert [r.id for r in requests] == ["port-1", "port-2"]
        assert requests[0].loa is not None
        changes = again.refresh()
        assert {(c.request_id, c.e164, c.after) for c in changes if c.e164} == {
            ("port-1", first, PortStatus.SUBMITTED.value),
            ("port-2", second, PortStatus.SUBMITTED.value),
        }
        assert again.refresh() == []
        advance(ports, 2, 2)
        later = again.refresh()
        assert {c.after for c in later if c.e164} == {PortStatus.FOC_CONFIRMED.value}
        assert again.store.last_refresh()


# --- a rejection fixed and resubmitted ---------------------------------------------------------
def test_a_rejection_is_fixed_and_sent_again(ports: Sandbox, migration: MigrationFile) -> None:
    svc = service(ports, migration)
    key = "vonage:" + svc.source().account_id
    good = loa_from_record(ports)
    svc.set_loa(replace(good, account_number="VN-00000000"), key)
    number = us_local(svc)[0]
    (first,) = svc.submit([number]).requests
    advance(ports, 3, 1)
    changes = svc.refresh()
    rejected = [c for c in changes if c.e164 == number]
    assert rejected[-1].after == PortStatus.EXCEPTION.value
    assert "account number" in rejected[-1].detail
    entry = svc.requests()[0].number(number)
    assert entry is not None and entry.exception is not None
    assert entry.exception.code == "INVALID_ACCOUNT_NUMBER"
    assert "INVALID_ACCOUNT_NUMBER" in svc.next_action(svc.requests()[0], entry)
    assert svc.in_port(number)  # a rejected number is still on its way: never release it

    unchanged = svc.submit([number])
    assert unchanged.requests == []
    assert "has not changed" in unchanged.skipped[number]

    advance(ports, 0, 1)
    svc.set_loa(good, key)
    (second,) = svc.submit([number]).requests
    assert second.supersedes == first.id
    old = svc.store.request(first.id)
    assert old is not None and old.status is PortStatus.CANCELLED
    advance(ports, 15)
    svc.refresh()
    assert svc.store.request(second.id).status is PortStatus.COMPLETED  # type: ignore[union-attr]
    assert owner(ports, number) == ("twilio", "target")
    assert svc.store.request(first.id).status is PortStatus.CANCELLED  # type: ignore[union-attr]


def test_blockers_stop_everything_before_anything_is_sent(
    ports: Sandbox, migration: MigrationFile
) -> None:
    svc = service(ports, migration)
    key = "vonage:" + svc.source().account_id
    svc.set_loa(replace(loa_from_record(ports), document_ids=()), key)
    with pytest.raises(LoaBlocked) as blocked:
        svc.submit(us_local(svc)[:2])
    assert [w.code for w in blocked.value.blockers[key]] == ["utility-bill-missing"]
    assert svc.requests() == []
    assert client(ports).numbers.v1.porting_all_port_ins.list() == []


def test_loa_data_is_needed_for_every_losing_account(
    ports: Sandbox, migration: MigrationFile
) -> None:
    svc = service(ports, migration)
    with pytest.raises(UsageError, match="enter the LOA data first"):
        svc.submit(us_local(svc)[:1])
    with pytest.raises(UsageError, match="say which losing account"):
        svc.set_loa(loa_from_record(ports))


# --- cancellation ------------------------------------------------------------------------------
def test_a_port_is_cancelled_while_allowed(ports: Sandbox, migration: MigrationFile) -> None:
    svc = service(ports, migration)
    svc.set_loa(loa_from_record(ports), "vonage:" + svc.source().account_id)
    numbers = us_local(svc)[:2]
    (request,) = svc.submit(numbers).requests
    advance(ports, 3, 1)
    svc.refresh()
    changes = svc.cancel(request.id)
    assert {c.after for c in changes} == {PortStatus.CANCELLING.value}
    assert svc.in_port(numbers[0])
    advance(ports, 0, 2)
    svc.refresh()
    cancelled = svc.requests()[0]
    assert cancelled.status is PortStatus.CANCELLED
    assert cancelled.cancellation_reason
    assert not svc.in_port(numbers[0])
    with pytest.raises(UsageError, match="cannot be cancelled"):
        svc.cancel(request.id)
    advance(ports, 20)
    assert [owner(ports, n) for n in numbers] == [("vonage", "source")] * 2


def test_one_number_is_cancelled_and_the_rest_ports(
    ports: Sandbox, migration: MigrationFile
) -> None:
    svc = service(ports, migration)
    svc.set_loa(loa_from_record(ports), "vonage:" + svc.source().account_id)
    keep, drop = us_local(svc)[:2]
    svc.submit([keep, drop])
    svc.cancel(drop)
    advance(ports, 20)
    svc.refresh()
    request = svc.requests()[0]
    assert request.status is PortStatus.COMPLETED
    assert request.number(drop).status is PortStatus.CANCELLED  # type: ignore[union-attr]
    assert (owner(ports, keep), owner(ports, drop)) == (("twilio", "target"), ("vonage", "source"))
    with pytest.raises(UsageError, match="cannot be cancelled"):
        svc.cancel(keep)


# --- tickets and hand-entered statuses ---------------------------------------------------------
def test_numbers_the_api_does_not_take_go_by_ticket(
    ports: Sandbox, migration: MigrationFile, tmp_path: Path
) -> None:
    svc = service(ports, migration)
    for losing in svc.losing_accounts():
        svc.set_loa(loa_from_record(ports), losing.key)
    report = svc.submit(loa_folder=tmp_path / "loas", force=True)
    routes = sorted(
        (r.route.value, r.losing_key.split(":")[1], len(r.numbers)) for r in report.requests
    )
    source = svc.source()
    assert ("api", source.account_id, 5) in routes
    tickets = [r for r in report.requests if r.route is PortRoute.TICKET]
    assert tickets and all(r.status is PortStatus.DRAFT for r in tickets)
    assert len(report.pdfs) == len(report.requests)
    assert {p.name for p in report.pdfs} == {
        f"LOA-{r.id}-vonage-{r.losing_key.split(':')[1]}.pdf" for r in report.requests
    }
    assert svc.submit().requests == []  # nothing left to send


def test_manual_tracking_for_a_vendor_without_a_porting_api(ports: Sandbox, tmp_path: Path) -> None:
    from migrator.services.port_guidance import ticket_checklist

    with make_migration(ports, tmp_path / "plivo.migration", target="plivo") as file:
        svc = service(ports, file)
        key = "vonage:" + svc.source().account_id
        svc.set_loa(loa_from_record(ports), key, pin="1234")
        numbers = us_local(svc)[:3]
        (request,) = svc.submit(numbers).requests
        assert (request.route, request.status) == (PortRoute.TICKET, PortStatus.DRAFT)
        assert "file the port" in svc.next_action(request)
        checklist = "\n".join(ticket_checklist(request).lines())
        assert "Plivo account" in checklist and "FOC" in checklist
        assert "1234" not in checklist  # the PIN stays in the keychain

        svc.set_status(numbers[0], "submitted", ticket="PLV-881", note="filed by Dana")
        after = svc.requests()[0]
        assert after.ticket_id == "PLV-881"
        assert after.status is PortStatus.DRAFT  # the other two are not filed yet
        for number in numbers[1:]:
            svc.set_status(number, "submitted")
        assert svc.requests()[0].status is PortStatus.SUBMITTED
        assert svc.requests()[0].submitted_at

        with pytest.raises(UsageError, match="--foc"):
            svc.set_status(numbers[0], "foc")
        svc.set_status(numbers[0], "foc", foc="2030-03-19")
        entry = svc.requests()[0].number(numbers[0])
        assert entry is not None and entry.foc_date.startswith("2030-03-19")
        with pytest.raises(UsageError, match="--reason"):
            svc.set_status(numbers[1], "exception")
        change = svc.set_status(numbers[1], "rejected", reason="invalid_pin", note="PIN expired")
        assert change.after == PortStatus.EXCEPTION.value
        assert svc.requests()[0].status is PortStatus.EXCEPTION
        rejected = svc.requests()[0].number(numbers[1])
        assert rejected is not None and rejected.exception is not None
        assert rejected.exception.code == "INVALID_PIN"

        svc.set_status(numbers[0], "completed")
        with pytest.raises(UsageError, match="final"):
            svc.set_status(numbers[0], "submitted")
        cancelled = svc.cancel(numbers[2])
        assert cancelled[0].after == PortStatus.CANCELLING.value
        assert "support" in cancelled[0].detail
        assert [c.status for c in svc.requests()[0].number(numbers[0]).history] == [  # type: ignore[union-attr]
            PortStatus.DRAFT,
            PortStatus.SUBMITTED,
            PortStatus.FOC_CONFIRMED,
            PortStatus.COMPLETED,
        ]
    with MigrationFile.open(tmp_path / "plivo.migration") as reopened:
        assert service(ports, reopened).requests()[0].ticket_id == "PLV-881"


def test_api_tracked_numbers_cannot_be_set_by_hand(
    ports: Sandbox, migration: MigrationFile
) -> None:
    svc = service(ports, migration)
    svc.set_loa(loa_from_record(ports), "vonage:" + svc.source().account_id)
    number = us_local(svc)[0]
    svc.submit([number])
    with pytest.raises(UsageError, match="refresh"):
        svc.set_status(number, "completed")


def test_the_engine_desk_submits_once_and_knows_what_is_in_a_port(
    ports: Sandbox, migration: MigrationFile
) -> None:
    from migrator.model.plan import Action, ActionKind, Side, Stage

    svc = service(ports, migration)
    svc.set_loa(loa_from_record(ports), "vonage:" + svc.source().account_id)
    desk = PortsDesk(svc)
    numbers = us_local(svc)[:2]
    action = Action(
        "submit_port:US-local-x",
        Stage.ACQUIRE,
        ActionKind.SUBMIT_PORT,
        Side.TARGET,
        "port of 2",
        "port:US:local:x",
        {"numbers": numbers},
    )
    assert desk.find_submitted(action) is None
    outputs = desk.submit(None, action, action.params)  # type: ignore[arg-type]
    assert outputs["port_request_ids"] == ["port-1"]
    assert desk.find_submitted(action) == outputs
    assert desk.in_port(numbers[0]) and not desk.in_port(us_local(svc)[4])
    assert desk.cancel(action, outputs) is None
    advance(ports, 1)
    svc.refresh()
    assert svc.requests()[0].status is PortStatus.CANCELLED


def test_a_rejected_request_that_expires_lets_its_numbers_go(
    ports: Sandbox, migration: MigrationFile
) -> None:
    svc = service(ports, migration)
    svc.set_loa(
        replace(loa_from_record(ports), customer_name="Someone Else"),
        "vonage:" + svc.source().account_id,
    )
    number = us_local(svc)[0]
    svc.submit([number])
    advance(ports, 4)
    svc.refresh()
    assert svc.in_port(number)
    advance(ports, 31)
    changes = svc.refresh()
    assert any(c.e164 == number and "expired" in c.detail for c in changes)
    request = svc.requests()[0]
    assert request.status is PortStatus.CANCELLED and request.vendor_status == "Expired"
    assert not svc.in_port(number)


def test_numbers_the_check_finds_not_portable_are_not_sent(
    ports: Sandbox, migration: MigrationFile
) -> None:
    svc = service(ports, migration)
    svc.set_loa(loa_from_record(ports), "vonage:" + svc.source().account_id)
    there, other = us_local(svc)[:2]
    with ports.state.lock:
        ports.state.move_number(there, "twilio", account(ports, "twilio", "target"))
    report = svc.check([there, other])
    assert [p.reason for p in report.portability] == ["ALREADY_IN_THE_TARGET_ACCOUNT", ""]
    submitted = svc.submit([there, other])
    assert [n.e164 for r in submitted.requests for n in r.numbers] == [other]
    assert "nothing to port" in submitted.skipped[there]


# --- interrupted submissions -------------------------------------------------------------------
class _AnswerLost:
    """The real porting client, except that the answer to a create never arrives."""

    vendor = "twilio"

    def __init__(self, real: TwilioPorting) -> None:
        self.real = real

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)

    def create(self, order: object) -> object:
        self.real.create(order)  # type: ignore[arg-type]
        raise Transient("the connection dropped before the answer", vendor="twilio")


def test_a_lost_create_answer_never_makes_a_second_request(
    ports: Sandbox, migration: MigrationFile
) -> None:
    svc = PortService(
        migration,
        _AnswerLost(TwilioPorting(client(ports))),  # type: ignore[arg-type]
        connect=False,
        clock=ports.state.clock.now,
    )
    svc.set_loa(loa_from_record(ports), "vonage:" + svc.source().account_id)
    (request,) = svc.submit(us_local(svc)[:2]).requests
    listed = client(ports).numbers.v1.porting_all_port_ins.list()
    assert [r.port_in_request_sid for r in listed] == [request.vendor_request_id]


def test_a_create_that_never_arrived_is_sent_on_the_next_submit(
    ports: Sandbox, migration: MigrationFile
) -> None:
    svc = service(ports, migration)
    svc.set_loa(loa_from_record(ports), "vonage:" + svc.source().account_id)
    numbers = us_local(svc)[:2]
    faults = {"vendor": "twilio", "rate_drop": 1.0, "methods": ["POST"]}
    requests.post(f"{ports.url}/_sandbox/faults", json=faults, timeout=10)
    with pytest.raises(Transient):
        svc.submit(numbers)
    (draft,) = svc.requests()
    assert (draft.status, draft.vendor_request_id) == (PortStatus.DRAFT, "")
    assert "may not have reached" in draft.notes[0]
    requests.post(f"{ports.url}/_sandbox/faults", json={"clear": True}, timeout=10)
    resumed = svc.submit(numbers)
    assert [r.id for r in resumed.requests] == [draft.id]
    assert resumed.skipped == {}
    assert resumed.requests[0].vendor_request_id.startswith("KW")
    assert len(client(ports).numbers.v1.porting_all_port_ins.list()) == 1
