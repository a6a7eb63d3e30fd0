"""Recognising what a webhook URL points at, and hiding credentials embedded in it."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from migrator.model.enums import HostedBy

REDACTED = "***"
_SECRET_PARAM = re.compile(
    r"(pass(word)?|pwd|secret|token|auth|api[_-]?key|key|sig(nature)?|credential|session)", re.I
)


def hosted_by(url: str) -> HostedBy:
    """Which vendor-hosted service (if any) serves this URL (shared/reference/vendors.md s.6)."""
    if url.startswith(("sip:", "sips:", "tel:")) or (url and "://" not in url):
        return HostedBy.SIP
    host = (urlsplit(url).hostname or "").lower()
    if host == "handler.twilio.com":
        return HostedBy.TWIML_BIN
    if host == "webhooks.twilio.com":
        return HostedBy.STUDIO
    if host.endswith(".twil.io"):
        return HostedBy.FUNCTION
    if host.startswith("phlo-runner") and host.endswith(".plivo.com"):
        return HostedBy.PHLO
    return HostedBy.CUSTOMER


def has_credentials(url: str) -> bool:
    """True when the URL carries a password or a secret-looking query parameter."""
    parts = urlsplit(url)
    if parts.password or (parts.username and "@" in parts.netloc):
        return True
    return any(_SECRET_PARAM.search(k) and v for k, v in parse_qsl(parts.query, True))


def redact_url(url: str) -> str:
    """The URL with user info and secret-looking query values replaced by ***."""
    if not url or "://" not in url:
        return url
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{REDACTED}:{REDACTED}@{netloc.rsplit('@', 1)[1]}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(_SECRET_PARAM.search(k) for k, _ in pairs):
            query = urlencode([(k, REDACTED if _SECRET_PARAM.search(k) else v) for k, v in pairs])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
