"""The registry in the one table: one item per organisation, and the directory's indexes.

The item carries what the indexes and conditions need (code, kind, status, state, version)
and the organisation whole as its document (`domain.organisations.to_document`), which is
what is read back. Every change is one TransactWriteItems, conditioned on the version it
was decided on, with its audit record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.organisations import (
    Organisation,
    OrgKind,
    OrgStatus,
    from_document,
    to_document,
    valid_code,
)
from chalicelib.storage.contracts import ConditionFailed, Key, Page
from chalicelib.storage.dynamo import Table, save, translated
from chalicelib.storage.keys import ORGANISATION_SK, directory_keys, directory_pk, organisation_pk
from chalicelib.storage.table import Item, OrganisationItem


def organisation_item(org: Organisation) -> OrganisationItem:
    state = org.jurisdiction.state if org.jurisdiction is not None else None
    return OrganisationItem(
        organisation_pk(org.code),
        ORGANISATION_SK,
        code=org.code,
        name=org.name,
        org_kind=org.kind.value,
        status=org.status.value,
        state=state,
        document=json.dumps(to_document(org), sort_keys=True, separators=(",", ":")),
        version=org.version,
        **directory_keys(org.code, org.status.value, org.kind.value, state),
    )


def organisation_record(item: OrganisationItem) -> Organisation:
    return from_document(json.loads(item.document))


@dataclass
class OrganisationRepository:
    table: Table

    def get_organisation(self, code: str) -> Organisation | None:
        """One GetItem (eventually consistent: the directory's cache is as old as a minute anyway);
        none for what cannot be a code (a token's claim may hold anything its issuer signed)."""
        if not valid_code(code):
            return None
        with translated():
            try:
                found = OrganisationItem.get(organisation_pk(code), ORGANISATION_SK, consistent_read=False)
            except OrganisationItem.DoesNotExist:
                return None
        return organisation_record(found) if isinstance(found, OrganisationItem) else None

    def read_organisation(self, code: str) -> Organisation | None:
        """One strongly consistent GetItem: what a change is decided on."""
        return self.table.find(OrganisationItem, organisation_pk(code), ORGANISATION_SK, organisation_record)

    def seed(self, organisations: Iterable[Organisation]) -> list[str]:
        """Each organisation the table does not hold yet, as it is: what is there already (a
        later change, a suspension) is kept. The codes written."""
        written = []
        for org in organisations:
            try:
                with translated():
                    organisation_item(org).save(condition=Item.pk.does_not_exist())
            except ConditionFailed:
                continue
            written.append(org.code)
        return written

    def propose(self, org: Organisation, audit: AuditRecord) -> None:
        """A new organisation, proposed: refused (`ConditionFailed`) if the code is taken."""
        self.table.transact(save(organisation_item(org), Item.pk.does_not_exist()), audit=audit)

    def change(self, before: Organisation, after: Organisation, audit: AuditRecord) -> None:
        """`after` in place of `before`, if nobody changed it since `before` was read."""
        unchanged = OrganisationItem.version == before.version
        self.table.transact(save(organisation_item(after), unchanged), audit=audit)

    def directory(
        self,
        status: OrgStatus,
        kind: OrgKind | None,
        state: str | None,
        limit: int,
        start: Key | None,
    ) -> Page[Organisation]:
        """A page of the organisations of a status, by code: of one kind, of one state, or both
        (the state's partition, filtered by kind: a state holds few organisations of any kind)."""
        index: object
        condition = None
        if state is not None:
            index, pk = OrganisationItem.gsi3, directory_pk(status.value, state=state)
            if kind is not None:
                condition = OrganisationItem.org_kind == kind.value
        elif kind is not None:
            index, pk = OrganisationItem.gsi2, directory_pk(status.value, kind=kind.value)
        else:
            index, pk = OrganisationItem.gsi1, directory_pk(status.value)
        with translated():
            result = index.query(  # type: ignore[attr-defined]
                pk, filter_condition=condition, limit=limit, page_size=limit, last_evaluated_key=start
            )
            items = [item for item in result if isinstance(item, OrganisationItem)]
        return Page([organisation_record(item) for item in items], result.last_evaluated_key)
