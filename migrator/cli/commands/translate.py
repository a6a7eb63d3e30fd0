"""`migrator translate`: translate one call-flow document between TwiML, NCCO and Plivo XML.

The translated document goes to stdout; what did not carry over goes to stderr (or, with --json,
into one JSON document on stdout). Exit 0 when nothing was lost, 1 when something was, 2 when the
input cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from migrator.errors import UsageError
from migrator.markup import FORMATS, translate

NAME = "translate"
HELP = "translate a static call-flow document (TwiML, NCCO, Plivo XML) to another vendor's format"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "document", metavar="FILE", help="the document to translate ('-' reads stdin)"
    )
    parser.add_argument("--to", required=True, choices=FORMATS, help="the format to produce")
    parser.add_argument(
        "--from",
        dest="source",
        choices=FORMATS,
        default=None,
        help="the document's format (default: detected)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='print one JSON document {"output", "report", "complete"} instead',
    )


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not a UTF-8 text file") from None
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror}") from None


def run(args: argparse.Namespace) -> int:
    result = translate(_read(args.document), args.source, args.to)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(result.output)
        for item in result.report:
            print(item.line(), file=sys.stderr)
        if not result.output:
            print(
                f"migrator: nothing in this document can be expressed in {args.to}", file=sys.stderr
            )
    return 0 if result.complete else 1
