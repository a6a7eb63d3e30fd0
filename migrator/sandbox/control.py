"""The control API under /_sandbox/: inspect, reset, seed, limits, faults and the clock.

Reachable with any Host header and no credentials; the sandbox only ever listens on 127.0.0.1.
A vendor emulation may add its own endpoints (`add_endpoint`, e.g. twilio/ports) and react when
the clock is advanced (`on_clock_advanced`, e.g. to complete ports whose date has come).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from migrator.errors import UsageError
from migrator.sandbox.http import Request, Response
from migrator.sandbox.seeding import parse_seed_spec, seed_state
from migrator.sandbox.state import SandboxState

ControlHandler = Callable[[SandboxState, Request, dict[str, Any]], Response]
"""Serves one extra endpoint; called without the sandbox lock (take `state.lock` if needed)."""
ClockListener = Callable[[SandboxState], None]
"""Called with the sandbox lock held after every clock advance."""

_ENDPOINTS: dict[str, ControlHandler] = {}
_CLOCK_LISTENERS: dict[str, ClockListener] = {}


def add_endpoint(name: str, handler: ControlHandler) -> None:
    """Serve /_sandbox/{name} (any method) with `handler`. Registering again replaces it."""
    _ENDPOINTS[name.strip("/")] = handler


def on_clock_advanced(name: str, listener: ClockListener) -> None:
    """Call `listener` after each clock advance through this API (one listener per name)."""
    _CLOCK_LISTENERS[name] = listener


def _body(request: Request) -> dict[str, Any]:
    data = request.json()
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError("the body must be a JSON object")
    return data


def _accounts(state: SandboxState) -> Response:
    with state.lock:
        accounts = [state.apis[a.vendor].describe(a) for a in state.accounts.all()]
    return Response.json({"accounts": accounts, "seed": state.seed_spec})


def _seed(state: SandboxState, body: dict[str, Any]) -> Response:
    known = set(state.apis)
    if "spec" in body:
        spec = parse_seed_spec(str(body["spec"]), known)
    else:
        spec = {}
        for vendor, count in body.items():
            if vendor == "seed":
                continue
            if vendor not in known or not isinstance(count, int) or count < 0:
                raise UsageError(f"'{vendor}': expected a known vendor and a count")
            spec[vendor] = count
    if body.get("reset", True):
        state.reset()
    created = seed_state(state, spec, int(body.get("seed", 0)))
    return Response.json({"accounts": created})


def _limits(state: SandboxState, request: Request, body: dict[str, Any]) -> Response:
    if request.method == "POST":
        vendors = [body["vendor"]] if body.get("vendor") else list(state.apis)
        for vendor in vendors:
            if vendor not in state.apis:
                raise UsageError(f"unknown vendor '{vendor}'")
            state.limits.configure(vendor, body, body.get("account"))
    return Response.json(state.limits.snapshot())


def _faults(state: SandboxState, request: Request, body: dict[str, Any]) -> Response:
    if request.method == "POST":
        if body.get("clear"):
            state.faults.reset()
        else:
            try:
                state.faults.configure(body, body.get("vendor"))
            except ValueError as exc:
                raise UsageError(str(exc)) from exc
    return Response.json(state.faults.snapshot())


def _clock(state: SandboxState, request: Request, body: dict[str, Any]) -> Response:
    if request.method == "POST":
        seconds = float(body.get("advance_seconds", 0)) + 86400 * float(body.get("advance_days", 0))
        try:
            state.clock.advance(seconds)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        with state.lock:
            for listener in list(_CLOCK_LISTENERS.values()):
                listener(state)
    return Response.json({"now": state.clock.now().isoformat()})


def handle(state: SandboxState, request: Request) -> Response:
    name = request.path.removeprefix("/_sandbox/").strip("/")
    try:
        body = _body(request)
        if name == "accounts" and request.method == "GET":
            return _accounts(state)
        if name == "reset" and request.method == "POST":
            state.reset()
            return Response.json({"reset": True})
        if name == "seed" and request.method == "POST":
            return _seed(state, body)
        if name == "limits" and request.method in ("GET", "POST"):
            return _limits(state, request, body)
        if name == "faults" and request.method in ("GET", "POST"):
            return _faults(state, request, body)
        if name == "clock" and request.method in ("GET", "POST"):
            return _clock(state, request, body)
        if name in _ENDPOINTS:
            return _ENDPOINTS[name](state, request, body)
    except (UsageError, ValueError, TypeError) as exc:
        return Response.json({"error": str(exc)}, 400)
    return Response.json({"error": f"no control endpoint {request.method} {request.path}"}, 404)
