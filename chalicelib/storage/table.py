"""The one table: item types, key layout and indexes, as PynamoDB declarations.

Keys are built in `storage/keys.py` alone; its `LAYOUT` renders the key table of docs/operating/architecture.md.

The `blind` index projects only keys, the owner and the time: it is the deconfliction
index, and holds no identifier value (the value stays on the case's identifier item).
Operation cell entries copy what a conflict check needs (place, window, organisation,
on-scene contact), so a check reads only the cells its circle touches.

Timers sit under the hour they are due in, and each such hour has an entry in the bucket
directory (`TIMERS#BUCKETS`); the scheduler reads the hours since its last run that the
directory lists (`SCHEDULER#TIMERS` holds how far it got) and deletes each timer as it fires.
"""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    DiscriminatorAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from chalicelib.settings import settings


class Gsi1(GlobalSecondaryIndex):  # type: ignore[type-arg]
    """Case lists and inbound referrals, sorted by `<status>#<id>`."""

    class Meta:
        index_name = "gsi1"
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class Gsi2(GlobalSecondaryIndex):  # type: ignore[type-arg]
    """Outbound referrals, sorted by `<status>#<id>`."""

    class Meta:
        index_name = "gsi2"
        projection = AllProjection()

    gsi2pk = UnicodeAttribute(hash_key=True)
    gsi2sk = UnicodeAttribute(range_key=True)


class Gsi3(GlobalSecondaryIndex):  # type: ignore[type-arg]
    """Inbound referrals, newest first whatever their status."""

    class Meta:
        index_name = "gsi3"
        projection = AllProjection()

    gsi3pk = UnicodeAttribute(hash_key=True)
    gsi3sk = UnicodeAttribute(range_key=True)


class Gsi4(GlobalSecondaryIndex):  # type: ignore[type-arg]
    """Outbound referrals, newest first whatever their status."""

    class Meta:
        index_name = "gsi4"
        projection = AllProjection()

    gsi4pk = UnicodeAttribute(hash_key=True)
    gsi4sk = UnicodeAttribute(range_key=True)


class BlindIndex(GlobalSecondaryIndex):  # type: ignore[type-arg]
    """Deconfliction: which cases hold a token. Projects no value, only keys, owner and time."""

    class Meta:
        index_name = "blind"
        projection = IncludeProjection(["kind", "owner", "identifier_id", "added_at"])

    token = UnicodeAttribute(hash_key=True)
    pk = UnicodeAttribute(range_key=True)


class ContactMap(MapAttribute):  # type: ignore[type-arg]
    name = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)


#: Calls a process makes at once (`storage.dynamo.parallel`); each needs a connection of its
#: own, and botocore's pool holds 10 unless told otherwise.
CONNECTIONS = 16


class Item(Model):
    """Every item of the table; `kind` says which of the subclasses below it is."""

    class Meta:
        table_name = settings().table_name
        max_pool_connections = CONNECTIONS
        billing_mode = "PAY_PER_REQUEST"
        stream_view_type = "NEW_AND_OLD_IMAGES"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    kind = DiscriminatorAttribute()
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    gsi3pk = UnicodeAttribute(null=True)
    gsi3sk = UnicodeAttribute(null=True)
    gsi4pk = UnicodeAttribute(null=True)
    gsi4sk = UnicodeAttribute(null=True)
    #: Set on identifier items only: the key of the sparse `blind` index.
    token = UnicodeAttribute(null=True)

    gsi1 = Gsi1()
    gsi2 = Gsi2()
    gsi3 = Gsi3()
    gsi4 = Gsi4()
    blind = BlindIndex()


