"""Quotes reused across PolNeAR's outlets, and what clustering them costs.

    python benchmarks/reuse.py [--model FOLDER] [--cache FILE.npz]
                               [--sample 50 --seed N] [--pairs FILE.tsv]

Runs ``quotes_in`` over every article of PolNeAR train and dev (924 articles from 7 outlets
covering the 2016 campaign), keeps the spans of kind ``quote`` (someone's words: not scare
quotes, titles or nicknames) as ``Occurrence`` rows with the outlet from ``metadata.tsv``,
embeds each distinct text once with the shipped model (the dominant cost), then clusters.
``quotes.cluster.cluster`` (nearest-neighbour search) is timed and its peak memory measured
against a brute-force baseline in the same run: the full all-pairs cosine matrix, with the
same thresholds, the same verification and the same union-find. Times are the best of
``--repeats`` runs after a warm-up; peak memory is tracemalloc's (Python and numpy) in a traced
run, and the growth of the process's peak resident memory (faiss included) in another run.
``--sample N`` prints N random clusters seen in 2+ outlets for checking by hand.

Beside that sampled precision, the hand-labelled pair set ``benchmarks/pairs/pairs.tsv`` (see
its README) is scored on the same run: a pair's quote is the extracted quote at exactly its
span, or else the quotes inside its span (a quotation over paragraphs is one row per paragraph
now; ``labelled_rows``), and a pair counts as joined when some row of each side is in one
claim. For ``same`` pairs that is the recall, by kind (identical, trimmed, overlap, reworded)
and overall; for ``different`` pairs it is the wrong-merge rate, by kind (same_speaker_topic,
negation, numbers, stock_phrase, other) and overall. A pair whose quote this run does not
extract is counted as not found, and left out of the rates. On the 439 pairs with the
extraction of the day (9,597 quotes; 8 stock-phrase pairs are programme names, no longer
extracted as quotes) and the default encoder (bfloat16 where the CPU has it):

    same       identical 96/98 (0.980), trimmed 75/78 (0.962), overlap 4/4, reworded 23/24
               (0.958); all 198/204 (0.971)
    different  same_speaker_topic 1/99, negation 0/11, numbers 0/9, stock_phrase 0/98,
               other 0/10; all 1/227 (0.004)

The 3 trimmed misses: "the most valuable player" inside several different answers of one
interview (ambiguous by rule), "what difference does it make?" uncredited inside both
Clinton's Benghazi line and a Trump quote (ambiguous), and "my African American" (a fragment
credited to nobody, 29 days after the fuller quote). Calderon's "completely useless", quoted
again 161 days on, was a fourth until the July article's other quote of the same interview,
a 15-word passage word for word, was taken to tie the two articles to one occasion
(``quotes.cluster.Merger._one_report``; trimmed was 74/78, 0.949). That rule was found from
this pair; it changes no other claim of PolNeAR train + dev. The one wrong merge is Clinton's "right to be angry"
(Nevada, Feb 20) in "every right to be angry" (New Hampshire, Feb 9), printed 10 days apart.
(At the start of this session, with the start offset alone matched and two labels since
corrected: identical 95/98, trimmed 69/80, overlap 4/4, reworded 23/24; wrong merges
same_speaker_topic 1/97, stock_phrase 3/98. Before the session before: trimmed 62/80,
identical 94/98, all 0.888.)

(Before the claims work of issue 12: identical 0.939, trimmed 0.625, overlap 0/4, reworded
0.583, all 0.757; wrong merges 6/233.) The four wrong merges: Trump's "We're going to build a
wall" from a February rally and an August interview (twice: the words are six, beyond the
short-text occasion rule), his "Trojan horse" line at two August rallies, and Clinton's
"right to be angry" (Nevada, Feb 20) in "every right to be angry" (New Hampshire, Feb 9). All
but the last are now refused as one speaker's line said again (``quotes.cluster.repeated_line``).

Candidates are now each text's nearest neighbours and every pair sharing a four-word run at
most 8 texts hold (6,246 pairs, against 297 from neighbours alone). The figures below are from
before that change:

Figures on this machine (2 cores), the whole run taking 82 s:

    occurrences 9,529; distinct texts 9,161, of which 7,706 of four words or more are embedded
    extraction 3.9 s; embedding 39 s (196 texts/s): the dominant cost
    clusters 9,270; claims seen in 2+ outlets 69 (43 of them with more than one wording)

    clustering                   seconds   tracemalloc peak   peak RSS growth
    nearest neighbours           1.24      75 MB              32 MB
    all-pairs baseline           1.64      430 MB             406 MB
    ratio                        1.3x      5.8x               12.7x

At this size most of the time is the lexical stages and the verification, which both share:
the candidate search alone takes 0.32 s and 12 MB against 0.46 s and 411 MB for the matrix,
and both find the same 297 candidate pairs and the same groups. The matrix grows with the
square of the texts: 40 GB at 100,000.

Hand-checked precision, ``--sample 50 --seed 7``: 50 of the 69 claims, each read member by
member (texts, speakers, outlets, dates, and the articles where in doubt), asking whether
every occurrence is the same utterance. 46 of 50 are (0.92). The 4 errors are one speaker's
stock phrase on different occasions: the fragments "radical Islamic terrorism" (Trump, Dec
2015 and June 2016) and "outrageous" (Clinton's campaign on the Foundation report; Clinton on
Wells Fargo), the partial quote "very weak on immigration" (Trump on Haley) joined to "Rubio
is very, very weak on immigration", and "We're going to build a wall" from a February and an
August rally (one claim, two utterances). Misattributed speakers were not counted as errors
when the words were one utterance ("You think I'm going to change?" credited to Trump and to
Billy Joel). This is not an independent sample: the same seed checked an earlier version,
whose 7 errors of 50 (TV show names such as "Good Morning America", and "boots on the
ground" or "state of the union" said by different people) led to the title and short-text
rules in quotes/cluster.py. All 69 claims, read the same way: 64 correct (0.93); the fifth
error is Harry Reid's "do the right thing" joined to another remark of his a week later.
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import re
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np
from tabulate import tabulate

import bench_data  # QUOTES_SHARED, the one setting for data the repository does not ship
from quotes import Article, quotes_in
from quotes.cluster import CANDIDATE_COSINE, Merger, cluster, cluster_with
from quotes.nodes import nodes_of
from quotes.similarity import normalise, texts_to_embed
from quotes.embed import load_encoder
from quotes.evaluate import load_split
from quotes.types import QUOTE, Occurrence

SPLITS = ("train", "dev")
PAIRS = Path(__file__).resolve().parent / "pairs" / "pairs.tsv"
SAME_KINDS = ("identical", "trimmed", "overlap", "reworded")
DIFFERENT_KINDS = ("same_speaker_topic", "negation", "numbers", "stock_phrase", "other")
T = TypeVar("T")
# A line of /proc/self/status with a size in kB: VmRSS (now) or VmHWM (peak).
STATUS_KB = re.compile(r"^(VmRSS|VmHWM):\s+(\d+) kB", re.MULTILINE)


class AllPairs(Merger):
    """The baseline: meaning neighbours from the full cosine matrix, every pair compared."""

    def neighbour_pairs(self) -> set[tuple[int, int]]:
        indexed = np.flatnonzero(self.has_vector)
        matrix = self.matrix[indexed]
        similarities = matrix @ matrix.T  # n x n
        rows, cols = np.nonzero(np.triu(similarities >= CANDIDATE_COSINE, k=1))
        return {(int(indexed[r]), int(indexed[c])) for r, c in zip(rows, cols)}


def all_pairs_cluster(occurrences: Sequence[Occurrence], vectors: dict[str, np.ndarray]) -> list[tuple[int, ...]]:
    return cluster_with(occurrences, vectors, AllPairs)


def candidate_search(occurrences: Sequence[Occurrence], vectors: dict[str, np.ndarray], merger: type[Merger]):
    """Only the step the two differ in: finding the candidate pairs."""
    merging = merger(nodes_of((o, normalise(o.text)) for o in occurrences), vectors)
    return lambda: merging.candidate_pairs()


def read_occurrences(
    polnear: Path, positions: dict[str, list[tuple[int, int, int]]] | None = None
) -> list[Occurrence]:
    """Every quote of PolNeAR train and dev, with its article's outlet, in article order.

    ``positions``, when given, is filled with article id -> (start, end, occurrence id) of
    each quote, in text order.
    """
    with open(polnear / "metadata.tsv", encoding="utf-8", newline="") as handle:
        metadata = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    found: list[Occurrence] = []
    for order, gold in enumerate(article for split in SPLITS for article in load_split(polnear / split)):
        for quote in quotes_in(Article(id=gold.name, text=gold.text)):
            if quote.kind == QUOTE:
                row = metadata.get(gold.name, {})
                if positions is not None:
                    positions.setdefault(gold.name, []).append((quote.span.start, quote.span.end, len(found)))
                found.append(
                    Occurrence(
                        len(found),
                        gold.name,
                        row.get("publisher", "unknown"),
                        quote.text,
                        quote.speaker,
                        published=row.get("publication_date", ""),
                        order=order,
                    )
                )
    return found


def embed(texts: list[str], model: str | None, cache: Path | None) -> dict[str, np.ndarray]:
    vectors: dict[str, np.ndarray] = {}
    if cache and cache.exists():
        with np.load(cache) as stored:
            vectors = dict(zip(stored["texts"].tolist(), stored["vectors"]))
    missing = [text for text in texts if text not in vectors]
    if missing:
        encoder = load_encoder(model)
        started = time.perf_counter()
        vectors.update(zip(missing, encoder.encode(missing)))
        seconds = time.perf_counter() - started
        print(f"embedding: {len(missing):,} texts in {seconds:.1f} s ({len(missing) / seconds:.0f} texts/s)")
        if cache:
            np.savez(cache, texts=np.array(list(vectors)), vectors=np.stack(list(vectors.values())))
    else:
        print(f"embedding: all {len(texts):,} texts read from {cache}")
    return {text: vectors[text] for text in texts}


def measure(run: Callable[[], T], repeats: int) -> tuple[T, float, int, int | None]:
    """(result, best seconds, tracemalloc peak bytes, peak RSS growth in bytes or None).

    A first, unmeasured run warms caches and thread pools; then one run for the peak RSS,
    ``repeats`` timed runs, and one traced run (tracing slows Python down, so it is not timed).
    """
    result = run()
    gc.collect()
    start_rss = _reset_peak_rss()
    run()
    peak = _status_kb("VmHWM")
    rss_growth = None if start_rss is None or peak is None else (peak - start_rss) * 1024
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    gc.collect()
    tracemalloc.start()
    run()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, best, traced_peak, rss_growth


def _reset_peak_rss() -> int | None:
    """Reset the process's peak resident size to the current one (Linux); the current size in kB."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return None
    return _status_kb("VmRSS")


