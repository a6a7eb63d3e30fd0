"""Creating a migration and keeping its inventories current.

A migration file is written only after both accounts were read in full: a failed or cancelled
discovery leaves no file and no partial snapshot behind.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migrator.engine.migration_file import MigrationFile, MigrationFileError
from migrator.errors import UsageError
from migrator.model.inventory import Inventory
from migrator.progress import NEVER, CancelToken, Progress, no_progress
from migrator.services.connections import ROLES, adapter_for, origin
from migrator.services.profiles import Profile, adapter_for_profile, get_profile
from migrator.vendors.file_import import import_inventory

MIGRATION_SUFFIX = ".migration"


@dataclass(frozen=True)
class Source:
    """Where a migration's departing inventory comes from: a profile or an import file."""

    profile: str | None = None
    file: Path | None = None

    def __post_init__(self) -> None:
        if (self.profile is None) == (self.file is None):
            raise UsageError("give the source as a profile or as an import file (not both)")


def _prefixed(progress: Progress, prefix: str) -> Progress:
    def report(done: int, total: int | None, message: str) -> None:
        progress(done, total, f"{prefix}: {message}")

    return report


def _profile_origin(profile: Profile) -> dict[str, Any]:
    return {
        "kind": "profile",
        "profile": profile.name,
        "vendor": profile.vendor,
        "account_id": profile.account_id,
        "account_name": profile.account_name,
    }


def _discover(profile: Profile, progress: Progress, cancel: CancelToken) -> Inventory:
    adapter = adapter_for_profile(profile)
    return adapter.discover(_prefixed(progress, f"{profile.name}"), cancel)


def new_migration(
    path: Path | str,
    source: Source,
    target_profile: str,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER,
) -> Path:
    """Read both accounts, then write a new migration file holding their snapshots."""
    path = Path(path)
    if path.suffix != MIGRATION_SUFFIX:
        path = path.with_name(path.name + MIGRATION_SUFFIX)
    if path.exists():
        raise MigrationFileError(f"{path} already exists; choose another name or delete it")
    target = get_profile(target_profile)
    if source.profile is not None:
        source_profile = get_profile(source.profile)
        if (source_profile.vendor, source_profile.account_id) == (target.vendor, target.account_id):
            raise UsageError("the source and target are the same account")
        source_origin = _profile_origin(source_profile)
        source_inventory = _discover(source_profile, progress, cancel)
    else:
        assert source.file is not None
        progress(0, None, f"reading {source.file.name}")
        source_inventory = import_inventory(source.file)
        source_origin = {
            "kind": "file",
            "path": str(source.file.resolve()),
            "vendor": "file",
            "account_id": source_inventory.account_id,
            "account_name": source_inventory.account_name,
        }
    cancel.check()
    target_inventory = _discover(target, progress, cancel)
    cancel.check()
    created = MigrationFile.create(
        path, {"source": source_origin, "target": _profile_origin(target)}
    )
    try:
        with created:
            created.save_snapshot("source", source_inventory)
            created.save_snapshot("target", target_inventory)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    progress(1, 1, "inventories saved")
    return path


def refresh_inventory(
    file: MigrationFile,
    roles: tuple[str, ...] = ROLES,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER,
) -> dict[str, Inventory]:
    """Read the accounts again and store new snapshots (all or nothing)."""
    fresh: dict[str, Inventory] = {}
    for role in roles:
        where = origin(file, role)
        if where.get("kind") == "file":
            fresh[role] = import_inventory(Path(where["path"]))
        else:
            adapter = adapter_for(file, role)
            fresh[role] = adapter.discover(_prefixed(progress, role), cancel)
        cancel.check()
    for role, inventory in fresh.items():
        file.save_snapshot(role, inventory)
    return fresh


def open_migration(path: Path | str) -> MigrationFile:
    return MigrationFile.open(path)


def inventory_of(file: MigrationFile, role: str = "source") -> Inventory:
    inventory = file.latest_snapshot(role)
    if inventory is None:
        raise UsageError(f"{file.path.name} has no {role} inventory yet")
    return inventory


def source_profile_of(file: MigrationFile) -> Profile | None:
    where = origin(file, "source")
    return get_profile(where["profile"]) if where.get("kind") == "profile" else None
