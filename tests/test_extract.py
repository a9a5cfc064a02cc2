"""The regex layer: quote marks, nesting, paragraphs, span kinds, and its cost."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.extract import find_spans
from quotes.types import NICKNAME, QUOTE, SCARE, TITLE, UNCLOSED


def texts(text: str) -> list[str]:
    return [span.text for span in find_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # straight and curly double marks
        ('"We will bury you," Khrushchev said.', ["We will bury you,"]),
        ("“Russia is willing to provide assistance to Cuba,” the soldier promised.", ["Russia is willing to provide assistance to Cuba,"]),
        # single curly marks, told apart from apostrophes
        ("He called it ‘a disgusting fraud’ on Friday.", ["a disgusting fraud"]),
        ("Clinton’s aides don’t think the ’90s matter.", []),
        ("It’s the voters’ choice, and the voters’ alone.", []),
        ("“It’s the voters’ choice,” she said.", ["It’s the voters’ choice,"]),
        # wire copy: doubled apostrophes, and backticks opening them
        ("''There is nothing more important in Mexico than Nafta,'' he said.", ["There is nothing more important in Mexico than Nafta,"]),
        ("``Steadiness is what we need,'' she said.", ["Steadiness is what we need,"]),
        # guillemets both ways, and German low-high marks
        ("«Nous sommes prêts», a-t-il dit.", ["Nous sommes prêts"]),
        ("»Wir sind bereit«, sagte er.", ["Wir sind bereit"]),
        ("„Wir schaffen das“, sagte sie.", ["Wir schaffen das"]),
        # a closing curly mark used to open, as some outlets do
        ("”Mr. Trump embodies the legacy of racism.” ― Sonya Herridge", ["Mr. Trump embodies the legacy of racism."]),
        # marks with space on both sides are strays, not quotes
        ('He measured 6 " and then 7 " more.', []),
    ],
)
def test_quote_marks(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_give_back_the_words_inside_the_marks() -> None:
    text = 'Later, “Sentence one,” he said, and ‘two’ too.'
    for span in find_spans(text):
        assert text[span.start : span.end] == span.text
        assert text[span.open_start] in "“‘"
        assert text[span.close_end - 1] in "”’"


def test_a_quote_inside_a_quote_stays_inside_its_parent() -> None:
    text = "“He told me, ‘Never give up,’ and I never did,” she said."
    outer, inner = find_spans(text)
    assert outer.text == "He told me, ‘Never give up,’ and I never did,"
    assert inner.text == "Never give up,"
    assert inner.parent == 0 and outer.parent is None
    assert outer.start <= inner.open_start and inner.close_end <= outer.end


def test_a_quote_over_several_paragraphs_is_one_quote() -> None:
    text = (
        "“We are taking measures to protect our cooperation.\n\n"
        "“We will continue to do so.\n\n"
        "“Nothing will stop us,” the minister said.\n\nThe talks ended."
    )
    (span,) = find_spans(text)
    assert span.closed and span.kind == QUOTE
    assert span.text.startswith("We are taking") and span.text.endswith("stop us,")


def test_an_unclosed_mark_is_bounded_by_its_paragraph() -> None:
    text = "3 thoughts on “Cuban Army Minister Visits Russia\n\nWhich is Lopez Miera? A “fat” one."
    first, second = find_spans(text)
    assert first.kind == UNCLOSED and not first.closed
    assert first.text == "Cuban Army Minister Visits Russia"
    assert second.text == "fat"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("although both avoided defining that “strategic” aid.", SCARE),
        ("as a member of “Los Gordos”, he is the fat one!", NICKNAME),
        ("Her book, titled “What Happened in the Long Campaign,” sold well.", TITLE),
        ("The piece ran under the headline “Finally someone who thinks like me”", TITLE),
        ("She said “we will never give up on this fight,” and left.", QUOTE),
        ("He said: “Yes.”", QUOTE),
        # a programme named after "on" or an outlet's possessive (below a headline)
        ("Headline\n\nPence said on CNN's “State of the Union.”", TITLE),
        ("Headline\n\nSanders told MSNBC's “Morning Joe” that he would stay.", TITLE),
        ("Headline\n\nOn “Face the Nation,” Sanders named the reasons.", TITLE),
        ("Headline\n\nOn this weekend's broadcast of “Fox News Sunday,” Pence said no.", TITLE),
        ("Headline\n\nSharpton took calls to his “Keepin' It Real” radio program all day.", TITLE),
        ("Headline\n\nMr. Trump told “Morning Joe” that he would win.", TITLE),
        ("Headline\n\nIssa said on Fox News' “Sunday Morning Futures” that it was wrong.", TITLE),
        ("Headline\n\nAt the end of the civil rights anthem ''A Change Is Gonna Come,'' she sang.", TITLE),
        ("Headline\n\nShe said on Monday “We Will Win.”", QUOTE),  # not right after "on"
        # a sub-heading: a Title Case quotation alone on its line, below the headline
        ("He spoke.\n\n'All Bets Are Off.'\n\nEight years ago, both men agreed.", TITLE),
        ("He spoke.\n\n“We will not stop.”\n\nThen he left.", QUOTE),
        ("Obama on Climate Change: The Trends Are “Terrifying.”", QUOTE),  # a headline capitalises all
    ],
)
def test_span_kinds_by_shape(text: str, kind: str) -> None:
    (span,) = find_spans(text)
    assert span.kind == kind


@pytest.mark.parametrize(
    "text",
    [
        '"' * 1_000_000,
        "“”" * 500_000,
        '" ' * 500_000,
        "‘’'" * 333_333,
        "«»„“" * 250_000,
    ],
)
def test_a_megabyte_of_quote_marks_is_cheap(text: str) -> None:
    # Not a timing test of speed (that lives in benchmarks/): a guard against quadratic
    # behaviour, which would take minutes here, not a second.
    started = time.perf_counter()
    find_spans(text)
    assert time.perf_counter() - started < 5


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"“”‘’'«»„`")) | st.characters(), max_size=300))
def test_any_text_gives_well_formed_spans(text: str) -> None:
    spans = find_spans(text)
    for index, span in enumerate(spans):
        assert 0 <= span.open_start <= span.start <= span.end <= span.close_end <= len(text)
        assert text[span.start : span.end] == span.text
        if span.parent is not None:
            parent = spans[span.parent]
            assert parent.start <= span.open_start and span.close_end <= parent.end
        else:  # top-level spans never overlap one another
            for other in spans[index + 1 :]:
                if other.parent is None:
                    assert other.open_start >= span.close_end
