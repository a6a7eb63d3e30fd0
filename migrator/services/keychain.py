"""Access to the OS keychain through `keyring`, and what to do on a machine without one.

Secrets live only here. On a headless Linux box keyring has no backend (or, with pycryptodomex
installed, silently picks one that prompts on the terminal), so we check the backend ourselves
and refuse to store anything unless it is a real keychain, or the admin explicitly opted in to
an unencrypted file (`allow_insecure_file`), with a warning that says what that means.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from migrator import paths
from migrator.errors import MigratorError

SERVICE = "migrator"
_INSECURE_SETTING = "insecure-keyring-opt-in"


class KeychainUnavailable(MigratorError):
    """No usable keychain; the message says how to get one or how to opt in."""


NO_KEYCHAIN_HELP = (
    "No usable keychain was found on this machine, so migrator cannot store vendor secrets.\n"
    "Options:\n"
    "  * run inside a desktop session with GNOME Keyring, KWallet, macOS Keychain or Windows "
    "Credential Manager;\n"
    "  * on a headless Linux server: install gnome-keyring and dbus, and start migrator under\n"
    "    dbus-run-session with the keyring unlocked;\n"
    "  * or, knowing the risk, keep secrets in an UNENCRYPTED file readable by your user only:\n"
    "    migrator profile add ... --insecure-file-keyring"
)

_PROMPTING_OR_FAKE = (
    "keyring.backends.fail",
    "keyring.backends.null",
    "keyrings.alt.file.EncryptedKeyring",  # prompts for a master password on the terminal
    "keyrings.alt.file.PlaintextKeyring",  # auto-selected plaintext: only with explicit opt-in
    "keyring.backends.chainer",
)


class InsecureFileKeyring(KeyringBackend):
    """An unencrypted JSON file (mode 0600) in the app data folder.

    Used only after the admin explicitly opted in; never auto-selected (it is not registered as
    a keyring entry point), unlike keyrings.alt's plaintext backend.
    """

    priority = -1  # type: ignore[assignment]

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.path = path or paths.data_dir() / "insecure-secrets.json"

    def _load(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        data = json.loads(self.path.read_text())
        return {str(k): str(v) for k, v in data.items()}

    def _save(self, data: dict[str, str]) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(data, handle)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("not found")
        self._save(data)


@dataclass(frozen=True)
class KeychainStatus:
    usable: bool
    backend: str
    insecure: bool = False

    @property
    def message(self) -> str:
        if self.insecure:
            return f"secrets are kept in an unencrypted file ({self.backend}) at your request"
        if self.usable:
            return f"secrets are kept in the keychain ({self.backend})"
        return NO_KEYCHAIN_HELP


def _opt_in_file() -> Path:
    return paths.config_dir() / _INSECURE_SETTING


def _backend_name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _activate_opt_in() -> None:
    if _opt_in_file().exists() and not isinstance(keyring.get_keyring(), InsecureFileKeyring):
        keyring.set_keyring(InsecureFileKeyring())


def status() -> KeychainStatus:
    _activate_opt_in()
    backend = keyring.get_keyring()
    name = _backend_name(backend)
    if isinstance(backend, InsecureFileKeyring):
        return KeychainStatus(True, str(backend.path), insecure=True)
    if isinstance(backend, EphemeralKeyring):
        return KeychainStatus(True, "memory only, for the demo")
    if any(name.startswith(bad) for bad in _PROMPTING_OR_FAKE):
        chained = getattr(backend, "backends", None)
        if chained:
            real = [b for b in chained if not _backend_name(b).startswith(_PROMPTING_OR_FAKE)]
            if real:
                return KeychainStatus(True, _backend_name(real[0]))
        return KeychainStatus(False, name)
    return KeychainStatus(True, name)


def opt_in_insecure_file() -> Path:
    """Record the admin's explicit choice of an unencrypted secrets file, and use it."""
    marker = _opt_in_file()
    marker.write_text("The admin chose to keep secrets in an unencrypted file.\n")
    keyring.set_keyring(InsecureFileKeyring())
    return InsecureFileKeyring().path


def _require() -> None:
    current = status()
    if not current.usable:
        raise KeychainUnavailable(current.message)


def store_secret(account: str, secret: str) -> None:
    _require()
    try:
        keyring.set_password(SERVICE, account, secret)
    except KeyringError as exc:
        raise KeychainUnavailable(f"the keychain refused to store the secret: {exc}") from exc


def load_secret(account: str) -> str | None:
    _require()
    try:
        value: str | None = keyring.get_password(SERVICE, account)
    except KeyringError as exc:
        raise KeychainUnavailable(f"the keychain could not be read: {exc}") from exc
    return value


def delete_secret(account: str) -> None:
    _require()
    try:
        keyring.delete_password(SERVICE, account)
    except PasswordDeleteError:
        pass
    except KeyringError as exc:
        raise KeychainUnavailable(f"the keychain could not delete the secret: {exc}") from exc


class EphemeralKeyring(KeyringBackend):
    """Secrets held in this process's memory only: for the built-in demo, whose sandbox
    credentials are throwaway, on a machine with no keychain."""

    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._store.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


def use_ephemeral_if_unavailable() -> bool:
    """For the demo only: fall back to memory when there is no keychain. True if it did."""
    if status().usable:
        return False
    keyring.set_keyring(EphemeralKeyring())
    return True
