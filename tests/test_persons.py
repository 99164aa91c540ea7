"""Who a person is (`domain.persons`): which identity claims can be read, and when two
subjects of one issuer are one person. Over HTTP: `test_tokens.py`, `test_emergency.py`."""

from __future__ import annotations

import pytest

from chalicelib.domain.persons import canonical, person, unreadable

OFFICER = "agent.dea@example.gov"


@pytest.mark.parametrize(
    "spelling",
    [
        "AGENT.DEA@EXAMPLE.GOV",
        "Agent.Dea@Example.Gov",
        "agent.dea\uff20example.gov",  # fullwidth @
        "\u0430gent.dea@example.gov",  # Cyrillic a
        "agent.d\u0435a@example.gov",  # Cyrillic e
        "\uff41gent.dea@example.gov",  # fullwidth a
        "agent.dea@exam\u0440le.gov",  # Cyrillic er
        "agent.dea@example.gov".replace("l", "1"),  # TR39: 1 and l are one class
        "agent.dea@exarnple.gov",  # TR39: rn and m are one class
        "AGENT.DEA@EXAMPLE.GOV".replace("L", "I"),  # capital I for l
    ],
)
def test_subjects_a_person_reads_as_the_officer_are_the_officer(spelling):
    assert canonical(spelling) == canonical(OFFICER)
    assert person("https://idp", spelling) == person("https://idp", OFFICER)


@pytest.mark.parametrize("other", ["agent.hsi@example.gov", "agent.dea2@example.gov", "agent.dea@example.org"])
def test_other_subjects_are_other_people(other):
    assert canonical(other) != canonical(OFFICER)


def test_a_capital_i_is_both_the_l_it_looks_like_and_the_i_it_is_in_lower_case():
    """The skeleton alone took `ANA.RIVERA` for `ana.rlvera`, another person than `ana.rivera`."""
    assert (
        canonical("ANA.RIVERA@EXAMPLE.GOV")
        == canonical("ana.rivera@example.gov")
        == canonical("ana.rlvera@example.gov")
    )


def test_a_person_is_an_issuers_subject_never_a_subject_alone():
    assert person("https://idp-a", OFFICER) != person("https://idp-b", OFFICER)


def test_the_canonical_form_is_a_fixed_point():
    for subject in (OFFICER, "Ω.Rivera", "\u2126mega", "ǅ@x"):
        assert canonical(canonical(subject)) == canonical(subject)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (" agent", "whitespace"),
        ("agent ", "whitespace"),
        ("agent\n", "whitespace"),
        ("\u00a0agent", "whitespace"),  # a no-break space is whitespace too
        ("age\nnt", "U+000A"),
        ("age\x00nt", "U+0000"),
        ("age\u200bnt", "U+200B"),  # zero-width space
        ("age\u200dnt", "U+200D"),  # zero-width joiner
        ("age\u202ent", "U+202E"),  # right-to-left override
        ("age\u2066nt", "U+2066"),  # left-to-right isolate
        ("age\u200fnt", "U+200F"),  # right-to-left mark
        ("age\ufeffnt", "U+FEFF"),  # byte order mark
        ("age\u2028nt", "U+2028"),  # line separator
        ("age\u3164nt", "U+3164"),  # Hangul filler
        ("age\ufe0fnt", "U+FE0F"),  # variation selector
        ("age\U000e0041nt", "U+E0041"),  # tag character
        ("", "empty"),
    ],
)
def test_claims_with_what_nobody_can_read_are_unreadable(value, why):
    reason = unreadable(value)
    assert reason is not None and why in reason


@pytest.mark.parametrize("value", [OFFICER, "GS Rivera", "Agent O'Neil-Ruiz", "+1 202 555 0143", "José Núñez", "李 雷"])
def test_ordinary_claims_are_readable(value):
    assert unreadable(value) is None
