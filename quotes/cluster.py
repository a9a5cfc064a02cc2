"""Quote occurrences + vectors -> groups of occurrences of the same utterance.

Texts are compared on a normalised copy (``normalise``). A short text in title case ("Good
Morning America") is a name, not someone's words, and stays alone. Fragments (one to three
words: "chaos", "an important partner") group only with the same text *and* the same known
speaker. Every distinct longer text is a node holding all its occurrences (stage 1, exact
text); a text of four or five words is split by speaker the same way, being as often a stock
phrase ("boots on the ground") as a quote. Nodes are joined by union-find, cheapest evidence
first:

2. containment: a text found word for word inside a longer one (a partial quote), when the
   speakers agree or one is unknown (a text of five words or fewer needs the same known
   speaker on both sides). A text inside several longer texts that are not one utterance is
   ambiguous and joins none; a text inside inner quote marks of the longer one ("he said,
   'trust me'") is someone else's words and never joins it;
3. embeddings: each node's nearest neighbours by cosine (exact inner-product search up to
   ``EXACT_SEARCH_MAX`` texts, HNSW above; never all pairs). A neighbour becomes an edge when
   the shorter text is found in order in the longer one with a word changed (a trimmed quote
   in another wording), or when both are of comparable length and near in meaning.

A merge is verified first. It is refused when the texts differ in negation or in numbers
(cosine scores "X is the biggest threat" and "X is not the biggest threat" at 0.93), or when
both have known speakers, no speaker in common (same surname, leniently) and the texts are
not near-identical. Single-link union-find would chain unrelated quotes through
intermediates (A~B~C with A and C unrelated), so a merge is complete-link: every pair of
texts across the two groups must be related (one inside the other, both inside a third in
the group, or a looser cosine or in-order overlap than an edge needs) and pass the
verification.

Cosine alone cannot tell antonyms apart ("stronger than ever" / "weaker than ever": 0.93);
a same-speaker pair like that is merged. One speaker's stock phrase used on two occasions
("radical Islamic terrorism") is grouped as one. Thresholds were tuned on the two seed
articles and on PolNeAR train + dev (9,529 quotes, 7,706 distinct texts of four words or
more); each constant says what was seen, and ``benchmarks/reuse.py`` records a hand-checked
precision. Nodes are sorted by text and edges processed in a fixed order, so the result
depends only on the input, not on its order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np

from quotes.similarity import (
    FRAGMENT_WORDS,
    INNER_CLOSING,
    INNER_OPENING,
    is_fragment,
    is_title,
    negation_count,
    normalise,
    numbers_in,
    doubtful_speaker,
    same_speaker,
    segments,
    SENTENCE_END_BEFORE,
    speakers_agree,
    tokens,
    trusted_speakers,
    words,
    words_differ,
)
from quotes.types import Occurrence

# --- thresholds ------------------------------------------------------------------------------
# Counts below are from reading every PolNeAR train + dev pair of distinct texts at cosine 0.75
# or more (207 pairs); "one utterance" is my reading of the two texts and their speakers.

# Nearest neighbours looked at per text. PolNeAR's largest group holds 5 distinct texts, and
# every pair at 0.75 or more is among each side's 4 nearest.
NEIGHBOURS = 10
# Below this cosine a neighbour is never an edge: of 15 pairs sampled at 0.75-0.80, 9 were a
# partial quote and its fuller version, 6 unrelated quotes on one topic. Partial quotes further
# apart in meaning are still found, word for word, by containment.
CANDIDATE_COSINE = 0.75
# Two texts of comparable length at this cosine or more are one utterance. Of 48 such pairs at
# 0.90 or more, 41 were ("we're going to build a wall" / "we are going to build a wall") and
# the verification refuses the other 7 (other speakers; "everything" / "nothing to do with
# Islam"). Between 0.85 and 0.90, pairs not related word for word were one utterance 2 times
# in 5. The seeds' "...in the military field" / "...in the military sphere" is 0.968; the
# press release and Shoigu's proposal are 0.73.
SIMILAR_COSINE = 0.90
MIN_LENGTH_RATIO = 0.6  # comparable length: the shorter has at least this share of the longer's words
# A trimmed quote in another wording: this share of the shorter text's words are found, in
# order, in the longer. The 22 pairs at 0.9 or more that pass the verification are all one
# utterance; at 0.75-0.9, 9 of 17 are not ("make America great again" / "make America whole
# again", "says it like it is" / "tell it like it is").
FUZZY_OVERLAP = 0.9
# ...and the stretch of the longer text they are found in holds at most this share of other
# words (scattered matches are another sentence sharing common words).
MAX_WINDOW_GAP = 0.25
# A text this short is as often a stock phrase as someone's words: "boots on the ground" was
# credited to Obama and to Kasich, "state of the union" and "too big to fail" were merged into
# unrelated quotes containing them. It joins another text, identical or not, only when both
# have the same known speaker.
SHORT_TEXT_WORDS = 5
# Two excerpts of one statement that overlap without either containing the other: the words
# one ends with are the words the other opens with (or one's whole stretch between two
# elisions is found in the other), at least this many of them.
OVERLAP_WORDS = 6
# A reworded variant, trimmed or not: runs of at least ``REWORDED_RUN`` words found in order
# in the longer text hold at least ``REWORDED_WORDS`` words and ``REWORDED_SHARE`` of the
# shorter's, and the two are this near in meaning.
REWORDED_RUN = 3
REWORDED_WORDS = 8
REWORDED_SHARE = 0.5
REWORDED_COSINE = 0.7
# Words the long text has between two matched stretches from which on they are an aside or
# an elided passage, not a word slipped in: a negation there does not turn the statement
# round ("there has never been ... - not me, not Bill, nobody - more qualified" /
# "there has never been ... more qualified"), as a lone "not" does.
ASIDE_WORDS = 3
# A run of four words shared by at most this many texts makes each pair of them a candidate,
# whatever their cosine: a reworded quote's vector may lie further than the trimmed one's.
# A run shared by more is a stock phrase ("make America great again").
RARE_RUN_TEXTS = 8
# A fragment of this many words or more is looked for inside longer texts ("mind is shot" in
# "Her mind is shot!"); a single word ("outrageous") never is.
FRAGMENT_CONTAINMENT_WORDS = 2
# A short text is one utterance only where it is reported within this many days (when both
# dates are known): one speaker's stock phrase comes back on later occasions ("radical Islamic
# terrorism" in December and June, "a total disaster" in December and March), a report of one
# remark comes within days. A reworded variant (not word for word) is held to it too.
OCCASION_DAYS = 14
# A text found word for word in another is the same words even when the two are credited to
# different people (a misattribution, flagged on the claim) from this many words on; shorter,
# it is as often two people using one phrase ("temperamentally unfit to be commander in chief").
MISATTRIBUTED_WORDS = 8
# What the complete-link check asks of each pair across two groups, less than of an edge.
LINK_COSINE = 0.85
LINK_OVERLAP = 0.75
# Near-identical texts may carry different speakers (one quote credited differently by two
# outlets: "we have come a long way in the last nine months" / "...a pretty long way...").
NEAR_IDENTICAL_COSINE = 0.97
NEAR_IDENTICAL_JACCARD = 0.9  # on the sets of words
# Up to this many texts the neighbour search is exact: faiss IndexFlatIP, 0.4 s for 8,000
# texts and 2.2 s for 20,000 on 2 cores (blocked numpy top-k took twice as long), but growing
# with the square: 48 s for 100,000. Above it, HNSW (M=32, efConstruction=40, efSearch=64),
# built on one thread so that the result is repeatable: 32 s for 100,000, still finding every
# pair at 0.8 or more among 100,000 noisy copies of the PolNeAR vectors; even at about 50,000.
EXACT_SEARCH_MAX = 50_000


# --- clustering ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    key: str  # normalised text
    written: int  # its number of words as written
    words: tuple[str, ...]  # for matching: contractions spelled out
    starts: tuple[int, ...]  # offset in key of the written word each of ``words`` comes from
    speakers: tuple[str, ...] = ()  # distinct known speakers of its occurrences
    ids: list[int] = field(default_factory=list)
    days: tuple[int, ...] = ()  # distinct publication days of its occurrences (date ordinals)


@dataclass(frozen=True, slots=True)
class _Relation:
    """How two nodes' texts relate; ``short`` is the one with fewer words."""

    short: int
    long: int
    cosine: float
    overlap: float  # share of the short text's words found, in order, in the long one
    start: int  # [start, end): the stretch of the long text's words they were found in
    end: int
    dense: bool  # that stretch is mostly those words, not a sentence sharing a few
    contained: bool  # found contiguously: the short text is a partial quote of the long one
    excerpts: bool = False  # two excerpts of one statement, overlapping (OVERLAP_WORDS)
    runs: int = 0  # words of the short text in runs of REWORDED_RUN or more found in order in the long
    # negations in the long text's stretch, leaving out those in asides the short one elides
    # (ASIDE_WORDS or more words between two matches: "not me, not Bill, nobody")
    kept_negations: int = 0

    def trimmed(self, overlap: float) -> bool:
        """The short text is the long one cut down, with a word or two changed."""
        return self.contained or (self.overlap >= overlap and self.dense)

    def reworded(self, short_words: int) -> bool:
        """Much of the short text's words in order in the long one, and near in meaning."""
        return (
            self.runs >= REWORDED_WORDS and self.runs >= REWORDED_SHARE * short_words
            and self.cosine >= REWORDED_COSINE
        )

    def linked(self, short_words: int) -> bool:
        """Close enough to stand in one group, given the verification."""
        return (
            self.trimmed(LINK_OVERLAP) or self.cosine >= LINK_COSINE or self.excerpts
            or self.reworded(short_words)
        )


