"""Clustering, stage 1 (exact text): quote occurrences -> nodes, one per distinct text.

Every distinct normalised text of four words or more is a node holding all its occurrences.
A text of five words or fewer (``SHORT_TEXT_WORDS``) is split by speaker and occasion, being
as often a stock phrase ("boots on the ground") as a quote; a fragment of one to three words
("chaos") with a doubtful speaker stays alone. Texts of nothing but punctuation each stay
alone (``fragment_groups``). The later stages (``quotes.containment``, ``quotes.neighbours``)
link nodes; ``quotes.cluster`` merges them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator, Sequence

from quotes.similarity import FRAGMENT_WORDS, doubtful_speaker, same_speaker, tokens, trusted_speakers, words
from quotes.types import Occurrence

# A text this short is as often a stock phrase as someone's words: "boots on the ground" was
# credited to Obama and to Kasich, "state of the union" and "too big to fail" were merged into
# unrelated quotes containing them. It joins another text, identical or not, only when both
# have the same known speaker.
SHORT_TEXT_WORDS = 5
# A short text is one utterance only where it is reported within this many days (when both
# dates are known): one speaker's stock phrase comes back on later occasions ("radical Islamic
# terrorism" in December and June, "a total disaster" in December and March), a report of one
# remark comes within days. A reworded variant (not word for word) is held to it too. Where
# every credit on both sides is one trusted person, ``REPEAT_DAYS`` applies instead.
OCCASION_DAYS = 14
# One speaker's single sentence reported more than this many days apart is a line said again on
# another occasion (``quotes.cluster.repeated_line``); within it, a short text (not a fragment)
# credited to that one person on both sides is one occasion. Of the hand-labelled PolNeAR pairs
# of one sentence credited to one person on both sides, the same remark quoted again came 19,
# 20, 23 and 28 days later (and once 161, in an article that quotes a long passage of the same
# interview again: ``quotes.cluster.Merger._one_report``), a line said again 33 and 198 days later.
REPEAT_DAYS = 30


@dataclass(frozen=True, slots=True)
class Node:
    key: str  # normalised text
    written: int  # its number of words as written
    words: tuple[str, ...]  # for matching: contractions spelled out
    starts: tuple[int, ...]  # offset in key of the written word each of ``words`` comes from
    speakers: tuple[str, ...] = ()  # distinct known speakers of its occurrences
    ids: tuple[int, ...] = ()
    days: tuple[int, ...] = ()  # distinct publication days of its occurrences (date ordinals)
    articles: tuple[str, ...] = ()  # distinct articles of its occurrences, sorted


def fragment_groups(keyed: Iterable[tuple[Occurrence, str]]) -> Iterator[list[int]]:
    """Texts of nothing but punctuation, each alone."""
    for occurrence, key in sorted(keyed, key=lambda pair: pair[0].id):
        if not key:
            yield [occurrence.id]


def by_speaker(members: Sequence[Occurrence], *, fragment: bool = False) -> Iterator[list[Occurrence]]:
    """Occurrences of one short text in groups whose trusted speakers are all the same person
    and whose dates are one occasion (``OCCASION_DAYS``; ``REPEAT_DAYS`` where, not a fragment,
    all are credited to that one trusted person), first fit; a doubtful speaker ("the rally")
    goes with the first group it fits; each occurrence without a speaker alone, and a
    fragment's with a doubtful speaker too."""
    groups: list[list[Occurrence]] = []
    for occurrence in members:
        if not occurrence.speaker or (fragment and doubtful_speaker(occurrence.speaker)):
            yield [occurrence]
            continue
        trusted = trusted_speakers([occurrence.speaker])
        for group in groups:
            credited = trusted_speakers(o.speaker for o in group)
            one_person_only = not fragment and bool(trusted) and len(credited) == len(group)
            if (not trusted or all(same_speaker(occurrence.speaker, name) for name in credited)) and \
                    same_occasion(days_of([occurrence]), days_of(group),
                                  REPEAT_DAYS if one_person_only else OCCASION_DAYS):
                group.append(occurrence)
                break
        else:
            groups.append([occurrence])
    yield from groups


def days_of(members: Iterable[Occurrence]) -> tuple[int, ...]:
    """The distinct publication days of ``members`` (ISO dates), as ordinals; undated ones left out."""
    days = set()
    for occurrence in members:
        try:
            days.add(date.fromisoformat(occurrence.published[:10]).toordinal())
        except ValueError:
            pass
    return tuple(sorted(days))


def same_occasion(a: Sequence[int], b: Sequence[int], days: int = OCCASION_DAYS) -> bool:
    """Whether two sets of publication days may report one occasion: some pair within
    ``days``, or either side undated."""
    return not a or not b or any(abs(x - y) <= days for x in a for y in b)


def one_person(a: Node, b: Node) -> bool:
    """Whether both nodes are credited, and every speaker credited on either is one trusted person."""
    people = trusted_speakers(a.speakers) + trusted_speakers(b.speakers)
    if len(people) != len(a.speakers) + len(b.speakers) or not a.speakers or not b.speakers:
        return False
    return all(same_speaker(people[0], name) for name in people[1:])


def nodes_of(keyed: Iterable[tuple[Occurrence, str]]) -> list[Node]:
    """A node per distinct normalised text; a short text (``SHORT_TEXT_WORDS``, fragments
    included) is split by speaker (``by_speaker``). Sorted by text, then first id."""
    by_key: dict[str, list[Occurrence]] = {}
    matched: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}  # key -> tokens(key), once per text
    for occurrence, key in sorted(keyed, key=lambda pair: pair[0].id):
        if key not in matched:
            matched[key] = tokens(key) if key else ((), ())
        if matched[key][0]:
            by_key.setdefault(key, []).append(occurrence)
    nodes = []
    for key, members in by_key.items():
        written, (matching, starts) = len(words(key)), matched[key]
        parts = by_speaker(members, fragment=written <= FRAGMENT_WORDS) if written <= SHORT_TEXT_WORDS else [members]
        for part in parts:
            speakers = tuple(sorted({o.speaker for o in part if o.speaker}))
            nodes.append(Node(key, written, matching, starts, speakers, tuple(o.id for o in part), days_of(part),
                              tuple(sorted({o.article for o in part}))))
    return sorted(nodes, key=lambda node: (node.key, node.ids[0]))
