"""The translated call-flow documents from the assessment, as a folder or a zip with an index
of where each must be hosted and which setting will point to it."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from migrator.errors import MigratorError
from migrator.exports.collect import ExportData
from migrator.model.urls import redact_url

_EXTENSIONS = {"ncco": "json", "twiml": "xml", "plivo": "xml"}


def _entries(data: ExportData) -> list[tuple[str, str, dict[str, Any]]]:
    if data.assessment is None:
        raise MigratorError("this migration has no assessment yet; run `migrator plan` first")
    entries = []
    for translation in data.assessment.translations:
        digest = hashlib.sha256(translation.url.encode()).hexdigest()[:10]
        extension = _EXTENSIONS.get(translation.target_format, "txt")
        name = f"{translation.target_format}-{digest}.{extension}"
        index = {
            "file": name,
            "replaces": redact_url(translation.url),
            "format": translation.target_format,
            "complete": translation.complete,
            "host_it_at": "a URL on your own server; then put that URL in the target setting below",
            "setting": "the voice answer URL of the application or number that used the original",
            "not_carried_over": list(translation.report),
        }
        entries.append((name, translation.output, index))
    return entries


def write_bundle(data: ExportData, out: Path) -> Path:
    """A zip when `out` ends in .zip, else a folder."""
    entries = _entries(data)
    index = json.dumps({"documents": [e[2] for e in entries]}, indent=2)
    if out.suffix == ".zip":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("index.json", index)
            for name, content, _ in entries:
                archive.writestr(name, content)
        return out
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.json").write_text(index, encoding="utf-8")
    for name, content, _ in entries:
        (out / name).write_text(content, encoding="utf-8")
    return out
