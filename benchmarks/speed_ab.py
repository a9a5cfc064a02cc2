"""Extraction speed of this checkout against another checkout of quotes, in the same run.

    git worktree add /tmp/quotes-base <rev>
    python benchmarks/speed_ab.py /tmp/quotes-base [--rounds 3] [--repeats 5] [--texts DIR]

Times the same thing both ways, alternating, each in a fresh process pinned to one core:

- **in process**: ``quotes_in`` over every ``.txt`` of ``--texts`` (PolNeAR dev, as shipped
  under ``tests/data``), CPU time (``time.process_time``), best of ``--repeats`` passes after
  a warm-up pass, and the CPU time of ``import quotes.attribute`` (the compiled patterns);
- **whole run**: ``python -m quotes extract -f tsv -j 1 DIR`` as a user times it (start-up
  included), wall time, the median of ``--rounds`` runs of each side. Reported speech is left
  out on a side that has it (``--no-indirect``), so both sides do the same work.

Prints the articles per second of each side, round by round, and the ratio this / base (above
1: this checkout is faster). The machine may be shared: only the ratios of one run mean much.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "tests" / "data" / "polnear" / "dev" / "text"

# Run in a child process whose PYTHONPATH is the checkout under test: prints
# "<articles per second> <import seconds>".
IN_PROCESS = r"""
import glob, os, sys, time
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}) if hasattr(os, "sched_setaffinity") else None
start = time.process_time()
import quotes.attribute
imported = time.process_time() - start
from quotes.attribute import quotes_in
from quotes.types import Article
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt")))]
[quotes_in(Article("x", t)) for t in texts]
best = float("inf")
for _ in range(int(sys.argv[2])):
    start = time.process_time()
    [quotes_in(Article("x", t)) for t in texts]
    best = min(best, time.process_time() - start)
print(len(texts) / best, imported)
"""


def child_env(tree: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONSAFEPATH="1")
    env.pop("QUOTES_SHARED", None)
    return env


def in_process(tree: Path, texts: Path, repeats: int) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", IN_PROCESS, str(texts), str(repeats)], env=child_env(tree),
                         cwd=tree, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def whole_run(tree: Path, texts: Path) -> float:
    command = [sys.executable, "-m", "quotes", "extract", "-f", "tsv", "-j", "1", str(texts)]
    help_text = subprocess.run(command[:4] + ["--help"], env=child_env(tree), cwd=tree,
                               capture_output=True, text=True).stdout
    if "--no-indirect" in help_text:
        command.append("--no-indirect")
    pin = ["taskset", "-c", str(min(os.sched_getaffinity(0)))] if hasattr(os, "sched_getaffinity") else []
    start = time.perf_counter()
    subprocess.run(pin + command, env=child_env(tree), cwd=tree, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path, help="another checkout of quotes (a git worktree)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--texts", type=Path, default=TEXTS, help="a folder of .txt articles")
    args = parser.parse_args()
    if not (args.base / "quotes" / "attribute.py").is_file():
        print(f"error: {args.base} is not a checkout of quotes (no quotes/attribute.py)", file=sys.stderr)
        return 2
    trees = {"this": ROOT, "base": args.base.resolve()}
    rates: dict[str, list[float]] = {name: [] for name in trees}
    imports: dict[str, list[float]] = {name: [] for name in trees}
    walls: dict[str, list[float]] = {name: [] for name in trees}
    for round_ in range(1, args.rounds + 1):
        for name, tree in (trees.items() if round_ % 2 else reversed(trees.items())):
            rate, imported = in_process(tree, args.texts, args.repeats)
            rates[name].append(rate)
            imports[name].append(imported)
            walls[name].append(whole_run(tree, args.texts))
        print(f"round {round_}: this {rates['this'][-1]:.0f} art/s, base {rates['base'][-1]:.0f} art/s "
              f"(ratio {rates['this'][-1] / rates['base'][-1]:.2f}); whole run this {walls['this'][-1]:.2f} s, "
              f"base {walls['base'][-1]:.2f} s")
    median = statistics.median
    print(f"\nin process (best of {args.repeats}, CPU time): this / base = "
          f"{median(rates['this']) / median(rates['base']):.2f}x the speed "
          f"({median(rates['this']):.0f} vs {median(rates['base']):.0f} articles/s)")
    print(f"import quotes.attribute (CPU): this {median(imports['this']):.2f} s, base {median(imports['base']):.2f} s")
    print(f"whole run, median of {args.rounds} (wall, start-up included): this {median(walls['this']):.2f} s, "
          f"base {median(walls['base']):.2f} s: base / this = {median(walls['base']) / median(walls['this']):.2f}x the speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
