"""How the whole pipeline scales: extraction, embedding and clustering at 1x, 10x and 100x a corpus.

    python benchmarks/scale.py [--base 50] [--sizes 1,10,100] [--seed 7]
    python benchmarks/scale.py --quick    # a smoke run: --base 5 --sizes 1,3

The base corpus (1x) is ``--base`` real articles drawn from PolNeAR train. A corpus N times
its size keeps those and adds copies of base articles drawn with replacement, each with a new
id and an outlet from a pool of ``OUTLETS``, and each of its quotes edited inside the quote
marks (so extraction still finds them) as ``EDITS`` says: left verbatim or restyled (exact
reuse), cut by a word or with a word swapped (a variant of the same claim), or half rewritten
(a new text). Generation is seeded, and each corpus is the first articles of the next one.
As the base stays the same, each of its quotes comes back about N times at Nx, with more
wordings: at 100x, claims of 40 to 50 distinct texts, like a quote that every outlet carries.

Each size runs in a fresh process with a fresh store: ``quotes.track.add`` (``jobs=1``)
over the corpus as JSON Lines with the shipped model, loaded and warmed up before the clock
starts. It is timed in stages: extraction and storing (up to the last article stored),
embedding (the encoder's calls) and the rest of the update (speakers, clustering, writes),
each with the process's peak resident size during it (Linux's VmHWM, reset at each stage).
The peak of a size is the largest of those and of the process's peak once the model has
encoded a full batch of the longest texts it reads (``WARM_UP``). Then, in the same process
and on the stored vectors, ``quotes.cluster.cluster`` (nearest neighbours) is timed against
the brute-force all-pairs cosine matrix of ``benchmarks/reuse.py`` where its matrix stays
under ``--brute-max-mb``, and their groups compared; memory there is the growth of the peak
over the size before the call.

The bar, on ratios measured in one run (the machine is shared, so absolute times drift):

* the time per article of the whole pipeline grows at most ``MAX_TIME_GROWTH`` from the
  smallest size to the largest;
* peak memory grows no more than the store and the index do: the growth of the pipeline's
  peak from the smallest size to the largest is at most that of the store file plus the
  index (the distinct texts' vectors, float32);
* each distinct normalised text is embedded once: as many texts embedded as the store needs.

On this machine (2 cores shared with other jobs, so embedding ran at about 37 texts/s, not 200),
the default run took 12 minutes: 50, 500 and 5,000 articles; 397, 1,798 and 14,906 texts.
Time per article 0.45x from 1x to 100x (PASS: each copy brings fewer new texts to embed),
but the update without embedding grew 3.6x per article, clustering alone from 0.2 to 2.3 ms
a text (claims of 40 to 50 wordings: complete-link checks, the exact search's n x n inner
products). Peak memory grew 193 MB against 98 MB of store and index (FAIL). At 100x the
all-pairs baseline took 1.2x the time and 20x the memory, and grouped 209 of 51,435 quotes
otherwise (each text's 10 nearest neighbours miss some wordings of so large a claim).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

import numpy as np
from tabulate import tabulate

import bench_data  # QUOTES_SHARED, the one setting for data the repository does not ship
from quotes import Article, quotes_in
from quotes.cluster import cluster
from quotes.embed import BATCH_SIZE, Encoder, load_encoder
from quotes.similarity import texts_to_embed
from quotes.store import Store
from quotes.track import add
from quotes.types import QUOTE
from reuse import all_pairs_cluster

T = TypeVar("T")

MAX_TIME_GROWTH = 1.5  # time per article, largest size over smallest
OUTLETS = 40  # copies are credited to outlets "outlet-00" ... "outlet-39"
# What happens to each quote of a copy, and how often. "restyle" changes case only, which
# normalises to the same text; "drop" and "swap" change one word; "rewrite" half of them.
EDITS = {"verbatim": 0.40, "restyle": 0.15, "drop": 0.15, "swap": 0.15, "rewrite": 0.15}
# A word of a quote that an edit may drop or replace: letters only, between spaces or the ends.
PLAIN_WORD = re.compile(r"(?<!\S)[A-Za-z]+(?!\S)")
# A line of /proc/self/status with a size in kB: VmRSS (now) or VmHWM (peak since the last reset).
STATUS_KB = re.compile(r"^(VmRSS|VmHWM):\s+(\d+) kB", re.MULTILINE)
MB = 2**20
STAGES = {"extract": "extract+store", "embed": "embed", "rest": "rest of update"}  # SizeResult field: label
# Encoded before the clock starts: a full batch of texts longer than the model reads (256
# tokens), so that torch's one-time set-up is not timed as the first size's, and its working
# memory for the longest batch is part of every size's peak, not only of the sizes that
# happen to hold a very long quote.
WARM_UP = [f"{number} " + "the claim was made again " * 60 for number in range(BATCH_SIZE)]


# --- the corpus ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BaseArticle:
    name: str
    text: str
    title: str
    outlet: str
    published: str
    quotes: tuple[tuple[int, int], ...]  # [start, end) of each quote's words, outermost only


def load_base(polnear: Path, count: int, seed: int) -> list[BaseArticle]:
    """``count`` articles of PolNeAR train, drawn at random, with their outlets and quotes."""
    metadata = {}
    with open(polnear / "metadata.tsv", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            metadata[row["filename"]] = row
    paths = random.Random(seed).sample(sorted((polnear / "train" / "text").glob("*.txt")), count)
    return [_base_article(path, metadata.get(path.stem, {})) for path in paths]


def _base_article(path: Path, row: dict[str, str]) -> BaseArticle:
    with open(path, encoding="utf-8", newline="") as handle:  # offsets as the ingest reads them
        text = handle.read()
    found = [q.span for q in quotes_in(Article(id=path.stem, text=text)) if q.kind == QUOTE and q.span.parent is None]
    return BaseArticle(
        path.stem, text, row.get("title", ""), row.get("publisher", "unknown"), row.get("publication_date", ""),
        tuple(sorted((span.start, span.end) for span in found)),
    )


def corpus(base: Sequence[BaseArticle], count: int, seed: int) -> Iterator[dict[str, str]]:
    """The first ``count`` articles: the base ones as they are, then edited copies."""
    pool = [word for a in base for start, end in a.quotes for word in PLAIN_WORD.findall(a.text[start:end])]
    rng = random.Random(seed)
    for number in range(count):
        if number < len(base):
            article, text, outlet = base[number], base[number].text, base[number].outlet
        else:
            article = rng.choice(base)
            text, outlet = _edited(article, rng, pool), f"outlet-{rng.randrange(OUTLETS):02d}"
        yield {"id": f"{article.name}#{number}", "title": article.title, "outlet": outlet,
               "published": article.published, "text": text}


def _edited(article: BaseArticle, rng: random.Random, pool: Sequence[str]) -> str:
    text = article.text
    for start, end in reversed(article.quotes):  # from the end, so earlier offsets hold
        edit = rng.choices(list(EDITS), weights=list(EDITS.values()))[0]
        text = text[:start] + _edit_quote(text[start:end], edit, rng, pool) + text[end:]
    return text


def _edit_quote(quote: str, edit: str, rng: random.Random, pool: Sequence[str]) -> str:
    words = list(PLAIN_WORD.finditer(quote))
    if edit == "verbatim" or not words or not pool:
        return quote
    if edit == "restyle":
        return quote.lower() if rng.random() < 0.5 else quote[0].swapcase() + quote[1:]
    if edit == "drop":
        word = rng.choice(words)
        end = word.end() + 1 if quote[word.end() : word.end() + 1] == " " else word.end()
        return quote[: word.start()] + quote[end:]
    chosen = [rng.choice(words)] if edit == "swap" else [w for w in words if rng.random() < 0.5]
    for word in reversed(chosen):
        quote = quote[: word.start()] + rng.choice(pool) + quote[word.end() :]
    return quote


def write_jsonl(path: Path, records: Iterator[dict[str, str]]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


# --- measuring, in a fresh process per size ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stage:
    seconds: float
    peak: int  # bytes: the process's peak resident size during the stage, model included


@dataclass(frozen=True, slots=True)
class Timed:
    seconds: float
    peak: int  # bytes of peak resident memory over the process's size before the call
    groups: frozenset[tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class SizeResult:
    articles: int
    quotes: int  # occurrences: stored quotes of kind "quote"
    texts: int  # distinct normalised texts that need a vector
    embedded: int  # texts the run embedded: each distinct text once
    model: int  # bytes: the process's peak resident size with the model loaded and warmed up
    extract: Stage  # reading, extraction, storing
    embed: Stage
    rest: Stage  # the update but embedding: speakers, clustering, writes
    store_bytes: int
    index_bytes: int  # the stored vectors, float32
    ours: Timed  # quotes.cluster.cluster on the stored vectors
    brute: Timed | None  # the all-pairs baseline, where its matrix fits

    @property
    def seconds(self) -> float:
        return self.extract.seconds + self.embed.seconds + self.rest.seconds

    @property
    def peak(self) -> int:
        return max(self.model, self.extract.peak, self.embed.peak, self.rest.peak)


class StageClock:
    """Time and peak resident memory from one mark to the next; a stage marked twice adds up."""

    def __init__(self) -> None:
        gc.collect()
        reset_peak()
        self.last = time.perf_counter()
        self.stages: dict[str, Stage] = {}

    def mark(self, name: str) -> None:
        now = time.perf_counter()
        stage = Stage(now - self.last, status_kb("VmHWM") * 1024)
        earlier = self.stages.get(name, Stage(0.0, 0))
        self.stages[name] = Stage(earlier.seconds + stage.seconds, max(earlier.peak, stage.peak))
        reset_peak()
        self.last = time.perf_counter()

    def stage(self, name: str) -> Stage:
        return self.stages.get(name, Stage(0.0, 0))


@dataclass(slots=True)
class MarkedEncoder:
    """The real encoder, marking the clock before and after each call."""

    inner: Encoder
    clock: StageClock

    @property
    def name(self) -> str:
        return self.inner.name

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.clock.mark("rest")
        vectors = self.inner.encode(texts)
        self.clock.mark("embed")
        return vectors


def measure_size(corpus_path: Path, store_path: Path, articles: int, brute_max_bytes: int) -> SizeResult:
    """Run in a fresh process: the pipeline over the corpus, then the two clusterings."""
    import faiss  # noqa: F401  imported before the clock starts, as the model is loaded

    encoder = load_encoder(progress=False)
    encoder.encode(WARM_UP)
    model = status_kb("VmHWM") * 1024
    with Store(store_path) as store:
        clock = StageClock()
        stored = 0

        def on_article(_: int) -> None:
            nonlocal stored
            stored += 1
            if stored == articles:
                clock.mark("extract")

        summary = add([corpus_path], store, encoder=MarkedEncoder(encoder, clock), on_article=on_article, jobs=1)
        clock.mark("rest")
        occurrences = store.occurrences()
        texts = texts_to_embed(occurrences)
        vectors = store.vectors(encoder.name, texts)
        ours = timed(lambda: cluster(occurrences, vectors))
        fits = len(vectors) ** 2 * 4 <= brute_max_bytes
        brute = timed(lambda: all_pairs_cluster(occurrences, vectors)) if fits else None
    index_bytes = sum(vector.nbytes for vector in vectors.values())
    return SizeResult(
        articles, len(occurrences), len(texts), summary.embedded, model, clock.stage("extract"), clock.stage("embed"),
        clock.stage("rest"), store_path.stat().st_size, index_bytes, ours, brute,
    )


def timed(run: Callable[[], list[tuple[int, ...]]]) -> Timed:
    gc.collect()
    start_kb = reset_peak()
    started = time.perf_counter()
    groups = run()
    seconds = time.perf_counter() - started
    return Timed(seconds, (status_kb("VmHWM") - start_kb) * 1024, frozenset(groups))


def reset_peak() -> int:
    """Reset the process's peak resident size to its current size; that size, in kB."""
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")
    return status_kb("VmRSS")


