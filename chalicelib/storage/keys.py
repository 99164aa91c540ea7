"""Every key of the one table and its indexes: the only module that writes a key prefix.

`LAYOUT` renders the key table of docs/operating/architecture.md from these same builders (checked by
`tests/test_keys.py`), so the table and the keys cannot drift.

Within a case partition the case item sorts just before its notes (`CASE` < `CASE#NOTE#…`)
and nothing else sorts in that gap: one Query reads the case *and* a page of its notes.
Status filters are a `begins_with` on an index sort key (`pending#…`) under a partition key
that never changes, so a transition rewrites only sort keys it can compute blind. Every
partition key that starts with `AUDIT#` holds audit records only: IAM conditions see
partition keys, never sort keys, so this is what lets the stack deny every function
`UpdateItem` and `DeleteItem` on the trail. Hot keys are sharded: an organisation's own
audit records over `AUDIT_SHARDS` partitions, each agency's tip inbox over the domain's
`INBOX_SHARDS` index partitions, each platform's inbound boxes (preservations, legal process,
emergencies) over `PLATFORM_BOX_SHARDS`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

CASE_SK = "CASE"
NOTE_PREFIX = "CASE#NOTE#"
AUDIT_PREFIX = "AUDIT#"
REFERRAL_PREFIX = "REF#"
IDEMPOTENCY_SK = "IDEM"
IDENTIFIER_PREFIX = "IDENT#"
OPERATION_PREFIX = "OP#"
MEMBERSHIP_PREFIX = "CASE#"
TIP_SK = "TIP"
TIP_REFERENCE_SK = "TIPREF"
PRESERVATION_SK = "PRES"
FILE_SK = "FILE"
LEGAL_SK = "LEGAL"
EMERGENCY_SK = "EMER"
COUNTER_SK = "QUOTA"
HIT_PAIR_SK = "HIT"
ORGANISATION_SK = "ORGANISATION"
#: Beside a refused proposal's code: what was refused, kept; the code is never proposed again.
REFUSED_SK = "REFUSED"
ORI_SK = "ORI"
PERSON_SK = "PERSON"
WATCHED_SK = "CONFLICT"
WATCH_ENTRY_PREFIX = "WATCH#"
SCHEDULER_PK = "SCHEDULER#TIMERS"
SCHEDULER_SK = "STATE"
#: Every audit partition key starts with this, and nothing else's does (IAM denies changes there).
AUDIT_PARTITION_PREFIX = "AUDIT#"
#: The partitions written in batches (BatchWriteItem), which IAM allows only there: feed
#: entries and timers.
FEED_PARTITION_PREFIX = "FEED#"
TIMERS_PARTITION_PREFIX = "TIMERS#"
#: The timer buckets that hold timers: an entry per bucket (its sort key the bucket), written
#: with its timers, so the scheduler reads the few filled hours since its checkpoint, not every hour.
TIMER_BUCKETS_PK = f"{TIMERS_PARTITION_PREFIX}BUCKETS"
#: Beside the entries: the directory lists the bucket of every timer in the table (timers
#: written before it was kept included). Sorts after every bucket (`YYYY-MM-DDTHH`).
TIMER_BUCKETS_COMPLETE_SK = "COMPLETE"
#: Partitions an organisation's own audit records spread over.
AUDIT_SHARDS = 16
#: Index partitions a platform's inbound box (preservations, legal process, emergencies) is
#: spread over: every agency writes to it, and the platform's desk polls it.
PLATFORM_BOX_SHARDS = 4
#: Partitions each organisation's event feed is spread over (a sweep writes thousands at once).
FEED_SHARDS = 8
#: Sorts after every id character, to close key ranges.
HIGH = "~"

_CASE_PARTITION = "CASE#"


def case_pk(case_id: str) -> str:
    return f"{_CASE_PARTITION}{case_id}"


def case_id_of(pk: str) -> str:
    """The case id in a case partition's key."""
    return pk.removeprefix(_CASE_PARTITION)


def org_pk(org: str) -> str:
    return f"ORG#{org}"


def membership_sk(case_id: str) -> str:
    """A case's entry in an organisation's case list."""
    return f"{MEMBERSHIP_PREFIX}{case_id}"


