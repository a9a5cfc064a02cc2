"""Learn the name lexicons of speaker resolution from PolNeAR's train split (never dev).

    QUOTES_SHARED=../shared python tools/mine_names.py

rewrites ``quotes/lexicons/given_names.tsv`` and ``quotes/lexicons/name_titles.tsv``.
Deterministic: the same corpus gives the same files byte for byte.

given_names.tsv: the first words of full names that are gold Sources ("Hillary" of "Hillary
Clinton"), with how often the article then shows the person as a man or a woman: a later
Source "he"/"she" whose closest earlier named Source is that person, and "Mr."/"Mrs."/"Ms."
before the surname anywhere in the article (when only one Source person has it); and how often the train texts write the word in
lower case and capitalised inside a sentence ("new" far more often than "New": not a given
name, though "New York Times" is a Source). Columns: name, sources (full-name Sources with
that first word), male, female, lowercase, capitalised.

name_titles.tsv: the words written before the name inside gold Sources ("Republican
presidential nominee Donald Trump" -> republican, presidential, nominee; "RNC Chairman Reince
Priebus" -> rnc, chairman), lowercased, each with its count: titles, roles and parties that
are not part of the name. Columns: word, count.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

from gold_access import LEXICONS, polnear_train  # the gold readers without the package init
from quotes.gold import iter_split, name_in  # noqa: E402  (after gold_access)

MIN_TITLE_COUNT = 2
# A given name: a capitalised word of letters (an initial or "J." is not one).
RE_GIVEN = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+")
# A word of a Source before its name, with the name run it precedes.
RE_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")
# A word in lower case; a capitalised word inside a sentence (after a lower-case word).
RE_LOWER = re.compile(r"\b[a-z][a-z'’-]*\b")
RE_INNER_CAPITAL = re.compile(r"(?<=[a-z,] )[A-Z][a-z'’-]+\b")
PRONOUN_GENDER = {"he": "male", "him": "male", "she": "female", "her": "female"}
TITLE_GENDER = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female"}


def mine(train: Path) -> tuple[dict[str, Counter[str]], Counter[str]]:
    """given name -> Counter(sources, male, female); title word -> count."""
    given: dict[str, Counter[str]] = {}
    titles: Counter[str] = Counter()
    cased: Counter[str] = Counter()  # "lower:bill" / "upper:bill": how the corpus writes a word
    for _, text, relations in iter_split(train):
        for word in RE_LOWER.findall(text):
            cased["lower:" + word] += 1
        for word in RE_INNER_CAPITAL.findall(text):
            cased["upper:" + word.casefold()] += 1
        sources = sorted(
            (rel.source.start, rel.source.text) for rel in relations if rel.source is not None
        )
        people: dict[str, set[str]] = {}  # surname -> the full names of Sources with it
        last_person = ""
        for _start, source in sources:
            name = _person_name(source)
            words = name.split()
            pronoun = source.strip().casefold()
            if len(words) >= 2 and RE_GIVEN.fullmatch(words[0]):
                given.setdefault(words[0], Counter())["sources"] += 1
                titles.update(_title_words(source, name))
                # A person's surname is no common word: "New York Times" and "White House"
                # are Sources too, and the "he" after them is their writer or spokesman.
                lower = re.search(rf"\b{re.escape(words[-1].casefold())}\b", text) is not None
                last_person = "" if lower else name
                if not lower:
                    people.setdefault(words[-1], set()).add(name)
            elif len(words) >= 1:
                last_person = ""
            elif pronoun in PRONOUN_GENDER and last_person:
                given[last_person.split()[0]][PRONOUN_GENDER[pronoun]] += 1
        for surname, names in sorted(people.items()):
            if len(names) != 1:
                continue  # two people of one surname: "Mr. Clinton" tells nothing of either
            first = next(iter(names)).split()[0]
            for title in re.findall(rf"\b(Mr|Mrs|Ms|Miss)\.? {re.escape(surname)}\b", text):
                given[first][TITLE_GENDER[title.casefold()]] += 1
    for name, counts in given.items():
        counts["lowercase"] = cased["lower:" + name.casefold()]
        counts["capitalised"] = cased["upper:" + name.casefold()]
    return given, titles


def _person_name(source: str) -> str:
    """The name a Source gives, if it may be a person's: not "the New York Times" (a name
    right after "the" is a body's), and without the place of a title ("Secretary of State
    Madeleine Albright" -> "Madeleine Albright")."""
    name = name_in(source)
    at = source.find(name)
    before = source[:at].casefold()
    if not name or before.endswith(("the ", "the\u00a0")):
        return ""
    if before.endswith("of ") and len(name.split()) > 2:
        return " ".join(name.split()[1:])
    return name


def _title_words(source: str, name: str) -> list[str]:
    """The lowercased words of ``source`` before ``name`` in its head, if the name is there."""
    at = source.find(name)
    if at <= 0:
        return []
    return [w.casefold().rstrip(".") for w in RE_WORD.findall(source[:at])
            if not w.casefold().endswith(("'s", "’s"))]


def write(given: dict[str, Counter[str]], titles: Counter[str], folder: Path) -> None:
    with open(folder / "given_names.tsv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(["name", "sources", "male", "female", "lowercase", "capitalised"])
        for name in sorted(given, key=lambda n: (-given[n]["sources"], n)):
            counts = given[name]
            out.writerow([name, *(counts[c] for c in ("sources", "male", "female", "lowercase", "capitalised"))])
    with open(folder / "name_titles.tsv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(["word", "count"])
        for word, count in sorted(titles.items(), key=lambda item: (-item[1], item[0])):
            if count >= MIN_TITLE_COUNT:
                out.writerow([word, count])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=LEXICONS, help="folder to write the TSV files to")
    args = parser.parse_args(argv)
    train = polnear_train()
    given, titles = mine(train)
    write(given, titles, args.out)
    gendered = sum(1 for c in given.values() if c["male"] or c["female"])
    print(f"{len(given)} given names ({gendered} with gender evidence), "
          f"{sum(1 for c in titles.values() if c >= MIN_TITLE_COUNT)} title words -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
