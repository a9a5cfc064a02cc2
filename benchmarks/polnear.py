"""Score quote extraction and attribution on PolNeAR, and time it against a plain baseline.

    python benchmarks/polnear.py [--split dev] [--errors N]

Scores ``quotes.quotes_in`` on every article of the split by the rules of PolNeAR's README
(lenient) and by the strict rule, the same person (see ``quotes/evaluate.py``); then the same
on the hand-labelled Wikinews gold set (``tests/data/wikinews``, out of domain); then measures, pinned to one CPU core, articles per second
(extraction only, best of ``--repeats`` passes) and per-article peak memory (tracemalloc), for
the system and for a plain baseline in the same run: reading each text from disk and running
one trivial regex over it. ``--errors N`` prints N sample errors of each kind.

Then, on every PolNeAR article at hand (dev, and train through QUOTES_SHARED), the quotes whose
speaker mention is a full name credited to a different person (bar: none).

The bars: on PolNeAR dev, quote F1 >= 0.93, strict speaker accuracy >= 0.95 and strict
attribution F1 >= 0.88 (lenient: 0.90, 0.90, 0.85); on Wikinews, quote F1 >= 0.90 and strict
speaker accuracy >= 0.90; and >= 300 articles/s on one core. ``--rule`` picks the rule that
``--errors`` samples by.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from tabulate import tabulate

import bench_data  # QUOTES_SHARED, the one setting for data the repository does not ship
from quotes import quotes_in
from quotes.evaluate import (
    ERROR_KINDS,
    Error,
    GoldArticle,
    diagnose,
    load_split,
    load_wikinews,
    offset_mismatches,
    score,
)
from quotes.gold import name_in
from quotes.speakers import given_names
from quotes.evaluate import same_person
from quotes.types import Article, Quote

BAR = {"quote_f1": 0.90, "speaker_accuracy": 0.90, "attribution_f1": 0.85}  # lenient
STRICT_BAR = {"quote_f1": 0.93, "speaker_accuracy": 0.95, "attribution_f1": 0.88}
WIKINEWS_BAR = {"quote_f1": 0.90, "speaker_accuracy": 0.90}  # strict
WIKINEWS = bench_data.ROOT / "tests" / "data" / "wikinews"
BAR_ARTICLES_PER_S = 300.0

# The baseline's one trivial regex: a straight-quoted stretch.
RE_BASELINE = re.compile(r'"[^"]*"')


def pin_to_one_core() -> str:
    """Run on one CPU core, so the timing is that of one core; say which."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def extract(article: GoldArticle) -> list[Quote]:
    return quotes_in(Article(id=article.name, text=article.text))


