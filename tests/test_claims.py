"""Claims: speakers, outlets, first and last seen, variants with word diffs, flags."""

from __future__ import annotations

import pytest

from quotes.claims import ALTERED, CONFLICTING, build_claims, make_claim, word_diff
from quotes.types import Occurrence

FIELD = "to address in detail all existing and promising cooperation projects in the military field."
SPHERE = "to address in detail all existing and promising cooperation projects in the military sphere"


def seen(id: int, text: str, outlet: str, speaker: str = "Sergey Shoigu", published: str = "", order: int = 1) -> Occurrence:
    return Occurrence(id, f"article-{outlet}-{order}", outlet, text, speaker, published, order)


@pytest.mark.parametrize(
    ("base", "other", "diff"),
    [
        (FIELD, SPHERE, "military field → military sphere"),
        ("We will win this.", "we will win this", ""),  # punctuation and case are no change
        ("We will win this", "We will not win this", "will → will not"),
        ("Russia will help Cuba", "Russia will help", "help Cuba → help"),  # with its context word
        ("the plan", "the new plan", "the → the new"),
    ],
)
def test_word_diff(base: str, other: str, diff: str) -> None:
    assert word_diff(base, other) == diff


def test_a_reworded_quote_is_one_claim_flagged_altered() -> None:
    claim = make_claim(7, [seen(1, FIELD, "14ymedio", published="2023-06-30"),
                           seen(2, SPHERE, "Havana Times", "Sergei Shoigu", "2023-06-28", 2),
                           seen(3, FIELD, "Havana Times", "Sergei Shoigu", "2023-06-28", 2)])
    assert claim.quote == FIELD  # the wording most outlets carry
    assert claim.articles == 2 and set(claim.outlets) == {"14ymedio", "Havana Times"}
    assert (claim.first_seen, claim.last_seen) == ("2023-06-28", "2023-06-30")
    assert [v.diff for v in claim.variants] == ["", "military field → military sphere"]
    assert ALTERED in claim.flags


def test_a_trimmed_or_repunctuated_quote_is_not_altered() -> None:
    claim = make_claim(1, [seen(1, "Russia is willing to provide assistance to Cuba,", "a"),
                           seen(2, "Russia is willing to provide assistance", "b", order=2)])
    assert claim.flags == ()


def test_outlets_crediting_different_people_are_flagged() -> None:
    claim = make_claim(1, [seen(1, FIELD, "a", "Sergey Shoigu"), seen(2, FIELD, "b", "Sergey Shoigu", order=2),
                           seen(3, FIELD, "c", "Álvaro López Miera", order=3)])
    assert claim.speaker == "Sergey Shoigu"
    assert claim.speakers == (("Sergey Shoigu", 2), ("Álvaro López Miera", 1))
    assert CONFLICTING in claim.flags


def test_without_dates_first_seen_is_ingestion_order() -> None:
    claim = make_claim(1, [seen(5, FIELD, "b", order=4), seen(2, FIELD, "a", order=2)])
    assert (claim.first_seen, claim.last_seen) == ("#2", "#4")
    assert claim.outlets == ("a", "b")


def test_one_claim_per_cluster_in_id_order() -> None:
    occurrences = [seen(1, FIELD, "a"), seen(2, SPHERE, "b", order=2), seen(3, "Something else.", "a")]
    claims = build_claims(occurrences, {3: (3,), 1: (1, 2)})
    assert [(c.id, c.members) for c in claims] == [(1, (1, 2)), (3, (3,))]
