"""Where each resource lives: the API's URLs, for `Location` headers and for the `links`
of every event, in one place (the domain decides what happened, never where it is)."""

from __future__ import annotations

from collections.abc import Mapping


def case(case_id: str, collection: str = "") -> str:
    """The case, or one of its collections (`notes`, `identifiers`)."""
    return f"/v1/cases/{case_id}" + (f"/{collection}" if collection else "")


HITS = "/v1/deconfliction/hits"
CONFLICTS = "/v1/deconfliction/conflicts"

#: Where each reference an event carries can be fetched.
_BY_REFERENCE = {
    "referral_id": "/v1/referrals/{}",
    "operation_id": "/v1/operations/{}",
    "hit_id": HITS + "/{}",
    "conflict_id": CONFLICTS + "/{}",
    "watched_conflict_id": "/v1/conflicts/{}",
    "tip_id": "/v1/tips/{}",
    "preservation_id": "/v1/preservations/{}",
    "file_id": "/v1/files/{}",
    "request_id": "/v1/legal-requests/{}",
    "emergency_id": "/v1/emergency-requests/{}",
    "person_id": "/v1/people/{}",
    "requester_id": "/v1/requesters/{}",
}


def of(reference: str, value: str) -> str:
    """The URL of the resource `reference` (`tip_id`, `referral_id`, …) names."""
    return _BY_REFERENCE[reference].format(value)


def event_links(case_id: str | None, references: Mapping[str, str]) -> dict[str, str]:
    """An event's `links`: where to fetch the case and each thing the event refers to."""
    links = {"case": case(case_id)} if case_id else {}
    for name in _BY_REFERENCE:
        if name in references:
            links[name.removesuffix("_id")] = of(name, references[name])
    for collection in ("notes", "identifiers"):
        if f"{collection.removesuffix('s')}_id" in references:
            links[collection] = case(str(case_id), collection)
    if "alert_id" in references:
        links["answers"] = CONFLICTS if references.get("kind") == "conflict" else HITS
    return links
