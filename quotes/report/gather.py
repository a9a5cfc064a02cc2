"""The store -> what the report shows: the claims several outlets carry, each occurrence in its
sentence, and the speakers. Reads only, through the store's read functions and quotes.claims."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Sequence

import regex

from quotes.claims import build_claims
from quotes.store import Store
from quotes.types import QUOTE, Claim, Occurrence

CONTEXT = 300  # characters looked at on each side of a quote for its sentence's bounds
ELLIPSIS = "…"

# Where a sentence ends: a stop, any closing quote marks or brackets, then white space; or a
# line break, which ends a paragraph (or a headline) whatever comes before it.
SENTENCE_END = regex.compile(r"[.!?][\"'”’»)\]]*[ \t]+|\n")


@dataclass(frozen=True, slots=True)
class Seen:
    """One occurrence of a claim as the page shows it: where, when, and in which sentence."""

    id: int
    article: str
    outlet: str
    published: str  # ISO 8601, "" when the article has no date
    order: int  # the article's ingestion order
    title: str
    url: str
    speaker: str
    text: str  # the quoted words
    before: str  # the sentence up to the quoted words (the opening mark included)
    after: str  # the sentence after them (the closing mark included)

    @property
    def when(self) -> str:
        return self.published or f"#{self.order}"

    @property
    def day(self) -> int | None:
        """The publication day as a proleptic ordinal, None when there is none or it cannot be read."""
        try:
            return date.fromisoformat(self.published[:10]).toordinal() if self.published else None
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class ClaimView:
    claim: Claim
    seen: tuple[Seen, ...]  # in the order first seen: by date, then by ingestion order


@dataclass(frozen=True, slots=True)
class SpeakerView:
    name: str
    quotes: int  # quotes credited to them in the whole store
    outlets: int  # outlets that quote them
    claims: tuple[int, ...]  # ids of the listed claims they are credited in


@dataclass(frozen=True, slots=True)
class Report:
    name: str  # what the store is called on the page
    articles: int
    quotes: int
    claims_in_store: int
    min_outlets: int
    claims: tuple[ClaimView, ...]  # widest first, as `quotes reused` lists them
    speakers: tuple[SpeakerView, ...]  # most quoted first
    outlets: tuple[str, ...]  # outlets of the listed claims, the most occurrences first


def gather(store: Store, *, min_outlets: int = 2, name: str = "") -> Report:
    """Everything the page shows, read from ``store``; ``min_outlets`` as for `quotes reused`."""
    occurrences = store.occurrences()
    claims = build_claims(occurrences, store.clusters())
    listed = [c for c in claims if len(c.outlets) >= min_outlets]
    listed.sort(key=lambda c: (-len(c.outlets), -c.articles, c.id))
    by_id = {o.id: o for o in occurrences}
    wanted = {i for c in listed for i in c.members}
    seen = _seen(store, [by_id[i] for i in sorted(wanted) if i in by_id])
    views = tuple(
        ClaimView(c, tuple(sorted((seen[i] for i in c.members if i in seen), key=_first_seen)))
        for c in listed
    )
    outlets = Counter(s.outlet for view in views for s in view.seen)
    counts = store.counts()
    return Report(
        name=name,
        articles=counts["articles"],
        quotes=len(occurrences),
        claims_in_store=len(claims),
        min_outlets=min_outlets,
        claims=views,
        speakers=_speakers(occurrences, views),
        outlets=tuple(sorted(outlets, key=lambda o: (-outlets[o], o))),
    )


def _seen(store: Store, members: Sequence[Occurrence]) -> dict[int, Seen]:
    """Each occurrence with its article's address and its sentence, by occurrence id."""
    ids = store.quote_ids()
    wanted = {o.id for o in members}
    spans: dict[int, tuple[int, int, int, int, str]] = {}
    for row in store.quote_rows():
        if row["kind"] == QUOTE:
            quote = ids.get((str(row["article"]), int(row["start"])))  # type: ignore[arg-type]
            if quote in wanted:
                spans[quote] = (int(row["start"]), int(row["end"]), int(row["open_start"]),  # type: ignore[arg-type]
                                int(row["close_end"]), str(row["url"] or ""))  # type: ignore[arg-type]
    texts: dict[str, str] = {}
    found = {}
    for o in members:
        if o.id not in spans:
            continue
        if o.article not in texts:
            article = store.article(o.article)
            texts[o.article] = article.text if article else ""
        start, end, open_start, close_end, url = spans[o.id]
        before, after = sentence_around(texts[o.article], start, end, open_start, close_end)
        found[o.id] = Seen(o.id, o.article, o.outlet, o.published, o.order, o.title, url, o.speaker,
                           o.text, before, after)
    return found


def sentence_around(text: str, start: int, end: int, open_start: int, close_end: int) -> tuple[str, str]:
    """The words of the sentence before ``text[start:end]`` and after it, each cut at
    CONTEXT characters beyond the quote marks (with an ellipsis) when no sentence bound is nearer."""
    low = max(0, open_start - CONTEXT)
    left = low
    for bound in SENTENCE_END.finditer(text, low, open_start):
        left = bound.end()
    before = text[left:start].lstrip()
    if left == low and low > 0:
        before = ELLIPSIS + before
    if text[start:end].rstrip().endswith("."):  # the quote's own full stop ends the sentence
        return before, text[end:close_end]
    high = min(len(text), close_end + CONTEXT)
    bound = SENTENCE_END.search(text, close_end, high)
    after = text[end : bound.end() if bound else high].rstrip()
    if bound is None and high < len(text):
        after += ELLIPSIS
    return before, after


def _speakers(occurrences: Sequence[Occurrence], views: Sequence[ClaimView]) -> tuple[SpeakerView, ...]:
    # counted as `quotes speakers` counts them: quotes and distinct outlets per corpus-wide name
    quotes: Counter[str] = Counter()
    outlets: dict[str, set[str]] = {}
    for o in occurrences:
        if o.speaker:
            quotes[o.speaker] += 1
            outlets.setdefault(o.speaker, set()).add(o.outlet)
    claims: dict[str, list[int]] = {}
    for view in views:
        for speaker, _ in view.claim.speakers:
            claims.setdefault(speaker, []).append(view.claim.id)
    ranked = sorted(quotes.items(), key=lambda item: (-item[1], item[0]))
    return tuple(SpeakerView(n, count, len(outlets[n]), tuple(claims.get(n, ()))) for n, count in ranked)


def _first_seen(seen: Seen) -> tuple[str, int, int]:
    # as quotes.claims orders members: dated articles by date, then undated ones as added
    return (seen.published or "9999", seen.order, seen.id)
