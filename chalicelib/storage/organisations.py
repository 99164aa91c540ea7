"""The registry in the one table: one item per organisation, and the directory's indexes.

The item carries what the indexes and conditions need (code, kind, status, state, version)
and the organisation whole as its document (`domain.organisations.to_document`), which is
what is read back. Every change is one TransactWriteItems, conditioned on the version it
was decided on, with its audit record; a refused proposal's entry is removed (`remove`) the
same way.

Each identity provider of an organisation is also an item in its issuer's partition
(`IssuerBindingItem`), written and removed in the same transaction as the entry: one Query
finds every organisation an issuer speaks for. An agency's ORI is an item of its own
(`OriItem`), written on condition that it is free: an ORI names one organisation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.organisations import (
    Binding,
    Organisation,
    OrgKind,
    OrgStatus,
    Refusal,
    provider_document,
    provider_from_document,
    to_document,
    valid_code,
)
from chalicelib.storage.contracts import ConditionFailed, Key, Page
from chalicelib.storage.dynamo import Table, Write, check, delete, save, translated
from chalicelib.storage.keys import (
    ORGANISATION_SK,
    ORI_SK,
    REFUSED_SK,
    directory_keys,
    directory_pk,
    issuer_pk,
    organisation_pk,
    ori_pk,
)
from chalicelib.storage.records import organisation_record
from chalicelib.storage.table import IssuerBindingItem, Item, OrganisationItem, OriItem, RefusedProposalItem


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
        document=_document(org),
        version=org.version,
        **directory_keys(org.code, org.status.value, org.kind.value, state),
    )


def _document(org: Organisation) -> str:
    return json.dumps(to_document(org), sort_keys=True, separators=(",", ":"))


def binding_item(binding: Binding) -> IssuerBindingItem:
    provider = json.dumps(provider_document(binding.provider), sort_keys=True, separators=(",", ":"))
    return IssuerBindingItem(
        issuer_pk(binding.provider.issuer),
        organisation_pk(binding.code),
        issuer=binding.provider.issuer,
        code=binding.code,
        ori=binding.ori,
        provider=provider,
    )


def binding_record(item: IssuerBindingItem) -> Binding:
    return Binding(item.code, item.ori, provider_from_document(json.loads(item.provider)))


def _bindings_changed(before: Organisation | None, after: Organisation | None) -> list[Write]:
    """The writes that make the issuers' partitions say what `after`'s entry says (None: gone)."""
    old = {binding.provider.issuer: binding_item(binding) for binding in (before.bindings if before else ())}
    new = {binding.provider.issuer: binding_item(binding) for binding in (after.bindings if after else ())}
    writes: list[Write] = [delete(item) for issuer, item in old.items() if issuer not in new]
    for issuer, item in new.items():
        if issuer not in old or old[issuer].provider != item.provider or old[issuer].ori != item.ori:
            writes.append(save(item))
    return writes


def _ori_claimed(org: Organisation) -> list[Write]:
    """The organisation's ORI, taken on condition nobody holds it (`ConditionFailed` if one does)."""
    if org.ori is None:
        return []
    return [save(OriItem(ori_pk(org.ori), ORI_SK, code=org.code), Item.pk.does_not_exist())]


def _ori_released(org: Organisation) -> list[Write]:
    """The organisation's ORI, free again (`_ori_claimed` took it)."""
    if org.ori is None:
        return []
    return [delete(OriItem(ori_pk(org.ori), ORI_SK, code=org.code), OriItem.code == org.code)]


class SeedConflict(Exception):
    """The seed names an organisation the registry cannot take as it is (its ORI is held)."""


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
        """Each organisation the table does not hold yet, as it is, with its ORI and its
        identity providers' bindings in the same transaction: what is there already (a later
        change, a suspension) is kept, and nothing is half-written. An ORI another organisation
        holds is a `SeedConflict`: the seed file is wrong. The codes written."""
        written = []
        for org in organisations:
            claim = save(organisation_item(org), Item.pk.does_not_exist())
            try:
                self.table.transact(claim, *_ori_claimed(org), *_bindings_changed(None, org), audit=None)
            except ConditionFailed:
                if self.read_organisation(org.code) is not None:
                    continue
                holder = self.ori_holder(org.ori) if org.ori else None
                raise SeedConflict(f"{org.code}: its ORI {org.ori} is {holder}'s in the registry") from None
            written.append(org.code)
        return written

    def propose(self, org: Organisation, audit: AuditRecord) -> None:
        """A new organisation, proposed, with its ORI and its identity providers' bindings:
        refused (`ConditionFailed`) if the code or the ORI is taken."""
        writes = [save(organisation_item(org), Item.pk.does_not_exist()), *_ori_claimed(org)]
        never_refused = check(RefusedProposalItem, organisation_pk(org.code), REFUSED_SK, Item.pk.does_not_exist())
        self.table.transact(*writes, never_refused, *_bindings_changed(None, org), audit=audit)

    def change(self, before: Organisation, after: Organisation, audit: AuditRecord) -> None:
        """`after` in place of `before`, if nobody changed it since `before` was read, and its
        identity providers' bindings with it."""
        unchanged = OrganisationItem.version == before.version
        writes = _bindings_changed(before, after)
        self.table.transact(save(organisation_item(after), unchanged), *writes, audit=audit)

    def remove(self, org: Organisation, refusal: Refusal, by: str, audit: AuditRecord) -> None:
        """A refused proposal gone, if nobody changed it since it was read, with its ORI and its
        identity providers' bindings (the ORI is free to be proposed again), and what it was kept
        beside its code, which is never proposed again."""
        unchanged = OrganisationItem.version == org.version
        kept = RefusedProposalItem(
            organisation_pk(org.code),
            REFUSED_SK,
            document=_document(org),
            refused_by=by,
            refused_at=refusal.at,
            reason=refusal.reason,
        )
        writes = [delete(organisation_item(org), unchanged), save(kept), *_ori_released(org)]
        self.table.transact(*writes, *_bindings_changed(org, None), audit=audit)

    def refused_at(self, code: str) -> datetime | None:
        """When a proposal of `code` was refused, if one was."""
        return self.table.find(RefusedProposalItem, organisation_pk(code), REFUSED_SK, lambda item: item.refused_at)

    def ori_holder(self, ori: str) -> str | None:
        """The code of the organisation that holds `ori`, if one does."""
        return self.table.find(OriItem, ori_pk(ori), ORI_SK, lambda item: item.code)

    def bound_to(self, issuer: str) -> tuple[Binding, ...]:
        """Every organisation `issuer` speaks for: one Query of its partition (more pages for
        a broker of thousands), eventually consistent like `get_organisation`."""
        with translated():
            found = IssuerBindingItem.query(issuer_pk(issuer), consistent_read=False)
            items = [item for item in found if isinstance(item, IssuerBindingItem) and item.issuer == issuer]
        return tuple(binding_record(item) for item in items)

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
