"""Audit records on the stream: each new one is kept in the archive; a change to one is an alarm."""

from __future__ import annotations

from chalicelib.domain.audit import AUDIT_TAMPERED, AuditRecord
from chalicelib.observability import logger
from chalicelib.stream.reactions.common import Change, Reaction, Reactors


def keep_audit(change: Change, reactors: Reactors) -> None:
    """A new audit record is copied to the archive; any change or removal of one is an alarm.

    No code path changes an audit item and IAM denies every function the means to, so a
    change seen here came from outside casebridge: the alarm (a metric filter on this
    log line, `infra/`) pages the operators, and the archive still holds the original.
    """
    if change.created:
        change.batch.audits.append((change.position, change.new))
        return
    changed: AuditRecord = change.old if change.old is not None else change.new
    logger.error(AUDIT_TAMPERED, extra={"audit_id": changed.audit_id, "pk": change.pk, "removed": change.new is None})


#: This area's rows of the table of reactions (`stream/reactions/__init__.py`).
REACTIONS: dict[type, tuple[Reaction, ...]] = {AuditRecord: (keep_audit,)}
DESCRIBED_WITH_THEIR_CASE: frozenset[type] = frozenset()
