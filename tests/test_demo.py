"""`migrator demo --headless`: the whole rehearsal on the built-in sandbox, end to end.

Also the strongest leak check we have: the sandbox's real credentials exist in this process, and
none of them may appear in the migration file or any file the demo writes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from migrator.cli.main import main
from migrator.engine.migration_file import MigrationFile
from migrator.services import execution
from migrator.services.demo import rehearse, start_demo


def test_headless_demo_runs_the_journey_and_writes_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workdir = tmp_path / "demo"
    code = main(["demo", "--headless", "--workdir", str(workdir), "--numbers", "30"])
    out = capsys.readouterr().out
    assert "Discovered:" in out and "Assessment: score" in out
    assert re.search(
        r"Vendor-hosted logic to rebuild: \d+ URL\(s\) \(.*\), set in \d+ webhook", out
    )
    assert "Applied prepare" in out and "Applied verify" in out
    for name in (
        "demo.migration",
        "plan.json",
        "plan.csv",
        "plan.xlsx",
        "plan.html",
        "plan.pdf",
        "report.html",
        "rollback-log.csv",
    ):
        assert (workdir / name).is_file(), name
    with MigrationFile.open(workdir / "demo.migration") as file:
        statuses = execution.action_statuses(file)
    assert sum(1 for s in statuses.values() if s == "done") > 30
    assert code in (0, 1)


def test_no_sandbox_secret_reaches_any_file(tmp_path: Path) -> None:
    setup = start_demo(tmp_path, numbers=20)
    try:
        secrets = [
            account["credentials"][key]
            for account in setup.sandbox.accounts()
            for key in ("auth_token", "api_secret")
            if key in account["credentials"]
        ]
        rehearse(setup, lambda line: None)
    finally:
        setup.close()
    assert len(secrets) >= 3
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) >= 8
    for path in written:
        blob = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in blob, f"{secret[:4]}... leaked into {path.name}"