class CaseItem(Item, discriminator="case"):
    case_id = UnicodeAttribute()
    owner = UnicodeAttribute()
    title = UnicodeAttribute()
    summary = UnicodeAttribute(default="")
    substances = ListAttribute(of=UnicodeAttribute, default=list)  # type: ignore[var-annotated]
    platforms = ListAttribute(of=UnicodeAttribute, default=list)  # type: ignore[var-annotated]
    jurisdiction = UnicodeAttribute(null=True)
    contact = ContactMap(default=dict)
    tlp = UnicodeAttribute()
    status = UnicodeAttribute()
    participants = UnicodeSetAttribute()
    pending_referrals_to = UnicodeSetAttribute(null=True)
    # A plain number, not PynamoDB's VersionAttribute: that one resets the version to 1 on an
    # update of an instance that was not read first, and every write here is blind.
    version = NumberAttribute()
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    created_by = UnicodeAttribute()
    identifier_key = UnicodeAttribute(null=True)


class NoteItem(Item, discriminator="note"):
    note_id = UnicodeAttribute()
    case_id = UnicodeAttribute()
    text = UnicodeAttribute()
    author_org = UnicodeAttribute()
    author_subject = UnicodeAttribute()
    author_name = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()


class ReferralItem(Item, discriminator="referral"):
    referral_id = UnicodeAttribute()
    case_id = UnicodeAttribute()
    from_org = UnicodeAttribute()
    to_org = UnicodeAttribute()
    reason = UnicodeAttribute()
    priority = UnicodeAttribute()
    respond_by = UTCDateTimeAttribute()
    status = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    created_by = UnicodeAttribute()
    decided_at = UTCDateTimeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    decline_reason = UnicodeAttribute(null=True)
    overdue_at = UTCDateTimeAttribute(null=True)
    case_title = UnicodeAttribute(null=True)
    case_tlp = UnicodeAttribute(null=True)
    case_version = NumberAttribute(null=True)


class MembershipItem(Item, discriminator="membership"):
    """An organisation's entry for a case it may see: the case list reads these."""

    org = UnicodeAttribute()
    case_id = UnicodeAttribute()
    role = UnicodeAttribute()
    owner = UnicodeAttribute()
    title = UnicodeAttribute()
    status = UnicodeAttribute()
    tlp = UnicodeAttribute()
    case_version = NumberAttribute()
    updated_at = UTCDateTimeAttribute()


class AuditItem(Item, discriminator="audit"):
    audit_id = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    component = UnicodeAttribute()
    event = UnicodeAttribute()
    subject = UnicodeAttribute()
    org = UnicodeAttribute()
    outcome = UnicodeAttribute()
    case_id = UnicodeAttribute(null=True)
    resource_id = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    request_id = UnicodeAttribute(null=True)
    identity = UnicodeAttribute(default="verified")
    claimed_subject = UnicodeAttribute(null=True)
    claimed_org = UnicodeAttribute(null=True)
    source_ip = UnicodeAttribute(null=True)
    user_agent = UnicodeAttribute(null=True)
    blind_tokens = ListAttribute(of=UnicodeAttribute, null=True)  # type: ignore[var-annotated]
    sha256 = UnicodeAttribute(null=True)


class IdempotencyItem(Item, discriminator="idempotency"):
    """What a creating POST created, replayed for the same `Idempotency-Key` (`services.replays`)."""

    request_hash = UnicodeAttribute()
    #: The created resource's type, and the resource as JSON.
    resource_kind = UnicodeAttribute()
    body = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()


class IdentifierItem(Item, discriminator="identifier"):
    """An identifier on a case: its value for the participants, its token for the blind index."""

    identifier_id = UnicodeAttribute()
    case_id = UnicodeAttribute()
    owner = UnicodeAttribute()
    type = UnicodeAttribute()
    value = UnicodeAttribute()
    qualifier = UnicodeAttribute(null=True)
    added_by_org = UnicodeAttribute()
    added_by = UnicodeAttribute()
    added_at = UTCDateTimeAttribute()


class OperationFields(Item):
    """What an operation and its cell entries share: enough to decide a conflict."""

    operation_id = UnicodeAttribute()
    case_id = UnicodeAttribute()
    org = UnicodeAttribute()
    lat = NumberAttribute()
    lon = NumberAttribute()
    radius_m = NumberAttribute()
    starts_at = UTCDateTimeAttribute()
    ends_at = UTCDateTimeAttribute()
    contact = ContactMap(default=dict)
    version = NumberAttribute()
    updated_at = UTCDateTimeAttribute()


