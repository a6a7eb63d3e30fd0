"""What the benchmarks share: a sandbox in its own process, its control API, and result tables.

The sandbox runs as `migrator sandbox --json` in a child process, so the load a benchmark puts on
it (SDK clients, adapters) does not compete with the server for one interpreter lock, as with a
real vendor. Its app data (TLS files) goes to a temporary MIGRATOR_HOME.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
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

    def set_limits(self, vendor: str, lifted: bool) -> None:
        """One vendor's limits lifted, or back to its defaults."""
        values = (
            {"concurrency": None, "rate": None} if lifted else DEFAULT_POLICIES[vendor].as_dict()
        )
        self.control("limits", {"vendor": vendor, **values})

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


# --- load: clients calling in a loop -----------------------------------------------------------
@dataclass
class Tally:
    served: int = 0
    limited: int = 0
    failed: int = 0


Request = Callable[[], object]
"""One call; raises on any answer but a success."""


class RateLimited(Exception):
    """A 429 seen by a client that does not raise one of its own."""


def is_rate_limited(exc: Exception) -> bool:
    """Whether an SDK's exception (or RateLimited) stands for a 429."""
    if isinstance(exc, RateLimited):
        return True
    status = getattr(exc, "status", None) or getattr(
        getattr(exc, "response", None), "status_code", None
    )
    return status == 429 or "429" in str(exc)


def load(make: Callable[[], Request], threads: int, seconds: float) -> tuple[Tally, float]:
    """Run `threads` clients (one `make()` each) in a loop for `seconds`, all starting at once
    after a warm-up call; their outcomes and the time taken."""
    tally = Tally()
    lock = threading.Lock()
    clients = [make() for _ in range(threads)]
    for client in clients:
        with contextlib.suppress(Exception):
            client()  # warm up: connect (and TLS) before the clock starts
    start = threading.Barrier(threads + 1)
    deadline = 0.0

    def run(client: Request) -> None:
        mine = Tally()
        start.wait()
        while time.perf_counter() < deadline:
            try:
                client()
                mine.served += 1
            except Exception as exc:  # every failure is counted, none is fatal
                if is_rate_limited(exc):
                    mine.limited += 1
                else:
                    mine.failed += 1
        with lock:
            tally.served += mine.served
            tally.limited += mine.limited
            tally.failed += mine.failed

    workers = [threading.Thread(target=run, args=(c,), daemon=True) for c in clients]
    for worker in workers:
        worker.start()
    began = time.perf_counter()
    deadline = began + seconds
    start.wait()
    for worker in workers:
        worker.join()
    return tally, time.perf_counter() - began


# --- output -------------------------------------------------------------------------------------
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
