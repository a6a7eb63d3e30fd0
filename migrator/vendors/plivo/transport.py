"""A plivo.RestClient for an Endpoint: Plivo itself, or a sandbox on this machine.

plivo 4.63 has no base-URL option and rebuilds its URLs from module constants on every call, but
every request passes through the public `Client.send_request`. For the sandbox we subclass the
client and rewrite https://api.plivo.com to the endpoint there, keeping `Host: api.plivo.com` so
the sandbox routes it as Plivo (shared/reference/environment.md section 4, option A). TLS is
verified against the endpoint's CA bundle, by a transport adapter mounted on the SDK's sessions
for the endpoint's origin only (migrator.vendors.pinned_ca: the bundle is loaded once, not on
every new connection).
"""

from __future__ import annotations

import logging
from typing import Any

import plivo
import plivo.rest.client

from migrator.vendors.endpoint import Endpoint
from migrator.vendors.pinned_ca import PinnedCaAdapter

_sdk_log = logging.getLogger("plivo")


def _to_log(*args: Any, **_: Any) -> None:
    _sdk_log.info(" ".join(str(a) for a in args))


# plivo 4.63 print()s "Fallback for URL ..." on stdout when it retries a voice request after a
# 5xx; that would corrupt `--json` output. Its module-level `print` name is pointed at our log
# (the SDK's code and behaviour are otherwise untouched).
plivo.rest.client.print = _to_log  # type: ignore[attr-defined]

PLIVO_ORIGIN = "https://api.plivo.com"
PLIVO_HOST = "api.plivo.com"
DEFAULT_TIMEOUT = 30.0


class SandboxRestClient(plivo.RestClient):  # type: ignore[misc]
    """The unmodified plivo client, sending to a local endpoint instead of api.plivo.com."""

    def __init__(
        self, auth_id: str, auth_token: str, endpoint: Endpoint, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        super().__init__(auth_id, auth_token, timeout=timeout)
        self.endpoint_base = endpoint.base
        if endpoint.ca_bundle is not None and endpoint.base.startswith("https://"):
            for session in (self.session, self.multipart_session):
                session.mount(f"{endpoint.base}/", PinnedCaAdapter(endpoint.ca_bundle))

    def send_request(self, request: Any, **kwargs: Any) -> Any:
        url = str(request.url)
        if url.startswith(PLIVO_ORIGIN + "/"):
            request.url = self.endpoint_base + url[len(PLIVO_ORIGIN) :]
            request.headers["Host"] = PLIVO_HOST
        return super().send_request(request, **kwargs)


def rest_client(
    auth_id: str, auth_token: str, endpoint: Endpoint, timeout: float = DEFAULT_TIMEOUT
) -> plivo.RestClient:
    """A plivo client whose requests go to `endpoint` (raises plivo's AuthenticationError when
    the auth_id is not shaped like one)."""
    if endpoint.is_vendor:
        return plivo.RestClient(auth_id, auth_token, timeout=timeout)
    return SandboxRestClient(auth_id, auth_token, endpoint, timeout=timeout)
