"""The sandbox's one threaded HTTP(S) server on 127.0.0.1.

Requests are routed to a vendor emulation by their Host header (api.twilio.com, rest.nexmo.com,
api.plivo.com, ...), or, when they carry the sandbox's own address, by path prefix. The same port
speaks plain HTTP and TLS: the first byte of a connection tells which.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from migrator.sandbox import control
from migrator.sandbox.http import Request, Response
from migrator.sandbox.registry import default_apis
from migrator.sandbox.seeding import seed_state
from migrator.sandbox.state import SandboxState
from migrator.sandbox.tls import server_context, tls_files
from migrator.sandbox.vendor_api import Call, VendorApi

log = logging.getLogger(__name__)
LOOPBACK = "127.0.0.1"
_LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
_TLS_HANDSHAKE = b"\x16"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    timeout = 60
    # Headers and body go out in separate writes; with Nagle on, a keep-alive client's delayed
    # ACK stalls every response by ~40 ms (SDK sessions reuse connections).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        host = (self.headers.get("Host") or "").strip().lower()
        host = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        request = Request(
            method=self.command,
            host=host,
            path=unquote(split.path),
            query=parse_qs(split.query, keep_blank_values=True),
            headers=self.headers,
            body=body,
        )
        response = self.server.sandbox.dispatch(request)
        if response.delay:
            time.sleep(response.delay)
        if response.drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, port: int, sandbox: Sandbox, tls: ssl.SSLContext) -> None:
        self.sandbox = sandbox
        self.tls = tls
        super().__init__((LOOPBACK, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer is normal (timeouts, dropped-connection faults);
        anything else is a bug worth a traceback in the log."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | ssl.SSLError | TimeoutError):
            log.debug("client %s went away: %s", client_address, exc)
        else:
            log.exception("sandbox failed serving %s", client_address)

    def finish_request(self, request: Any, client_address: Any) -> None:
        request.settimeout(_Handler.timeout)
        try:
            first = request.recv(1, socket.MSG_PEEK)
        except OSError:
            return
        if first != _TLS_HANDSHAKE:
            _Handler(request, client_address, self)
            return
        try:
            wrapped = self.tls.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            log.debug("TLS handshake failed: %s", exc)
            return
        try:
            _Handler(wrapped, client_address, self)
        finally:
            wrapped.close()


class Sandbox:
    """A running (or ready-to-run) sandbox. Use as a context manager, or start()/stop()."""

    def __init__(
        self,
        port: int = 0,
        apis: dict[str, VendorApi] | None = None,
        tls_dir: Path | None = None,
    ) -> None:
        self.state = SandboxState(apis if apis is not None else default_apis())
        self._port = port
        self._tls = tls_files(tls_dir)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._by_host = {h: api for api in self.state.apis.values() for h in api.hosts}

    # --- lifecycle -----------------------------------------------------------------------
    @classmethod
    def start_new(cls, port: int = 0, seed: dict[str, int] | None = None, **kw: Any) -> Sandbox:
        sandbox = cls(port, **kw).start()
        if seed is not None:
            sandbox.seed(seed)
        return sandbox

    def start(self) -> Sandbox:
        self._server = _Server(self._port, self, server_context(self._tls))
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="migrator-sandbox", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Sandbox:
        return self if self._server else self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- addresses -----------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the sandbox is not running")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def https_url(self) -> str:
        return f"https://{LOOPBACK}:{self.port}"

    @property
    def ca_bundle(self) -> Path:
        """Public CAs plus the sandbox's own CA, for clients that must verify TLS."""
        return self._tls.bundle

    # --- content -------------------------------------------------------------------------
    def seed(self, spec: dict[str, int], seed: int = 0) -> list[dict[str, Any]]:
        self.state.reset()
        return seed_state(self.state, spec, seed)

    def accounts(self, vendor: str | None = None, role: str | None = None) -> list[dict[str, Any]]:
        with self.state.lock:
            return [
                self.state.apis[a.vendor].describe(a)
                for a in self.state.accounts.all()
                if (vendor is None or a.vendor == vendor) and (role is None or a.role == role)
            ]

    def credentials(self, vendor: str, role: str = "source") -> dict[str, str]:
        """SDK-constructor credentials of the first account with that vendor and role."""
        found = self.accounts(vendor, role)
        if not found:
            raise LookupError(f"no {role} account for {vendor} in the sandbox")
        return dict(found[0]["credentials"])

    # --- serving -------------------------------------------------------------------------
    def api_for(self, request: Request) -> VendorApi | None:
        api = self._by_host.get(request.host)
        if api is not None:
            return api
        if request.host in _LOCAL_HOSTS:
            for candidate in self.state.apis.values():
                if any(request.path.startswith(p) for p in candidate.path_prefixes):
                    return candidate
        return None

    def dispatch(self, request: Request) -> Response:
        state = self.state
        if request.path.startswith("/_sandbox/"):
            return control.handle(state, request)
        api = self.api_for(request)
        if api is None:
            return Response.json({"error": f"no emulated API at {request.host}{request.path}"}, 404)
        with state.lock:
            account = api.authenticate(request, state)
        if account is None:
            return api.unauthorized(request)
        fault, delay = state.faults.draw(api.vendor, request.method)
        if fault == "drop":
            return Response.dropped()
        if fault == "5xx":
            return api.server_error(request)
        if fault == "429":
            return api.too_many_requests(request)
        with state.limits.admit(api.vendor, account.key) as admitted:
            if not admitted:
                return api.too_many_requests(request)
            try:
                with state.lock:
                    response = api.handle(Call(request, account, state, {}))
            except Exception:
                log.exception(
                    "sandbox %s failed on %s %s", api.vendor, request.method, request.path
                )
                return api.server_error(request)
        if fault == "slow":
            response.delay = delay
        return response
