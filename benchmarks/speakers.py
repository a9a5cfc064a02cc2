"""Speaker identities on PolNeAR train + dev: one person one row, two people never one.

    QUOTES_SHARED=/work/shared python benchmarks/speakers.py [--store FILE] [--show N]

Stores every article of PolNeAR train and dev as ``quotes add`` does, without embedding or
clustering (the speaker figures need neither; ``--store FILE`` keeps the store to reuse, and
a store already there is reused as it is), runs ``quotes.identity.refresh`` and prints the
issue's figures:

- for each of six politicians, of the quotes whose mention is one of their usual forms (the
  name, the surname, either after titles such as "Sen." or "Mr."; a surname alone only where
  the article's text names nobody else of that surname), the share on that person's most
  common row;
- of the quotes whose mention is a full name (a given name from the lexicon, then the
  surname), the share credited to a row that is a different person (surname or given name
  differ);
- the rows that hold full names with different given names (two people in one row);
- the quotes whose within-article speaker the identities find to name nobody (left without
  a speaker), for reading;
- the quotes credited to rows whose name is no one's: the first word a sentence word (the
  corpus writes it in lower case, the lexicon knows no such given name), alone (and never
  capitalised after a lower-case word in its article) or before another row's name or
  surname ("Like Donald Trump", "Neither Cruz"), or after another row's name ("Hillary
  Clinton Says EgyptAir", a headline's words);
- whether a correction made with the CLI survives adding articles (dev added after it).

The six names are for measuring only: nothing in ``quotes`` knows them.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

import bench_data  # QUOTES_SHARED, the one setting for data the repository does not ship
from quotes import identity, names
from quotes.ingest import read_articles
from quotes.parallel import extracted
from quotes.patterns import LEXICONS
from quotes.store import Store

SPLITS = ("train", "dev")
# (given names, surname, title of address) of the six people the bar names.
PEOPLE = (
    (("Donald", "Donald J."), "Trump", "Mr."),
    (("Hillary", "Hillary Rodham"), "Clinton", "Mrs."),
    (("Barack", "Barack H."), "Obama", "Mr."),
    (("Bernie", "Bernard"), "Sanders", "Mr."),
    (("Ted", "Rafael Edward"), "Cruz", "Mr."),
    (("Paul", "Paul D."), "Ryan", "Mr."),
)
# Words written before a name that are not part of it, for finding usual forms.
TITLES = ("Sen.", "Senator", "President", "Gov.", "Governor", "Rep.", "Speaker", "Secretary", "House",
          "Republican", "Democrat", "Democratic", "candidate", "presidential", "nominee", "former", "Former",
          "Vermont", "Texas", "Wisconsin", "Secretary of State", "Dr.", "the", "The", "frontrunner", "front-runner",
          "Mrs.", "Ms.", "Mr.")
# A run of capitalised words ending in a surname: the name some mention gives in full.
FULL_NAME = re.compile(
    r"(?:^|\s)([A-Z][a-z]+)\s+(?:[A-Z]\.\s+|[A-Z][a-z]+\s+)?(?!(?:Jr|Sr|II|III|IV)\b)([A-Z][A-Za-z'’\-]+)"
    r"(?:,?\s+(Jr|Sr|II|III)\.?)?$"
)


# A word of a name as written: Sanders, O'Rourke, Díaz-Canel, Jr.; not Angeles-area.
NAME_WORD = re.compile(r"[A-Z][\w'’.]*(?:-[A-Z][\w'’.]*)*")


def build(path: Path, splits: tuple[str, ...]) -> float:
    """Store the articles of ``splits``; the seconds it took."""
    started = time.perf_counter()
    polnear = bench_data.polnear(*SPLITS)
    with Store(path) as store:
        for split in splits:
            for article, quotes in extracted(read_articles([str(polnear / split / "text")]), jobs=1):
                store.add_article(article, quotes)
    return time.perf_counter() - started


def usual(given: tuple[str, ...], surname: str, title: str) -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in TITLES if t not in ("Mr.", "Mrs.")) + "|" + re.escape(title)
    names = "|".join(re.escape(g) for g in given)
    return re.compile(rf"^(?:(?:{titles})\s+)*(?:(?:{names})\s+)?{surname}$")


def people_figures(rows: list[tuple[str, str, str, str]], texts: dict[str, str]) -> list[tuple[str, int, int, str]]:
    given_names = names.given_names()
    figures = []
    for given, surname, title in PEOPLE:
        pattern = usual(given, surname, title)
        # someone else of that surname named in the text: another given name right before it
        others = re.compile(rf"\b(?!(?:{'|'.join(g.split()[0] for g in given)})\b)([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?{surname}\b")
        landed: Counter[str] = Counter()
        for article, mention, _, speaker in rows:
            if not pattern.match(mention):
                continue
            if mention.split()[-2:-1] in ([], *[[t] for t in TITLES]) and any(
                    m.group(1).casefold() in given_names for m in others.finditer(texts[article])):
                continue  # a surname alone where the article names another of that surname
            landed[speaker] += 1
        row, count = landed.most_common(1)[0] if landed else ("", 0)
        figures.append((f"{given[0]} {surname}", count, sum(landed.values()), row))
    return figures


def gendered_given_names() -> set[str]:
    """The lexicon's given names seen as some man's or woman's (not Breitbart, American)."""
    with (LEXICONS / "given_names.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["name"].casefold() for row in csv.DictReader(handle, delimiter="\t")
                if int(row["male"]) + int(row["female"]) > 0} & set(names.given_names())


