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


def test_a_second_cue_of_the_same_tense_opens_a_second_statement():
    text = "Jane Roe said the plan had failed and insisted that the talks would go on."
    cues, _ = find_cues(text)
    first_content = text.index("the plan")
    found = _subject(text, "Jane Roe", "said")
    statements = coordinated(text, first_content, len(text), found, [c for c in cues if c.start() > first_content],
                             reporting_verbs())
    assert [text[a:b] for a, b, _ in statements] == ["the plan had failed", "the talks would go on"]
    assert [f.cue.text for _, _, f in statements] == ["said", "insisted"]


def test_a_second_cue_of_another_tense_is_the_contents_own_verb():
    text = "Police say he posed a deadly threat and refused to drop the gun."
    cues, _ = find_cues(text)
    first_content = text.index("he posed")
    found = _subject(text, "Police", "say")
    statements = coordinated(text, first_content, len(text), found, [c for c in cues if c.start() > first_content],
                             reporting_verbs())
    assert [text[a:b] for a, b, _ in statements] == ["he posed a deadly threat and refused to drop the gun"]


def test_an_aside_needs_its_commas_and_enough_words_before_it():
    text = "The plant will close in May, Jane Roe said Tuesday, because the owners want to sell it."
    found = _subject(text, "Jane Roe", "said")
    content_start = text.index("because")
    whole = inside_attribution(text, 0, len(text), found.mention.start, content_start, found)
    assert whole is not None and text[whole[0]:whole[1]] == text[:-1]
    short = "Yes, Jane Roe said Tuesday, because the owners want to sell it."
    found = _subject(short, "Jane Roe", "said")
    assert inside_attribution(short, 0, len(short), found.mention.start, short.index("because"), found) is None
