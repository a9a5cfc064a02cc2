"""The accuracy gate for reported speech: indirect statements on PolNeAR dev must not drop.

Gold: PolNeAR dev's attributions whose content is not wholly inside quote marks
(``quotes/reported_gold.py``), shipped in ``tests/data/polnear``. The whole dev set runs in
about a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes import Article
from quotes.extract import statements_in
from quotes.reported_gold import StatementScores, load_statements, load_wikinews_statements, score_indirect

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT / "tests" / "data" / "polnear" / "dev"
DEV_ARTICLES = 84
DEV_STATEMENTS = 1678  # the gold rule's count: a change to the rule shows here first

# The figures measured on PolNeAR dev (benchmarks/reported.py), rounded down by 0.005:
# measured minus 0.005, cut to three decimals. A change may raise a floor (re-measure, subtract
# 0.005 again) but must not lower one silently: a lower floor needs its reason in the commit
# message. Measured (the committed tree's gold rules): recall 0.4458, precision 0.9189, strict
# speaker accuracy 0.9385 (748 of 1,678 gold statements found by 814 rows, 702 with the same
# person; the precision floor is kept from 0.9191 before; recall 0.4338 before rows with a pronoun's contraction, an adverb, a time, a name
# given or a phrasal verb as their speaker or cue were left out: precision first). (The recall floor went down once, 0.355 -> 0.346, when verbs that report no speech
# left the cue list: precision first. The precision and speaker floors went down once, 0.900 ->
# 0.882 and 0.885, when the cue verbs became those whose rows measured right on PolNeAR train,
# reported_cue_rows.tsv: recall 0.383 -> 0.403, still above the bars of 0.80 and 0.85.)
FLOORS = {"recall": 0.440, "precision": 0.914, "speaker_accuracy": 0.933}
# The same on the hand-labelled Wikinews reported speech (tests/data/wikinews/indirect.tsv,
# out of domain): recall 0.6893, precision 0.8694, speaker accuracy 0.9171 (193 of 280 found by
# 222 rows, 177 with the same person; the precision floor is kept from 0.8716 before).
WIKINEWS = ROOT / "tests" / "data" / "wikinews"
WIKINEWS_STATEMENTS = 280
WIKINEWS_FLOORS = {"recall": 0.684, "precision": 0.866, "speaker_accuracy": 0.912}


@pytest.fixture(scope="module")
def dev() -> tuple[int, StatementScores]:
    data = list(load_statements(POLNEAR_DEV))
    pairs = [(gold, statements_in(Article(id=name, text=text))) for name, text, gold in data]
    return len(data), score_indirect(pairs)


def test_dev_set_is_complete(dev):
    articles, scores = dev
    assert (articles, scores.gold) == (DEV_ARTICLES, DEV_STATEMENTS)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(dev, metric):
    _, scores = dev
    assert getattr(scores, metric) >= FLOORS[metric], f"{metric} {getattr(scores, metric):.4f} < floor {FLOORS[metric]}"


def test_without_indirect_no_row_is_scored():
    data = list(load_statements(POLNEAR_DEV))[:10]
    pairs = [(gold, statements_in(Article(id=name, text=text), indirect=False)) for name, text, gold in data]
    assert score_indirect(pairs).predicted == 0


@pytest.fixture(scope="module")
def wikinews() -> StatementScores:
    data = list(load_wikinews_statements(WIKINEWS))
    return score_indirect((gold, statements_in(Article(id=name, text=text))) for name, text, gold in data)


def test_wikinews_set_is_complete(wikinews):
    assert wikinews.gold == WIKINEWS_STATEMENTS


@pytest.mark.parametrize("metric", sorted(WIKINEWS_FLOORS))
def test_wikinews_floor(wikinews, metric):
    value = getattr(wikinews, metric)
    assert value >= WIKINEWS_FLOORS[metric], f"{metric} {value:.4f} < floor {WIKINEWS_FLOORS[metric]}"
