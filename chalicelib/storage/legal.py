"""Legal requests, their timers and their served documents in the one table.

Serving one is a TransactWriteItems: the check that its agency may reach the platform from
the case (`cases.may_reach_platform`: it works on the open case, marked to leave its
owner), the request, its overdue timer, the audit record and, with a signed document, the
document shared with the platform (`legal.servable_document`) and that hand-over on the
document's chain of custody. Acknowledging, answering and withdrawing are one each,
conditioned on the rule and on the version they were decided on; withdrawing also takes
the files served with the request out of the platform's view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chalicelib.domain import emergency, files, legal, preservations
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.legal import LegalRequest, LegalStatus
from chalicelib.domain.preservations import Preservation, PreservationStatus
from chalicelib.domain.rules import Rule, unchanged
from chalicelib.domain.timers import Retimed, Timer
from chalicelib.storage import records
from chalicelib.storage.conditions import condition, reaching_platform
from chalicelib.storage.contracts import IdempotencyClaim, Key, Page
from chalicelib.storage.dynamo import Table, Write, assigned, save, update
from chalicelib.storage.keys import (
    EMERGENCY_SK,
    FILE_SK,
    LEGAL_SK,
    PRESERVATION_SK,
    emergency_pk,
    file_index_keys,
    file_pk,
    inbound_partitions,
    legal_box_pk,
    legal_pk,
    preservation_pk,
    status_sk,
)
from chalicelib.storage.table import EmergencyRequestItem, FileItem, Item, LegalRequestItem, PreservationItem
from chalicelib.storage.timers import delete_timer, save_timer


@dataclass
class LegalRepository:
    table: Table

    def get_request(self, request_id: str) -> LegalRequest | None:
        return self.table.find(LegalRequestItem, legal_pk(request_id), LEGAL_SK, records.legal_record)

    def request_box(
        self, org: str, box: str, status: LegalStatus | None, limit: int, start: Key | None
    ) -> Page[LegalRequest]:
        """A platform's inbound (`IN`, its shards merged) or an agency's outbound (`OUT`) requests, newest first."""
        inbound = box == "IN"
        pk = inbound_partitions(lambda shard: legal_box_pk(org, box, shard)) if inbound else legal_box_pk(org, box)
        items, last = self.table.box(LegalRequestItem, pk, inbound, status.value if status else None, limit, start)
        return Page([records.legal_record(item) for item in items], last)

    def send(
        self,
        request: LegalRequest,
        timers: Sequence[Timer],
        audit: AuditRecord,
        served: AuditRecord | None,
        claim: IdempotencyClaim | None,
    ) -> None:
        """The request, if its sender may reach the platform from the case; its document, if it
        is one the sender declared on the case for legal process, shared with the platform
        (`served`: that custody entry); the preservation and the emergency request it
        follows, if they are the sender's own, marked so."""
        writes = [
            reaching_platform(request.case_id, request.org),
            save(records.legal_item(request), Item.pk.does_not_exist()),
            *[save_timer(timer, request.sent_at) for timer in timers],
        ]
        if request.preservation_id is not None:
            followed = PreservationItem(preservation_pk(request.preservation_id), PRESERVATION_SK)
            rule = condition(
                preservations.followed_by(request.case_id, request.org, request.platform), PreservationItem
            )
            named: list[Any] = [PreservationItem.legal_request_ids.add({request.request_id})]
            writes.append(update(followed, named, rule))
        if request.emergency_id is not None:
            asked = EmergencyRequestItem(emergency_pk(request.emergency_id), EMERGENCY_SK)
            rule = condition(emergency.followable(request.case_id, request.org, request.platform), EmergencyRequestItem)
            writes.append(update(asked, [EmergencyRequestItem.followed_by.set(request.request_id)], rule))
        if request.document_file_id is not None and served is not None:
            writes += _served(request, request.document_file_id, served)
        self.table.transact(*writes, claim=claim, audit=audit)

    def extend_nondisclosure(
        self, old: LegalRequest, new: LegalRequest, timers: Retimed, served: AuditRecord, audit: AuditRecord
    ) -> None:
        """The later end, if nothing changed since `old` and the agency may still reach the
        platform from the case; the new order (`new.nondisclosure_order_file_id`) served like
        the first; the old end's timers give way to the new one's."""
        document_file_id = new.nondisclosure_order_file_id
        assert new.nondisclosure_until is not None and document_file_id is not None
        obsolete, fresh = timers
        actions: list[Any] = [
            LegalRequestItem.nondisclosure_until.set(new.nondisclosure_until),
            LegalRequestItem.nondisclosure_order_file_id.set(document_file_id),
            LegalRequestItem.served_files.add({document_file_id}),
            LegalRequestItem.version.set(new.version),
        ]
        key = LegalRequestItem(legal_pk(old.request_id), LEGAL_SK)
        writes = [
            reaching_platform(old.case_id, old.org),
            update(key, actions, condition(unchanged(old.version), LegalRequestItem)),
        ]
        writes += [delete_timer(timer, old.sent_at) for timer in obsolete]
        writes += [save_timer(timer, served.at) for timer in fresh]
        writes += _served(new, document_file_id, served)
        self.table.transact(*writes, audit=audit)

    def acknowledge(self, old: LegalRequest, new: LegalRequest, audit: AuditRecord) -> None:
        """The platform served acknowledges it, once (`legal.may_acknowledge`)."""
        assert new.acknowledged_at is not None and new.platform_reference is not None
        rule = legal.may_acknowledge(old.platform) & unchanged(old.version)
        self.table.transact(_moved(old, new, rule), audit=audit)

    def answer(
        self,
        old: LegalRequest,
        new: LegalRequest,
        audit: AuditRecord,
        produced: Sequence[AuditRecord] = (),
        fulfilled: Preservation | None = None,
    ) -> None:
        """The platform served answers it, once, unless it was withdrawn (`legal.may_answer`);
        the files it produced join the case (`files.producible`), each a custody entry
        (`produced`); the preservation it follows, still as `fulfilled` was read, is fulfilled
        (its timers find it so, and leave)."""
        given = new.answer
        assert given is not None
        rule = legal.may_answer(old.platform) & unchanged(old.version)
        writes = [_moved(old, new, rule)]
        writes += joined_to_case(old.case_id, old.request_id, given.file_ids, produced)
        if fulfilled is not None:
            status = PreservationStatus.FULFILLED.value
            done: list[Any] = [
                PreservationItem.status.set(status),
                PreservationItem.gsi1sk.set(status_sk(status, fulfilled.preservation_id)),
                PreservationItem.gsi2sk.set(status_sk(status, fulfilled.preservation_id)),
                PreservationItem.version.add(1),
            ]
            followed = PreservationItem(preservation_pk(fulfilled.preservation_id), PRESERVATION_SK)
            writes.append(update(followed, done, condition(unchanged(fulfilled.version), PreservationItem)))
        self.table.transact(*writes, audit=audit)

    def withdraw(self, old: LegalRequest, new: LegalRequest, audit: AuditRecord) -> None:
        """The serving agency withdraws it, if it is still the request `old` is
        (`legal.WITHDRAWABLE`); each file served with it drops this serving, so the platform
        no longer reads or downloads it unless other process that stands served it too."""
        assert new.withdrawn_at is not None and new.withdrawn_because is not None
        rule = legal.WITHDRAWABLE & unchanged(old.version)
        entry = files.served_entry(old.platform, old.request_id)
        unserved: list[Write] = [
            update(
                FileItem(file_pk(file_id), FILE_SK),
                [FileItem.served_with.delete({entry}), FileItem.version.add(1)],
                FileItem.pk.exists(),
            )
            for file_id in sorted(old.served_files)
        ]
        self.table.transact(_moved(old, new, rule), *unserved, audit=audit)