class OperationItem(OperationFields, discriminator="operation"):
    operation_kind = UnicodeAttribute()
    status = UnicodeAttribute()
    cells = ListAttribute(of=UnicodeAttribute, default=list)  # type: ignore[var-annotated]
    created_at = UTCDateTimeAttribute()
    created_by = UnicodeAttribute()


class OperationCellItem(OperationFields, discriminator="operation_cell"):
    """An operation's entry in one grid cell, sorted by start."""

    #: An entry written before entries kept the kind has none (`records.operation_record`).
    operation_kind = UnicodeAttribute(null=True)


class CounterItem(Item, discriminator="counter"):
    """A quota or probe counter for one window; DynamoDB's TTL removes it a window later."""

    used = NumberAttribute(default=0)
    expires_at = TTLAttribute()


class FigureItem(Item, discriminator="figure"):
    """One counter of figures: what an audience's figure adds up to in one month and cell
    (`domain.figures`). Written only by adding to it: its key says what it counts."""

    amount = NumberAttribute(default=0)
    #: For a first sighting (`figure_first_pk`): the month it was first seen, set once.
    first_month = UnicodeAttribute(null=True)


class FigureFactItem(Item, discriminator="figure_fact"):
    """A fact counted into figures, kept as long as the stream may deliver its record again."""

    expires_at = TTLAttribute()


class ProbeAlertItem(Item, discriminator="probe_alert"):
    """An organisation told that another one's questions keep hitting its data."""

    alert_id = UnicodeAttribute()
    org = UnicodeAttribute()
    by_org = UnicodeAttribute()
    probe = UnicodeAttribute()  # what was counted: `checked` hits or operation `conflict`s
    window = UTCDateTimeAttribute()
    answers = NumberAttribute()
    at = UTCDateTimeAttribute()


class HitItem(Item, discriminator="hit"):
    hit_id = UnicodeAttribute()
    org = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    reason = UnicodeAttribute()
    other_org = UnicodeAttribute()
    other_contact = ContactMap(default=dict)
    case_id = UnicodeAttribute(null=True)
    id_type = UnicodeAttribute(null=True)
    id_value = UnicodeAttribute(null=True)
    id_qualifier = UnicodeAttribute(null=True)


class HitPairItem(Item, discriminator="hit_pair"):
    """Claims a pair of cases holding one value for the hit written with it: a second pass
    over the pair (a recheck, a tip link, a race) is refused whole and writes nothing."""

    hit_ids = ListAttribute(of=UnicodeAttribute)  # type: ignore[var-annotated]


class ConflictItem(Item, discriminator="conflict"):
    conflict_id = UnicodeAttribute()
    org = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    operation_id = UnicodeAttribute()
    case_id = UnicodeAttribute()
    other_org = UnicodeAttribute()
    other_contact = ContactMap(default=dict)


class TipItem(Item, discriminator="tip"):
    """A platform's report; the inbox index keys are set once it is routed."""

    tip_id = UnicodeAttribute()
    platform = UnicodeAttribute()
    platform_reference = UnicodeAttribute()
    category = UnicodeAttribute()
    received_at = UTCDateTimeAttribute()
    submitted_by = UnicodeAttribute()
    #: The report as submitted, as JSON: agencies read it whole, nothing queries inside it.
    report = UnicodeAttribute()
    #: The normalised identifiers, as JSON `[[type, value, qualifier], ...]`.
    identifiers = UnicodeAttribute(default="[]")
    substances = ListAttribute(of=UnicodeAttribute, default=list)  # type: ignore[var-annotated]
    delivery = ListAttribute(of=UnicodeAttribute, default=list)  # type: ignore[var-annotated]
    country = UnicodeAttribute(null=True)
    escalate = BooleanAttribute(default=False)
    minors_involved = BooleanAttribute(default=False)
    status = UnicodeAttribute()
    routed_to = UnicodeAttribute(null=True)
    route_rule = UnicodeAttribute(null=True)
    route_reason = UnicodeAttribute(null=True)
    matched_case_id = UnicodeAttribute(null=True)
    routed_at = UTCDateTimeAttribute(null=True)
    case_id = UnicodeAttribute(null=True)
    decided_at = UTCDateTimeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    dismiss_reason = UnicodeAttribute(null=True)
    rerouted_from = ListAttribute(of=UnicodeAttribute, default=list)  # type: ignore[var-annotated]


