"""Signed webhooks' transport: the POST (`Poster`) and the signing secrets (`SecretsManagerSecrets`).

`chalicelib.delivery` attempts each webhook delivery with these. The POST itself never follows
a redirect (a 3xx is a failed attempt like any other), and goes only where `domain.webhooks`
allows: it resolves the endpoint's host once, refuses it if any address is not the public
internet's, and connects to an address it checked, so a DNS answer that changes after the check
(rebinding) cannot move the request; TLS still verifies the certificate against the host name
(SNI and name check).

An organisation's signing secrets are a Secrets Manager secret, `{"current", "previous"?}`,
created at runtime by the operator (`Topology.webhook_secret_name`; docs/events/webhooks.md),
never by the stack.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import json
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

from chalicelib.domain.webhooks import (
    TIMEOUT,
    endpoint_refusal,
    may_deliver_to,
)

#: Sends one delivery; the HTTP status, or OSError when the endpoint cannot be reached.
Send = Callable[[str, str, Mapping[str, str]], int]
#: How long a secret's value is used before it is read again (a rotation reaches every function).
SECRET_CACHE = timedelta(minutes=5)


class SigningSecrets(Protocol):
    def current(self, secret: str) -> list[str]: ...


class RefusedEndpoint(OSError):
    """An endpoint a delivery will not connect to (`domain.webhooks`): tried again like an
    unreachable one, and logged, until it is fixed or the event is dead-lettered."""


#: A host's addresses, in the order to try them.
Resolve = Callable[[str, int], list[str]]
#: A TCP connection to one address (`socket.create_connection`'s signature).
Connect = Callable[[tuple[str, int], float], socket.socket]


def addresses_of(host: str, port: int) -> list[str]:
    """Every address DNS (or the literal) gives for `host`, once each, in the resolver's order."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(sockaddr[0]) for *_, sockaddr in found))


@functools.cache
def _system_tls() -> ssl.SSLContext:
    """The system's certificate authorities, loaded once per cold start, not per delivery."""
    return ssl.create_default_context()


@dataclass(frozen=True)
class Poster:
    """One delivery's HTTP POST, with the standard library only (nothing more in the bundle).

    Resolves the host once, checks every address (`may_deliver_to`), then connects to a
    checked address itself: no second lookup happens between the check and the connection.
    The TLS handshake names the host (SNI) and verifies the certificate against it, as if
    the connection had been made by name. `http.client` follows no redirect; its status is
    the answer. `local`: the local stage, which may also deliver to the laptop (over http).
    """

    local: bool = False
    resolve: Resolve = addresses_of
    connect: Connect = socket.create_connection
    #: Certificate authorities and checks (the system's by default; tests bring their own CA).
    tls: ssl.SSLContext | None = None

    def __call__(self, url: str, body: str, headers: Mapping[str, str]) -> int:
        refusal = endpoint_refusal(url, local=self.local)
        if refusal is not None:
            raise RefusedEndpoint(refusal)
        parts = urlsplit(url)
        host, secure = parts.hostname or "", parts.scheme == "https"
        port = parts.port or (443 if secure else 80)
        addresses = self.resolve(host, port)
        refused = [address for address in addresses if not may_deliver_to(address, local=self.local)]
        if refused or not addresses:
            raise RefusedEndpoint(f"{host} resolves to {refused or 'nothing'}: not the public internet")
        if not secure and not all(ipaddress.ip_address(address).is_loopback for address in addresses):
            raise RefusedEndpoint(f"http only to the laptop itself, and {host} is not")
        connection = self._connection(host, port, addresses, secure)
        try:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("POST", path, body=body.encode(), headers=dict(headers))
            return int(connection.getresponse().status)
        finally:
            connection.close()

    def _connection(self, host: str, port: int, addresses: list[str], secure: bool) -> http.client.HTTPConnection:
        """An HTTP(S) connection to `host` over a socket to the first checked address that answers."""
        timeout = TIMEOUT.total_seconds()
        error: OSError = RefusedEndpoint(f"{host}: no address")
        for address in addresses:
            try:
                sock = self.connect((address, port), timeout)
                break
            except OSError as failed:
                error = failed
        else:
            raise error
        connection: http.client.HTTPConnection
        if secure:
            tls = self.tls or _system_tls()
            try:
                sock = tls.wrap_socket(sock, server_hostname=host)  # SNI, and the name checked
            except OSError:
                sock.close()
                raise
            connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=tls)
        else:
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
        connection.sock = sock  # already connected: `http.client` does not look the host up again
        return connection


@dataclass
class SecretsManagerSecrets:
    """A webhook's signing secrets, `{"current": …, "previous": …}` in Secrets Manager: both
    sign while a rotation is under way; read again every `SECRET_CACHE`."""

    client: Any = None
    _cache: dict[str, tuple[float, list[str]]] = field(default_factory=dict)

    def current(self, secret: str) -> list[str]:
        cached = self._cache.get(secret)
        if cached is not None and time.monotonic() - cached[0] < SECRET_CACHE.total_seconds():
            return cached[1]
        if self.client is None:
            import boto3

            self.client = boto3.client("secretsmanager")
        document = json.loads(self.client.get_secret_value(SecretId=secret)["SecretString"])
        values = [document[name] for name in ("current", "previous") if document.get(name)]
        self._cache[secret] = (time.monotonic(), values)
        return values


_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def create_signing_secret(client: Any, name: str, kms_key_id: str | None = None) -> bool:
    """`name`'s signing secret, `{"current": <48 letters and digits>}` (valid base64 of 36
    random bytes, used by the receiver as `whsec_<current>`), unless it exists; whether it was
    created. What onboarding a webhook does, at runtime: the stack holds no secret per organisation."""
    import secrets as random

    try:
        client.describe_secret(SecretId=name)
        return False
    except client.exceptions.ResourceNotFoundException:
        value = "".join(random.choice(_ALPHANUMERIC) for _ in range(48))
        key = {"KmsKeyId": kms_key_id} if kms_key_id else {}
        client.create_secret(Name=name, SecretString=json.dumps({"current": value}), **key)
        return True
