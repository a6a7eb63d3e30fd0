"""An apply process for the reliability suite: `python -m tests.engine.apply_script CONFIG`.

CONFIG (JSON) names the migration file, the sandbox endpoint, both accounts' credentials, and
where to die: {"kill": [[ACTION_ID, PHASE], ...]} sends this process SIGKILL at the first of
those points it reaches, PHASE being "intent" (the intent is committed, the call not made),
"call" (the vendor call returned; the journal does not know yet) or "outcome" (committed).
Other actions are in flight at that instant, as in a real crash. Without "kill" it runs to the
end and prints the report as JSON. Only test code hooks in; the engine is as shipped.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from migrator.engine import journal as journal_module
from migrator.engine.executor import ApplyOptions
from migrator.engine.limiter import RetryPolicy
from migrator.engine.migration_file import MigrationFile
from migrator.engine.operations import current_action
from migrator.model.plan import Side
from migrator.services import execution
from migrator.vendors.base import VendorAdapter
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.registry import connect
from migrator.vendors.throttle import Limit, Throttle

WRITES = (
    "create_application",
    "update_application",
    "delete_application",
    "buy_number",
    "configure_number",
    "release_number",
)
FAST = RetryPolicy(attempts=8, base=0.02, cap=0.3)


def arm(
    points: set[tuple[str, str]], accounts: dict[Side, VendorAdapter | None], note: Path
) -> None:
    dying = threading.Lock()  # one thread names the point; the others wait for the end

    def die_at(point: tuple[str, str]) -> None:
        if point in points:
            with dying:
                note.write_text(json.dumps(point))  # which point it was, for the test
                os.kill(os.getpid(), signal.SIGKILL)

    intent, outcome = journal_module.Journal.intent, journal_module.Journal.outcome

    def intent_then_die(
        self: journal_module.Journal, plan: str, action_id: str, *a: Any, **kw: Any
    ) -> None:
        intent(self, plan, action_id, *a, **kw)
        die_at((action_id, "intent"))

    def outcome_then_die(
        self: journal_module.Journal, plan: str, action_id: str, *a: Any, **kw: Any
    ) -> None:
        outcome(self, plan, action_id, *a, **kw)
        die_at((action_id, "outcome"))

    journal_module.Journal.intent = intent_then_die  # type: ignore[method-assign]
    journal_module.Journal.outcome = outcome_then_die  # type: ignore[method-assign]
    for adapter in accounts.values():
        assert adapter is not None
        for name in WRITES:
            method: Callable[..., Any] = getattr(adapter, name)

            def call_then_die(*args: Any, _method: Callable[..., Any] = method, **kw: Any) -> Any:
                result = _method(*args, **kw)
                die_at((str(current_action.get()), "call"))
                return result

            setattr(adapter, name, call_then_die)


def adapters(config: dict[str, Any]) -> dict[Side, VendorAdapter | None]:
    endpoint = Endpoint(config["url"], Path(config["ca"]))
    limit = Limit(**config.get("client_limit", {})) if config.get("client_limit") else None
    built: dict[Side, VendorAdapter | None] = {}
    for side in Side:
        account = config[side.value]
        throttle = Throttle(limit) if limit else None
        built[side] = connect(account["vendor"], account["credentials"], endpoint, throttle)
    return built


def main(argv: list[str]) -> int:
    config = json.loads(argv[1])
    accounts = adapters(config)
    if config.get("kill"):
        points = {(action_id, phase) for action_id, phase in config["kill"]}
        arm(points, accounts, Path(config["note"]))
    options = ApplyOptions(confirm_account=config.get("confirm"))
    with MigrationFile.open(config["file"]) as file:
        outcome = execution.apply(
            file, options, adapters=accounts, retry=FAST, workers=config.get("workers")
        )
    report = outcome.report
    failed = {r.action_id: r.message for r in report.results if r.status == "failed"}
    summary = {"ok": report.ok, "stopped": report.stopped, "counts": report.counts()}
    print(json.dumps({**summary, "failed": failed}))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
