"""The two accounts of a migration as the mapping, assessment and planner see them.

A side is a vendor name (a key into the compatibility table), an account id and the vendor's
capabilities. A source imported from a file has no capabilities (no API: whatever must happen
there is done by hand). Porting paths and offers are looked up here once, so the three steps
agree on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from migrator.errors import UsageError
from migrator.model.enums import Capability
from migrator.rules.table import CompatibilityTable, Offer, PortingPath, VendorFacts
from migrator.vendors.base import Capabilities
from migrator.vendors.capabilities import CAPABILITIES


@dataclass(frozen=True)
class PortRoute:
    """How a number of one country and type reaches the target by porting."""

    path: str
    """api, console, ticket or none."""
    entry: PortingPath | None

    @property
    def possible(self) -> bool:
        return self.path != "none"

    @property
    def by_api(self) -> bool:
        return self.path == "api"


@dataclass(frozen=True)
class Side:
    vendor: str
    account_id: str
    capabilities: Capabilities | None
    table: CompatibilityTable = field(repr=False, compare=False)

    @classmethod
    def of(cls, vendor: str, account_id: str, table: CompatibilityTable) -> Side:
        return cls(vendor, account_id, CAPABILITIES.get(vendor), table)

    @cached_property
    def facts(self) -> VendorFacts:
        return self.table.vendor(self.vendor)

    @property
    def label(self) -> str:
        return self.facts.label

    @property
    def has_api(self) -> bool:
        return self.capabilities is not None

    def caps(self) -> Capabilities:
        """The capabilities of a side that must have an API (the target)."""
        if self.capabilities is None:
            raise UsageError(f"{self.label} has no API and cannot be a migration target")
        return self.capabilities

    def port_route(self, country: str, number_type: str) -> PortRoute:
        """The porting path into this side; an 'api' path needs the porting_api capability,
        otherwise the same request goes by ticket."""
        entry = self.table.porting_path(self.vendor, country, number_type)
        if entry is None:
            return PortRoute("none", None)
        path = entry.path
        if path == "api" and not self.caps().porting_api:
            path = "ticket"
        return PortRoute(path, entry)

    def offer(self, country: str, number_type: str) -> Offer | None:
        return self.table.offer(self.vendor, country, number_type)

    def missing(
        self, country: str, number_type: str, wanted: frozenset[Capability]
    ) -> frozenset[Capability]:
        """Capabilities this side does not offer on that country and type."""
        offer = self.offer(country, number_type)
        return wanted if offer is None else wanted - offer.capabilities
