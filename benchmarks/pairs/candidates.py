"""Draw candidate pairs for the hand-labelled pair set (benchmarks/pairs/pairs.tsv).

    QUOTES_SHARED=/work/shared python benchmarks/pairs/candidates.py OUT_FOLDER

Extracts the quotes (kind ``quote``) of PolNeAR train + dev, then proposes pairs of quotes from
different articles by four independent means, none of them today's clustering:

- rare4: a shared word 4-gram that occurs in at most ``RARE_GRAM_ARTICLES`` articles' quotes;
- jaccard: word-set Jaccard >= ``JACCARD_MIN`` (both texts of 4+ words; words found in 400 or
  more quotes are skipped in the search, so two texts sharing only such words are not proposed);
- contained: one text's words found contiguously inside the other's (3+ words);
- embed: each text's ``NEIGHBOURS`` nearest neighbours under the shipped model at cosine
  >= ``COSINE_MIN``.

Writes quotes.json (every quote) and candidates.tsv (one row per pair with the means that
proposed it and the figures) to OUT_FOLDER, for reading by hand.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench_data  # noqa: E402
from quotes import Article, quotes_in  # noqa: E402

RARE_GRAM_ARTICLES = 6
JACCARD_MIN = 0.5
NEIGHBOURS = 10
COSINE_MIN = 0.7
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("\u2019", "'"))


def main(out: Path) -> None:
    polnear = bench_data.polnear("train", "dev")
    found = []
    for split in ("train", "dev"):
        for path in sorted((polnear / split / "text").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            name = path.stem
            for q in quotes_in(Article(id=name, text=text)):
                if q.kind != "quote":
                    continue
                assert text[q.span.start:q.span.end] == q.text, (name, q.span)
                found.append(dict(article=name, start=q.span.start, end=q.span.end, text=q.text,
                                  speaker=q.speaker, outlet=name.split("_")[0], date=name.split("_")[1]))
    out.mkdir(parents=True, exist_ok=True)
    (out / "quotes.json").write_text(json.dumps(found))
    toks = [words(q["text"]) for q in found]
    sets = [set(t) for t in toks]
    pairs: dict[tuple[int, int], dict] = defaultdict(dict)

    def add(i: int, j: int, means: str, value: float) -> None:
        if found[i]["article"] == found[j]["article"]:
            return
        a, b = min(i, j), max(i, j)
        pairs[(a, b)][means] = value

    # rare 4-grams
    grams = defaultdict(set)
    for i, t in enumerate(toks):
        for k in range(len(t) - 3):
            grams[tuple(t[k:k + 4])].add(i)
    for gram, members in grams.items():
        if len({found[i]["article"] for i in members}) in range(2, RARE_GRAM_ARTICLES + 1):
            for i, j in combinations(sorted(members), 2):
                add(i, j, "rare4", 1)
    # jaccard, via an inverted index on words
    index = defaultdict(set)
    for i, s in enumerate(sets):
        if len(toks[i]) >= 4:
            for w in s:
                index[w].add(i)
    for i, s in enumerate(sets):
        if len(toks[i]) < 4:
            continue
        shared = defaultdict(int)
        for w in s:
            if len(index[w]) < 400:
                for j in index[w]:
                    if j > i:
                        shared[j] += 1
        for j, n in shared.items():
            if n / len(s | sets[j]) >= JACCARD_MIN * 0.8:
                jac = len(s & sets[j]) / len(s | sets[j])
                if jac >= JACCARD_MIN:
                    add(i, j, "jaccard", round(jac, 3))
    # containment
    joined = [f" {' '.join(t)} " for t in toks]
    for i, t in enumerate(toks):
        if len(t) < 3:
            continue
        needle = f" {' '.join(t)} "
        for j in grams.get(tuple(t[:4]), ()) if len(t) >= 4 else range(len(toks)):
            if j != i and len(toks[j]) > len(t) and needle in joined[j]:
                add(i, j, "contained", 1)
    # embeddings
    from quotes.embed import load_encoder
    distinct = sorted({q["text"] for q, t in zip(found, toks) if len(t) >= 3})
    enc = load_encoder(progress=False)
    vecs = np.asarray(enc.encode(distinct), dtype=np.float32)
    row_of = {text: r for r, text in enumerate(distinct)}
    by_text = defaultdict(list)
    for i, q in enumerate(found):
        if q["text"] in row_of:
            by_text[q["text"]].append(i)
    for start in range(0, len(distinct), 1000):
        sims = vecs[start:start + 1000] @ vecs.T
        top = np.argsort(-sims, axis=1)[:, :NEIGHBOURS + 1]
        for r, cols in enumerate(top):
            for c in cols:
                cos = float(sims[r, c])
                if c == start + r or cos < COSINE_MIN:
                    continue
                for i in by_text[distinct[start + r]]:
                    for j in by_text[distinct[c]]:
                        add(i, j, "embed", round(cos, 3))
    # cosine for every candidate, whichever means found it
    with open(out / "candidates.tsv", "w", newline="", encoding="utf-8") as handle:
        w = csv.writer(handle, dialect="excel-tab")
        w.writerow(["a", "b", "means", "cosine", "jaccard", "text_a", "text_b"])
        for (i, j), means in sorted(pairs.items()):
            ta, tb = found[i]["text"], found[j]["text"]
            cos = float(vecs[row_of[ta]] @ vecs[row_of[tb]]) if ta in row_of and tb in row_of else ""
            jac = len(sets[i] & sets[j]) / max(1, len(sets[i] | sets[j]))
            w.writerow([i, j, ",".join(sorted(means)), cos if cos == "" else round(cos, 3), round(jac, 3), ta, tb])
    counts = defaultdict(int)
    for means in pairs.values():
        for m in means:
            counts[m] += 1
    print(f"{len(found)} quotes; {len(pairs)} candidate pairs; by means: {dict(counts)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
