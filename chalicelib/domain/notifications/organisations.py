"""Registry events: an organisation proposed, onboarded, suspended or reinstated, its
identity providers or its delivery settings changed, or its proposal refused."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.notifications.common import Notification, news_to
from chalicelib.domain.organisations import Organisation, OrgStatus, provider_document

ORGANISATION_PROPOSED = "Organisation Proposed"
ORGANISATION_ONBOARDED = "Organisation Onboarded"
ORGANISATION_SUSPENDED = "Organisation Suspended"
ORGANISATION_REINSTATED = "Organisation Reinstated"
ORGANISATION_IDENTITY_PROVIDERS_CHANGED = "Organisation Identity Providers Changed"
ORGANISATION_DELIVERY_CHANGED = "Organisation Delivery Changed"
ORGANISATION_REFUSED = "Organisation Refused"

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    ORGANISATION_PROPOSED,
    ORGANISATION_ONBOARDED,
    ORGANISATION_SUSPENDED,
    ORGANISATION_REINSTATED,
    ORGANISATION_IDENTITY_PROVIDERS_CHANGED,
    ORGANISATION_DELIVERY_CHANGED,
    ORGANISATION_REFUSED,
)


#: Each change of status in the registry, and its event.
_REGISTRY_STEPS = {
    (OrgStatus.PROPOSED, OrgStatus.ACTIVE): ORGANISATION_ONBOARDED,
    (OrgStatus.ACTIVE, OrgStatus.SUSPENDED): ORGANISATION_SUSPENDED,
    (OrgStatus.SUSPENDED, OrgStatus.ACTIVE): ORGANISATION_REINSTATED,
}


def organisation_changed(
    old: Organisation | None, new: Organisation | None, operator: str, at: datetime
) -> Notification | None:
    """A proposal, and each change of status a second person made, to the operator and the
    organisation itself; a proposal refused (its entry removed), to the operator only: the
    organisation never existed to itself. A request a first person made, its refusal, and the
    seed, are events of nobody's."""
    if new is None:  # removed: only a proposal is, when it is refused
        if old is None or old.status is not OrgStatus.PROPOSED:
            return None
        return _news(ORGANISATION_REFUSED, old, frozenset({operator}), operator, at)
    if old is None:
        if new.status is not OrgStatus.PROPOSED:
            return None
        detail_type = ORGANISATION_PROPOSED
    else:
        found = _REGISTRY_STEPS.get((old.status, new.status))
        if found is None and _providers(old) != _providers(new):  # a second person confirmed the list
            found = ORGANISATION_IDENTITY_PROVIDERS_CHANGED
        if found is None and old.delivery != new.delivery:  # a second person confirmed the settings
            found = ORGANISATION_DELIVERY_CHANGED
        if found is None:
            return None
        detail_type = found
    return _news(detail_type, new, frozenset({operator, new.code}), operator, at)


def _news(detail_type: str, org: Organisation, recipients: frozenset[str], operator: str, at: datetime) -> Notification:
    """A registry event: the operator and the organisation named, its kind, nothing else."""
    organisations = {"operator": operator, "organisation": org.code}
    return news_to(recipients, detail_type, at, organisations, {"kind": org.kind.value})


def _providers(org: Organisation) -> list[dict[str, object]]:
    return [provider_document(provider) for provider in org.identity_providers]
