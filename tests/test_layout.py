"""The architecture rules of the design card, enforced."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import migrator

ROOT = Path(migrator.__file__).parent


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(ROOT)], prefix="migrator."):
        if info.name.startswith("migrator.gui") or info.name == "migrator.__main__":
            continue
        names.append(info.name)
    return names


def test_core_imports_without_qt() -> None:
    """Every module outside migrator.gui imports with PySide6 made unimportable."""
    modules = _core_modules()
    assert "migrator.sandbox.server" in modules
    script = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith(('PySide6.', 'shiboken6')):\n"
        "            raise ImportError('Qt is not allowed in the core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
        "print('ok', len(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")


def test_layers_exist() -> None:
    for layer in ("model", "vendors", "sandbox", "engine", "services", "gui", "cli"):
        assert (ROOT / layer / "__init__.py").is_file(), layer


def test_python_dash_m_shows_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "migrator", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"migrator {migrator.__version__}"
