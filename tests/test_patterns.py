"""The pattern builders of ``quotes.patterns``: the cue lexicon's trie reads as its plain alternation."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes import patterns as P

CUES = sorted(P.cue_lexicon())


def _plain(phrases: list[str]) -> str:
    """The alternation the trie replaces: every phrase in turn, longest first."""
    ordered = sorted(phrases, key=lambda phrase: (-len(phrase), phrase))
    return "(?:" + "|".join(r"[ ]+".join(map(regex.escape, p.split())) for p in ordered) + ")"


def test_a_longer_phrase_wins_over_the_phrase_it_extends() -> None:
    pattern = regex.compile(P._alternation(["according", "according to", "say", "says", "said"]))
    assert pattern.match("according  to NBC").group() == "according  to"
    assert pattern.match("according the").group() == "according"
    assert pattern.match("says").group() == "says"
    assert pattern.match("sad") is None


@settings(max_examples=200, deadline=None)
@given(
    phrases=st.lists(st.sampled_from(CUES), min_size=1, max_size=40, unique=True),
    words=st.lists(st.sampled_from(CUES + ["the", "senator", "Jo", "Roe", ",", "sa", "accord"]), max_size=12),
)
def test_the_trie_finds_what_the_plain_alternation_finds(phrases: list[str], words: list[str]) -> None:
    text = " ".join(words)
    whole_word = r"(?i)(?<![\p{{L}}\p{{N}}]){}(?![\p{{L}}\p{{N}}])"
    trie = regex.compile(whole_word.format(P._alternation(phrases)))
    plain = regex.compile(whole_word.format(_plain(phrases)))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
