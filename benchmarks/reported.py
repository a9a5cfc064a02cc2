"""Score reported speech (rows of kind ``indirect``) on PolNeAR, and time it against direct-only.

    python benchmarks/reported.py [--split dev] [--errors N] [--repeats 3]
    python benchmarks/reported.py --wikinews [--errors N]

Gold: PolNeAR's attributions whose content is not wholly inside quote marks
(``quotes/reported_gold.py`` says the rule). A row matches when it covers at least half of the
gold content; speakers by the strict rule (the same person, ``quotes/evaluate.py``). Prints
recall, precision and strict speaker accuracy, the same for the gold statements and the rows
whose cue is a "say" verb or "according to" (what the regex layer reads best), and the speed of extraction
with reported speech against direct quotes only, in the same run, pinned to one core (CPU
time, best of ``--repeats`` passes of each, interleaved). ``--errors N`` prints N sample false positives,
misses and wrong speakers.

``--wikinews`` scores the same way on the hand-labelled Wikinews articles instead
(``tests/data/wikinews/indirect.tsv``, out of domain; its README says the rule), without the
speed measure.

The bar (issue 13): recall >= 0.70 with precision >= 0.80, strict speaker accuracy >= 0.85,
and extraction with reported speech within 20% of the direct-only speed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time

from tabulate import tabulate

import bench_data  # QUOTES_SHARED, the one setting for data the repository does not ship
from polnear import pin_to_one_core
from quotes.evaluate import strict_speaker_right
from quotes.extract import statements_in
from quotes.reported_gold import load_statements, load_wikinews_statements, match, score_indirect, scored_rows
from quotes.types import Article

BAR = {"recall": 0.70, "precision": 0.80, "speaker_accuracy": 0.85, "slowdown": 1.20}
WIKINEWS = bench_data.ROOT / "tests" / "data" / "wikinews"
# Gold cues of the "say" family and "according to", for the breakdown.
RE_SAY_CUE = re.compile(r"(?i)\b(?:said|says|say|saying|told|tells|tell|according to)\b")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", help="train or dev (test is held back)")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N sample errors of each kind")
    parser.add_argument("--repeats", type=int, default=3, help="timing passes; the best counts")
    parser.add_argument("--wikinews", action="store_true",
                        help="score on the hand-labelled Wikinews articles (tests/data/wikinews/indirect.tsv) instead, without timing")
    args = parser.parse_args(argv)
    if args.wikinews:
        data = list(load_wikinews_statements(WIKINEWS))
        rows = _scored(data, f"Wikinews gold (out of domain): {len(data)} articles from {WIKINEWS}", bar="PolNeAR's bar, for reference")
        if args.errors:
            _print_errors(data, rows, args.errors)
        return 0
    split_dir = bench_data.split_folder(args.split)
    pinned = pin_to_one_core()
    data = list(load_statements(split_dir))
    articles = [Article(id=name, text=text) for name, text, _ in data]
    rows = _scored(data, f"PolNeAR {args.split}: {len(data)} articles from {split_dir}")
    direct, both = float("inf"), float("inf")
    for _ in range(args.repeats):  # interleaved, so load on the machine falls on both alike
        direct = min(direct, _timed(articles, indirect=False))
        both = min(both, _timed(articles, indirect=True))
    print(f"\nSpeed (CPU time), {pinned}, best of {args.repeats}: direct only {len(articles) / direct:.1f} articles/s, "
          f"with reported speech {len(articles) / both:.1f} articles/s: {both / direct:.2f}x the time "
          f"(bar {BAR['slowdown']:.2f}x: {_ok(both / direct <= BAR['slowdown'])})")
    if args.errors:
        _print_errors(data, rows, args.errors)
    return 0


def _scored(data, title: str, *, bar: str = "bar") -> list:
    """Extract each article, print the scores under ``title`` against the bar; the rows, per article."""
    rows = [statements_in(Article(id=name, text=text)) for name, text, _ in data]
    found = score_indirect((gold, r) for (_, _, gold), r in zip(data, rows))
    say = score_indirect(([g for g in gold if RE_SAY_CUE.search(g.quote.cue_text)],
                          [q for q in r if q.cue is not None and RE_SAY_CUE.search(q.cue.text)])
                         for (_, _, gold), r in zip(data, rows))
    print(f"{title}\n")
    table = []
    for label, s in (("all indirect statements", found), ("  cue said/says/told/according to", say)):
        table.append([label, s.gold, s.predicted, s.matched, s.recall, s.precision, s.speaker_accuracy])
    print(tabulate(table, headers=["gold", "n", "rows", "matched", "recall", "precision", "strict speaker acc."], floatfmt=".3f"))
    print(f"\n{bar}: recall {BAR['recall']:.2f} {_ok(found.recall >= BAR['recall'])}, precision "
          f"{BAR['precision']:.2f} {_ok(found.precision >= BAR['precision'])}, speaker accuracy "
          f"{BAR['speaker_accuracy']:.2f} {_ok(found.speaker_accuracy >= BAR['speaker_accuracy'])}")
    return rows


def _timed(articles: list[Article], *, indirect: bool) -> float:
    """CPU seconds of one extraction pass (the machine may be shared: wall time would count the others)."""
    start = time.process_time()
    for article in articles:
        statements_in(article, indirect=indirect)
    return time.process_time() - start


def _print_errors(data, rows, per_kind: int) -> None:
    errors: dict[str, list[str]] = {"false_positive": [], "miss": [], "wrong_speaker": []}
    for (name, text, gold), predicted in zip(data, rows):
        scored = scored_rows(predicted)
        pairs = match(gold, scored)
        got_gold = {g for g, _ in pairs}
        got_row = {p for _, p in pairs}
        for p, row in enumerate(scored):
            if p not in got_row:
                errors["false_positive"].append(f"{name}@{row.span.start} [{row.speaker} / {row.cue and row.cue.text}] «{_flat(row.text)}»\n    …{_flat(text[max(0, row.span.start - 80):row.span.end + 40])}…")
        for g, gs in enumerate(gold):
            if g not in got_gold:
                q = gs.quote
                errors["miss"].append(f"{name}@{q.start} [{q.speaker_text} / {q.cue_text}] «{_flat(q.text)}»\n    …{_flat(text[max(0, q.start - 100):q.end + 60])}…")
        for g, p in pairs:
            if not strict_speaker_right(gold[g].quote, scored[p]):
                q, row = gold[g].quote, scored[p]
                errors["wrong_speaker"].append(f"{name}@{q.start} gold {q.speaker_name or q.speaker_text!r} predicted {row.speaker!r} (mention {row.mention and row.mention.text!r}) «{_flat(q.text)[:100]}»")
    pick = random.Random(0)
    for kind, found in errors.items():
        print(f"\n== {kind}: {min(per_kind, len(found))} of {len(found)}")
        for line in pick.sample(found, min(per_kind, len(found))):
            print("- " + line)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _ok(passed: bool) -> str:
    return "ok" if passed else "BELOW"


if __name__ == "__main__":
    sys.exit(main())
