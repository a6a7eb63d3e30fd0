"""Connection profiles: a name for a vendor account, its endpoint, and its secret in the keychain.

profiles.json (config folder) holds only public facts (vendor, account id, endpoint); the secret
half of the credentials is stored in the keychain under the profile's name. A migration file
refers to profiles by name, never to secrets.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from migrator import paths
from migrator.errors import UsageError
from migrator.services import keychain
from migrator.vendors.base import AccountInfo, Credentials, VendorAdapter
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.registry import CREDENTIAL_KEYS, ENV_VARS, connect

PROFILES_SCHEMA_VERSION = 1
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class Profile:
    name: str
    vendor: str
    account_id: str
    endpoint: str | None = None
    ca_bundle: str | None = None
    account_name: str = ""

    @property
    def endpoint_value(self) -> Endpoint:
        return Endpoint(self.endpoint, Path(self.ca_bundle) if self.ca_bundle else None)

    def secret_key(self) -> str:
        return f"profile:{self.name}"


def _file() -> Path:
    return paths.config_dir() / "profiles.json"


def _read_all() -> dict[str, Profile]:
    path = _file()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
    except ValueError as exc:
        raise UsageError(f"{path} is not valid JSON ({exc}); fix or delete it") from exc
    if int(data.get("schema_version", 1)) > PROFILES_SCHEMA_VERSION:
        raise UsageError(f"{path} was written by a newer migrator; upgrade to use it")
    return {name: Profile(**fields) for name, fields in data.get("profiles", {}).items()}


def _write_all(profiles: dict[str, Profile]) -> None:
    path = _file()
    tmp = path.with_suffix(".tmp")
    payload = {
        "schema_version": PROFILES_SCHEMA_VERSION,
        "profiles": {name: asdict(p) for name, p in sorted(profiles.items())},
    }
    tmp.write_text(json.dumps(payload, indent=2))
    os.replace(tmp, path)


def list_profiles() -> list[Profile]:
    return sorted(_read_all().values(), key=lambda p: p.name)


def get_profile(name: str) -> Profile:
    try:
        return _read_all()[name]
    except KeyError:
        known = ", ".join(p.name for p in list_profiles()) or "none yet"
        raise UsageError(f"no profile named '{name}' (profiles: {known})") from None


def credentials_from_env(vendor: str) -> Credentials | None:
    """The vendor's usual environment variables, when both are set."""
    key_var, secret_var = ENV_VARS[vendor]
    key, secret = os.environ.get(key_var), os.environ.get(secret_var)
    if key and secret:
        key_name, secret_name = CREDENTIAL_KEYS[vendor]
        return {key_name: key, secret_name: secret}
    return None


def add_profile(
    name: str,
    vendor: str,
    credentials: Credentials,
    endpoint: Endpoint = VENDOR,
    check: Callable[[VendorAdapter], AccountInfo] | None = None,
) -> Profile:
    """Check the credentials against the vendor, then store the profile and its secret.

    Nothing is stored when the check fails. `check` defaults to adapter.check_credentials().
    """
    if not _NAME.match(name):
        raise UsageError("a profile name is 1-64 letters, digits, '.', '_' or '-'")
    if vendor not in CREDENTIAL_KEYS:
        raise UsageError(f"unknown vendor '{vendor}' (twilio, vonage or plivo)")
    key_name, secret_name = CREDENTIAL_KEYS[vendor]
    if not credentials.get(key_name) or not credentials.get(secret_name):
        raise UsageError(f"{vendor} needs both {key_name} and {secret_name}")
    current = keychain.status()
    if not current.usable:
        raise keychain.KeychainUnavailable(current.message)
    adapter = connect(vendor, credentials, endpoint)
    info = (check or (lambda a: a.check_credentials()))(adapter)
    profile = Profile(
        name=name,
        vendor=vendor,
        account_id=credentials[key_name],
        endpoint=endpoint.url,
        ca_bundle=str(endpoint.ca_bundle) if endpoint.ca_bundle else None,
        account_name=info.name,
    )
    keychain.store_secret(profile.secret_key(), credentials[secret_name])
    profiles = _read_all()
    profiles[name] = profile
    _write_all(profiles)
    return profile


def remove_profile(name: str) -> None:
    profiles = _read_all()
    profile = profiles.pop(name, None)
    if profile is None:
        raise UsageError(f"no profile named '{name}'")
    keychain.delete_secret(profile.secret_key())
    _write_all(profiles)


def credentials_for(profile: Profile) -> Credentials:
    secret = keychain.load_secret(profile.secret_key())
    if secret is None:
        raise UsageError(
            f"the secret of profile '{profile.name}' is not in the keychain; "
            f"add the profile again (migrator profile add {profile.name} --vendor {profile.vendor})"
        )
    key_name, secret_name = CREDENTIAL_KEYS[profile.vendor]
    return {key_name: profile.account_id, secret_name: secret}


def adapter_for_profile(profile: Profile) -> VendorAdapter:
    return connect(profile.vendor, credentials_for(profile), profile.endpoint_value)


def describe(profile: Profile) -> dict[str, Any]:
    """Public facts only (for `profile list` and the GUI): never the secret."""
    return {
        "name": profile.name,
        "vendor": profile.vendor,
        "account_id": profile.account_id,
        "account_name": profile.account_name,
        "endpoint": profile.endpoint or "vendor",
    }
