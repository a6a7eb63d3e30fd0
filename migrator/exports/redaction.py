"""Deep redaction of plain data before it leaves the migration file."""

from __future__ import annotations

from typing import Any

from migrator.model.urls import redact_url


def redact_data(value: Any) -> Any:
    """Every URL-looking string, anywhere in nested data, with its credentials hidden."""
    if isinstance(value, str):
        return redact_url(value) if "://" in value else value
    if isinstance(value, dict):
        return {k: redact_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_data(v) for v in value]
    return value
