"""The strategy options `migrator plan` and `migrator assess` share, and how they are shown.

    --numbers STRATEGY                     the default for every number
    --rule 'country=CA,type=tollfree:replace'   a bulk rule, appended to the stored ones
    --set +14155550100=keep                one number's own strategy (wins over every rule)
    --clear-rules                          drop the stored rules and overrides first
    --drop-rule 2                          remove stored rule 2 (as "Decisions:" numbers it)
    --unset +14155550100                   remove one number's own strategy (rules decide it)
    --accept-missing +442071838760=sms     replace this number even though its replacement
                                           lacks SMS (the target sells none with it)
    --unaccept +442071838760               withdraw that: the replacement needs every
                                           capability again
    --public-key KEY.pem | none            the public key for every application the plan
                                           creates (none clears it)

Changes apply in the order APPLY_ORDER says. Everything is parsed before the migration file is
opened, so a typo changes nothing; a bad option, or a removal of something not stored, is one
UsageError naming the bad part (exit code 2) and nothing is saved.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import phonenumbers

from migrator.errors import UsageError
from migrator.model.enums import Capability, NumberType
from migrator.model.mapping import Mapping, Strategy, StrategyRule
from migrator.model.public_key import fingerprint, parse_public_key
from migrator.services.decision_changes import DecisionChanges
from migrator.services.number_groups import decided_by_counts

STRATEGIES = ", ".join(s.value for s in Strategy)
TYPES = ", ".join(t.value for t in NumberType)
CAPABILITY_NAMES = ", ".join(c.value for c in Capability)
FIELDS = {
    "country": "country",
    "type": "number_type",
    "number_type": "number_type",
    "tag": "tag",
    "app": "app",
}
"""--rule field names -> StrategyRule fields."""
APPLY_ORDER = (
    "Changes to the stored decisions apply in this order: --clear-rules; then --drop-rule and "
    "--unset (rule numbers as the 'Decisions:' section of `migrator plan` lists them, before "
    "any change), and --unaccept; then --rule and --set, and --accept-missing. --clear-rules "
    "keeps accepted missing capabilities. If any of them is refused, nothing is saved."
)
SHOWN_OVERRIDES = 10


def add_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("decisions", APPLY_ORDER)
    group.add_argument(
        "--numbers",
        choices=[s.value for s in Strategy],
        help="default strategy for every number (bulk rules and per-number choices still win)",
    )
    group.add_argument(
        "--rule",
        action="append",
        default=[],
        metavar="FIELD=VALUE,...:STRATEGY",
        help="a bulk rule: numbers matching every field get STRATEGY; fields are country "
        "(GB), type (local, mobile, tollfree...), tag and app (a source application id); "
        "appended after the stored rules (a later match wins); repeatable",
    )
    group.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="E164=STRATEGY",
        help="the strategy of one number; it wins over every rule; repeatable",
    )
    group.add_argument(
        "--unset",
        action="append",
        default=[],
        metavar="E164",
        help="remove the strategy set for this one number, so the default and the bulk rules "
        "decide it again; repeatable",
    )
    group.add_argument(
        "--accept-missing",
        action="append",
        default=[],
        metavar="E164=CAPABILITY,...",
        help="replace this number even though the target sells its replacement only without "
        f"these capabilities ({CAPABILITY_NAMES}), e.g. +18005550100=sms for a voice-only line; "
        "without it such a replace is blocked; added to those already accepted; repeatable",
    )
    group.add_argument(
        "--unaccept",
        action="append",
        default=[],
        metavar="E164",
        help="withdraw every accepted missing capability of this number, so a replace that "
        "lacks voice or SMS is blocked again; repeatable",
    )
    group.add_argument(
        "--drop-rule",
        action="append",
        default=[],
        metavar="N",
        help="remove stored bulk rule N (1 is the first, as 'Decisions:' lists them); "
        "the other rules and every per-number strategy stay; repeatable",
    )
    group.add_argument(
        "--clear-rules",
        action="store_true",
        help="drop ALL stored bulk rules and per-number strategies before adding new ones",
    )
    group.add_argument(
        "--public-key",
        metavar="KEY.pem",
        help="a PEM public key for every application the plan creates on a target whose "
        "applications have key pairs (Vonage): your existing private key then signs for them; "
        "'none' clears it. Never give a private key",
    )


def parse_strategy(text: str, where: str) -> Strategy:
    try:
        return Strategy(text.strip().lower())
    except ValueError:
        raise UsageError(f"{where}: strategy '{text.strip()}' is not one of {STRATEGIES}") from None


def parse_rule(text: str) -> StrategyRule:
    """'country=CA,type=tollfree,tag=X,app=APID:replace' -> StrategyRule."""
    where = f"--rule '{text}'"
    conditions, colon, strategy = text.rpartition(":")
    if not colon:
        raise UsageError(f"{where}: end it with :STRATEGY ({STRATEGIES})")
    values: dict[str, Any] = {}
    for part in conditions.split(","):
        name, equals, value = (s.strip() for s in part.partition("="))
        if not part.strip():
            continue
        if not equals:
            raise UsageError(f"{where}: '{part.strip()}' is not FIELD=VALUE")
        field = FIELDS.get(name.lower())
        if field is None:
            raise UsageError(f"{where}: unknown field '{name}' (use country, type, tag or app)")
        if field in values:
            raise UsageError(f"{where}: '{name}' is given twice")
        if not value:
            raise UsageError(f"{where}: '{name}=' needs a value")
        values[field] = _field_value(field, value, where)
    if not values:
        raise UsageError(
            f"{where}: give at least one of country=, type=, tag=, app= "
            "(--numbers sets the strategy of every number)"
        )
    return StrategyRule(parse_strategy(strategy, where), **values)


def _field_value(field: str, value: str, where: str) -> Any:
    if field == "country":
        region = value.upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise UsageError(
                f"{where}: country '{value}' is not a two-letter country code (e.g. US, GB, CA)"
            )
        return region
    if field == "number_type":
        try:
            return NumberType(value.lower().replace("-", ""))
        except ValueError:
            raise UsageError(f"{where}: type '{value}' is not one of {TYPES}") from None
    return value


def parse_number(text: str, where: str) -> str:
    """'+1 (415) 555-0100' -> '+14155550100'."""
    try:
        parsed = phonenumbers.parse(text.strip(), None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise UsageError(
            f"{where}: '{text.strip()}' is not a valid number in E.164 form "
            "(+, country code, number)"
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def parse_override(text: str) -> tuple[str, Strategy]:
    """'+1 415 555 0100=keep' -> ('+14155550100', Strategy.KEEP)."""
    where = f"--set '{text}'"
    number, equals, strategy = text.rpartition("=")
    if not equals or not number.strip():
        raise UsageError(f"{where}: write it as E164=STRATEGY, e.g. +14155550100=keep")
    return parse_number(number, where), parse_strategy(strategy, where)


def parse_unset(text: str) -> str:
    """'+1 415 555 0100' -> '+14155550100' (the number whose override --unset removes)."""
    return parse_number(text, f"--unset '{text}'")


def parse_accept_missing(text: str) -> tuple[str, frozenset[Capability]]:
    """'+44 20 7183 8760=sms,voice' -> ('+442071838760', {SMS, VOICE})."""
    where = f"--accept-missing '{text}'"
    number, equals, names = text.rpartition("=")
    if not equals or not number.strip():
        raise UsageError(f"{where}: write it as E164=CAPABILITY,..., e.g. +18005550100=sms")
    e164 = parse_number(number, where)
    capabilities: set[Capability] = set()
    for name in (part.strip() for part in names.split(",")):
        if not name:
            continue
        try:
            capabilities.add(Capability(name.lower()))
        except ValueError:
            raise UsageError(
                f"{where}: '{name}' is not a capability (use {CAPABILITY_NAMES})"
            ) from None
    if not capabilities:
        raise UsageError(f"{where}: name the capabilities after '=' ({CAPABILITY_NAMES})")
    return e164, frozenset(capabilities)


def parse_unaccept(text: str) -> str:
    """'+44 20 7183 8760' -> '+442071838760' (the number whose acceptance --unaccept
    withdraws)."""
    return parse_number(text, f"--unaccept '{text}'")


def parse_rule_position(text: str) -> int:
    """'2' -> 2: a stored rule's 1-based position, as 'Decisions:' lists it."""
    value = text.strip()
    if not value.isdigit() or int(value) < 1:
        raise UsageError(
            f"--drop-rule '{text}': give the rule's number as the 'Decisions:' section of "
            "`migrator plan` lists it (1, 2, ...)"
        )
    return int(value)


