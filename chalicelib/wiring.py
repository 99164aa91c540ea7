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
    from chalicelib.domain.blind_index import BlindIndex
    from chalicelib.notifications.publisher import EventPublisher
    from chalicelib.notifications.stream import StreamHandler
    from chalicelib.services.cases import CaseService
    from chalicelib.services.deconfliction import DeconflictionService
    from chalicelib.services.operations import OperationService
    from chalicelib.services.preservations import PreservationService
    from chalicelib.services.quotas import Quotas
    from chalicelib.services.referrals import ReferralService
    from chalicelib.services.timers import TimerScheduler
    from chalicelib.services.tips import TipService
    from chalicelib.storage.tips import TipStore


@cache
def store() -> TipStore:
    """The request path's repository: tips extend deconfliction, which extends cases."""
    from chalicelib.storage.tips import TipStore

    return TipStore()


@cache
def tip_service() -> TipService:
    from chalicelib.domain.organisations import registry
    from chalicelib.domain.tip_routing import routing_rules
    from chalicelib.services.tips import TipService
    from chalicelib.settings import settings

    return TipService(store(), deconfliction_service(), routing_rules(), registry(), settings().idempotency_ttl)


@cache
def preservation_service() -> PreservationService:
    from chalicelib.domain.organisations import registry
    from chalicelib.services.preservations import PreservationService
    from chalicelib.settings import settings
    from chalicelib.storage.preservations import PreservationStore

    return PreservationService(PreservationStore(), registry(), settings().idempotency_ttl)


@cache
def timer_scheduler() -> TimerScheduler:
    from chalicelib.services.timers import TimerScheduler
    from chalicelib.storage.timers import TimerStore

    return TimerScheduler(TimerStore(), deconfliction_service())


def secret(name: str) -> str:
    """A Secrets Manager secret's string, cached for 5 minutes by Powertools (rotation-friendly)."""
    from aws_lambda_powertools.utilities.parameters import get_secret

    return str(get_secret(name, max_age=300))


@cache
def blind_index() -> BlindIndex:
    """The blind-index keys: from Secrets Manager in AWS, else from settings."""
    import base64

    from chalicelib.domain.blind_index import BlindIndex
    from chalicelib.settings import parse_deconfliction_keys, settings

    config = settings()
    keys, current = config.deconfliction_keys, config.deconfliction_key_id
    if config.deconfliction_keys_secret:
        loaded = parse_deconfliction_keys(secret(config.deconfliction_keys_secret))
        keys, current = loaded["deconfliction_keys"], loaded["deconfliction_key_id"]
    return BlindIndex({kid: base64.b64decode(value) for kid, value in keys.items()}, current)


@cache
def deconfliction_service() -> DeconflictionService:
    from chalicelib.services.deconfliction import DeconflictionService
    from chalicelib.settings import settings

    return DeconflictionService(store(), blind_index(), settings().idempotency_ttl, quotas())


@cache
def operation_service() -> OperationService:
    from chalicelib.services.operations import OperationService
    from chalicelib.settings import settings

    config = settings()
    return OperationService(store(), config.operation_buffer, config.idempotency_ttl, quotas())


@cache
def quotas() -> Quotas:
    from chalicelib.services.quotas import Quotas
    from chalicelib.settings import settings

    return Quotas(settings().quotas, store())


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

    config = settings()
    if config.cursor_secret_name:
        return Cursors(secret(config.cursor_secret_name))
    if config.cursor_secret is None:
        raise RuntimeError("set CASEBRIDGE_CURSOR_SECRET or CASEBRIDGE_CURSOR_SECRET_NAME")
    return Cursors(config.cursor_secret)


@cache
def stream_handler() -> StreamHandler:
    from chalicelib.notifications.publisher import EventPublisher
    from chalicelib.settings import settings

    return build_stream_handler(EventPublisher(settings().event_bus_name))


def build_stream_handler(publisher: EventPublisher) -> StreamHandler:
    """A stream handler publishing through `publisher` (tests hand in a failing one)."""
    from chalicelib.notifications.stream import StreamHandler
    from chalicelib.settings import settings
    from chalicelib.storage.archive import AuditArchive

    bucket = settings().audit_archive_bucket
    return StreamHandler(
        store(),
        publisher,
        deconfliction_service(),
        operation_service(),
        tip_service(),
        referral_service(),
        quotas(),
        AuditArchive(bucket) if bucket else None,
    )
