"""Text comparison: normalisation, what is embedded, negation and number checks."""

from __future__ import annotations

import pytest

from quotes.similarity import differs_in_negation_or_numbers, is_one_sentence, normalise, texts_to_embed
from quotes.types import Occurrence


def occurrences(*rows: tuple[str, str, str]) -> list[Occurrence]:
    """(text, speaker, outlet) rows as occurrences with ids 0, 1, 2..."""
    return [
        Occurrence(id=i, article=f"article-{i}", outlet=outlet, text=text, speaker=speaker)
        for i, (text, speaker, outlet) in enumerate(rows)
    ]


# --- normalisation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” ", "we will win"),
        ("It’s done — for now… really", "it's done - for now... really"),
        ("  Too   many\n spaces. ", "too many spaces"),
        ("«Bonjour»", "bonjour"),
        ("wait . . . what", "wait ... what"),
        ("'...and then'", "and then"),
        ("ＦＵＬＬ width", "full width"),
        ("Die Straße", "die strasse"),
        ("$3 million,", "$3 million"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_normalise_unifies_ellipses_and_marks() -> None:
    assert normalise("we will…win") == normalise("we will...win")
    assert normalise("the ‘best’ plan") == normalise("the 'best' plan")


def test_texts_to_embed_are_distinct_sorted_and_not_fragments() -> None:
    found = occurrences(
        ("We will build a wall.", "Trump", "a"),
        ("“we will build a wall”", "", "b"),
        ("Mexico will pay for it", "Trump", "a"),
        ("a total disaster", "Trump", "c"),
    )
    assert texts_to_embed(found) == ["mexico will pay for it", "we will build a wall"]


# --- verification ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "differs"),
    [
        ("X is the biggest threat", "X is not the biggest threat", True),
        ("We can win this", "We cannot win this", True),
        ("They never said that", "They said that", True),
        ("It is nothing to do with Islam", "It is everything to do with Islam", True),
        ("We lost $3 million", "We lost $3 billion", True),
        ("Unemployment is 4 percent", "Unemployment is 5 percent", True),
        ("It was the first time", "It was the second time", True),
        ("We can't win this", "We cannot win this", False),
        ("It isn't over", "It is not over", False),
        ("We lost 1,000 jobs", "We lost 1000 jobs", False),
        ("three million jobs", "3 million jobs", False),
        ("I come from the '60s", "I come from the 60s", False),
        ("less likely, see bit.ly/1dbumw5", "less likely", False),
        ("in the military field", "in the military sphere", False),
    ],
)
def test_differs_in_negation_or_numbers(a: str, b: str, differs: bool) -> None:
    assert differs_in_negation_or_numbers(a, b) is differs
    assert differs_in_negation_or_numbers(b, a) is differs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We're going to win,", True),
        ("We're going to win. Believe me,", False),
        ("Is it over? No", False),
        ("The U.S. is 2.5 times bigger", True),  # abbreviation and decimal dots end nothing
        ("George W. Bush said it", True),
        ("He said 'no.' Then he left", False),
    ],
)
def test_is_one_sentence(text: str, expected: bool) -> None:
    assert is_one_sentence(normalise(text)) is expected
