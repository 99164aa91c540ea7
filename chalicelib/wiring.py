"""The composition root: builds each collaborator once, on first use, never at import.

Imports live inside the factories: the API function never loads the stream handler and
its publisher, and the stream function never loads PyJWT and cryptography.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chalicelib.delivery import NotificationDelivery
    from chalicelib.domain.blind_index import BlindIndex
    from chalicelib.domain.organisations import Organisation
    from chalicelib.services.cases import CaseService
    from chalicelib.services.context import Auditor
    from chalicelib.services.deconfliction import DeconflictionService
    from chalicelib.services.emergency import EmergencyService
    from chalicelib.services.feed import FeedService
    from chalicelib.services.figures import FigureService
    from chalicelib.services.files import FileService
    from chalicelib.services.legal import LegalService
    from chalicelib.services.operations import OperationService
    from chalicelib.services.organisations import CachedDirectory, OrganisationService
    from chalicelib.services.people import PeopleService
    from chalicelib.services.preservations import PreservationService
    from chalicelib.services.quotas import Quotas
    from chalicelib.services.referrals import ReferralService
    from chalicelib.services.timers import TimerScheduler
    from chalicelib.services.tips import TipService
    from chalicelib.services.watch import WatchService
    from chalicelib.storage.audit import AuditRepository
    from chalicelib.storage.cases import CaseRepository
    from chalicelib.storage.dynamo import Table
    from chalicelib.storage.emergency import EmergencyRepository
    from chalicelib.storage.evidence import EvidenceBucket
    from chalicelib.storage.feed import FeedRepository
    from chalicelib.storage.files import FileRepository
    from chalicelib.storage.identifiers import IdentifierRepository
    from chalicelib.storage.legal import LegalRepository
    from chalicelib.storage.operations import OperationRepository
    from chalicelib.storage.organisations import OrganisationRepository
    from chalicelib.storage.people import PeopleRepository
    from chalicelib.storage.preservations import PreservationRepository
    from chalicelib.storage.quotas import QuotaCounters
    from chalicelib.storage.referrals import ReferralRepository
    from chalicelib.storage.timers import TimerRepository
    from chalicelib.storage.tips import TipRepository
    from chalicelib.storage.watch import WatchRepository
    from chalicelib.stream.handler import StreamHandler
    from chalicelib.stream.publisher import EventPublisher


# The repositories: one per aggregate, each over the one table.


@cache
def table() -> Table:
    from chalicelib.storage.dynamo import Table

    return Table()


@cache
def cases() -> CaseRepository:
    from chalicelib.storage.cases import CaseRepository

    return CaseRepository(table())


@cache
def referrals() -> ReferralRepository:
    from chalicelib.storage.referrals import ReferralRepository

    return ReferralRepository(table())


@cache
def audit_log() -> AuditRepository:
    from chalicelib.storage.audit import AuditRepository

    return AuditRepository(table())


@cache
def identifiers() -> IdentifierRepository:
    from chalicelib.storage.identifiers import IdentifierRepository

    return IdentifierRepository(table())


@cache
def operations() -> OperationRepository:
    from chalicelib.storage.operations import OperationRepository

    return OperationRepository(table())


@cache
def tips() -> TipRepository:
    from chalicelib.storage.tips import TipRepository

    return TipRepository(table())


@cache
def preservations() -> PreservationRepository:
    from chalicelib.storage.preservations import PreservationRepository

    return PreservationRepository(table())


@cache
def timers() -> TimerRepository:
    from chalicelib.storage.timers import TimerRepository

    return TimerRepository(table())


@cache
def organisations() -> OrganisationRepository:
    from chalicelib.storage.organisations import OrganisationRepository

    return OrganisationRepository(table())


def seed_registry() -> list[str]:
    """The seed file's organisations the table does not hold yet, written: what is there
    already, onboarded or changed through the API, is kept (`OrganisationRepository.seed`, as
    `make run` seeds, `chalicelib.devtools.provision.seed_registry`). The stack's custom
    resource's (`chalicelib.seeding`)."""
    from chalicelib.domain.organisations import seed

    return organisations().seed(seed())


@cache
def organisation_directory() -> CachedDirectory:
    """The registry as the API reads it: from the table, kept at most a minute (`services.organisations`)."""
    from chalicelib.services.organisations import CachedDirectory
    from chalicelib.settings import settings

    store = organisations()
    return CachedDirectory(
        store.get_organisation, settings().registry_cache_ttl, bound_to=store.bound_to, centers=watch_centers
    )


