"""Referral use cases: refer a case, read referrals and boxes, accept, decline, withdraw."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from chalicelib.domain import referrals
from chalicelib.domain.errors import Conflict
from chalicelib.domain.organisations import Directory
from chalicelib.domain.record_ids import check_case_id, new_referral_id, parse_referral_id
from chalicelib.domain.referrals import Decision, Priority, Referral, ReferralAction, ReferralStatus
from chalicelib.services.context import (
    Auditor,
    Idempotency,
    RequestContext,
    claim,
    system_audit,
)
from chalicelib.storage.contracts import ConditionFailed, Key, Page

if TYPE_CHECKING:
    from chalicelib.domain.cases import Case
    from chalicelib.services.ports import Referrals


@dataclass
class ReferralService:
    referrals: Referrals
    audit: Auditor
    registry: Directory
    ttl: timedelta

    def refer(
        self,
        ctx: RequestContext,
        case_id: str,
        to_org: str,
        reason: str,
        priority: Priority,
        respond_by: datetime | None,
        idempotency: Idempotency | None,
    ) -> Referral:
        with self.audit.attempt(ctx, "referral.create", case_id) as check:
            check_case_id(case_id)
            receiver = self.registry.get(to_org)
            if receiver is None:
                raise Conflict(f"{to_org!r} is not a registered organisation")
            referrals.check_receiver(receiver)
            referral = Referral(
                referral_id=new_referral_id(case_id, receiver.code, ctx.now),
                case_id=case_id,
                from_org=ctx.org,
                to_org=receiver.code,
                reason=reason,
                priority=priority,
                respond_by=respond_by or ctx.now + priority.default_response_window,
                created_at=ctx.now,
                created_by=ctx.principal.subject,
            )
            audit = ctx.audit("referral.create", case_id=case_id, resource_id=referral.referral_id)

            def classify() -> None:
                check.found = self.audit.case(case_id)
                referrals.refer(check.found, case_id, ctx.org, receiver)

            with check.refusal(idempotency, classify):
                self.referrals.create_referral(referral, audit, claim(ctx, idempotency, referral, self.ttl))
        return referral

    def read(self, ctx: RequestContext, referral_id: str) -> tuple[Referral, str | None, str | None]:
        """The referral with the case's title and TLP marking as the caller may read them."""
        with self.audit.attempt(ctx, "referral.read", referral_id) as check:
            case_id, _ = parse_referral_id(referral_id)
            stored, check.found = self.referrals.referral_and_case(referral_id, case_id)
            referral = referrals.visible_referral(stored, check.found, ctx.org, referral_id)
        assert check.found is not None
        self.audit.record(ctx.audit("referral.read", case_id=case_id, resource_id=referral_id))
        title, tlp = referrals.case_view(referral, check.found, ctx.org)
        return referral, title, tlp

    def box(
        self, ctx: RequestContext, box: str, status: ReferralStatus | None, limit: int, start: Key | None
    ) -> Page[Referral]:
        page = self.referrals.referral_box(ctx.org, box, status.value if status else None, limit, start)
        self.audit.record(ctx.audit(f"referral.list.{box.lower()}", reason=f"{len(page.items)} referrals"))
        return page

    def decide(
        self, ctx: RequestContext, referral_id: str, action: ReferralAction, decline_reason: str | None = None
    ) -> Decision:
        with self.audit.attempt(ctx, f"referral.{action}", referral_id) as check:
            decision = Decision.on(referral_id, action, ctx.org, ctx.principal.subject, ctx.now, decline_reason)
            case_id = decision.case_id
            audit = ctx.audit(f"referral.{action}", case_id=case_id, resource_id=referral_id)

            def classify() -> None:
                referral, check.found = self.referrals.referral_and_case(referral_id, case_id)
                referrals.decide(referral, check.found, action, ctx.org, referral_id=referral_id)

            with check.refusal(classify=classify):
                self.referrals.decide_referral(decision, audit)
        return decision

    # the stream's side

    def follow_cases(self, changed: Sequence[tuple[Case, datetime]]) -> int:
        """Keep the referrals of a batch's changed cases (each case's newest image, and when
        the stream saw it) in step with them: the stream's job after case changes.

        Referrals whose receiver may still see the case take its title and marking (list
        entries show them), all of them together; the others keep what they had. A pending
        referral of a case that was re-marked or closed can never be accepted, so casebridge
        withdraws it and both sides get `Referral Withdrawn`. Only cases with a referral to
        follow (`referrals.followed`) are read, one Query each, at once. Returns how many
        referrals it withdrew.
        """
        followed = [(case, at) for case, at in changed if referrals.followed(case)]
        found = self.referrals.cases_referrals([case.case_id for case, _ in followed])
        stamps: list[tuple[Referral, Case]] = []
        unreferable: list[tuple[Referral, datetime]] = []
        for case, at in followed:
            statuses = referrals.stamp_statuses(case)
            for referral in found[case.case_id]:
                if referral.status in statuses and (referral.case_title, referral.case_tlp) != (
                    case.title,
                    case.tlp.value,
                ):
                    stamps.append((referral, case))
                if referral.status is ReferralStatus.PENDING and not case.referable:
                    unreferable.append((referral, at))
        self.referrals.stamp_referrals(stamps)
        return sum(self._withdraw_unreferable(referral, at) for referral, at in unreferable)

    def _withdraw_unreferable(self, referral: Referral, at: datetime) -> int:
        decision = Decision.on(referral.referral_id, ReferralAction.WITHDRAW, referral.from_org, referrals.SYSTEM, at)
        audit = system_audit(
            "stream:referral.withdraw",
            "referral.withdraw",
            at,
            case_id=referral.case_id,
            resource_id=referral.referral_id,
            reason=referrals.UNREFERABLE,
        )
        try:
            self.referrals.decide_referral(decision, audit)
        except ConditionFailed:
            return 0  # decided meanwhile, or the case became referable again: nothing to withdraw
        return 1
