"""Every stored record kind survives today's encoder and decoder: the safety net of issue 30.

For each kind `storage.records` writes from a domain record, the record comes back equal:
in memory (`decode(encode(r)) == r`), through PynamoDB's attribute-value form (what goes to
DynamoDB and comes back in a stream image), and, for a few examples each, through moto's
table. The stream images recorded in `events/stream/` decode, and encode back to the very
attributes they hold, so yesterday's images stay readable whatever writes the items.

Records are generated from their dataclasses' type hints (`records`): each field's strategy
follows its type (UTC datetimes at the microsecond the table keeps, enums, tuples,
frozensets, optional fields None or set, nested records), ids take their real shapes by
field name (`BY_NAME`), and a kind overrides only what its domain promises beyond its types,
each override saying which promise. Where a round trip is not the identity on purpose, the
kind's `expected` says exactly what changes, and why (`docs/development/record-round-trips.md`).

`CASEBRIDGE_ROUNDTRIP_EXAMPLES` sets the examples per kind (default 60; moto's, a tenth).
"""

from __future__ import annotations

import json
import os
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from pynamodb.exceptions import PutError
from ulid import ULID

from chalicelib.domain import emergency, legal
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Case, Contact, Note
from chalicelib.domain.deconfliction import HeldIdentifier, HitRecord, Holding, MatchedPair
from chalicelib.domain.feed import Delivered, FeedEntry
from chalicelib.domain.files import EvidenceFile
from chalicelib.domain.operations import (
    MAX_ABS_LATITUDE,
    MAX_RADIUS_M,
    MIN_RADIUS_M,
    ConflictRecord,
    Location,
    Operation,
    OperationKind,
    OperationStatus,
)
from chalicelib.domain.organisations import OrgStatus, seed
from chalicelib.domain.people import FraudReport, Person, PersonRole
from chalicelib.domain.preservations import Preservation
from chalicelib.domain.quotas import ProbeAlert
from chalicelib.domain.referrals import Referral
from chalicelib.domain.timers import Timer
from chalicelib.domain.times import EARLIEST, LATEST
from chalicelib.domain.tips import Route, Tip
from chalicelib.domain.watch import Side, WatchedConflict
from chalicelib.storage import feed
from chalicelib.storage import records as codec
from chalicelib.storage.contracts import CaseSummary
from chalicelib.storage.keys import instant
from chalicelib.storage.organisations import organisation_item
from chalicelib.storage.table import Item
from tests.conftest import EVENTS, GENERATED

