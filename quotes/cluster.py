"""Quote occurrences + vectors -> groups of occurrences of the same utterance.

Texts are compared on a normalised copy (``normalise``). A short text in title case ("Good
Morning America") is a name, not someone's words, and stays alone. Fragments (one to three
words: "chaos", "an important partner") group only with the same text *and* the same known
speaker. Every distinct longer text is a node holding all its occurrences (stage 1, exact
text); a text of four or five words is split by speaker the same way, being as often a stock
phrase ("boots on the ground") as a quote (``quotes.nodes``). Nodes are joined by union-find,
cheapest evidence first:

2. containment: a text found word for word inside a longer one (a partial quote), when the
   speakers agree or one is unknown (a text of five words or fewer needs the same known
   speaker on both sides). A text inside several longer texts that are not one utterance is
   ambiguous and joins none; a text inside inner quote marks of the longer one ("he said,
   'trust me'") is someone else's words and never joins it, unless another report of the
   passage, credited to the same person, prints it without the marks (``quotes.containment``);
3. embeddings: each node's nearest neighbours by cosine (exact inner-product search up to
   ``EXACT_SEARCH_MAX`` texts, HNSW above; never all pairs: ``quotes.neighbours``), and
   every pair sharing a rare run of four words. A candidate becomes an edge when
   the shorter text is found in order in the longer one with a word changed (a trimmed quote
   in another wording), or when both are of comparable length and near in meaning.

A merge is verified first. It is refused when the texts differ in negation or in numbers
(cosine scores "X is the biggest threat" and "X is not the biggest threat" at 0.93), or when
both have known speakers, no speaker in common (same surname, leniently) and the texts are
not near-identical, or when one speaker's single sentence is reported a month apart or more
(a line said again on another occasion: ``repeated_line``), unless an article of each side
holds one long passage of that person's word for word (the later one quoting the same
occasion again). Single-link union-find would chain unrelated quotes through
intermediates (A~B~C with A and C unrelated), so a merge is complete-link: every pair of
texts across the two groups must be related (one inside the other, both inside a third in
the group, or a looser cosine or in-order overlap than an edge needs) and pass the
verification. How two texts relate word for word is ``quotes.relations``; this module holds
the merging and its verification.

Cosine alone cannot tell antonyms apart ("stronger than ever" / "weaker than ever": 0.93);
a same-speaker pair like that is merged. One speaker's stock phrase used on two occasions
("radical Islamic terrorism") is grouped as one. Thresholds were tuned on the two seed
articles and on PolNeAR train + dev (9,529 quotes, 7,706 distinct texts of four words or
more); each constant says what was seen, and ``benchmarks/reuse.py`` records a hand-checked
precision. Nodes are sorted by text and edges processed in a fixed order, so the result
depends only on the input, not on its order.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np

from quotes.containment import (  # re-exported: quotes.spark.cluster links texts by the same rules
    FRAGMENT_CONTAINMENT_WORDS,
    RARE_RUN_TEXTS,
    containers,
    find_words,
    rare_run_pairs,
)
from quotes.neighbours import CANDIDATE_COSINE, neighbour_pairs
from quotes.nodes import REPEAT_DAYS, SHORT_TEXT_WORDS, Node, fragment_groups, nodes_of, one_person, same_occasion
from quotes.relations import FUZZY_OVERLAP, LINK_COSINE, LINK_OVERLAP, OVERLAP_WORDS, Relation, relate
from quotes.similarity import (
    FRAGMENT_WORDS,
    is_one_sentence,
    is_title,
    negation_count,
    normalise,
    numbers_in,
    same_speaker,
    speakers_agree,
    trusted_speakers,
    words_differ,
)
from quotes.types import Occurrence

__all__ = ["CANDIDATE_COSINE", "FRAGMENT_CONTAINMENT_WORDS", "RARE_RUN_TEXTS", "Merger", "Passages", "cluster",
           "cluster_with", "find_words", "shared_passages"]

# --- thresholds ------------------------------------------------------------------------------
# Counts below are from reading every PolNeAR train + dev pair of distinct texts at cosine 0.75
# or more (207 pairs); "one utterance" is my reading of the two texts and their speakers.

# Two texts of comparable length at this cosine or more are one utterance. Of 48 such pairs at
# 0.90 or more, 41 were ("we're going to build a wall" / "we are going to build a wall") and
# the verification refuses the other 7 (other speakers; "everything" / "nothing to do with
# Islam"). Between 0.85 and 0.90, pairs not related word for word were one utterance 2 times
# in 5. The seeds' "...in the military field" / "...in the military sphere" is 0.968; the
# press release and Shoigu's proposal are 0.73.
SIMILAR_COSINE = 0.90
MIN_LENGTH_RATIO = 0.6  # comparable length: the shorter has at least this share of the longer's words
# A text found word for word in another is the same words even when the two are credited to
# different people (a misattribution, flagged on the claim) from this many words on; shorter,
# it is as often two people using one phrase ("temperamentally unfit to be commander in chief").
MISATTRIBUTED_WORDS = 8
# Near-identical texts may carry different speakers (one quote credited differently by two
# outlets: "we have come a long way in the last nine months" / "...a pretty long way...").
NEAR_IDENTICAL_COSINE = 0.97
NEAR_IDENTICAL_JACCARD = 0.9  # on the sets of words


# article -> (the articles, the person) of each long passage it prints that another article
# prints word for word, credited to one person (``shared_passages``).
Passages = Mapping[str, Sequence[tuple[tuple[str, ...], str]]]


def cluster(
    occurrences: Sequence[Occurrence], vectors: Mapping[str, np.ndarray], passages: Passages | None = None
) -> list[tuple[int, ...]]:
    """Group occurrences of the same utterance.

    ``vectors`` maps ``normalise(text)`` to its embedding; texts without one are grouped by
    the lexical stages only. ``passages``: ``shared_passages`` of a larger corpus these
    occurrences are part of (Spark clusters one linked set of texts at a time); by default,
    those of ``occurrences``. Returns groups of ``Occurrence.id`` covering every occurrence
    once, singletons included: ids sorted within a group, groups by their smallest id.
    """
    return cluster_with(occurrences, vectors, Merger, passages)


def cluster_with(
    occurrences: Sequence[Occurrence], vectors: Mapping[str, np.ndarray], merger: type[Merger],
    passages: Passages | None = None,
) -> list[tuple[int, ...]]:
    """``cluster`` with another ``Merger`` (a benchmark's baseline search)."""
    groups = [[o.id] for o in occurrences if is_title(o.text)]
    keyed = [(o, normalise(o.text)) for o in occurrences if not is_title(o.text)]
    groups.extend(fragment_groups(keyed))
    nodes = nodes_of(keyed)
    if nodes:
        merging = merger(nodes, vectors, passages)
        merging.run()
        groups.extend(merging.groups())
    return sorted((tuple(sorted(group)) for group in groups), key=lambda group: group[0])


def shared_passages(nodes: Iterable[Node]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The ``Passages`` of these nodes: texts of ``MISATTRIBUTED_WORDS`` or more printed by two
    articles or more, every credit on them one trusted person (``Merger._one_report``)."""
    found: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for node in nodes:
        if len(node.words) >= MISATTRIBUTED_WORDS and len(node.articles) > 1 and one_person(node, node):
            for article in node.articles:
                found.setdefault(article, []).append((node.articles, node.speakers[0]))
    return found


def repeated_line(short: Node, long: Node) -> bool:
    """Whether two texts are one speaker's line said on two occasions, not one remark quoted
    twice: every speaker credited on both sides is one trusted person, the shorter text is a
    single sentence, and no two of their dates are within ``REPEAT_DAYS`` of each other (both
    dated).

    A candidate repeats a sentence from one rally or interview to the next ("We're going to
    build a wall," in February and in August; the "Trojan horse" line at two rallies weeks
    apart), and the same words with the same speaker cannot tell the occasions apart; a
    remark quoted again weeks later is more often credited to nobody on one side, or
    quoted with the sentences around it. A longer passage of several sentences said again
    word for word is rare, so it is left to the other rules."""
    if not one_person(short, long):
        return False
    return not same_occasion(short.days, long.days, REPEAT_DAYS) and is_one_sentence(short.key)


class Merger:
    """Union-find over nodes, with every merge checked against both groups' members."""

    def __init__(self, nodes: list[Node], vectors: Mapping[str, np.ndarray], passages: Passages | None = None) -> None:
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
        self.containers = containers(nodes)
        self.relations: dict[tuple[int, int], Relation] = {}
        self.pieces: dict[int, list[tuple[int, int]]] | None = None  # built on first use (_found_words)
        self.passages = passages  # given (cluster), or built on first use (_one_report)
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
        return self.neighbour_pairs() | rare_run_pairs(self.nodes)

    def neighbour_pairs(self) -> set[tuple[int, int]]:
        """Node pairs (a < b) among each node's nearest neighbours, at ``CANDIDATE_COSINE`` or more."""
        return neighbour_pairs(self.matrix, self.has_vector)

    def _embedding_edges(self) -> list[tuple[float, int, int]]:
        edges = []
        for a, b in self.candidate_pairs():
            relation = self._relation(a, b)
            short, long = self.nodes[relation.short], self.nodes[relation.long]
            comparable = len(short.words) >= MIN_LENGTH_RATIO * len(long.words)
            similar = relation.cosine >= SIMILAR_COSINE and comparable
            if similar or (relation.related(len(short.words)) and self._speakers_allow(relation)):
                edges.append((relation.cosine, a, b))
        return sorted(edges, key=lambda e: (-e[0], e[1], e[2]))

    def _speakers_allow(self, relation: Relation) -> bool:
        """Trusted speakers agree, or one side has none, or the texts are near-identical; a
        text of ``MISATTRIBUTED_WORDS`` found word for word in another (counting the piece of
        its quotation beside it, ``_found_words``) is the same words, whoever is credited (a
        misattribution, flagged on the claim). With a short text on
        either side, both must have a speaker, one of them trusted (a fragment's own), no
        trusted ones that differ, and dates of one occasion (for a text that is not a fragment
        credited to one person on both sides, within ``REPEAT_DAYS``); or, not a fragment, be the same
        words as a trusted speaker's on the other side, or with no speaker on either side,
        both dated, of one occasion. A reworded variant's dates must be of one occasion too.
        One speaker's line said again (``repeated_line``) is refused first."""
        short, long = self.nodes[relation.short], self.nodes[relation.long]
        if repeated_line(short, long) and not self._one_report(short, long):
            return False
        if relation.contained and self._found_words(relation) >= MISATTRIBUTED_WORDS:
            return True
        agree = speakers_agree(short.speakers, long.speakers)
        if min(short.written, long.written) <= SHORT_TEXT_WORDS:
            trusted = trusted_speakers(short.speakers) or trusted_speakers(long.speakers)
            if short.written <= FRAGMENT_WORDS:  # a fragment is nobody's words but a trusted speaker's
                return agree and bool(trusted_speakers(short.speakers) and long.speakers) and \
                    same_occasion(short.days, long.days)
            if not (short.speakers and long.speakers):
                # Credited on one side only, or on neither: the same words, reported in the
                # same fortnight (both dated) as a named speaker's, or with nobody credited
                # anywhere to tell them apart ("not a natural politician," in an uncredited
                # fuller quote of the week before; a doubtful speaker still refuses).
                same_words = relation.contained or (relation.overlap == 1 and len(short.words) == len(long.words))
                credited = bool(trusted) or not (short.speakers or long.speakers)
                return same_words and credited and bool(short.days and long.days) and \
                    same_occasion(short.days, long.days)
            if one_person(short, long):  # the credit ties them: one speaker's window
                return same_occasion(short.days, long.days, REPEAT_DAYS)
            return agree and bool(trusted) and same_occasion(short.days, long.days)
        if not relation.trimmed(FUZZY_OVERLAP) and not relation.excerpts and relation.cosine < SIMILAR_COSINE:
            agree = agree and same_occasion(short.days, long.days)  # reworded: one occasion too
        return agree or self._near_identical(relation)

    def _one_report(self, short: Node, long: Node) -> bool:
        """Whether an article of each text also holds one and the same passage of
        ``MISATTRIBUTED_WORDS`` or more, credited to the same one person: the later article
        reports the earlier occasion (a retrospective quoting an interview again), so its
        other lines of that person's are that occasion's, not lines said again. That passage
        is one claim already (exact text); this keeps the pair beside it with it. On PolNeAR
        train + dev it changes one claim, a labelled pair of the pair set (a July list of
        remarks quoting Calderon's February interview again), and joins no different pair;
        the risk is a stump speech whose long line two reports months apart both print, and
        which holds another of that person's lines in both."""
        if self.passages is None:
            self.passages = shared_passages(self.nodes)
        speaker = trusted_speakers(short.speakers)[0]
        return any(
            a in articles and b in articles and same_speaker(person, speaker)
            for a in short.articles if a not in long.articles
            for articles, person in self.passages.get(a, ())
            for b in long.articles if b != a
        )

    def _found_words(self, relation: Relation) -> int:
        """How many words of the short text's quotation are found word for word in the long
        text: the short text's own, with those of the piece of the same quotation that one
        of its articles prints on the other side of the attribution ('"I love it," she said,
        "I will never leave"'), where that piece, credited alike, is found right beside it
        in the long text. The attribution cuts one quotation in two rows, not the words."""
        short = self.nodes[relation.short]
        if not short.speakers or len(short.words) >= MISATTRIBUTED_WORDS:
            return len(short.words)
        if self.pieces is None:  # long -> the texts found in it outside inner marks, with where
            self.pieces = {}
            for piece, found in self.containers.items():
                for long, containment in found.items():
                    if not containment.nested:
                        self.pieces.setdefault(long, []).append((piece, containment.start))
        beside = [
            len(self.nodes[piece].words)
            for piece, start in self.pieces.get(relation.long, ())
            if start in (relation.end, relation.start - len(self.nodes[piece].words))
            and self.nodes[piece].speakers == short.speakers and set(self.nodes[piece].articles) & set(short.articles)
        ]
        return len(short.words) + max(beside, default=0)

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
        if self._carried(x, y, group) or self._carried(y, x, group):
            # A piece of a member, found in it word for word and checked against it: only
            # speakers that differ tell it from the member's other texts.
            return speakers_agree(short.speakers, long.speakers)
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

    def _carried(self, x: int, y: int, group: set[int]) -> bool:
        """Whether x's text is found word for word in another member z of ``group`` (not y, not
        inside inner quote marks there): its words are z's, and z's place in the group is
        verified pair by pair as x's is."""
        found = self.containers.get(x)
        return bool(found) and any(
            z in found and z != y and not found[z].nested and (x, z) not in self.blocked for z in group
        )

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

    def _near_identical(self, relation: Relation) -> bool:
        a, b = set(self.nodes[relation.short].words), set(self.nodes[relation.long].words)
        jaccard = len(a & b) / len(a | b)
        return relation.cosine >= NEAR_IDENTICAL_COSINE or jaccard >= NEAR_IDENTICAL_JACCARD

    def _relation(self, a: int, b: int) -> Relation:
        pair = (min(a, b), max(a, b))
        if pair in self.relations:
            return self.relations[pair]
        short, long = sorted(pair, key=lambda i: (len(self.nodes[i].words), i))
        embedded = self.has_vector[short] and self.has_vector[long]
        cosine = float(self.matrix[short] @ self.matrix[long]) if embedded else 0.0
        relation = relate(short, long, self.nodes[short], self.nodes[long], cosine,
                          self.containers.get(short, {}).get(long))
        self.relations[pair] = relation
        return relation