def _status_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            sizes = dict(STATUS_KB.findall(handle.read()))
    except OSError:
        return None
    return int(sizes[field]) if field in sizes else None


def megabytes(size: int | None) -> str:
    return "n/a" if size is None else f"{size / 2**20:,.0f} MB"


def outlets_of(group: Sequence[int], by_id: dict[int, Occurrence]) -> set[str]:
    return {by_id[i].outlet for i in group}


def print_sample(groups: list[tuple[int, ...]], by_id: dict[int, Occurrence], size: int, seed: int) -> None:
    chosen = random.Random(seed).sample(groups, min(size, len(groups)))
    print(f"\n{len(chosen)} random claims seen in 2+ outlets (--seed {seed}):")
    for number, group in enumerate(chosen, 1):
        print(f"\n[{number}] {len(group)} occurrences, outlets: {', '.join(sorted(outlets_of(group, by_id)))}")
        for i in sorted(group, key=lambda i: (len(by_id[i].text), i)):
            o = by_id[i]
            print(f"    {o.published:10} {o.outlet:12} {(o.speaker or '?')[:28]:28} | {o.text.strip()}")


def read_pairs(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, dialect="excel-tab"))


def labelled_rows(positions: dict[str, list[tuple[int, int, int]]], article: str, start: int, end: int) -> list[int]:
    """The occurrences that are a labelled quote: the one at exactly its span, or else those
    lying inside it, where the extraction now gives one quotation as several rows (one per
    paragraph of a quotation running over paragraphs); none where its words are no longer
    extracted as a quote."""
    found = positions.get(article, [])
    exact = [i for s, e, i in found if (s, e) == (start, end)]
    return exact or [i for s, e, i in found if start <= s and e <= end]


