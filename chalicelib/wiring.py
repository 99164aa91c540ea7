"""The composition root: builds each collaborator once, on first use, never at import.

Imports live inside the factories: the API function never loads the stream handler's
batch utilities, and the stream function never loads PyJWT and cryptography.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chalicelib.api.auth import TokenVerifier
    from chalicelib.api.cursors import Cursors
    from chalicelib.notifications.stream import StreamHandler
    from chalicelib.services.cases import CaseService
    from chalicelib.services.referrals import ReferralService
    from chalicelib.storage.casework import CaseStore


@cache
def store() -> CaseStore:
    from chalicelib.storage.casework import CaseStore

    return CaseStore()


@cache
def case_service() -> CaseService:
    from chalicelib.services.cases import CaseService
    from chalicelib.settings import settings

    return CaseService(store(), settings().idempotency_ttl)


@cache
def referral_service() -> ReferralService:
    from chalicelib.domain.organisations import registry
    from chalicelib.services.referrals import ReferralService
    from chalicelib.settings import settings

    return ReferralService(store(), registry(), settings().idempotency_ttl)


@cache
def verifier() -> TokenVerifier:
    from chalicelib.api.auth import TokenVerifier
    from chalicelib.domain.organisations import registry
    from chalicelib.settings import settings

    config = settings()
    return TokenVerifier(config.trusted_issuers, config.audience, registry(), config.clock_skew)


@cache
def cursors() -> Cursors:
    from chalicelib.api.cursors import Cursors
    from chalicelib.settings import settings

    return Cursors(settings().cursor_secret)


@cache
def stream_handler() -> StreamHandler:
    from chalicelib.notifications.publisher import EventPublisher
    from chalicelib.notifications.stream import StreamHandler
    from chalicelib.settings import settings

    return StreamHandler(store(), EventPublisher(settings().event_bus_name))
