"""Gold quotes from PolNeAR (brat standoff) and the scores of predicted quotes against them.

The scoring rules are those of ``polnear/README.md``:

* A gold quote is each stretch between a pair of quote marks inside a Content, with that
  relation's Source as its speaker (:func:`gold_quotes` says how marks are paired).
* Only predictions of kind ``quote`` that carry a speaker are scored.
* A prediction matches a gold quote when ``[span.start, span.end)`` covers at least half of the
  gold stretch; matching is one-to-one, greedy by overlap size (largest first, ties to the
  earlier gold quote, then the earlier prediction).
* A matched prediction's speaker is right when its mention overlaps the gold Source extent, or
  its speaker name shares a capitalised word with the Source text (:data:`NOT_NAME_WORDS`
  are not counted as shared: "The", "He", "Mr." say nothing about who).

Standard library only: this module runs in the benchmark and the tests, never in the pipeline.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from quotes.errors import QuotesError
from quotes.types import QUOTE, Quote

# brat lines: T (text-bound), E (event), and the others we skip (#, A, R, N...).
RE_ANN_LINE = re.compile(r"^([TERANM#*]\d*)\t")
# Offsets of a T line: "12 30" or discontinuous "12 30;35 50".
RE_FRAGMENT = re.compile(r"(\d+) (\d+)")
# Every quote-mark candidate; doubled apostrophes and backticks first so they win.
RE_MARK = re.compile(r"'''|''|``|[\"'“”‘’«»‹›„]")
# Letter runs, for "shares a capitalised word"; possessive 's falls away as its own run.
RE_WORD = re.compile(r"[^\W\d_]+")

# Quote-mark families: a mark closes only a mark of its own family.
DOUBLE = "double"
SINGLE = "single"
GUILLEMET = "guillemet"
ANGLE = "angle"
OPENERS = {"“": DOUBLE, "„": DOUBLE, "``": DOUBLE, "‘": SINGLE, "«": GUILLEMET, "‹": ANGLE}
CLOSERS = {"”": DOUBLE, "’": SINGLE, "»": GUILLEMET, "›": ANGLE}
EITHER = {'"': DOUBLE, "''": DOUBLE, "'": SINGLE}  # the same mark opens and closes; context decides
# Characters after which an ambiguous mark reads as opening: "said: "Yes" / (“...
OPEN_CONTEXT = frozenset("([{—–-/:")

# Capitalised words that do not tell who: sentence-initial function words, honorifics and
# titles. "The Times" and "The spokesman" share no name, nor "Sen. Cruz" and "Sen. Sanders".
NOT_NAME_WORDS = frozenset(
    "the a an he she it they we i you his her their its this that these those our my "
    "mr mrs ms miss dr sen rep gov gen col lt sgt capt adm rev prof st jr sr "
    "president senator governor secretary former".split()
)

ERROR_KINDS = ("false_positive", "miss", "wrong_speaker")


@dataclass(frozen=True, slots=True)
class Annotation:
    """A brat T line: a typed, possibly discontinuous stretch of the text."""

    id: str
    type: str
    fragments: tuple[tuple[int, int], ...]
    text: str  # the article's characters at the fragments, joined by a space as brat does
    ann_text: str  # the text written on the T line, for checking the offsets

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    @property
    def offsets_ok(self) -> bool:
        return self.text == self.ann_text


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """A brat E line: who (Source, may be absent), the Cue, and what (Content, Content2)."""

    id: str
    type: str  # "Attribution" or "Attribution-no-source"
    cue: Annotation | None
    source: Annotation | None
    contents: tuple[Annotation, ...]


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A stretch between quote marks inside a Content, with its relation's Source and Cue."""

    start: int  # inside the marks, whitespace trimmed
    end: int
    text: str
    speaker_start: int | None  # first..last extent of the Source; None when there is none
    speaker_end: int | None
    speaker_text: str  # the Source pieces joined by a space; "" when there is none
    cue_start: int | None = None
    cue_end: int | None = None
    cue_text: str = ""
    relation: str = ""  # the E id
    closed: bool = True  # False when one mark of the stretch lies outside the fragment