def read_public_key(path: str) -> str:
    """The PEM public key in the file at `path` (UsageError when unreadable, a private key or
    not a public key; the message names the file, never its content)."""
    where = f"--public-key '{path}'"
    try:
        text = Path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not a text file"
        raise UsageError(f"{where}: cannot read it ({reason})") from None
    try:
        return parse_public_key(text)
    except UsageError as error:
        raise UsageError(f"{where}: {error}") from None


def changes_from(args: argparse.Namespace) -> DecisionChanges:
    overrides = dict(parse_override(text) for text in args.set)
    accepted: dict[str, frozenset[Capability]] = {}
    for text in getattr(args, "accept_missing", ()):
        e164, capabilities = parse_accept_missing(text)
        accepted[e164] = accepted.get(e164, frozenset()) | capabilities
    given = getattr(args, "public_key", None)
    clear_key = given is not None and given.strip().lower() == "none"
    return DecisionChanges(
        clear=bool(args.clear_rules),
        unset=tuple(parse_unset(text) for text in getattr(args, "unset", ())),
        drop_rules=tuple(parse_rule_position(text) for text in getattr(args, "drop_rule", ())),
        rules=tuple(parse_rule(text) for text in args.rule),
        overrides=overrides,
        public_key=read_public_key(given) if given is not None and not clear_key else None,
        clear_public_key=clear_key,
        accept_missing=accepted,
        unaccept=tuple(parse_unaccept(text) for text in getattr(args, "unaccept", ())),
    )


