"""Platform accounts (as tips report them and preservation requests name them) as identifiers.

An account belongs to one of the platform's services (Meta runs Facebook, Instagram,
WhatsApp and Threads); where the platform runs one service, that is the default.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from chalicelib.domain.errors import InvalidField
from chalicelib.domain.identifiers import Identifier, IdentifierType, InvalidIdentifier, normalise
from chalicelib.domain.organisations import Organisation

#: Account fields holding one value each, and the identifier type of each.
_SINGLE = {"handle": IdentifierType.SOCIAL_HANDLE, "platform_user_id": IdentifierType.PLATFORM_USER_ID}
#: Account fields holding lists of values, and their types (none takes a qualifier).
_LISTS = {
    "profile_urls": IdentifierType.URL,
    "profile_url": IdentifierType.URL,
    "device_ids": IdentifierType.DEVICE_ID,
}


def account_identifiers(account: dict[str, Any], platform: Organisation, where: str) -> list[Identifier]:
    """The normalised identifiers one account names; `InvalidField` names the field at fault."""
    found: list[Identifier] = []
    if any(account.get(name) for name in _SINGLE):
        service = _service(account.get("service"), platform, f"{where}.service")
        for name, kind in _SINGLE.items():
            if account.get(name):
                found.append(_normalised(kind, account[name], service, f"{where}.{name}"))
    elif account.get("service"):
        _service(account["service"], platform, f"{where}.service")
    for name, kind in _LISTS.items():
        values = account.get(name) or []
        for n, value in enumerate([values] if isinstance(values, str) else values):
            field = f"{where}.{name}" if isinstance(values, str) else f"{where}.{name}.{n}"
            found.append(_normalised(kind, value, None, field))
    if not found:
        raise InvalidField(where, "name the account: a handle, platform_user_id or profile URL")
    return found


def distinct(identifiers: Iterable[Identifier], limit: int, field: str) -> tuple[Identifier, ...]:
    unique = tuple(dict.fromkeys(identifiers))
    if len(unique) > limit:
        raise InvalidField(field, f"names {len(unique)} distinct identifiers; the limit is {limit}")
    return unique


def _service(given: str | None, platform: Organisation, field: str) -> str:
    if given is None:
        if len(platform.service_codes) != 1:
            names = ", ".join(platform.service_codes) or "none registered"
            raise InvalidField(field, f"{platform.code} runs several services ({names}); name the account's service")
        return platform.service_codes[0]
    if platform.service_codes and given not in platform.service_codes:
        raise InvalidField(field, f"{given} is not a {platform.code} service ({', '.join(platform.service_codes)})")
    return given


def _normalised(kind: IdentifierType, value: str, qualifier: str | None, field: str) -> Identifier:
    try:
        return normalise(kind, value, qualifier)
    except InvalidIdentifier as error:
        raise InvalidField(field, error.reason) from None
