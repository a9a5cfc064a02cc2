"""The bare plurals and shares of people a reported statement's subject may be (quotes/reported_people.py)."""

from __future__ import annotations

import pytest
import regex

from quotes.reported_people import near_plural, opening_plural, plural_nouns, plural_people


def test_the_plural_heads_are_people_and_the_bodies_seen_often() -> None:
    nouns = set(plural_nouns())
    assert {"officials", "voters", "police", "people"} <= nouns  # people, with and without an -s
    assert "polls" in nouns  # a body the lexicon saw at least MIN_BODY_COUNT times
    assert not {"official", "campaign", "poll"} & nouns  # no singular head


@pytest.mark.parametrize(
    ("text", "plural"),
    [
        ("experts", True),
        ("Republican opponents", True),
        ("union members and leaders", True),
        ("people familiar with the talks", True),  # what ties an unnamed source to what it knows
        ("the mayor", False),
        ("officially", False),
    ],
)
def test_a_bare_plural_description(text: str, plural: bool) -> None:
    assert (regex.fullmatch(plural_people(), text) is not None) == plural


def test_a_plural_opening_a_sentence_is_capitalised_and_stops_before_its_verb() -> None:
    pattern = regex.compile(opening_plural())
    assert pattern.fullmatch("Officials briefed on the plan")
    assert pattern.fullmatch("People close to him")
    assert not pattern.fullmatch("People briefed on the reshuffling were")  # the verb is no part of it


@pytest.mark.parametrize(
    ("before", "mention"),
    [
        (", but security specialists say", "security specialists"),
        ("; most said", "most"),
        (", Six in 10 also said", "Six in 10"),
    ],
)
def test_a_plural_or_a_share_right_before_its_cue(before: str, mention: str) -> None:
    cue = before.rindex(" ") + 1
    found = near_plural().search(before, 0, cue)
    assert found is not None and found.group("mention") == mention
