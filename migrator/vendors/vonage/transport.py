"""A vonage.Vonage client for an Endpoint: Vonage itself, or a sandbox on this machine.

vonage 4.9.1 takes the hosts it talks to as options (`HttpClientOptions(api_host=, rest_host=)`,
host:port accepted) and always speaks https. For the sandbox both hosts become the endpoint's
host:port and the sandbox's certificate must verify.

Trusting the sandbox CA, with verification on, without weakening anything else
--------------------------------------------------------------------------------
requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE (preset on many machines) override a session's
`verify`, so setting the SDK session's `verify` is not enough, and exporting REQUESTS_CA_BUNDLE
would change trust for every client in the process and its children. Instead this client's
session gets a transport adapter (migrator.vendors.pinned_ca), mounted for the sandbox's origin
only, that verifies against `endpoint.ca_bundle` (the public CAs plus the sandbox CA, whose
private key was discarded after signing the sandbox certificate) whatever the environment says,
with the bundle loaded once rather than on every new connection. Requests to any other origin,
and every other client, keep requests' normal behaviour. Verification is never turned off.

The one private attribute this needs is isolated in `_sdk_session` (see its docstring).
"""

from __future__ import annotations

import logging

import requests
from urllib3 import Retry
from vonage import Auth, HttpClientOptions, Vonage

from migrator.vendors.endpoint import Endpoint
from migrator.vendors.pinned_ca import PinnedCaAdapter

# The SDK logs every HTTP error response (a 404 lookup, a 429) as a warning on the "vonage"
# logger; with no handler configured Python would print them on stderr. migrator reports those
# errors itself, so the library gets the NullHandler libraries are meant to have; an application
# that configures logging still receives the records.
logging.getLogger("vonage").addHandler(logging.NullHandler())

DEFAULT_TIMEOUT = 30
DEFAULT_POOL_SIZE = 10
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def vonage_client(
    api_key: str,
    api_secret: str,
    endpoint: Endpoint,
    *,
    timeout: int = DEFAULT_TIMEOUT,
    pool_size: int = DEFAULT_POOL_SIZE,
) -> Vonage:
    """An unmodified `vonage.Vonage` whose requests go to `endpoint`.

    `pool_size` is the number of connections kept open per host (raise it for parallel paging).
    """
    auth = Auth(api_key=api_key, api_secret=api_secret)
    if endpoint.is_vendor:
        return Vonage(auth, HttpClientOptions(timeout=timeout, pool_maxsize=pool_size))
    target = endpoint.https()
    options = HttpClientOptions(
        api_host=target.netloc,
        rest_host=target.netloc,
        timeout=timeout,
        pool_maxsize=pool_size,
    )
    client = Vonage(auth, options)
    if target.ca_bundle is not None:
        trust_bundle(client, target)
    return client


def trust_bundle(client: Vonage, endpoint: Endpoint) -> None:
    """Make `client` verify `endpoint`'s certificate against `endpoint.ca_bundle`."""
    if endpoint.ca_bundle is None:
        raise ValueError("the endpoint has no CA bundle to trust")
    options = client.http_client.http_client_options
    adapter = PinnedCaAdapter(
        endpoint.ca_bundle,
        ignore_proxies=endpoint.netloc.rsplit(":", 1)[0] in _LOOPBACK,
        pool_connections=options.pool_connections,
        pool_maxsize=options.pool_maxsize,
        max_retries=Retry(total=options.max_retries, backoff_factor=0.1),
    )
    _sdk_session(client).mount(f"https://{endpoint.netloc}/", adapter)


def _sdk_session(client: Vonage) -> requests.Session:
    """The requests.Session inside the SDK's HttpClient (`HttpClient._session`, private).

    vonage 4.9.1 exposes no way to choose the CA bundle or the session: `Vonage` builds its own
    `HttpClient`, which builds its own `Session`, and `client.http_client` (public) hands out only
    hosts, options and auth. Mounting an adapter on that session (a public requests API) is the
    smallest reach inside the SDK that keeps verification on and affects only this client. The SDK
    version is pinned; if a future one renames the attribute this fails loudly rather than
    silently trusting the wrong CAs.
    """
    session = getattr(client.http_client, "_session", None)
    if not isinstance(session, requests.Session):
        raise RuntimeError(
            "this vonage SDK no longer keeps a requests.Session in HttpClient._session; "
            "migrator/vendors/vonage/transport.py must be updated"
        )
    return session