def different_person(rows: list[tuple[str, str, str, str]]) -> tuple[int, int, Counter[tuple[str, str]]]:
    """Full-name mentions, and those credited to a row that is someone else."""
    given_names = set(names.given_names())
    total, wrong, examples = 0, 0, Counter()
    for _, mention, _, speaker in rows:
        match = FULL_NAME.search(mention.replace("\u00a0", " ").replace("’", "'"))
        if not match or match.group(1).casefold() not in given_names or not speaker:
            continue
        total += 1
        given, surname, suffix = match.group(1), match.group(2), match.group(3) or ""
        words = speaker.casefold().replace(".", " ").replace("’", "'").split()
        given, surname = given.casefold(), surname.casefold()
        same_surname = surname in words
        same_given = given in words[:-1] or bool(words) and len(words[0]) == 1 and words[0] == given[0]
        same_suffix = (suffix.casefold() in words) if suffix else not any(w in ("jr", "sr", "ii", "iii") for w in words)
        near = same_surname and same_suffix and words and Levenshtein.distance(words[0], given) == 1
        if not (same_surname and (same_given or near) and same_suffix):
            wrong += 1
            examples[(f"{given} {surname}{' ' + suffix if suffix else ''}", speaker)] += 1
    return total, wrong, examples


def mixed_rows(store: Store) -> list[tuple[str, list[str]]]:
    """Rows that hold full names with different given names (not an initial of it, not one
    letter off): two people in one row, unless a correction joined them."""
    given_names = set(names.given_names())
    held: dict[str, set[str]] = {}
    for name, written in store.db.execute(
            "SELECT s.name, a.name FROM article_speakers a JOIN speakers s ON s.id = a.speaker"):
        words = written.split()
        if len(words) >= 2 and words[0].casefold() in given_names and all(NAME_WORD.fullmatch(w) for w in words):
            held.setdefault(name, set()).add(words[0])
    found = []
    for name, givens in sorted(held.items()):
        ordered = sorted(givens)
        if any(len(a) > 1 and len(b) > 1 and Levenshtein.distance(a.casefold(), b.casefold()) > 1
               for i, a in enumerate(ordered) for b in ordered[i + 1:]):
            found.append((name, ordered))
    return found


