"""Entry point of the `migrator` command.

Each sub-command lives in its own module under `migrator.cli.commands`, exposing `NAME`, `HELP`,
`configure(parser)` and `run(args) -> int`. Modules are imported only when listed below, so adding
a command is one line here and one module there.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from migrator import __version__
from migrator.errors import MigratorError

COMMAND_MODULES: tuple[str, ...] = (
    "sandbox",
    "profile",
    "new",
    "inventory",
    "plan",
    "assess",
    "export",
    "translate",
    "apply",
    "rollback",
    "status",
    "demo",
    "ports",
)


def _load(name: str) -> ModuleType:
    return importlib.import_module(f"migrator.cli.commands.{name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="migrator",
        description="Move a CPaaS account off a departing vendor onto Twilio, Vonage or Plivo.",
    )
    parser.add_argument("--version", action="version", version=f"migrator {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details on stderr")
    parser.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        module = _load(module_name)
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(sub)
        sub.set_defaults(_run=module.run)
    return parser


def _open_desktop_app() -> int:
    try:
        from migrator.gui.app import run_app
    except ImportError as exc:
        print(f"migrator: the desktop app needs PySide6 ({exc}).", file=sys.stderr)
        return 2
    return int(run_app([]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # The SDKs log every HTTP error they raise; we report those errors ourselves.
        for sdk in ("vonage", "vonage_http_client", "twilio", "plivo"):
            logging.getLogger(sdk).setLevel(logging.CRITICAL)
    if args.command is None:
        if args.screenshot:
            from migrator.gui.snapshot import save_main_window  # Qt only when asked for

            return save_main_window(Path(args.screenshot))
        return _open_desktop_app()
    try:
        return int(args._run(args))
    except MigratorError as exc:
        print(f"migrator: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("migrator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_left()


def _reader_left() -> int:
    """Output piped to a reader that stopped early (`| head`): no traceback, and no second
    error when Python flushes stdout at exit (it now goes nowhere). 141: 128 + SIGPIPE, as
    shell tools end."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141