class GoldArticle(NamedTuple):
    name: str
    text: str
    quotes: list[GoldQuote]


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts and rates; a rate with a zero denominator is 0.0."""

    articles: int
    gold: int  # gold quotes
    predicted: int  # predictions scored: kind "quote" with a speaker
    unscored: int  # predictions left out: another kind, or no speaker
    matched: int
    speaker_right: int
    quote_precision: float
    quote_recall: float
    quote_f1: float
    speaker_accuracy: float  # over matched quotes
    attribution_precision: float
    attribution_recall: float
    attribution_f1: float


@dataclass(frozen=True, slots=True)
class Error:
    """One scoring error, with enough text around it to see what went wrong."""

    article: str
    kind: str  # one of ERROR_KINDS
    start: int
    end: int
    snippet: str  # the quote's text, shortened
    context: str  # the words around it, newlines flattened
    gold_speaker: str = ""
    predicted_speaker: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class _Match:
    pairs: tuple[tuple[int, int], ...]  # (gold index, prediction index)
    scored: tuple[Quote, ...]
    unscored: tuple[Quote, ...]


# ---------------------------------------------------------------------------- reading


def read_brat(ann_path: str | os.PathLike[str], text: str) -> list[GoldAttribution]:
    """Parse one .ann file against its article text; T lines only referenced by E lines count.

    A T line's text may hold newlines, which brat writes as they are: lines that do not start
    like a brat line continue the T line before them.
    """
    spans: dict[str, Annotation] = {}
    events: list[list[str]] = []
    last_t: list[str] | None = None
    with open(ann_path, encoding="utf-8", newline="") as handle:
        raw_lines = handle.read().split("\n")
    t_lines: list[list[str]] = []
    for line in raw_lines:
        line = line.rstrip("\r")
        head = RE_ANN_LINE.match(line)
        if head is None:
            if last_t is not None:
                last_t[2] += "\n" + line
            continue
        fields = line.split("\t")
        last_t = None
        if head.group(1).startswith("T") and len(fields) >= 2:
            last_t = [fields[0], fields[1], "\t".join(fields[2:])]
            t_lines.append(last_t)
        elif head.group(1).startswith("E") and len(fields) >= 2:
            events.append([fields[0], *fields[1].split()])
    for t_id, type_and_offsets, ann_text in t_lines:
        type_, _, offsets = type_and_offsets.partition(" ")
        fragments = tuple((int(a), int(b)) for a, b in RE_FRAGMENT.findall(offsets))
        if not fragments:
            raise QuotesError(f"{ann_path}: {t_id} has no offsets; is this a brat .ann file?")
        # brat drops trailing newlines of the last fragment from the line; compare on that
        piece_text = " ".join(text[a:b] for a, b in fragments)
        spans[t_id] = Annotation(t_id, type_, fragments, piece_text, ann_text.rstrip("\n"))
    relations = []
    for e_id, *args in events:
        roles = dict(arg.split(":", 1) for arg in args if ":" in arg)
        type_ = args[0].split(":", 1)[0] if args else ""
        contents = tuple(spans[roles[r]] for r in ("Content", "Content2") if roles.get(r) in spans)
        relations.append(
            GoldAttribution(
                id=e_id,
                type=type_,
                cue=spans.get(roles.get("Cue", "")),
                source=spans.get(roles.get("Source", "")),
                contents=contents,
            )
        )
    return relations


def gold_quotes(text: str, attributions: Iterable[GoldAttribution]) -> list[GoldQuote]:
    """Every stretch between quote marks in every Content fragment, in text order.

    Marks pair within one fragment, outermost only: a quote inside a quote belongs to the
    outer one, and a re-opening mark at a paragraph start continues the quote. Single marks
    (‘ ’ and a straight ``'``, as in headlines: Trump 'racist') count only as a pair, and never
    between letters (don’t, Clinton’s, O'Connor); ``''`` is a double mark. Straight marks open
    or close by what is around them: a space before and a word after opens. A double mark left
    without a partner means the quote runs on past the fragment: an opening mark gives the
    stretch to the fragment's end, a closing mark the stretch from the fragment's start (or
    from the pair before it).
    """
    quotes = []
    for rel in attributions:
        src, cue = rel.source, rel.cue
        for content in rel.contents:
            for frag_start, frag_end in content.fragments:
                for start, end, closed in _stretches(text, frag_start, frag_end):
                    quotes.append(
                        GoldQuote(
                            start=start,
                            end=end,
                            text=text[start:end],
                            speaker_start=src.start if src else None,
                            speaker_end=src.end if src else None,
                            speaker_text=src.text if src else "",
                            cue_start=cue.start if cue else None,
                            cue_end=cue.end if cue else None,
                            cue_text=cue.text if cue else "",
                            relation=rel.id,
                            closed=closed,
                        )
                    )
    quotes.sort(key=lambda q: (q.start, q.end, q.relation))
    return quotes


def _stretches(text: str, lo: int, hi: int) -> Iterator[tuple[int, int, bool]]:
    """(start, end, closed) of the outermost quoted stretches in text[lo:hi]."""
    if text.startswith("''", lo - 1):
        lo -= 1  # the fragment starts between the two apostrophes of a '' mark
    if text.startswith("''", hi - 1):
        hi += 1
    opened: tuple[int, str] | None = None  # (end of the opening mark, family)
    after_last = lo  # where an orphan closing mark's stretch would begin
    for m in RE_MARK.finditer(text, lo, hi):
        mark, at, past = m.group(), m.start(), m.end()
        before = text[at - 1] if at > lo else " "
        after = text[past] if past < hi else " "
        if mark == "'''":  # '' then ' when opening, ' then '' when closing: 'Manhattan poor,'''
            if not after.isspace() and (before.isspace() or before in OPEN_CONTEXT):
                mark, past, after = "''", past - 1, "'"
            else:
                mark, at, before = "''", at + 1, "'"
        if mark in "’'" and before.isalnum() and after.isalpha():
            continue  # an apostrophe: don’t, Clinton’s
        if mark in EITHER:
            opening_look = not after.isspace() and (before.isspace() or before in OPEN_CONTEXT)
            family, can_open, can_close = EITHER[mark], True, not opening_look
        else:
            family, opening_look = OPENERS.get(mark) or CLOSERS[mark], False
            can_open, can_close = mark in OPENERS, mark in CLOSERS
        if opened is None:
            if can_open and (mark in OPENERS or opening_look):
                opened = (past, family)
            elif can_close and family != SINGLE:  # a lone ’ is an apostrophe: voters’ rights
                yield from _trimmed(text, after_last, at, closed=False)
                after_last = past
            continue
        inner_start, open_family = opened
        if mark == "“" and not before.isspace() and not after.isalnum():
            can_close = True  # a misprinted closing mark: ...for her here,“ said Jim Clyburn
        if family != open_family or not can_close:
            continue  # a nested mark, or a re-opening mark: "...\n\n"Next paragraph
        yield from _trimmed(text, inner_start, at, closed=True)
        opened, after_last = None, past
    if opened is not None and opened[1] == SINGLE:
        yield from _stretches(text, opened[0], hi)  # a lone ‘ or ' was no mark: back in '08
    elif opened is not None:
        yield from _trimmed(text, opened[0], hi, closed=False)


def _trimmed(text: str, start: int, end: int, *, closed: bool) -> Iterator[tuple[int, int, bool]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end, closed


def load_split(split_dir: str | os.PathLike[str]) -> Iterator[GoldArticle]:
    """(name, text, gold quotes) for each ``text/NAME.txt`` with an annotation, by name.

    The first ``attributions/NAME_*.ann`` by sorted file name is used. Texts are read with
    ``newline=""`` so that Python offsets match brat's.
    """
    for name, text, attributions in iter_split(split_dir):
        yield GoldArticle(name, text, gold_quotes(text, attributions))


def iter_split(
    split_dir: str | os.PathLike[str],
) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    """(name, text, attributions) for each annotated text of a split, by name."""
    root = Path(split_dir)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise QuotesError(
            f"{root} has no text/ and attributions/ folders; pass a PolNeAR split folder"
        )
    anns: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(path.stem.rsplit("_", 1)[0], path)
    for text_path in sorted(text_dir.glob("*.txt")):
        ann = anns.get(text_path.stem)
        if ann is None:
            continue
        with open(text_path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        yield text_path.stem, text, read_brat(ann, text)


def offset_mismatches(split_dir: str | os.PathLike[str]) -> list[tuple[str, Annotation]]:
    """(name, annotation) for each T line of a relation whose text is not the article's."""
    bad = []
    for name, _, attributions in iter_split(split_dir):
        for rel in attributions:
            for ann in (rel.cue, rel.source, *rel.contents):
                if ann is not None and not ann.offsets_ok:
                    bad.append((name, ann))
    return bad


# ---------------------------------------------------------------------------- scoring


def score(pairs: Iterable[tuple[Sequence[GoldQuote], Sequence[Quote]]]) -> Scores:
    """Score (gold quotes, predicted quotes) per article by the README rules."""
    articles = gold = predicted = unscored = matched = right = 0
    for gold_list, predictions in pairs:
        match = _match(gold_list, predictions)
        articles += 1
        gold += len(gold_list)
        predicted += len(match.scored)
        unscored += len(match.unscored)
        matched += len(match.pairs)
        right += sum(speaker_right(gold_list[g], match.scored[p]) for g, p in match.pairs)
    qp, qr = _rate(matched, predicted), _rate(matched, gold)
    ap, ar = _rate(right, predicted), _rate(right, gold)
    return Scores(
        articles=articles,
        gold=gold,
        predicted=predicted,
        unscored=unscored,
        matched=matched,
        speaker_right=right,
        quote_precision=qp,
        quote_recall=qr,
        quote_f1=_f1(qp, qr),
        speaker_accuracy=_rate(right, matched),
        attribution_precision=ap,
        attribution_recall=ar,
        attribution_f1=_f1(ap, ar),
    )


def covers(predicted: Quote, gold: GoldQuote) -> int:
    """Characters of the gold stretch the prediction covers, or 0 below half of it."""
    overlap = min(predicted.span.end, gold.end) - max(predicted.span.start, gold.start)
    return overlap if overlap > 0 and 2 * overlap >= gold.end - gold.start else 0


def speaker_right(gold: GoldQuote, predicted: Quote) -> bool:
    """The mention overlaps the gold Source, or the speaker shares a capitalised word with it."""
    if gold.speaker_start is None or gold.speaker_end is None:
        return False
    mention = predicted.mention
    if mention is not None:
        if max(mention.start, gold.speaker_start) < min(mention.end, gold.speaker_end):
            return True
    return bool(_name_words(predicted.speaker) & _name_words(gold.speaker_text))


def _name_words(name: str) -> set[str]:
    words = (w for w in RE_WORD.findall(name) if w[0].isupper())
    return {w.casefold() for w in words} - NOT_NAME_WORDS


def _match(gold: Sequence[GoldQuote], predictions: Sequence[Quote]) -> _Match:
    scored = tuple(q for q in predictions if q.kind == QUOTE and q.speaker)
    unscored = tuple(q for q in predictions if not (q.kind == QUOTE and q.speaker))
    candidates = sorted(
        (-size, g, p)
        for g, gq in enumerate(gold)
        for p, pq in enumerate(scored)
        if (size := covers(pq, gq))
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return _Match(tuple(sorted(pairs)), scored, unscored)


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# ---------------------------------------------------------------------------- errors


def diagnose(
    article: str,
    text: str,
    gold: Sequence[GoldQuote],
    predictions: Sequence[Quote],
    *,
    width: int = 60,
) -> list[Error]:
    """The errors in one article: false positives, misses and wrong speakers, in text order.

    A miss says in ``detail`` when a prediction without a speaker (or of another kind) covered it.
    """
    match = _match(gold, predictions)
    errors = []
    matched_gold = {g for g, _ in match.pairs}
    matched_pred = {p for _, p in match.pairs}
    for p, pq in enumerate(match.scored):
        if p not in matched_pred:
            errors.append(
                _error(article, text, "false_positive", pq.span.start, pq.span.end, width,
                       predicted_speaker=pq.speaker, detail=_mention_note(pq))
            )
    for g, gq in enumerate(gold):
        if g in matched_gold:
            continue
        near = [q for q in match.unscored if covers(q, gq)]
        detail = f"found as {near[0].kind} without speaker" if near and not near[0].speaker else ""
        if near and near[0].speaker:
            detail = f"found as {near[0].kind}"
        errors.append(
            _error(article, text, "miss", gq.start, gq.end, width,
                   gold_speaker=gq.speaker_text, detail=detail)
        )
    for g, p in match.pairs:
        gq, pq = gold[g], match.scored[p]
        if not speaker_right(gq, pq):
            errors.append(
                _error(article, text, "wrong_speaker", gq.start, gq.end, width,
                       gold_speaker=gq.speaker_text, predicted_speaker=pq.speaker,
                       detail=_mention_note(pq))
            )
    errors.sort(key=lambda e: (e.start, ERROR_KINDS.index(e.kind)))
    return errors


def _mention_note(quote: Quote) -> str:
    notes = []
    if quote.mention is not None:
        notes.append(f"mention {quote.mention.text!r}@{quote.mention.start}")
    if quote.cue is not None:
        notes.append(f"cue {quote.cue.text!r}")
    return ", ".join(notes)


def _error(
    article: str, text: str, kind: str, start: int, end: int, width: int, **fields: str
) -> Error:
    inner = text[start:end]
    snippet = inner if len(inner) <= 2 * width else inner[:width] + " … " + inner[-width:]
    context = text[max(0, start - width) : min(len(text), end + width)]
    if len(context) > 4 * width:
        head = text[max(0, start - width) : start + width]
        context = head + " … " + text[max(start, end - width) : end + width]
    flat = " ".join
    return Error(article, kind, start, end, flat(snippet.split()), flat(context.split()), **fields)
