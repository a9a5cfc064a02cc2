"""Mentions -> canonical names within one article."""

from __future__ import annotations

import pytest

from quotes.attribute import _Layout, mask
from quotes.extract import find_spans
from quotes import Article, quotes_in
from quotes.speakers import ArticleSpeakers, same_given_names


def people(text: str) -> ArticleSpeakers:
    masked = mask(text, find_spans(text))
    layout = _Layout(masked)
    return ArticleSpeakers(text, masked, layout.paragraph_starts, layout.sentence_starts + [len(masked)])


ARTICLE = (
    "The Russian head of Defense, Sergey Shoigu, received Álvaro López Miera. "
    "Retired Lt. Gen. Michael Flynn and Sen. Ted Cruz were not there. "
    "Later, when everything was over, Miguel Díaz-Canel issued a tweet."
)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Shoigu", "Sergey Shoigu"),
        ("Shoiguu", "Sergey Shoigu"),  # one letter off a known surname
        ("López Miera", "Álvaro López Miera"),
        ("Flynn", "Michael Flynn"),
        ("Retired Lt. Gen. Michael Flynn", "Michael Flynn"),
        ("Sen. Cruz", "Ted Cruz"),
        ("Putin", "Putin"),  # nobody fuller in this article: kept as written
        ("Shogun", "Shogun"),  # two letters off is another name
        ("Meanwhile", ""),  # a sentence adverb is no name
    ],
)
def test_names_resolve_to_their_fullest_form(written: str, canonical: str) -> None:
    assert people(ARTICLE).resolve_name(written) == canonical


def test_a_pronoun_goes_to_the_subject_of_the_sentence_before() -> None:
    text = ARTICLE + " He was pleased."
    assert people(text).antecedent(text.index("He was")) == "Miguel Díaz-Canel"


def test_a_pronoun_prefers_the_speaker_just_quoted() -> None:
    text = ARTICLE + " “We are ready,” Shoigu said. Then he left."
    found = people(text)
    found.add_speaker("Sergey Shoigu", text.index("Shoigu said"), text.index("Shoigu said") + 6)
    assert found.antecedent(text.index("he left")) == "Sergey Shoigu"


def test_a_pronoun_never_looks_past_itself() -> None:
    text = "He met Sergey Shoigu on Tuesday."
    assert people(text).antecedent(0) == ""


def test_a_description_of_several_words_matches_a_role() -> None:
    text = "The Russian defense minister spoke first. Later the Russian Defense Minister, Sergei Shoigu, left."
    assert people(text).described("The Russian defense minister", 0) == "Sergei Shoigu"


def test_a_vague_description_does_not_match_a_role_far_away() -> None:
    text = "The Minister of Defense of Belarus, Víktor Jrenin, met them.\n\nThe minister said more."
    # "the minister" alone is too vague for role matching: it takes the nearest person instead,
    # and here that is Jrenin only because nobody else was mentioned.
    assert people(text).described("The minister", text.index("The minister said")) == "Víktor Jrenin"


def test_a_slip_is_found_among_many_surnames() -> None:
    """Slips are looked up by halves of the known surnames: still the first one-edit match."""
    names = " ".join(f"Ann Name{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}x met them." for i in range(5000))
    found = people(names + " Sergey Shoigu came too.")
    assert found.resolve_name("Shoiguu") == "Sergey Shoigu"  # one letter added
    assert found.resolve_name("Shoigo") == "Sergey Shoigu"  # one letter changed
    assert found.resolve_name("Namebax") == "Ann Namebax"
    assert found.resolve_name("Shogun") == "Shogun"


def test_a_name_in_the_text_and_a_speaker_at_the_same_offset() -> None:
    text = "Sergey Shoigu spoke. Then he left."
    found = people(text)
    found.add_speaker("Someone Else", 0, 13)
    assert found.recent_person(text.index("Then")) == "Sergey Shoigu"  # the name as written wins
    found.add_speaker("Someone Else", text.index("spoke"), text.index("spoke") + 5)
    assert found.recent_person(text.index("Then")) == "Someone Else"  # a later speaker wins


@pytest.mark.parametrize(
    ("full", "name", "same"),
    [
        ("Hillary Clinton", "Clinton", True),
        ("Donald J. Trump", "Donald Trump", True),
        ("Álvaro López Miera", "López Miera", True),
        ("Bill de Blasio", "De Blasio", True),
        ("Hillary Clinton", "Bill Clinton", False),
        ("Ivanka Trump", "Ivana Trump", False),
        ("Donald Trump", "Eric Trump", False),
    ],
)
def test_a_given_name_keeps_people_apart(full: str, name: str, same: bool) -> None:
    assert same_given_names(full, name) is same


def test_a_full_name_is_never_resolved_to_another_person_of_its_surname() -> None:
    text = ("Hillary Clinton spoke first. “We will win,” Bill Clinton said later. "
            "“He is right,” Clinton said.")
    quotes = quotes_in(Article(id="a", text=text))
    [bill] = [q for q in quotes if q.text.startswith("We will win")]
    assert bill.speaker == "Bill Clinton"
