"""Emulated Vonage APIs (Numbers, Applications v2, account settings, Subaccounts)."""

from migrator.sandbox.vonage.api import VonageApi

__all__ = ["VonageApi"]
