"""Each organisation's persons in the one table: one item per person, under the key their
identity makes (`domain.people.person_id`), and their organisation's list in `gsi1`.

Registering is one TransactWriteItems (the person, on condition that the identity is not
registered yet, and the audit record); every change is one, conditioned on the version it
was decided on. The sensitive acts read a person with one strongly consistent GetItem.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.people import FraudReport, Person, RequestsSent, is_person_id
from chalicelib.storage import records
from chalicelib.storage.contracts import ConditionFailed, IdempotencyClaim, Key, Page
from chalicelib.storage.dynamo import Table, save, translated
from chalicelib.storage.keys import (
    PERSON_SK,
    people_index_keys,
    person_pk,
    requester_pk,
    requester_sk,
)
from chalicelib.storage.table import FraudReportItem, Item, PersonItem, RequesterItem


@dataclass
class PeopleRepository:
    table: Table

    def get_person(self, person_id: str) -> Person | None:
        """One strongly consistent GetItem: a suspension counts from the moment it is written."""
        if not is_person_id(person_id):
            return None
        return self.table.find(PersonItem, person_pk(person_id), PERSON_SK, records.person_record)

    def register(self, person: Person, audit: AuditRecord, claim: IdempotencyClaim | None = None) -> None:
        """The person, if their identity is not registered yet (`ConditionFailed` otherwise)."""
        self.table.transact(save(records.person_item(person), Item.pk.does_not_exist()), claim=claim, audit=audit)

    def change(self, before: Person, after: Person, audit: AuditRecord) -> None:
        """`after` in place of `before`, if nobody changed the person since `before` was read."""
        unchanged = PersonItem.version == before.version
        self.table.transact(save(records.person_item(after), unchanged), audit=audit)

    def people_of(self, org: str, limit: int, start: Key | None) -> Page[Person]:
        """A page of an organisation's persons, by id: one Query of its `gsi1` partition."""
        pk = people_index_keys(org, "")["gsi1pk"]
        items, last = self.table.page(PersonItem.gsi1, pk, None, limit, start, forward=True, consistent=None)
        return Page([records.person_record(item) for item in items if isinstance(item, PersonItem)], last)

    def mark_sent(self, person_id: str, platform: str, at: datetime, *, emergency: bool = False) -> None:
        """That `person_id` sent `platform` a request at `at` (and, with `emergency`, that an
        emergency request they asked for reached it): one write, from the stream."""
        items = [
            RequesterItem(
                requester_pk(person_id), requester_sk(platform, kind), person_id=person_id, platform=platform, at=at
            )
            for kind in ((False, True) if emergency else (False,))
        ]
        self.table.transact(*[save(item) for item in items], audit=None)

    def requests_sent(self, person_id: str) -> RequestsSent:
        """Their partition in one Query: the platforms they sent requests to (`SENT#`), those
        their emergency requests reached (`EMER#`) and the reports of fraud (`REPORT#`)."""
        if not is_person_id(person_id):
            return RequestsSent(frozenset(), (), 0)
        items, _ = self.table.page(Item, requester_pk(person_id), None, 1000, None, forward=True)
        sent = [item for item in items if isinstance(item, RequesterItem)]
        return RequestsSent(
            platforms=frozenset(item.platform for item in sent if item.sk == requester_sk(item.platform)),
            emergencies=tuple(item.at for item in sent if item.sk == requester_sk(item.platform, True)),
            fraud_reports=sum(1 for item in items if isinstance(item, FraudReportItem)),
        )

    def platforms_sent_to(self, person_id: str) -> list[str]:
        """Every platform `person_id` sent a request (`Requester Suspended` goes to each)."""
        return sorted(self.requests_sent(person_id).platforms)

    def report(self, report: FraudReport, audit: AuditRecord) -> None:
        """The report, once per request (`ConditionFailed` for a second), with its audit record."""
        self.table.transact(save(records.fraud_report_item(report), Item.pk.does_not_exist()), audit=audit)

    def seed(self, people: Iterable[Person]) -> list[str]:
        """Each person not registered yet, as they are (the local stack's and the tests'
        persons, `devtools.provision.seed_people`): the ids written."""
        written = []
        for person in people:
            try:
                with translated():
                    records.person_item(person).save(condition=Item.pk.does_not_exist())
            except ConditionFailed:
                continue
            written.append(person.person_id)
        return written
