"""The assessment: a verdict for every item of the migration, a score and the admin's checklist.

What an admin reads before approving: each item (number, webhook URL, application, messaging
service, trunk, ...) is ok, needs attention, or blocked, with the reasons and fixes of the rules
that fired (migrator/rules/compatibility.toml). The stored form lists each distinct finding once
and has items refer to it by index, so a 100,000-number assessment stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from migrator.errors import MigratorError

ASSESSMENT_SCHEMA_VERSION = 1


class Verdict(StrEnum):
    OK = "ok"
    """Carries over as is (notes may still feed the checklist)."""
    ATTENTION = "attention"
    """Carries over once the admin does the fix."""
    BLOCKER = "blocker"
    """The plan cannot do this item until the admin decides or provides something."""

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Verdict.OK: 0, Verdict.ATTENTION: 1, Verdict.BLOCKER: 2}


def worst(verdicts: Any) -> Verdict:
    """The most severe of some verdicts (ok when there are none)."""
    result = Verdict.OK
    for verdict in verdicts:
        if _RANK[verdict] > _RANK[result]:
            result = verdict
    return result


@dataclass(frozen=True)
class Finding:
    """What one rule says about one item."""

    rule: str
    verdict: Verdict
    reason: str
    fix: str
    checklist: str | None = None
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "verdict": self.verdict.value,
            "reason": self.reason,
            "fix": self.fix,
            "checklist": self.checklist,
            "sources": list(self.sources),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            rule=data["rule"],
            verdict=Verdict(data["verdict"]),
            reason=data["reason"],
            fix=data["fix"],
            checklist=data.get("checklist"),
            sources=tuple(data.get("sources", ())),
        )


class ItemKind(StrEnum):
    NUMBER = "number"
    WEBHOOK = "webhook"
    """One distinct URL, however many settings use it."""
    APPLICATION = "application"
    OTHER = "other"
    """Messaging services, trunks, SIP domains and endpoints, subaccounts, account settings."""


@dataclass(frozen=True)
class ItemAssessment:
    kind: ItemKind
    id: str
    label: str
    verdict: Verdict
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class ChecklistEntry:
    """One thing to do outside the plan; `count` is how many items need it (0: not needed)."""

    key: str
    title: str
    why: str
    how: str
    count: int
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleCount:
    """How often a rule fired, for summaries ('blocker  vendor-hosted-logic  x3')."""

    rule: str
    verdict: Verdict
    count: int
    example: str


@dataclass(frozen=True)
class DocumentTranslation:
    """A vendor-hosted document (TwiML Bin content) translated to the target's markup."""

    url: str
    source_format: str
    target_format: str
    output: str
    complete: bool
    report: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Summary:
    """score = 100 x (ok + attention / 2) / items; status: blocked, needs attention or ready."""

    score: int
    status: str
    items: int
    counts: dict[str, int]
    rules: tuple[RuleCount, ...] = ()


@dataclass(frozen=True)
class Assessment:
    source_vendor: str
    source_account: str
    target_vendor: str
    target_account: str
    source_fingerprint: str
    summary: Summary
    items: tuple[ItemAssessment, ...] = ()
    checklist: tuple[ChecklistEntry, ...] = ()
    translations: tuple[DocumentTranslation, ...] = ()
    created_at: str = ""
    schema_version: int = ASSESSMENT_SCHEMA_VERSION

    def item(self, kind: ItemKind | str, item_id: str) -> ItemAssessment:
        for item in self.items:
            if item.kind == kind and item.id == item_id:
                return item
        raise KeyError(f"{kind}:{item_id}")

    def with_verdict(self, verdict: Verdict) -> tuple[ItemAssessment, ...]:
        return tuple(i for i in self.items if i.verdict is verdict)

    # --- stored form ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain data; `findings` lists each distinct finding once, items refer by index."""
        index: dict[Finding, int] = {}
        refs_of: dict[int, list[int]] = {}  # items sharing a findings tuple (most do) share refs
        items = []
        for item in self.items:
            refs = refs_of.get(id(item.findings))
            if refs is None:
                refs = refs_of[id(item.findings)] = []
                for finding in item.findings:
                    position = index.get(finding)
                    if position is None:
                        position = index[finding] = len(index)
                    refs.append(position)
            items.append(
                {
                    "kind": item.kind._value_,  # .value, without the property's cost
                    "id": item.id,
                    "label": item.label,
                    "verdict": item.verdict._value_,
                    "findings": refs,
                }
            )
        return {
            "schema_version": self.schema_version,
            "source_vendor": self.source_vendor,
            "source_account": self.source_account,
            "target_vendor": self.target_vendor,
            "target_account": self.target_account,
            "source_fingerprint": self.source_fingerprint,
            "created_at": self.created_at,
            "summary": {
                "score": self.summary.score,
                "status": self.summary.status,
                "items": self.summary.items,
                "counts": dict(self.summary.counts),
                "rules": [
                    {
                        "rule": r.rule,
                        "verdict": r.verdict.value,
                        "count": r.count,
                        "example": r.example,
                    }
                    for r in self.summary.rules
                ],
            },
            "findings": [finding.to_dict() for finding in index],
            "items": items,
            "checklist": [
                {
                    "key": c.key,
                    "title": c.title,
                    "why": c.why,
                    "how": c.how,
                    "count": c.count,
                    "sources": list(c.sources),
                }
                for c in self.checklist
            ],
            "translations": [
                {
                    "url": t.url,
                    "source_format": t.source_format,
                    "target_format": t.target_format,
                    "output": t.output,
                    "complete": t.complete,
                    "report": [dict(r) for r in t.report],
                }
                for t in self.translations
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        version = int(data.get("schema_version", 1))
        if version > ASSESSMENT_SCHEMA_VERSION:
            raise MigratorError(
                f"this assessment was written by a newer migrator (schema {version}); "
                "upgrade migrator to read it"
            )
        findings = [Finding.from_dict(f) for f in data.get("findings", ())]
        summary = data["summary"]
        return cls(
            source_vendor=data["source_vendor"],
            source_account=data["source_account"],
            target_vendor=data["target_vendor"],
            target_account=data["target_account"],
            source_fingerprint=data["source_fingerprint"],
            created_at=data.get("created_at", ""),
            schema_version=version,
            summary=Summary(
                score=int(summary["score"]),
                status=summary["status"],
                items=int(summary["items"]),
                counts={k: int(v) for k, v in summary["counts"].items()},
                rules=tuple(
                    RuleCount(r["rule"], Verdict(r["verdict"]), int(r["count"]), r["example"])
                    for r in summary.get("rules", ())
                ),
            ),
            items=tuple(
                ItemAssessment(
                    kind=ItemKind(i["kind"]),
                    id=i["id"],
                    label=i["label"],
                    verdict=Verdict(i["verdict"]),
                    findings=tuple(findings[n] for n in i["findings"]),
                )
                for i in data.get("items", ())
            ),
            checklist=tuple(
                ChecklistEntry(
                    c["key"], c["title"], c["why"], c["how"], int(c["count"]), tuple(c["sources"])
                )
                for c in data.get("checklist", ())
            ),
            translations=tuple(
                DocumentTranslation(
                    t["url"],
                    t["source_format"],
                    t["target_format"],
                    t["output"],
                    bool(t["complete"]),
                    tuple(t.get("report", ())),
                )
                for t in data.get("translations", ())
            ),
        )
