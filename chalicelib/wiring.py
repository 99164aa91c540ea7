"""The composition root: builds each collaborator once, on first use, never at import."""

from __future__ import annotations

from functools import cache

from chalicelib.api.auth import TokenVerifier
from chalicelib.api.cursors import Cursors
from chalicelib.domain.organisations import registry
from chalicelib.notifications.publisher import EventPublisher
from chalicelib.notifications.stream import StreamHandler
from chalicelib.services.cases import CaseService
from chalicelib.services.referrals import ReferralService
from chalicelib.settings import settings
from chalicelib.storage.casework import CaseStore


@cache
def store() -> CaseStore:
    return CaseStore()


@cache
def case_service() -> CaseService:
    return CaseService(store(), settings().idempotency_ttl)


@cache
def referral_service() -> ReferralService:
    return ReferralService(store(), registry(), settings().idempotency_ttl)


@cache
def verifier() -> TokenVerifier:
    config = settings()
    return TokenVerifier(config.trusted_issuers, config.audience, registry(), config.clock_skew)


@cache
def cursors() -> Cursors:
    return Cursors(settings().cursor_secret)


@cache
def stream_handler() -> StreamHandler:
    return StreamHandler(store(), EventPublisher(settings().event_bus_name))
