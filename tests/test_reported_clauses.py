"""The clauses of one reported statement (quotes/reported_clauses.py): asides, participles after
them, and the second statements a content holds."""

from __future__ import annotations

import pytest

from quotes.mentions import _Found
from quotes.reported_clauses import ASIDE_VERB, QUOTATION_NEXT, coordinated, inside_attribution, tense
from quotes.reported_cues import find_cues, reporting_verbs
from quotes.types import Mention


@pytest.mark.parametrize(
    ("cue", "expected"),
    [("said", "past"), ("told", "past"), ("insisted", "past"), ("says", "present"), ("say", "present"),
     ("tells", "present"), ("saying", ""), ("according to", "")],
)
def test_tense(cue, expected):
    assert tense(cue) == expected


@pytest.mark.parametrize(
    ("text", "matches"),
    [(", has become", True), (", would go on", True), (", the plan", False), (", hasty", False)],
)
def test_an_aside_verb_is_an_auxiliary_and_a_word(text, matches):
    assert bool(ASIDE_VERB.match(text, 2)) is matches


@pytest.mark.parametrize(("text", "matches"), [(', "___"', True), (': “___', True), ("___", True), (" that", False)])
def test_a_quotation_next(text, matches):
    assert bool(QUOTATION_NEXT.match(text)) is matches


def _subject(text: str, name: str, cue: str) -> _Found:
    start, cue_start = text.index(name), text.index(cue)
    return _Found(Mention(name, start, start + len(name)), "name", Mention(cue, cue_start, cue_start + len(cue)))


def _coordinated(text: str, subject: str, cue: str, content: str) -> list[tuple[str, str]]:
    """(content, cue) of each statement ``coordinated`` reads from the content opening at ``content``."""
    cues, _ = find_cues(text)
    start = text.index(content)
    later = [c for c in cues if c.start() > start]
    return [(text[a:b], f.cue.text) for a, b, f in coordinated(text, start, len(text), _subject(text, subject, cue), later,
                                                                reporting_verbs())]


def test_a_second_cue_of_the_same_tense_opens_a_second_statement():
    text = "Jane Roe said the plan had failed and insisted that the talks would go on."
    assert _coordinated(text, "Jane Roe", "said", "the plan") == [
        ("the plan had failed", "said"), ("the talks would go on", "insisted")]


def test_a_second_cue_of_another_tense_is_the_contents_own_verb():
    text = "Police say he posed a deadly threat and refused to drop the gun."
    assert _coordinated(text, "Police", "say", "he posed") == [("he posed a deadly threat and refused to drop the gun", "say")]


def test_an_aside_needs_its_commas_and_enough_words_before_it():
    text = "The plant will close in May, Jane Roe said Tuesday, because the owners want to sell it."
    found = _subject(text, "Jane Roe", "said")
    content_start = text.index("because")
    whole = inside_attribution(text, 0, len(text), found.mention.start, content_start, found)
    assert whole is not None and text[whole[0]:whole[1]] == text[:-1]
    short = "Yes, Jane Roe said Tuesday, because the owners want to sell it."
    found = _subject(short, "Jane Roe", "said")
    assert inside_attribution(short, 0, len(short), found.mention.start, short.index("because"), found) is None