def baseline(path: Path) -> list[re.Match[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    return list(RE_BASELINE.finditer(text))


def best_rate(run: Callable[[object], object], items: Sequence[object], repeats: int) -> float:
    """Items per second over the best of ``repeats`` passes."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for item in items:
            run(item)
        best = min(best, time.perf_counter() - start)
    return len(items) / best if best > 0 else float("inf")


def peak_memory(run: Callable[[object], object], items: Sequence[object]) -> list[int]:
    """Bytes allocated at the peak of each call, above what was held before it."""
    run(items[0])  # warm-up: lazy lexicons and compiled patterns are not per-article memory
    peaks = []
    tracemalloc.start()
    try:
        for item in items:
            held = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            result = run(item)
            peaks.append(tracemalloc.get_traced_memory()[1] - held)
            del result
    finally:
        tracemalloc.stop()
    return peaks


def print_scores(articles: list[GoldArticle], predictions: list[list[Quote]],
                 bars: dict[str, dict[str, float]]) -> None:
    """Both rules side by side, each against its bar (``bars``: rule -> metric -> floor)."""
    found = {rule: score(((a.quotes, p) for a, p in zip(articles, predictions)), rule=rule)
             for rule in ("lenient", "strict")}
    no_source = sum(q.speaker_start is None for a in articles for q in a.quotes)
    metrics = [("quote precision", "quote_precision"), ("quote recall", "quote_recall"),
               ("quote F1", "quote_f1"), ("speaker accuracy", "speaker_accuracy"),
               ("attribution precision", "attribution_precision"),
               ("attribution recall", "attribution_recall"), ("attribution F1", "attribution_f1")]
    rows = []
    for label, metric in metrics:
        row: list[object] = [label]
        for rule in ("lenient", "strict"):
            value = getattr(found[rule], metric)
            bar = bars.get(rule, {}).get(metric)
            row += [value, "" if bar is None else f"{bar:.2f} {_ok(value >= bar)}"]
        rows.append(row)
    print(tabulate(rows, headers=["score", "lenient", "bar", "strict", "bar"], floatfmt=".3f"))
    s = found["strict"]
    counts = [
        ["articles", s.articles],
        ["gold quotes", s.gold],
        ["  without a speaker", no_source],
        ["predictions scored (quote, with speaker)", s.predicted],
        ["predictions not scored (other kind, or no speaker)", s.unscored],
        ["matched", s.matched],
        ["  with the right speaker, lenient", found["lenient"].speaker_right],
        ["  with the right speaker, strict", s.speaker_right],
    ]
    print()
    print(tabulate(counts, headers=["count", "n"]))


def print_speed(articles: list[GoldArticle], text_dir: Path, repeats: int) -> None:
    paths = [text_dir / f"{a.name}.txt" for a in articles]
    system_rate = best_rate(extract, articles, repeats)
    baseline_rate = best_rate(baseline, paths, repeats)
    system_peaks = peak_memory(extract, articles)
    baseline_peaks = peak_memory(baseline, paths)
    kib = 1024

    def row(name: str, rate: float, peaks: list[int]) -> list[object]:
        return [name, rate, max(peaks) / kib, statistics.median(peaks) / kib]

    rows = [
        row("quotes_in (extraction only)", system_rate, system_peaks),
        row("baseline: read text + one regex", baseline_rate, baseline_peaks),
    ]
    headers = ["run", "articles/s", "peak KiB max", "peak KiB median"]
    print(tabulate(rows, headers=headers, floatfmt=".1f"))
    print(
        f"\nbaseline / system: {baseline_rate / system_rate:.1f}x the speed, system / baseline: "
        f"{statistics.median(system_peaks) / max(statistics.median(baseline_peaks), 1):.1f}x the "
        f"median peak memory; bar {BAR_ARTICLES_PER_S:.0f} articles/s: "
        f"{_ok(system_rate >= BAR_ARTICLES_PER_S)}"
    )


def print_errors(
    articles: list[GoldArticle], predictions: list[list[Quote]], per_kind: int, rule: str
) -> None:
    by_kind: dict[str, list[Error]] = {kind: [] for kind in ERROR_KINDS}
    for article, predicted in zip(articles, predictions):
        for error in diagnose(article.name, article.text, article.quotes, predicted, rule=rule):
            by_kind[error.kind].append(error)
    pick = random.Random(0)  # the same sample every run
    for kind, errors in by_kind.items():
        sample = sorted(pick.sample(errors, min(per_kind, len(errors))),
                        key=lambda e: (e.article, e.start))
        print(f"\n== {kind}: {len(sample)} of {len(errors)}")
        for e in sample:
            who = f"gold speaker {e.gold_speaker!r}" if kind != "false_positive" else ""
            if e.predicted_speaker:
                who += f"{', ' if who else ''}predicted {e.predicted_speaker!r}"
            print(f"- {e.article}@{e.start}: «{e.snippet}»")
            print(f"  {who}{' (' + e.detail + ')' if e.detail else ''}")
            print(f"  …{e.context}…")


def full_name_check(articles: list[GoldArticle], predictions: list[list[Quote]]) -> tuple[int, int, list[str]]:
    """(quotes whose speaker mention is a full name, those credited to a different person, and
    a line per such quote). A full name: the name the mention gives (``name_in``: titles and
    roles dropped) has two words or more and opens with a given name of the lexicon."""
    given = given_names()
    total, wrong = 0, []
    for article, predicted in zip(articles, predictions):
        for quote in predicted:
            if not quote.speaker or quote.mention is None:
                continue
            name = name_in(quote.mention.text)
            if len(name.split()) < 2 or name.split()[0] not in given:
                continue
            total += 1
            if not same_person(name, quote.speaker):
                wrong.append(f"{article.name}@{quote.mention.start}: mention {quote.mention.text!r} -> speaker {quote.speaker!r}")
    return total, len(wrong), wrong


def print_full_names(split_dir: Path, articles: list[GoldArticle], predictions: list[list[Quote]]) -> None:
    """The bar "no quote whose speaker mention is a full name gets another person's name",
    on every PolNeAR article here: dev, and train when ``QUOTES_SHARED`` gives it."""
    names = [f"{split_dir.name}"]
    if os.environ.get(bench_data.SETTING) and split_dir.name != "train":
        train = list(load_split(bench_data.polnear("train") / "train"))
        articles = articles + train
        predictions = predictions + [extract(a) for a in train]
        names.append("train")
    total, wrong, lines = full_name_check(articles, predictions)
    print(f"\nFull-name speaker mentions credited to a different person, PolNeAR {'+'.join(names)} "
          f"({len(articles)} articles): {wrong} of {total}; bar 0: {_ok(wrong == 0)}")
    for line in lines:
        print(f"- {line}")


def _ok(passed: bool) -> str:
    return "ok" if passed else "BELOW"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", help="train or dev (test is held back)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N sample errors of each kind")
    parser.add_argument("--rule", choices=("lenient", "strict"), default="strict",
                        help="the speaker rule --errors samples by")
    parser.add_argument("--repeats", type=int, default=5, help="timing passes; the best counts")
    args = parser.parse_args(argv)
    split_dir = bench_data.split_folder(args.split)

    pinned = pin_to_one_core()
    articles = list(load_split(split_dir))
    predictions = [extract(a) for a in articles]
    bad = len(offset_mismatches(split_dir))
    print(f"PolNeAR {args.split}: {len(articles)} articles from {split_dir}; "
          f"{bad} brat spans whose offsets do not give their text\n")
    print_scores(articles, predictions, {"lenient": BAR, "strict": STRICT_BAR})
    wikinews = list(load_wikinews(WIKINEWS))
    wikinews_predictions = [extract(a) for a in wikinews]
    print(f"\nWikinews gold (out of domain): {len(wikinews)} articles from {WIKINEWS}\n")
    print_scores(wikinews, wikinews_predictions, {"strict": WIKINEWS_BAR})
    print_full_names(split_dir, articles, predictions)
    print(f"\nSpeed and memory, {pinned}, best of {args.repeats} passes:\n")
    print_speed(articles, split_dir / "text", args.repeats)
    if args.errors:
        print(f"\nPolNeAR {args.split} errors, {args.rule} rule:")
        print_errors(articles, predictions, args.errors, args.rule)
        print(f"\nWikinews errors, {args.rule} rule:")
        print_errors(wikinews, wikinews_predictions, args.errors, args.rule)
    return 0


if __name__ == "__main__":
    sys.exit(main())
