"""Target identifiers: one normaliser per type, so that formatting variants of one value match.

Each normaliser either returns the canonical form or raises `InvalidIdentifier` naming the
field and the reason. The choices (what is case-folded, which provider rules apply) are the
ones documented by the issuer of the identifier, listed beside each rule; where nobody
documents an equivalence, values are kept distinct rather than guessed together.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from chalicelib.domain.errors import InvalidField


class IdentifierType(StrEnum):
    SOCIAL_HANDLE = "social_handle"
    PLATFORM_USER_ID = "platform_user_id"
    PHONE = "phone"
    EMAIL = "email"
    CRYPTO_WALLET = "crypto_wallet"
    PARCEL_TRACKING = "parcel_tracking"
    PAYMENT_HANDLE = "payment_handle"
    DEVICE_ID = "device_id"
    URL = "url"


#: The field that qualifies a value of each type (`platform`, `chain`, ...), if any.
QUALIFIER_FIELD: dict[IdentifierType, str | None] = {
    IdentifierType.SOCIAL_HANDLE: "platform",
    IdentifierType.PLATFORM_USER_ID: "platform",
    IdentifierType.PHONE: None,
    IdentifierType.EMAIL: None,
    IdentifierType.CRYPTO_WALLET: "chain",
    IdentifierType.PARCEL_TRACKING: "carrier",
    IdentifierType.PAYMENT_HANDLE: "service",
    IdentifierType.DEVICE_ID: None,
    IdentifierType.URL: None,
}

MAX_VALUE_LENGTH = 512


class InvalidIdentifier(InvalidField):
    """A value that cannot be one of its type."""


@dataclass(frozen=True)
class Identifier:
    """A normalised identifier: what is matched, and what participants of its case see."""

    type: IdentifierType
    value: str
    qualifier: str | None = None

    @property
    def match_material(self) -> bytes:
        """The bytes the blind index hashes: type, qualifier and value, unambiguously joined."""
        return "\x1f".join([self.type.value, self.qualifier or "", self.value]).encode()


def normalise(kind: IdentifierType, value: str, qualifier: str | None = None, region: str | None = None) -> Identifier:
    """The canonical form of `value`; `qualifier` is the platform, chain, carrier or service."""
    value = value.strip()
    if not value:
        raise InvalidIdentifier("value", "is empty")
    if len(value) > MAX_VALUE_LENGTH:
        raise InvalidIdentifier("value", f"is longer than {MAX_VALUE_LENGTH} characters")
    field = QUALIFIER_FIELD[kind]
    if field is None:
        if qualifier is not None:
            raise InvalidIdentifier("qualifier", f"a {kind.value} takes no platform, chain, carrier or service")
    elif not qualifier:
        raise InvalidIdentifier(field, f"a {kind.value} needs its {field}")
    if region is not None and kind is not IdentifierType.PHONE:
        raise InvalidIdentifier("region", "only a phone takes a region")
    if kind is IdentifierType.PHONE:
        return Identifier(kind, normalise_phone(value, region or "US"))
    if kind is IdentifierType.EMAIL:
        return Identifier(kind, normalise_email(value))
    if kind is IdentifierType.DEVICE_ID:
        return Identifier(kind, _device_id(value))
    if kind is IdentifierType.URL:
        return Identifier(kind, _url(value))
    assert qualifier is not None and field is not None
    code = _ALIASES.get(qualifier.upper(), qualifier.upper())
    normaliser = _QUALIFIED[kind]
    return Identifier(kind, normaliser(code, value), code)


# phones ------------------------------------------------------------------------------------


def normalise_phone(value: str, region: str) -> str:
    """E.164 through Google's libphonenumber; a national number is read in `region` (default US)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region.upper())
    except phonenumbers.NumberParseException as error:
        raise InvalidIdentifier("value", f"not a phone number ({error._msg})") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidIdentifier("value", f"not a valid phone number in {region.upper()} or in E.164 form")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# e-mail ------------------------------------------------------------------------------------

#: Providers whose documented rules make several spellings one mailbox.
#: Gmail ignores dots in the local part and reads `+tag` as the same mailbox, and
#: googlemail.com is gmail.com (support.google.com/mail/answer/7436150, /10313);
#: Outlook.com, iCloud and Fastmail document `+` sub-addressing.
_EMAIL_DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}
_DOTS_IGNORED = frozenset({"gmail.com"})
_PLUS_ADDRESSING = frozenset(
    {"gmail.com", "outlook.com", "hotmail.com", "live.com", "icloud.com", "me.com", "mac.com", "fastmail.com"}
)