def cases_pk(org: str) -> str:
    """The index partition of an organisation's case list, sorted by `<status>#<case_id>`."""
    return f"ORG#{org}#CASES"


def box_pk(org: str, box: str) -> str:
    """The index partition of an organisation's inbound (`IN`) or outbound (`OUT`) referrals."""
    return f"ORG#{org}#REF#{box}"


def status_sk(status: str, item_id: str) -> str:
    return f"{status}#{item_id}"


def idempotency_pk(org: str, key: str) -> str:
    return f"IDEM#{org}#{key}"


def cell_pk(cell: str) -> str:
    return f"OPCELL#{cell}"


def cell_sk(starts_at: datetime | str, operation_id: str) -> str:
    """An operation's entry in a grid cell, sorted by when it starts."""
    start = starts_at.isoformat() if isinstance(starts_at, datetime) else starts_at
    return f"{start}#{operation_id}"


def hits_pk(org: str) -> str:
    return f"HITS#{org}"


def hit_pair_pk(pair_key: str) -> str:
    """A hit's claim on its pair (`domain.deconfliction.pair_key`): one hit per pair, ever."""
    return f"HITPAIR#{pair_key}"


def conflicts_pk(org: str) -> str:
    return f"CONFLICTS#{org}"


def case_audit_pk(case_id: str) -> str:
    """A case's audit trail: a partition of its own, apart from the case's items."""
    return f"{AUDIT_PARTITION_PREFIX}CASE#{case_id}"


def org_audit_pk(org: str, audit_id: str) -> str:
    """One of the organisation's audit partitions: a hash of the record's id picks it."""
    return _org_audit_partition(org, str(hashlib.sha256(audit_id.encode()).digest()[0] % AUDIT_SHARDS))


def _org_audit_partition(org: str, shard: str) -> str:
    return f"{AUDIT_PARTITION_PREFIX}{org}#{shard}"


def quota_pk(counter: tuple[str, ...], question: str, window: datetime | str) -> str:
    """A quota counter: `counter` is the domain's (`("ORG", org)` or `("SUB", org, person)`)."""
    return f"QUOTA#{'#'.join(counter)}#{question}#{_hour(window)}"


def probe_pk(org: str, by_org: str, kind: str, window: datetime | str) -> str:
    return f"PROBE#{org}#{by_org}#{kind}#{_hour(window)}"


def _hour(window: datetime | str) -> str:
    """A counter's window as its hour; a string as it is (a placeholder of `LAYOUT`)."""
    return f"{window:%Y-%m-%dT%H}" if isinstance(window, datetime) else window


FIGURE_FACT_SK = "FACT"


def figure_pk(scope: str, year: int | str) -> str:
    """One audience's counters of one year (`domain.figures.scope`): a period is a range of its sort keys."""
    return f"FIG#{scope}#{year}"


def figure_sk(month: str, figure: str, dims: tuple[tuple[str, str], ...]) -> str:
    """A counter within its audience's year: `2026-11#requests#kind=subpoena,platform=META`."""
    return f"{month}#{_cell(figure, dims)}"


def figure_months(first: str, last: str) -> tuple[str, str]:
    """The sort keys that bound the counters of the months `first` to `last` (`YYYY-MM`)."""
    return f"{first}#", f"{last}#{HIGH}"


