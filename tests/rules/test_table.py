"""The compatibility table: it loads, every fact cites a source, lookups pick the right entry,
and a malformed table is refused with a message that says where."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from migrator.model.enums import Capability, HostedBy, WebhookPurpose
from migrator.rules.facts import FACTS
from migrator.rules.table import TableError, load_table, load_table_from, parse_table

REQUIRED_CHECKLIST = {
    "e911",
    "cnam",
    "tendlc",
    "tollfree_verification",
    "signature_validation",
    "vendor_hosted",
    "sms_lag",
}


def _raw() -> dict[str, Any]:
    text = resources.files("migrator.rules").joinpath("compatibility.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_shipped_table_loads_with_every_section() -> None:
    table = load_table()
    assert set(table.vendors) == {"twilio", "vonage", "plivo", "file"}
    assert {h for h in HostedBy if h.vendor_hosted} <= set(table.hosted)
    assert set(table.purposes) == set(WebhookPurpose)
    assert set(table.checklist) >= REQUIRED_CHECKLIST
    assert len(table.rules) >= 40


def test_every_fact_cites_the_reference_files() -> None:
    table = load_table()
    facts: list[tuple[str, ...]] = [v.sources for v in table.vendors.values()]
    facts += [h.sources for h in table.hosted.values()]
    facts += [p.sources for p in table.purposes.values()]
    facts += [p.sources for p in table.porting] + [o.sources for o in table.offers]
    facts += [i.sources for i in table.items.values()]
    facts += [c.sources for c in table.checklist.values()] + [r.sources for r in table.rules]
    facts += [table.replacement.sources]
    for sources in facts:
        assert sources
        assert all(("vendors.md" in s) or ("market.md" in s) for s in sources), sources
        # a fact the reference files do not cover says so and names its vendor page
        for source in sources:
            if "not in vendors.md" in source:
                assert source.startswith("unverified, not in vendors.md: "), source
                assert "vonage.com" in source or "twilio.com" in source or "plivo.com" in source


def test_a_replacement_must_keep_voice_and_sms() -> None:
    assert load_table().replacement.core == {Capability.VOICE, Capability.SMS}


def test_vonage_sends_mms_from_us_numbers_only() -> None:
    """developer.vonage.com/en/messages/concepts/mms: MMS from US 10DLC and toll-free numbers;
    Canadian handsets receive it, but no Canadian Vonage number sends it."""
    table = load_table()
    for kind in ("local", "tollfree"):
        us, ca = table.offer("vonage", "US", kind), table.offer("vonage", "CA", kind)
        assert us is not None and Capability.MMS in us.capabilities
        assert ca is not None and Capability.MMS not in ca.capabilities


def test_rules_only_use_known_facts_and_checklist_entries() -> None:
    table = load_table()
    for rule in table.rules:
        assert set(rule.when) <= FACTS[rule.item]
        assert rule.unless is None or set(rule.unless) <= FACTS[rule.item]
        assert rule.checklist is None or rule.checklist in table.checklist
    ids = [r.id for r in table.rules]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("vendor", "country", "kind", "path", "confirmed"),
    [
        ("twilio", "US", "local", "api", True),
        ("twilio", "US", "mobile", "api", True),
        ("twilio", "US", "tollfree", "console", True),
        ("plivo", "CA", "local", "ticket", True),
        ("plivo", "US", "tollfree", "ticket", True),
        ("vonage", "DE", "mobile", "ticket", False),
    ],
)
def test_porting_paths(vendor: str, country: str, kind: str, path: str, confirmed: bool) -> None:
    entry = load_table().porting_path(vendor, country, kind)
    assert entry is not None
    assert (entry.path, entry.confirmed) == (path, confirmed)


@pytest.mark.parametrize(
    ("vendor", "country", "kind"),
    [("twilio", "GB", "local"), ("twilio", "CA", "local"), ("plivo", "GB", "local")],
)
def test_no_porting_path_where_the_references_document_none(
    vendor: str, country: str, kind: str
) -> None:
    assert load_table().porting_path(vendor, country, kind) is None


def test_twilio_api_port_batches_are_capped_at_1000() -> None:
    entry = load_table().porting_path("twilio", "US", "local")
    assert entry is not None and entry.batch_limit == 1000


def test_most_specific_offer_wins() -> None:
    table = load_table()
    gb_landline = table.offer("vonage", "GB", "local")
    gb_mobile = table.offer("vonage", "GB", "mobile")
    assert gb_landline is not None and gb_landline.capabilities == {Capability.VOICE}
    assert gb_mobile is not None and Capability.SMS in gb_mobile.capabilities
    assert table.offer("vonage", "US", "national") is None
    plivo = table.offer("plivo", "US", "local")
    assert plivo is not None and Capability.FAX not in plivo.capabilities


@pytest.mark.parametrize(
    ("vendor", "country", "kind", "capabilities"),
    [
        ("twilio", "US", "tollfree", {"voice", "sms", "mms"}),
        ("twilio", "CA", "tollfree", {"voice", "sms"}),
        ("twilio", "GB", "local", {"voice"}),
        ("twilio", "GB", "mobile", {"voice", "sms"}),
        ("vonage", "US", "tollfree", {"voice", "sms", "mms"}),
        ("vonage", "CA", "local", {"voice", "sms"}),
        ("vonage", "DE", "local", {"voice"}),
        ("plivo", "US", "tollfree", {"voice", "sms", "mms"}),
        ("plivo", "CA", "tollfree", {"voice", "sms"}),
        ("plivo", "GB", "mobile", {"voice", "sms"}),
    ],
)
def test_capabilities_on_sale_by_vendor_country_and_type(
    vendor: str, country: str, kind: str, capabilities: set[str]
) -> None:
    offer = load_table().offer(vendor, country, kind)
    assert offer is not None
    assert {c.value for c in offer.capabilities} == capabilities


def test_no_vendor_sells_a_number_for_fax() -> None:
    """Twilio's Programmable Fax has reached its end of life; Vonage and Plivo never had fax."""
    table = load_table()
    for offer in table.offers:
        assert Capability.FAX not in offer.capabilities, offer


