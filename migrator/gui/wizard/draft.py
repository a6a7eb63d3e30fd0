"""What the wizard has gathered so far. Nothing here is written anywhere until an explicit step."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from migrator.services.migrations import MIGRATION_SUFFIX, Source


@dataclass
class MigrationDraft:
    source_profile: str | None = None
    source_file: Path | None = None
    target_profile: str | None = None
    path: Path | None = None
    numbers: str | None = None
    """The default strategy for every number (None: the recommendation per number)."""

    def source(self) -> Source:
        if self.source_file is not None:
            return Source(file=self.source_file)
        return Source(profile=self.source_profile)

    def suggested_name(self) -> str:
        left = self.source_profile or (self.source_file.stem if self.source_file else "source")
        right = self.target_profile or "target"
        return f"{left}-to-{right}{MIGRATION_SUFFIX}"
