"""Clustering's word-for-word stages: nodes per distinct text, containment, rare shared runs,
and how two texts relate (``quotes.nodes``, ``quotes.containment``, ``quotes.relations``)."""

from __future__ import annotations

import pytest

from quotes.containment import RARE_RUN_TEXTS, containers, find_words, inside_inner_quote, rare_run_pairs
from quotes.nodes import nodes_of, same_occasion
from quotes.relations import relate
from quotes.similarity import normalise
from quotes.types import Occurrence


def nodes(*rows: tuple[str, str] | str):
    """Nodes of texts (or (text, speaker) rows), one occurrence each, ids 0, 1, 2..."""
    found = [Occurrence(id=i, article=f"a{i}", outlet="o", text=row if isinstance(row, str) else row[0],
                        speaker="" if isinstance(row, str) else row[1]) for i, row in enumerate(rows)]
    return nodes_of((o, normalise(o.text)) for o in found)


@pytest.mark.parametrize(
    ("needle", "haystack", "expected"),
    [
        ("the wall", "we will build the wall now", 3),
        ("build the", "we will build the wall", 2),
        ("the wal", "we will build the wall", -1),  # a word cut short is not the word
        ("wall the", "we will build the wall", -1),  # order counts
    ],
)
def test_find_words(needle: str, haystack: str, expected: int) -> None:
    assert find_words(needle.split(), haystack.split()) == expected


@pytest.mark.parametrize(
    ("text", "inner", "expected"),
    [
        ("he said, 'trust me' and left", "trust me", True),
        ("he said, 'trust me' and left", "and left", False),
        ("we are going to win", "going to win", False),
        # A mark that opens a sentence and never closes re-opens a quotation's next paragraph.
        ("we won. 'and we will win again", "win again", False),
    ],
)
def test_inside_inner_quote(text: str, inner: str, expected: bool) -> None:
    assert inside_inner_quote(text, text.index(inner)) is expected


def test_nodes_split_a_short_text_by_speaker_but_not_a_long_one() -> None:
    found = nodes(("boots on the ground", "Barack Obama"), ("boots on the ground", "John Kasich"),
                  ("we will not put boots on the ground there", "Barack Obama"),
                  ("we will not put boots on the ground there", "John Kasich"))
    assert sorted(node.ids for node in found) == [(0,), (1,), (2, 3)]


@pytest.mark.parametrize(
    ("text", "second_speaker", "second_date", "one_node"),
    [
        ("we will bring them home", "Jane Doe", "2016-03-21", True),  # her words, three weeks on
        ("we will bring them home", "Jane Doe", "2016-05-01", False),  # two months on: said again
        ("we will bring them home", "the rally", "2016-03-21", False),  # a doubtful credit: a fortnight
        ("bring them home", "Jane Doe", "2016-03-21", False),  # a fragment: a fortnight
    ],
)
def test_nodes_hold_one_persons_short_text_for_a_month(
    text: str, second_speaker: str, second_date: str, one_node: bool
) -> None:
    found = nodes_of((o, normalise(o.text)) for o in [
        Occurrence(0, "a", "o", text, "Jane Doe", published="2016-03-01"),
        Occurrence(1, "b", "o", text, second_speaker, published=second_date),
    ])
    assert (len(found) == 1) is one_node


def test_containers_find_a_partial_quote_and_its_nesting() -> None:
    found = nodes("trust me", "he said, 'trust me' and left", "please trust me on this one")
    keys = [node.key for node in found]
    inside = containers(found)[keys.index("trust me")]
    assert {keys[j]: c.nested for j, c in inside.items()} == {
        "he said, 'trust me' and left": True, "please trust me on this one": False,
    }


@pytest.mark.parametrize(
    ("middle_speaker", "nested"),
    [
        ("Jane Doe", False),  # her own passage, printed elsewhere without the marks: her words
        ("", True),  # a passage credited to nobody proves nothing
        ("John Roe", True),  # nor one credited to another
    ],
)
def test_inner_marks_another_report_of_the_speakers_passage_drops_are_not_another_voice(
    middle_speaker: str, nested: bool
) -> None:
    found = nodes("we can do better",
                  ("so i would tell them, 'look, we can do better.' and then we get to work", "Jane Doe"),
                  ("so i would tell them, look, we can do better", middle_speaker))
    keys = [node.key for node in found]
    inside = containers(found)[keys.index("we can do better")]
    assert inside[keys.index("so i would tell them, 'look, we can do better.' and then we get to work")].nested is nested


def test_a_rare_run_pairs_its_texts_and_a_common_one_does_not() -> None:
    rare = ["they will pay for the wall", "mexico will pay for the wall, believe me"]
    common = [f"make america great again, number {i}" for i in range(RARE_RUN_TEXTS + 1)]
    found = nodes(*rare, *common)
    keys = [node.key for node in found]
    pairs = {(keys[a], keys[b]) for a, b in rare_run_pairs(found)}
    assert pairs == {tuple(sorted(normalise(text) for text in rare))}


def test_relate_tells_a_trimmed_quote_from_overlapping_excerpts() -> None:
    texts = (
        "the economy is rigged against working people",
        "the economy is totally rigged against working people in this country",
        "rigged against working people in this country and we will change that",
    )
    by_key = {node.key: node for node in nodes(*texts)}
    short, long, other = (by_key[normalise(text)] for text in texts)
    trimmed = relate(0, 1, short, long, 0.0, None)
    assert trimmed.trimmed(0.75) and not trimmed.contained and not trimmed.excerpts
    excerpts = relate(1, 2, long, other, 0.0, None)
    assert excerpts.excerpts and not excerpts.trimmed(0.75)


@pytest.mark.parametrize(("a", "b", "expected"), [((), (5,), True), ((1,), (15,), True), ((1,), (16,), False)])
def test_same_occasion(a: tuple[int, ...], b: tuple[int, ...], expected: bool) -> None:
    assert same_occasion(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # a trimmed quote with a word changed: may be one utterance
        ("we are going to build a great wall on the border", "we're going to build a wall on the border", True),
        # two excerpts of one statement, overlapping
        ("the economy is totally rigged against working people in this country",
         "rigged against working people in this country and we will change that", True),
        # two sentences sharing a run of four words and nothing more: never an edge
        ("we are going to build a wall and mexico will pay", "the people of this country are going to build a future",
         False),
    ],
)
def test_words_may_relate(a: str, b: str, expected: bool) -> None:
    from quotes.relations import words_may_relate

    assert words_may_relate(normalise(a), normalise(b)) is expected
