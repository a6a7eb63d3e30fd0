"""Application key pairs: fixed public keys for seeded apps, fresh pairs for apps created over
the API.

Vonage creates an RSA key pair when an application is created without a public key and returns the
private half once. Seeded applications need keys that are the same on every run (a seeded account
must be deterministic), so they use public keys generated once and kept here; their private halves
were never stored.
"""

from __future__ import annotations

import itertools
import threading

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

SEED_PUBLIC_KEYS: tuple[str, ...] = (
    (
        "-----BEGIN PUBLIC KEY-----\n"
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA42uzXL2IcGafV2IIzsqd\n"
        "LPFYcPMUoXQEqoEppudfq5bd/duRWuw3zNmmbx9TEzwloE4zSIvD/bpr3LR6s0s7\n"
        "J1ItFB/Z4lS1WCt68TzD2Wuo6Lpte7EQ0c/W7BFcZt90xxV9Jru8+Xncwxo4oKiX\n"
        "Lf6IW8jInu+tWpEcDSn/Ou//myJkVSLn2pnuaE7SlHy7iklSZeCc+QUQ4XIDK7Ra\n"
        "aDPj9kBRx2TCm/1k+FdEHS3kayUvaqAXz1dKtfU4EnnS1OavIWdIdOiIMn3jezRy\n"
        "HnhBo+gbIW9WorUH+ou/A/id3QJTdyZjsDmFs8DUexDKnId+t7W0g3XPqvwn6oy5\n"
        "RQIDAQAB\n"
        "-----END PUBLIC KEY-----\n"
    ),
    (
        "-----BEGIN PUBLIC KEY-----\n"
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA49OtQ5OC0nFgdlDMT8wR\n"
        "LvxK/4BFiPmtoxEaSYKuCRjWQs+42x2TdcFifr6trBgG2O3TOCPKThIm8eja6Ehr\n"
        "piKJMC2f5YBuA51GZ+Zu6UvhT8lPa7BDLxjr63kF3dcVmj/seWxkD5yvudSyJeAs\n"
        "ribEUiB5uG9d/B6uIrtQ6xXYpfb4NwGnW9B9k4Wm4NsJJHF6MdYiSFQiVVpMRY4m\n"
        "Q79ElMZZKMKWoDTNmM4jr0UnJR0wbEBkQjh4xmYovkrUoN3CrhERa2g6RUiS5CcR\n"
        "xPDDAAQWs/Zb2LlD1nrzOnsLThecaQPglQiC58cuCW7sr/KERPSuzVyiWmWOvi7i\n"
        "AwIDAQAB\n"
        "-----END PUBLIC KEY-----\n"
    ),
    (
        "-----BEGIN PUBLIC KEY-----\n"
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAz1Arj0V+j0m5nit4YqA5\n"
        "iE+LtGsmudfn8vJTqshaKSorqatkIHpTWfWBGQuHqWQDiZvzkf6FPj9cnwcKLp+0\n"
        "uF3oWJ7yT4ENB8NuOXiIkWJZ+5NCYOTBjM4ywvigt1fHtjZeXGuJ0RonRN+Es71g\n"
        "Q1ypj/NTwiHWw59dReMJN+R2JEsP31nUODNNI0Cf2/2ynItqxkscKyFuc8n/KUb8\n"
        "Lh0AE7rVeziNWrE6BTOSEMX3P+z9ltvGuPQAvcSAe27MDPMoaytEn6GplTIHpYLp\n"
        "VmrSOITHlRm7tSgrsYAthaNG8ZSRQebEIng8htDrTe9YWW0xAP1+ASxnK+HMOdLi\n"
        "uQIDAQAB\n"
        "-----END PUBLIC KEY-----\n"
    ),
    (
        "-----BEGIN PUBLIC KEY-----\n"
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvSPJTqHUO29NtYhjfXJ3\n"
        "j+JzRKVGvIV6x6N+fSKjeXgB61oksT5xd+WfCN6sE65xh7zzFPOSAD+kCVdJW4fq\n"
        "d96I+lso3D5NkWJpfoizqbgVbGgRYitD5xz205eem/7wG2dnThFqQ3hhEwhSzk+G\n"
        "T5/IaJHLJXVCFXYS8wfZAhIXQ1JKz/cUeCZStb58NBWUyY8G0wR/cZ2p0cy0pe/8\n"
        "TW9fPC4YS6vw/ufXqoJkof8udfkZvbuvYagBkXY8+CQ3e9CHlPcMCzgZy9yGYcQi\n"
        "RAjM7Ffjjm3+KYQlDoqSxvORC03eg3+MeoqGXTgWZ+W3cA0nA2bbz7HoGeHrnDN9\n"
        "uQIDAQAB\n"
        "-----END PUBLIC KEY-----\n"
    ),
    (
        "-----BEGIN PUBLIC KEY-----\n"
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA66jg7AJ6gq/Dbq2N+xad\n"
        "VetBFTLDD6gcrTf/9izfVQzBdih90nRJ5q5zDG+DtESrTcO7CKX3pk8k8yRp+Xlh\n"
        "YButsaNPjKQiIh9uVwsABJKHNrcgvz85+rW85uwT4Nzu9osdr0t2dvpDIDbCjVbL\n"
        "o/Y3jUG76Xx46+PbY0+kbVF2GNP2rhBONenVUdS2XV4vgyARdf2qQyoaeyzkhe35\n"
        "jVjdbkJnh+3z8SyreFKvl6ztZrtNd2mCLYnlNPm4Yw8DVTM4JhV/aF6b0a8nB4X0\n"
        "rwrfwXrQeN/hvo9tZA71OGaRsRhDghFMYhZLL62y5ZkD5IF4ZG2fkoK/5oHWM9ik\n"
        "EQIDAQAB\n"
        "-----END PUBLIC KEY-----\n"
    ),
    (
        "-----BEGIN PUBLIC KEY-----\n"
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArNo6gKbJtX2al8BxKPvK\n"
        "iXnqywDgiaSqbFvIvz8Z0hl5GTd6H37fcr9Qyhvhv02Bp55cOyhyQ3dYFna6Tcut\n"
        "HCvSEajj3mMBK4bvByb+IzUDVzDyUqgws64KtmV2pLu5bYJjPtcIIGMFaYXPCVTF\n"
        "bBqAB/19vJ/UUK5gSDo3YQS7+fJyW20IjgCHQMfCfNJJ48ul3Un82xDhQnDOj1+W\n"
        "B6/kW3nD3ufXUT1GuBlVAGJxPYXTzHp1/aOnoDk0nPesKagvqAj+EO8VLEmbfxsw\n"
        "TwPmwdfQrfBxlayawEeCiqfbgTW41RrjgaAZB72bLXwWU3YXRmyFsR1QnjH4qOH3\n"
        "BwIDAQAB\n"
        "-----END PUBLIC KEY-----\n"
    ),
)


PAIRS_MADE_AT_MOST = 8
"""Key pairs one process makes before handing them out again in turn: making a 2048-bit RSA pair
costs about a tenth of a second of CPU under the sandbox lock, so an apply that creates dozens of
applications would be slowed by key generation alone (an emulator's keys protect nothing)."""

_made: list[tuple[str, str]] = []
_handed_out = itertools.count()
_lock = threading.Lock()


def new_key_pair() -> tuple[str, str]:
    """A (public PEM, private PEM) RSA pair, as Vonage generates on create: a fresh one for each
    of the first PAIRS_MADE_AT_MOST applications of the process, then those again in turn."""
    with _lock:
        turn = next(_handed_out)
        if turn < PAIRS_MADE_AT_MOST:
            _made.append(_make_pair())
            return _made[-1]
        return _made[turn % PAIRS_MADE_AT_MOST]


def _make_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return public.decode(), private.decode()


def is_public_key(pem: str) -> bool:
    """True when `pem` is a PEM public key (what Vonage accepts in keys.public_key)."""
    try:
        serialization.load_pem_public_key(pem.encode())
    except ValueError:
        return False
    return True
