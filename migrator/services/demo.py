"""The built-in rehearsal: a sandbox with a realistic departing account, profiles for it, and a
migration file, so a newcomer can walk the whole journey without any credentials.

Everything here is real: the sandbox serves the vendors' APIs on 127.0.0.1, the adapters use the
official SDKs against it, and the secrets go to the keychain (or, on a machine without one, to
memory for this process only, because sandbox credentials are throwaway).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from migrator.engine.migration_file import MigrationFile
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


@dataclass
class RehearsalResult:
    files: dict[str, Path]
    stage_counts: dict[str, dict[str, int]]
    score: int
    status: str
    ok: bool


def rehearse(
    setup: DemoSetup,
    say: Callable[[str], None],
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER,
) -> RehearsalResult:
    """The journey after discovery, headless: assess and plan, export for approval, apply every
    reversible stage against the sandbox, show the decommission gate, and write the report."""
    from migrator.engine.executor import ApplyOptions
    from migrator.model.plan import Action, Stage
    from migrator.services import execution, exports, planning
    from migrator.services.inventory_summary import hosted_headline, summarize

    files: dict[str, Path] = {"migration": setup.migration}
    with MigrationFile.open(setup.migration) as file:
        source = file.latest_snapshot("source")
        assert source is not None
        summary = summarize(source)
        counts = summary["counts"]
        found = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in counts.items() if n)
        say(f"Discovered: {found}.")
        hosted = hosted_headline(summary)
        if hosted:
            say(f"Vendor-hosted logic to rebuild: {hosted}.")

        _, assessment, plan = planning.build_plan(file, numbers="replace")
        say(
            f"Assessment: score {assessment.summary.score}/100, {assessment.summary.status} "
            f"({', '.join(f'{k} {v}' for k, v in assessment.summary.counts.items())})."
        )
        for stage, kinds in plan.counts().items():
            say(f"  {stage:13} " + ", ".join(f"{k} {v}" for k, v in kinds.items()))

        for fmt in ("json", "csv", "xlsx", "html", "pdf"):
            files[f"plan.{fmt}"] = exports.export_plan(file, fmt, setup.workdir / f"plan.{fmt}")
        if assessment.translations:
            files["bundle"] = exports.export_bundle(file, setup.workdir / "call-flows.zip")
        say(f"Plan exported for approval to {setup.workdir} (json, csv, xlsx, html, pdf).")

        ok = True
        manual: list[str] = []

        def confirm_manual(action: Action) -> bool:
            manual.append(action.summary or action.item)
            return True

        for stage in (Stage.PREPARE, Stage.ACQUIRE, Stage.CONFIGURE, Stage.VERIFY):
            cancel.check()
            if not plan.stage_actions(stage):
                continue
            options = ApplyOptions(stage=stage, confirm_manual=confirm_manual)
            outcome = execution.apply(file, options, progress=progress, cancel=cancel)
            report = outcome.report
            done = ", ".join(f"{k} {v}" for k, v in sorted(report.counts().items()))
            say(f"Applied {stage.value}: {done or 'nothing to do'}")
            if manual:
                say(f"  {len(manual)} manual steps marked done for the rehearsal, e.g. {manual[0]}")
                manual.clear()
            if not report.ok:
                ok = False
                say(f"  stopped: {report.stopped or 'some actions failed'}")
                break
        file.release_writer_lock()
        decommission = plan.stage_actions(Stage.DECOMMISSION)
        if decommission:
            say(
                f"Decommission ({len(decommission)} irreversible actions) was not run: it needs "
                f"`migrator apply {setup.migration} --stage decommission` and the source account "
                "name typed at the gate."
            )
        say(f"Undo everything with: migrator rollback {setup.migration}")
        files["report.html"] = exports.export_plan(file, "html", setup.workdir / "report.html")
        files["rollback-log.csv"] = exports.export_journal(
            file, "csv", setup.workdir / "rollback-log.csv"
        )
        statuses = execution.action_statuses(file)
    done_count = sum(1 for s in statuses.values() if s == "done")
    say(f"{done_count} actions done; report: {files['report.html']}")
    return RehearsalResult(
        files, plan.counts(), assessment.summary.score, assessment.summary.status, ok
    )