@dataclass(frozen=True, slots=True)
class _Containment:
    start: int  # word index in the longer text
    nested: bool  # inside quote marks there: someone else's words, quoted by the speaker


def cluster(
    occurrences: Sequence[Occurrence], vectors: Mapping[str, np.ndarray]
) -> list[tuple[int, ...]]:
    """Group occurrences of the same utterance.

    ``vectors`` maps ``normalise(text)`` to its embedding; texts without one are grouped by
    the lexical stages only. Returns groups of ``Occurrence.id`` covering every occurrence
    once, singletons included: ids sorted within a group, groups by their smallest id.
    """
    return _cluster(occurrences, vectors, _Merger)


def _cluster(
    occurrences: Sequence[Occurrence], vectors: Mapping[str, np.ndarray], merger: type[_Merger]
) -> list[tuple[int, ...]]:
    groups = [[o.id] for o in occurrences if is_title(o.text)]
    keyed = [(o, normalise(o.text)) for o in occurrences if not is_title(o.text)]
    groups.extend(_fragment_groups(keyed))
    nodes = _nodes(keyed)
    if nodes:
        merging = merger(nodes, vectors)
        merging.run()
        groups.extend(merging.groups())
    return sorted((tuple(sorted(group)) for group in groups), key=lambda group: group[0])


