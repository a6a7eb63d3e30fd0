"""Edits to the admin's stored decisions (bulk rules, per-number overrides, capabilities a
number's replacement may lack, the public key for new applications), then a new plan.

The decisions live in the stored mapping, where planning.build_plan keeps them across every
refresh. The command line changes them in place with plan_with_changes; the GUI computes the
new decisions with DecisionChanges.applied_to (the same checks and order) and stores them whole
through planning.set_decisions on a worker thread.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field, replace

from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.model.assessment import Assessment
from migrator.model.enums import Capability
from migrator.model.mapping import Decisions, Mapping, Strategy, StrategyRule
from migrator.model.plan import Plan
from migrator.services.planning import build_plan, load_mapping, save_mapping

SHOWN_UNKNOWN = 5


def _listed(values: Sequence[str]) -> str:
    """'a, b, c and 4 more' (at most SHOWN_UNKNOWN named)."""
    shown = ", ".join(values[:SHOWN_UNKNOWN])
    more = len(values) - SHOWN_UNKNOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _rules(count: int) -> str:
    return f"{count} stored rule" + ("" if count == 1 else "s")


@dataclass(frozen=True)
class DecisionChanges:
    """What to change, applied in this order: `clear` drops the stored rules and overrides;
    then `drop_rules` removes stored rules by position, `unset` removes numbers' own
    overrides and `unaccept` numbers' accepted missing capabilities; then `rules` are appended
    (in order, after the stored ones), `overrides` (E.164 -> strategy) are set and
    `accept_missing` is added to what each number has accepted. `clear` leaves acceptances
    alone. A removal that names nothing stored is refused as a whole."""

    clear: bool = False
    rules: tuple[StrategyRule, ...] = ()
    overrides: dict[str, Strategy] = field(default_factory=dict)
    public_key: str | None = None
    """A PEM public key for the applications the plan creates (None: keep the stored one)."""
    clear_public_key: bool = False
    unset: tuple[str, ...] = ()
    """Numbers (E.164) whose own strategy is removed, so the default and rules decide them."""
    drop_rules: tuple[int, ...] = ()
    """1-based positions of stored rules to remove, numbered as before this change (as the
    'Decisions:' section of `migrator plan` and the Bulk rules tab list them)."""
    accept_missing: dict[str, frozenset[Capability]] = field(default_factory=dict)
    """E.164 -> capabilities its replacement may lack (added to those already accepted)."""
    unaccept: tuple[str, ...] = ()
    """Numbers (E.164) whose accepted missing capabilities are all withdrawn."""

    @property
    def empty(self) -> bool:
        return not (
            self.clear
            or self.rules
            or self.overrides
            or self.public_key is not None
            or self.clear_public_key
            or self.unset
            or self.drop_rules
            or self.accept_missing
            or self.unaccept
        )

    @property
    def named_numbers(self) -> list[str]:
        """The numbers this change sets something for (they must be in the inventory)."""
        return list(dict.fromkeys([*self.overrides, *self.accept_missing]))

    def applied_to(self, decisions: Decisions, known: Container[str] | None = None) -> Decisions:
        """The decisions after this change. UsageError (naming the offending values) when a
        rule position is out of range, an unset number has no override or an unaccepted one
        has no acceptance; `known` (the inventory's numbers, when at hand) tells a number that
        has none from a typo."""
        rules = () if self.clear else decisions.rules
        overrides = {} if self.clear else dict(decisions.overrides)
        self._check_removals(len(rules), overrides, known)
        self._check_unaccept(decisions.accepted_missing, known)
        accepted = dict(decisions.accepted_missing)
        for e164 in self.unaccept:
            accepted.pop(e164, None)
        for e164, capabilities in self.accept_missing.items():
            accepted[e164] = accepted.get(e164, frozenset()) | capabilities
        dropped = set(self.drop_rules)
        rules = tuple(rule for at, rule in enumerate(rules, start=1) if at not in dropped)
        for e164 in self.unset:
            overrides.pop(e164, None)
        overrides.update(self.overrides)
        key = decisions.application_public_key
        if self.clear_public_key:
            key = None
        elif self.public_key is not None:
            key = self.public_key
        return replace(
            decisions,
            rules=rules + self.rules,
            overrides=overrides,
            application_public_key=key,
            accepted_missing=accepted,
        )

    def _check_removals(
        self, stored_rules: int, overrides: dict[str, Strategy], known: Container[str] | None
    ) -> None:
        cleared = " (clearing drops every rule and override first)" if self.clear else ""
        beyond = sorted({at for at in self.drop_rules if not 1 <= at <= stored_rules})
        if beyond:
            have = f"there are {_rules(stored_rules)}" if stored_rules else "no rules are stored"
            raise UsageError(
                f"no rule {_listed([str(at) for at in beyond])} to drop: {have}{cleared}"
            )
        missing = [e164 for e164 in dict.fromkeys(self.unset) if e164 not in overrides]
        _check_known(missing, known)
        if missing:
            raise UsageError(
                f"no override to remove for {_listed(missing)}: no strategy is set for it "
                f"alone, the default and the bulk rules decide it{cleared}"
            )

    def _check_unaccept(
        self, accepted: dict[str, frozenset[Capability]], known: Container[str] | None
    ) -> None:
        missing = [e164 for e164 in dict.fromkeys(self.unaccept) if e164 not in accepted]
        _check_known(missing, known)
        if missing:
            raise UsageError(
                f"no accepted missing capability to withdraw for {_listed(missing)}: "
                "its replacement must have every capability it has now"
            )


def _check_known(numbers: Sequence[str], known: Container[str] | None) -> None:
    """UsageError naming the numbers that are not in the inventory (when it is known)."""
    unknown = [e164 for e164 in numbers if known is not None and e164 not in known]
    if unknown:
        raise UsageError(
            f"not a number of the source inventory: {_listed(unknown)} "
            "(`migrator inventory FILE` lists them)"
        )


def plan_with_changes(
    file: MigrationFile, changes: DecisionChanges, numbers: str | None = None
) -> tuple[Mapping, Assessment, Plan]:
    """Store the changed decisions, then map, assess and plan (as planning.build_plan).

    Overrides and acceptances must name numbers of the source inventory: a typo would
    otherwise be kept and silently match nothing. A file never planned is planned once first,
    to have a mapping for the decisions to live in (a removal there is refused before that:
    nothing is stored yet). Any refused change leaves the stored decisions as they were.
    """
    if not changes.empty:
        mapping = load_mapping(file)
        if mapping is None:
            changes.applied_to(Decisions())
            mapping, _, _ = build_plan(file, numbers)
        known = {n.e164 for n in mapping.numbers}
        _check_known(changes.named_numbers, known)
        decisions = changes.applied_to(mapping.decisions, known)
        save_mapping(file, replace(mapping, decisions=decisions))
    return build_plan(file, numbers)
