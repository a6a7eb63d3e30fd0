"""The accounts a migration file names, turned into connected adapters.

The file's meta holds, per role, where the inventory came from: {"kind": "profile", "profile":
NAME, "vendor": ..., "account_id": ...} or {"kind": "file", "path": ...}. Secrets come from the
keychain through the profile, never from the file.
"""

from __future__ import annotations

from typing import Any

from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.services.profiles import adapter_for_profile, get_profile
from migrator.vendors.base import VendorAdapter

ROLES = ("source", "target")


def origin(file: MigrationFile, role: str) -> dict[str, Any]:
    if role not in ROLES:
        raise ValueError(role)
    found = file.meta().get(role)
    if not isinstance(found, dict):
        raise UsageError(f"{file.path.name} does not say where its {role} account is")
    return found


def has_adapter(file: MigrationFile, role: str) -> bool:
    return origin(file, role).get("kind") == "profile"


def adapter_for(file: MigrationFile, role: str) -> VendorAdapter:
    """A connected adapter for the migration's source or target account."""
    where = origin(file, role)
    if where.get("kind") != "profile":
        raise UsageError(
            f"the {role} of {file.path.name} was imported from a file; "
            "there is no account to connect to"
        )
    profile = get_profile(str(where["profile"]))
    if profile.account_id != where.get("account_id"):
        raise UsageError(
            f"profile '{profile.name}' now points at account {profile.account_id}, but this "
            f"migration was planned for {where.get('account_id')}; restore the profile"
        )
    return adapter_for_profile(profile)
