"""Time-sortable, type-prefixed identifiers (`case_…`, `ref_…`, `note_…`)."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from ulid import ULID

from chalicelib.domain.errors import NotFound

_ULID = r"[0-9A-HJKMNP-TV-Z]{26}"
_CASE_ID = re.compile(rf"^case_({_ULID})\Z")
_REFERRAL_ID = re.compile(rf"^ref_({_ULID})({_ULID})_([A-Z0-9]{{1,16}})\Z")
_OPERATION_ID = re.compile(rf"^op_({_ULID})({_ULID})\Z")


def new_id(prefix: str, at: datetime) -> str:
    """A fresh id: the prefix, then a ULID whose first 48 bits are `at` in milliseconds."""
    return f"{prefix}_{ULID.from_datetime(at)}"


def derived_id(prefix: str, at: datetime, seed: str) -> str:
    """A ULID-shaped id whose random part is a hash of `seed`: the same seed, the same id.

    Used for event ids, so that a stream record retried by Lambda publishes the same id
    and consumers can de-duplicate.
    """
    millis = int(at.timestamp() * 1000).to_bytes(6, "big")
    return f"{prefix}_{ULID.from_bytes(millis + hashlib.sha256(seed.encode()).digest()[:10])}"


def is_id(prefix: str, value: str) -> bool:
    """Whether `value` is an id of the shape `new_id(prefix, …)` makes: nothing else is looked up."""
    return re.fullmatch(rf"{prefix}_{_ULID}", value) is not None


def check_case_id(case_id: str) -> str:
    if not _CASE_ID.match(case_id):
        raise NotFound(f"no case {case_id!r} is visible to you")
    return case_id


def new_referral_id(case_id: str, to_org: str, at: datetime) -> str:
    """A referral id names its case and its receiver: `ref_<ULID><case ULID>_<org>`.

    So one keyed read fetches the referral with the case whose participants decide who may
    see it, and a transition needs no read to know which index entries and which pending
    mark on the case it changes.
    """
    return f"ref_{ULID.from_datetime(at)}{check_case_id(case_id)[5:]}_{to_org}"


def parse_referral_id(referral_id: str) -> tuple[str, str]:
    """The case id and the receiving organisation a referral id names."""
    match = _REFERRAL_ID.match(referral_id)
    if not match:
        raise NotFound(f"no referral {referral_id!r} is visible to you")
    return f"case_{match.group(2)}", match.group(3)


def new_operation_id(case_id: str, at: datetime) -> str:
    """An operation id names its case (`op_<ULID><case ULID>`): one keyed read finds both."""
    return f"op_{ULID.from_datetime(at)}{check_case_id(case_id)[5:]}"


def parse_operation_id(operation_id: str) -> str:
    """The case id an operation id names."""
    match = _OPERATION_ID.match(operation_id)
    if not match:
        raise NotFound(f"no operation {operation_id!r} is visible to you")
    return f"case_{match.group(2)}"