EXAMPLES = int(os.environ.get("CASEBRIDGE_ROUNDTRIP_EXAMPLES", "60"))
ROUND_TRIPS = settings(GENERATED, max_examples=EXAMPLES)
#: Through moto: a table put and get per example, so fewer of them.
THROUGH_MOTO = settings(GENERATED, max_examples=max(EXAMPLES // 10, 3))

# --- Values in their real shapes --------------------------------------------------------

ulids = st.binary(min_size=16, max_size=16).map(lambda raw: str(ULID.from_bytes(raw)))


def ids(prefix: str) -> SearchStrategy[str]:
    """An id as `record_ids.new_id(prefix, …)` or `derived_id` makes it: `<prefix>_<ULID>`."""
    return ulids.map(lambda ulid: f"{prefix}_{ulid}")


def hex_text(length: int) -> SearchStrategy[str]:
    return st.text("0123456789abcdef", min_size=length, max_size=length)


#: An organisation's code, as a referral id ends with it (`record_ids._REFERRAL_ID`).
orgs = st.from_regex(r"[A-Z][A-Z0-9]{0,15}", fullmatch=True)
texts = st.text(max_size=24)
#: Every moment the product computes with lies in [EARLIEST, LATEST) (`domain.times`); the
#: table keeps microseconds (PynamoDB's `UTCDateTimeAttribute`), so nothing finer is made.
#: The bound is drawn below LATEST, not filtered: hypothesis tries a bound often, and a record
#: of a dozen moments (a watched conflict) would otherwise fail the filter on nearly every draw.
utc_datetimes = st.datetimes(
    min_value=EARLIEST.replace(tzinfo=None),
    max_value=(LATEST - timedelta(microseconds=1)).replace(tzinfo=None),
    timezones=st.just(UTC),
)
any_id = st.one_of(*(ids(prefix) for prefix in ("case", "ref", "pres", "legal", "emer", "tip", "file")))

#: Strings (and collections of strings) whose shape the field's name says: the ids, the
#: organisation codes, the hashes. A field here keeps its type's optionality.
BY_NAME: dict[str, SearchStrategy[Any]] = {
    "case_id": ids("case"),
    "matched_case_id": ids("case"),
    "note_id": ids("note"),
    "audit_id": ids("aud"),
    "tip_id": ids("tip"),
    "preservation_id": ids("pres"),
    "file_id": ids("file"),
    "document_file_id": ids("file"),
    "nondisclosure_order_file_id": ids("file"),
    "request_id": ids("legal") | ids("emer"),
    "emergency_id": ids("emer"),
    "followed_by": ids("legal"),
    "hit_id": ids("hit"),
    "conflict_id": ids("cfl"),
    "alert_id": ids("alr"),
    "subject_id": any_id,
    "identifier_id": hex_text(32).map(lambda digest: f"idn_{digest}"),
    "person_id": ids("per"),
    "identifier_key": hex_text(64),
    "sha256": hex_text(64),
    "token": hex_text(64),
    "org": orgs,
    "owner": orgs,
    "from_org": orgs,
    "to_org": orgs,
    "other_org": orgs,
    "by_org": orgs,
    "added_by_org": orgs,
    "author_org": orgs,
    "platform": orgs,
    "to": orgs,
    "participants": st.frozensets(orgs, max_size=4),
    "pending_referrals_to": st.frozensets(orgs, max_size=3),
    "rerouted_from": st.lists(orgs, max_size=3).map(tuple),
    "file_ids": st.lists(ids("file"), max_size=3).map(tuple),
    "served_files": st.frozensets(ids("file"), max_size=3),
    "served_with": st.frozensets(st.tuples(orgs, ids("legal")).map("#".join), max_size=3),
}

#: A tip's report as submitted: any JSON object (NaN is not JSON).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


def of_type(hint: Any) -> SearchStrategy[Any]:
    """Values of a type hint: the project's records and value types, nested as they are."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        present = [arg for arg in args if arg is not type(None)]
        return st.none() | st.one_of(*(of_type(arg) for arg in present))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(of_type(args[0]), max_size=3).map(tuple)
        return st.tuples(*(of_type(arg) for arg in args))
    if origin is frozenset:
        return st.frozensets(of_type(args[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(texts, json_values, max_size=4)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return st.sampled_from(hint)
    if is_dataclass(hint):
        return records(hint)  # type: ignore[arg-type]
    # The ints are versions, sizes and counts: never negative.
    plain = {str: texts, int: st.integers(0, 2**53), bool: st.booleans(), datetime: utc_datetimes}
    return plain[hint]


def records(cls: type, **overrides: SearchStrategy[Any]) -> SearchStrategy[Any]:
    """`st.builds(cls, …)` with every field's strategy: an override, its name's, its type's.

    A resolver of our own rather than `st.register_type_strategy`: a registration for `str` or
    `datetime` would change what every other test module's `st.from_type` generates."""
    hints = get_type_hints(cls)
    strategies = {}
    for field in fields(cls):
        if not field.init:
            continue
        hint = hints[field.name]
        if field.name in overrides:
            strategies[field.name] = overrides[field.name]
        elif field.name in BY_NAME:
            optional = type(None) in get_args(hint)
            strategies[field.name] = st.none() | BY_NAME[field.name] if optional else BY_NAME[field.name]
        else:
            strategies[field.name] = of_type(hint)
    return st.builds(cls, **strategies)


def in_declared_order(enum: type[Enum]) -> SearchStrategy[tuple[Any, ...]]:
    """At least one member, none twice, in the enum's order."""
    return st.lists(st.sampled_from(enum), min_size=1, unique=True).map(
        lambda chosen: tuple(sorted(chosen, key=list(enum).index))
    )


def with_own_id(record: Any, name: str, prefix: str) -> SearchStrategy[Any]:
    """The record with the id that names its case: `<prefix>_<ULID><case ULID>[_<to_org>]`."""
    suffix = f"_{record.to_org}" if prefix == "ref" else ""
    return ulids.map(lambda ulid: replace(record, **{name: f"{prefix}_{ulid}{record.case_id[5:]}{suffix}"}))


def coordinates(bound: float, low: float | None = None) -> SearchStrategy[float]:
    """Degrees (or metres) as the API passes them on: 7 places (about a centimetre), no negative
    zero; drawn within their bounds, not filtered to them (a watched conflict holds two places,
    and six filters of all floats failed every draw of one run)."""
    floor = -bound if low is None else low
    return st.floats(min_value=floor, max_value=bound).map(lambda value: round(value, 7) + 0.0)


locations = st.builds(
    Location, coordinates(MAX_ABS_LATITUDE), coordinates(180), coordinates(MAX_RADIUS_M, MIN_RADIUS_M)
)


# --- The kinds --------------------------------------------------------------------------

#: A fixed "now" for the timer's bucket (`timers.filed_under`): it picks the key, not a field.
NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Kind:
    name: str
    records: SearchStrategy[Any]
    encode: Callable[[Any], Item]
    decode: Callable[[Any], Any]
    #: The record as it comes back; the identity but where a field is not stored on purpose.
    expected: Callable[[Any], Any] = lambda record: record


KINDS = [
    Kind(
        "case",
        # Overridden: the owner is always a participant (`cases.new_case` starts the set with it,
        # nothing removes it), so the set is never empty: DynamoDB has no empty set, and
        # PynamoDB drops one without a word (see test_an_empty_participant_set_is_dropped).
        records(Case).map(lambda case: replace(case, participants=case.participants | {case.owner})),
        codec.case_item,
        codec.case_record,
    ),
    Kind("note", records(Note), codec.note_item, codec.note_record),
    Kind(
        "referral",
        # Overridden: a referral's id names its case and its receiver (`record_ids.new_referral_id`).
        records(Referral).flatmap(lambda referral: with_own_id(referral, "referral_id", "ref")),
        codec.referral_item,
        codec.referral_record,
        # Not written by the encoder: the case's title and marking are stamped onto the item
        # later, by an update conditioned on the case's version (`ReferralStore.stamp_referrals`);
        # `referral_item` writes a new referral only, before any stamp.
        expected=lambda referral: replace(referral, case_title=None, case_tlp=None),
    ),
    Kind(
        "audit",
        # Overridden: an audit record's `request_id` is the API call's (API Gateway's request id,
        # or `req_<ULID>` locally: `api.routing`), not a legal or emergency request's.
        records(AuditRecord, request_id=st.none() | st.uuids().map(str) | ids("req")),
        codec.audit_item,
        codec.audit_record,
    ),
    Kind("identifier", records(HeldIdentifier), codec.identifier_item, codec.identifier_record),
    Kind(
        "operation",
        # Overridden: an operation's id names its case (`record_ids.new_operation_id`), and its
        # place is one `Location.check` accepts (finite, on the map, 1 to 5,000 m) in degrees
        # rounded to 7 places, as the API rounds them (`api.models.operations._to_centimetres`): DynamoDB
        # refuses a number below 1E-130 (see test_the_table_refuses_a_coordinate_below_1e_130).
        records(Operation, location=locations).flatmap(lambda operation: with_own_id(operation, "operation_id", "op")),
        codec.operation_item,
        codec.operation_record,
    ),
    Kind("hit", records(HitRecord), codec.hit_item, codec.hit_record),
    Kind("conflict", records(ConflictRecord), codec.conflict_item, codec.conflict_record),
    Kind(
        "tip",
        # Overridden: a route always names the organisation it went to (`tip_routing`): the
        # decoder takes an item with no `routed_to` for an unrouted tip.
        records(Tip, route=st.none() | records(Route)),
        codec.tip_item,
        codec.tip_record,
    ),
    Kind(
        "preservation",
        # Overridden: the legal requests naming a preservation are a set in the table
        # (`PreservationItem.legal_request_ids.add`), and the domain holds them as read back:
        # sorted, each once.
        records(Preservation, legal_request_ids=st.frozensets(ids("legal"), max_size=3).map(sorted).map(tuple)),
        codec.preservation_item,
        codec.preservation_record,
    ),
    Kind(
        "legal",
        # Overridden: at least one category (the API asks for one; the table has no empty set),
        # each once (`legal.new_request` drops repeats), in `RecordCategory`'s order: the table
        # holds a set, and the decoder orders it so. See test_categories_keep_the_order_they_were_sent_in.
        records(legal.LegalRequest, categories=in_declared_order(legal.RecordCategory)),
        codec.legal_item,
        codec.legal_record,
    ),
    Kind(
        "emergency",
        # Overridden: as a legal request's categories (`emergency.new_request` refuses none and
        # drops repeats; the table holds a set).
        records(
            emergency.EmergencyRequest,
            emergency=records(emergency.Emergency, categories=in_declared_order(legal.RecordCategory)),
        ),
        codec.emergency_item,
        codec.emergency_record,
    ),
    Kind(
        "file",
        # Overridden: a file belongs to a case, a tip or a legal request (`file_item` asserts it:
        # its index keys name the parent).
        records(EvidenceFile).filter(lambda file: bool(file.case_id or file.tip_id or file.request_id)),
        codec.file_item,
        codec.file_record,
    ),
    Kind("timer", records(Timer), lambda timer: codec.timer_item(timer, NOW), codec.timer_record),
    Kind("probe alert", records(ProbeAlert), codec.alert_item, codec.alert_record),
    Kind(
        "person",
        # Overridden: a person holds at least one role (`people.register` refuses none; the table
        # has no empty set), each once, in `PersonRole`'s order, as the decoder reads the set back.
        records(Person, roles=in_declared_order(PersonRole)),
        codec.person_item,
        codec.person_record,
    ),
    Kind("fraud report", records(FraudReport), codec.fraud_report_item, codec.fraud_report_record),
    Kind(
        "watched conflict",
        # Overridden: each side's place as the API passes it on (`locations`).
        records(
            WatchedConflict,
            conflict_id=ids("cnf"),
            center=orgs,
            seen_by=st.none() | orgs,
            first=records(Side, location=locations),
            second=records(Side, location=locations),
        ),
        codec.watched_item,
        codec.watched_record,
    ),
    Kind(
        "organisation",
        # Drawn from the seed, in each status and version: an entry's rules (`domain.organisations`)
        # refuse what free generation would make, and the seed holds every shape it stores.
        st.builds(
            lambda org, status, version: replace(org, status=status, version=version),
            st.sampled_from(list(seed())),
            st.sampled_from(OrgStatus),
            st.integers(min_value=1, max_value=10**6),
        ),
        organisation_item,
        codec.organisation_record,
    ),
]

by_kind = pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])