def joined_to_case(
    case_id: str, request_id: str, file_ids: Sequence[str], custody: Sequence[AuditRecord]
) -> list[Write]:
    """The files a platform uploaded to `request_id`, named in its answer, join the case
    (`files.producible`), each with its hand-over on its chain of custody (`custody`)."""
    writes: list[Write] = []
    for file_id, entry in zip(file_ids, custody, strict=True):
        joined: list[Any] = [
            FileItem.case_id.set(case_id),
            FileItem.version.add(1),
            *[getattr(FileItem, name).set(value) for name, value in file_index_keys(file_id, case_id).items()],
        ]
        key = FileItem(file_pk(file_id), FILE_SK)
        writes.append(update(key, joined, condition(files.producible(request_id), FileItem)))
        writes.append(save(records.audit_item(entry), Item.pk.does_not_exist()))
    return writes


def _served(request: LegalRequest, file_id: str, served: AuditRecord) -> list[Write]:
    """A signed document shared with the platform (`legal.servable_document`) and that
    hand-over on its chain of custody."""
    document = FileItem(file_pk(file_id), FILE_SK)
    entry = files.served_entry(request.platform, request.request_id)
    shared: list[Any] = [FileItem.served_with.add({entry}), FileItem.version.add(1)]
    rule = legal.servable_document(request.case_id, request.org)
    return [
        update(document, shared, condition(rule, FileItem)),
        save(records.audit_item(served), Item.pk.does_not_exist()),
    ]


def _moved(old: LegalRequest, new: LegalRequest, rule: Rule) -> Write:
    """The request as `new` stores it (the attributes that changed since `old`; its boxes'
    sort keys follow its status), if `rule` holds."""
    status = new.status.value
    actions = [
        *assigned(LegalRequestItem, records.LEGAL.changes(old, new)),
        LegalRequestItem.gsi1sk.set(status_sk(status, old.request_id)),
        LegalRequestItem.gsi2sk.set(status_sk(status, old.request_id)),
    ]
    key = LegalRequestItem(legal_pk(old.request_id), LEGAL_SK)
    return update(key, actions, condition(rule, LegalRequestItem))
