"""Key pairs for tests of the admin's public key for new applications (made once per run)."""

from __future__ import annotations

from functools import cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


@cache
def _private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem() -> str:
    """An RSA public key as `openssl pkey -pubout` writes it (BEGIN PUBLIC KEY)."""
    key = _private_key().public_key()
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def private_pem() -> str:
    """The matching private key (PKCS#8), for tests that check it is refused."""
    return (
        _private_key()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
