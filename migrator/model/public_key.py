"""The admin's public key for the applications the plan creates (a PEM, never a private key).

Vonage generates a key pair for an application created without a public key and returns the
private key once; migrator keeps no secrets, so that key would be lost. Given the admin's own
public key, every new application accepts JWTs signed with the admin's existing private key.
A public key is not a secret: it may live in the migration file and in exports.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import serialization

from migrator.errors import UsageError

PRIVATE_MARK = "PRIVATE KEY"
"""Every PEM private key's armour says so (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY...)."""


def parse_public_key(text: str) -> str:
    """`text` as a normalised PEM public key (SubjectPublicKeyInfo); UsageError when it is a
    private key or not a PEM public key. The message never repeats the text."""
    if PRIVATE_MARK in text.upper():
        raise UsageError(
            "that is a private key: give the public key instead (migrator never stores private "
            "keys; e.g. `openssl pkey -in private.key -pubout -out public.pem`)"
        )
    try:
        key = serialization.load_pem_public_key(text.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError, TypeError):
        raise UsageError(
            "not a PEM public key (expected a file starting with '-----BEGIN PUBLIC KEY-----')"
        ) from None
    pem = key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem.decode("ascii")


def fingerprint(pem: str) -> str:
    """The key's short fingerprint: the first 16 hex digits of the SHA-256 of its DER form."""
    key = serialization.load_pem_public_key(pem.strip().encode("ascii"))
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()[:16]


def same_key(first: str, second: str) -> bool:
    """True when two PEM texts hold the same key (line breaks and spacing aside)."""
    return "".join(first.split()) == "".join(second.split())
