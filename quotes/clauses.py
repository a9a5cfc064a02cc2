"""A quote's speaker read from the clause around it, where no cue stands right beside it.

Each reader takes the masked text (``quotes.layout.mask``) and a sentence or clause window, and
returns the mention and cue it found (``quotes.mentions._Found``) or None: the subject of the
sentence's main verb for a cue with none of its own, a colon or "as" after a clause, a
possessive cue noun, a document that "read" the quotation. ``quotes.attribute`` calls them in
its order of trust. Two tests of a subject found before a cue are here too, shared with
``quotes.reported``: whether it is the object of the cue word before it, and whether it is the
subject of a report inside a report.
"""

from __future__ import annotations

import regex

from quotes import patterns as P
from quotes.mentions import _found, _Found
from quotes.types import Span

COLON_REACH = 80  # how far a clause's verb may stand before the colon that introduces a quote
SHARED_SUBJECT_REACH = 300  # how far into its sentence a cue may take the main verb's subject
HEARER_CUES = ("told", "tells", "tell", "telling")  # cues whose object is the hearer: never inverted
# The lower-case word right before an offset.
PREVIOUS_WORD = regex.compile(r"(\p{Ll}+)[ ]+$")


def possessive_cue(masked: str, start: int, end: int) -> regex.Match[str] | None:
    """`Trump's claim that there were "..."`, searched only where a possessive cue noun stands."""
    window = masked[start:end]
    if not any(noun in window for noun in P.possessive_cues()):
        return None
    return P.POSSESSIVE_CUE.search(masked, start, end)


def document_read(masked: str, start: int, end: int) -> _Found | None:
    """`The family's statement read: "..."`: the owner of a text (not a person) that "read" the
    quotation, where the sentence says whose it is."""
    near = masked.rfind("read", max(start, end - 20), end)
    if near < 0 or not P.READ_BEFORE_QUOTE.match(masked, near, end):
        return None  # the cheap test first: "read" right before the quotation
    for pattern in P.DOCUMENT_READ:
        match = pattern.search(masked, start, end)
        if match and P.speaker_nouns().get(match.group("document")) is not True:  # not "his daughter read"
            return _found(match, match.start("mention"))
    return None


def clause_before_colon(masked: str, sentence_start: int, span: Span) -> _Found | None:
    """`Gerstenmaier spoke of the work with SpaceX: "..."`: a quotation after the colon that
    closes a clause with no cue is the words of that clause's subject, when it is a person
    named or "he"/"she" and nothing opens another clause between its verb and the colon."""
    colon = P.COLON.search(masked, max(sentence_start, span.open_start - 3), span.open_start)
    if colon is None or colon.start() - sentence_start > SHARED_SUBJECT_REACH:
        return None
    subject = _clause_subject(masked, sentence_start, colon.start(), owned=True)
    return subject and _found(subject, subject.start("mention"), colon)


def _clause_subject(masked: str, sentence_start: int, end: int, *, owned: bool = False) -> regex.Match[str] | None:
    """The subject of the clause that ``end`` closes, with its verb: a person named, "he" or
    "she", or a description of a person (``owned``: or a name's possessive), its verb at most
    ``COLON_REACH`` before ``end`` with no other clause opening between."""
    subject = P.MAIN_SUBJECT.match(masked, sentence_start, end)
    if subject is None or subject.group("pronoun") and subject.group("pronoun").lower() not in ("he", "she"):
        return None
    description = subject.group("description")
    if description and not (owned and P.OWNED_NAME.search(description) or P.speaker_nouns().get(description.split()[-1].lower())):
        return None  # `An interfaith rally had one message:`, `The plan was billed as a "..."`: no one's words
    if end - subject.end("verb") > COLON_REACH or P.ANOTHER_CLAUSE.search(masked, subject.end("verb"), end):
        return None
    return subject


def characterised_as(masked: str, sentence_start: int, span: Span) -> _Found | None:
    """`Reid has gone after Trump as a "human leech"`, `Japan branded North Korea as an
    "outlaw"`: words given as what someone is, in the clause of a named subject's verb, are that
    subject's (the clause's own subject, a person named or "he"/"she", none other between)."""
    as_ = P.AS_BEFORE_QUOTE.search(masked, max(sentence_start, span.open_start - 8), span.start)
    if as_ is None or as_.start() - sentence_start > SHARED_SUBJECT_REACH:
        return None
    subject = _clause_subject(masked, sentence_start, as_.start())
    if subject is None:
        return None
    verb = P.LAST_WORD.search(masked, subject.start("verb"), subject.end("verb"))
    if verb.group() in ("is", "was", "were", "are", "be", "been", "being") and P.PARTICIPLE_AFTER.match(masked, verb.end()) \
            or P.BY.search(masked, verb.end(), as_.start()):
        return None  # `Mancini has been described by the Daily Hive as a "..."`: a passive's subject is not its speaker
    return _found(subject, subject.start("mention"), verb)


def shared_subject(masked: str, sentence_start: int, cue: regex.Match[str]) -> _Found | None:
    """`Reed had not read the plan, but called it a "..."`, `Obama ended his list by saying
    "..."`: a cue without a subject of its own takes the subject of its sentence's main verb."""
    if cue.start() - sentence_start > SHARED_SUBJECT_REACH:
        return None
    link = P.SHARED_SUBJECT_LINK.search(masked, max(sentence_start, cue.start() - 30), cue.start())
    if link is None:
        return None
    word = cue.group().split()[0].lower()
    if link.group("participle") and not word.endswith("ing") or link.group("coordinate") and not _finite(word):
        return None
    subject = P.MAIN_SUBJECT.match(masked, sentence_start, link.start())
    if subject is None or subject.group("pronoun") in ("who", "which"):
        return None  # `Perez, who is the most animated, saying`: a relative clause's subject
    if P.ANOTHER_CLAUSE.search(masked, subject.end("verb"), link.start()):
        return None  # `X spoke where protesters had gathered, chanting`: whose is not clear
    return _found(subject, subject.start("mention"), cue)


def _finite(word: str) -> bool:
    """Whether a cue form can head a clause: said, told, called, argues (not saying)."""
    return word in P.FINITE_VERBS or word.endswith(("ed", "s"))


def after_cue_word(masked: str, offset: int) -> bool:
    """`media that reported the visit avoided...`: a mention right after a reporting verb is
    that verb's object, not the next verb's subject."""
    word = PREVIOUS_WORD.search(masked, max(0, offset - 30), offset)
    return bool(word) and word.group(1) in P.cue_lexicon()


def reported_speaker(masked: str, match: regex.Match[str], cue: regex.Match[str]) -> bool:
    """`Reuters reported its source said "..."`: a person right after a reporting verb that is no
    verb of telling, and right before the next cue (no auxiliary between), is the subject of
    the report inside."""
    word = PREVIOUS_WORD.search(masked, max(0, match.start("mention") - 30), match.start("mention"))
    description = match.groupdict().get("description")
    if not description or word is None or word.group(1) in HEARER_CUES or masked[match.end("mention") : cue.start()].strip():
        return False
    return P.speaker_nouns().get(description.split()[-1].lower()) is True