def test_an_entry_can_say_a_type_is_not_sold() -> None:
    """Twilio sells North American numbers as local or toll-free only: no US mobile numbers,
    although it sells mobile numbers elsewhere."""
    table = load_table()
    assert table.offer("twilio", "US", "mobile") is None
    assert table.offer("twilio", "GB", "mobile") is not None


def test_load_table_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "table.toml"
    path.write_text(
        resources.files("migrator.rules").joinpath("compatibility.toml").read_text("utf-8")
    )
    assert load_table_from(path).rules == load_table().rules
    path.write_text("not = [valid")
    with pytest.raises(TableError, match=r"table\.toml"):
        load_table_from(path)


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(_raw())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["rules"][0].update(when={"no_such_fact": True}), "unknown number fact"),
        (lambda d: d["rules"][0].update(reason="{nonsense}"), "reason refers to unknown"),
        (lambda d: d["rules"][0].update(verdict="maybe"), "verdict must be"),
        (lambda d: d["rules"][0].update(sources=[]), "non-empty list of sources"),
        (lambda d: d["rules"][0].update(checklist="nowhere"), "unknown checklist entry"),
        (lambda d: d["rules"][0].update(item="planet"), "item must be one of"),
        (lambda d: d["rules"].append(dict(d["rules"][0])), "rule ids used twice"),
        (lambda d: d["porting"][0].update(path="pigeon"), "path must be one of"),
        (lambda d: d["porting"][0].update(vendor="acme"), "unknown vendor"),
        (lambda d: d["porting"][0].update(number_types=["landline"]), "unknown number type"),
        (lambda d: d["offers"][0].update(capabilities=["telepathy"]), "offers"),
        (lambda d: d["offers"][0].update(capabilities=[]), "needs at least one capability"),
        (lambda d: d["offers"][0].update(sold="no"), "sold must be true or false"),
        (lambda d: d["items"]["trunk"].update(capability="teleport"), "not a Capabilities flag"),
        (lambda d: d["vendors"]["twilio"].pop("markup"), "missing markup"),
        (lambda d: d["hosted"].pop("studio"), "no facts for studio"),
        (lambda d: d.update(schema_version=99), "schema_version"),
        (lambda d: d["replacement"].update(core_capabilities=["telepathy"]), "replacement"),
        (lambda d: d.pop("replacement"), "missing core_capabilities"),
        (lambda d: d["replacement"].pop("sources"), "non-empty list of sources"),
        (lambda d: d["vendors"]["vonage"].pop("app_private_key_discarded"), "missing app_private"),
    ],
)
def test_malformed_tables_are_refused(change: Any, message: str) -> None:
    with pytest.raises(TableError, match=message):
        parse_table(_broken(change))
