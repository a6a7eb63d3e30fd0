"""Twilio identifiers (two-letter prefix + 32 hex digits) and the two date formats it uses."""

from __future__ import annotations

import functools
import random
import re
from datetime import UTC, datetime
from email.utils import format_datetime

SID_PATTERN = r"[0-9a-fA-F]{32}"


def new_sid(rng: random.Random, prefix: str) -> str:
    """A fresh SID such as PN0f3c...; deterministic for a given generator state."""
    return f"{prefix}{rng.getrandbits(128):032x}"


def new_token(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def is_sid(value: str, prefix: str) -> bool:
    return re.fullmatch(prefix + SID_PATTERN, value) is not None


@functools.lru_cache(maxsize=1 << 16)
def rfc2822(moment: datetime) -> str:
    """api.twilio.com dates: 'Thu, 30 Jul 2015 23:19:04 +0000' (cached: list pages format
    thousands of dates, and formatting one costs more than the rest of a number's rendering)."""
    return format_datetime(moment.astimezone(UTC))


def iso8601(moment: datetime) -> str:
    """Dates of the v1 APIs (messaging, trunking, numbers): '2015-07-30T20:12:31Z'."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