def through_attribute_values(item: Item) -> Any:
    """The item as DynamoDB gets it (attribute values: S, N, SS, L, M, BOOL) and gives it back,
    read as the stream reads an image: its `kind` picks the item class."""
    read = Item.from_raw_data(item.serialize())
    assert type(read) is type(item)
    return read


def test_every_kind_the_stream_decodes_is_tested() -> None:
    """The kinds here are the stream's: each kind it decodes has its encoder tested."""
    decoders = {kind.decode for kind in KINDS}
    assert set(codec._DECODERS.values()) <= decoders


@by_kind
@ROUND_TRIPS
@given(data=st.data())
def test_a_record_comes_back_from_its_item(kind: Kind, data: st.DataObject) -> None:
    record = data.draw(kind.records)
    assert kind.decode(kind.encode(record)) == kind.expected(record)


@by_kind
@ROUND_TRIPS
@given(data=st.data())
def test_a_record_comes_back_from_its_attribute_values(kind: Kind, data: st.DataObject) -> None:
    record = data.draw(kind.records)
    assert kind.decode(through_attribute_values(kind.encode(record))) == kind.expected(record)


@pytest.fixture(scope="module")
def table() -> Iterator[None]:
    """One moto table for the module: an example writes its own keys, so none sees another's."""
    import boto3
    from moto import mock_aws

    from chalicelib.devtools.provision import create_table

    with mock_aws():
        boto3.DEFAULT_SESSION = None
        create_table()
        yield


