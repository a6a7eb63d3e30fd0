"""Inventory from a file, for a departing vendor that has no API left.

Two formats, both documented in the README: a CSV with one row per number (the template is
`CSV_COLUMNS`), and a JSON document validated by the published schema
`migrator/schemas/import.schema.json`. Every problem is reported with its line and column (CSV)
or line/column and path (JSON), all at once; nothing is imported unless the whole file is good.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import jsonschema_rs
import phonenumbers

from migrator.errors import MigratorError
from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import Application, Inventory, Number, Webhook
from migrator.model.urls import redact_url
from migrator.schemas import load as load_schema
from migrator.vendors import number_facts
from migrator.vendors.json_positions import JsonPositions, PathPart

CSV_COLUMNS: tuple[str, ...] = (
    "number",
    "country",
    "type",
    "capabilities",
    "friendly_name",
    "application",
    "voice_url",
    "voice_method",
    "voice_fallback_url",
    "status_callback_url",
    "sms_url",
    "sms_method",
    "sms_fallback_url",
    "message_status_url",
    "tags",
)
"""Only `number` is required; lists (capabilities, tags) are separated by ';'."""

CSV_TEMPLATE = (
    ",".join(CSV_COLUMNS)
    + "\n+14155550123,,,voice;sms,Main line,Front desk,https://ivr.example.com/answer,GET,,,"
    "https://ivr.example.com/sms,,,,hq\n"
    "(212) 555-0143,US,local,voice,Sales,,https://sales.example.com/voice,POST,,,,,,,sales;east\n"
)
"""A CSV an admin fills in (the README shows the same): one number answered by an application,
one national number with its own URL."""

_CSV_WEBHOOKS: dict[str, tuple[WebhookPurpose, str | None]] = {
    "voice_url": (WebhookPurpose.VOICE_ANSWER, "voice_method"),
    "voice_fallback_url": (WebhookPurpose.VOICE_FALLBACK, None),
    "status_callback_url": (WebhookPurpose.CALL_STATUS, None),
    "sms_url": (WebhookPurpose.SMS_INBOUND, "sms_method"),
    "sms_fallback_url": (WebhookPurpose.SMS_FALLBACK, None),
    "message_status_url": (WebhookPurpose.MESSAGE_STATUS, None),
}
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


class ImportFileError(MigratorError):
    """The file cannot be imported; `problems` lists every reason with its position."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        shown = "\n  ".join(str(p) for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{path.name} cannot be imported:\n  {shown}{more}")
        self.problems = problems


@dataclass
class _Row:
    line: int
    column_of: dict[str, int]
    values: dict[str, Any]


def _parse_number(raw: str, country: str | None) -> tuple[str, str, int]:
    """(E.164, its country, its phonenumbers type) of a number as written in the file.

    A number is valid when phonenumbers gives it a type (what is_valid_number checks, so the
    type is worked out once, not twice); its country comes from number_facts, which knows a
    North American number's country by its area code."""
    parsed = phonenumbers.parse(raw, None if raw.strip().startswith("+") else (country or "US"))
    kind = phonenumbers.number_type(parsed)
    if kind == phonenumbers.PhoneNumberType.UNKNOWN:
        raise ValueError(f"'{raw}' is not a valid phone number")
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    found = number_facts.country_of(e164)
    return e164, found if found != number_facts.UNKNOWN_COUNTRY else (country or "ZZ"), kind


_CAPABILITIES = {cap.value: cap for cap in Capability}


def _is_web_url(url: str) -> bool:
    """An absolute http or https URL with a host: what a vendor can call."""
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _guess_type(kind: int) -> NumberType:
    if kind == phonenumbers.PhoneNumberType.MOBILE:
        return NumberType.MOBILE
    if kind == phonenumbers.PhoneNumberType.TOLL_FREE:
        return NumberType.TOLLFREE
    return NumberType.LOCAL


