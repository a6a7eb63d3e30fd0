"""`python -m benchmarks` (`make bench`): run every benchmarks/bench_*.py, one after another.

Each benchmark's `main()` runs in its own process, in its own session, with a time limit, so a
slow or stuck one is stopped (with any sandbox it started) and the others still run. Its tables
print as they come. `--quick` is passed on to the benchmarks that accept it (and set in the
environment as MIGRATOR_BENCH_QUICK=1 for any that prefer to read it there).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_TIMEOUT = 900.0
QUICK_TIMEOUT = 300.0


def discover(only: list[str] | None = None) -> list[str]:
    """Module names of the benchmarks, by file name, optionally only those containing a word."""
    names = sorted(path.stem for path in HERE.glob("bench_*.py"))
    if only:
        names = [name for name in names if any(word in name for word in only)]
    return names


def accepts_quick(name: str) -> bool:
    """Whether a benchmark declares a --quick option (read from its source, without importing
    it: some import Qt or build data at import time)."""
    return '"--quick"' in (HERE / f"{name}.py").read_text(encoding="utf-8")


def run_one(name: str, quick: bool, timeout: float) -> tuple[str, float]:
    """Run one benchmark's main() in a child process; (outcome, seconds)."""
    argv = ["--quick"] if quick and accepts_quick(name) else []
    code = f"import sys; from benchmarks.{name} import main; sys.exit(main({argv!r}))"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    if quick:
        env["MIGRATOR_BENCH_QUICK"] = "1"
    print(f"\n=== {name} {' '.join(argv)}".rstrip(), flush=True)
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, start_new_session=True
    )
    try:
        returncode = child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(child)
        return f"timed out after {timeout:g} s", time.perf_counter() - began
    except KeyboardInterrupt:
        _stop(child)
        raise
    took = time.perf_counter() - began
    return ("ok" if returncode == 0 else f"failed (exit code {returncode})"), took


def _stop(child: subprocess.Popen[bytes]) -> None:
    """Stop the benchmark and everything it started (its whole process group)."""
    for sig, grace in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, sig)
        try:
            child.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--timeout", type=float, help="seconds each benchmark may take")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    parser.add_argument("only", nargs="*", help="run only benchmarks whose name contains these")
    args = parser.parse_args(argv)
    names = discover(args.only)
    if args.list or not names:
        print("\n".join(names) if names else "no benchmark matches")
        return 0 if names or args.list else 2
    timeout = args.timeout or (QUICK_TIMEOUT if args.quick else DEFAULT_TIMEOUT)
    outcomes = [(name, *run_one(name, args.quick, timeout)) for name in names]
    print("\n=== summary")
    width = max(len(name) for name in names)
    for name, outcome, took in outcomes:
        print(f"{name.ljust(width)}  {took:7.1f} s  {outcome}")
    return 0 if all(outcome == "ok" for _, outcome, _ in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