def normalise_email(value: str) -> str:
    """Syntax checked by email-validator; domain in IDNA lower case, local part case-folded.

    Every large provider treats local parts case-insensitively, so they are folded; the
    provider rules above are applied only to the providers that document them.
    """
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidIdentifier("value", f"not an e-mail address ({error})") from None
    domain = checked.ascii_domain.lower()
    domain = _EMAIL_DOMAIN_ALIASES.get(domain, domain)
    local = checked.local_part.casefold()
    if domain in _PLUS_ADDRESSING:
        local = local.split("+", 1)[0]
    if domain in _DOTS_IGNORED:
        local = local.replace(".", "")
    if not local:
        raise InvalidIdentifier("value", "the mailbox name is empty once provider rules apply")
    return f"{local}@{domain}"


# handles and platform ids ------------------------------------------------------------------

_ALIASES = {
    "TWITTER": "X",
    "IG": "INSTAGRAM",
    "FB": "FACEBOOK",
    "CASH_APP": "CASHAPP",
    "ETH": "ETHEREUM",
    "BTC": "BITCOIN",
}

#: Handle rules as each platform publishes them; all are case-insensitive.
_HANDLE_RULES: dict[str, re.Pattern[str]] = {
    "TIKTOK": re.compile(r"^[a-z0-9._]{2,24}\Z"),
    "INSTAGRAM": re.compile(r"^[a-z0-9._]{1,30}\Z"),
    "FACEBOOK": re.compile(r"^[a-z0-9.]{5,50}\Z"),
    "X": re.compile(r"^[a-z0-9_]{1,15}\Z"),
    "YOUTUBE": re.compile(r"^[a-z0-9._-]{3,30}\Z"),
    "TELEGRAM": re.compile(r"^[a-z0-9_]{5,32}\Z"),
    "SNAPCHAT": re.compile(r"^[a-z0-9._-]{3,15}\Z"),
}
_ANY_HANDLE = re.compile(r"^[a-z0-9._-]{1,64}\Z")
#: Profile URLs whose path names the handle, so a pasted link matches the handle.
_PROFILE_HOSTS = {
    "tiktok.com": "TIKTOK",
    "instagram.com": "INSTAGRAM",
    "facebook.com": "FACEBOOK",
    "x.com": "X",
    "twitter.com": "X",
    "youtube.com": "YOUTUBE",
    "t.me": "TELEGRAM",
    "snapchat.com": "SNAPCHAT",
}
_PLATFORM_USER_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,128}\Z")


def _handle(platform: str, value: str) -> str:
    if "/" in value:
        value = _handle_from_profile_url(platform, value)
    handle = value.removeprefix("@").casefold()
    rule = _HANDLE_RULES.get(platform, _ANY_HANDLE)
    if not rule.match(handle):
        raise InvalidIdentifier("value", f"not a {platform} handle (allowed: {rule.pattern})")
    return handle


def _handle_from_profile_url(platform: str, value: str) -> str:
    try:
        parts = urlsplit(value if "://" in value else f"https://{value}")
        host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    except ValueError:
        raise InvalidIdentifier("value", f"not a {platform} handle or profile URL") from None
    if _PROFILE_HOSTS.get(host) != platform:
        raise InvalidIdentifier("value", f"not a {platform} handle or profile URL")
    segments = [segment for segment in parts.path.split("/") if segment]
    if host == "snapchat.com" and segments[:1] == ["add"]:
        segments = segments[1:]
    if not segments:
        raise InvalidIdentifier("value", "the profile URL names no handle")
    return segments[0]


def _platform_user_id(platform: str, value: str) -> str:
    # Kept as sent: platforms' opaque ids can be case-sensitive (YouTube channel ids are).
    if not _PLATFORM_USER_ID.match(value):
        raise InvalidIdentifier("value", "a platform user id is 1 to 128 letters, digits and . _ : -")
    return value


# crypto wallets ----------------------------------------------------------------------------

_EVM_CHAINS = frozenset({"ETHEREUM", "POLYGON", "BSC", "ARBITRUM", "OPTIMISM", "BASE", "AVALANCHE"})
#: Bech32 human-readable parts and base58check version bytes of the UTXO chains.
_UTXO = {"BITCOIN": ("bc", {0x00, 0x05}), "LITECOIN": ("ltc", {0x30, 0x32, 0x05})}
_BECH32M_CONSTANT = 0x2BC830A3  # BIP 350


