"""A requests transport adapter that verifies TLS against one CA bundle, loaded once.

requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE (preset on many machines) replace a session's
`verify`, so an SDK pointed at a local endpoint gets this adapter, mounted for that origin only:
it verifies against the endpoint's bundle whatever `verify` requests worked out, and nothing else
changes for other origins or other clients. Verification is never turned off.

Why a context of our own: handed a bundle path, requests and urllib3 load the whole file (the
public CAs plus the sandbox CA) into a new SSLContext for every new connection, tens of
milliseconds of CPU each, and parallel discovery opens many connections. Here the bundle is read
into one SSLContext (urllib3's own defaults, certificates required, host names checked) that every
connection to the origin shares, through the pool-key hook requests documents for custom contexts
(`build_connection_pool_key_attributes`). The context is read again when the file changes.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter
from urllib3.util.ssl_ import create_urllib3_context

if TYPE_CHECKING:
    from requests.adapters import _HostParams, _PoolKwargs


def verifying_context(ca_bundle: str | Path) -> ssl.SSLContext:
    """The shared client context trusting exactly `ca_bundle` (as it is now on disk)."""
    path = Path(ca_bundle)
    stat = path.stat()
    return _context(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _context(path: str, _mtime_ns: int, _size: int) -> ssl.SSLContext:
    context = create_urllib3_context(cert_reqs=ssl.CERT_REQUIRED)
    context.load_verify_locations(cafile=path)
    if context.verify_mode != ssl.CERT_REQUIRED or not context.check_hostname:
        raise RuntimeError("urllib3 built a TLS context that does not verify")  # pragma: no cover
    return context


class PinnedCaAdapter(HTTPAdapter):
    """Verifies TLS against one CA bundle whatever `verify` the session worked out.

    `ignore_proxies`: for loopback origins, where a request for 127.0.0.1 must reach this
    machine, not a proxy named in the environment."""

    def __init__(self, ca_bundle: str | Path, *, ignore_proxies: bool = False, **kwargs: Any):
        self.ca_bundle = str(ca_bundle)
        self.ignore_proxies = ignore_proxies
        super().__init__(**kwargs)

    def build_connection_pool_key_attributes(
        self, request: PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[_HostParams, _PoolKwargs]:
        host, pool = super().build_connection_pool_key_attributes(request, self.ca_bundle, cert)
        if host["scheme"] == "https":
            pool.pop("ca_certs", None)
            pool.pop("ca_cert_dir", None)
            pool["cert_reqs"] = "CERT_REQUIRED"
            pool["ssl_context"] = verifying_context(self.ca_bundle)
        return host, pool

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        super().cert_verify(conn, url, self.ca_bundle, cert)  # type: ignore[no-untyped-call]
        if url.lower().startswith("https"):
            # The pool's shared context already holds the bundle; a path here would make
            # urllib3 load it into that context again on every new connection.
            conn.ca_certs = None
            conn.ca_cert_dir = None

    def send(
        self,
        request: PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> Response:
        if self.ignore_proxies:
            proxies = {}
        return super().send(request, stream, timeout, self.ca_bundle, cert, proxies)