class TipReferenceItem(Item, discriminator="tip_reference"):
    """Claims a platform's own reference, so a repeat is answered with the first tip's id."""

    tip_id = UnicodeAttribute()


class PreservationItem(Item, discriminator="preservation"):
    preservation_id = UnicodeAttribute()
    case_id = UnicodeAttribute()
    org = UnicodeAttribute()
    platform = UnicodeAttribute()
    #: The accounts to preserve, as JSON `[[type, value, qualifier], ...]`.
    accounts = UnicodeAttribute()
    contact = ContactMap(default=dict)
    requested_at = UTCDateTimeAttribute()
    requested_by = UnicodeAttribute()
    # Stored under another name: `expires_at` is the table's TTL attribute.
    expires_at = UTCDateTimeAttribute(attr_name="period_ends_at")
    extended = BooleanAttribute(default=False)
    status = UnicodeAttribute()
    platform_reference = UnicodeAttribute(null=True)
    acknowledged_at = UTCDateTimeAttribute(null=True)
    warned_for = UTCDateTimeAttribute(null=True)
    legal_request_ids = UnicodeSetAttribute(null=True)
    version = NumberAttribute()


class FileItem(Item, discriminator="file"):
    """An evidence file's declaration and state; its bytes are in the evidence bucket."""

    file_id = UnicodeAttribute()
    name = UnicodeAttribute()
    media_type = UnicodeAttribute()
    size = NumberAttribute()
    sha256 = UnicodeAttribute()
    org = UnicodeAttribute()
    declared_by = UnicodeAttribute()
    declared_at = UTCDateTimeAttribute()
    case_id = UnicodeAttribute(null=True)
    tip_id = UnicodeAttribute(null=True)
    platform = UnicodeAttribute(null=True)
    request_id = UnicodeAttribute(null=True)
    tlp = UnicodeAttribute(null=True)
    captured_at = UTCDateTimeAttribute(null=True)
    description = UnicodeAttribute(null=True)
    viewed_by_platform = BooleanAttribute(null=True)
    publicly_available = BooleanAttribute(null=True)
    status = UnicodeAttribute()
    checked_at = UTCDateTimeAttribute(null=True)
    rejected_because = UnicodeAttribute(null=True)
    object_version = UnicodeAttribute(null=True)
    malware_scan = UnicodeAttribute(default="not_scanned")  # `scan` would hide `Model.scan`
    scanned_at = UTCDateTimeAttribute(null=True)
    scanned_version = UnicodeAttribute(null=True)
    awaits_scan = BooleanAttribute(default=False)
    #: `evidence` or `legal_process` (`files.FilePurpose`); absent on a platform's file.
    purpose = UnicodeAttribute(null=True)
    #: Each standing serving of this file, `<platform>#<request_id>` (`files.served_entry`).
    served_with = UnicodeSetAttribute(null=True)
    version = NumberAttribute()


