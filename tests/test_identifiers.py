"""Identifier normalisation: every spelling of one value is one key; different values are not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.blind_index import BlindIndex
from chalicelib.domain.identifiers import IdentifierType, InvalidIdentifier, normalise

INDEX = BlindIndex({"k1": b"1" * 32, "k2": b"2" * 32}, "k2")

# 202-555-01xx numbers are valid in libphonenumber and reserved for fiction.
subscriber = st.integers(min_value=100, max_value=199).map(lambda n: f"{n:04d}")


def phone_spellings(last4: str) -> st.SearchStrategy[tuple[str, str | None]]:
    return st.sampled_from(
        [
            (f"+1 202 555 {last4}", None),
            (f"+1 (202) 555-{last4}", None),
            (f"(202) 555-{last4}", None),
            (f"202.555.{last4}", "US"),
            (f"1-202-555-{last4}", None),
            (f"+12025550{last4[1:]}", None),
            (f"  202 555 {last4}  ", "us"),
        ]
    )


@given(subscriber.flatmap(lambda n: st.tuples(st.just(n), phone_spellings(n), phone_spellings(n))))
def test_spellings_of_one_phone_are_one_key(case):
    _, (first, region_a), (second, region_b) = case
    a = normalise(IdentifierType.PHONE, first, region=region_a)
    b = normalise(IdentifierType.PHONE, second, region=region_b)
    assert a == b
    assert INDEX.token(a) == INDEX.token(b)


@given(subscriber, subscriber)
def test_different_phones_are_different_keys(a, b):
    first = normalise(IdentifierType.PHONE, f"+1 202 555 {a}")
    second = normalise(IdentifierType.PHONE, f"+1 202 555 {b}")
    assert (INDEX.token(first) == INDEX.token(second)) == (a == b)


handles = st.from_regex(r"[a-z][a-z0-9._]{1,20}[a-z0-9]", fullmatch=True)


def handle_spellings(handle: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            handle,
            f"@{handle}",
            handle.upper(),
            f"  @{handle.title()} ",
            f"https://www.tiktok.com/@{handle}",
            f"tiktok.com/@{handle}?lang=en",
            f"https://m.tiktok.com/@{handle.upper()}/",
        ]
    )


@given(handles.flatmap(lambda h: st.tuples(handle_spellings(h), handle_spellings(h))))
def test_spellings_of_one_handle_are_one_key(pair):
    a, b = (normalise(IdentifierType.SOCIAL_HANDLE, spelling, "TIKTOK") for spelling in pair)
    assert a == b
    assert INDEX.token(a) == INDEX.token(b)


@given(handles, handles)
def test_different_handles_or_platforms_are_different_keys(a, b):
    tiktok = normalise(IdentifierType.SOCIAL_HANDLE, a, "TIKTOK")
    assert (INDEX.token(tiktok) == INDEX.token(normalise(IdentifierType.SOCIAL_HANDLE, b, "TIKTOK"))) == (a == b)
    instagram = normalise(IdentifierType.SOCIAL_HANDLE, a[:30], "INSTAGRAM")
    assert INDEX.token(tiktok) != INDEX.token(instagram)


mailboxes = st.from_regex(r"[a-z]{2,10}", fullmatch=True)


@given(
    mailboxes,
    st.sampled_from(
        [
            "{m}@gmail.com",
            "{M}@GMAIL.COM",
            "{d}@gmail.com",
            "{m}+plug@gmail.com",
            "{d}+x.y@googlemail.com",
            " {M}@GoogleMail.com ",
        ]
    ),
)
def test_gmail_spellings_follow_googles_documented_rules(mailbox, template):
    dotted = ".".join(mailbox)
    spelled = template.format(m=mailbox, M=mailbox.upper(), d=dotted)
    assert normalise(IdentifierType.EMAIL, spelled).value == f"{mailbox}@gmail.com"


def test_dots_are_kept_where_the_provider_does_not_document_ignoring_them():
    assert normalise(IdentifierType.EMAIL, "john.doe@example.com").value == "john.doe@example.com"
    assert normalise(IdentifierType.EMAIL, "john+tag@example.com").value == "john+tag@example.com"
    assert normalise(IdentifierType.EMAIL, "John+Tag@Outlook.com").value == "john@outlook.com"


ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"


@given(st.sampled_from([ETH, ETH.lower(), "0X" + ETH[2:].upper(), f"  {ETH} "]))
def test_spellings_of_one_ethereum_address_are_one_key(spelling):
    assert normalise(IdentifierType.CRYPTO_WALLET, spelling, "ETHEREUM").value == ETH.lower()


@given(st.integers(min_value=2, max_value=41))
def test_a_mixed_case_ethereum_address_with_one_flipped_letter_fails_its_checksum(position):
    flipped = ETH[:position] + ETH[position].swapcase() + ETH[position + 1 :]
    if flipped == ETH or flipped[2:].lower() == flipped[2:] or flipped[2:].upper() == flipped[2:]:
        return  # digits have no case, and an all-one-case address carries no checksum
    with pytest.raises(InvalidIdentifier, match="EIP-55"):
        normalise(IdentifierType.CRYPTO_WALLET, flipped, "ETHEREUM")


SEGWIT = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
TAPROOT = "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"
LEGACY = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"


@pytest.mark.parametrize(("spelling", "canonical"), [(SEGWIT.upper(), SEGWIT), (TAPROOT, TAPROOT), (LEGACY, LEGACY)])
def test_bitcoin_addresses_are_checksum_validated_and_canonical(spelling, canonical):
    assert normalise(IdentifierType.CRYPTO_WALLET, spelling, "BTC").value == canonical


@given(st.integers(min_value=4, max_value=len(SEGWIT) - 1), st.sampled_from("qpzry9x8gf2tvdw0s3jn54khce6mua7l"))
def test_a_bech32_address_with_a_changed_character_is_rejected(position, replacement):
    changed = SEGWIT[:position] + replacement + SEGWIT[position + 1 :]
    if changed == SEGWIT:
        return
    with pytest.raises(InvalidIdentifier):
        normalise(IdentifierType.CRYPTO_WALLET, changed, "BITCOIN")


@pytest.mark.parametrize(
    ("kind", "value", "qualifier", "reason"),
    [
        (IdentifierType.PHONE, "555", None, "not a valid phone number"),
        (IdentifierType.PHONE, "call me maybe", None, "not a phone number"),
        (IdentifierType.EMAIL, "plug@", None, "not an e-mail address"),
        (IdentifierType.SOCIAL_HANDLE, "@no spaces", "X", "not a X handle"),
        (IdentifierType.SOCIAL_HANDLE, "waytoolongforanxhandle", "X", "not a X handle"),
        (IdentifierType.SOCIAL_HANDLE, "https://instagram.com/plug", "TIKTOK", "profile URL"),
        (IdentifierType.CRYPTO_WALLET, "0x1234", "ETHEREUM", "40 hex digits"),
        (IdentifierType.CRYPTO_WALLET, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "BITCOIN", "checksum"),
        (IdentifierType.CRYPTO_WALLET, "abc", "DOGECOIN", "unsupported chain"),
        (IdentifierType.PARCEL_TRACKING, "EE123456784US", "USPS", "S10 check digit"),
        (IdentifierType.PARCEL_TRACKING, "12345", "UPS", "not a UPS tracking number"),
        (IdentifierType.DEVICE_ID, "490154203237519", None, "Luhn"),
        # 15 superscript threes: str.isdigit says digits, int() refuses them (was a 500)
        (IdentifierType.DEVICE_ID, "\u00b3" * 15, None, "a device id is"),
        (IdentifierType.URL, "ftp://example.com/x", None, "not an http or https URL"),
        (IdentifierType.PAYMENT_HANDLE, "$", "CASHAPP", "not a CASHAPP handle"),
    ],
)
def test_invalid_values_are_rejected_with_the_reason(kind, value, qualifier, reason):
    with pytest.raises(InvalidIdentifier, match=reason) as raised:
        normalise(kind, value, qualifier)
    assert raised.value.field in ("value", "chain", "carrier", "service")


def test_a_type_without_its_qualifier_is_rejected():
    with pytest.raises(InvalidIdentifier, match="needs its platform"):
        normalise(IdentifierType.SOCIAL_HANDLE, "plug")


@pytest.mark.parametrize(
    ("kind", "spellings", "qualifier"),
    [
        (IdentifierType.PARCEL_TRACKING, ["EE 123 456 785 US", "ee123456785us", "EE-123-456-785-US"], "USPS"),
        (IdentifierType.PAYMENT_HANDLE, ["$PlugNYC", "plugnyc", "https://cash.app/$plugnyc"], "CASHAPP"),
        (IdentifierType.DEVICE_ID, ["6D92078A-8246-4BA4-AE5B-76104861E7DC", "6d92078a82464ba4ae5b76104861e7dc"], None),
        (IdentifierType.DEVICE_ID, ["49-015420-323751-8", "490154203237518"], None),
        (IdentifierType.URL, ["HTTP://Example.com:80/a/../b/?b=2&a=1&utm_source=x#top", "example.com/b?a=1&b=2"], None),
    ],
)
def test_spellings_of_other_types_are_one_key(kind, spellings, qualifier):
    assert len({normalise(kind, spelling, qualifier) for spelling in spellings}) == 1


def test_the_index_is_keyed_and_searches_every_configured_key():
    identifier = normalise(IdentifierType.PHONE, "+1 202 555 0143")
    other_key = BlindIndex({"k9": b"9" * 32}, "k9")
    assert INDEX.token(identifier).startswith("k2.")
    assert other_key.token(identifier).split(".")[1] != INDEX.token(identifier).split(".")[1]
    assert [token.split(".")[0] for token in INDEX.search_tokens(identifier)] == ["k2", "k1"]
    assert "2025550143" not in INDEX.token(identifier)


QUALIFIERS = {
    IdentifierType.SOCIAL_HANDLE: "TIKTOK",
    IdentifierType.PLATFORM_USER_ID: "META",
    IdentifierType.CRYPTO_WALLET: "BITCOIN",
    IdentifierType.PARCEL_TRACKING: "USPS",
    IdentifierType.PAYMENT_HANDLE: "CASHAPP",
}


@given(st.sampled_from(list(IdentifierType)), st.text(max_size=80))
def test_any_text_is_normalised_or_refused_with_a_reason_never_a_crash(kind, value):
    try:
        first = normalise(kind, value, QUALIFIERS.get(kind))
    except InvalidIdentifier as refused:
        reason = refused.reason
        assert reason, "a refusal always says why"
        return
    # the canonical form is a fixed point: normalising it again changes nothing
    assert normalise(kind, first.value, first.qualifier) == first


@pytest.mark.parametrize(
    ("kind", "value", "qualifier"),
    [
        (IdentifierType.SOCIAL_HANDLE, "[/", "TIKTOK"),  # urlsplit raised "Invalid IPv6 URL"
        (IdentifierType.URL, "0..", None),  # normalised to https://0/, which did not normalise again
    ],
)
def test_inputs_the_fuzzer_found_are_refused_cleanly(kind, value, qualifier):
    with pytest.raises(InvalidIdentifier):
        normalise(kind, value, qualifier)
