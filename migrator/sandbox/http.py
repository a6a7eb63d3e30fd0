"""The request and response values that flow between the server and the vendor emulations."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import parse_qs


@dataclass(frozen=True)
class Request:
    """One HTTP request as a vendor emulation sees it."""

    method: str
    host: str
    path: str
    query: dict[str, list[str]]
    headers: Message
    body: bytes = b""

    def header(self, name: str) -> str | None:
        value = self.headers.get(name)
        return None if value is None else str(value)

    def form(self) -> dict[str, list[str]]:
        ctype = self.header("Content-Type") or ""
        if not self.body or "json" in ctype:
            return {}
        return parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)

    def json(self) -> Any:
        if not self.body:
            return None
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def param(self, name: str, default: str | None = None) -> str | None:
        """First value of `name` from the form body, else the query string."""
        for source in (self.form(), self.query):
            values = source.get(name)
            if values:
                return values[0]
        return default

    def params(self) -> dict[str, str]:
        """Query and form parameters flattened to their first value (form wins)."""
        merged = {k: v[0] for k, v in self.query.items() if v}
        merged.update({k: v[0] for k, v in self.form().items() if v})
        return merged

    def basic_auth(self) -> tuple[str, str] | None:
        value = self.header("Authorization") or ""
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "basic" or not token:
            return None
        try:
            user, sep, password = base64.b64decode(token).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return (user, password) if sep else None


@dataclass
class Response:
    """What a vendor emulation answers. `drop` closes the connection without an answer."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False
    delay: float = 0.0

    @classmethod
    def json(cls, obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
        body = json.dumps(obj, separators=(",", ":")).encode()
        return cls(status=status, body=body, headers=dict(headers or {}))

    @classmethod
    def problem(cls, obj: Any, status: int) -> Response:
        """An RFC 7807 problem document (Vonage's error shape)."""
        response = cls.json(obj, status)
        response.content_type = "application/problem+json"
        return response

    @classmethod
    def text(cls, text: str, status: int = 200, content_type: str = "text/plain") -> Response:
        return cls(status=status, body=text.encode(), content_type=content_type)

    @classmethod
    def empty(cls, status: int = 204) -> Response:
        return cls(status=status, body=b"", content_type="")

    @classmethod
    def dropped(cls) -> Response:
        return cls(drop=True)
