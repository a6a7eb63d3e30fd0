"""Real-world call flows translated to every format, against reviewed expected output and reports.

Each folder under corpus/ holds one source document (source.<format>.<ext>) and, per target,
expected.<target>.<ext> (the translated document) and expected.<target>.report.json (what the
admin is told). Set MIGRATOR_UPDATE_GOLDENS=1 to rewrite them after a deliberate change, then
review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from migrator.markup import detect_format, translate
from tests.markup.acceptance import assert_accepted

CORPUS = Path(__file__).parent / "corpus"
TARGETS = ("twiml", "ncco", "plivo")
EXTENSIONS = {"twiml": "xml", "ncco": "json", "plivo": "xml"}
UPDATE = os.environ.get("MIGRATOR_UPDATE_GOLDENS") == "1"


def _sources() -> list[Path]:
    return sorted(CORPUS.glob("*/source.*"))


def _format_of(source: Path) -> str:
    return source.name.split(".")[1]


CASES = [(source, target) for source in _sources() for target in TARGETS]


def test_corpus_is_there() -> None:
    formats = {_format_of(source) for source in _sources()}
    assert formats == {"twiml", "ncco", "plivo"}
    assert len(_sources()) >= 25


@pytest.mark.parametrize("source", _sources(), ids=lambda p: p.parent.name)
def test_format_is_detected(source: Path) -> None:
    assert detect_format(source.read_text()) == _format_of(source)


@pytest.mark.parametrize(
    ("source", "target"), CASES, ids=[f"{s.parent.name}->{t}" for s, t in CASES]
)
def test_translation_matches_expected(source: Path, target: str) -> None:
    result = translate(source.read_text(), None, target)  # type: ignore[arg-type]
    assert result.source == _format_of(source)
    output_file = source.parent / f"expected.{target}.{EXTENSIONS[target]}"
    report_file = source.parent / f"expected.{target}.report.json"
    report = [item.to_dict() for item in result.report]
    if UPDATE:
        output_file.write_text(result.output)
        report_file.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    assert result.output == output_file.read_text()
    assert report == json.loads(report_file.read_text())
    assert result.complete == (not any(item["severity"] == "lost" for item in report))
    assert_accepted(target, result.output)
