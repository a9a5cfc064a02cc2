"""Clusters of occurrences -> claims: who said it, where, when first and last, in which words."""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from typing import Iterable, Mapping, Sequence

import regex

from quotes.types import Claim, Occurrence, Variant

ALTERED = "altered"  # the wording differs beyond punctuation and trimming
CONFLICTING = "conflicting-speakers"  # outlets credit different people

# A word for comparing wordings: punctuation and case do not count.
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")


def build_claims(occurrences: Iterable[Occurrence], clusters: Mapping[int, Sequence[int]]) -> list[Claim]:
    """One claim per cluster, in cluster id order."""
    by_id = {occurrence.id: occurrence for occurrence in occurrences}
    claims = []
    for cluster_id in sorted(clusters):
        members = [by_id[i] for i in clusters[cluster_id] if i in by_id]
        if members:
            claims.append(make_claim(cluster_id, members))
    return claims


def make_claim(claim_id: int, members: Sequence[Occurrence]) -> Claim:
    members = sorted(members, key=_seen)
    speakers = Counter(m.speaker for m in members if m.speaker)
    ranked = tuple(sorted(speakers.items(), key=lambda item: (-item[1], item[0])))
    wordings = Counter(_key(m.text) for m in members)
    # the representative: the most repeated wording, the earliest seen among equals
    representative = next(m.text for m in members if _key(m.text) == wordings.most_common(1)[0][0])
    variants = _variants(representative, members)
    outlets = tuple(dict.fromkeys(m.outlet for m in members))
    flags = []
    if any(not _trimmed(_words(v.text), _words(representative)) for v in variants):
        flags.append(ALTERED)
    if len(speakers) > 1:
        flags.append(CONFLICTING)
    return Claim(
        id=claim_id,
        speaker=ranked[0][0] if ranked else "",
        speakers=ranked,
        quote=representative,
        members=tuple(sorted(m.id for m in members)),
        articles=len({m.article for m in members}),
        outlets=outlets,
        first_seen=_when(members[0]),
        last_seen=_when(members[-1]),
        variants=variants,
        flags=tuple(flags),
    )


def word_diff(base: str, other: str) -> str:
    """The word-level changes from ``base`` to ``other``, with a word of context on each:
    "military field → military sphere"; "" when only punctuation or case differ."""
    a, b = _words(base), _words(other)
    changes = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=[w.casefold() for w in a], b=[w.casefold() for w in b],
                                              autojunk=False).get_opcodes():
        if op == "equal":
            continue
        left = a[i1 - 1 : i1] if i1 > 0 else []
        right = a[i2 : i2 + 1] if not left and i2 < len(a) else []
        old = " ".join(left + a[i1:i2] + right) or "∅"
        new = " ".join(left + b[j1:j2] + right) or "∅"
        changes.append(f"{old} → {new}")
    return "; ".join(changes)


def _variants(representative: str, members: Sequence[Occurrence]) -> tuple[Variant, ...]:
    counts = Counter(_key(m.text) for m in members)
    first_text = {}
    for m in members:
        first_text.setdefault(_key(m.text), m.text)
    ordered = sorted(counts, key=lambda key: (key != _key(representative), -counts[key], key))
    return tuple(Variant(first_text[k], word_diff(representative, first_text[k]), counts[k]) for k in ordered)


def _trimmed(words: list[str], whole: list[str]) -> bool:
    """True when ``words`` is ``whole`` or a stretch of it (or the other way round)."""
    small, big = (words, whole) if len(words) <= len(whole) else (whole, words)
    small, big = [w.casefold() for w in small], [w.casefold() for w in big]
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _key(text: str) -> str:
    return " ".join(_words(text)).casefold()


def _seen(occurrence: Occurrence) -> tuple[str, int, int]:
    # dated articles in date order, then undated ones in the order they were added
    return (occurrence.published or "9999", occurrence.order, occurrence.id)


def _when(occurrence: Occurrence) -> str:
    return occurrence.published or f"#{occurrence.order}"
