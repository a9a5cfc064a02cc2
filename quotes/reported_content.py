"""The content of a reported statement: where it ends, and what is trimmed from it.

Shared by the shapes of ``quotes.reported`` and ``quotes.reported_closing``. The content runs to
the end of its clause (a semicolon or a dash end it before the sentence does), loses the
punctuation and quote marks at its ends, and must have words of its own outside quote marks.
"""

from __future__ import annotations

import regex

from quotes.layout import FILLER, _last_solid
from quotes.mentions import _Found
from quotes.reported_cues import CLAUSE_END, MIN_CONTENT_WORDS, MIN_MIXED_WORDS, NEGATION, OWN_WORD, TRAILING

# What closes a quotation that ends a content: the stop kept inside its marks, the mark.
QUOTATION_CLOSE = regex.compile(r"[.,!?]?[\"”’']{1,2}")


def skip_space(masked: str, start: int, end: int) -> int:
    return start + len(masked[start:end]) - len(masked[start:end].lstrip())


def negated(masked: str, start: int, end: int) -> bool:
    return start < end and bool(NEGATION.search(masked, start, end))


def content(masked: str, start: int, end: int, found: _Found, *, closed: bool = False) -> tuple[int, int, _Found] | None:
    """The content ``masked[start:end]`` of ``found``'s statement, as ``content_span`` cuts it."""
    span = content_span(masked, start, end, closed=closed)
    return None if span is None else (span[0], span[1], found)


def content_span(masked: str, start: int, end: int, *, closed: bool = False) -> tuple[int, int] | None:
    """The content ``masked[start:end]`` cut at its clause's end and trimmed, if it has words of
    its own enough; ``closed``: the attribution stands after it, so it runs to ``end``."""
    if not closed:
        end = _clause_end(masked, start, end)
    last = _last_solid(masked, start, end, TRAILING)
    if last < start:
        return None
    stop = last + 1
    if masked[last] == FILLER:  # a quotation ending the content keeps its stop and closing mark
        closing = QUOTATION_CLOSE.match(masked, stop, end)
        stop = closing.end() if closing else stop
    if not _own_words_enough(masked, start, stop) and not _mixed_enough(masked, start, stop):
        return None
    while start < stop and masked[start] in " \n\"“”'‘’_(":
        if masked[start] == FILLER:
            break
        start += 1
    return start, stop


def _clause_end(masked: str, start: int, end: int) -> int:
    """Where the clause opening at ``start`` ends: a semicolon, or a dash that opens no pair of
    dashes (`it is common for new governments — Johnson took office in July — to ...` goes on)."""
    position = start
    while (found := CLAUSE_END.search(masked, position, end)) is not None:
        dash = found.group().strip()
        if dash == ";":
            return found.start()
        closing = masked.find(f" {dash} ", found.end(), end)
        if closing < 0:
            return found.start()
        position = closing + len(dash) + 2
    return end


def _own_words_enough(masked: str, start: int, stop: int) -> bool:
    """Whether ``masked[start:stop]`` has ``MIN_CONTENT_WORDS`` words outside quote marks
    (read up to the last of them, not to the end)."""
    own = 0
    for word in OWN_WORD.finditer(masked, start, stop):
        if FILLER not in word.group():
            own += 1
            if own >= MIN_CONTENT_WORDS:
                return True
    return False


def _mixed_enough(masked: str, start: int, stop: int) -> bool:
    """`Trump said Clinton "caused death."`: a content of a few words of its own, opening it,
    and a quotation after them."""
    quoted = masked.find(FILLER, start, stop)
    if quoted < 0 or masked.find(":", start, quoted) >= 0:
        return False  # `said on Twitter: "..."`: a colon introduces the quotation, whose row it is
    return len(OWN_WORD.findall(masked, start, quoted)) >= MIN_MIXED_WORDS
