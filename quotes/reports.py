"""Reported statements -> the claims they report: speech told without quote marks (rows of kind
"indirect") that says what a verbatim quote of the same speaker says.

`Jane Roe said the plan had failed` in one outlet reports `"The plan has failed," said Jane
Roe` in another. The report never joins the claim (claims and `reused` stay verbatim, so a
reworded report is never shown as a quote); it points at it, and `quotes said` and `quotes
claim` show it beside the quotes, marked as reported.

A reported row reports a claim when a member of the claim has the same speaker (the same
corpus-wide identity; a row credited to no one reports nothing) and the two share most of their
words of content: at least :data:`MIN_SHARED` of them, making up :data:`MIN_SHARE` of the
shorter side's and :data:`MIN_SHARE_LONGER` of the longer side's. Words are compared lower-cased, with a plural or tense ending taken off
(`failed` / `fails`), and the words that carry no content (pronouns, auxiliaries, articles,
prepositions) left out, since reporting changes them (`I will` / `she would`). Where several
claims qualify, the one sharing the most wins (the lowest id among equals).

Linear in the rows: the quotes are indexed by speaker, and each reported row is compared with
that speaker's quotes only. No model: words, not vectors, so a report costs no embedding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

import regex

from quotes.types import Occurrence

MIN_SHARED = 3  # content words a report and a quote must share
MIN_SHARE = 0.6  # ...and the share of the shorter side's content words they make up
MIN_SHARE_LONGER = 0.4  # ...and of the longer side's (a long report does not report every short quote it shares words with)
# A word: letters and digits, an inner apostrophe (`don't`, `Clinton's`).
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")
# Endings taken off a word before comparing (the longest first): failed, fails, failing -> fail.
ENDINGS = ("ing", "ed", "es", "s")
# Words that carry no content of their own, and that reported speech changes (person, tense).
FUNCTION_WORDS = frozenset(
    "a an the this that these those it its it's i me my mine we us our you your he him his she her they them their "
    "is are was were be been being am has have had having do does did will would shall should can could may might must "
    "not no n't and or but if then than so as of in on at to for from with by about into over under after before "
    "said says say told tell that which who whom whose what when where why how there here also just very all any some "
    "s t ll re ve d".split()
)


@dataclass(frozen=True, slots=True)
class Report:
    """A reported row and the claim it reports."""

    reported: int  # the reported row's id (an occurrence of kind "indirect")
    claim: int
    shared: int  # content words the row shares with the claim's closest member


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that carry content, lower-cased, without their plural or tense ending."""
    words = set()
    for match in WORD.finditer(text.lower()):
        word = match.group().replace("’", "'")
        word = word[:-2] if word.endswith("'s") else word
        if word in FUNCTION_WORDS or not word:
            continue
        words.add(_stem(word))
    return frozenset(words)


def _stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def reports(reported: Iterable[Occurrence], quotes: Iterable[Occurrence], claim_of: Mapping[int, int]) -> dict[int, Report]:
    """Reported row id -> the claim it reports, for the rows that report one. ``quotes``: the
    verbatim occurrences, ``claim_of`` their claims by occurrence id."""
    by_speaker: dict[str, list[tuple[frozenset[str], int]]] = {}
    for quote in quotes:
        if quote.speaker and quote.id in claim_of:
            by_speaker.setdefault(quote.speaker, []).append((content_words(quote.text), claim_of[quote.id]))
    found = {}
    for row in reported:
        candidates = by_speaker.get(row.speaker) if row.speaker else None
        if not candidates:
            continue
        words = content_words(row.text)
        best: tuple[int, int] | None = None  # (shared words, -claim)
        for quote_words, claim in candidates:
            shared = len(words & quote_words)
            if shared >= MIN_SHARED and shared >= MIN_SHARE * min(len(words), len(quote_words)) \
                    and shared >= MIN_SHARE_LONGER * max(len(words), len(quote_words)):
                if best is None or (shared, -claim) > best:
                    best = (shared, -claim)
        if best is not None:
            found[row.id] = Report(row.id, -best[1], best[0])
    return found
