"""How two quote texts relate, word for word and in meaning: what the merge and its
verification (``quotes.cluster``) read of a pair of nodes.

One text may be found inside the other (a partial quote), or in order with a word or two
changed (a trimmed quote in another wording), or the two may be excerpts of one statement
that overlap, or a reworded variant sharing runs of words and near in meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Sequence

from quotes.containment import Containment, find_words
from quotes.nodes import Node
from quotes.similarity import negation_count, segments, tokens, words

# Counts below are from reading every PolNeAR train + dev pair of distinct texts at cosine 0.75
# or more (207 pairs); "one utterance" is my reading of the two texts and their speakers.

# A trimmed quote in another wording: this share of the shorter text's words are found, in
# order, in the longer. The 22 pairs at 0.9 or more that pass the verification are all one
# utterance; at 0.75-0.9, 9 of 17 are not ("make America great again" / "make America whole
# again", "says it like it is" / "tell it like it is").
FUZZY_OVERLAP = 0.9
# ...and the stretch of the longer text they are found in holds at most this share of other
# words (scattered matches are another sentence sharing common words).
MAX_WINDOW_GAP = 0.25
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
# What the complete-link check asks of each pair across two groups, less than of an edge.
LINK_COSINE = 0.85
LINK_OVERLAP = 0.75


@dataclass(frozen=True, slots=True)
class Relation:
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

    def related(self, short_words: int) -> bool:
        """Related word for word closely enough to be an edge (the speakers allowing): trimmed
        (``FUZZY_OVERLAP``), overlapping excerpts, or reworded."""
        return self.trimmed(FUZZY_OVERLAP) or self.excerpts or self.reworded(short_words)

    def may_be_related(self, short_words: int) -> bool:
        """``related`` as far as the words alone tell, the cosine a reworded variant needs left
        out: False means no cosine makes the pair ``related``."""
        return (
            self.trimmed(FUZZY_OVERLAP) or self.excerpts
            or (self.runs >= REWORDED_WORDS and self.runs >= REWORDED_SHARE * short_words)
        )

    def linked(self, short_words: int) -> bool:
        """Close enough to stand in one group, given the verification."""
        return (
            self.trimmed(LINK_OVERLAP) or self.cosine >= LINK_COSINE or self.excerpts
            or self.reworded(short_words)
        )


def relate(
    short_index: int, long_index: int, short: Node, long: Node, cosine: float, containment: Containment | None
) -> Relation:
    """The relation of node ``short`` (``short_index``) to the node ``long`` with at least as
    many words; ``containment`` where the short one is found in it word for word."""
    short_words, long_words = short.words, long.words
    if containment is not None:
        start, end = containment.start, containment.start + len(short_words)
        return Relation(short_index, long_index, cosine, 1.0, start, end, True, True)
    matcher = SequenceMatcher(None, short_words, long_words, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    matched = sum(block.size for block in blocks)
    start, end = (blocks[0].b, blocks[-1].b + blocks[-1].size) if blocks else (0, 0)
    dense = end > start and matched >= (1 - MAX_WINDOW_GAP) * (end - start)
    runs = sum(block.size for block in blocks if block.size >= REWORDED_RUN)
    excerpts = overlapping(short, long, blocks)
    kept: list[str] = []
    for previous, block in zip([None, *blocks], blocks):
        gap = long_words[previous.b + previous.size : block.b] if previous else ()
        kept.extend(gap if len(gap) < ASIDE_WORDS else ())
        kept.extend(long_words[block.b : block.b + block.size])
    return Relation(short_index, long_index, cosine, matched / len(short_words), start, end, dense, False,
                    excerpts, runs, negation_count(kept))


def overlapping(a: Node, b: Node, blocks: Sequence) -> bool:
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


def words_may_relate(a: str, b: str) -> bool:
    """Whether two normalised texts may be ``related`` whatever their cosine
    (``Relation.may_be_related``): what a pair sharing a rare run of words must be to matter."""
    # Shorter first, ties by text: as ``quotes.cluster`` orders the nodes it relates.
    nodes = sorted((_node(a), _node(b)), key=lambda node: (len(node.words), node.key))
    return relate(0, 1, nodes[0], nodes[1], 0.0, None).may_be_related(len(nodes[0].words))


def _node(key: str) -> Node:
    matching, starts = tokens(key)
    return Node(key, len(words(key)), matching, starts)