class LegalRequestItem(Item, discriminator="legal"):
    """A subpoena, court order or warrant served on a platform, and what became of it."""

    request_id = UnicodeAttribute()
    case_id = UnicodeAttribute()
    org = UnicodeAttribute()
    platform = UnicodeAttribute()
    process_kind = UnicodeAttribute()
    #: The accounts, as JSON `[[type, value, qualifier], ...]`.
    accounts = UnicodeAttribute()
    categories = UnicodeSetAttribute()
    date_from = UTCDateTimeAttribute()
    date_to = UTCDateTimeAttribute()
    authority_reference = UnicodeAttribute()
    authority_issued_by = UnicodeAttribute()
    authority_issued_at = UTCDateTimeAttribute()
    contact = ContactMap(default=dict)
    sent_at = UTCDateTimeAttribute()
    sent_by = UnicodeAttribute()
    due_at = UTCDateTimeAttribute()
    document_file_id = UnicodeAttribute(null=True)
    preservation_id = UnicodeAttribute(null=True)
    nondisclosure_until = UTCDateTimeAttribute(null=True)
    nondisclosure_order_file_id = UnicodeAttribute(null=True)
    #: The emergency request this process follows (its disclosure's legal process).
    emergency_id = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    platform_reference = UnicodeAttribute(null=True)
    acknowledged_at = UTCDateTimeAttribute(null=True)
    outcome = UnicodeAttribute(null=True)
    answered_at = UTCDateTimeAttribute(null=True)
    answered_by = UnicodeAttribute(null=True)
    reason_code = UnicodeAttribute(null=True)
    detail = UnicodeAttribute(null=True)
    file_ids = ListAttribute(of=UnicodeAttribute, null=True)  # type: ignore[var-annotated]
    withdrawn_at = UTCDateTimeAttribute(null=True)
    withdrawn_because = UnicodeAttribute(null=True)
    overdue_at = UTCDateTimeAttribute(null=True)
    preservation_ends_at = UTCDateTimeAttribute(null=True)
    nondisclosure_warned_for = UTCDateTimeAttribute(null=True)
    nondisclosure_ended_for = UTCDateTimeAttribute(null=True)
    #: The files served with it: its document and each nondisclosure order.
    served_files = UnicodeSetAttribute(null=True)
    version = NumberAttribute()
    requester_id = UnicodeAttribute(null=True)
    requester_assurance = UnicodeAttribute(null=True)


class EmergencyRequestItem(Item, discriminator="emergency"):
    """An emergency disclosure request: who asked, who approved, and the platform's answer."""

    request_id = UnicodeAttribute()
    case_id = UnicodeAttribute()
    org = UnicodeAttribute()
    platform = UnicodeAttribute()
    #: The accounts, as JSON `[[type, value, qualifier], ...]`.
    accounts = UnicodeAttribute()
    emergency_kind = UnicodeAttribute()
    description = UnicodeAttribute()
    why_without_delay = UnicodeAttribute()
    categories = UnicodeSetAttribute()
    data_detail = UnicodeAttribute()
    how_it_helps = UnicodeAttribute()
    requested_by_issuer = UnicodeAttribute()
    requested_by_subject = UnicodeAttribute()
    requested_by_name = UnicodeAttribute(null=True)
    requested_at = UTCDateTimeAttribute()
    status = UnicodeAttribute()
    approved_by_issuer = UnicodeAttribute(null=True)
    approved_by_subject = UnicodeAttribute(null=True)
    approved_by_name = UnicodeAttribute(null=True)
    decided_at = UTCDateTimeAttribute(null=True)
    rejected_because = UnicodeAttribute(null=True)
    acknowledged_at = UTCDateTimeAttribute(null=True)
    acknowledged_by = UnicodeAttribute(null=True)
    outcome = UnicodeAttribute(null=True)
    answered_at = UTCDateTimeAttribute(null=True)
    answered_by = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    file_ids = ListAttribute(of=UnicodeAttribute, null=True)  # type: ignore[var-annotated]
    alerts = NumberAttribute(default=0)
    process_due_at = UTCDateTimeAttribute(null=True)
    process_reminded_at = UTCDateTimeAttribute(null=True)
    followed_by = UnicodeAttribute(null=True)
    version = NumberAttribute()
    requester_assurance = UnicodeAttribute(null=True)
    approver_assurance = UnicodeAttribute(null=True)
    held_from = UnicodeAttribute(null=True)


