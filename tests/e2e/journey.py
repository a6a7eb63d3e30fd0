"""The steps of a whole migration against the sandbox, for the end-to-end matrix.

Everything goes the way an admin's run goes: profiles stored in the (test) keychain, a migration
file made by reading both accounts through the official SDKs, a plan, apply stage by stage, and
a rollback; the checks read the accounts again through the adapters, never the migration file's
own idea of them.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import phonenumbers

from migrator.engine.executor import ApplyOptions, ApplyReport
from migrator.engine.migration_file import MigrationFile
from migrator.model.enums import Capability, HostedBy, NumberType, OwnerKind, WebhookPurpose
from migrator.model.inventory import Inventory, Number, Webhook
from migrator.model.mapping import Strategy, placeholder_url
from migrator.model.plan import Action, ActionKind, Stage
from migrator.sandbox import Sandbox
from migrator.services import execution
from migrator.services.migrations import Source, new_migration
from migrator.services.planning import build_plan, load_mapping
from migrator.services.profiles import Profile, adapter_for_profile, add_profile
from migrator.vendors.base import (
    ApplicationSpec,
    NumberConfig,
    NumberQuery,
    VendorAdapter,
    WebhookHome,
    WebhookTarget,
)
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.file_import import CSV_COLUMNS
from migrator.vendors.registry import adapter_class

REVERSIBLE_STAGES = (Stage.PREPARE, Stage.ACQUIRE, Stage.CONFIGURE, Stage.VERIFY)
CARRIED = (WebhookPurpose.VOICE_ANSWER, WebhookPurpose.SMS_INBOUND)
"""The purposes whose URLs decide what answers a number (the check's subject)."""


def connect(sandbox: Sandbox, vendor: str, role: str) -> Profile:
    """A profile for the sandbox's account (the secret goes to the test keychain)."""
    return add_profile(
        f"{vendor}-{role}",
        vendor,
        sandbox.credentials(vendor, role),
        Endpoint(sandbox.url, sandbox.ca_bundle),
    )


def adapter(profile: Profile) -> VendorAdapter:
    return adapter_for_profile(profile)


def confirm_everything(action: Action) -> bool:
    return True


def apply_stage(
    file: MigrationFile, stage: Stage, confirm_account: str | None = None
) -> ApplyReport:
    options = ApplyOptions(
        stage=stage, confirm_manual=confirm_everything, confirm_account=confirm_account
    )
    return execution.apply(file, options).report


def failures(report: ApplyReport) -> list[str]:
    return [f"{r.line}: {r.message}" for r in report.results if r.status == "failed"]


def stage_states(file: MigrationFile) -> dict[str, str]:
    return {s["stage"]: s["status"] for s in execution.status(file)["stages"]}


def outputs(file: MigrationFile) -> dict[str, dict[str, Any]]:
    """Action id -> what the vendor returned for it (the journal's outputs)."""
    return {a["id"]: a["outputs"] for a in execution.status(file)["actions"]}


# --- a whole run ------------------------------------------------------------------------------
@dataclass
class Run:
    """One migration file between two sandbox accounts, and reads of both taken before apply."""

    file: MigrationFile
    source_api: VendorAdapter | None
    target_api: VendorAdapter
    before: dict[str, Inventory]
    moving: list[str]

    @classmethod
    def start(
        cls, workdir: Path, source: Source, target: Profile, source_profile: Profile | None = None
    ) -> Run:
        """Read both accounts into a new migration file and plan it with every number
        replaced; read them again (as the check's own 'before')."""
        path = workdir / "e2e.migration"
        new_migration(path, source, target.name)
        file = MigrationFile.open(path)
        build_plan(file, numbers="replace")
        source_api = adapter(source_profile) if source_profile else None
        target_api = adapter(target)
        before = {"target": target_api.discover()}
        if source_api is not None:
            before["source"] = source_api.discover()
        moving = replaced_numbers(file)
        snapshot = file.latest_snapshot("source")
        assert snapshot is not None
        assert len(moving) == len(snapshot.numbers) > 0
        return cls(file, source_api, target_api, before, moving)

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()

    def apply_reversible_stages(self) -> None:
        for stage in REVERSIBLE_STAGES:
            report = apply_stage(self.file, stage)
            assert report.ok, (stage.value, report.stopped, failures(report))
        assert stage_states(self.file)["verify"] == "done"

    def check_carried_over(self) -> None:
        """A fresh read of the target: every replacement there, answered as on the source."""
        source = self.file.latest_snapshot("source")
        assert source is not None
        arrived = self.target_api.discover()
        checked: list[str] = []
        assert carried_over_problems(self.file, source, arrived, checked) == []
        assert len(checked) >= len(self.moving)  # most numbers carry a voice and an SMS URL
        assert len(arrived.numbers) == len(self.before["target"].numbers) + len(self.moving)

    def roll_back_everything(self) -> None:
        undo = execution.rollback(self.file)
        assert not undo.stopped, undo.stopped
        not_manual = [n for n in undo.not_undone if not n.line.startswith("!")]
        assert not_manual == [], not_manual
        self.check_restored()

    def check_restored(self, roles: tuple[str, ...] = ("source", "target")) -> None:
        """Fresh reads equal the reads taken before apply."""
        for role in roles:
            api = self.source_api if role == "source" else self.target_api
            if api is None:
                continue
            after = api.discover()
            assert after.fingerprint() == self.before[role].fingerprint(), (
                role,
                differences(self.before[role], after),
            )


def furnish(target: VendorAdapter) -> None:
    """Give a target account an application and two numbers of its own, which a migration and
    its rollback must leave exactly as they were."""
    app = target.create_application(
        ApplicationSpec(
            "Existing IVR",
            {
                WebhookPurpose.VOICE_ANSWER: WebhookTarget("https://ivr.example.net/answer"),
                WebhookPurpose.SMS_INBOUND: WebhookTarget("https://ivr.example.net/sms"),
            },
        )
    )
    offers = target.search_numbers(NumberQuery("US", NumberType.LOCAL, area_code="303", limit=2))
    assert len(offers) == 2
    for offer in offers:
        target.buy_number(offer.e164, NumberConfig(app_id=app.id), label="existing")


# --- a file export from a vendor with no API left -----------------------------------------
def _valid_numbers(region: str, prefix: str, count: int) -> list[str]:
    """`count` valid numbers of a region whose national number starts with `prefix`."""
    found = []
    code = phonenumbers.country_code_for_region(region)
    for serial in range(0, 100_000, 173):
        candidate = f"+{code}{prefix}{serial:0{10 - len(prefix)}d}"
        if phonenumbers.is_valid_number_for_region(phonenumbers.parse(candidate), region):
            found.append(candidate)
            if len(found) == count:
                return found
    raise AssertionError(f"no {count} valid {region} numbers start with {prefix}")


def write_csv_export(path: Path) -> Path:
    """A departing vendor's export: numbers in three countries, some on shared applications,
    some with their own URLs (one with a TwiML Bin), one answered by nothing."""
    rows: list[dict[str, str]] = []

    def add(numbers: list[str], **values: str) -> None:
        rows.extend({"number": n, **values} for n in numbers)

    ivr = {"application": "Front desk", "voice_url": "https://pbx.acme.example/answer"}
    ivr |= {
        "sms_url": "https://pbx.acme.example/sms",
        "status_callback_url": "https://pbx.acme.example/status",
    }
    add(_valid_numbers("US", "415829", 6), capabilities="voice;sms", **ivr)
    add(_valid_numbers("US", "888555", 2), type="tollfree", capabilities="voice;sms", **ivr)
    for index, number in enumerate(_valid_numbers("US", "212736", 5)):
        own = f"https://stores.acme.example/{index}"
        hooks = {"voice_url": f"{own}/voice", "voice_method": "GET", "sms_url": f"{own}/sms"}
        add([number], capabilities="voice;sms", friendly_name=f"Store {index}", **hooks)
    add(_valid_numbers("CA", "514285", 3), capabilities="voice;sms", **ivr)
    add(
        _valid_numbers("GB", "207946", 3),
        capabilities="voice",
        voice_url="https://eu.acme.example/answer",
    )
    mobile = {
        "voice_url": "https://eu.acme.example/mobile",
        "sms_url": "https://eu.acme.example/sms",
    }
    add(
        _valid_numbers("GB", "7911", 2), capabilities="voice;sms", application="EU mobile", **mobile
    )
    bin_url = "https://handler.twilio.com/twiml/EH0123456789abcdef0123456789abcdef"
    add(
        _valid_numbers("US", "312555", 1),
        capabilities="voice;sms",
        voice_url=bin_url,
        sms_url=bin_url,
    )
    add(_valid_numbers("US", "617555", 1), capabilities="voice")
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


# --- what should have carried over ------------------------------------------------------------
def expected_url(url: str, hosted: HostedBy) -> str:
    """The URL the target must call: the source's own, or the placeholder standing in for
    logic the departing vendor hosted (until the admin enters a rebuilt one)."""
    return placeholder_url(hosted, url) if hosted.vendor_hosted else url


def _owners(number: Number, purpose: WebhookPurpose) -> list[tuple[OwnerKind, str | None]]:
    """Who may answer for a number, highest precedence first (Twilio's order: a trunk beats an
    application for voice, a messaging service beats one for SMS; any beats the number; the
    account's default inbound SMS URL answers when nothing else does, as on Vonage)."""
    if purpose is WebhookPurpose.VOICE_ANSWER:
        return [
            (OwnerKind.TRUNK, number.trunk_id),
            (OwnerKind.APPLICATION, number.voice_app_id),
            (OwnerKind.NUMBER, number.id),
        ]
    return [
        (OwnerKind.MESSAGING_SERVICE, number.messaging_service_id),
        (OwnerKind.APPLICATION, number.sms_app_id),
        (OwnerKind.NUMBER, number.id),
        (OwnerKind.ACCOUNT, number.account_id),
    ]


_NEEDS = {WebhookPurpose.VOICE_ANSWER: Capability.VOICE, WebhookPurpose.SMS_INBOUND: Capability.SMS}


def answering_urls(inventory: Inventory, number: Number) -> dict[WebhookPurpose, Webhook]:
    """The setting that answers each carried purpose the number is capable of: the first owner
    in precedence order whose webhook of that purpose the inventory marks effective."""
    found: dict[WebhookPurpose, Webhook] = {}
    effective = {
        (w.owner_kind, w.owner_id, w.purpose): w
        for w in (*inventory.effective_webhooks(number), *_account_hooks(inventory, number))
    }
    for purpose in CARRIED:
        if _NEEDS[purpose] not in number.capabilities:
            continue
        for kind, owner in _owners(number, purpose):
            hook = effective.get((kind, owner, purpose)) if owner else None
            if hook is not None:
                found[purpose] = hook
                break
    return found


def _account_hooks(inventory: Inventory, number: Number) -> tuple[Webhook, ...]:
    return tuple(
        w for w in inventory.webhooks_of(OwnerKind.ACCOUNT, number.account_id) if w.effective
    )


def effective_urls(inventory: Inventory, number: Number) -> dict[WebhookPurpose, str]:
    """What the target must call for this source number."""
    return {
        purpose: expected_url(hook.url, hook.hosted_by)
        for purpose, hook in answering_urls(inventory, number).items()
        if hook.hosted_by is not HostedBy.SIP  # a forward to a SIP URI or number is no webhook
    }


def target_urls(inventory: Inventory, number: Number) -> dict[WebhookPurpose, str]:
    """What answers a number on the target, as a fresh discovery of the target reads it."""
    return {purpose: hook.url for purpose, hook in answering_urls(inventory, number).items()}


def replacements(file: MigrationFile) -> dict[str, str]:
    """Source E.164 -> the replacement bought for it (from the buy actions' outputs)."""
    plan = execution.load_plan(file)
    produced = outputs(file)
    found = {}
    for action in plan.actions:
        if action.kind is ActionKind.BUY_NUMBER:
            found[str(action.params["replaces"])] = str(produced[action.id]["e164"])
    return found


def replaced_numbers(file: MigrationFile) -> list[str]:
    mapping = load_mapping(file)
    assert mapping is not None
    return sorted(m.e164 for m in mapping.numbers if m.strategy is Strategy.REPLACE)


def carried_over_problems(
    file: MigrationFile, source: Inventory, target: Inventory, checked: list[str] | None = None
) -> list[str]:
    """Every replaced source number whose replacement is missing on the target, unlike what the
    plan searched for (country, type, area code, capabilities), not linked to an application
    (where the source number was, or the target keeps URLs only on applications), or answered
    by other URLs than the source's. `checked` receives one line per URL found carried over
    (so a test can tell the check had something to check)."""
    problems = []
    checked = [] if checked is None else checked
    plan = execution.load_plan(file)
    searches = {
        str(a.params["replaces"]): dict(a.params["search"])
        for a in plan.actions
        if a.kind is ActionKind.BUY_NUMBER
    }
    apps_only = (
        adapter_class(plan.target_vendor).capabilities.webhook_home == WebhookHome.APPLICATION
    )
    bought = replacements(file)
    for e164 in replaced_numbers(file):
        number = source.number(e164)
        assert number is not None, e164
        new = bought.get(e164)
        if new is None:
            problems.append(f"{e164}: no replacement bought")
            continue
        arrived = target.number(new)
        if arrived is None:
            problems.append(f"{e164}: replacement {new} is not on the target")
            continue
        problems += _unlike(number, arrived, searches[e164])
        wanted = effective_urls(source, number)
        had_app = bool(number.voice_app_id or number.sms_app_id)
        if wanted and (had_app or apps_only) and not (arrived.voice_app_id or arrived.sms_app_id):
            problems.append(f"{e164}: replacement {new} is linked to no application")
        got = target_urls(target, arrived)
        for purpose, url in wanted.items():
            if got.get(purpose) != url:
                problems.append(
                    f"{e164} -> {new}: {purpose.value} is {got.get(purpose)!r}, wanted {url!r}"
                )
            else:
                checked.append(f"{e164} -> {new}: {purpose.value} {url}")
    return problems


def _unlike(number: Number, arrived: Number, search: dict[str, Any]) -> list[str]:
    """How a replacement differs from what the plan searched for: another country or type,
    outside the area code, or without a capability asked for."""
    problems = []
    where = f"{number.e164} -> {arrived.e164}"
    if (arrived.country, arrived.number_type.value) != (number.country, search["number_type"]):
        problems.append(f"{where}: {arrived.country} {arrived.number_type.value} number")
    area = search.get("area_code")
    national = str(phonenumbers.parse(arrived.e164).national_number)
    if area and not national.startswith(str(area)):
        problems.append(f"{where}: not in area code {area}")
    missing = {Capability(c) for c in search["capabilities"]} - arrived.capabilities
    if missing:
        problems.append(f"{where}: lacks {', '.join(sorted(missing))}")
    return problems


# --- comparing inventories --------------------------------------------------------------------
def differences(before: Inventory, after: Inventory, limit: int = 12) -> list[str]:
    """What differs between two reads of an account, item by item (for failure messages)."""
    old, new = before.canonical(), after.canonical()
    lines: list[str] = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if not (isinstance(a, list) and isinstance(b, list)):
            lines.append(f"{key}: {a!r} -> {b!r}")
            continue
        dump = [json.dumps(x, sort_keys=True) for x in a]
        again = [json.dumps(x, sort_keys=True) for x in b]
        lines += [f"{key} gone: {x}" for x in dump if x not in set(again)]
        lines += [f"{key} new:  {x}" for x in again if x not in set(dump)]
    return lines[:limit]
