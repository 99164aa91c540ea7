"""The trusted issuers' public keys: given inline, or fetched from each issuer's JWKS URI and
cached, fetched again once (rate-limited) for an unknown key id, kept while the endpoint is down.

Only URIs from the stage's settings are ever fetched, never one a token names (`jku`, `x5u`).
Nothing heavy is imported here at module level: the settings import this module in every
function, and only the API verifies tokens (PyJWT loads on the first key set parsed).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, Unpack
from urllib.parse import urlsplit

from chalicelib.domain.addresses import call_out

if TYPE_CHECKING:
    from chalicelib.settings import TrustedIssuer

#: Asymmetric algorithms only: `none` and HMAC (HS256 with a public key as secret) never pass.
ALLOWED_ALGORITHMS = ("RS256", "ES256")
#: JWK members only a private key (RSA: `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`; EC: `d`) or a
#: symmetric one (`k`) has (RFC 7518, section 6): a set that carries one is refused whole.
SECRET_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
#: How long a fetched key set is used before it is fetched again (`CASEBRIDGE_JWKS_CACHE_SECONDS`).
DEFAULT_LIFETIME = timedelta(minutes=10)
#: The least time between two fetches of one issuer's set for an unknown key id, or after a
#: failed fetch (`CASEBRIDGE_JWKS_REFETCH_SECONDS`): a forger's made-up `kid`s cost one fetch a minute.
DEFAULT_REFETCH_INTERVAL = timedelta(seconds=60)
#: While an issuer's endpoint fails, a warning is logged once per issuer per this long.
WARN_INTERVAL = timedelta(minutes=5)
#: A fetch gives up after this long: a token is being verified while it waits.
FETCH_TIMEOUT_SECONDS = 3.0
#: Registry providers' key sources kept at most (20,000 organisations may each bring one).
MAX_REGISTERED_SOURCES = 50_000
#: A key set larger than this is refused unread: a few keys are a few kilobytes.
MAX_KEY_SET_BYTES = 64 * 1024


class KeySetRefused(ValueError):
    """A key set (fetched or inline) that is not a set of public RS256/ES256 signing keys."""


def key_set_refusal(document: object) -> str | None:
    """Why `document` may not be trusted as an issuer's key set, None if it may.

    It must be a JWKS (`{"keys": [...]}`) of public keys: a private or symmetric key anywhere
    in it refuses the whole set (whoever published it has leaked it, or is not what it
    claims). Keys of another type or algorithm are left out of use, not refused: a provider
    may publish keys for other relying parties.
    """
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list) or not document["keys"]:
        return "a key set is a JSON object whose 'keys' is a non-empty list (a JWKS)"
    for index, key in enumerate(document["keys"]):
        if not isinstance(key, dict):
            return f"key {index} is not a JSON object"
        named = f"key {index} ({str(key.get('kid'))[:64]!r})"
        if key.get("kty") == "oct" or "k" in key:
            return f"{named} is a symmetric key: only public RS256 and ES256 keys are trusted"
        secret = sorted(SECRET_MEMBERS & key.keys())
        if secret:
            return f"{named} is a private key (it carries {', '.join(secret)}): publish the public key only"
    return None


def signing_keys(document: object) -> list[Any]:
    """The keys of a key set this API verifies with (PyJWT's `PyJWK`): public RSA and P-256
    keys for RS256 and ES256, not marked for encryption. Raises `KeySetRefused`."""
    import jwt

    refusal = key_set_refusal(document)
    if refusal is not None:
        raise KeySetRefused(refusal)
    assert isinstance(document, dict)  # key_set_refusal said so
    try:
        parsed = jwt.PyJWKSet.from_dict(document).keys
    except jwt.PyJWTError:  # none PyJWT can use ("Perhaps 'cryptography' is not installed?": it is)
        parsed = []
    usable = [key for key in parsed if key.algorithm_name in ALLOWED_ALGORITHMS and key.public_key_use != "enc"]
    if not usable:
        raise KeySetRefused("no RS256 or ES256 signing key in the set")
    return usable


def jwks_uri_refusal(uri: str, *, local: bool) -> str | None:
    """Why `uri` may not be an issuer's JWKS URI, None if it may: https, a host, no credentials;
    `local` (the local stage, `make run`) also allows http to the laptop itself."""
    found = call_out(uri, "a JWKS URI", local=local)
    if isinstance(found, str):
        return found
    if found.secure:
        return None
    return "a JWKS URI must be https" + (" (http only to the laptop itself)" if local else "")


def fetch_key_set(uri: str) -> object:
    """GETs the JSON document at `uri`: no redirect followed, `FETCH_TIMEOUT_SECONDS` at most,
    `MAX_KEY_SET_BYTES` at most. Raises `OSError` (the network, a status other than 200) or
    `ValueError` (too large, not JSON)."""
    import urllib.request

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None  # a 3xx is then an HTTPError: the set is where the settings say, or nowhere

    if urlsplit(uri).scheme not in ("https", "http"):  # the settings checked; urllib also opens file: URLs
        raise ValueError(f"not a web address: {uri[:200]!r}")
    accept = {"Accept": "application/jwk-set+json, application/json"}
    request = urllib.request.Request(uri, headers=accept)  # noqa: S310 (https or http, checked above)
    opener = urllib.request.build_opener(_NoRedirect())
    with opener.open(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
        if response.status != 200:
            raise OSError(f"{uri} answered {response.status}")
        body = response.read(MAX_KEY_SET_BYTES + 1)
    if len(body) > MAX_KEY_SET_BYTES:
        raise ValueError(f"the key set is larger than {MAX_KEY_SET_BYTES} bytes")
    return json.loads(body)


def _warn(message: str, extra: dict[str, Any]) -> None:
    from chalicelib.observability import logger

    logger.warning(message, extra=extra)


class KeySource(Protocol):
    """One trusted issuer's keys, as `TrustedKeys` asks for them."""

    issuer: str

    def keys(self) -> list[Any]:
        """Its keys now: fetched first if that is due."""
        ...

    def cached(self) -> list[Any]:
        """Its keys as last known, never fetching."""
        ...

    def refetch(self) -> bool:
        """A token named a key id it does not have: fetch once more if allowed; whether it did."""
        ...


@dataclass
class InlineKeys:
    """An issuer's keys given in the settings (`jwks`): fixed until the next deploy."""

    issuer: str
    given: list[Any]

    def keys(self) -> list[Any]:
        return self.given

    def cached(self) -> list[Any]:
        return self.given

    def refetch(self) -> bool:
        return False


class FetchedKeys:
    """An issuer's keys from its JWKS URI, cached for `lifetime`.

    - Fetched at first need, and again once `lifetime` has passed since the last good fetch.
    - A key id it does not have fetches the set once more, but never twice within
      `refetch_interval` (a failed fetch counts): a forger's made-up key ids cost nothing.
    - A fetch that fails (the endpoint down, a timeout, a status other than 200, a body that is
      not a set of public signing keys) keeps the last good keys (stale while error) and is not
      tried again within `refetch_interval`; a warning is logged once per `warn_interval`.
    """

    def __init__(
        self,
        issuer: str,
        uri: str,
        *,
        lifetime: timedelta = DEFAULT_LIFETIME,
        refetch_interval: timedelta = DEFAULT_REFETCH_INTERVAL,
        warn_interval: timedelta = WARN_INTERVAL,
        fetch: Callable[[str], object] = fetch_key_set,
        clock: Callable[[], float] = time.monotonic,
        warn: Callable[[str, dict[str, Any]], None] = _warn,
    ) -> None:
        self.issuer = issuer
        self.uri = uri
        self._lifetime = lifetime.total_seconds()
        self._refetch_interval = refetch_interval.total_seconds()
        self._warn_interval = warn_interval.total_seconds()
        self._fetch = fetch
        self._clock = clock
        self._warn = warn
        self._keys: list[Any] = []
        self._fetched_at: float | None = None  # the last good fetch
        self._tried_at: float | None = None  # the last fetch, good or not
        self._warned_at: float | None = None
        # The local server is threaded; a Lambda container serves one request at a time.
        self._lock = threading.Lock()

    def keys(self) -> list[Any]:
        with self._lock:
            now = self._clock()
            fresh = self._fetched_at is not None and now - self._fetched_at < self._lifetime
            if not fresh and self._may_fetch(now):
                self._refresh(now)
            return self._keys

    def cached(self) -> list[Any]:
        return self._keys

    def refetch(self) -> bool:
        with self._lock:
            now = self._clock()
            if not self._may_fetch(now):
                return False
            self._refresh(now)
            return True

    def _may_fetch(self, now: float) -> bool:
        return self._tried_at is None or now - self._tried_at >= self._refetch_interval

    def _refresh(self, now: float) -> None:
        self._tried_at = now
        try:
            keys = signing_keys(self._fetch(self.uri))
        except (OSError, ValueError) as error:  # URLError, timeouts, HTTPError; bad JSON, KeySetRefused
            if self._warned_at is None or now - self._warned_at >= self._warn_interval:
                self._warned_at = now
                kept = f"keeping the {len(self._keys)} keys fetched before" if self._keys else "no keys yet"
                self._warn(
                    "an issuer's key set could not be fetched; " + kept,
                    {"issuer": self.issuer, "jwks_uri": self.uri, "error": str(error)[:300]},
                )
            return
        self._keys, self._fetched_at, self._warned_at = keys, now, None


class Keeping(TypedDict, total=False):
    """How `TrustedKeys` keeps the sets it fetches (its defaults: `DEFAULT_LIFETIME`, …), and
    the fetch and the clock it keeps them with (tests hand in their own)."""

    lifetime: timedelta
    refetch_interval: timedelta
    fetch: Callable[[str], object]
    clock: Callable[[], float]


class TrustedKeys:
    """Every trusted issuer's keys, in the order the settings name them; and the keys of the
    identity providers named only in the registry (`provider`), kept as long, the same way."""

    def __init__(
        self,
        sources: Iterable[KeySource],
        *,
        lifetime: timedelta = DEFAULT_LIFETIME,
        refetch_interval: timedelta = DEFAULT_REFETCH_INTERVAL,
        fetch: Callable[[str], object] = fetch_key_set,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sources = list(sources)
        self._lifetime = lifetime
        self._refetch_interval = refetch_interval
        self._fetch = fetch
        self._clock = clock
        #: A registry provider's keys by (issuer, its JWKS URI or its inline set as JSON).
        self._registered: dict[tuple[str, str], KeySource] = {}
        self._lock = threading.Lock()

    def provider(self, issuer: str, jwks_uri: str | None, jwks: object) -> KeySource:
        """The keys of an identity provider an organisation's registry entry names: its JWKS
        URI fetched and cached as a trusted issuer's is (one source per URI, kept while the
        process lives), or its inline set (none usable if the set is refused)."""
        given = jwks_uri if jwks_uri is not None else json.dumps(jwks, sort_keys=True)
        with self._lock:
            found = self._registered.get((issuer, given))
            if found is None:
                if len(self._registered) >= MAX_REGISTERED_SOURCES:
                    self._registered.clear()
                try:
                    found = self._source(issuer, jwks_uri, jwks)
                except KeySetRefused:  # refused at onboarding (`api.routes.organisations`): never trusted
                    found = InlineKeys(issuer, [])
                self._registered[(issuer, given)] = found
            return found

    def _source(self, issuer: str, jwks_uri: str | None, jwks: object) -> KeySource:
        if jwks_uri is not None:
            return FetchedKeys(
                issuer,
                jwks_uri,
                lifetime=self._lifetime,
                refetch_interval=self._refetch_interval,
                fetch=self._fetch,
                clock=self._clock,
            )
        return InlineKeys(issuer, signing_keys(jwks))

    @classmethod
    def of(cls, issuers: Iterable[TrustedIssuer], **keeping: Unpack[Keeping]) -> TrustedKeys:
        """Inline sets parsed now; URIs fetched when a token first needs them."""
        keys = cls([], **keeping)
        keys._sources = [keys._source(entry.issuer, entry.jwks_uri, entry.jwks) for entry in issuers]
        return keys

    @property
    def issuers(self) -> list[str]:
        return [source.issuer for source in self._sources]

    def candidates(self, key_id: object, algorithm: str, claimed: object) -> list[tuple[str, Any]]:
        """(issuer, key) of the keys with this `kid` and algorithm, the claimed issuer's first.

        Only the claimed issuer's set is fetched if due: a token claiming one issuer never
        makes the API wait for another's endpoint. The others' keys are as last known.
        """
        found = [
            (source.issuer, key)
            for source in self._sources
            for key in (source.keys() if source.issuer == claimed else source.cached())
            if key.key_id == key_id and key.algorithm_name == algorithm
        ]
        return sorted(found, key=lambda pair: pair[0] != claimed)

    def refetch(self, claimed: object) -> bool:
        """The claimed issuer's set once more (if it is fetched, and allowed): whether it was."""
        return any([source.refetch() for source in self._sources if source.issuer == claimed])

    def decoy(self, algorithm: str) -> Any | None:
        """Some key of `algorithm`, to spend a verification on when there is none to try."""
        every = (key for source in self._sources for key in source.cached())
        return next((key for key in every if key.algorithm_name == algorithm), None)
