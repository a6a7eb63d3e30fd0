"""Plivo credentials: Auth IDs as the SDK checks them ("MA"/"SA" + 18 of A-Z0-9), 40-char tokens."""

from __future__ import annotations

import random
import string

_ID_ALPHABET = string.ascii_uppercase + string.digits
_TOKEN_ALPHABET = string.ascii_letters + string.digits


def new_auth_id(rng: random.Random, subaccount: bool = False) -> str:
    prefix = "SA" if subaccount else "MA"
    return prefix + "".join(rng.choice(_ID_ALPHABET) for _ in range(18))


def new_auth_token(rng: random.Random) -> str:
    return "".join(rng.choice(_TOKEN_ALPHABET) for _ in range(40))
