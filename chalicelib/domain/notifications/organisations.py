"""Registry events: an organisation proposed, onboarded, suspended or reinstated, or its
identity providers or its delivery settings changed."""

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

#: This area's events; the registry (`notifications/__init__.py`) puts every area's together.
DETAIL_TYPES = (
    ORGANISATION_PROPOSED,
    ORGANISATION_ONBOARDED,
    ORGANISATION_SUSPENDED,
    ORGANISATION_REINSTATED,
    ORGANISATION_IDENTITY_PROVIDERS_CHANGED,
    ORGANISATION_DELIVERY_CHANGED,
)


#: Each change of status in the registry, and its event.
_REGISTRY_STEPS = {
    (OrgStatus.PROPOSED, OrgStatus.ACTIVE): ORGANISATION_ONBOARDED,
    (OrgStatus.ACTIVE, OrgStatus.SUSPENDED): ORGANISATION_SUSPENDED,
    (OrgStatus.SUSPENDED, OrgStatus.ACTIVE): ORGANISATION_REINSTATED,
}


def organisation_changed(
    old: Organisation | None, new: Organisation, operator: str, at: datetime
) -> Notification | None:
    """A proposal, and each change of status a second person made, to the operator and the
    organisation itself. A request a first person made, and the seed, are events of nobody's."""
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
    organisations = {"operator": operator, "organisation": new.code}
    return news_to(frozenset({operator, new.code}), detail_type, at, organisations, {"kind": new.kind.value})


def _providers(org: Organisation) -> list[dict[str, object]]:
    return [provider_document(provider) for provider in org.identity_providers]