def _wallet(chain: str, value: str) -> str:
    if chain in _EVM_CHAINS:
        return _evm_address(value)
    if chain in _UTXO:
        hrp, versions = _UTXO[chain]
        if value.lower().startswith(hrp + "1"):
            return _segwit_address(hrp, value)
        return _base58check_address(value, versions, chain)
    if chain == "TRON":
        return _base58check_address(value, {0x41}, chain)
    if chain == "SOLANA":
        return _solana_address(value)
    supported = ", ".join(sorted({*_EVM_CHAINS, *_UTXO, "TRON", "SOLANA"}))
    raise InvalidIdentifier("chain", f"unsupported chain; one of {supported}")


def _evm_address(value: str) -> str:
    """`0x` and 40 hex digits; a mixed-case address must carry a valid EIP-55 checksum."""
    if not re.fullmatch(r"0[xX][0-9a-fA-F]{40}", value):
        raise InvalidIdentifier("value", "an EVM address is 0x followed by 40 hex digits")
    digits = value[2:]
    if digits != digits.lower() and digits != digits.upper():
        from eth_hash.auto import keccak

        digest = keccak(digits.lower().encode()).hex()
        expected = "".join(c.upper() if int(digest[i], 16) >= 8 else c for i, c in enumerate(digits.lower()))
        if digits != expected:
            raise InvalidIdentifier("value", "the EIP-55 checksum (mixed case) does not match")
    return "0x" + digits.lower()


def _segwit_address(hrp: str, value: str) -> str:
    """Bech32 (witness v0, BIP 173) or bech32m (v1+, BIP 350), checksum verified; lower case."""
    import bech32

    if value != value.lower() and value != value.upper():
        raise InvalidIdentifier("value", "a bech32 address is all lower or all upper case")
    address = value.lower()
    data = [bech32.CHARSET.find(c) for c in address[len(hrp) + 1 :]]
    if len(data) < 7 or -1 in data:
        raise InvalidIdentifier("value", "not a bech32 address")
    witness_version = data[0]
    constant = 1 if witness_version == 0 else _BECH32M_CONSTANT
    if bech32.bech32_polymod(bech32.bech32_hrp_expand(hrp) + data) != constant:
        raise InvalidIdentifier("value", "the bech32 checksum does not match")
    program = bech32.convertbits(data[1:-6], 5, 8, False)
    if program is None or not 2 <= len(program) <= 40 or witness_version > 16:
        raise InvalidIdentifier("value", "not a valid witness program")
    if witness_version == 0 and len(program) not in (20, 32):
        raise InvalidIdentifier("value", "a version 0 witness program is 20 or 32 bytes")
    return address


def _base58check_address(value: str, versions: set[int], chain: str) -> str:
    import base58

    try:
        payload = base58.b58decode_check(value)
    except ValueError:
        raise InvalidIdentifier("value", f"not a {chain} address (base58check checksum)") from None
    if len(payload) != 21 or payload[0] not in versions:
        raise InvalidIdentifier("value", f"not a {chain} address (version byte or length)")
    return value  # base58 is case-sensitive: the canonical form is the checked string


def _solana_address(value: str) -> str:
    import base58

    try:
        key = base58.b58decode(value)
    except ValueError:
        raise InvalidIdentifier("value", "not a Solana address (base58)") from None
    if len(key) != 32:
        raise InvalidIdentifier("value", "a Solana address is a 32-byte public key")
    return value


# parcels -----------------------------------------------------------------------------------

_S10 = re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}\Z")
_CARRIER_FORMATS: dict[str, re.Pattern[str]] = {
    "USPS": re.compile(r"^(\d{20}|\d{22}|\d{26}|\d{30}|\d{34}|[A-Z]{2}\d{9}[A-Z]{2})\Z"),
    "UPS": re.compile(r"^1Z[0-9A-Z]{16}\Z"),
    "FEDEX": re.compile(r"^(\d{12}|\d{15}|\d{20}|\d{22})\Z"),
    "DHL": re.compile(r"^(\d{10,11}|JJD\d{18,20}|[A-Z]{2}\d{9}[A-Z]{2})\Z"),
    "OTHER": re.compile(r"^[A-Z0-9]{6,40}\Z"),
}


def _parcel(carrier: str, value: str) -> str:
    number = re.sub(r"[\s\-]", "", value).upper()
    rule = _CARRIER_FORMATS.get(carrier)
    if rule is None:
        raise InvalidIdentifier("carrier", f"one of {', '.join(_CARRIER_FORMATS)}")
    if not rule.match(number):
        raise InvalidIdentifier("value", f"not a {carrier} tracking number")
    if _S10.match(number) and not _s10_check_digit_ok(number):
        raise InvalidIdentifier("value", "the UPU S10 check digit does not match")
    return number