def _fragment_groups(keyed: Iterable[tuple[Occurrence, str]]) -> Iterator[list[int]]:
    """Texts of nothing but punctuation, each alone."""
    for occurrence, key in sorted(keyed, key=lambda pair: pair[0].id):
        if not key:
            yield [occurrence.id]


def _by_speaker(members: Sequence[Occurrence], *, fragment: bool = False) -> Iterator[list[Occurrence]]:
    """Occurrences of one short text in groups whose trusted speakers are all the same person
    and whose dates are one occasion (``OCCASION_DAYS``), first fit; a doubtful speaker ("the
    rally") goes with the first group it fits; each occurrence without a speaker alone, and
    a fragment's with a doubtful speaker too."""
    groups: list[list[Occurrence]] = []
    for occurrence in members:
        if not occurrence.speaker or (fragment and doubtful_speaker(occurrence.speaker)):
            yield [occurrence]
            continue
        trusted = trusted_speakers([occurrence.speaker])
        for group in groups:
            if (not trusted or all(same_speaker(occurrence.speaker, name)
                                   for name in trusted_speakers(o.speaker for o in group))) and \
                    _same_occasion(_days([occurrence]), _days(group)):
                group.append(occurrence)
                break
        else:
            groups.append([occurrence])
    yield from groups


