"""Scores of predicted quotes against gold quotes (``quotes.gold``), by two rules.

The rules of ``polnear/README.md`` (``rule="lenient"``):

* Only predictions of kind ``quote`` that carry a speaker are scored.
* A prediction matches a gold quote when ``[span.start, span.end)`` covers at least half of the
  gold stretch; matching is one-to-one, greedy by overlap size (largest first, ties to the
  earlier gold quote, then the earlier prediction).
* A matched prediction's speaker is right when its mention overlaps the gold Source extent, or
  its speaker name shares a capitalised word with the Source text (:data:`NOT_NAME_WORDS`
  are not counted as shared: "The", "He", "Mr." say nothing about who).

The strict rule (``rule="strict"``): a speaker is right only when it is the same person
(:func:`same_person`): the names share a word and, where both carry a given name, the
predicted one is among the gold name's given names ("Hillary Clinton" is wrong for Bill
Clinton, "Like Donald Trump" for Donald Trump; "Trump" is right). Where the gold mention names
nobody ("he", "the newspaper"), the prediction's mention must overlap it and its speaker must
be one of the people earlier Sources of the article name, or a description kept as written.
For Wikinews gold, a description speaker is right by its mention or its words, and a quote
with no speaker has no right one.

Standard library only: this module runs in the benchmark and the tests, never in the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quotes.gold import (  # noqa: F401  re-exported: the gold readers lived here first
    NOT_NAME_WORDS,
    RE_NAME_WORD,
    RE_WORD,
    SUFFIXES,
    TITLE_WORDS,
    Annotation,
    GoldArticle,
    GoldAttribution,
    GoldQuote,
    gold_quotes,
    iter_split,
    load_split,
    load_wikinews,
    name_in,
    offset_mismatches,
    read_brat,
)
from quotes.types import QUOTE, Quote

RULES = ("lenient", "strict")
ERROR_KINDS = ("false_positive", "miss", "wrong_speaker")


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



# ---------------------------------------------------------------------------- scoring


def score(pairs: Iterable[tuple[Sequence[GoldQuote], Sequence[Quote]]], *, rule: str = "lenient") -> Scores:
    """Score (gold quotes, predicted quotes) per article by ``rule``: lenient (the README's)
    or strict (the same person)."""
    judge = _judge(rule)
    articles = gold = predicted = unscored = matched = right = 0
    for gold_list, predictions in pairs:
        match = _match(gold_list, predictions)
        articles += 1
        gold += len(gold_list)
        predicted += len(match.scored)
        unscored += len(match.unscored)
        matched += len(match.pairs)
        right += sum(judge(gold_list[g], match.scored[p]) for g, p in match.pairs)
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


def strict_speaker_right(gold: GoldQuote, predicted: Quote) -> bool:
    """The predicted speaker is the gold quote's person (the module docstring's strict rule)."""
    if gold.speaker_kind == "none" or (gold.speaker_start is None and not gold.speaker_name):
        return False
    if gold.speaker_kind == "description":
        return _mention_overlaps(gold, predicted) or (
            _plain(predicted.speaker) == _plain(gold.speaker_name)
        )
    if gold.speaker_name:
        return same_person(gold.speaker_name, predicted.speaker)
    if not _mention_overlaps(gold, predicted):
        return False
    if not name_in(predicted.speaker):
        return True  # "the newspaper" kept as written for "the newspaper"
    return any(same_person(person, predicted.speaker) for person in gold.referents)


def same_person(gold: str, predicted: str) -> bool:
    """Whether ``predicted`` names the person ``gold`` names, each read as the name it gives
    (:func:`quotes.gold.name_in`: roles in lower case and titles fall away, "Like" does not):
    they share a word and, where
    both give a given name, the predicted given name is among the gold name's ("Ted" for
    "Rafael Edward 'Ted' Cruz"), an initial standing for its name; a suffix (Jr., II) must
    agree then too."""
    gold_words, predicted_words = _words(gold), _words(name_in(predicted) or predicted)
    if not set(gold_words) & set(predicted_words):
        return False
    gold_core = [w for w in gold_words if w not in SUFFIXES]
    predicted_core = [w for w in predicted_words if w not in SUFFIXES]
    if len(gold_core) < 2 or len(predicted_core) < 2:
        return True
    given = predicted_core[0]
    if not any(g == given or (len(given) == 1 and g.startswith(given)) or (len(g) == 1 and given.startswith(g))
               for g in gold_core[:-1]):
        return False
    return set(gold_words) & SUFFIXES == set(predicted_words) & SUFFIXES


def _words(name: str) -> list[str]:
    """A name's words, casefolded, stops and titles dropped: "Mr. Trump" -> ["trump"]."""
    words = (m.group().rstrip(".").casefold().replace("’", "'") for m in RE_NAME_WORD.finditer(name))
    return [w + "." if w + "." in SUFFIXES else w for w in words if w not in TITLE_WORDS - SUFFIXES]


def _plain(text: str) -> str:
    return " ".join(_words(text))


def _mention_overlaps(gold: GoldQuote, predicted: Quote) -> bool:
    mention = predicted.mention
    return (mention is not None and gold.speaker_start is not None and gold.speaker_end is not None
            and max(mention.start, gold.speaker_start) < min(mention.end, gold.speaker_end))


def _judge(rule: str):
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}: use one of {', '.join(RULES)}")
    return strict_speaker_right if rule == "strict" else speaker_right


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
    rule: str = "lenient",
) -> list[Error]:
    """The errors in one article: false positives, misses and wrong speakers, in text order.

    A miss says in ``detail`` when a prediction without a speaker (or of another kind) covered it.
    """
    judge = _judge(rule)
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
        if not judge(gq, pq):
            errors.append(
                _error(article, text, "wrong_speaker", gq.start, gq.end, width,
                       gold_speaker=gq.speaker_name or gq.speaker_text, predicted_speaker=pq.speaker,
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
