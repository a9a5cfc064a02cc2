"""Reported speech whose attribution follows its content, or names its source with "according
to" (``quotes.reported``'s shapes 1 and 2):

- ``CONTENT, according to SPEAKER.``, ``LEAD, according to SPEAKER, CONTENT.``;
- ``CONTENT, SPEAKER CUE.`` / ``CONTENT, CUE SPEAKER(, APPOSITION).`` and the parenthetical
  ``CONTENT, SPEAKER CUE, CONTENT.`` (the attribution as ``layout.SENTENCE_ATTRIBUTION`` reads it);
- ``CONTENT, SPEAKER CUE Monday.`` / ``..., SPEAKER told POLITICO.``: a time, a place or the one
  told after the cue.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Iterator

import regex

from quotes import patterns as P
from quotes.attribute import SPEAKER_AFTER_CUE  # the speaker reading attribution uses
from quotes.layout import SENTENCE_ATTRIBUTION, SENTENCE_TAIL, _last_solid
from quotes.mentions import _found, _Found
from quotes.reported_content import content as _content, negated as _negated, skip_space as _skip_space
from quotes.reported_cues import (
    ACCORDING_ANY,
    APPOSITION_TAIL,
    CLOSING_REACH,
    DAY_TIME,
    MIN_CONTENT_WORDS,
    NAMING_VERBS,
    OWN_WORD,
    TRAILING,
    VERB_IN_NAME,
    Cue,
    closing_forms,
    closing_plain,
    cue_forms,
)
from quotes.types import Mention

# The sentence's own verb right after "according to SPEAKER" or after a subject and its aside
# (`Rescuers, ..., according to the ministry recovered ten`, `The rescuers, according to the
# ministry, recovered ten`): the content is the whole sentence, its subject before the cue.
MAIN_VERB_AFTER = regex.compile(r"[ ,]*(?:\p{Ll}{2,}ed(?![ ]+by[ ])|has|have|had|is|are|was|were|will|would|could|can|may|might)[ ]")
# ...of which, right after a speaker and no comma, only a past verb and its object tell: a
# participle takes a preposition (`a poll conducted in February`).
VERB_OBJECT_AFTER = regex.compile(r"[ ]+\p{Ll}{2,}ed[ ]+(?:at[ ]+least|the|a|an|\p{N}|some|more|about|up|out|\p{Ll}+ly)[ ]")
# A word right before "according to" closing its sentence with no comma: `... yesterday
# according to state media.` (not a verb that takes it, `vary according to`, `went according to plan`).
NO_COMMA_BEFORE = regex.compile(r"(?<![\p{L}])(?!(?:vary|varies|varied|went|go|goes|going|act|acted|acting|according|or|and)$)\p{L}[\p{L}\-]*$")
# Where a ``SENTENCE_ATTRIBUTION`` can start: a comma or a quotation's end, spaces, and the
# word after them (the standard library's engine runs these simple patterns fast).
ATTRIBUTION_START = re.compile(r"[,_](?=[ ]+(?P<word>[^ ]*))")
# What closes a clause after its last word (``_last_clause_word``): a stop or a comma.
CLAUSE_CLOSE = re.compile(r"[,.!?;]")
# A word of letters alone (no digit, no underscore), as the clause-final word is.
LETTERS = re.compile(r"[^\W\d_]+")
# A word that may be the cue of ``CUE_THEN_TAIL``: lower case, after a non-letter, before a space.
TAIL_CUE_WORD = re.compile(r"(?<![^\W\d_])[a-z]{3,}(?= )")
# A clause of time closing a sentence after its attribution and a time: `..., officials said
# Friday, as they bristled at ...` (the content is what stands before the attribution; a reason,
# `said Friday, because ...`, is the speaker's and part of it).
SUBORDINATE_AFTER = re.compile(r", (?=(?:as|while|when|after|before|amid|even as) [a-z])")
TAIL_REACH = 80  # how far before a sentence's end the cue of ``CUE_THEN_TAIL`` may stand
CLOSING_SUBJECT_REACH = 120  # how far before that cue the comma opening its attribution may stand
# A cue word closing a sentence but for a time, a place or the one told after it:
# `said Monday.`, `said on Saturday.`, `told POLITICO.`, `told reporters in Iowa.`
CUE_THEN_TAIL = regex.compile(
    r"(?<![\p{L}])(?P<cue>\p{Ll}{3,})(?:[ ]+(?:(?:on|in|at|during|to|via|from|after|before)[ ]+[^,;:\n_\"“”]{1,40}?"
    rf"|(?:last|this|next)[ ]+\p{{Ll}}+|{DAY_TIME}|yesterday|today|tonight|earlier|later|recently"
    r"|reporters|journalists|(?:the[ ]+)?\p{Lu}[\p{L}.’'&\-]*(?:[ ]+\p{Lu}[\p{L}.’'&\-]*){0,3})){1,3}[ ]*$"
)


def according(masked: str, start: int, end: int) -> tuple[int, int, _Found] | None:
    """``CONTENT, according to SPEAKER.``, ``LEAD, according to SPEAKER, CONTENT.`` and
    ``CONTENT, according to SPEAKER, CONTENT.``: the content is the sentence less the cue."""
    match = ACCORDING_ANY.search(masked, start, end)
    if match is None:
        return None
    cue = match.span("cue")
    named = SPEAKER_AFTER_CUE.match(masked, cue[1], match.end())
    if named and named.group("name") and VERB_IN_NAME.search(named.group("name")):
        named = None  # `according to research published Wednesday in ...`: a description
    if named:
        found = _found(named, named.start("mention"), Cue(masked[cue[0]:cue[1]], *cue))
    else:
        who = match.group("who")
        found = _Found(Mention(who, match.start("who"), match.end("who")), "description", Mention("according to", *cue))
    before = masked[start : cue[0]].rstrip()
    after_start = match.end()
    if named and named.end() < after_start and VERB_OBJECT_AFTER.match(masked, named.end(), after_start):
        after_start = named.end()  # `according to the ministry recovered ten`: the speaker ends before the verb
    if masked[after_start : after_start + 2].lstrip(" ")[:1] == "(":  # `according to a team from UCL (UCL), ...`
        closing = masked.find(")", after_start, end)
        after_start = closing + 1 if closing >= 0 else after_start
    after_start += masked[after_start : after_start + 1] == ","
    own_before = len(OWN_WORD.findall(before))
    subject_only = 0 < own_before < MIN_CONTENT_WORDS and before.endswith(",") and MAIN_VERB_AFTER.match(masked, after_start, end)
    content_start = start + len(masked[start:cue[0]]) - len(masked[start:cue[0]].lstrip())
    if before.endswith((",", ',"', ",”", ",'")) and (own_before >= MIN_CONTENT_WORDS or subject_only):  # (`threatening "a lawsuit,"`)
        if _blank_tail(masked, after_start, end):
            return _content(masked, content_start, cue[0], found, closed=True)
        return _content(masked, content_start, end, found)
    if own_before >= MIN_CONTENT_WORDS and _blank_tail(masked, after_start, end) and NO_COMMA_BEFORE.search(before):
        return _content(masked, content_start, cue[0], found, closed=True)  # `... yesterday according to state media.`
    return _content(masked, after_start, end, found)


def _blank_tail(masked: str, start: int, end: int) -> bool:
    """Whether only closing punctuation stands in ``masked[start:end]``."""
    return _last_solid(masked, start, end, TRAILING) < start


def closing_attribution(masked: str, start: int, end: int) -> tuple[int, int, _Found] | None:
    """``CONTENT, SPEAKER CUE.`` and ``CONTENT, CUE SPEAKER(, APPOSITION).``: the attribution
    closes the sentence, or the clause before a subordinate one that closes it (``CONTENT,
    SPEAKER CUE Friday, as ...``); ``CONTENT, SPEAKER CUE, CONTENT.``: it stands inside it."""
    found = _closing(masked, start, end)
    if found is None:
        clause = None
        for clause in SUBORDINATE_AFTER.finditer(masked, max(start, end - CLOSING_REACH), end):
            pass  # (the last one)
        if clause is not None:
            found = _closing(masked, start, clause.start())
    return found


def _closing(masked: str, start: int, end: int) -> tuple[int, int, _Found] | None:
    tail = _last_solid(masked, start, end, SENTENCE_TAIL)
    last = None
    for match in _attributions(masked, max(start, tail - CLOSING_REACH), end):
        last = match
    if last is None:
        # (`, experts said.`: only where the sentence's last word may end a cue of the lexicon)
        space = masked.rfind(" ", start, tail + 1)
        last_word = masked[space + 1 : tail + 1]
        ends_cue = space >= 0 and (last_word in _cue_words()[1] or last_word in cue_forms()[1])
        plain = closing_plain().search(masked, max(start, tail - CLOSING_REACH), tail + 1) if ends_cue else None
        if plain is None:
            return _closing_with_tail(masked, start, tail)
        found = _found(plain, plain.start("mention"))
        return _before_cue(masked, start, plain.start(), found)
    if masked[last.start()] != ",":
        return _closing_with_tail(masked, start, tail)
    mention_start = last.start("mention") if last.group("mention") else last.start("mention2")
    found = _found(last, mention_start)
    if not _speaks(found):
        return None  # `..., the service he ran fizzled.`: no verb that reports speech
    if _negated(masked, mention_start, found.cue.end):
        return None
    if last.end() <= tail:
        if last.group("mention2") and APPOSITION_TAIL.fullmatch(masked, last.end(), tail + 1):
            return _before_cue(masked, start, last.start(), found)  # `, said Wilcox, an Orlando Republican.`
        if masked[last.end() : last.end() + 1] == "," and len(OWN_WORD.findall(masked, last.end(), end)) >= 2:
            return _content(masked, _skip_space(masked, start, last.start()), end, found)  # a parenthetical
        return _closing_with_tail(masked, start, tail)
    return _before_cue(masked, start, last.start(), found)


def _attributions(masked: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """``SENTENCE_ATTRIBUTION.finditer(masked, start, end)``, its dear match tried only at a
    comma (or a quotation's end) where it can succeed: a cue word right after it (`, said X`),
    or a cue or -ed word closing a clause further on (`, X said.`)."""
    first_words, last_words = _cue_words()
    closing = _last_clause_word(masked, start, end, last_words)  # where the last word that can end `, SUBJECT CUE` starts
    at = start
    for candidate in ATTRIBUTION_START.finditer(masked, start, end):
        if candidate.start() < at:
            continue
        if candidate.start() >= closing and candidate.group("word").lower() not in first_words:
            continue
        match = SENTENCE_ATTRIBUTION.match(masked, candidate.start(), end)
        if match is not None:
            yield match
            at = match.end()


def _last_clause_word(masked: str, start: int, end: int, last_words: frozenset[str]) -> int:
    """Where the last word of ``masked[start:end]`` that closes a clause and may end an
    attribution starts (a lower-case word of ``last_words`` or an -ed form, after a space and
    before spaces and a stop, a comma or the window's end), or -1. Read back from each stop,
    so that only the words before one are looked at."""
    closes = [close.start() for close in CLAUSE_CLOSE.finditer(masked, start, end)]
    closes.append(end - 1 if end > start and masked[end - 1] == "\n" else end)  # (as `$` reads it)
    for close in reversed(closes):
        before = masked[start:close].rstrip(" ")
        space = before.rfind(" ")
        token = before[space + 1 :]
        if not token or space < 0 and masked[start - 1 : start] != " " or not LETTERS.fullmatch(token):
            continue  # (a word after a space, as the pattern reads it: letters only)
        if token.islower() and (token in last_words or len(token) >= 4 and token.endswith("ed")):
            return start + space + 1
    return -1


@cache
def _cue_words() -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last words of the cue phrases (attribution's lexicon)."""
    cues = P.cue_lexicon()
    return frozenset(c.split()[0] for c in cues), frozenset(c.split()[-1] for c in cues)


def _closing_with_tail(masked: str, start: int, tail: int) -> tuple[int, int, _Found] | None:
    """``CONTENT, SPEAKER CUE Monday.``, ``CONTENT, SPEAKER told POLITICO.``: a closing
    attribution whose cue a time, a place or the one told follows."""
    closers = cue_forms()[1]
    window = max(start, tail - TAIL_REACH)
    if not any(word.group() in closers for word in TAIL_CUE_WORD.finditer(masked, window, tail + 1)):
        return None  # (the cheap test first: no word there may close an attribution)
    after = CUE_THEN_TAIL.search(masked, window, tail + 1)
    if after is None or after.group("cue") not in closers:
        return None
    cue_end = after.end("cue")
    comma = cue_end
    for _ in range(3):  # the comma before the subject, past its appositions
        comma = masked.rfind(",", max(start, comma - CLOSING_SUBJECT_REACH), comma)
        if comma < 0:
            break
        match = SENTENCE_ATTRIBUTION.match(masked, comma, cue_end)
        if match is not None and match.group("cue") and match.end("cue") == cue_end:
            found = _found(match, match.start("mention"))
            if not _speaks(found) or _negated(masked, found.mention.start, found.cue.end):
                return None
            return _before_cue(masked, start, comma, found)
    plain = closing_plain().search(masked, max(start, cue_end - CLOSING_SUBJECT_REACH), cue_end)
    if plain is None:  # `..., Israeli officials said Wednesday.`: a bare plural
        return None
    return _before_cue(masked, start, plain.start(), _found(plain, plain.start("mention")))


def _speaks(found: _Found) -> bool:
    """Whether the cue of an attribution after its content reports speech."""
    form = " ".join(found.cue.text.lower().split())
    if form in NAMING_VERBS and found.cue.start < found.mention.start:
        return False  # `..., called Flyboard Air.`: a name given, no one quoted
    return form == "according to" or form in closing_forms() or form in P.cue_lexicon()


def _before_cue(masked: str, start: int, cue_start: int, found: _Found) -> tuple[int, int, _Found] | None:
    return _content(masked, _skip_space(masked, start, cue_start), cue_start, found, closed=True)
