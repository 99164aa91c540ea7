r"""Who a person is: an identity provider's subject, compared as a person reads it.

Two rules, one for what a claim may hold and one for when two subjects are one person:

- An identity claim (`IDENTITY_CLAIMS`) with a control, format (bidi, zero-width), separator,
  surrogate or private-use character, an invisible filler, or leading or trailing
  whitespace is refused (`unreadable`): what a reviewer or a platform reads must be what
  was signed, and such a claim is a spoof or a broken identity provider.
- Two subjects of one issuer that a person would read as the same are the same person
  (`canonical`): NFKC, case folding, and the Unicode TR39 confusable skeleton, so that
  `Agent.DEA@example.gov`, `agent.dea\uff20example.gov` (a fullwidth @) and
  `\u0430gent.dea@example.gov` (a Cyrillic a) are the officer `agent.dea@example.gov`.
"""

from __future__ import annotations

from functools import lru_cache

#: The token claims that say who is calling and for whom; `name`, `email` and `phone` are
#: shown to other organisations (a point of contact, `requested_by` and `approved_by`).
IDENTITY_CLAIMS = ("iss", "sub", "org", "name", "email", "phone")

#: Cc control, Cf format (the bidi embeddings, overrides and isolates, ZWSP, ZWJ, ZWNJ, the
#: BOM, the soft hyphen, tag characters), Zl and Zp separators, Cs surrogates, Co private use.
_UNREADABLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co"})
#: Default-ignorable characters of other categories that render as nothing: the Hangul
#: fillers (Lo), the combining grapheme joiner and the variation selectors (Mn).
_INVISIBLE = frozenset(
    {0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), *range(0x180B, 0x1810)}
)


def unreadable(value: str) -> str | None:
    """Why `value` cannot stand as an identity claim, or None when it can."""
    import unicodedata  # here, not at a cold start: only the API reads claims

    if not value:
        return "is empty"
    if value != value.strip():
        return "has leading or trailing whitespace"
    for char in value:
        if unicodedata.category(char) in _UNREADABLE_CATEGORIES or ord(char) in _INVISIBLE:
            return f"holds the invisible or control character U+{ord(char):04X}"
    return None


@lru_cache(maxsize=1024)
def canonical(subject: str) -> str:
    """The subject as a person reads it: two subjects with one canonical form are one person.

    `disarm.skeleton_key` does NFKC, case folding and the TR39 confusable fold (Unicode
    17.0.0's confusables.txt) to a fixed point, with TR39's `1 ≡ l` and `0 ≡ O`
    (`digit_policy="tr39"`). It leaves out one row of TR39's skeleton that matters for
    names, `m` → `rn` (it corrupts prose, its concern, not ours), so it is applied here; and
    `i` joins `l`'s class (with `1` and `I`), as case folding makes an `I` an `i`.
    Imported on first use: only a comparison of persons pays for it, not every cold start.
    """
    from disarm import skeleton_key

    # The skeleton takes a capital `I` for an `l` (they look alike), and case folding takes it
    # for an `i`: so `i` joins `l`'s class too, or `ANA.RIVERA` would not be `ana.rivera`.
    return skeleton_key(subject, digit_policy="tr39").replace("m", "rn").replace("i", "l")


def person(issuer: str, subject: str) -> tuple[str, str]:
    """Who `subject` is: an issuer's subject, never a subject alone, in its canonical form.
    The issuer is compared exactly: it is one of the stage's trusted issuers, byte for byte."""
    return issuer, canonical(subject)
