"""Who is asking: the main account (sees everything) or one of its subaccounts (sees its own)."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.sandbox.accounts import Account
from migrator.sandbox.plivo.protocol import ApiError
from migrator.sandbox.plivo.resources import PlivoApplication, PlivoStore, visible
from migrator.sandbox.vendor_api import Call


@dataclass(frozen=True)
class Scope:
    call: Call
    account: Account
    store: PlivoStore
    viewer: str | None
    """The subaccount's auth_id when a subaccount asks; None for the main account."""

    @classmethod
    def of(cls, call: Call) -> Scope:
        account = call.account
        viewer = account.key if account.parent_key is not None else None
        return cls(call, account, account.store, viewer)

    @property
    def auth_id(self) -> str:
        return self.account.key

    def main_account(self) -> Account:
        if self.account.parent_key is None:
            return self.account
        parent = self.call.state.accounts.get("plivo", self.account.parent_key)
        assert parent is not None
        return parent

    def require_main(self, action: str) -> None:
        if self.viewer is not None:
            raise ApiError(403, f"only the main account can {action}")

    def subaccounts(self) -> list[Account]:
        return self.call.state.accounts.children(self.main_account())

    def subaccount(self, auth_id: str) -> Account | None:
        return next((a for a in self.subaccounts() if a.key == auth_id), None)

    def application(self, app_id: str, parameter: str | None = None) -> PlivoApplication:
        """The application, or Plivo's 404 (a 400 when it was named in a parameter)."""
        app = self.store.applications.get(app_id)
        if app is None or not visible(app.sub_account, self.viewer):
            if parameter is not None:
                raise ApiError(400, f"{parameter} {app_id} is not a valid application")
            raise ApiError(404, f"Application {app_id} not found.")
        return app

    def default_number_app(self) -> str | None:
        for app in self.store.applications.values():
            if app.default_number_app and visible(app.sub_account, self.viewer):
                return app.app_id
        return None

    def default_endpoint_app(self) -> str | None:
        for app in self.store.applications.values():
            if app.default_endpoint_app and visible(app.sub_account, self.viewer):
                return app.app_id
        return None
