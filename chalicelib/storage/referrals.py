"""Referrals between agencies and each organisation's inbound and outbound boxes.

A referral lives in its case's partition, so that filing one and marking its receiver
pending on the case, or deciding one and letting the receiver join, is one
TransactWriteItems. The conditions are the domain's rules (`domain.cases.may_refer`,
`domain.referrals.may_decide`), rendered by `storage.conditions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pynamodb.expressions.update import Action

from chalicelib.domain import cases, referrals
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case
from chalicelib.domain.referrals import Decision, Referral, ReferralAction
from chalicelib.domain.rules import Rule
from chalicelib.domain.timers import referral_timers
from chalicelib.storage import records
from chalicelib.storage.conditions import condition, update_case
from chalicelib.storage.contracts import IdempotencyClaim, Key, Page
from chalicelib.storage.dynamo import Table, Write, parallel, save, translated, update
from chalicelib.storage.keys import CASE_SK, REFERRAL_PREFIX, box_pk, case_pk, status_sk
from chalicelib.storage.table import CaseItem, Item, ReferralItem
from chalicelib.storage.timers import save_timer


@dataclass
class ReferralRepository:
    table: Table

    # reads

    def referral_and_case(self, referral_id: str, case_id: str) -> tuple[Referral | None, Case | None]:
        """One TransactGetItems: the referral and the case that decides who may see it."""
        referral, case = self.table.get_together(
            (ReferralItem, case_pk(case_id), REFERRAL_PREFIX + referral_id), (CaseItem, case_pk(case_id), CASE_SK)
        )
        return (records.referral_record(referral) if isinstance(referral, ReferralItem) else None), records.as_case(
            case
        )

    def referral_box(self, org: str, box: str, status: str | None, limit: int, start: Key | None) -> Page[Referral]:
        """One Query over an organisation's inbound or outbound referrals, newest first."""
        items, last = self.table.box(ReferralItem, box_pk(org, box), box == "IN", status, limit, start)
        return Page([records.referral_record(item) for item in items], last)

    def cases_referrals(self, case_ids: Sequence[str]) -> dict[str, list[Referral]]:
        """Every referral of each case (a handful per case): one Query a case, at once."""

        def of_case(case_id: str) -> list[Referral]:
            with translated():
                items = ReferralItem.query(
                    case_pk(case_id), ReferralItem.sk.startswith(REFERRAL_PREFIX), consistent_read=True
                )
                return [records.referral_record(item) for item in items if isinstance(item, ReferralItem)]

        return dict(zip(case_ids, parallel(of_case, list(case_ids)), strict=True))

    # writes

    def create_referral(self, referral: Referral, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        """File the referral and mark the receiver pending on the case, if `cases.may_refer`."""
        to = referral.to_org
        self.table.transact(
            update_case(
                referral.case_id,
                [CaseItem.pending_referrals_to.add({to})],
                cases.may_refer(referral.from_org, to),
            ),
            save(records.referral_item(referral), Item.pk.does_not_exist()),
            *[save_timer(timer, referral.created_at) for timer in referral_timers(referral)],
            claim=claim,
            audit=audit,
        )

    def decide_referral(self, decision: Decision, audit: AuditRecord) -> None:
        """Move a pending referral to its outcome (`referrals.may_decide`); on acceptance the
        receiver joins the case, which must still be referable.

        Blind: the referral id names the case and the receiver, so nothing is read first.
        """
        status = decision.status.value
        referral_actions: list[Action] = [
            ReferralItem.status.set(status),
            ReferralItem.decided_at.set(decision.at),
            ReferralItem.decided_by.set(decision.subject),
            ReferralItem.gsi1sk.set(status_sk(status, decision.referral_id)),
            ReferralItem.gsi2sk.set(status_sk(status, decision.referral_id)),
        ]
        if decision.decline_reason:
            referral_actions.append(ReferralItem.decline_reason.set(decision.decline_reason))
        case_actions: list[Action] = [CaseItem.pending_referrals_to.delete({decision.to_org})]
        case_rule: Rule | None = None
        if decision.action is ReferralAction.ACCEPT:
            case_rule = cases.REFERABLE
            case_actions += [
                CaseItem.participants.add({decision.to_org}),
                CaseItem.version.add(1),
                CaseItem.updated_at.set(decision.at),
            ]
        elif decision.by_system:
            case_rule = ~cases.REFERABLE
        referral_key = ReferralItem(case_pk(decision.case_id), REFERRAL_PREFIX + decision.referral_id)
        may_decide = condition(referrals.may_decide(decision.action, decision.org), ReferralItem)
        self.table.transact(
            update(referral_key, referral_actions, may_decide),
            update_case(decision.case_id, case_actions, case_rule),
            audit=audit,
        )

    def stamp_referrals(self, stamps: Sequence[tuple[Referral, Case]]) -> None:
        """Copy each case's title and marking onto its referrals whose receiver may still see
        them (`referrals.stamp_statuses`), together (`Table.transact_each`).

        Conditioned on the status (a referral decided since keeps what it had) and on the
        case version it came from (a stale image never overwrites a newer one).
        """
        self.table.transact_each([[_stamp(referral, case)] for referral, case in stamps])


def _stamp(referral: Referral, case: Case) -> Write:
    newer = ReferralItem.case_version.does_not_exist() | (ReferralItem.case_version <= case.version)
    still = condition(referrals.STATUS.is_in(referrals.stamp_statuses(case)), ReferralItem)
    actions: list[Action] = [
        ReferralItem.case_title.set(case.title),
        ReferralItem.case_tlp.set(case.tlp.value),
        ReferralItem.case_version.set(case.version),
    ]
    return update(ReferralItem(case_pk(case.case_id), REFERRAL_PREFIX + referral.referral_id), actions, newer & still)
