"""The admin's public key for new applications in the mapping's decisions: stored and read back,
files without it still load, and only a PEM public key is ever accepted."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives import serialization

from migrator.errors import UsageError
from migrator.model.mapping import Decisions
from migrator.model.public_key import fingerprint, parse_public_key, same_key
from tests.public_keys import private_pem, public_pem


def test_the_key_survives_the_stored_form_and_old_files_load_without_it() -> None:
    decisions = Decisions(application_public_key=public_pem())
    stored = decisions.to_dict()
    assert stored["application_public_key"] == public_pem()
    assert Decisions.from_dict(stored) == decisions
    old = {k: v for k, v in Decisions().to_dict().items() if k != "application_public_key"}
    assert Decisions.from_dict(old).application_public_key is None


def test_a_private_key_is_refused_without_being_repeated() -> None:
    with pytest.raises(UsageError, match="that is a private key") as refused:
        Decisions(application_public_key=private_pem())
    assert private_pem().splitlines()[1] not in str(refused.value)
    with pytest.raises(UsageError, match="not a PEM public key"):
        parse_public_key("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
    with pytest.raises(UsageError, match="not a PEM public key"):
        parse_public_key("ssh-rsa AAAAB3NzaC1yc2E admin@example")


def test_the_key_is_normalised_and_fingerprinted_from_its_der_form() -> None:
    messy = "\n  " + public_pem().replace("\n", "\r\n") + "\n\n"
    assert parse_public_key(messy) == public_pem()
    assert same_key(messy, public_pem())
    der = serialization.load_pem_public_key(public_pem().encode()).public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert fingerprint(public_pem()) == hashlib.sha256(der).hexdigest()[:16]
