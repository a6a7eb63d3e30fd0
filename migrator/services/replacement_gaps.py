"""The core capabilities (voice, SMS) a number's replacement would lack on a target: what blocks
its replace, and what the admin may accept it lacks (Decisions.accepted_missing) to have it
bought anyway. The same answer the assessment and the planner give, from the same table."""

from __future__ import annotations

from functools import cache

from migrator.engine.sides import Side
from migrator.model.enums import Capability, NumberType
from migrator.model.inventory import Number
from migrator.rules.table import load_table


def core_gaps(target_vendor: str, number: Number) -> frozenset[Capability]:
    """The number's core capabilities that `target_vendor` sells on no number of its country
    and type; empty when it sells none of that country and type at all (that replace is
    blocked whatever the admin accepts)."""
    return _gaps(target_vendor, number.country, number.number_type, number.capabilities)


@cache
def _gaps(
    vendor: str, country: str, kind: NumberType, capabilities: frozenset[Capability]
) -> frozenset[Capability]:
    table = load_table()
    target = Side.of(vendor, "", table)
    if target.offer(country, kind.value) is None:
        return frozenset()
    return target.missing(country, kind.value, capabilities) & table.replacement.core
