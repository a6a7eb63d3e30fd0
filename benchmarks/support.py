"""What the benchmarks share: a sandbox in its own process, its control API, and result tables.

The sandbox runs as `migrator sandbox --json` in a child process, so the load a benchmark puts on
it (SDK clients, adapters) does not compete with the server for one interpreter lock, as with a
real vendor. Its app data (TLS files) goes to a temporary MIGRATOR_HOME.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from migrator.sandbox.limits import DEFAULT_POLICIES
from migrator.vendors.endpoint import Endpoint

VENDORS = ("twilio", "vonage", "plivo")


@dataclass(frozen=True)
class RunningSandbox:
    url: str
    ca_bundle: str
    accounts: list[dict[str, Any]]
    pid: int

    def cpu_seconds(self) -> float | None:
        """CPU time the sandbox process has used so far (user + system), where the OS tells
        (Linux /proc); None elsewhere. On a shared machine, requests per CPU second says what
        the sandbox can serve better than requests per wall-clock second."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(self.url, Path(self.ca_bundle))

    def credentials(self, vendor: str, role: str = "source") -> dict[str, str]:
        for account in self.accounts:
            if account["vendor"] == vendor and account["role"] == role:
                return dict(account["credentials"])
        raise LookupError(f"no {role} account for {vendor}")

    def control(self, name: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """POST (or GET without a body) /_sandbox/{name}."""
        url = f"{self.url}/_sandbox/{name}"
        response = (
            requests.get(url, timeout=60)
            if body is None
            else requests.post(url, json=body, timeout=600)
        )
        response.raise_for_status()
        answer: dict[str, Any] = response.json()
        return answer

    def lift_limits(self) -> None:
        self.control("limits", {"concurrency": None, "rate": None})

    def default_limits(self) -> None:
        for vendor in VENDORS:
            self.control("limits", {"vendor": vendor, **DEFAULT_POLICIES[vendor].as_dict()})

    def rejected(self) -> int:
        """Requests the sandbox has answered with a 429 for being over a limit, so far."""
        return int(self.control("limits")["rejected"])


@contextmanager
def sandbox_process(seed: str) -> Iterator[RunningSandbox]:
    """A seeded sandbox serving from a child process until the block ends."""
    with tempfile.TemporaryDirectory(prefix="migrator-bench-") as home:
        env = {**os.environ, "MIGRATOR_HOME": home}
        child = subprocess.Popen(
            [sys.executable, "-m", "migrator", "sandbox", "--json", "--seed", seed],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        try:
            assert child.stdout is not None
            line = child.stdout.readline()
            if not line:
                raise RuntimeError(f"the sandbox did not start (exit code {child.wait()})")
            info = json.loads(line)
            yield RunningSandbox(info["url"], info["ca_bundle"], info["accounts"], child.pid)
        finally:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain aligned table: text left, numbers right."""
    cells = [[str(h) for h in header]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [all(_is_number(row[i]) for row in rows) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            value.rjust(width) if is_num else value.ljust(width)
            for value, width, is_num in zip(row, widths, numeric, strict=True)
        ).rstrip()

    print(f"\n{title}")
    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))
    sys.stdout.flush()


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
