"""Gold reported speech to score against: PolNeAR's attributions whose content has no quote marks.

PolNeAR annotates every attribution, quoted or not (Source, Cue, Content). A relation is
*indirect* (:func:`is_indirect`) when its Content is not wholly inside quote marks: with every
quoted stretch taken out (the stretches :func:`quotes.gold.gold_quotes` finds, marks included),
at least :data:`MIN_OWN_WORDS` words of the content remain. So `Smith said the plan had failed`
is indirect, and so is `Smith said the plan was "a failure"` (a mixed statement: its quoted
words are also a direct gold quote); `Smith said: "It failed."` and `He called it "a failure"`
are not. A relation without a Content is no statement.

Scoring (:func:`score_indirect`) follows ``quotes.evaluate``: only rows of kind ``indirect``
with a speaker are scored; a row matches a gold statement when its span covers at least half
of the content's characters (over its fragments); matching is one-to-one, greedy by overlap;
a matched row's speaker is right by ``strict_speaker_right`` (the same person).

Wikinews (:func:`load_wikinews_statements`): the reported statements of the first
:data:`WIKINEWS_LABELLED` articles of ``tests/data/wikinews/articles.jsonl``, labelled by hand in
``indirect.tsv`` by the rule its README gives; each row's speaker is the person as written there,
so the strict rule judges it as it judges the direct Wikinews gold.

Standard library only: this module runs in the benchmarks and the tests, never in the pipeline.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from quotes.gold import GoldAttribution, GoldQuote, _stretches, _with_people, gold_quotes, iter_split
from quotes.errors import QuotesError
from quotes.types import Quote

MIN_OWN_WORDS = 2  # words outside quote marks that make a content reported rather than quoted
INDIRECT = "indirect"  # as quotes.types.INDIRECT; spelt here so this module needs no pipeline import
# Words of a content, outside its quoted stretches.
RE_OWN_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# The articles indirect.tsv covers: the first this many lines of articles.jsonl, in file order
# (an article among them with no row has no reported statement).
WIKINEWS_LABELLED = 45
WIKINEWS_COLUMNS = ("article", "start", "end", "content", "speaker", "speaker_kind", "mention_start",
                    "mention_end", "mention", "cue_start", "cue_end", "cue", "note")


@dataclass(frozen=True, slots=True)
class GoldStatement:
    """One indirect attribution: its content's fragments, and a GoldQuote over their extent
    carrying the Source, the Cue and the people, for the speaker rules."""

    fragments: tuple[tuple[int, int], ...]
    quote: GoldQuote

    @property
    def size(self) -> int:
        return sum(b - a for a, b in self.fragments)


@dataclass(frozen=True, slots=True)
class StatementScores:
    gold: int
    predicted: int  # rows of kind indirect with a speaker
    matched: int
    speaker_right: int  # strict rule

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0


def is_indirect(text: str, relation: GoldAttribution) -> bool:
    """Whether the relation's Content is not wholly inside quote marks (the module's rule)."""
    own = 0
    for content in relation.contents:
        for lo, hi in content.fragments:
            position = lo
            for start, end, _closed in _stretches(text, lo, hi):
                own += len(RE_OWN_WORD.findall(_unmarked(text, position, start)))
                position = end
            own += len(RE_OWN_WORD.findall(_unmarked(text, position, hi)))
    return own >= MIN_OWN_WORDS


def _unmarked(text: str, start: int, end: int) -> str:
    return text[start:end] if start < end else ""


def statements(text: str, attributions: Sequence[GoldAttribution]) -> list[GoldStatement]:
    """The indirect statements of one article, in text order, with their people."""
    direct = gold_quotes(text, attributions)
    found = []
    for rel in attributions:
        if not rel.contents or not is_indirect(text, rel):
            continue
        fragments = tuple(sorted(f for c in rel.contents for f in c.fragments))
        src, cue = rel.source, rel.cue
        found.append((fragments, GoldQuote(
            start=fragments[0][0], end=fragments[-1][1], text=text[fragments[0][0]:fragments[-1][1]],
            speaker_start=src.start if src else None, speaker_end=src.end if src else None,
            speaker_text=src.text if src else "", cue_start=cue.start if cue else None,
            cue_end=cue.end if cue else None, cue_text=cue.text if cue else "", relation=rel.id,
        )))
    # The people come from every Source of the article, quoted or not.
    people = _with_people(text, direct + [quote for _, quote in found])[len(direct):]
    return sorted((GoldStatement(f, q) for (f, _), q in zip(found, people)), key=lambda s: (s.quote.start, s.quote.relation))


def load_statements(split_dir: str | PathLike[str]) -> Iterator[tuple[str, str, list[GoldStatement]]]:
    """(name, text, indirect statements) for each annotated text of a PolNeAR split."""
    for name, text, attributions in iter_split(split_dir):
        yield name, text, statements(text, attributions)


def load_wikinews_statements(folder: str | PathLike[str]) -> Iterator[tuple[str, str, list[GoldStatement]]]:
    """(name, text, reported statements) for each labelled Wikinews article (``indirect.tsv``
    beside ``articles.jsonl``), in file order. A row whose ``content``, ``mention`` or ``cue`` is
    not the text at its offsets is an error: the labels and their texts have drifted apart."""
    root = Path(folder)
    path = root / "indirect.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, dialect="excel-tab")
        if tuple(reader.fieldnames or ()) != WIKINEWS_COLUMNS:
            raise QuotesError(f"{path}: expected the columns {', '.join(WIKINEWS_COLUMNS)}")
        labelled = list(reader)
    with open(root / "articles.jsonl", encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()][:WIKINEWS_LABELLED]
    texts = {a["id"]: a["text"] for a in articles}
    found: dict[str, list[GoldStatement]] = {}
    for line, row in enumerate(labelled, start=2):
        text = texts.get(row["article"])
        if text is None:
            raise QuotesError(f"{path}:{line}: {row['article']} is not one of the first {WIKINEWS_LABELLED} articles")
        start, end = int(row["start"]), int(row["end"])
        mention = _offsets(row, "mention")
        cue = _offsets(row, "cue")
        if text[start:end] != row["content"] or not start < end or any(
            at is not None and text[at[0]:at[1]] != row[column] for at, column in ((mention, "mention"), (cue, "cue"))
        ):
            raise QuotesError(f"{path}:{line}: the row does not match its article's text")
        found.setdefault(row["article"], []).append(GoldStatement(((start, end),), GoldQuote(
            start=start, end=end, text=row["content"],
            speaker_start=mention[0] if mention else None, speaker_end=mention[1] if mention else None,
            speaker_text=row["mention"], cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None,
            cue_text=row["cue"], relation=f"{path.name}:{line}", speaker_name=row["speaker"],
            speaker_kind=row["speaker_kind"],
        )))
    for article in articles:
        yield article["id"], article["text"], sorted(found.get(article["id"], []), key=lambda s: s.quote.start)


def _offsets(row: dict[str, str], column: str) -> tuple[int, int] | None:
    if not row[f"{column}_start"]:
        return None
    return int(row[f"{column}_start"]), int(row[f"{column}_end"])


def covers(row: Quote, gold: GoldStatement) -> int:
    """Characters of the gold content the row covers, or 0 below half of it."""
    overlap = sum(max(0, min(row.span.end, b) - max(row.span.start, a)) for a, b in gold.fragments)
    return overlap if overlap > 0 and 2 * overlap >= gold.size else 0


def match(gold: Sequence[GoldStatement], rows: Sequence[Quote]) -> list[tuple[int, int]]:
    """(gold index, row index) pairs, one to one, largest overlap first."""
    candidates = sorted((-size, g, p) for g, gs in enumerate(gold) for p, row in enumerate(rows)
                        if row.span.start < gs.quote.end and gs.quote.start < row.span.end and (size := covers(row, gs)))
    used_gold: set[int] = set()
    used_row: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_row:
            used_gold.add(g)
            used_row.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def scored_rows(rows: Iterable[Quote]) -> list[Quote]:
    return [row for row in rows if row.kind == INDIRECT and row.speaker]


def score_indirect(pairs: Iterable[tuple[Sequence[GoldStatement], Sequence[Quote]]]) -> StatementScores:
    """Score (gold statements, predicted rows) per article: recall, precision, strict speakers."""
    from quotes.evaluate import strict_speaker_right

    gold = predicted = matched = right = 0
    for gold_list, rows in pairs:
        scored = scored_rows(rows)
        found = match(gold_list, scored)
        gold += len(gold_list)
        predicted += len(scored)
        matched += len(found)
        right += sum(strict_speaker_right(gold_list[g].quote, scored[p]) for g, p in found)
    return StatementScores(gold, predicted, matched, right)
