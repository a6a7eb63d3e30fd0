"""`migrator demo [--headless] [--workdir DIR]`: the whole journey on the built-in sandbox."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from migrator.cli.progress_display import ProgressLine
from migrator.services.demo import (
    DEFAULT_NUMBERS,
    DEFAULT_SOURCE,
    DEFAULT_TARGET,
    rehearse,
    start_demo,
)

NAME = "demo"
HELP = "rehearse a whole migration on the built-in sandbox (no credentials needed)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--headless", action="store_true", help="run in the terminal, no window")
    parser.add_argument("--workdir", type=Path, help="where to write the migration and exports")
    parser.add_argument("--source", default=DEFAULT_SOURCE, choices=("twilio", "vonage", "plivo"))
    parser.add_argument("--target", default=DEFAULT_TARGET, choices=("twilio", "vonage", "plivo"))
    parser.add_argument("--numbers", type=int, default=DEFAULT_NUMBERS, help="size of the account")


def _has_display() -> bool:
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or sys.platform in ("win32", "darwin")
    )


def _run_gui(workdir: Path, args: argparse.Namespace) -> int | None:
    try:
        from migrator.gui import app
    except ImportError:
        return None
    run_demo = getattr(app, "run_demo", None)
    if run_demo is None:
        return None
    return int(run_demo(workdir, args.source, args.target, args.numbers))


def run(args: argparse.Namespace) -> int:
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="migrator-demo-"))
    if args.source == args.target:
        print("migrator: the demo's source and target must be different vendors", file=sys.stderr)
        return 2
    if not args.headless:
        if _has_display():
            code = _run_gui(workdir, args)
            if code is not None:
                return code
        print(
            "No display (or no desktop app): running the rehearsal in the terminal.",
            file=sys.stderr,
        )

    def say(line: str) -> None:
        print(line, flush=True)

    progress = ProgressLine()
    say(f"Rehearsing a {args.source} -> {args.target} migration on the built-in sandbox.")
    setup = start_demo(workdir, args.source, args.target, args.numbers, progress)
    progress.done()
    try:
        for note in setup.notes:
            say(note)
        say(f"Sandbox at {setup.sandbox.url}; migration file {setup.migration}")
        result = rehearse(setup, say, progress)
        progress.done()
    finally:
        setup.close()
    return 0 if result.ok else 1
