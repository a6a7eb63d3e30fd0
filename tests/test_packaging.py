"""`pip install` of the project: the wheel and the sdist build, carry their data files, and the
installed package exposes the `migrator` command."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = (
    "migrator/schemas/import.schema.json",
    "migrator/schemas/plan-export.schema.json",
    "migrator/rules/compatibility.toml",
    "migrator/markup/ncco-schema.json",
    "migrator/py.typed",
    "migrator/gui/translations/migrator_de.qm",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_wheel_carries_data_and_the_console_script(built: Path) -> None:
    (wheel,) = built.glob("migrator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in DATA:
        assert data in names, data
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "migrator = migrator.cli.main:main" in text
    assert not any(n.startswith("tests/") for n in names)


def test_sdist_carries_sources_resources_and_tests(built: Path) -> None:
    (sdist,) = built.glob("migrator-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    assert "pyproject.toml" in names and "README.md" in names
    assert "migrator/cli/main.py" in names
    assert "resources/icons/migrator.svg" in names
    assert "resources/translations/migrator_de.ts" in names
    assert "migrator/gui/translations/migrator_de.qm" in names
    assert "packaging/migrator.spec" in names
    assert "tests/conftest.py" in names


def test_installed_wheel_runs_the_command(built: Path, tmp_path: Path) -> None:
    (wheel,) = built.glob("migrator-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    script = target / "bin" / "migrator"
    assert script.is_file()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv[0]='migrator'; from migrator.cli.main import main; raise SystemExit(main(['--version']))",
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("migrator ")
    import_check = subprocess.run(
        [sys.executable, "-c", "import migrator, sys; print(migrator.__file__)"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target)},
        cwd=tmp_path,
        timeout=60,
    )
    assert str(target) in import_check.stdout
