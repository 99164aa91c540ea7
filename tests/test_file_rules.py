"""Evidence files as pure domain rules, with no storage: declared, checked on arrival against
the declaration, scanned, served to whom need-to-know allows.

Every test builds a file with `a_file(**fields)`; no AWS, no S3, no HTTP. Where a state is
also a DynamoDB condition (`CHECKABLE`, `EXPIRABLE`, `SCAN_OVERDUE`, `CARRIABLE`,
`producible`), its `.holds()` is shown for every status.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain import files, timers
from chalicelib.domain.cases import Tlp
from chalicelib.domain.errors import Conflict, Forbidden, InvalidField, NotFound, TooLarge, UnsupportedType
from chalicelib.domain.files import (
    CLEARED,
    MAX_SIZE,
    EvidenceFile,
    FilePurpose,
    FileStatus,
    ScanPolicy,
    ScanResult,
)
from chalicelib.domain.record_ids import derived_id
from chalicelib.domain.timers import TimerKind
from tests.domain_builders import a_case, org

AT = datetime(2026, 12, 6, 14, 0, tzinfo=UTC)
SHA = "ab" * 32
FILE_ID = derived_id("file", datetime(2026, 12, 6, tzinfo=UTC), "ledger")


META, TIKTOK, DEA, HSI = org("META"), org("TIKTOK"), org("DEA"), org("HSI")


def a_file(**fields) -> EvidenceFile:
    """A case file DEA declared, waiting for its bytes."""
    return EvidenceFile(
        **{
            "file_id": FILE_ID,
            "name": "ledger.pdf",
            "media_type": "application/pdf",
            "size": 1024,
            "sha256": SHA,
            "org": "DEA",
            "declared_by": "agent.dea@example.gov",
            "declared_at": AT,
            "case_id": "case_1",
            **fields,
        }
    )


def a_checked_file(**fields) -> EvidenceFile:
    """Its bytes arrived as declared, as version `v1` of the object."""
    return a_file(**{"status": FileStatus.AVAILABLE, "checked_at": AT, "object_version": "v1", **fields})


def declared(**overrides) -> EvidenceFile:
    arguments = {"name": "menu.png", "media_type": "image/png", "size": 10, "sha256": SHA, **overrides}
    return files.declare(FILE_ID, org="DEA", subject="agent.dea@example.gov", at=AT, **arguments)


# declaring


def test_a_declaration_waits_for_its_bytes_for_fifteen_minutes():
    found = declared()
    assert (found.status, found.version, found.purpose, found.scan) == (
        FileStatus.PENDING_UPLOAD,
        1,
        FilePurpose.EVIDENCE,
        ScanResult.NOT_SCANNED,
    )
    assert found.upload_expires_at == datetime(2026, 12, 6, 14, 15, tzinfo=UTC)


def test_a_file_of_five_gib_is_taken_and_one_byte_more_is_too_large():
    assert declared(size=MAX_SIZE).size == 5 * 1024**3
    with pytest.raises(TooLarge):
        declared(size=MAX_SIZE + 1)


@pytest.mark.parametrize("media_type", ["text/html", "image/svg+xml", "application/javascript", "nonsense"])
def test_a_media_type_off_the_allow_list_is_refused(media_type):
    with pytest.raises(UnsupportedType):
        declared(media_type=media_type)


def test_a_media_type_is_read_without_its_parameters_and_case():
    assert declared(media_type="Image/PNG; name=menu.png").media_type == "image/png"


def test_a_sha256_is_taken_in_either_case_and_kept_in_lower_case():
    assert declared(sha256=SHA.upper()).sha256 == SHA


@pytest.mark.parametrize(
    "sha256",
    [
        "",
        "ab" * 31,
        "ab" * 33,
        "zz" * 32,
        SHA + "\n",  # `$` would match before it: patterns end in `\Z`
    ],
)
def test_anything_but_64_hexadecimal_digits_is_not_a_sha256(sha256):
    with pytest.raises(InvalidField) as refusal:
        declared(sha256=sha256)
    assert refusal.value.field == "sha256"


def test_a_document_for_legal_process_is_marked_amber_unless_its_declaration_says():
    assert declared(purpose=FilePurpose.LEGAL_PROCESS).tlp is Tlp.AMBER
    assert declared(purpose=FilePurpose.LEGAL_PROCESS, tlp=Tlp.GREEN).tlp is Tlp.GREEN
    assert declared().tlp is None


@pytest.mark.parametrize("tlp", [Tlp.RED, Tlp.AMBER_STRICT])
def test_a_document_for_legal_process_may_not_bear_a_marking_no_platform_may_receive(tlp):
    with pytest.raises(InvalidField) as refusal:
        declared(purpose=FilePurpose.LEGAL_PROCESS, tlp=tlp)
    assert refusal.value.field == "tlp"
    assert declared(tlp=tlp).tlp is tlp  # evidence keeps any marking


@pytest.mark.parametrize("tlp", [None, *Tlp])
@pytest.mark.parametrize("purpose", FilePurpose)
def test_only_a_document_declared_for_legal_process_with_a_shareable_marking_may_be_served(purpose, tlp):
    found = a_file(purpose=purpose, tlp=tlp)
    expected = purpose is FilePurpose.LEGAL_PROCESS and tlp in (Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER)
    assert files.FOR_LEGAL_PROCESS.holds(found) is expected


@pytest.mark.parametrize(
    ("policy", "scan", "awaits"),
    [
        (ScanPolicy.OFF, ScanResult.NOT_SCANNED, False),
        (ScanPolicy.SCAN, ScanResult.PENDING, False),
        (ScanPolicy.WAIT, ScanResult.PENDING, True),
    ],
)
def test_a_file_carries_the_scan_policy_of_the_stage_it_was_declared_on(policy, scan, awaits):
    found = files.declared_under(policy, declared())
    assert (found.scan, found.awaits_scan) == (scan, awaits)


def test_a_files_bytes_live_under_its_id_never_its_name():
    found = declared(name="../../etc/passwd")
    assert found.object_key == f"files/{FILE_ID}"
    assert files.file_id_of(found.object_key) == FILE_ID


@pytest.mark.parametrize(
    "key", [FILE_ID, "files/" + FILE_ID.replace("file_", "case_"), "files/file_1", "other/" + FILE_ID]
)
def test_an_object_key_that_is_not_a_files_names_no_file(key):
    assert files.file_id_of(key) is None


# the arrival: checked once against the declaration


def test_bytes_that_match_the_declaration_make_the_file_available():
    checked = files.check_arrival(a_file(), 1024, SHA, "v1", AT + timedelta(minutes=2))
    assert (checked.status, checked.object_version, checked.checked_at, checked.rejected_because) == (
        FileStatus.AVAILABLE,
        "v1",
        AT + timedelta(minutes=2),
        None,
    )
    assert checked.version == 2


@pytest.mark.parametrize(
    ("size", "sha256", "reasons"),
    [
        (1000, SHA, ["1000 bytes arrived, 1024 declared"]),
        (1024, "cd" * 32, ["the SHA-256 of what arrived is not the one declared"]),
        (1000, "cd" * 32, ["1000 bytes arrived, 1024 declared", "the SHA-256 of what arrived is not the one declared"]),
    ],
)
def test_bytes_other_than_declared_reject_the_file_with_every_reason(size, sha256, reasons):
    checked = files.check_arrival(a_file(), size, sha256, "v1", AT)
    assert checked.status is FileStatus.REJECTED
    assert checked.rejected_because == "; ".join(reasons)
    assert checked.object_version == "v1"  # the quarantined bytes are the ones on the record


@given(size=st.integers(0, 2048), sha256=st.sampled_from([SHA, "cd" * 32]))
def test_an_arrival_makes_a_file_available_exactly_when_size_and_digest_are_the_declared_ones(size, sha256):
    checked = files.check_arrival(a_file(), size, sha256, "v1", AT)
    assert (checked.status is FileStatus.AVAILABLE) is (size == 1024 and sha256 == SHA)
    assert checked.status in (FileStatus.AVAILABLE, FileStatus.REJECTED)


@pytest.mark.parametrize("status", FileStatus)
def test_an_arrival_is_checked_for_a_file_still_waiting_even_one_expired_meanwhile(status):
    assert files.CHECKABLE.holds(a_file(status=status)) is (status in (FileStatus.PENDING_UPLOAD, FileStatus.EXPIRED))


@pytest.mark.parametrize("status", FileStatus)
def test_only_a_file_that_never_got_its_bytes_expires(status):
    assert files.EXPIRABLE.holds(a_file(status=status)) is (status is FileStatus.PENDING_UPLOAD)


def test_a_scan_result_that_came_before_the_check_about_another_version_is_pending_again():
    scanned_first = a_file(scan=ScanResult.NO_THREATS_FOUND, scanned_version="v0", scanned_at=AT)
    checked = files.check_arrival(scanned_first, 1024, SHA, "v1", AT)
    assert (checked.scan, checked.scanned_version, checked.scanned_at) == (ScanResult.PENDING, None, None)


def test_a_scan_result_that_came_before_the_check_about_the_checked_version_stands():
    scanned_first = a_file(scan=ScanResult.THREATS_FOUND, scanned_version="v1", scanned_at=AT)
    checked = files.check_arrival(scanned_first, 1024, SHA, "v1", AT)
    assert (checked.scan, checked.scanned_version) == (ScanResult.THREATS_FOUND, "v1")


# the malware scan: about the checked version only


def test_a_scan_of_the_checked_version_is_recorded():
    scanned = files.record_scan(a_checked_file(scan=ScanResult.PENDING), ScanResult.NO_THREATS_FOUND, "v1", AT)
    assert scanned is not None
    assert (scanned.scan, scanned.scanned_version, scanned.scanned_at, scanned.version) == (
        ScanResult.NO_THREATS_FOUND,
        "v1",
        AT,
        2,
    )


def test_a_scan_of_another_version_than_the_checked_one_changes_nothing():
    threat = a_checked_file(scan=ScanResult.THREATS_FOUND, scanned_version="v1")
    assert files.record_scan(threat, ScanResult.NO_THREATS_FOUND, "v2", AT) is None


def test_a_scan_that_names_no_version_clears_no_version_of_a_versioned_object():
    assert files.record_scan(a_checked_file(scan=ScanResult.PENDING), ScanResult.NO_THREATS_FOUND, None, AT) is None


def test_a_scan_that_names_no_version_is_about_the_unversioned_object():
    unversioned = a_checked_file(scan=ScanResult.PENDING, object_version=files.UNVERSIONED)
    scanned = files.record_scan(unversioned, ScanResult.NO_THREATS_FOUND, None, AT)
    assert scanned is not None and scanned.scanned_version == "null"


def test_the_same_result_again_changes_nothing():
    scanned = a_checked_file(scan=ScanResult.NO_THREATS_FOUND, scanned_version="v1")
    assert files.record_scan(scanned, ScanResult.NO_THREATS_FOUND, "v1", AT + timedelta(minutes=1)) is None


def test_a_result_that_comes_after_the_scan_was_given_up_replaces_failed():
    failed = a_checked_file(scan=ScanResult.FAILED, scanned_version="v1")
    scanned = files.record_scan(failed, ScanResult.NO_THREATS_FOUND, "v1", AT)
    assert scanned is not None and scanned.scan is ScanResult.NO_THREATS_FOUND


def test_a_scan_that_arrives_before_the_check_is_kept_for_its_version():
    scanned = files.record_scan(a_file(scan=ScanResult.PENDING), ScanResult.THREATS_FOUND, "v0", AT)
    assert scanned is not None and (scanned.scan, scanned.scanned_version) == (ScanResult.THREATS_FOUND, "v0")


@given(
    checked=st.sampled_from(["v1", "v2", files.UNVERSIONED]),
    scanned=st.sampled_from([None, "v1", "v2", "v3", files.UNVERSIONED]),
    result=st.sampled_from(ScanResult),
)
def test_a_scan_result_changes_a_checked_file_only_about_the_version_checked(checked, scanned, result):
    found = a_checked_file(scan=ScanResult.PENDING, object_version=checked)
    recorded = files.record_scan(found, result, scanned, AT)
    if (scanned or files.UNVERSIONED) != checked:
        assert recorded is None
    elif result is ScanResult.PENDING:
        assert recorded is not None and recorded.scanned_version == checked  # the version is news
    else:
        assert recorded is not None and (recorded.scan, recorded.version) == (result, found.version + 1)


@pytest.mark.parametrize("status", FileStatus)
@pytest.mark.parametrize("scan", ScanResult)
def test_a_checked_file_still_pending_its_scan_at_its_deadline_has_a_failed_scan(status, scan):
    found = a_file(status=status, scan=scan)
    assert files.SCAN_OVERDUE.holds(found) is (status is FileStatus.AVAILABLE and scan is ScanResult.PENDING)


def test_the_scan_is_given_up_an_hour_after_the_upload_window():
    expiry, overdue = timers.file_timers(files.declared_under(ScanPolicy.SCAN, declared()))
    assert (expiry.kind, expiry.due_at) == (TimerKind.FILE_UPLOAD_EXPIRED, datetime(2026, 12, 6, 14, 15, tzinfo=UTC))
    assert (overdue.kind, overdue.due_at) == (TimerKind.FILE_SCAN_OVERDUE, datetime(2026, 12, 6, 15, 15, tzinfo=UTC))


def test_a_file_declared_where_nothing_scans_has_only_its_upload_clock():
    [expiry] = timers.file_timers(declared())
    assert expiry.kind is TimerKind.FILE_UPLOAD_EXPIRED


# serving the bytes


@pytest.mark.parametrize("status", [s for s in FileStatus if s is not FileStatus.AVAILABLE])
def test_only_an_available_file_is_downloaded(status):
    found = a_checked_file(status=status)
    assert not files.servable(found)
    with pytest.raises(Conflict, match=f"the file is {status}"):
        files.downloadable(found, DEA)


def test_a_file_whose_checked_version_is_unknown_is_not_served():
    found = a_checked_file(object_version=None)
    assert not files.servable(found)
    with pytest.raises(Conflict, match="which version"):
        files.downloadable(found, DEA)


@pytest.mark.parametrize("awaits", [False, True])
def test_a_file_in_which_the_scan_found_a_threat_is_never_served(awaits):
    found = a_checked_file(scan=ScanResult.THREATS_FOUND, awaits_scan=awaits)
    assert not files.servable(found)
    with pytest.raises(Conflict, match="found a threat"):
        files.downloadable(found, DEA)


@pytest.mark.parametrize("scan", ScanResult)
@pytest.mark.parametrize("awaits", [False, True])
def test_where_downloads_wait_a_file_is_served_once_its_scan_cleared_it(scan, awaits):
    found = a_checked_file(scan=scan, awaits_scan=awaits)
    expected = scan is not ScanResult.THREATS_FOUND and (not awaits or scan in CLEARED)
    assert files.servable(found) is expected
    if not expected:
        with pytest.raises(Conflict):
            files.downloadable(found, DEA)
    else:
        files.downloadable(found, DEA)


def test_an_unsupported_archive_is_cleared_since_waiting_for_it_would_never_end():
    assert files.servable(a_checked_file(scan=ScanResult.UNSUPPORTED, awaits_scan=True))


def test_a_platform_downloads_only_a_document_legal_process_served_on_it():
    document = a_checked_file(purpose=FilePurpose.LEGAL_PROCESS, tlp=Tlp.AMBER)
    with pytest.raises(Forbidden):
        files.downloadable(document, META)
    files.downloadable(replace(document, served_with=frozenset({files.served_entry("META", "legal_1")})), META)
    own_upload = a_checked_file(org="META", platform="META", tip_id="tip_1", case_id=None)
    with pytest.raises(Forbidden):
        files.downloadable(own_upload, META)


def test_a_serving_is_recorded_per_platform_and_request():
    entry = files.served_entry("META", "legal_1")
    served = a_file(served_with=frozenset({entry}))
    assert entry == "META#legal_1"
    assert served.served_on("META")
    assert not served.served_on("MET") and not served.served_on("TIKTOK")


# who sees a file


TIP_FILE = a_checked_file(org="META", platform="META", tip_id="tip_1", case_id=None)
SEEN_BY = {
    "META reads its own tip file": (TIP_FILE, "META", None, True),
    "TIKTOK does not read META's tip file": (TIP_FILE, "TIKTOK", None, False),
    "the agency the tip is routed to reads it": (TIP_FILE, "DEA", "DEA", True),
    "another agency does not": (TIP_FILE, "HSI", "DEA", False),
    "nobody reads a tip file its tip has not been routed": (TIP_FILE, "DEA", None, False),
    "the owner reads a case file": (a_checked_file(), "DEA", None, True),
    "a participant reads a case file": (a_checked_file(), "HSI", None, True),
    "an agency outside the case does not": (a_checked_file(), "ATF", None, False),
    "a platform does not read a case file": (a_checked_file(), "META", None, False),
    "a platform reads a document served on it": (
        a_checked_file(served_with=frozenset({"META#legal_1"})),
        "META",
        None,
        True,
    ),
    "and no other platform does": (a_checked_file(served_with=frozenset({"META#legal_1"})), "TIKTOK", None, False),
}


@pytest.mark.parametrize("name", SEEN_BY)
def test_a_file_is_seen_by_its_platform_the_case_participants_or_the_agency_its_tip_is_routed_to(name):
    found, viewer, routed_to, sees = SEEN_BY[name]
    case = a_case(participants=frozenset({"DEA", "HSI"}))
    assert files.may_see(found, case if found.case_id else None, org(viewer), routed_to) is sees


def test_a_file_carried_to_a_case_is_seen_by_its_participants_not_by_the_tips_agency():
    carried = files.carried(TIP_FILE, "case_1")
    assert (carried.case_id, carried.version) == ("case_1", TIP_FILE.version + 1)
    assert files.may_see(carried, a_case(), DEA)
    assert not files.may_see(carried, a_case(), HSI, tip_routed_to="HSI")


@pytest.mark.parametrize("viewer", ["DEA", "HSI"])
def test_a_file_is_read_by_whoever_may_see_it(viewer):
    found = a_checked_file()
    assert files.visible_file(found, a_case(participants=frozenset({"DEA", "HSI"})), org(viewer), FILE_ID) is found


def test_a_hidden_file_is_answered_as_an_absent_one():
    with pytest.raises(NotFound) as hidden:
        files.visible_file(a_checked_file(), a_case(), org("ATF"), FILE_ID)
    with pytest.raises(NotFound) as absent:
        files.visible_file(None, None, org("ATF"), FILE_ID)
    assert hidden.value.detail == absent.value.detail


@pytest.mark.parametrize("case_id", [None, "case_1"])
def test_a_file_is_carried_to_a_case_once(case_id):
    assert files.CARRIABLE.holds(a_file(case_id=case_id)) is (case_id is None)


@pytest.mark.parametrize("status", FileStatus)
@pytest.mark.parametrize("request_id", ["legal_1", "legal_2", None])
@pytest.mark.parametrize("case_id", [None, "case_1"])
def test_a_production_is_the_requests_checked_upload_on_no_case_yet(status, request_id, case_id):
    found = a_file(status=status, request_id=request_id, case_id=case_id)
    expected = status is FileStatus.AVAILABLE and request_id == "legal_1" and case_id is None
    assert files.producible("legal_1").holds(found) is expected


@pytest.mark.parametrize("status", FileStatus)
@pytest.mark.parametrize("scan", [ScanResult.NOT_SCANNED, ScanResult.PENDING, ScanResult.NO_THREATS_FOUND])
def test_a_file_timer_is_still_news_exactly_when_its_rule_holds(status, scan):
    found = a_file(status=status, scan=scan)
    expiry, overdue = timers.file_timers(replace(found, scan=ScanResult.PENDING))
    assert timers.still_due(expiry, found) is (status is FileStatus.PENDING_UPLOAD)
    assert timers.still_due(overdue, found) is (status is FileStatus.AVAILABLE and scan is ScanResult.PENDING)


EVENTS = st.one_of(
    st.tuples(st.just("arrival"), st.sampled_from(["v1", "v2"]), st.booleans()),
    st.tuples(st.just("scan"), st.sampled_from([None, "v1", "v2"]), st.sampled_from(ScanResult)),
)


@given(st.lists(EVENTS, max_size=10))
def test_whatever_arrives_and_is_scanned_in_any_order_a_file_is_checked_once_and_each_change_adds_one(events):
    """The store applies an arrival only while `CHECKABLE` holds and a scan result only when
    `record_scan` finds it news; the file is then decided for good, about one version."""
    found = files.declared_under(ScanPolicy.WAIT, a_file())
    checked_version = None
    for kind, object_version, detail in events:
        if kind == "arrival":
            if not files.CHECKABLE.holds(found):
                continue
            changed = files.check_arrival(found, 1024 if detail else 1, SHA, object_version, AT)
            checked_version = object_version
        else:
            changed = files.record_scan(found, detail, object_version, AT)
            if changed is None:
                continue
        assert changed.version == found.version + 1
        if found.status in (FileStatus.AVAILABLE, FileStatus.REJECTED):
            assert (changed.status, changed.object_version) == (found.status, found.object_version)
        found = changed
    if files.servable(found):
        assert found.object_version == checked_version and found.scanned_version == checked_version
        assert found.scan in CLEARED
