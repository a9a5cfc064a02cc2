"""The accuracy gate: scores on PolNeAR dev and on the seed articles must not drop.

PolNeAR's dev split ships with the tests (``tests/data/polnear``, with its licence), so the
gate runs on every clone. The whole dev set runs in about a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes import Article, quotes_in, read_articles
from quotes.evaluate import Scores, load_split, load_wikinews, score
from quotes.types import QUOTE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
POLNEAR_DEV = ROOT / "tests" / "data" / "polnear" / "dev"
DEV_ARTICLES = 84

# The figures measured on PolNeAR dev (benchmarks/polnear.py, 84 articles), rounded down by
# 0.005: measured minus 0.005, cut to three decimals. A change may raise a floor (re-measure,
# subtract 0.005 again) but must not lower one silently: a lower floor needs its reason in the
# commit message. Measured after the paragraph rows, the "as a" shape, the wider cue window,
# the sub-heading and the description work: quote F1 0.9309, speaker accuracy 0.9626,
# attribution F1 0.8961, quote precision 0.9916, attribution precision 0.9545.
FLOORS = {
    "quote_f1": 0.925,
    "speaker_accuracy": 0.958,
    "attribution_f1": 0.891,
    "quote_precision": 0.986,
    "attribution_precision": 0.949,
}
# The same by the strict rule (the same person, quotes.evaluate), measured at quote F1 0.9309,
# speaker accuracy 0.9554 (floor kept from 0.9582 before), attribution F1 0.8894; and on the
# hand-labelled Wikinews set (tests/data/wikinews, 45 articles), strict: quote F1 0.9403,
# speaker accuracy 0.9471, attribution F1 0.8905 (after prepositions such as "Amongst" and
# "Towards" stopped opening names, `X did A and said "..."` took X, and `Znak.com reported its
# source said "..."` gave the source its quotation). Rounded down by 0.005
# as above.
STRICT_FLOORS = {"quote_f1": 0.925, "speaker_accuracy": 0.953, "attribution_f1": 0.884}
WIKINEWS_FLOORS = {"quote_f1": 0.935, "speaker_accuracy": 0.942, "attribution_f1": 0.885}
WIKINEWS = ROOT / "tests" / "data" / "wikinews"


@pytest.fixture(scope="module")
def dev_pairs() -> list:
    return [(a.quotes, quotes_in(Article(id=a.name, text=a.text))) for a in load_split(POLNEAR_DEV)]


@pytest.fixture(scope="module")
def dev_scores(dev_pairs) -> Scores:
    return score(dev_pairs)


def test_dev_set_is_complete(dev_scores):
    assert dev_scores.articles == DEV_ARTICLES


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_dev_score_holds_its_floor(dev_scores, metric):
    measured = getattr(dev_scores, metric)
    assert measured >= FLOORS[metric], (
        f"{metric} fell to {measured:.4f}, below its floor {FLOORS[metric]:.3f}"
    )


@pytest.mark.parametrize("metric", sorted(STRICT_FLOORS))
def test_dev_strict_score_holds_its_floor(dev_pairs, metric):
    measured = getattr(score(dev_pairs, rule="strict"), metric)
    assert measured >= STRICT_FLOORS[metric], f"strict {metric} fell to {measured:.4f}"


@pytest.fixture(scope="module")
def wikinews_scores() -> Scores:
    articles = list(load_wikinews(WIKINEWS))
    return score(((a.quotes, quotes_in(Article(id=a.name, text=a.text))) for a in articles), rule="strict")


@pytest.mark.parametrize("metric", sorted(WIKINEWS_FLOORS))
def test_wikinews_strict_score_holds_its_floor(wikinews_scores, metric):
    measured = getattr(wikinews_scores, metric)
    assert measured >= WIKINEWS_FLOORS[metric], f"Wikinews strict {metric} fell to {measured:.4f}"


# ---------------------------------------------------------------------------- seeds

# Sergei Shoigu's words, reported in both seed articles: each is how a quoted span begins (the
# first ends "...in the military field" in both, and "...military sphere" in a subheading).
SHOIGU_QUOTES = (
    "to address in detail all existing and promising cooperation projects",
    "a wide variety of issues",
    "an important partner",
    "a complete understanding of the reasons",
    "are taking measures",
    "protect their cooperation",
    "Russia is willing to provide assistance to Cuba",
)
NOT_QUOTES = ("Los Gordos", "Cuban Army Minister Visits Russia after Failed Mutiny")
KHRUSHCHEV_QUOTES = ("We (the Soviets) will dig you in.", "We will bury you.")


@pytest.fixture(scope="module")
def seed_quotes():
    """Article id -> its quotes, for the two seed articles."""
    found = {a.id: quotes_in(a) for a in read_articles([SEEDS])}
    assert len(found) == 2
    return found


@pytest.mark.parametrize("words", SHOIGU_QUOTES)
def test_shoigu_quotes_are_his_in_both_seeds(seed_quotes, words):
    for article, quotes in seed_quotes.items():
        matching = [q for q in quotes if q.text.startswith(words)]
        assert matching, f"{words!r} not found in {article}"
        for quote in matching:
            assert quote.kind == QUOTE, (article, quote)
            assert "Shoigu" in quote.speaker, (article, quote.speaker)


@pytest.mark.parametrize("words", NOT_QUOTES)
def test_nickname_and_unclosed_headline_are_nobodys_quote(seed_quotes, words):
    matching = [q for qs in seed_quotes.values() for q in qs if q.text.strip() == words]
    assert matching, f"{words!r} not found as a span"
    for quote in matching:
        assert quote.kind != QUOTE or not quote.speaker, quote


@pytest.mark.parametrize("words", KHRUSHCHEV_QUOTES)
def test_khrushchev_quotes(seed_quotes, words):
    [quote] = [q for qs in seed_quotes.values() for q in qs if q.text == words]
    assert quote.kind == QUOTE
    assert quote.speaker == "Nikita Khrushchev"
