"""Edits to the admin's stored decisions (bulk rules, per-number overrides, the public key for
new applications), then a new plan.

The decisions live in the stored mapping, where planning.build_plan keeps them across every
refresh; this module changes them in place for the command line (the GUI replaces them whole
through planning.set_decisions).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.model.assessment import Assessment
from migrator.model.mapping import Decisions, Mapping, Strategy, StrategyRule
from migrator.model.plan import Plan
from migrator.services.planning import build_plan, load_mapping, save_mapping

SHOWN_UNKNOWN = 5


@dataclass(frozen=True)
class DecisionChanges:
    """What to change: optionally drop the stored rules and overrides, then append `rules` (in
    order, after the stored ones) and set `overrides` (E.164 -> strategy)."""

    clear: bool = False
    rules: tuple[StrategyRule, ...] = ()
    overrides: dict[str, Strategy] = field(default_factory=dict)
    public_key: str | None = None
    """A PEM public key for the applications the plan creates (None: keep the stored one)."""
    clear_public_key: bool = False

    @property
    def empty(self) -> bool:
        return not (
            self.clear
            or self.rules
            or self.overrides
            or self.public_key is not None
            or self.clear_public_key
        )

    def applied_to(self, decisions: Decisions) -> Decisions:
        rules = () if self.clear else decisions.rules
        overrides = {} if self.clear else dict(decisions.overrides)
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


def plan_with_changes(
    file: MigrationFile, changes: DecisionChanges, numbers: str | None = None
) -> tuple[Mapping, Assessment, Plan]:
    """Store the changed decisions, then map, assess and plan (as planning.build_plan).

    Overrides must name numbers of the source inventory: a typo would otherwise be kept and
    silently match nothing. A file never planned is planned once first, to have a mapping for
    the decisions to live in.
    """
    if not changes.empty:
        mapping = load_mapping(file)
        if mapping is None:
            mapping, _, _ = build_plan(file, numbers)
        known = {n.e164 for n in mapping.numbers}
        unknown = [e164 for e164 in changes.overrides if e164 not in known]
        if unknown:
            shown = ", ".join(unknown[:SHOWN_UNKNOWN])
            more = (
                f" and {len(unknown) - SHOWN_UNKNOWN} more" if len(unknown) > SHOWN_UNKNOWN else ""
            )
            raise UsageError(
                f"not a number of the source inventory: {shown}{more} "
                "(`migrator inventory FILE` lists them)"
            )
        save_mapping(file, replace(mapping, decisions=changes.applied_to(mapping.decisions)))
    return build_plan(file, numbers)