def status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        return int(dict(STATUS_KB.findall(handle.read()))[field])


def in_fresh_process(function: Callable[..., T], *args: object) -> T:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


# --- report --------------------------------------------------------------------------------


def ms_per_article(seconds: float, result: SizeResult) -> str:
    return f"{seconds * 1000 / result.articles:.1f}"


def megabytes(size: int) -> str:
    return f"{size / MB:,.0f}"


def print_tables(sizes: Sequence[int], results: Sequence[SizeResult]) -> None:
    print(tabulate(
        [
            (f"{size}x", f"{r.articles:,}", f"{r.quotes:,}", f"{r.texts:,}", f"{r.embedded:,}", f"{r.seconds:.1f}",
             ms_per_article(r.seconds, r), ms_per_article(r.extract.seconds, r), ms_per_article(r.embed.seconds, r),
             ms_per_article(r.rest.seconds, r), f"{r.embed.seconds * 1000 / max(r.embedded, 1):.1f}")
            for size, r in zip(sizes, results)
        ],
        headers=("size", "articles", "quotes", "texts", "embedded", "wall s", "ms/article", "extract+store",
                 "embed", "rest of update", "embed ms/text"),
        disable_numparse=True,
    ))
    print()
    print(tabulate(
        [
            (f"{size}x", megabytes(r.peak), megabytes(r.model), megabytes(r.extract.peak), megabytes(r.embed.peak),
             megabytes(r.rest.peak), megabytes(r.store_bytes), f"{r.texts:,}", megabytes(r.index_bytes))
            for size, r in zip(sizes, results)
        ],
        headers=("size", "peak MB", "model warmed up", "extract+store", "embed", "rest of update", "store MB",
                 "vectors", "index MB"),
        disable_numparse=True,
    ))
    print()
    print(tabulate(
        [clustering_row(size, r) for size, r in zip(sizes, results)],
        headers=("clustering", "texts", "ours s", "ours MB", "all-pairs s", "all-pairs MB", "time ratio",
                 "memory ratio", "groups in one only"),
        disable_numparse=True,
    ))