@by_kind
@THROUGH_MOTO
@given(data=st.data())
def test_a_record_comes_back_from_the_table(table: None, kind: Kind, data: st.DataObject) -> None:
    record = data.draw(kind.records)
    item = kind.encode(record)
    item.save()
    assert kind.decode(type(item).get(item.pk, item.sk)) == kind.expected(record)


def test_the_table_refuses_a_coordinate_below_1e_130(table: None) -> None:
    """`Location.check` accepts 1e-131 degrees, DynamoDB refuses the number (moto as AWS): the
    API rounds coordinates to 7 places before an operation is made (`api.models.LocationIn`)."""
    operation = Operation(
        "op_01JEY00000000000000000000101JEX000000000000000000001",
        "case_01JEX000000000000000000001",
        "DEA",
        OperationKind.OTHER,
        Location(1e-131, -77.0365, 250),
        NOW,
        NOW,
        Contact(),
        NOW,
        "agent",
        NOW,
    )
    operation.location.check()
    with pytest.raises(PutError, match="Number underflow"):
        codec.operation_item(operation).save()


# --- Recorded stream images -------------------------------------------------------------


def recorded_images() -> Iterator[Any]:
    for path in sorted((EVENTS / "stream").glob("*.json")):
        for n, record in enumerate(json.loads(path.read_text())["Records"]):
            for side in ("OldImage", "NewImage"):
                if image := record["dynamodb"].get(side):
                    yield pytest.param(image, id=f"{path.stem}-{n}-{side}")