@cache
def organisation_service() -> OrganisationService:
    from chalicelib.services.organisations import OrganisationService

    return OrganisationService(organisations(), auditor(), organisation_directory())


@cache
def people() -> PeopleRepository:
    from chalicelib.storage.people import PeopleRepository

    return PeopleRepository(table())


@cache
def people_service() -> PeopleService:
    """Each organisation's persons, and the standing every sensitive act checks (`services.people`)."""
    from chalicelib.services.people import PeopleService
    from chalicelib.settings import settings

    config = settings()
    return PeopleService(people(), auditor(), organisation_directory(), config.reverify_after, config.idempotency_ttl)


@cache
def counters() -> QuotaCounters:
    from chalicelib.storage.quotas import QuotaCounters

    return QuotaCounters(table())


# The services: each takes the repositories it uses.


@cache
def auditor() -> Auditor:
    from chalicelib.services.context import Auditor

    return Auditor(audit_log(), cases(), table())


@cache
def tip_service() -> TipService:
    from chalicelib.domain.tip_routing import routing_rules
    from chalicelib.services.tips import TipService
    from chalicelib.settings import settings

    return TipService(
        tips(),
        auditor(),
        deconfliction_service(),
        partial(routing_rules, organisation_directory()),
        organisation_directory(),
        settings().idempotency_ttl,
    )


@cache
def legal_requests() -> LegalRepository:
    from chalicelib.storage.legal import LegalRepository

    return LegalRepository(table())


@cache
def files() -> FileRepository:
    from chalicelib.storage.files import FileRepository

    return FileRepository(table())


@cache
def evidence_bucket() -> EvidenceBucket:
    from chalicelib.domain.errors import Unavailable
    from chalicelib.settings import settings
    from chalicelib.storage.evidence import EvidenceBucket

    bucket = settings().evidence_bucket
    if bucket is None:
        raise Unavailable("evidence files are not configured for this stage (CASEBRIDGE_EVIDENCE_BUCKET)")
    return EvidenceBucket(bucket)


@cache
def file_service() -> FileService:
    from chalicelib.services.files import FileService
    from chalicelib.settings import settings

    config = settings()
    return FileService(
        files(),
        evidence_bucket(),
        auditor(),
        tips(),
        config.idempotency_ttl,
        legal_requests(),
        emergency_requests(),
        config.malware_scan,
    )


def arrivals_handler() -> Callable[[list[tuple[str, str]]], dict[str, Any]]:
    """The evidence bucket's arrivals and scan results (`(message id, body)`), handled: for
    the arrivals function, and `make run`'s and the tests' queue pump."""
    from chalicelib.arrivals import check_arrivals
    from chalicelib.services.context import utcnow

    service = file_service()
    return lambda messages: check_arrivals(messages, service, utcnow())


@cache
def preservation_service() -> PreservationService:
    from chalicelib.services.preservations import PreservationService
    from chalicelib.settings import settings

    return PreservationService(preservations(), auditor(), organisation_directory(), settings().idempotency_ttl)


@cache
def legal_service() -> LegalService:
    from chalicelib.services.legal import LegalService
    from chalicelib.settings import settings

    config = settings()
    return LegalService(
        legal_requests(),
        files(),
        preservations(),
        emergency_requests(),
        auditor(),
        organisation_directory(),
        config.idempotency_ttl,
        config.legal_due,
        people_service(),
    )


@cache
def notification_delivery() -> NotificationDelivery:
    """The delivery function: the delivery queue's events fanned out, and each delivery made
    to a recipient's webhook, bus or queue, as its delivery settings say."""
    from chalicelib.delivery import (
        AwsTargets,
        NotificationDelivery,
        RegistryDeliverySettings,
        SqsQueues,
        stage_delivery_settings,
    )
    from chalicelib.settings import LOCAL_STAGE, settings
    from chalicelib.topology import topology
    from chalicelib.webhooks import Poster, SecretsManagerSecrets

    config = settings()
    local = config.stage == LOCAL_STAGE  # only `make run`'s stage may deliver to the laptop
    lookup = RegistryDeliverySettings(
        organisation_directory(), topology(config.stage).webhook_secret_name, override=stage_delivery_settings
    )
    return NotificationDelivery(lookup, SecretsManagerSecrets(), SqsQueues(), AwsTargets(), Poster(local=local))


