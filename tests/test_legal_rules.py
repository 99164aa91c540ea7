"""Legal process as pure domain rules, with no storage: what a request may become."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.cases import Contact
from chalicelib.domain.errors import Conflict
from chalicelib.domain.legal import MAX_SERVED_FILES, Authority, LegalKind, LegalRequest, extended_by
from chalicelib.storage.dynamo import TRANSACTION_ITEMS

AT = datetime(2026, 12, 6, tzinfo=UTC)


def a_request(**fields) -> LegalRequest:
    return LegalRequest(
        **{
            "request_id": "legal_1",
            "case_id": "case_1",
            "org": "DEA",
            "platform": "META",
            "kind": LegalKind.SUBPOENA,
            "accounts": (),
            "categories": (),
            "date_from": AT - timedelta(days=30),
            "date_to": AT,
            "authority": Authority("GJ-2026-1", "SDNY", AT),
            "contact": Contact(),
            "sent_at": AT,
            "sent_by": "agent.dea@example.gov",
            "due_at": AT + timedelta(days=14),
            **fields,
        }
    )


def test_each_nondisclosure_order_is_served_with_the_request():
    extended = extended_by(a_request(served_files=frozenset({"file_subpoena"})), "file_order")
    assert extended.served_files == {"file_subpoena", "file_order"}
    assert extended.nondisclosure_order_file_id == "file_order"


def test_a_request_stands_served_with_no_more_files_than_its_withdrawal_can_unserve_at_once():
    full = a_request(served_files=frozenset(f"file_{n}" for n in range(MAX_SERVED_FILES)))
    with pytest.raises(Conflict, match="serve new legal process"):
        extended_by(full, "file_one_more")
    assert extended_by(full, "file_0").served_files == full.served_files  # an order served again adds nothing
    # The withdrawal writes the request, each served file and its audit record in one transaction.
    assert MAX_SERVED_FILES + 2 <= TRANSACTION_ITEMS