def figure_of_sk(sk: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """A counter's month, figure and dimensions, from its sort key (`figure_sk`)."""
    month, rest = sk.split("#", 1)
    figure, dims = _cell_of(rest)
    return month, figure, dims


def figure_first_pk(scope: str) -> str:
    """When each of an audience's cells was first seen (a service first reported): one partition, for ever."""
    return f"FIG#{scope}#FIRST"


def figure_first_sk(figure: str, dims: tuple[tuple[str, str], ...]) -> str:
    return _cell(figure, dims)


def figure_of_first_sk(sk: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A first sighting's figure and dimensions, from its sort key (`figure_first_sk`)."""
    return _cell_of(sk)


def _cell(figure: str, dims: tuple[tuple[str, str], ...]) -> str:
    """A cell of figures in a sort key, after its month or on its own: `requests#kind=subpoena,platform=META`."""
    return f"{figure}#" + ",".join(f"{name}={value}" for name, value in dims)


def _cell_of(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A cell's figure and dimensions, from its part of a sort key (`_cell`)."""
    figure, rest = text.split("#", 1)
    pairs = [part.split("=", 1) for part in rest.split(",") if part]
    return figure, tuple((name, value) for name, value in pairs)


def figure_fact_pk(fact_id: str) -> str:
    """That a fact was counted (TTL): a record the stream delivers again is not counted twice."""
    return f"FIGFACT#{fact_id}"


def alerts_pk(org: str) -> str:
    return f"ALERTS#{org}"


def tip_pk(tip_id: str) -> str:
    return f"TIP#{tip_id}"


def tip_reference_pk(platform: str, reference: str) -> str:
    return f"TIPREF#{platform}#{reference}"


def inbox_pk(org: str, shard: int | str) -> str:
    """One of the index partitions an agency's tip inbox is spread over."""
    return f"TIPS#{org}#{shard}"


def preservation_pk(preservation_id: str) -> str:
    return f"PRES#{preservation_id}"


def preservation_box_pk(org: str, box: str, shard: int | str | None = None) -> str:
    """A platform's inbound (`IN`, one of its shards) or an agency's outbound (`OUT`) preservation requests."""
    return _box_pk("PRES", org, box, shard)


def legal_pk(request_id: str) -> str:
    return f"LEGAL#{request_id}"


def legal_box_pk(org: str, box: str, shard: int | str | None = None) -> str:
    """A platform's inbound (`IN`, one of its shards) or an agency's outbound (`OUT`) legal requests."""
    return _box_pk("LEGAL", org, box, shard)


def _box_pk(prefix: str, org: str, box: str, shard: int | str | None) -> str:
    return f"{prefix}#{box}#{org}" + ("" if shard is None else f"#{shard}")


def platform_box_shard(item_id: str) -> int:
    """The partition of its platform's inbound box an item lives in: a hash of its id."""
    return hashlib.sha256(item_id.encode()).digest()[0] % PLATFORM_BOX_SHARDS


def inbound_partitions(pk: Callable[[int], str]) -> list[str]:
    """Every partition of a platform's inbound box, `pk` making each shard's key."""
    return [pk(shard) for shard in range(PLATFORM_BOX_SHARDS)]


def emergency_pk(request_id: str) -> str:
    return f"EMER#{request_id}"


def emergency_queue_pk(platform: str, shard: int | str) -> str:
    """One of the index partitions a platform's 24/7 emergency queue is spread over."""
    return f"EMER#IN#{platform}#{shard}"


def emergency_box_pk(org: str) -> str:
    """An agency's emergency requests."""
    return f"EMER#OUT#{org}"


def watched_pk(conflict_id: str) -> str:
    """A watched conflict between two operations, and its entries in its centers' lists."""
    return f"CNF#{conflict_id}"


def watch_list_pk(center: str, state: str | None = None) -> str:
    """A watch center's list of conflicts: all of them, or those in one state."""
    return f"WATCH#{center}" + (f"#{state}" if state else "")


def watch_entry_keys(
    conflict_id: str, center: str, state: str, unresolved: bool, starts_at: datetime | str
) -> dict[str, Any]:
    """A conflict in one center's list, by its earliest start (the most urgent first): while it
    is unresolved, in the watch floor's list (gsi1, sparse: a resolved one leaves it, so the list
    stays as long as the open work, whatever the history); always in its state's (gsi2)."""
    start = starts_at if isinstance(starts_at, str) else instant(starts_at)
    keys = {"gsi2pk": watch_list_pk(center, state), "gsi2sk": f"{start}#{conflict_id}"}
    if unresolved:
        keys |= {"gsi1pk": watch_list_pk(center), "gsi1sk": f"{start}#{conflict_id}"}
    return keys


def operation_watch_keys(conflict_id: str, first_operation: str, second_operation: str) -> dict[str, Any]:
    """A watched conflict under each of its operations (gsi3, gsi4): a moved operation finds its conflicts."""
    return {
        "gsi3pk": f"CNF#OP#{first_operation}",
        "gsi3sk": conflict_id,
        "gsi4pk": f"CNF#OP#{second_operation}",
        "gsi4sk": conflict_id,
    }


def operation_watch_pk(operation_id: str) -> str:
    return f"CNF#OP#{operation_id}"


def feed_pk(org: str, shard: int | str) -> str:
    """One of the partitions an organisation's event feed is spread over."""
    return f"{FEED_PARTITION_PREFIX}{org}#{shard}"


def feed_id_pk(org: str, event_id: str) -> str:
    """The index partition that finds an event in an organisation's feed (`after=<event id>`)."""
    return f"FEEDID#{org}#{event_id}"


def feed_entry_keys(org: str, event_id: str, stamp: str, shard: int | str | None = None) -> dict[str, Any]:
    """An event in a recipient's feed, at its position `<stamp>#<event id>` (oldest first; the
    stamp is the batch's time and the event's place in it), in the shard its id hashes to;
    and in `gsi1` under its id."""
    if shard is None:
        shard = hashlib.sha256(event_id.encode()).digest()[0] % FEED_SHARDS
    position = f"{stamp}#{event_id}"
    return {"pk": feed_pk(org, shard), "sk": position, "gsi1pk": feed_id_pk(org, event_id), "gsi1sk": position}


def file_pk(file_id: str) -> str:
    return f"FILE#{file_id}"


def files_pk(parent_id: str) -> str:
    """The index partition of a case's files (or a tip's, until it reaches a case)."""
    return f"FILES#{parent_id}"


def custody_pk(file_id: str) -> str:
    """The index partition of a file's chain of custody: the audit records that handed it over."""
    return f"CUSTODY#{file_id}"


def custody_index_keys(file_id: str, audit_id: str) -> dict[str, Any]:
    """An audit record in its file's chain of custody, oldest first (audit ids begin with their ULID)."""
    return {"gsi1pk": custody_pk(file_id), "gsi1sk": audit_id}


def file_index_keys(file_id: str, parent_id: str) -> dict[str, Any]:
    """A file among its case's files, newest first (file ids begin with their ULID)."""
    return {"gsi1pk": files_pk(parent_id), "gsi1sk": file_id}


def timers_pk(bucket: str) -> str:
    return f"{TIMERS_PARTITION_PREFIX}{bucket}"


def timer_sk(due_at: datetime | str, kind: str, subject_id: str) -> str:
    """A timer in its hour, sorted by when it is due."""
    due = instant(due_at) if isinstance(due_at, datetime) else due_at
    return f"{due}#{kind}#{subject_id}"


def organisation_pk(code: str) -> str:
    """An organisation of the registry: a partition of its own, read by key on every request."""
    return f"REGISTRY#{code}"


def issuer_pk(issuer: str) -> str:
    """The organisations an identity provider speaks for, one item each (sorted by
    `organisation_pk`): one Query finds them all. A hash, as an issuer URL may be long."""
    return f"ISSUER#{hashlib.sha256(issuer.encode()).hexdigest()[:32]}"


def ori_pk(ori: str) -> str:
    """An NCIC ORI, held by one organisation of the registry: written on condition it is free."""
    return f"ORI#{ori}"


def person_pk(person_id: str) -> str:
    """A person of an organisation (`domain.people`): their id is derived from their identity,
    so a token finds its person with one GetItem."""
    return f"PERSON#{person_id}"


def requester_pk(person_id: str) -> str:
    """The platforms a person sent requests to (`SENT#<platform>`), and those their emergency
    requests reached (`EMER#<platform>`): one Query counts them."""
    return f"REQUESTER#{person_id}"


def requester_sk(platform: str, emergency: bool = False) -> str:
    return f"{'EMER' if emergency else 'SENT'}#{platform}"


def fraud_report_sk(request_id: str) -> str:
    """A platform's report of a request as fraudulent, in its requester's partition: once per request."""
    return f"REPORT#{request_id}"


def people_index_keys(org: str, person_id: str) -> dict[str, Any]:
    """A person among their organisation's persons (gsi1), by id."""
    return {"gsi1pk": f"PEOPLE#{org}", "gsi1sk": person_id}


def directory_pk(status: str, kind: str | None = None, state: str | None = None) -> str:
    """The index partition of the directory: the organisations of a status, of one kind or
    state (or all of them), sorted by code."""
    if kind is not None:
        return f"DIRECTORY#{status}#KIND#{kind}"
    return f"DIRECTORY#{status}" + ("" if state is None else f"#STATE#{state}")


def directory_keys(code: str, status: str, kind: str, state: str | None) -> dict[str, Any]:
    """An organisation in the directory: all of its status (gsi1), by kind (gsi2), by state
    (gsi3, where it has one), each sorted by code; a change of status rewrites them blind."""
    keys = {
        "gsi1pk": directory_pk(status),
        "gsi1sk": code,
        "gsi2pk": directory_pk(status, kind=kind),
        "gsi2sk": code,
    }
    if state is not None:
        keys |= {"gsi3pk": directory_pk(status, state=state), "gsi3sk": code}
    return keys


def instant(at: datetime) -> str:
    """A fixed-width UTC time, so that sort keys order as the instants do."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Index keys: the attributes an item carries to appear in an index.


def membership_index_keys(org: str, status: str, case_id: str) -> dict[str, Any]:
    return {"gsi1pk": cases_pk(org), "gsi1sk": status_sk(status, case_id)}


def referral_index_keys(referral_id: str, to_org: str, from_org: str, status: str) -> dict[str, Any]:
    """The receiver's box and the sender's."""
    return _both_boxes(referral_id, status, inbound=box_pk(to_org, "IN"), outbound=box_pk(from_org, "OUT"))


def inbox_keys(tip_id: str, shard: int | str, org: str, status: str) -> dict[str, Any]:
    """A routed tip in its agency's inbox shard: by status (gsi1) and all (gsi3)."""
    return {
        "gsi1pk": inbox_pk(org, shard),
        "gsi1sk": status_sk(status, tip_id),
        "gsi3pk": inbox_pk(org, shard),
        "gsi3sk": tip_id,
    }


def preservation_box_keys(
    preservation_id: str, platform: str, org: str, status: str, shard: int | str | None = None
) -> dict[str, Any]:
    """The platform's inbound box (its shard: `platform_box_shard`) and the agency's outbound one."""
    return _platform_boxes(preservation_box_pk, preservation_id, platform, org, status, shard)


def legal_box_keys(
    request_id: str, platform: str, org: str, status: str, shard: int | str | None = None
) -> dict[str, Any]:
    """The platform's inbound box (its shard: `platform_box_shard`) and the agency's outbound one."""
    return _platform_boxes(legal_box_pk, request_id, platform, org, status, shard)


def _platform_boxes(
    box_pk: Callable[[str, str, int | str | None], str],
    item_id: str,
    platform: str,
    org: str,
    status: str,
    shard: int | str | None,
) -> dict[str, Any]:
    """A request between an agency and a platform in both its boxes (`box_pk` names them)."""
    shard = platform_box_shard(item_id) if shard is None else shard
    return _both_boxes(item_id, status, inbound=box_pk(platform, "IN", shard), outbound=box_pk(org, "OUT", None))


def emergency_box_keys(request_id: str, org: str, status: str) -> dict[str, Any]:
    """An emergency request in its agency's box: by status (gsi2) and all (gsi4), newest first."""
    box = emergency_box_pk(org)
    return {"gsi2pk": box, "gsi2sk": status_sk(status, request_id), "gsi4pk": box, "gsi4sk": request_id}


def emergency_queue_keys(
    request_id: str, platform: str, rank: str, status: str, shard: int | str | None = None
) -> dict[str, Any]:
    """An approved emergency request on its platform's queue shard (`platform_box_shard`): by
    status (gsi1) and all (gsi3), where it sorts by `rank` (unacknowledged first), then oldest first."""
    queue = emergency_queue_pk(platform, platform_box_shard(request_id) if shard is None else shard)
    return {"gsi1pk": queue, "gsi1sk": status_sk(status, request_id), "gsi3pk": queue, "gsi3sk": f"{rank}#{request_id}"}


def _both_boxes(item_id: str, status: str, *, inbound: str, outbound: str) -> dict[str, Any]:
    """An item in an inbound and an outbound box: by status (gsi1, gsi2) and all (gsi3, gsi4)."""
    return {
        "gsi1pk": inbound,
        "gsi1sk": status_sk(status, item_id),
        "gsi2pk": outbound,
        "gsi2sk": status_sk(status, item_id),
        "gsi3pk": inbound,
        "gsi3sk": item_id,
        "gsi4pk": outbound,
        "gsi4sk": item_id,
    }


def blind_keys(token: str, case_id: str) -> dict[str, Any]:
    """An identifier in the `blind` index: its token, and its case's partition as the sort key."""
    return {"token": token, "pk": case_pk(case_id)}


# The layout, rendered from the builders above.


@dataclass(frozen=True)
class Layout:
    item: str
    pk: str
    sk: str
    indexes: Mapping[str, str] | None = None
    note: str = ""

    def row(self) -> str:
        indexes = ""
        if self.indexes:
            names = sorted(name[:-2] for name in self.indexes if name.startswith("gsi") and name.endswith("pk"))
            names += ["blind"] if "token" in self.indexes else []
            indexes = ", ".join(_index_cell(name, self.indexes) for name in names)
        return f"| {self.item} | `{self.pk}` | `{self.sk}` | {indexes}{self.note} |"


def _index_cell(name: str, keys: Mapping[str, Any]) -> str:
    if name == "blind":
        return f"blind `{keys['token']}` / `{keys['pk']}`"
    return f"{name} `{keys[name + 'pk']}` / `{keys[name + 'sk']}`"


_ID = "<id>"
_SHARD = f"<0-{PLATFORM_BOX_SHARDS - 1}>"
LAYOUT = (
    Layout("case", case_pk(_ID), CASE_SK),
    Layout("note", case_pk(_ID), NOTE_PREFIX + "<note_id>"),
    Layout("audit (of a case)", case_audit_pk(_ID), AUDIT_PREFIX + "<audit_id>"),
    Layout(
        "audit (a file's custody entry, of its case)",
        case_audit_pk(_ID),
        AUDIT_PREFIX + "<audit_id>",
        custody_index_keys("<file_id>", "<audit_id>"),
    ),
    Layout(
        "referral",
        case_pk(_ID),
        REFERRAL_PREFIX + "<referral_id>",
        referral_index_keys(_ID, "<to>", "<from>", "<status>"),
    ),
    Layout(
        "membership (case list)",
        org_pk("<org>"),
        membership_sk(_ID),
        membership_index_keys("<org>", "<status>", _ID),
    ),
    Layout(
        "audit (not of a case)", _org_audit_partition("<org>", f"<0-{AUDIT_SHARDS - 1}>"), AUDIT_PREFIX + "<audit_id>"
    ),
    Layout("idempotency", idempotency_pk("<org>", "<key>"), IDEMPOTENCY_SK),
    Layout(
        "identifier",
        case_pk(_ID),
        IDENTIFIER_PREFIX + "<identifier_id>",
        blind_keys("<token>", _ID),
        " (keys, owner, identifier id and time only)",
    ),
    Layout("operation", case_pk(_ID), OPERATION_PREFIX + "<operation_id>"),
    Layout("operation cell entry", cell_pk("<lat cell>:<lon cell>"), cell_sk("<starts_at>", "<operation_id>")),
    Layout("hit", hits_pk("<org>"), "<hit_id>"),
    Layout("hit pair claim", hit_pair_pk("<pair key>"), HIT_PAIR_SK),
    Layout("conflict", conflicts_pk("<org>"), "<conflict_id>"),
    Layout("tip", tip_pk("<tip_id>"), TIP_SK, inbox_keys(_ID, "<0-7>", "<agency>", "<status>"), " (once routed)"),
    Layout("tip reference claim", tip_reference_pk("<platform>", "<reference>"), TIP_REFERENCE_SK),
    Layout(
        "preservation request",
        preservation_pk(_ID),
        PRESERVATION_SK,
        preservation_box_keys(_ID, "<platform>", "<agency>", "<status>", _SHARD),
    ),
    Layout("evidence file", file_pk("<file_id>"), FILE_SK, file_index_keys("<file_id>", "<case_id or tip_id>")),
    Layout("legal request", legal_pk(_ID), LEGAL_SK, legal_box_keys(_ID, "<platform>", "<agency>", "<status>", _SHARD)),
    Layout(
        "emergency request",
        emergency_pk(_ID),
        EMERGENCY_SK,
        {
            **emergency_box_keys(_ID, "<agency>", "<status>"),
            **emergency_queue_keys(_ID, "<platform>", "<1-3>", "<status>", _SHARD),
        },
        " (the platform's queue once approved)",
    ),
    Layout(
        "watched conflict",
        watched_pk(_ID),
        WATCHED_SK,
        operation_watch_keys(_ID, "<first operation_id>", "<second operation_id>"),
    ),
    Layout(
        "watched conflict's entry in a watch center's list",
        watched_pk(_ID),
        WATCH_ENTRY_PREFIX + "<center>",
        watch_entry_keys(_ID, "<center>", "<state>", True, "<starts_at>"),
        " (gsi1 while unresolved)",
    ),
    Layout(
        "timer (referral overdue, preservation expiring/expired, identifier recheck, file upload expired, "
        "legal request overdue, nondisclosure ending/ended, emergency request unacknowledged, legal process due, conflict unowned, conflict contact overdue)",
        timers_pk("<YYYY-MM-DDTHH>"),
        timer_sk("<due_at>", "<kind>", "<subject_id>"),
    ),
    Layout("timer bucket directory (an hour that holds timers)", TIMER_BUCKETS_PK, "<YYYY-MM-DDTHH>"),
    Layout("timer bucket directory is complete", TIMER_BUCKETS_PK, TIMER_BUCKETS_COMPLETE_SK),
    Layout("scheduler checkpoint", SCHEDULER_PK, SCHEDULER_SK),
    Layout(
        "organisation (the registry)",
        organisation_pk("<code>"),
        ORGANISATION_SK,
        directory_keys("<code>", "<status>", "<kind>", "<state>"),
        " (gsi3 for an organisation with a jurisdiction)",
    ),
    Layout(
        "an identity provider's binding to an organisation",
        "ISSUER#<sha-256 of the issuer, 32 hex digits>",
        organisation_pk("<code>"),
    ),
    Layout("an ORI's holder in the registry", ori_pk("<ori>"), ORI_SK),
    Layout("a refused proposal (its code is never proposed again)", organisation_pk("<code>"), REFUSED_SK),
    Layout(
        "a person of an organisation",
        person_pk("per_<ULID-shaped sha-256 of issuer and canonical subject>"),
        PERSON_SK,
        people_index_keys("<org>", "<person_id>"),
    ),
    Layout(
        "a platform a person sent a request to, or their emergency requests reached",
        requester_pk("<person_id>"),
        "SENT#<platform> or EMER#<platform>",
    ),
    Layout(
        "a platform's report of a request as fraudulent", requester_pk("<person_id>"), fraud_report_sk("<request_id>")
    ),
    Layout(
        "event feed entry (TTL), per recipient",
        feed_pk("<org>", f"<0-{FEED_SHARDS - 1}>"),
        "<written_at>#<place>#<event_id>",
        {"gsi1pk": feed_id_pk("<org>", "<event_id>"), "gsi1sk": "<written_at>#<place>#<event_id>"},
    ),
    Layout("quota counter (TTL), per organisation", quota_pk(("ORG", "<org>"), "<question>", "<hour>"), COUNTER_SK),
    Layout(
        "quota counter (TTL), per person",
        quota_pk(("SUB", "<org>", "<hash of sub>"), "<question>", "<hour>"),
        COUNTER_SK,
    ),
    Layout("probe counter (TTL)", probe_pk("<org>", "<by org>", "<kind>", "<hour>"), COUNTER_SK),
    Layout("probe alert", alerts_pk("<org>"), "<alert_id>"),
    Layout(
        "figure counter, per audience, month and dimensions",
        figure_pk("<NATIONAL, PLATFORM:<code> or AGENCY:<code>>", "<YYYY>"),
        figure_sk("<YYYY-MM>", "<figure>", (("<dimension>", "<value>"),)),
    ),
    Layout(
        "the month a cell of figures was first seen",
        figure_first_pk("<NATIONAL, PLATFORM:<code> or AGENCY:<code>>"),
        figure_first_sk("<figure>", (("<dimension>", "<value>"),)),
    ),
    Layout("a fact counted into figures (TTL)", figure_fact_pk("<family>:<id>:<what happened>"), FIGURE_FACT_SK),
)
