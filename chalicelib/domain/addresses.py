"""Web addresses casebridge calls out to (webhook endpoints, issuers' JWKS URIs): taken apart
once, with the rules both share: a host, no credentials, the laptop only in the local stage."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class CallOut:
    """A web address casebridge may call: its scheme, its host, and that host as an IP
    address when it is given as one."""

    scheme: str
    host: str
    literal: IpAddress | None

    @property
    def laptop(self) -> bool:
        """`localhost` (or a name under it) or a loopback address."""
        if self.literal is not None:
            return self.literal.is_loopback
        return self.host == "localhost" or self.host.endswith(".localhost")

    @property
    def secure(self) -> bool:
        """https, or http to the laptop (which only the local stage may call, `call_out`)."""
        return self.scheme == "https" or (self.scheme == "http" and self.laptop)


def call_out(url: str, what: str, *, local: bool, credentials: str = "") -> CallOut | str:
    """`url` taken apart, or why `what` (`a webhook endpoint`, `a JWKS URI`) may not be it:
    not a web address, no host, credentials in it (`credentials` says why they are not
    needed), or the laptop outside the local stage (`local`).

    >>> call_out("https://user:pw@example.org/", "a JWKS URI", local=False)
    'a JWKS URI carries no credentials'
    """
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port  # a port that is not a number raises here
    except ValueError as error:
        return f"not a web address: {error}"
    if not host:
        return f"{what} must name its host"
    if parts.username is not None or parts.password is not None:
        return f"{what} carries no credentials{credentials}"
    try:
        literal: IpAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    found = CallOut(parts.scheme, host, literal)
    if found.laptop and not local:
        return f"{what} may be on the laptop only in the local stage (make run)"
    return found