class WatchedFields(Item):
    """A conflict between two operations as its watch centers see it (`domain.watch`): each
    side (`a_`, `b_`) with its agency, kind, place, window and contact; never a case."""

    conflict_id = UnicodeAttribute()
    center = UnicodeAttribute()
    seen_by = UnicodeAttribute(null=True)
    detected_at = UTCDateTimeAttribute()
    starts_at = UTCDateTimeAttribute()
    state = UnicodeAttribute()
    owned_by = UnicodeAttribute(null=True)
    owned_by_name = UnicodeAttribute(null=True)
    owned_at = UTCDateTimeAttribute(null=True)
    outcome = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    resolved_at = UTCDateTimeAttribute(null=True)
    resolved_by_org = UnicodeAttribute(null=True)
    unowned_alerts = NumberAttribute(default=0)
    contact_overdue_for = UTCDateTimeAttribute(null=True)
    #: Its steps, as JSON `[[at, step, org, by, detail], ...]`.
    history = UnicodeAttribute(default="[]")
    version = NumberAttribute()
    a_org = UnicodeAttribute()
    a_operation_id = UnicodeAttribute()
    a_kind = UnicodeAttribute()
    a_lat = NumberAttribute()
    a_lon = NumberAttribute()
    a_radius_m = NumberAttribute()
    a_starts_at = UTCDateTimeAttribute()
    a_ends_at = UTCDateTimeAttribute()
    a_contact = ContactMap(default=dict)
    a_notified_at = UTCDateTimeAttribute(null=True)
    a_contact_confirmed_at = UTCDateTimeAttribute(null=True)
    a_contact_confirmed_by = UnicodeAttribute(null=True)
    a_agreed = UnicodeAttribute(null=True)
    a_agreed_note = UnicodeAttribute(null=True)
    b_org = UnicodeAttribute()
    b_operation_id = UnicodeAttribute()
    b_kind = UnicodeAttribute()
    b_lat = NumberAttribute()
    b_lon = NumberAttribute()
    b_radius_m = NumberAttribute()
    b_starts_at = UTCDateTimeAttribute()
    b_ends_at = UTCDateTimeAttribute()
    b_contact = ContactMap(default=dict)
    b_notified_at = UTCDateTimeAttribute(null=True)
    b_contact_confirmed_at = UTCDateTimeAttribute(null=True)
    b_contact_confirmed_by = UnicodeAttribute(null=True)
    b_agreed = UnicodeAttribute(null=True)
    b_agreed_note = UnicodeAttribute(null=True)
    waiver_org = UnicodeAttribute(null=True)
    waiver_reason = UnicodeAttribute(null=True)
    waiver_asked_by = UnicodeAttribute(null=True)
    waiver_asked_by_name = UnicodeAttribute(null=True)
    waiver_asked_at = UTCDateTimeAttribute(null=True)
    waiver_concurred_by = UnicodeAttribute(null=True)
    waiver_concurred_by_name = UnicodeAttribute(null=True)
    waiver_concurred_at = UTCDateTimeAttribute(null=True)


class WatchedConflictItem(WatchedFields, discriminator="watched_conflict"):
    """The conflict itself: what is read by id, changed step by step, and streamed."""


class WatchEntryItem(WatchedFields, discriminator="watch_entry"):
    """A copy of the conflict in one center's list (gsi1, gsi2), written with each of its steps."""


class FeedEntryItem(Item, discriminator="feed"):
    """An event in one recipient's feed, as it went on the bus; DynamoDB's TTL removes it after 30 days."""

    event_id = UnicodeAttribute()
    detail_type = UnicodeAttribute()
    #: The event's `detail`, as JSON.
    detail = UnicodeAttribute()
    occurred_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()


class TimerItem(Item, discriminator="timer"):
    timer_kind = UnicodeAttribute()
    due_at = UTCDateTimeAttribute()
    subject_id = UnicodeAttribute()
    case_id = UnicodeAttribute(null=True)
    expires_at = UTCDateTimeAttribute(null=True, attr_name="period_ends_at")


