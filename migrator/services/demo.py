"""The built-in rehearsal: a sandbox with a realistic departing account, profiles for it, and a
migration file, so a newcomer can walk the whole journey without any credentials.

Everything here is real: the sandbox serves the vendors' APIs on 127.0.0.1, the adapters use the
official SDKs against it, and the secrets go to the keychain (or, on a machine without one, to
memory for this process only, because sandbox credentials are throwaway).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from migrator.progress import NEVER, CancelToken, Progress, no_progress
from migrator.sandbox import Sandbox
from migrator.services import keychain
from migrator.services.migrations import Source, new_migration
from migrator.services.profiles import Profile, add_profile
from migrator.vendors.endpoint import Endpoint

DEFAULT_SOURCE = "twilio"
DEFAULT_TARGET = "vonage"
DEFAULT_NUMBERS = 120


@dataclass
class DemoSetup:
    sandbox: Sandbox
    workdir: Path
    source: Profile
    target: Profile
    migration: Path
    notes: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.sandbox.stop()


def _fresh_path(workdir: Path, stem: str) -> Path:
    path = workdir / f"{stem}.migration"
    for suffix in ("", "-wal", "-shm", ".lock"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
    return path


def start_demo(
    workdir: Path,
    source_vendor: str = DEFAULT_SOURCE,
    target_vendor: str = DEFAULT_TARGET,
    numbers: int = DEFAULT_NUMBERS,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER,
) -> DemoSetup:
    """Start a seeded sandbox, store demo profiles for it, and create the demo migration."""
    workdir.mkdir(parents=True, exist_ok=True)
    notes = []
    if keychain.use_ephemeral_if_unavailable():
        notes.append("No keychain on this machine: the demo's sandbox secrets stay in memory.")
    progress(0, None, f"starting the sandbox with a {numbers}-number {source_vendor} account")
    sandbox = Sandbox().start()
    try:
        sandbox.seed({source_vendor: numbers})
        endpoint = Endpoint(sandbox.url, sandbox.ca_bundle)
        source = add_profile(
            f"demo-{source_vendor}-source",
            source_vendor,
            sandbox.credentials(source_vendor, "source"),
            endpoint,
        )
        target = add_profile(
            f"demo-{target_vendor}-target",
            target_vendor,
            sandbox.credentials(target_vendor, "target"),
            endpoint,
        )
        path = _fresh_path(workdir, "demo")
        new_migration(path, Source(profile=source.name), target.name, progress, cancel)
    except BaseException:
        sandbox.stop()
        raise
    return DemoSetup(sandbox, workdir, source, target, path, notes)