def score_pairs(
    pairs: Sequence[dict[str, str]], groups: Sequence[tuple[int, ...]], positions: dict[str, list[tuple[int, int, int]]]
) -> list[tuple[str, str, int, int, int, str]]:
    """(label, kind, pairs, scored, joined, share) rows: per kind, then each label's total.

    ``scored`` pairs have both quotes in this run (``labelled_rows``); ``joined`` of them
    have both in one claim (some row of each, where a quote is now several rows).
    """
    claim_of = {i: number for number, group in enumerate(groups) for i in group}
    counts: dict[tuple[str, str], list[int]] = {}
    for pair in pairs:
        a = labelled_rows(positions, pair["article_a"], int(pair["start_a"]), int(pair["end_a"]))
        b = labelled_rows(positions, pair["article_b"], int(pair["start_b"]), int(pair["end_b"]))
        tally = counts.setdefault((pair["label"], pair["kind"]), [0, 0, 0])
        tally[0] += 1
        if a and b:
            tally[1] += 1
            tally[2] += bool({claim_of[i] for i in a} & {claim_of[i] for i in b})
    rows = []
    for label, kinds in (("same", SAME_KINDS), ("different", DIFFERENT_KINDS)):
        extra = sorted(kind for seen, kind in counts if seen == label and kind not in kinds)
        total = [0, 0, 0]
        for kind in (*kinds, *extra):
            tally = counts.get((label, kind), [0, 0, 0])
            total = [t + n for t, n in zip(total, tally)]
            rows.append((label, kind, *tally, _share(tally)))
        rows.append((label, "all", *total, _share(total)))
    return rows