class TimerBucketItem(Item, discriminator="timer_bucket"):
    """An hour that holds timers (`TIMER_BUCKETS_PK`), written with each of them; or, under
    `TIMER_BUCKETS_COMPLETE_SK`, the mark that every timer's hour is listed."""


class SchedulerItem(Item, discriminator="scheduler"):
    """How far the timer scheduler got: the last bucket it read completely, or is reading."""

    through = UnicodeAttribute()


class OrganisationItem(Item, discriminator="organisation"):
    """An organisation of the registry (`storage/organisations.py`): the attributes the
    directory's indexes and conditions need, and the organisation whole as its JSON document
    (`domain.organisations.to_document`), which is what is read back."""

    code = UnicodeAttribute()
    name = UnicodeAttribute()
    org_kind = UnicodeAttribute()
    status = UnicodeAttribute()
    state = UnicodeAttribute(null=True)
    document = UnicodeAttribute()
    version = NumberAttribute()


class IssuerBindingItem(Item, discriminator="issuer_binding"):
    """An organisation an identity provider speaks for (`domain.organisations.Binding`):
    written and removed with the organisation's entry, in its transaction."""

    issuer = UnicodeAttribute()
    code = UnicodeAttribute()
    ori = UnicodeAttribute(null=True)
    provider = UnicodeAttribute()


class RefusedProposalItem(Item, discriminator="refused_proposal"):
    """What a refused proposal was (its registry document, whole), who refused it, when and why:
    kept beside its code, which is never proposed again (the evidence, and no second proposal
    under a code a second person may be reviewing)."""

    document = UnicodeAttribute()
    refused_by = UnicodeAttribute()
    refused_at = UTCDateTimeAttribute()
    reason = UnicodeAttribute()


class OriItem(Item, discriminator="ori"):
    """The organisation that holds an NCIC ORI: an ORI is unique in the registry."""

    code = UnicodeAttribute()


class PersonItem(Item, discriminator="person"):
    """A person of an organisation (`domain.people.Person`), under the key their identity
    makes (`storage.keys.person_pk`)."""

    person_id = UnicodeAttribute()
    org = UnicodeAttribute()
    issuer = UnicodeAttribute()
    subject = UnicodeAttribute()
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    roles = UnicodeSetAttribute()
    registered_at = UTCDateTimeAttribute()
    registered_by = UnicodeAttribute()
    status = UnicodeAttribute()
    title = UnicodeAttribute(null=True)
    badge = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    verified_at = UTCDateTimeAttribute(null=True)
    verified_by = UnicodeAttribute(null=True)
    verified_by_name = UnicodeAttribute(null=True)
    reverify_by = UTCDateTimeAttribute(null=True)
    status_reason = UnicodeAttribute(null=True)
    changed_at = UTCDateTimeAttribute(null=True)
    version = NumberAttribute()


class RequesterItem(Item, discriminator="requester"):
    """A platform a person sent a request to (legal process, or an emergency request as its
    officer or approver; `SENT#<platform>`), and one their emergency requests reached
    (`EMER#<platform>`): written from the stream, they let the platform look the person up
    (`GET /v1/requesters/{person_id}`) and count the platforms their emergencies reached."""

    person_id = UnicodeAttribute()
    platform = UnicodeAttribute()
    #: When it last happened.
    at = UTCDateTimeAttribute()


class FraudReportItem(Item, discriminator="fraud_report"):
    """A platform's report of a fraudulent request (`domain.people.FraudReport`), in its
    requester's partition (`REPORT#<request_id>`): once per request."""

    person_id = UnicodeAttribute()
    org = UnicodeAttribute()
    platform = UnicodeAttribute()
    request_id = UnicodeAttribute()
    reason = UnicodeAttribute()
    reported_at = UTCDateTimeAttribute()
    reported_by = UnicodeAttribute()
