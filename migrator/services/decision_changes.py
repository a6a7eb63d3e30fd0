"""Edits to the admin's stored decisions (bulk rules, per-number overrides, the public key for
new applications), then a new plan.

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
    then `drop_rules` removes stored rules by position and `unset` removes numbers' own
    overrides; then `rules` are appended (in order, after the stored ones) and `overrides`
    (E.164 -> strategy) are set. A removal that names nothing stored is refused as a whole."""

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
        )

    def applied_to(self, decisions: Decisions, known: Container[str] | None = None) -> Decisions:
        """The decisions after this change. UsageError (naming the offending values) when a
        rule position is out of range or an unset number has no override; `known` (the
        inventory's numbers, when at hand) tells a number that has none from a typo."""
        rules = () if self.clear else decisions.rules
        overrides = {} if self.clear else dict(decisions.overrides)
        self._check_removals(len(rules), overrides, known)
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
        unknown = [e164 for e164 in missing if known is not None and e164 not in known]
        if unknown:
            raise UsageError(
                f"not a number of the source inventory: {_listed(unknown)} "
                "(`migrator inventory FILE` lists them)"
            )
        if missing:
            raise UsageError(
                f"no override to remove for {_listed(missing)}: no strategy is set for it "
                f"alone, the default and the bulk rules decide it{cleared}"
            )


def plan_with_changes(
    file: MigrationFile, changes: DecisionChanges, numbers: str | None = None
) -> tuple[Mapping, Assessment, Plan]:
    """Store the changed decisions, then map, assess and plan (as planning.build_plan).

    Overrides must name numbers of the source inventory: a typo would otherwise be kept and
    silently match nothing. A file never planned is planned once first, to have a mapping for
    the decisions to live in (a removal there is refused before that: nothing is stored yet).
    Any refused change leaves the stored decisions as they were.
    """
    if not changes.empty:
        mapping = load_mapping(file)
        if mapping is None:
            changes.applied_to(Decisions())
            mapping, _, _ = build_plan(file, numbers)
        known = {n.e164 for n in mapping.numbers}
        unknown = [e164 for e164 in changes.overrides if e164 not in known]
        if unknown:
            raise UsageError(
                f"not a number of the source inventory: {_listed(unknown)} "
                "(`migrator inventory FILE` lists them)"
            )
        decisions = changes.applied_to(mapping.decisions, known)
        save_mapping(file, replace(mapping, decisions=decisions))
    return build_plan(file, numbers)