def _share(tally: Sequence[int]) -> str:
    return f"{tally[2] / tally[1]:.3f}" if tally[1] else "n/a"


def print_pair_scores(rows: list[tuple[str, str, int, int, int, str]], path: Path) -> None:
    print(f"\nhand-labelled pairs ({path.name}): same pairs joined = recall; different pairs joined = wrong merges")
    print(
        tabulate(
            [(label, kind, pairs, scored, joined, share) for label, kind, pairs, scored, joined, share in rows],
            headers=("label", "kind", "pairs", "both quotes found", "in one claim", "share"),
            disable_numparse=True,
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="a local sentence-transformers folder instead of the shipped model")
    parser.add_argument("--cache", type=Path, help="an .npz file to keep vectors in between runs")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each clustering; the best counts")
    parser.add_argument("--sample", type=int, default=0, help="print this many random 2+-outlet claims")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="the hand-labelled pair set to score")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    positions: dict[str, list[tuple[int, int, int]]] = {}
    occurrences = read_occurrences(bench_data.polnear(*SPLITS), positions)
    by_id = {o.id: o for o in occurrences}
    texts = texts_to_embed(occurrences)
    distinct = len({normalise(o.text) for o in occurrences})
    print(f"extraction: {len(occurrences):,} quotes in {time.perf_counter() - started:.1f} s")
    vectors = embed(texts, args.model, args.cache)

    groups, seconds, traced, rss = measure(lambda: cluster(occurrences, vectors), args.repeats)
    baseline, base_seconds, base_traced, base_rss = measure(lambda: all_pairs_cluster(occurrences, vectors), args.repeats)
    pairs, search_seconds, search_traced, _ = measure(candidate_search(occurrences, vectors, Merger), args.repeats)
    all_pairs, all_seconds, all_traced, _ = measure(candidate_search(occurrences, vectors, AllPairs), args.repeats)
    reused = [group for group in groups if len(outlets_of(group, by_id)) >= 2]
    variants = sum(1 for group in reused if len({normalise(by_id[i].text) for i in group}) > 1)
    differing = len(set(groups) ^ set(baseline))

    print(
        tabulate(
            [
                ("occurrences (quotes)", f"{len(occurrences):,}"),
                ("distinct normalised texts", f"{distinct:,}"),
                ("embedded texts (four words or more)", f"{len(texts):,}"),
                ("clusters", f"{len(groups):,}"),
                ("clusters of 2+ occurrences", f"{sum(1 for g in groups if len(g) > 1):,}"),
                ("claims seen in 2+ outlets", f"{len(reused):,}"),
                ("... of them with more than one wording", f"{variants:,}"),
            ],
            tablefmt="plain",
        )
    )
    print()
    print(
        tabulate(
            [
                ("nearest neighbours (quotes.cluster)", f"{seconds:.2f}", megabytes(traced), megabytes(rss)),
                ("all-pairs cosine matrix (baseline)", f"{base_seconds:.2f}", megabytes(base_traced), megabytes(base_rss)),
                (
                    "baseline / nearest neighbours",
                    f"{base_seconds / seconds:.1f}x",
                    f"{base_traced / traced:.1f}x",
                    "n/a" if not rss or base_rss is None else f"{base_rss / rss:.1f}x",
                ),
            ],
            headers=("clustering", "seconds", "tracemalloc peak", "peak RSS growth"),
        )
    )
    print(
        f"of which the candidate search: {search_seconds:.2f} s and {megabytes(search_traced)} "
        f"(nearest neighbours) against {all_seconds:.2f} s and {megabytes(all_traced)} (all pairs); "
        f"{len(pairs):,} and {len(all_pairs):,} candidate pairs"
    )
    print(f"groups that differ between the two: {differing}")
    if args.pairs and args.pairs.exists():
        print_pair_scores(score_pairs(read_pairs(args.pairs), groups, positions), args.pairs)
    if args.sample:
        print_sample(reused, by_id, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
