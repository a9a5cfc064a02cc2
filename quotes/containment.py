"""Clustering, stage 2 (word for word): which node's words are found inside which longer node's,
and which pairs of nodes share a rare run of words.

A text found word for word inside a longer one is a partial quote of it, unless it lies
between inner quote marks there ("he said, 'trust me'": someone else's words, quoted by the
speaker) and no other report of the speaker's passage prints it without them (``unmarked``).
Two texts sharing a run of four words that few texts hold are candidates for the
verification whatever their cosine (a reworded quote's vector may lie further than the
trimmed one's).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from quotes.nodes import Node, one_person
from quotes.similarity import FRAGMENT_WORDS, INNER_CLOSING, INNER_OPENING, SENTENCE_END_BEFORE

# A run of four words shared by at most this many texts makes each pair of them a candidate,
# whatever their cosine: a reworded quote's vector may lie further than the trimmed one's.
# A run shared by more is a stock phrase ("make America great again").
RARE_RUN_TEXTS = 8
# A fragment of this many words or more is looked for inside longer texts ("mind is shot" in
# "Her mind is shot!"); a single word ("outrageous") never is.
FRAGMENT_CONTAINMENT_WORDS = 2
GRAM = FRAGMENT_WORDS + 1  # every text that is not a fragment has at least this many words


@dataclass(frozen=True, slots=True)
class Containment:
    start: int  # word index in the longer text
    nested: bool  # inside quote marks there: someone else's words, quoted by the speaker


def containers(nodes: Sequence[Node]) -> dict[int, dict[int, Containment]]:
    """For each node, the longer nodes whose words contain its words contiguously; a fragment
    of fewer than ``FRAGMENT_CONTAINMENT_WORDS`` words has none."""
    looked_up = [node.words[:GRAM] if len(node.words) >= FRAGMENT_CONTAINMENT_WORDS else () for node in nodes]
    # Only each node's first gram is looked up: index the positions that hold one of those.
    by_gram: dict[tuple[str, ...], set[int]] = {key: set() for key in looked_up if key}
    sizes = sorted({len(key) for key in by_gram})
    for i, node in enumerate(nodes):
        for size in sizes:
            for start in range(len(node.words) - size + 1):
                found_at = by_gram.get(node.words[start : start + size])
                if found_at is not None:
                    found_at.add(i)
    found: dict[int, dict[int, Containment]] = {}
    for i, node in enumerate(nodes):
        for j in sorted(by_gram.get(looked_up[i], ())):
            other = nodes[j]
            if len(other.words) <= len(node.words):
                continue
            start = find_words(node.words, other.words)
            if start >= 0:
                nested = inside_inner_quote(other.key, other.starts[start])
                found.setdefault(i, {})[j] = Containment(start, nested)
    return unmarked(nodes, found)


def unmarked(nodes: Sequence[Node], found: dict[int, dict[int, Containment]]) -> dict[int, dict[int, Containment]]:
    """``found`` with a text inside inner quote marks of a longer one taken as the speaker's own
    words there when another report of the passage, credited to the same person, prints it
    without the marks: a text found, not between marks, inside a third text that is itself
    found in the longer one from outside any marks, the third and the longer credited to one
    trusted person ("say, 'look, this is not who we are.'" beside "say, look, this is not who
    we are", both Clinton's). The marks are then one outlet's reading of the speaker's own turn
    of phrase, which the other did not share, not someone else's words. A passage credited to
    nobody, or to another, proves nothing: "no boots on the ground" is how other outlets print
    the phrase a speaker quotes as "there are no 'boots on the ground'"."""
    for inside in found.values():
        for long, containment in inside.items():
            if containment.nested and any(
                not through.nested and long in found.get(middle, {}) and not found[middle][long].nested
                and one_person(nodes[middle], nodes[long])
                for middle, through in inside.items()
            ):
                inside[long] = Containment(containment.start, False)
    return found


def rare_run_pairs(nodes: Sequence[Node]) -> set[tuple[int, int]]:
    """Node pairs (a < b) sharing a run of four words that at most ``RARE_RUN_TEXTS`` nodes hold."""
    holders: dict[tuple[str, ...], set[int]] = {}
    for i, node in enumerate(nodes):
        for start in range(len(node.words) - GRAM + 1):
            holders.setdefault(node.words[start : start + GRAM], set()).add(i)
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


def inside_inner_quote(text: str, offset: int) -> bool:
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
