"""Tips, their reference claims and the sharded agency inboxes, in the one table.

Filing tips is one TransactWriteItems per 49 tips (each tip and the claim on its platform
reference, plus one audit record); a reference claimed before fails the transaction, and
the caller re-reads the claims to say which were duplicates. An inbox page is one Query per
inbox shard, in parallel, merged newest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pynamodb.expressions.update import Action

from chalicelib.domain import tips as rules
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case
from chalicelib.domain.rules import Rule
from chalicelib.domain.tips import INBOX_SHARDS, Brought, Route, Tip, TipStatus, TriageAction, inbox_shard, outcome
from chalicelib.storage import records
from chalicelib.storage.conditions import condition, working_on
from chalicelib.storage.contracts import ConditionFailed, IdempotencyClaim, Key, Page
from chalicelib.storage.dynamo import Table, Write, assigned, save, translated, update
from chalicelib.storage.keys import (
    CASE_SK,
    TIP_REFERENCE_SK,
    TIP_SK,
    case_pk,
    inbox_pk,
    status_sk,
    tip_pk,
    tip_reference_pk,
)
from chalicelib.storage.table import CaseItem, Item, TipItem, TipReferenceItem

#: Tips per transaction: two items each, and one audit record, within DynamoDB's 100.
TIPS_PER_WRITE = 49
#: Routed tips per transaction: the tip's update and its audit record, within DynamoDB's 100.
ROUTES_PER_WRITE = 50


@dataclass
class TipRepository:
    table: Table

    # reads

    def get_tip(self, tip_id: str) -> Tip | None:
        return self.table.find(TipItem, tip_pk(tip_id), TIP_SK, records.tip_record)

    def tip_and_case(self, tip_id: str, case_id: str) -> tuple[Tip | None, Case | None]:
        """One TransactGetItems: a tip and the case it is to join."""
        tip, case = self.table.get_together((TipItem, tip_pk(tip_id), TIP_SK), (CaseItem, case_pk(case_id), CASE_SK))
        return (records.tip_record(tip) if isinstance(tip, TipItem) else None), records.as_case(case)

    def claimed(self, platform: str, references: Sequence[str]) -> dict[str, str]:
        """Which of `references` the platform already used, and for which tip: one BatchGetItem."""
        keys = [(tip_reference_pk(platform, reference), TIP_REFERENCE_SK) for reference in dict.fromkeys(references)]
        if not keys:
            return {}
        with translated():
            found = list(TipReferenceItem.batch_get(keys, consistent_read=True))
        prefix = tip_reference_pk(platform, "")
        return {item.pk.removeprefix(prefix): item.tip_id for item in found if isinstance(item, TipReferenceItem)}

    def inbox(self, org: str, status: TipStatus | None, limit: int, start: Key | None) -> Page[Tip]:
        """Newest first across the inbox shards."""
        partitions = [inbox_pk(org, shard) for shard in range(INBOX_SHARDS)]
        items, last = self.table.box(TipItem, partitions, True, status.value if status else None, limit, start)
        return Page([records.tip_record(item) for item in items], last)

    # writes

    def file_tips(self, tips: Sequence[Tip], audit: AuditRecord) -> None:
        """Tips and the claims on their references, all or none (at most `TIPS_PER_WRITE`)."""

        new = Item.pk.does_not_exist()
        writes = [save(item, new) for tip in tips for item in (records.tip_reference_item(tip), records.tip_item(tip))]
        self.table.transact(*writes, audit=audit)

    def route_all(self, routes: Sequence[tuple[str, Route, AuditRecord]], at: datetime) -> set[str]:
        """Received tips go to their agencies' inboxes as new; the ids of those routed now.

        Together: `ROUTES_PER_WRITE` tips (each its update and its audit record) to a
        TransactWriteItems. A tip routed before (a retried stream record) refuses its whole
        transaction; that part is then written tip by tip, and the one routed before left out.
        """
        routed: set[str] = set()
        for start in range(0, len(routes), ROUTES_PER_WRITE):
            part = routes[start : start + ROUTES_PER_WRITE]
            try:
                self.table.transact(*[write for one in part for write in _routing(*one, at)], audit=None)
            except ConditionFailed:
                for one in part:
                    try:
                        self.table.transact(*_routing(*one, at), audit=None)
                    except ConditionFailed:
                        continue
                    routed.add(one[0])
                continue
            routed.update(tip_id for tip_id, _, _ in part)
        return routed

    def reroute(self, tip: Tip, route: Route, org: str, at: datetime, audit: AuditRecord) -> None:
        trail: Any = [*tip.rerouted_from, org]
        actions: list[Action] = [TipItem.routed_at.set(at), TipItem.rerouted_from.set(trail)]
        actions += assigned(TipItem, records.route_fields(tip.tip_id, tip.shard, route, TipStatus.NEW))
        self.table.transact(_update_tip(tip.tip_id, actions, rules.triageable_by(org)), audit=audit)

    def dismiss(self, tip_id: str, org: str, subject: str, reason: str, at: datetime, audit: AuditRecord) -> None:
        actions = [*_decided(tip_id, TriageAction.DISMISS, subject, at), TipItem.dismiss_reason.set(reason)]
        self.table.transact(_update_tip(tip_id, actions, rules.triageable_by(org)), audit=audit)

    def promote(
        self, tip: Tip, case: Case, brought: Brought, audit: AuditRecord, claim: IdempotencyClaim | None
    ) -> None:
        """A new case from the tip, with its identifiers and content references, in one write."""
        actions = _decided(tip.tip_id, TriageAction.PROMOTE, case.created_by, case.created_at)
        actions.append(TipItem.case_id.set(case.case_id))

        self.table.transact(
            save(records.case_item(case), Item.pk.does_not_exist()),
            save(records.membership_item(case, case.owner)),
            *_copy(brought),
            _update_tip(tip.tip_id, actions, rules.triageable_by(case.owner)),
            claim=claim,
            audit=audit,
        )

    def link(
        self, linked: Tip, org: str, brought: Brought, audit: AuditRecord, new_identifier_key: str | None = None
    ) -> None:
        """The tip joins (`linked`: as it is once linked) an open case `org` participates in,
        with what it brings."""
        case_id, subject, at = linked.case_id, linked.decided_by, linked.decided_at
        assert case_id is not None and subject is not None and at is not None
        actions = [*_decided(linked.tip_id, TriageAction.LINK, subject, at), TipItem.case_id.set(case_id)]
        self.table.transact(
            working_on(case_id, org, new_identifier_key),
            *_copy(brought),
            _update_tip(linked.tip_id, actions, rules.triageable_by(org)),
            audit=audit,
        )


def _copy(brought: Brought) -> list[Write]:
    """The tip's identifiers and its content references (a note) go onto the case."""
    writes = [save(records.identifier_item(one)) for one in brought.held]
    if brought.note is not None:
        writes.append(save(records.note_item(brought.note), Item.pk.does_not_exist()))
    return writes


def _decided(tip_id: str, action: TriageAction, subject: str, at: datetime) -> list[Action]:
    status = outcome(action).value
    return [
        TipItem.status.set(status),
        TipItem.gsi1sk.set(status_sk(status, tip_id)),
        TipItem.decided_at.set(at),
        TipItem.decided_by.set(subject),
    ]


def _routing(tip_id: str, route: Route, audit: AuditRecord, at: datetime) -> list[Write]:
    """A received tip (`ROUTABLE`) routed: its update and its audit record."""
    actions: list[Action] = [TipItem.status.set(TipStatus.NEW.value), TipItem.routed_at.set(at)]
    actions += assigned(TipItem, records.route_fields(tip_id, inbox_shard(tip_id), route, TipStatus.NEW))
    return [_update_tip(tip_id, actions, rules.ROUTABLE), save(records.audit_item(audit), Item.pk.does_not_exist())]


def _update_tip(tip_id: str, actions: list[Action], rule: Rule) -> Write:
    return update(TipItem(tip_pk(tip_id), TIP_SK), actions, condition(rule, TipItem))