def non_names(store: Store, lower: frozenset[str], texts: dict[str, str]) -> Counter[str]:
    """Quotes on rows named by a sentence word alone ("Like", "Last") or by a sentence word
    before another row's name or surname ("Like Donald Trump", "Neither Cruz")."""
    given_names = names.given_names()
    found: Counter[str] = Counter()
    rows = store.identities()
    row_names = {row.name for row in rows}
    surnames = Counter(row.name.split()[-1] for row in rows if " " in row.name)
    kinds = {row.name: row.kind for row in rows}
    for occurrence in store.occurrences():
        words = occurrence.speaker.split()
        if not words or not words[0][:1].isupper() or kinds.get(occurrence.speaker) == identity.ORGANISATION:
            continue
        first, rest = words[0].casefold(), " ".join(words[1:])
        others = surnames[rest] - (len(words) == 2)  # rows of that surname besides this one
        alone = len(words) == 1 and occurrence.speaker not in surnames \
            and not re.search(rf"[a-z] {re.escape(words[0])}\b", texts[occurrence.article])  # "said Grant": a name
        if first in lower and first not in given_names and (alone or rest in row_names or others > 0):
            found[occurrence.speaker] += 1
        elif any(" ".join(words[:end]) in row_names and words[end].casefold() in lower
                 and words[end].casefold() not in given_names for end in range(2, len(words))):
            found[occurrence.speaker] += 1  # a headline's words after a name: "Hillary Clinton Says EgyptAir"
    return found


def correction_survives(folder: Path) -> str:
    """Train, a CLI correction, then dev added: is the correction still there?"""
    from typer.testing import CliRunner

    from quotes.cli import app

    path = folder / "train.db"
    build(path, ("train",))
    with Store(path) as store:
        identity.refresh(store)
        row = next(r for r in store.identities() if r.kind == identity.PERSON and r.name.count(" ") == 1)
    result = CliRunner().invoke(app, ["speakers", "rename", row.name, row.name + " (renamed)", "--db", str(path)])
    if result.exit_code:
        return f"the CLI failed: {result.output.strip()}"
    build(path, ("dev",))
    with Store(path) as store:
        identity.refresh(store)  # what `quotes add` runs after storing the articles
        names = {r.name for r in store.identities()}
    kept = row.name + " (renamed)" in names and row.name not in names
    return f"{'yes' if kept else 'NO'} (renamed {row.name!r}, then added dev)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="keep the store here (reused when it exists)")
    parser.add_argument("--show", type=int, default=10, help="examples of each error to print")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = args.store or Path(folder) / "polnear.db"
        if not path.exists():
            print(f"stored PolNeAR {'+'.join(SPLITS)} in {build(path, SPLITS):.1f} s")
        with Store(path) as store:
            started = time.perf_counter()
            identity.refresh(store)
            print(f"identities: {len(store.identities()):,} rows in {time.perf_counter() - started:.1f} s")
            texts = dict(store.article_texts())
            lower = names.vocabulary(texts.values())
            rows = [(o.article, mention, written, o.speaker) for o, (mention, written) in
                    zip(store.occurrences(), _mentions(store))]
            print("\nquotes whose mention is a usual form of the person, on that person's main row (bar >= 95%):")
            for person, count, total, row in people_figures(rows, texts):
                print(f"  {person:16} {count:5} of {total:5} ({count / max(total, 1):.1%}) on {row!r}")
            total, wrong, examples = different_person(rows)
            print(f"\nfull-name mentions credited to a different person: {wrong} of {total} "
                  f"({wrong / max(total, 1):.2%}; bar <= 0.5%)")
            for (name, speaker), n in examples.most_common(args.show):
                print(f"  {n:3}  {name!r} -> {speaker!r}")
            mixed = mixed_rows(store)
            print(f"\nrows holding full names with different given names: {len(mixed)}")
            for name, givens in mixed[: args.show]:
                print(f"  {name!r}: {', '.join(givens)}")
            dropped = Counter(written for o, (_, written) in zip(store.occurrences(), _mentions(store))
                              if written and not o.speaker)
            print(f"\nquotes whose within-article speaker names nobody, left without one: {sum(dropped.values())}")
            for name, n in dropped.most_common(args.show):
                print(f"  {n:3}  {name!r}")
            found = non_names(store, lower, texts)
            print(f"\nquotes credited to a name that is no one's: {sum(found.values())} (bar <= 10)")
            for name, n in found.most_common(args.show):
                print(f"  {n:3}  {name!r}")
        print(f"\na CLI correction survives adding articles: {correction_survives(Path(folder))}")
    return 0


def _mentions(store: Store) -> list[tuple[str, str]]:
    """(mention, speaker as written) of each quote of kind "quote", in id order."""
    return [(m or "", s) for m, s in store.db.execute(
        "SELECT speaker_mention, speaker FROM quotes WHERE kind = 'quote' ORDER BY id")]


if __name__ == "__main__":
    sys.exit(main())
