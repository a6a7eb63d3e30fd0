"""`migrator profile add|list|remove`: connection profiles with their secret in the keychain."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from migrator.errors import UsageError
from migrator.services import keychain
from migrator.services.profiles import (
    add_profile,
    credentials_from_env,
    describe,
    list_profiles,
    remove_profile,
)
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.registry import CREDENTIAL_KEYS, ENV_VARS

NAME = "profile"
HELP = "add, list or remove connection profiles (secrets are kept in the OS keychain)"


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="profile_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="check credentials with the vendor and store a profile")
    add.add_argument("name")
    add.add_argument("--vendor", required=True, choices=sorted(CREDENTIAL_KEYS))
    add.add_argument("--endpoint", help="API address instead of the vendor's (e.g. a sandbox URL)")
    add.add_argument("--ca-bundle", type=Path, help="CA file to trust for the endpoint's TLS")
    add.add_argument(
        "--insecure-file-keyring",
        action="store_true",
        help="on a machine with no keychain, keep secrets in an UNENCRYPTED file (explicit opt-in)",
    )
    listing = actions.add_parser("list", help="list profiles (never shows secrets)")
    listing.add_argument("--json", action="store_true")
    remove = actions.add_parser("remove", help="delete a profile and its secret")
    remove.add_argument("name")


def _ask_credentials(vendor: str) -> dict[str, str]:
    key_name, secret_name = CREDENTIAL_KEYS[vendor]
    key_var, secret_var = ENV_VARS[vendor]
    if not sys.stdin.isatty():
        raise UsageError(
            f"set {key_var} and {secret_var} in the environment (no terminal to ask on)"
        )
    key = input(f"{vendor} {key_name}: ").strip()
    secret = getpass.getpass(f"{vendor} {secret_name} (hidden): ").strip()
    return {key_name: key, secret_name: secret}


def _add(args: argparse.Namespace) -> int:
    if args.insecure_file_keyring:
        if keychain.status().usable and not keychain.status().insecure:
            raise UsageError("a keychain is available; --insecure-file-keyring is not needed")
        path = keychain.opt_in_insecure_file()
        print(
            f"WARNING: secrets will be stored UNENCRYPTED in {path} (readable by your user only).",
            file=sys.stderr,
        )
    if not keychain.status().usable:
        raise keychain.KeychainUnavailable(keychain.status().message)
    credentials = credentials_from_env(args.vendor) or _ask_credentials(args.vendor)
    endpoint = Endpoint(args.endpoint, args.ca_bundle) if args.endpoint else VENDOR
    profile = add_profile(args.name, args.vendor, credentials, endpoint)
    where = profile.endpoint or "the vendor"
    print(
        f"Profile '{profile.name}' saved: {profile.vendor} account {profile.account_id} at {where}."
    )
    print(keychain.status().message.capitalize() + ".")
    return 0


def _list(args: argparse.Namespace) -> int:
    rows = [describe(p) for p in list_profiles()]
    if args.json:
        print(json.dumps({"profiles": rows}))
        return 0
    if not rows:
        print("No profiles yet. Add one with: migrator profile add NAME --vendor twilio")
        return 0
    name = max(len("PROFILE"), *(len(row["name"]) for row in rows))
    account = max(len("ACCOUNT"), *(len(row["account_id"]) for row in rows))
    print(f"{'PROFILE':{name}}  {'VENDOR':7} {'ACCOUNT':{account}}  ENDPOINT")
    for row in rows:
        print(
            f"{row['name']:{name}}  {row['vendor']:7} {row['account_id']:{account}}  "
            f"{row['endpoint']}"
        )
    return 0


def run(args: argparse.Namespace) -> int:
    if args.profile_action == "add":
        return _add(args)
    if args.profile_action == "list":
        return _list(args)
    remove_profile(args.name)
    print(f"Profile '{args.name}' and its secret were removed.")
    return 0
