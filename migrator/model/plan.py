"""The staged plan: every vendor call a migration will make, as data.

Stages run in order: prepare (create target applications) -> acquire (buy replacement numbers,
submit port-ins) -> configure (link numbers to apps / set webhooks on the target) -> verify (read
back and compare) -> decommission (release source numbers, delete source apps; irreversible).
An action's params may refer to what an earlier action produced with {"$ref": "ACTION_ID.FIELD"}
(the id of an application created in prepare, used when configuring a number).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from migrator.errors import MigratorError
from migrator.model.serialize import from_data, to_data

PLAN_SCHEMA_VERSION = 1
_new_object = object.__new__


class Stage(StrEnum):
    PREPARE = "prepare"
    ACQUIRE = "acquire"
    CONFIGURE = "configure"
    VERIFY = "verify"
    DECOMMISSION = "decommission"

    @property
    def order(self) -> int:
        return list(Stage).index(self)

    @property
    def irreversible(self) -> bool:
        return self is Stage.DECOMMISSION


class Side(StrEnum):
    SOURCE = "source"
    TARGET = "target"


class ActionKind(StrEnum):
    CREATE_APPLICATION = "create_application"
    UPDATE_APPLICATION = "update_application"
    BUY_NUMBER = "buy_number"
    SUBMIT_PORT = "submit_port"
    CONFIGURE_NUMBER = "configure_number"
    VERIFY_NUMBER = "verify_number"
    VERIFY_APPLICATION = "verify_application"
    RELEASE_NUMBER = "release_number"
    DELETE_APPLICATION = "delete_application"
    MANUAL = "manual"
    """A step the admin does by hand (no vendor call); the run waits for a confirmation."""

    @property
    def glyph(self) -> str:
        """Diff-style mark: + create, ~ change, > port, = check, - remove, ! by hand."""
        return {
            ActionKind.CREATE_APPLICATION: "+",
            ActionKind.BUY_NUMBER: "+",
            ActionKind.UPDATE_APPLICATION: "~",
            ActionKind.CONFIGURE_NUMBER: "~",
            ActionKind.SUBMIT_PORT: ">",
            ActionKind.VERIFY_NUMBER: "=",
            ActionKind.VERIFY_APPLICATION: "=",
            ActionKind.RELEASE_NUMBER: "-",
            ActionKind.DELETE_APPLICATION: "-",
            ActionKind.MANUAL: "!",
        }[self]


INVERSES: dict[ActionKind, ActionKind | None] = {
    ActionKind.CREATE_APPLICATION: ActionKind.DELETE_APPLICATION,
    ActionKind.UPDATE_APPLICATION: ActionKind.UPDATE_APPLICATION,
    ActionKind.BUY_NUMBER: ActionKind.RELEASE_NUMBER,
    ActionKind.SUBMIT_PORT: None,
    ActionKind.CONFIGURE_NUMBER: ActionKind.CONFIGURE_NUMBER,
    ActionKind.VERIFY_NUMBER: None,
    ActionKind.VERIFY_APPLICATION: None,
    ActionKind.RELEASE_NUMBER: None,
    ActionKind.DELETE_APPLICATION: None,
    ActionKind.MANUAL: None,
}
"""How each kind is undone (configure/update restore the captured before-state). SUBMIT_PORT
is undone by cancelling the port while the vendor still allows it; verify needs no undo."""


@dataclass(frozen=True)
class Action:
    """One step of the plan.

    `before` is the state captured when the plan was built (the executor re-reads it right
    before the call and journals that). `reversible` False means no way back (release, delete
    of a source application, a completed port); such actions need an explicit confirmation.
    """

    id: str
    stage: Stage
    kind: ActionKind
    side: Side
    item: str
    """What a person reads: '+14155550100', "application 'Main IVR'"."""
    item_id: str
    """The inventory id of the item the action is about."""
    params: dict[str, Any] = field(default_factory=dict)
    before: dict[str, Any] | None = None
    idempotency_key: str = ""
    reversible: bool = True
    depends_on: tuple[str, ...] = ()
    summary: str = ""
    """One diff-style line for plan listings."""

    @classmethod
    def of(
        cls,
        id: str,
        stage: Stage,
        kind: ActionKind,
        side: Side,
        item: str,
        item_id: str,
        params: dict[str, Any],
        before: dict[str, Any] | None,
        idempotency_key: str,
        reversible: bool,
        depends_on: tuple[str, ...],
        summary: str,
    ) -> Action:
        """Action(...) with every field given, built in a third of the time: the frozen
        dataclass's __init__ sets each field through object.__setattr__, and a 100,000-number
        plan has 200,000 actions."""
        action = _new_object(cls)
        action.__dict__.update(
            {
                "id": id,
                "stage": stage,
                "kind": kind,
                "side": side,
                "item": item,
                "item_id": item_id,
                "params": params,
                "before": before,
                "idempotency_key": idempotency_key,
                "reversible": reversible,
                "depends_on": depends_on,
                "summary": summary,
            }
        )
        return action

    @property
    def inverse(self) -> ActionKind | None:
        return INVERSES[self.kind] if self.reversible else None

    @property
    def line(self) -> str:
        return f"{self.kind.glyph} {self.summary or self.item}"


@dataclass(frozen=True)
class Plan:
    """What will be done, in order, and which inventories it was built from."""

    source_vendor: str
    source_account: str
    target_vendor: str
    target_account: str
    source_fingerprint: str
    target_fingerprint: str
    actions: tuple[Action, ...] = ()
    created_at: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    schema_version: int = PLAN_SCHEMA_VERSION

    def stage_actions(self, stage: Stage) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.stage is stage)

    def action(self, action_id: str) -> Action:
        for action in self.actions:
            if action.id == action_id:
                return action
        raise KeyError(action_id)

    def counts(self) -> dict[str, dict[str, int]]:
        """{stage: {kind: count}} in stage order, for summaries."""
        result: dict[str, dict[str, int]] = {}
        for stage in Stage:
            kinds = Counter(a.kind.value for a in self.actions if a.stage is stage)
            if kinds:
                result[stage.value] = dict(sorted(kinds.items()))
        return result

    def to_dict(self) -> dict[str, Any]:
        return to_data(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        version = int(data.get("schema_version", 1))
        if version > PLAN_SCHEMA_VERSION:
            raise MigratorError(
                f"this plan was written by a newer migrator (schema {version}); "
                "upgrade migrator to use it"
            )
        return from_data(cls, data)

    def fingerprint(self) -> str:
        """Identifies the plan's content; a re-imported plan must match it exactly."""
        data = self.to_dict()
        data.pop("created_at", None)
        blob = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()


def ref(action_id: str, output: str) -> dict[str, str]:
    """A parameter value filled in at run time from an earlier action's output."""
    return {"$ref": f"{action_id}.{output}"}