@pytest.mark.parametrize("image", list(recorded_images()))
def test_a_recorded_stream_image_decodes_and_encodes_back(image: dict[str, Any]) -> None:
    record = codec.from_image(image)
    assert record is not None
    encode = {kind.decode: kind.encode for kind in KINDS}[codec._DECODERS[type(Item.from_raw_data(image))]]
    assert encode(record).serialize() == image


def test_every_recorded_image_is_of_a_kind_the_stream_decodes() -> None:
    kinds = {param.values[0]["kind"]["S"] for param in recorded_images()}
    assert kinds == {"case", "identifier", "operation", "referral"}


# --- What does not round-trip, on purpose or not ----------------------------------------


def test_an_empty_participant_set_is_dropped() -> None:
    """DynamoDB has no empty set: PynamoDB leaves the attribute out, and a set attribute absent
    from an item reads back as the field's default, the empty set (`storage.stored`). The
    domain never makes one (the owner is a participant)."""
    case = Case("case_01JEX000000000000000000001", "DEA", "t", NOW, NOW, "agent", participants=frozenset())
    values = codec.case_item(case).serialize()
    assert "participants" not in values
    assert codec.case_record(type(codec.case_item(case)).from_raw_data(values)) == case


@ROUND_TRIPS
@given(operation=KINDS[5].records, cell=texts)
def test_an_operation_read_from_a_cell_entry_has_only_what_the_cell_copies(operation: Operation, cell: str) -> None:
    """A grid cell's entry copies what a conflict check and the watch floor need (`cell_item`),
    its kind included: read from it, an operation has the defaults for status, creator and cells,
    and its update time as its creation time. An entry written before entries kept the kind
    reads as `other`."""
    entry = codec.cell_item(operation, cell)
    from_cell = codec.operation_record(through_attribute_values(entry))
    expected = replace(
        operation, status=OperationStatus.PLANNED, created_at=operation.updated_at, created_by="", cells=()
    )
    assert from_cell == expected
    entry.operation_kind = None  # as yesterday's entries were written
    assert codec.operation_record(through_attribute_values(entry)) == replace(expected, kind=OperationKind.OTHER)