def _s10_check_digit_ok(number: str) -> bool:
    """UPU S10: weights 8 6 4 2 3 5 9 7 over the serial; 11 - sum mod 11, with 10 → 0 and 11 → 5."""
    digits = [int(c) for c in number[2:10]]
    check = 11 - sum(w * d for w, d in zip((8, 6, 4, 2, 3, 5, 9, 7), digits, strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check) == int(number[10])


# payment handles ---------------------------------------------------------------------------

_PAYMENT_RULES: dict[str, tuple[str, re.Pattern[str]]] = {
    # service: (prefix the service shows, handle rule once the prefix is gone)
    "CASHAPP": ("$", re.compile(r"^[a-z0-9]{1,20}\Z")),
    "VENMO": ("@", re.compile(r"^[a-z0-9_\-]{5,30}\Z")),
    "PAYPAL": ("", re.compile(r"^[a-z0-9]{1,20}\Z")),
}
_PAYMENT_BY_CONTACT = frozenset({"ZELLE", "APPLE_CASH"})


def _payment_handle(service: str, value: str) -> str:
    if service in _PAYMENT_BY_CONTACT:
        # These services address people by their phone or e-mail.
        return normalise_email(value) if "@" in value else normalise_phone(value, "US")
    if service not in _PAYMENT_RULES:
        raise InvalidIdentifier("service", f"one of {', '.join(sorted({*_PAYMENT_RULES, *_PAYMENT_BY_CONTACT}))}")
    prefix, rule = _PAYMENT_RULES[service]
    handle = re.sub(r"^(https?://)?(www\.)?(cash\.app/|venmo\.com/(u/)?|paypal\.me/)", "", value, flags=re.IGNORECASE)
    handle = handle.rstrip("/").removeprefix(prefix or "\0").casefold()
    if not rule.match(handle):
        raise InvalidIdentifier("value", f"not a {service} handle")
    return handle


# devices and URLs --------------------------------------------------------------------------

_MAC = re.compile(r"^[0-9a-f]{2}([:\-.]?[0-9a-f]{2}){5}\Z")
_OPAQUE_DEVICE = re.compile(r"^[A-Za-z0-9._:\-]{4,128}\Z")


def _device_id(value: str) -> str:
    """Advertising ids (UUIDs) in lower case, IMEIs (Luhn checked) as digits, MACs colon-separated."""
    compact = value.lower()
    try:
        return str(uuid.UUID(compact))
    except ValueError:
        pass
    digits = re.sub(r"[\s\-/]", "", value)
    if re.fullmatch(r"[0-9]{15}", digits):  # ASCII digits: str.isdigit accepts "³", which int() refuses
        if not _luhn_ok(digits):
            raise InvalidIdentifier("value", "a 15-digit IMEI whose Luhn check digit does not match")
        return digits
    if _MAC.match(compact):
        hexes = re.sub(r"[:\-.]", "", compact)
        return ":".join(hexes[i : i + 2] for i in range(0, 12, 2))
    if not _OPAQUE_DEVICE.match(value):
        raise InvalidIdentifier(
            "value", "a device id is a UUID, an IMEI, a MAC or 4 to 128 letters, digits and . _ : -"
        )
    return value


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char) * (2 if position % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


#: Query parameters that track the click, not the content.
_TRACKING_PARAMETERS = re.compile(r"^(utm_.*|fbclid|gclid|igshid|igsh|si|_t|_r|ref|ref_src|mibextid)\Z")


def _url(value: str) -> str:
    """RFC 3986 normal form (url-normalize), without fragment or tracking parameters, query sorted."""
    from url_normalize import url_normalize

    if not re.match(r"^(https?://)?[^\s/]+\.[^\s/]+", value, re.IGNORECASE):
        raise InvalidIdentifier("value", "not an http or https URL")
    try:
        normal = url_normalize(value, default_scheme="https")
    except (ValueError, UnicodeError):
        raise InvalidIdentifier("value", "not an http or https URL") from None
    try:
        parts = urlsplit(normal or "")
        valid = parts.scheme in ("http", "https") and "." in (parts.hostname or "").strip(".")
    except ValueError:
        valid = False
    if not valid:
        raise InvalidIdentifier("value", "not an http or https URL")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMETERS.match(k)
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", parts.netloc, path, urlencode(query), ""))


_QUALIFIED: dict[IdentifierType, Callable[[str, str], str]] = {
    IdentifierType.SOCIAL_HANDLE: _handle,
    IdentifierType.PLATFORM_USER_ID: _platform_user_id,
    IdentifierType.CRYPTO_WALLET: _wallet,
    IdentifierType.PARCEL_TRACKING: _parcel,
    IdentifierType.PAYMENT_HANDLE: _payment_handle,
}