@cache
def feed() -> FeedRepository:
    from chalicelib.storage.feed import FeedRepository

    return FeedRepository(table())


@cache
def feed_service() -> FeedService:
    from chalicelib.services.feed import FeedService

    return FeedService(feed(), auditor())


@cache
def emergency_requests() -> EmergencyRepository:
    from chalicelib.storage.emergency import EmergencyRepository

    return EmergencyRepository(table())


@cache
def emergency_service() -> EmergencyService:
    from chalicelib.services.emergency import EmergencyService
    from chalicelib.settings import settings

    config = settings()
    return EmergencyService(
        emergency_requests(),
        files(),
        auditor(),
        organisation_directory(),
        config.idempotency_ttl,
        config.emergency_sla,
        config.legal_process_due,
        people_service(),
    )


@cache
def timer_scheduler() -> TimerScheduler:
    from chalicelib.services.timers import TimerScheduler

    return TimerScheduler(timers(), deconfliction_service())


@cache
def blind_index() -> BlindIndex:
    """The blind-index keys: from Secrets Manager in AWS, else from settings."""
    import base64

    from chalicelib.domain.blind_index import BlindIndex
    from chalicelib.secrets import secret
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

    return DeconflictionService(
        identifiers(), cases(), timers(), auditor(), blind_index(), settings().idempotency_ttl, quotas()
    )


@cache
def operation_service() -> OperationService:
    from chalicelib.services.operations import OperationService
    from chalicelib.settings import settings

    config = settings()
    return OperationService(
        operations(), auditor(), config.operation_buffer, config.idempotency_ttl, quotas(), watch_service()
    )


@cache
def watched_conflicts() -> WatchRepository:
    from chalicelib.storage.watch import WatchRepository

    return WatchRepository(table())


def watch_centers() -> list[Organisation]:
    """The registry's active watch centers: one Query of its directory (a handful, never 100)."""
    from chalicelib.domain.organisations import OrgKind, OrgStatus

    return organisations().directory(OrgStatus.ACTIVE, OrgKind.WATCH_CENTER, None, 100, None).items


@cache
def watch_service() -> WatchService:
    from chalicelib.services.watch import WatchService
    from chalicelib.settings import settings

    config = settings()
    return WatchService(
        watched_conflicts(),
        auditor(),
        organisation_directory(),
        people_service(),
        config.conflict_unowned_after,
        config.conflict_contact_before,
        config.operation_buffer,
    )


@cache
def figure_service() -> FigureService:
    """Figures: counted by the stream, read by the reports (`services.figures`)."""
    from chalicelib.services.figures import FigureService
    from chalicelib.storage.figures import FigureCounters

    return FigureService(FigureCounters(table()), organisation_directory(), auditor())


@cache
def quotas() -> Quotas:
    from chalicelib.services.quotas import Quotas
    from chalicelib.settings import settings

    return Quotas(settings().quotas, counters())


@cache
def case_service() -> CaseService:
    from chalicelib.services.cases import CaseService
    from chalicelib.settings import settings

    return CaseService(cases(), audit_log(), auditor(), settings().idempotency_ttl)


@cache
def referral_service() -> ReferralService:
    from chalicelib.services.referrals import ReferralService
    from chalicelib.settings import settings

    return ReferralService(referrals(), auditor(), organisation_directory(), settings().idempotency_ttl)


@cache
def stream_handler() -> StreamHandler:
    from chalicelib.settings import settings
    from chalicelib.stream.publisher import EventPublisher

    return build_stream_handler(EventPublisher(settings().event_bus_name))


def build_stream_handler(publisher: EventPublisher) -> StreamHandler:
    """A stream handler publishing through `publisher` (tests hand in a failing one)."""
    from chalicelib.settings import settings
    from chalicelib.storage.archive import AuditArchive
    from chalicelib.stream.handler import StreamHandler
    from chalicelib.stream.reactions import Reactors

    bucket = settings().audit_archive_bucket
    reactors = Reactors(
        cases(),
        deconfliction_service(),
        operation_service(),
        tip_service(),
        referral_service(),
        quotas(),
        AuditArchive(bucket) if bucket else None,
        file_service() if settings().evidence_bucket else None,
        settings().operator,
        requesters=people(),
        emergencies=emergency_requests(),
        figures=figure_service(),
        watch_lists=watched_conflicts(),
    )
    return StreamHandler(reactors, publisher, feed())