@ROUND_TRIPS
@given(case=KINDS[0].records, org=orgs)
def test_a_case_list_entry_holds_the_case_summary(case: Case, org: str) -> None:
    """An organisation's entry for a case (`membership_item`) copies what the case list shows."""
    summary = codec.summary_record(through_attribute_values(codec.membership_item(case, org)))
    role = "owner" if org == case.owner else "participant"
    assert summary == CaseSummary(
        case.case_id, case.owner, role, case.title, case.status.value, case.tlp.value, case.updated_at
    )


@ROUND_TRIPS
@given(held=KINDS[4].records)
def test_a_holding_read_from_the_blind_index_has_no_value(held: HeldIdentifier) -> None:
    """The `blind` index projects keys, owner, id and time (`holding_record`): the case comes
    from the item's key, and no value is there to read."""
    item = through_attribute_values(codec.identifier_item(held))
    assert codec.holding_record(item) == Holding(
        held.token, held.case_id, held.identifier_id, held.owner, held.added_at
    )


@ROUND_TRIPS
@given(key=hex_text(64), sides=st.tuples(KINDS[6].records, KINDS[6].records))
def test_a_hit_pair_is_its_claim_and_both_sides(key: str, sides: tuple[HitRecord, HitRecord]) -> None:
    """`hit_pair_items` writes a claim naming the pair's hits, then each hit as `hit_item` does."""
    claim, *written = (through_attribute_values(item) for item in codec.hit_pair_items(MatchedPair(key, sides)))
    assert [str(hit_id) for hit_id in claim.hit_ids] == [side.hit_id for side in sides]
    assert [codec.hit_record(item) for item in written] == list(sides)


#: An event's `detail` as it goes on the bus: its id, when it happened, to whom, and the rest.
event_details = st.fixed_dictionaries(
    {
        "id": ids("evt"),
        "occurred_at": utc_datetimes.map(lambda at: at.isoformat().replace("+00:00", "Z")),
        "recipients": st.lists(orgs, min_size=1, max_size=3),
    },
    optional={"case_id": ids("case"), "data": st.dictionaries(texts, json_values, max_size=3)},
)


@ROUND_TRIPS
@given(
    org=orgs,
    detail_type=texts,
    detail=event_details,
    began=utc_datetimes,
    place=st.integers(0, 99_999),
)
def test_a_feed_entry_holds_the_event_as_it_went_on_the_bus(
    org: str, detail_type: str, detail: dict[str, Any], began: datetime, place: int
) -> None:
    """A recipient's feed entry (`storage.feed`) gives back the event whole, at the position its
    batch's time, its place in the batch and its id make."""
    event = Delivered(detail_type, detail)
    entry = feed._entry(through_attribute_values(feed._item(org, event, began, place)))
    position = f"{instant(began)}#{place:05d}#{event.event_id}"
    assert entry == FeedEntry(position, event.event_id, detail_type, detail, event.occurred_at)


@ROUND_TRIPS
@given(referral=KINDS[2].records, case_version=st.integers(1, 2**31))
def test_a_stamped_referral_reads_back_its_case_title_and_marking(referral: Referral, case_version: int) -> None:
    """What `stamp_referrals` sets on a referral's item is read back, but for the case version
    it was stamped from, which only conditions the next stamp and is no field of a referral."""
    item = codec.referral_item(referral)
    item.case_title, item.case_tlp, item.case_version = referral.case_title, referral.case_tlp, case_version
    read = through_attribute_values(item)
    assert codec.referral_record(read) == referral
    assert codec.referral_item(codec.referral_record(read)).serialize() == {
        name: value
        for name, value in item.serialize().items()
        if name not in ("case_title", "case_tlp", "case_version")
    }
