"""Is the regex layer linear in the text? ``quotes_in`` at n, 2n, 4n and 8n for a few shapes.

For each shape the script prints the median time of ``quotes_in`` at each size and the ratio
time(8n) / (8 * time(n)): 1.0 is exactly linear, 2.0 would be a cost growing as n^1.33, and a
quadratic one gives about 8. The bar is a ratio of at most ~1.5 for every shape (timing noise
and cache effects at the larger sizes keep it above 1). As a baseline, the same is measured for
one regex pass over the same texts (``patterns.WORD``), which is linear by construction.

    python benchmarks/linear.py            # n = 4,000 quotes, 5 runs per size
    python benchmarks/linear.py --n 20000 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from quotes import patterns as P
from quotes.attribute import quotes_in
from quotes.types import Article

BAR = 1.5  # time(8n) / (8 * time(n)) at most this, for every shape

# Shape name -> the text of n quotes.
SHAPES: dict[str, Callable[[int], str]] = {
    "unattributed quotes": lambda n: " ".join('"ab cd."' for _ in range(n)),
    "unattributed paragraphs": lambda n: "\n\n".join('"ab cd."' for _ in range(n)),
    "attributed quotes": lambda n: " ".join('"We will go on," John Smith said.' for _ in range(n)),
    "one huge sentence": lambda n: " ".join('he "ab cd, ef" and' for _ in range(n)),
    "one huge paragraph": lambda n: " ".join('the man said "ab cd ef gh" and' for _ in range(n)),
    "names and pronouns": lambda n: " ".join(
        f"Senator Tom Name{i} met Ann Other{i}. " + '"We are here," he said.' for i in range(n)
    ),
}


def timed(work: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls of ``work``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4000, help="quotes in the smallest text")
    parser.add_argument("--runs", type=int, default=5, help="runs per size; the median is kept")
    args = parser.parse_args()
    sizes = [args.n, 2 * args.n, 4 * args.n, 8 * args.n]
    print(f"bar: time(8n) / (8 * time(n)) <= {BAR} (1.0 is linear, ~8 quadratic); median of {args.runs} runs")
    header = "".join(f"{'n=' + str(size):>11}" for size in sizes)
    print(f"{'shape':28}{'MB at 8n':>9}{header}{'ratio':>8}{'baseline 8n':>13}{'ratio':>7}")
    failed = []
    for name, make in SHAPES.items():
        texts = [make(size) for size in sizes]
        spent = [timed(lambda text=text: quotes_in(Article(id="x", text=text)), args.runs) for text in texts]
        baseline = [timed(lambda text=text: sum(1 for _ in P.WORD.finditer(text)), args.runs) for text in texts]
        ratio = spent[-1] / (8 * spent[0])
        base_ratio = baseline[-1] / (8 * baseline[0])
        cells = "".join(f"{seconds:10.3f}s" for seconds in spent)
        print(f"{name:28}{len(texts[-1]) / 1e6:9.2f}{cells}{ratio:8.2f}{baseline[-1]:12.3f}s{base_ratio:7.2f}", flush=True)
        if ratio > BAR:
            failed.append(name)
    print("all shapes within the bar" if not failed else f"over the bar: {', '.join(failed)}")


if __name__ == "__main__":
    main()