def clustering_row(size: int, r: SizeResult) -> tuple[str, ...]:
    ours = (f"{size}x", f"{r.texts:,}", f"{r.ours.seconds:.2f}", megabytes(r.ours.peak))
    if r.brute is None:
        return (*ours, *("n/a",) * 5)
    memory_ratio = f"{r.brute.peak / r.ours.peak:.1f}x" if r.ours.peak >= MB else "n/a"
    return (
        *ours, f"{r.brute.seconds:.2f}", megabytes(r.brute.peak), f"{r.brute.seconds / r.ours.seconds:.1f}x",
        memory_ratio, f"{len(r.brute.groups ^ r.ours.groups):,}",
    )


def print_checks(sizes: Sequence[int], results: Sequence[SizeResult]) -> bool:
    small, large = results[0], results[-1]
    growth = (large.seconds / large.articles) / (small.seconds / small.articles)
    time_ok = growth <= MAX_TIME_GROWTH
    memory = large.peak - small.peak
    allowed = (large.store_bytes + large.index_bytes) - (small.store_bytes + small.index_bytes)
    memory_ok = memory <= allowed
    span = f"{sizes[-1]}x over {sizes[0]}x"
    once = all(r.embedded == r.texts for r in results)
    print(f"\ntime per article, {span}: {growth:.2f}x (bar {MAX_TIME_GROWTH}x): {'PASS' if time_ok else 'FAIL'}")
    for name, label in STAGES.items():
        per_article = [getattr(r, name).seconds / r.articles for r in results]
        print(f"    {label}, at each size over {sizes[0]}x: "
              + ", ".join(f"{seconds / per_article[0]:.2f}x" for seconds in per_article))
    print(
        f"peak memory growth, {span}: {megabytes(memory)} MB against {megabytes(allowed)} MB of store and "
        f"index growth: {'PASS' if memory_ok else 'FAIL'}"
    )
    print(f"each distinct text embedded once: {'PASS' if once else 'FAIL'}")
    return time_ok and memory_ok and once