class _Builder:
    """Collects numbers, applications and webhooks, and every problem on the way."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.numbers: list[Number] = []
        self.apps: dict[str, Application] = {}
        self.app_lines: dict[str, int] = {}
        self.webhooks: list[Webhook] = []
        self.seen: dict[str, int] = {}

    def app_id(self, name: str) -> str:
        return "app-" + hashlib.sha256(name.encode()).hexdigest()[:12]

    def add_app(self, name: str, hooks: list[tuple[WebhookPurpose, str, str]], line: int) -> None:
        app_id = self.app_id(name)
        if name in self.apps:
            return
        self.apps[name] = Application(app_id, name, "import")
        self.app_lines[name] = line
        for purpose, url, method in hooks:
            self.webhooks.append(
                Webhook(OwnerKind.APPLICATION, app_id, purpose, url, method, account_id="import")
            )

    def add_number(self, row: _Row, hooks: list[tuple[WebhookPurpose, str, str]]) -> None:
        values = row.values
        col = row.column_of
        raw = str(values.get("number") or "").strip()
        if not raw:
            self.problems.append(Problem(row.line, col.get("number", 1), "the number is empty"))
            return
        country = (values.get("country") or "").strip().upper() or None
        try:
            e164, found_country, found_kind = _parse_number(raw, country)
        except (ValueError, phonenumbers.NumberParseException) as exc:
            self.problems.append(Problem(row.line, col.get("number", 1), str(exc)))
            return
        if e164 in self.seen:
            message = f"{e164} is listed twice (first on line {self.seen[e164]})"
            self.problems.append(Problem(row.line, col.get("number", 1), message))
            return
        self.seen[e164] = row.line
        kind = self._number_type(row, found_kind)
        caps = self._capabilities(row)
        if kind is None or caps is None:
            return
        app_name = (values.get("application") or "").strip() or None
        app_id = self.app_id(app_name) if app_name else None
        if app_name:
            self.add_app(app_name, hooks, row.line)
        else:
            for purpose, url, method in hooks:
                self.webhooks.append(
                    Webhook(OwnerKind.NUMBER, e164, purpose, url, method, account_id="import")
                )
        self.numbers.append(
            Number(
                id=e164,
                e164=e164,
                country=found_country,
                number_type=kind,
                capabilities=caps,
                account_id="import",
                friendly_name=str(values.get("friendly_name") or ""),
                voice_app_id=app_id,
                sms_app_id=app_id,
                tags=frozenset(values.get("tags") or ()),
            )
        )

    def _number_type(self, row: _Row, found: int) -> NumberType | None:
        """The row's type (any letter case), or the one phonenumbers gives when it is empty;
        None, with a problem noted, when it is not one of ours."""
        text = str(row.values.get("type") or "").strip().lower()
        if not text:
            return _guess_type(found)
        try:
            return NumberType(text)
        except ValueError:
            allowed = ", ".join(kind.value for kind in NumberType)
            message = f"type '{text}' is not one of: {allowed}"
            self.problems.append(Problem(row.line, row.column_of.get("type", 1), message))
            return None

    def _capabilities(self, row: _Row) -> frozenset[Capability] | None:
        """The row's capabilities (voice and SMS when none are given); None, with every
        unknown one noted, when any is not one of ours."""
        names = row.values.get("capabilities") or ["voice", "sms"]
        unknown = [name for name in names if name not in _CAPABILITIES]
        for name in unknown:
            allowed = ", ".join(_CAPABILITIES)
            message = f"capability '{name}' is not one of: {allowed}"
            self.problems.append(Problem(row.line, row.column_of.get("capabilities", 1), message))
        return None if unknown else frozenset(_CAPABILITIES[name] for name in names)

    def inventory(self, path: Path, digest: str, account_name: str) -> Inventory:
        return Inventory(
            vendor=Vendor.FILE,
            account_id=f"file:{digest[:16]}",
            account_name=account_name or path.name,
            taken_at=datetime.now(UTC).isoformat(timespec="seconds"),
            numbers=tuple(self.numbers),
            applications=tuple(self.apps.values()),
            webhooks=tuple(self.webhooks),
            settings={"source_file": path.name},
        )


def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(";") if p.strip()]


def _from_csv(text: str, builder: _Builder) -> None:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        builder.problems.append(Problem(1, 1, "the file is empty"))
        return
    unknown = [h for h in header if h not in CSV_COLUMNS]
    for name in unknown:
        message = f"unknown column '{name}' (columns: {', '.join(CSV_COLUMNS)})"
        builder.problems.append(Problem(1, header.index(name) + 1, message))
    if "number" not in header:
        builder.problems.append(Problem(1, 1, "the header has no 'number' column"))
        return
    column_of = {name: i + 1 for i, name in enumerate(header)}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            message = f"{len(cells)} cells but the header has {len(header)} columns"
            builder.problems.append(Problem(line, len(header) + 1, message))
            continue
        values: dict[str, Any] = dict(zip(header, (c.strip() for c in cells), strict=False))
        values["capabilities"] = [c.lower() for c in _split(values.get("capabilities"))] or None
        values["tags"] = _split(values.get("tags"))
        hooks = []
        for column, (purpose, method_column) in _CSV_WEBHOOKS.items():
            url = values.get(column)
            if url and not _is_web_url(url):
                message = f"{column} '{redact_url(url)}' is not an http or https URL"
                builder.problems.append(Problem(line, column_of[column], message))
            elif url:
                method = (values.get(method_column or "") or "POST").upper()
                if method not in ("GET", "POST"):
                    bad = Problem(
                        line, column_of[method_column or column], "method must be GET or POST"
                    )
                    builder.problems.append(bad)
                hooks.append((purpose, url, method))
        builder.add_number(_Row(line, column_of, values), hooks)


def _json_name(path: list[PathPart]) -> str:
    """numbers[3].webhooks[0].url"""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _json_hooks(
    positions: JsonPositions,
    path: list[PathPart],
    at: int,
    owner: dict[str, Any],
    builder: _Builder,
) -> list[tuple[WebhookPurpose, str, str]]:
    """An application's or a number's webhooks (`owner`, at offset `at` of the text, named by
    `path`); one that a vendor could not call (not an http or https URL) is noted as a problem
    at its position instead."""
    hooks = []
    for index, hook in enumerate(owner.get("webhooks", [])):
        url = hook["url"]
        if not _is_web_url(url):
            inside: list[PathPart] = ["webhooks", index, "url"]
            line, column = positions.line_col(positions.offset(inside, start=at))
            message = (
                f"{_json_name(path + inside)}: '{redact_url(url)}' is not an http or https URL"
            )
            builder.problems.append(Problem(line, column, message))
            continue
        hooks.append((WebhookPurpose(hook["purpose"]), url, hook.get("method", "POST")))
    return hooks


SCHEMA_NAME = "import.schema.json"


@functools.cache
def _schema_checker() -> jsonschema_rs.Validator:
    """The import schema compiled by jsonschema-rs: whether a document keeps to it, in a
    fraction of the time jsonschema takes (offline: the schema refers only to itself)."""
    return jsonschema_rs.validator_for(load_schema(SCHEMA_NAME), offline=True)


def _keeps_to_schema(data: Any) -> bool:
    try:
        return bool(_schema_checker().is_valid(data))
    except ValueError:  # a value jsonschema-rs cannot take (NaN...): jsonschema decides
        return False


def _schema_errors(data: Any) -> list[jsonschema.ValidationError]:
    """Every way `data` breaks the schema, worded by jsonschema, in document order."""
    validator = jsonschema.Draft202012Validator(load_schema(SCHEMA_NAME))
    return sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))


def _from_json(text: str, builder: _Builder) -> str:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        builder.problems.append(Problem(exc.lineno, exc.colno, f"not valid JSON: {exc.msg}"))
        return ""
    errors = [] if _keeps_to_schema(data) else _schema_errors(data)
    positions = JsonPositions(text)
    for error in errors:
        path = list(error.absolute_path)
        line, column = positions.position(path)
        builder.problems.append(
            Problem(line, column, f"{_json_name(path) or 'document'}: {error.message}")
        )
    if errors:
        return ""
    app_starts = positions.element_offsets(["applications"])
    for index, app in enumerate(data.get("applications", [])):
        hooks = _json_hooks(positions, ["applications", index], app_starts[index], app, builder)
        builder.add_app(app["name"], hooks, 0)
    names = {a["name"] for a in data.get("applications", [])}
    starts = positions.element_offsets(["numbers"])
    for index, entry in enumerate(data["numbers"]):
        at = starts[index]
        line, column = positions.line_col(positions.offset(["number"], start=at))
        if entry.get("application") and entry["application"] not in names:
            message = f"numbers[{index}]: application '{entry['application']}' is not defined"
            builder.problems.append(Problem(line, column, message))
            continue
        hooks = _json_hooks(positions, ["numbers", index], at, entry, builder)
        if entry.get("application") and hooks:
            message = (
                f"numbers[{index}]: a number linked to an application cannot have its own webhooks"
            )
            builder.problems.append(Problem(line, column, message))
            continue
        values = {
            "number": entry["number"],
            "country": entry.get("country"),
            "type": entry.get("type"),
            "capabilities": entry.get("capabilities"),
            "friendly_name": entry.get("friendly_name", ""),
            "application": entry.get("application"),
            "tags": entry.get("tags", []),
        }
        builder.add_number(
            _Row(line, {"number": column}, values), [] if entry.get("application") else hooks
        )
    return str(data.get("account_name") or data.get("vendor_name") or "")


def import_inventory(path: Path | str) -> Inventory:
    """Read a CSV or JSON export into an Inventory, or raise ImportFileError listing every
    problem with its position."""
    path = Path(path)
    if not path.is_file():
        raise MigratorError(f"{path} does not exist")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise MigratorError(f"{path.name} is larger than {MAX_FILE_BYTES // 2**20} MB")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFileError(path, [Problem(line, 1, "the file is not UTF-8 text")]) from exc
    builder = _Builder()
    account_name = ""
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        account_name = _from_json(text, builder)
    else:
        _from_csv(text, builder)
    if not builder.problems and not builder.numbers:
        builder.problems.append(Problem(1, 1, "the file lists no numbers"))
    if builder.problems:
        raise ImportFileError(path, sorted(builder.problems, key=lambda p: (p.line, p.column)))
    digest = hashlib.sha256(raw).hexdigest()
    return builder.inventory(path, digest, account_name)
