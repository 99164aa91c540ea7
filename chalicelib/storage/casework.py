"""Cases, notes, referrals, memberships and audit records in the one table.

Every method is one DynamoDB round trip: a write is one TransactWriteItems carrying the
change, its audit record and (for creating requests) the idempotency record; a read is one
GetItem, TransactGetItems or Query. Conditions enforce the access rules atomically; when one
fails, the caller re-reads and lets the domain say why (`ConditionFailed`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.connection import Connection
from pynamodb.exceptions import (
    DoesNotExist,
    PynamoDBException,
    TransactGetError,
    TransactWriteError,
)
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactGet, TransactWrite

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import REFERABLE_TLPS, Case, CaseStatus, Note
from chalicelib.domain.errors import Unavailable
from chalicelib.domain.quotas import WINDOW, Charge, Counter
from chalicelib.domain.referrals import Decision, Referral, ReferralAction, ReferralStatus
from chalicelib.domain.timers import Timer, referral_timers
from chalicelib.storage import records
from chalicelib.storage.contracts import (
    CaseSummary,
    ConditionFailed,
    IdempotencyClaim,
    IdempotencyRecord,
    Key,
    Page,
    StoredResponse,
)
from chalicelib.storage.keys import (
    CASE_SK,
    COUNTER_SK,
    HIGH,
    IDEMPOTENCY_SK,
    MEMBERSHIP_PREFIX,
    NOTE_PREFIX,
    REFERRAL_PREFIX,
    box_pk,
    case_audit_pk,
    case_pk,
    cases_pk,
    idempotency_pk,
    org_pk,
    quota_pk,
    status_sk,
)
from chalicelib.storage.table import (
    AuditItem,
    CaseItem,
    CounterItem,
    IdempotencyItem,
    Item,
    MembershipItem,
    NoteItem,
    ReferralItem,
)

#: Error codes that mean "try again shortly", not "you asked for something wrong".
_RETRYABLE = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "TransactionConflictException",
        "TransactionInProgressException",
        "InternalServerError",
        "ServiceUnavailable",
    }
)


class CaseStore:
    """The cases-and-referrals repository over the PynamoDB models."""

    def __init__(self, connection: Connection | None = None) -> None:
        self._connection = connection

    @property
    def connection(self) -> Connection:
        # Built on first use: importing this module must not open a client.
        if self._connection is None:
            self._connection = Item._get_connection().connection
        return self._connection

    # reads

    def get_case(self, case_id: str) -> Case | None:
        with translated():
            try:
                item = CaseItem.get(case_pk(case_id), CASE_SK, consistent_read=True)
            except DoesNotExist:
                return None
        return records.case_record(item)

    def get_item(self, model: type[Item], pk: str, sk: str) -> Item | None:
        """One strongly consistent GetItem; None if absent."""
        with translated():
            try:
                return model.get(pk, sk, consistent_read=True)
            except DoesNotExist:
                return None

    def case_and_notes(self, case_id: str, limit: int, start: Key | None) -> tuple[Case | None, Page[Note]]:
        """One Query: the case item (first page only) and a page of its notes, oldest first."""
        items, last = self._query_partition(
            case_pk(case_id), Item.sk.between(CASE_SK, NOTE_PREFIX + HIGH), limit, start, forward=True
        )
        case = _leading_case(items)
        notes = [records.note_record(item) for item in items if isinstance(item, NoteItem)]
        return case, Page(notes, last)

    def audit_trail(self, case_id: str, limit: int, start: Key | None) -> Page[AuditRecord]:
        """One Query: a page of the case's audit trail, newest first.

        The trail has a partition of its own (`case_audit_pk`), apart from the case's items,
        so that IAM can forbid every function to update or delete it (`dynamodb:LeadingKeys`).
        """
        items, last = self._query_partition(case_audit_pk(case_id), None, limit, start, forward=False)
        return Page([records.audit_record(item) for item in items if isinstance(item, AuditItem)], last)

    def _query_partition(
        self, pk: str, range_condition: Condition | None, limit: int, start: Key | None, *, forward: bool
    ) -> tuple[list[Item], Key | None]:
        with translated():
            result = Item.query(
                pk,
                range_condition,
                scan_index_forward=forward,
                consistent_read=True,
                limit=limit,
                page_size=limit,
                last_evaluated_key=start,
            )
            items = list(result)
        return items, result.last_evaluated_key

    def referral_and_case(self, referral_id: str, case_id: str) -> tuple[Referral | None, Case | None]:
        """One TransactGetItems: the referral and the case that decides who may see it."""
        referral, case = self.with_case(ReferralItem, case_id, REFERRAL_PREFIX + referral_id)
        return (records.referral_record(referral) if isinstance(referral, ReferralItem) else None), case

    def with_case(self, model: type[Item], case_id: str, sk: str) -> tuple[Item | None, Case | None]:
        """One TransactGetItems: an item of a case's partition and the case that decides who may see it."""
        with translated(), TransactGet(connection=self.connection) as get:
            case_future = get.get(CaseItem, case_pk(case_id), CASE_SK)
            item_future = get.get(model, case_pk(case_id), sk)
        case = resolved(case_future)
        return resolved(item_future), (records.case_record(case) if isinstance(case, CaseItem) else None)

    def memberships(self, org: str, status: str | None, limit: int, start: Key | None) -> Page[CaseSummary]:
        """One Query over the organisation's case list, newest case first."""
        with translated():
            if status is None:
                result = MembershipItem.query(
                    org_pk(org),
                    MembershipItem.sk.startswith(MEMBERSHIP_PREFIX),
                    scan_index_forward=False,
                    limit=limit,
                    page_size=limit,
                    last_evaluated_key=start,
                )
            else:
                result = MembershipItem.gsi1.query(
                    cases_pk(org),
                    MembershipItem.gsi1sk.startswith(f"{status}#"),
                    scan_index_forward=False,
                    limit=limit,
                    page_size=limit,
                    last_evaluated_key=start,
                )
            summaries = [records.summary_record(item) for item in result if isinstance(item, MembershipItem)]
        return Page(summaries, result.last_evaluated_key)

    def referral_box(self, org: str, box: str, status: str | None, limit: int, start: Key | None) -> Page[Referral]:
        """One Query over an organisation's inbound or outbound referrals, newest first."""
        items, last = self.box_query(ReferralItem, box_pk(org, box), box == "IN", status, limit, start)
        return Page([records.referral_record(item) for item in items], last)

    def box_query(
        self, model: type[Item], pk: str, inbound: bool, status: str | None, limit: int, start: Key | None
    ) -> tuple[list[Any], Key | None]:
        """A page of an inbound (gsi1/gsi3) or outbound (gsi2/gsi4) box, newest first.

        Filtered by status on `<status>#<id>` sort keys, or across statuses on `<id>`.
        """
        index: Any
        condition: Condition | None = None
        if status is None:
            index = model.gsi3 if inbound else model.gsi4
        else:
            index = model.gsi1 if inbound else model.gsi2
            sort_key = model.gsi1sk if inbound else model.gsi2sk
            condition = sort_key.startswith(f"{status}#")
        with translated():
            result = index.query(
                pk, condition, scan_index_forward=False, limit=limit, page_size=limit, last_evaluated_key=start
            )
            items = [item for item in result if isinstance(item, model)]
        return items, result.last_evaluated_key

    def idempotency_record(self, org: str, key: str) -> IdempotencyRecord | None:
        with translated():
            try:
                item = IdempotencyItem.get(idempotency_pk(org, key), IDEMPOTENCY_SK, consistent_read=True)
            except DoesNotExist:
                return None
        response = StoredResponse(int(item.status_code), item.body, item.location)
        return IdempotencyRecord(item.request_hash, response, item.expires_at)

    # writes

    def record(self, audit: AuditRecord) -> None:
        """A lone audit record: reads and failed attempts, which have no change to ride on."""
        with translated():
            records.audit_item(audit).save(condition=Item.pk.does_not_exist())

    def file_timer(self, timer: Timer, now: datetime) -> None:
        """A timer on its own, outside a change: the stream's second-pass timers. Filing it twice
        (a retried stream record) writes the same item."""
        with translated():
            records.timer_item(timer, now).save()

    def open_case(self, case: Case, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        self._transact(
            claim,
            lambda tw: tw.save(records.case_item(case), condition=Item.pk.does_not_exist()),
            lambda tw: tw.save(records.membership_item(case, case.owner)),
            audit=audit,
        )

    def update_case(
        self,
        case_id: str,
        owner: str,
        expected_version: int,
        changes: dict[str, Any],
        at: datetime,
        audit: AuditRecord,
    ) -> None:
        """Apply `changes` if `owner` owns the case and its version is `expected_version`."""
        actions: list[Action] = [CaseItem.version.add(1), CaseItem.updated_at.set(at)]
        for name, value in changes.items():
            attribute = getattr(CaseItem, name)
            # A cleared field is removed; reading it back gives the attribute's default.
            actions.append(attribute.remove() if value in (None, [], "") else attribute.set(value))
        condition = (CaseItem.owner == owner) & (CaseItem.version == expected_version)
        self._transact(None, _update(case_id, actions, condition), audit=audit)

    def set_status(self, case_id: str, owner: str, status: CaseStatus, at: datetime, audit: AuditRecord) -> None:
        """Close or reopen: only the owner, and only from the other status."""
        other = CaseStatus.OPEN if status is CaseStatus.CLOSED else CaseStatus.CLOSED
        actions: list[Action] = [
            CaseItem.status.set(status.value),
            CaseItem.updated_at.set(at),
            CaseItem.version.add(1),
        ]
        condition = (CaseItem.owner == owner) & (CaseItem.status == other.value)
        self._transact(None, _update(case_id, actions, condition), audit=audit)

    def add_note(self, note: Note, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        self._transact(
            claim,
            lambda tw: tw.condition_check(
                CaseItem,
                case_pk(note.case_id),
                CASE_SK,
                condition=CaseItem.participants.contains(note.author_org),
            ),
            lambda tw: tw.save(records.note_item(note), condition=Item.pk.does_not_exist()),
            audit=audit,
        )

    def create_referral(self, referral: Referral, audit: AuditRecord, claim: IdempotencyClaim | None) -> None:
        """File the referral and mark the receiver pending on the case, if the case allows it.

        The conditions restate `domain.referrals.refer` so that it holds at commit time.
        """
        to = referral.to_org
        condition = (
            CaseItem.participants.contains(referral.from_org)
            & ~CaseItem.participants.contains(to)
            & ~CaseItem.pending_referrals_to.contains(to)
            & _referable()
        )
        self._transact(
            claim,
            _update(referral.case_id, [CaseItem.pending_referrals_to.add({to})], condition),
            lambda tw: tw.save(records.referral_item(referral), condition=Item.pk.does_not_exist()),
            *[save_timer(timer, referral.created_at) for timer in referral_timers(referral)],
            audit=audit,
        )

    def decide_referral(self, decision: Decision, audit: AuditRecord) -> None:
        """Move a pending referral to its outcome; on acceptance the receiver joins the case.

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
        actor = ReferralItem.to_org if decision.action.by_receiver else ReferralItem.from_org
        referral_condition = (
            ReferralItem.pk.exists() & (ReferralItem.status == ReferralStatus.PENDING.value) & (actor == decision.org)
        )
        case_actions: list[Action] = [CaseItem.pending_referrals_to.delete({decision.to_org})]
        case_condition: Condition = CaseItem.pk.exists()
        if decision.action is ReferralAction.ACCEPT:
            case_condition = _referable()
            case_actions += [
                CaseItem.participants.add({decision.to_org}),
                CaseItem.version.add(1),
                CaseItem.updated_at.set(decision.at),
            ]
        elif decision.by_system:
            case_condition = ~_referable()
        referral_key = ReferralItem(case_pk(decision.case_id), REFERRAL_PREFIX + decision.referral_id)
        self._transact(
            None,
            lambda tw: tw.update(referral_key, referral_actions, condition=referral_condition),
            _update(decision.case_id, case_actions, case_condition),
            audit=audit,
        )

    def project_case(self, case: Case) -> None:
        """Refresh each participant's list entry for `case`; stale images never overwrite newer."""
        for org in sorted(case.participants):
            newer = MembershipItem.pk.does_not_exist() | (MembershipItem.case_version <= case.version)
            try:
                with translated():
                    records.membership_item(case, org).save(condition=newer)
            except ConditionFailed:
                continue

    def case_referrals(self, case_id: str) -> list[Referral]:
        """One Query: every referral of a case (a handful per case)."""
        with translated():
            items = ReferralItem.query(
                case_pk(case_id), ReferralItem.sk.startswith(REFERRAL_PREFIX), consistent_read=True
            )
            return [records.referral_record(item) for item in items if isinstance(item, ReferralItem)]

    def stamp_referral(self, referral: Referral, case: Case, statuses: tuple[ReferralStatus, ...]) -> None:
        """Copy the case's title and marking onto a referral still in one of `statuses`.

        Conditioned on the status (a referral decided since keeps what it had) and on the
        case version it came from (a stale image never overwrites a newer one).
        """
        newer = ReferralItem.case_version.does_not_exist() | (ReferralItem.case_version <= case.version)
        still = ReferralItem.status.is_in(*(status.value for status in statuses))
        actions: list[Action] = [
            ReferralItem.case_title.set(case.title),
            ReferralItem.case_tlp.set(case.tlp.value),
            ReferralItem.case_version.set(case.version),
        ]
        key = ReferralItem(case_pk(case.case_id), REFERRAL_PREFIX + referral.referral_id)
        try:
            with translated():
                key.update(actions=actions, condition=ReferralItem.pk.exists() & newer & still)
        except ConditionFailed:
            return

    def _transact(
        self, claim: IdempotencyClaim | None, *writes: Any, audit: AuditRecord | None, charge: Charge | None = None
    ) -> None:
        """One TransactWriteItems: the idempotency claim first, then the writes, then the audit.

        `audit` is None only for a part of a change whose audit record rides on another part.
        A `charge` counts the request against its quotas in the same write: over quota,
        nothing of the request is written.
        """
        with translated(), TransactWrite(connection=self.connection) as tw:
            if claim is not None:
                tw.save(_claim_item(claim), condition=_claim_free(claim.created_at))
            for write in [*writes, *(charge_writes(charge) if charge else [])]:
                write(tw)
            if audit is not None:
                tw.save(records.audit_item(audit), condition=Item.pk.does_not_exist())


def _referable() -> Condition:
    """`Case.referable` as a condition on the case item, from the same declarations."""
    condition: Condition = CaseItem.tlp.is_in(*(tlp.value for tlp in REFERABLE_TLPS)) & (
        CaseItem.status == CaseStatus.OPEN.value
    )
    return condition


def _update(case_id: str, actions: list[Action], condition: Condition) -> Any:
    key = CaseItem(case_pk(case_id), CASE_SK)
    return lambda tw: tw.update(key, actions, condition=CaseItem.pk.exists() & condition)


def charge_writes(charge: Charge) -> list[Any]:
    """The transaction writes that count `charge` against both its counters, if it fits."""

    def counted(name: Counter, limit: int) -> Any:
        key = CounterItem(quota_pk(name, charge.question.value, charge.window), COUNTER_SK)
        actions = [CounterItem.used.add(charge.units), CounterItem.expires_at.set(charge.window_ends + WINDOW)]
        fits: Condition = CounterItem.used.does_not_exist() | (CounterItem.used <= limit - charge.units)
        return lambda tw: tw.update(key, actions, condition=fits)

    return [counted(name, limit) for name, limit in charge.counters()]


def save_timer(timer: Timer, now: datetime) -> Any:
    """A transaction write filing `timer`, as written at `now`."""
    return lambda tw: tw.save(records.timer_item(timer, now))


def _claim_item(claim: IdempotencyClaim) -> IdempotencyItem:
    return IdempotencyItem(
        idempotency_pk(claim.org, claim.key),
        IDEMPOTENCY_SK,
        request_hash=claim.request_hash,
        status_code=claim.response.status_code,
        body=claim.response.body,
        location=claim.response.location,
        created_at=claim.created_at,
        expires_at=claim.expires_at,
    )


def _claim_free(now: datetime) -> Condition:
    """A key is free if nobody holds it or its record expired (TTL deletes lazily)."""
    free: Condition = IdempotencyItem.pk.does_not_exist() | (IdempotencyItem.expires_at < now)
    return free


def _leading_case(items: Iterable[Item]) -> Case | None:
    for item in items:
        return records.case_record(item) if isinstance(item, CaseItem) else None
    return None


def resolved(future: Any) -> Item | None:
    try:
        return future.get()  # type: ignore[no-any-return]
    except DoesNotExist:
        return None


class translated:
    """Turns DynamoDB's answers into `ConditionFailed` or the domain's `Unavailable`."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: Any) -> None:
        if error is None:
            return
        if isinstance(error, TransactWriteError):
            codes = [reason.code if reason else None for reason in error.cancellation_reasons]
            if "ConditionalCheckFailed" in codes:
                raise ConditionFailed() from error
            if "TransactionConflict" in codes:
                # Another transaction held one of the items for that instant: nothing was
                # decided, so the caller retries rather than being told it lost.
                raise Unavailable("another change to the same records was in flight; retry") from error
        if isinstance(error, PynamoDBException) and error.cause_response_code == "ConditionalCheckFailedException":
            raise ConditionFailed() from error
        code = None
        if isinstance(error, (PynamoDBException, TransactGetError)):
            code = error.cause_response_code
        elif isinstance(error, ClientError):
            code = error.response.get("Error", {}).get("Code")
        if code in _RETRYABLE or isinstance(error, BotoCoreError):
            raise Unavailable("the store is busy; retry shortly") from error