# --- main ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=int, default=50, help="articles of the base corpus (1x)")
    parser.add_argument("--sizes", default="1,10,100", help="corpus sizes, as multiples of the base")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--brute-max-mb", type=int, default=2048,
                        help="run the all-pairs baseline where its n x n float32 matrix stays under this")
    parser.add_argument("--quick", action="store_true", help="a smoke run: --base 5 --sizes 1,3")
    args = parser.parse_args(argv)
    base_count, sizes = (5, [1, 3]) if args.quick else (args.base, sorted(int(s) for s in args.sizes.split(",")))

    base = load_base(bench_data.polnear("train"), base_count, args.seed)
    print(f"base corpus: {len(base)} PolNeAR train articles (--seed {args.seed}), "
          f"{sum(len(a.quotes) for a in base)} quotes; copies edit each quote: "
          + ", ".join(f"{edit} {share:.0%}" for edit, share in EDITS.items()))
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"corpus-{size}x.jsonl"
            articles = write_jsonl(path, corpus(base, size * len(base), args.seed))
            result = in_fresh_process(measure_size, path, Path(folder) / f"store-{size}x.db", articles,
                                      args.brute_max_mb * MB)
            print(f"{size}x: {articles:,} articles, {result.seconds:.1f} s", flush=True)
            results.append(result)
    print()
    print_tables(sizes, results)
    return 0 if print_checks(sizes, results) else 1


if __name__ == "__main__":
    sys.exit(main())
