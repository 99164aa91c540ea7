"""Evidence file events: a file may be downloaded, or was rejected."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain import files
from chalicelib.domain.cases import Case
from chalicelib.domain.files import EvidenceFile, FileStatus, ScanResult
from chalicelib.domain.notifications.common import Notification, news_to
from chalicelib.domain.record_ids import is_id

FILE_ADDED = "File Added"
FILE_REJECTED = "File Rejected"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    FILE_ADDED,
    FILE_REJECTED,
)


def file_checked(
    old: EvidenceFile | None, new: EvidenceFile, at: datetime, case: Case | None, routed_to: str | None = None
) -> Notification | None:
    """`File Added` once a file may be downloaded (its bytes arrived as declared and, where
    downloads wait, its scan cleared it) or joins a case; `File Rejected` when its bytes were
    not what was declared (`mismatch`), the scan found a threat (`threat`), or a scan the
    file waits for failed (`unscanned`). References only: never its name, hash or description.

    A case's file concerns its participants: the news of a threat, all of them (any may have
    opened it); of anything else rejected, its declarer and the case's owner. A tip's file
    not yet on a case concerns the agency the tip went to and, when rejected, the platform
    that declared it, which never shares an event with an agency (it would learn who has its tip).
    A production file not yet on a case is news to nobody but the platform, when rejected.
    """
    if old is None:
        return None
    reason = _rejected_because(old, new)
    added = files.servable(new) and (not files.servable(old) or old.case_id != new.case_id)
    if reason is None and not added:
        return None
    references = {"file_id": new.file_id} | ({"reason": reason} if reason else {})
    detail_type = FILE_REJECTED if reason else FILE_ADDED
    if case is not None:
        if reason is None or reason == "threat":
            recipients = case.participants
        else:
            recipients = frozenset({new.org, case.owner}) & case.participants | {case.owner}
        return Notification(
            detail_type=detail_type,
            case_id=case.case_id,
            occurred_at=at,
            recipients=recipients,
            tlp=new.tlp or case.tlp,
            organisations={"owner": case.owner, "by": new.org},
            references=references,
        )
    if new.tip_id:
        references["tip_id"] = new.tip_id
    elif new.request_id:
        # A production or a disclosure, the platform's until the answer.
        references["emergency_id" if is_id("emer", new.request_id) else "request_id"] = new.request_id
    if reason is None or reason == "threat":
        if routed_to is None:
            return None
        recipients, organisations = frozenset({routed_to}), {"by": new.org, "to": routed_to}
    else:
        recipients, organisations = frozenset({new.org}), {"by": new.org}
    return news_to(recipients, detail_type, at, organisations, references)


def _rejected_because(old: EvidenceFile, new: EvidenceFile) -> str | None:
    if new.status is FileStatus.REJECTED and old.status is not FileStatus.REJECTED:
        return "mismatch"
    if new.scan is ScanResult.THREATS_FOUND and old.scan is not ScanResult.THREATS_FOUND:
        return "threat"
    if new.awaits_scan and new.scan in files.UNSCANNED and old.scan not in files.UNSCANNED:
        return "unscanned"
    return None