def _numbers(count: int) -> str:
    return f"{count:,} number" + ("" if count == 1 else "s")


def decisions_lines(mapping: Mapping) -> list[str]:
    """The 'Decisions:' section of `migrator plan`: the default, each rule with the numbers it
    decides (those no later rule or override took), the overrides, and the capabilities the
    admin accepted replacements may lack."""
    decisions = mapping.decisions
    decided = decided_by_counts(mapping)
    default = decisions.default_strategy
    head = f"default {default.value}" if default else "recommended strategy per number"
    key = decisions.application_public_key
    key_line = [f"  public key for new applications: {fingerprint(key)}"] if key else []
    key_line = _accepted_lines(mapping) + key_line
    if not decisions.rules and not decisions.overrides:
        return [f"Decisions: {head} (no bulk rules, no per-number overrides)", *key_line]
    lines = [f"Decisions: {head}; later rules win over earlier ones, overrides over all"]
    for position, rule in enumerate(decisions.rules, start=1):
        count = decided.get(f"rule {position}", 0)
        note = "" if count else " - none: no number matches, or later rules take them"
        lines.append(f"  rule {position}: {rule.describe()}  ({_numbers(count)}{note})")
    if decisions.overrides:
        gone = len(decisions.overrides) - decided.get("override", 0)
        lines.append(
            f"  overrides: {_numbers(len(decisions.overrides))} set one by one"
            + (f" ({gone:,} no longer in the inventory)" if gone else "")
        )
        lines += _override_lines(mapping)
    return lines + key_line


def _override_lines(mapping: Mapping) -> list[str]:
    """The overrides one a line (the first SHOWN_OVERRIDES), so --unset has a number to name."""
    overrides = sorted(mapping.decisions.overrides.items())
    inventory = {n.e164 for n in mapping.numbers}
    lines = [
        f"    {e164} -> {strategy.value}"
        + ("" if e164 in inventory else "  (not in the inventory)")
        for e164, strategy in overrides[:SHOWN_OVERRIDES]
    ]
    if len(overrides) > SHOWN_OVERRIDES:
        lines.append(
            f"    ... and {len(overrides) - SHOWN_OVERRIDES:,} more (--json lists them all)"
        )
    return lines


def _accepted_lines(mapping: Mapping) -> list[str]:
    """The accepted missing capabilities one number a line (the first SHOWN_OVERRIDES), so
    --unaccept has a number to name. An acceptance only matters while the number is replaced
    by one lacking those capabilities; the assessment names the ones that take effect."""
    accepted = sorted(mapping.decisions.accepted_missing.items())
    if not accepted:
        return []
    strategies = {n.e164: n.strategy for n in mapping.numbers}
    lines = [
        f"  accepted missing: {_numbers(len(accepted))} may be replaced without capabilities "
        "the target does not sell with them"
    ]
    for e164, capabilities in accepted[:SHOWN_OVERRIDES]:
        strategy = strategies.get(e164)
        note = ""
        if strategy is None:
            note = "  (not in the inventory)"
        elif strategy is not Strategy.REPLACE:
            note = f"  (no effect while its strategy is {strategy.value})"
        names = ", ".join(sorted(c.value for c in capabilities))
        lines.append(f"    {e164} without {names}{note}")
    if len(accepted) > SHOWN_OVERRIDES:
        lines.append(
            f"    ... and {len(accepted) - SHOWN_OVERRIDES:,} more (--json lists them all)"
        )
    return lines