def _days(members: Iterable[Occurrence]) -> tuple[int, ...]:
    """The distinct publication days of ``members`` (ISO dates), as ordinals; undated ones left out."""
    days = set()
    for occurrence in members:
        try:
            days.add(date.fromisoformat(occurrence.published[:10]).toordinal())
        except ValueError:
            pass
    return tuple(sorted(days))


def _same_occasion(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether two sets of publication days may report one occasion: some pair within
    ``OCCASION_DAYS``, or either side undated."""
    return not a or not b or any(abs(x - y) <= OCCASION_DAYS for x in a for y in b)


def _nodes(keyed: Iterable[tuple[Occurrence, str]]) -> list[_Node]:
    """A node per distinct normalised text; a short text (``SHORT_TEXT_WORDS``, fragments
    included) is split by speaker (``_by_speaker``). Sorted by text, then first id."""
    by_key: dict[str, list[Occurrence]] = {}
    for occurrence, key in sorted(keyed, key=lambda pair: pair[0].id):
        if key and tokens(key)[0]:
            by_key.setdefault(key, []).append(occurrence)
    nodes = []
    for key, members in by_key.items():
        written, (matching, starts) = len(words(key)), tokens(key)
        parts = _by_speaker(members, fragment=written <= FRAGMENT_WORDS) if written <= SHORT_TEXT_WORDS else [members]
        for part in parts:
            speakers = tuple(sorted({o.speaker for o in part if o.speaker}))
            nodes.append(_Node(key, written, matching, starts, speakers, [o.id for o in part], _days(part)))
    return sorted(nodes, key=lambda node: (node.key, node.ids[0]))


def _containers(nodes: Sequence[_Node]) -> dict[int, dict[int, _Containment]]:
    """For each node, the longer nodes whose words contain its words contiguously; a fragment
    of fewer than ``FRAGMENT_CONTAINMENT_WORDS`` words has none."""
    gram = FRAGMENT_WORDS + 1  # a fragment's lookup is all its words
    looked_up = [node.words[:gram] if len(node.words) >= FRAGMENT_CONTAINMENT_WORDS else () for node in nodes]
    # Only each node's first gram is looked up: index the positions that hold one of those.
    by_gram: dict[tuple[str, ...], set[int]] = {key: set() for key in looked_up if key}
    sizes = sorted({len(key) for key in by_gram})
    for i, node in enumerate(nodes):
        for size in sizes:
            for start in range(len(node.words) - size + 1):
                found_at = by_gram.get(node.words[start : start + size])
                if found_at is not None:
                    found_at.add(i)
    found: dict[int, dict[int, _Containment]] = {}
    for i, node in enumerate(nodes):
        for j in sorted(by_gram.get(looked_up[i], ())):
            other = nodes[j]
            if len(other.words) <= len(node.words):
                continue
            start = find_words(node.words, other.words)
            if start >= 0:
                nested = _inside_inner_quote(other.key, other.starts[start])
                found.setdefault(i, {})[j] = _Containment(start, nested)
    return found


def _rare_run_pairs(nodes: Sequence[_Node]) -> set[tuple[int, int]]:
    """Node pairs (a < b) sharing a run of four words that at most ``RARE_RUN_TEXTS`` nodes hold."""
    gram = FRAGMENT_WORDS + 1
    holders: dict[tuple[str, ...], set[int]] = {}
    for i, node in enumerate(nodes):
        for start in range(len(node.words) - gram + 1):
            holders.setdefault(node.words[start : start + gram], set()).add(i)
    pairs: set[tuple[int, int]] = set()
    for held in holders.values():
        if 1 < len(held) <= RARE_RUN_TEXTS:
            ordered = sorted(held)
            pairs.update((a, b) for k, a in enumerate(ordered) for b in ordered[k + 1 :])
    return pairs


def find_words(needle: Sequence[str], haystack: Sequence[str]) -> int:
    """Index of the first word of ``needle`` as a contiguous run in ``haystack``, or -1."""
    joined = f" {' '.join(haystack)} "
    position = joined.find(f" {' '.join(needle)} ")
    return -1 if position < 0 else joined.count(" ", 0, position + 1) - 1


def _inside_inner_quote(text: str, offset: int) -> bool:
    """Whether ``offset`` of normalised ``text`` lies between inner quote marks: the speaker
    quoting someone else ("he said, 'trust me'"), whose words are another utterance.

    A mark that opens a sentence and never closes is a quotation running over several
    paragraphs re-opening its next paragraph, not an inner quotation.
    """
    closings = [mark.start() for mark in INNER_CLOSING.finditer(text)]
    opened = 0
    for mark in INNER_OPENING.finditer(text):
        if mark.start() >= offset:
            break
        after_sentence = SENTENCE_END_BEFORE.search(text, 0, mark.start()) is not None
        if not after_sentence or any(c > mark.start() and text[c] == mark[0] for c in closings):
            opened += 1
    return opened > sum(1 for c in closings if c < offset)


class _Merger:
    """Union-find over nodes, with every merge checked against both groups' members."""

    def __init__(self, nodes: list[_Node], vectors: Mapping[str, np.ndarray]) -> None:
        self.nodes = nodes
        self.parent = list(range(len(nodes)))
        self.members: list[list[int]] = [[i] for i in range(len(nodes))]
        self.has_vector = np.array([node.key in vectors for node in nodes])
        dimension = next((len(vectors[n.key]) for n in nodes if n.key in vectors), 1)
        matrix = np.zeros((len(nodes), dimension), dtype=np.float32)
        for i, node in enumerate(nodes):
            if self.has_vector[i]:
                matrix[i] = vectors[node.key]
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        matrix /= np.where(norms > 0, norms, 1)  # in place: one copy of the vectors, not two
        self.matrix = matrix
        self.containers = _containers(nodes)
        self.relations: dict[tuple[int, int], _Relation] = {}
        # Pairs that are never one utterance: a nested quote and its quoting text, and an
        # ambiguous partial quote and each text it is found in.
        self.blocked = {
            (short, long)
            for short, found in self.containers.items()
            for long, containment in found.items()
            if containment.nested
        }

    def run(self) -> None:
        for short, long in self._containment_edges():
            self._merge(short, long)
        for _, a, b in self._embedding_edges():
            self._merge(a, b)

    def groups(self) -> Iterator[list[int]]:
        for root, members in enumerate(self.members):
            if self.parent[root] == root:
                yield [i for node in members for i in self.nodes[node].ids]

    # -- edges --

    def _containment_edges(self) -> list[tuple[int, int]]:
        edges = []
        for short, found in self.containers.items():
            longs = [
                long
                for long, containment in found.items()
                if not containment.nested and self._speakers_allow(self._relation(short, long))
            ]
            if any(not self._linked(a, b) for i, a in enumerate(longs) for b in longs[i + 1 :]):
                self.blocked.update((short, long) for long in found)
                continue
            edges.extend((short, long) for long in longs)
        # Tightest first: a partial quote joins the closest fuller version before others.
        extra_words = {edge: len(self.nodes[edge[1]].words) - len(self.nodes[edge[0]].words) for edge in edges}
        return sorted(edges, key=lambda edge: (extra_words[edge], edge))

    def candidate_pairs(self) -> set[tuple[int, int]]:
        """Node pairs (a < b) that may be one utterance though neither contains the other: near
        in meaning (``neighbour_pairs``) or sharing a rare run of words."""
        return self.neighbour_pairs() | _rare_run_pairs(self.nodes)

    def neighbour_pairs(self) -> set[tuple[int, int]]:
        """Node pairs (a < b) among each node's nearest neighbours, at ``CANDIDATE_COSINE`` or more."""
        indexed = np.flatnonzero(self.has_vector)
        if len(indexed) < 2:
            return set()
        # Every node embedded (the usual case): the matrix itself, not a copy of all of it.
        matrix = self.matrix if len(indexed) == len(self.matrix) else self.matrix[indexed]
        similarities, neighbours = _nearest(matrix, min(NEIGHBOURS + 1, len(indexed)))
        del matrix
        pairs: set[tuple[int, int]] = set()
        for row, (sims, cols) in enumerate(zip(similarities, neighbours)):
            for similarity, col in zip(sims, cols):
                if col >= 0 and col != row and similarity >= CANDIDATE_COSINE:
                    a, b = int(indexed[row]), int(indexed[col])
                    pairs.add((min(a, b), max(a, b)))
        return pairs

    def _embedding_edges(self) -> list[tuple[float, int, int]]:
        edges = []
        for a, b in self.candidate_pairs():
            relation = self._relation(a, b)
            short, long = self.nodes[relation.short], self.nodes[relation.long]
            comparable = len(short.words) >= MIN_LENGTH_RATIO * len(long.words)
            similar = relation.cosine >= SIMILAR_COSINE and comparable
            related = relation.trimmed(FUZZY_OVERLAP) or relation.excerpts or relation.reworded(len(short.words))
            if similar or (related and self._speakers_allow(relation)):
                edges.append((relation.cosine, a, b))
        return sorted(edges, key=lambda e: (-e[0], e[1], e[2]))

    def _speakers_allow(self, relation: _Relation) -> bool:
        """Trusted speakers agree, or one side has none, or the texts are near-identical; a
        text of ``MISATTRIBUTED_WORDS`` found word for word in another is the same words,
        whoever is credited (a misattribution, flagged on the claim). With a short text on
        either side, both must have a speaker, one of them trusted (a fragment's own), no
        trusted ones that differ, and dates of one occasion; or, not a fragment, be the same
        words as a trusted speaker's on the other side, both dated, of one occasion. A
        reworded variant's dates must be of one occasion too."""
        short, long = self.nodes[relation.short], self.nodes[relation.long]
        if relation.contained and len(short.words) >= MISATTRIBUTED_WORDS:
            return True
        agree = speakers_agree(short.speakers, long.speakers)
        if min(short.written, long.written) <= SHORT_TEXT_WORDS:
            trusted = trusted_speakers(short.speakers) or trusted_speakers(long.speakers)
            if short.written <= FRAGMENT_WORDS:  # a fragment is nobody's words but a trusted speaker's
                return agree and bool(trusted_speakers(short.speakers) and long.speakers) and \
                    _same_occasion(short.days, long.days)
            if not (short.speakers and long.speakers):
                # Credited on one side only: the same words, reported in the same fortnight
                # (both dated) as a named speaker's.
                same_words = relation.contained or (relation.overlap == 1 and len(short.words) == len(long.words))
                return same_words and bool(trusted) and bool(short.days and long.days) and \
                    _same_occasion(short.days, long.days)
            return agree and bool(trusted) and _same_occasion(short.days, long.days)
        if not relation.trimmed(FUZZY_OVERLAP) and not relation.excerpts and relation.cosine < SIMILAR_COSINE:
            agree = agree and _same_occasion(short.days, long.days)  # reworded: one occasion too
        return agree or self._near_identical(relation)

    def _linked(self, a: int, b: int) -> bool:
        relation = self._relation(a, b)
        return relation.linked(len(self.nodes[relation.short].words))

    # -- merging --

    def _find(self, node: int) -> int:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def _merge(self, a: int, b: int) -> None:
        root_a, root_b = self._find(a), self._find(b)
        if root_a == root_b:
            return
        group_a, group_b = self.members[root_a], self.members[root_b]
        merged = set(group_a) | set(group_b)
        if not all(self._compatible(x, y, merged) for x in group_a for y in group_b):
            return
        if len(group_a) < len(group_b):
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.members[root_a] = sorted(merged)
        self.members[root_b] = []

    def _compatible(self, x: int, y: int, group: set[int]) -> bool:
        """Whether x and y may stand in one group: linked, and nothing tells them apart."""
        if (x, y) in self.blocked or (y, x) in self.blocked:
            return False
        relation = self._relation(x, y)
        short, long = self.nodes[relation.short], self.nodes[relation.long]
        if not self._speakers_allow(relation):
            return False
        if any(self._piece_of(x, z) and self._piece_of(y, z) for z in group if z != x and z != y):
            return True  # two pieces of one fuller quote, each checked against it
        if self._one_statement(x, y, group):
            return True
        stretch = long.words[relation.start : relation.end]
        # The word before the stretch too: "boots on the ground" in "no boots on the ground".
        before = long.words[max(relation.start - 1, 0) : relation.end]
        negations = negation_count(short.words)
        if relation.contained:
            long_negations = (negation_count(stretch), negation_count(before))
        else:
            ahead = negation_count(long.words[max(relation.start - 1, 0) : relation.start])
            long_negations = (relation.kept_negations, relation.kept_negations + ahead)
        if relation.trimmed(LINK_OVERLAP):
            if negations != long_negations[1]:
                return False
            return relation.contained or numbers_in(short.words) == numbers_in(stretch)
        if relation.excerpts:
            return True  # what they share is the same words; the rest is what each adds
        if relation.cosine >= LINK_COSINE and len(short.words) >= MIN_LENGTH_RATIO * len(long.words):
            return not words_differ(short.words, long.words)
        if relation.reworded(len(short.words)):
            return negations in long_negations and numbers_in(short.words) == numbers_in(stretch)
        return False

    def _part_of(self, x: int, z: int) -> bool:
        """Whether x's text is z's cut down: found in it word for word, or in order with a word
        or two changed (``LINK_OVERLAP``); never a blocked pair."""
        if (x, z) in self.blocked or (z, x) in self.blocked:
            return False
        if z in self.containers.get(x, ()):
            return True
        relation = self._relation(x, z)
        return relation.long == z and relation.trimmed(LINK_OVERLAP)

    def _piece_of(self, x: int, z: int) -> bool:
        """Whether x's text is a piece of the statement z's is from: cut down from it
        (``_part_of``), or an excerpt overlapping it (``OVERLAP_WORDS``)."""
        if self._part_of(x, z):
            return True
        blocked = (x, z) in self.blocked or (z, x) in self.blocked
        return not blocked and self._relation(x, z).excerpts

    def _one_statement(self, x: int, y: int, group: set[int]) -> bool:
        """Whether x and y are joined within ``group`` through other texts by a chain of
        word-for-word links (one text inside another, or two excerpts overlapping): pieces of
        one statement, as a press release's sentences quoted in overlapping stretches are."""
        seen, frontier = {x}, [x]
        while frontier:
            node = frontier.pop()
            for other in group - seen:
                if node == x and other == y:
                    continue  # the pair itself is verified by the caller: a chain needs a third text
                pair = (min(node, other), max(node, other))
                if (node, other) in self.blocked or (other, node) in self.blocked:
                    continue
                inside = other in self.containers.get(node, ()) or node in self.containers.get(other, ())
                if inside or (pair in self.relations or self._may_overlap(node, other)) and self._relation(node, other).excerpts:
                    if other == y:
                        return True
                    seen.add(other)
                    frontier.append(other)
        return False

    def _may_overlap(self, a: int, b: int) -> bool:
        """A cheap bound before the word matching: both at least ``OVERLAP_WORDS`` long."""
        return min(len(self.nodes[a].words), len(self.nodes[b].words)) >= OVERLAP_WORDS

    def _near_identical(self, relation: _Relation) -> bool:
        a, b = set(self.nodes[relation.short].words), set(self.nodes[relation.long].words)
        jaccard = len(a & b) / len(a | b)
        return relation.cosine >= NEAR_IDENTICAL_COSINE or jaccard >= NEAR_IDENTICAL_JACCARD

    def _relation(self, a: int, b: int) -> _Relation:
        pair = (min(a, b), max(a, b))
        if pair in self.relations:
            return self.relations[pair]
        short, long = sorted(pair, key=lambda i: (len(self.nodes[i].words), i))
        short_words, long_words = self.nodes[short].words, self.nodes[long].words
        embedded = self.has_vector[short] and self.has_vector[long]
        cosine = float(self.matrix[short] @ self.matrix[long]) if embedded else 0.0
        containment = self.containers.get(short, {}).get(long)
        if containment is not None:
            start, end = containment.start, containment.start + len(short_words)
            relation = _Relation(short, long, cosine, 1.0, start, end, True, True)
        else:
            matcher = SequenceMatcher(None, short_words, long_words, autojunk=False)
            blocks = [block for block in matcher.get_matching_blocks() if block.size]
            matched = sum(block.size for block in blocks)
            start, end = (blocks[0].b, blocks[-1].b + blocks[-1].size) if blocks else (0, 0)
            dense = end > start and matched >= (1 - MAX_WINDOW_GAP) * (end - start)
            runs = sum(block.size for block in blocks if block.size >= REWORDED_RUN)
            excerpts = _overlapping(self.nodes[short], self.nodes[long], blocks)
            kept: list[str] = []
            for previous, block in zip([None, *blocks], blocks):
                gap = long_words[previous.b + previous.size : block.b] if previous else ()
                kept.extend(gap if len(gap) < ASIDE_WORDS else ())
                kept.extend(long_words[block.b : block.b + block.size])
            relation = _Relation(short, long, cosine, matched / len(short_words), start, end, dense, False,
                                 excerpts, runs, negation_count(kept))
        self.relations[pair] = relation
        return relation


def _overlapping(a: _Node, b: _Node, blocks: Sequence) -> bool:
    """Whether two texts are excerpts of one statement that overlap: ``OVERLAP_WORDS`` or more
    words that end one and open the other (a its ``blocks`` of matches with b), or a whole
    stretch of one between elisions ("... I do. He was the most valuable player. ...") found
    in the other."""
    for block in blocks:
        if block.size >= OVERLAP_WORDS:
            a_end, b_end = block.a + block.size == len(a.words), block.b + block.size == len(b.words)
            if (a_end and block.b == 0) or (block.a == 0 and b_end):
                return True
    for inner, outer in ((a, b), (b, a)):
        pieces = segments(inner.key) if "..." in inner.key or "[" in inner.key else []
        if len(pieces) > 1 and any(len(piece) >= OVERLAP_WORDS and find_words(piece, outer.words) >= 0
                                   for piece in pieces):
            return True
    return False


def _nearest(matrix: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(similarities, indices) of each row's k nearest rows by inner product, itself included."""
    import faiss

    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    if len(matrix) <= EXACT_SEARCH_MAX:
        index = faiss.IndexFlatIP(matrix.shape[1])
        index.add(matrix)
    else:
        index = faiss.IndexHNSWFlat(matrix.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 40
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)  # a multi-threaded build links the graph in a varying order
        try:
            index.add(matrix)
        finally:
            faiss.omp_set_num_threads(threads)
        index.hnsw.efSearch = 64
    return index.search(matrix, k)
