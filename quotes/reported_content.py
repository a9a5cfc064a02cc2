"""The content of a reported statement: where it starts after its cue, where it ends, and what
is trimmed from it.

Shared by the shapes of ``quotes.reported`` and ``quotes.reported_closing``. The content runs to
the end of its clause (a semicolon or a dash end it before the sentence does), loses the
punctuation and quote marks at its ends, and must have words of its own outside quote marks.
"""

from __future__ import annotations

from functools import cache

import regex

from quotes.clauses import HEARER_CUES  # the cues of telling attribution knows
from quotes.layout import FILLER, _last_solid
from quotes.mentions import _Found
from quotes.reported_cues import (
    ADVERBIAL_CONTENT,
    AFTER_CUE_REACH,
    ASK_VERBS,
    ASKED_QUESTION,
    BAD_OPENING,
    CLAUSE_END,
    CUE_TAIL,
    INFINITIVE_OPENING,
    MIN_CONTENT_WORDS,
    MIN_CUE_COUNT,
    MIN_MIXED_WORDS,
    NEGATION,
    OBJECT_VERBS,
    ON_PHRASE,
    OWN_WORD,
    PARTICLE_AFTER,
    SPEECH_ON_VERBS,
    TOLD_OBJECT,
    TRAILING,
    that_only,
)

# A subordinator opening the clause after "that" (`said that when the talks failed, ...`), where
# no content may open right after the cue. (Not a preposition: `said that to reporters`.)
THAT_CLAUSE_OPENING = regex.compile(r"(?:when|while|if|because|since|after|before|although|though|unless|once|until|whether|as)[ ]+\p{L}")
# A finite verb right after "that" (`said that would permit more ships`): "that" is then the
# reported clause's subject, not the word that opens it.
THAT_SUBJECT_VERB = regex.compile(r"(?:is|was|has|had|will|would|can|could|should|may|might|must|does|did)[ ]+\p{L}")
# A reflexive after a form of "find": where one is, not what one found (`found herself struggling`).
FIND_FORMS = frozenset(("find", "finds", "found", "finding"))
REFLEXIVE = regex.compile(r"(?:itself|himself|herself|themselves|myself|ourselves|yourself)(?![\p{L}])")
ADVERBIAL_MAX_WORDS = 5  # words to its clause's end (or a colon) of a content that is only an adverbial
LEAD_MAX_WORDS = 4  # words of a lead that a comma or a colon closes before the quotation it introduces
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


# A tail that ends inside a noun phrase a preposition opened, with no comma or "that" after it
# (`said in a video`), and a content that opens with a bare lower-case noun (`message to the
# convention`): the phrase runs on into what looked like the content.
NOUN_PHRASE_TAIL = regex.compile(r"(?:in|on|at|during|via|through|over)[ ]+(?:a|an|the|his|her|its|their|this)[ ]+[^,]*[^,t][ ]+$")
PHRASE_REACH = 90  # how far past the cue's tail such a phrase may run on to its "that"
PHRASE_RUNS_TO_THAT = regex.compile(r"(?:[^,;:_\n\"“”]|,[ ]\p{Lu}){1,80}?,?[ ](?:that[ ]+(?=\p{L})|(?=(?:he|she|they|we|I)[ ]\p{Ll}))")
# The one told, at length, then "that": `told members of the AFL-CIO executive council that`,
# `told a town hall in Salem, New Hampshire on Monday that` (no word of a clause of its own in
# between: a pronoun, an auxiliary, a past form: `told the Observer the video was ... that`;
# no dash, nor a thing told: `told the story of ... - a labor issue that`).
HEARER_RUNS_TO_THAT = regex.compile(
    r"[ ](?!(?:(?:the|a|an|his|her|their|its)[ ]+)?(?:story|stories|tale|tales|truth|lie|lies|joke|jokes)(?![\p{L}]))(?:(?![ ][-—–][ ])(?![ ](?:who|whom|which|where|when|because|if|whether|what|how|why|he|she|it|they|we|I|is|was|are|were|has|had|have|will|would|can|could|should|may|might|must|do|does|did|\p{Ll}+ed)[ ])(?:[^,;:_\n\"“”.!?]|,[ ]\p{Lu}|\.(?=\S))){1,80}?(?=[ ]that[ ]+\p{L})")
HEARER_VERBS = frozenset(HEARER_CUES) | frozenset("assured assures informed informs".split())  # (the object is the hearer)
LOWER_NOUN_OPENING = regex.compile(
    r"(?!(?:he|she|it|they|we|i|you|there|this|these|those|that|the|a|an|his|her|its|their|our|my|your|some|many|most|no|none"
    r"|every|all|each|any|both|several|few|more|less|nearly|almost|about|only|not|if|when|while|after|before|because|as|since"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|such|other|another|what|who|how|why|where|now|then|so|even|just|people)[ ])\p{Ll}+[ ]"
)


def content_after_cue(masked: str, cue: regex.Match[str], end: int, verbs: dict[str, tuple[int, int, int]]) -> int | None:
    """Where the content after a reporting verb starts, past an object of "told", adverbials
    and "that", if what follows can be its content: a to-infinitive or on-phrase for the
    verbs that take one, a clause for the others."""
    form, verb = _form(cue.group())
    after, infinitive, _before = verbs.get(form, (0, 0, 0))
    position = cue.end()
    if masked.startswith(" by ", position) or PARTICLE_AFTER.match(masked, position):
        return None  # the passive `backed by`; a phrasal verb, `called off its search`
    if verb in OBJECT_VERBS:
        told = TOLD_OBJECT.match(masked, position, min(end, position + 50))
        if told:
            position = told.end()
        runs = HEARER_RUNS_TO_THAT.match(masked, position, min(end, position + PHRASE_REACH)) if verb in HEARER_VERBS else None
        if runs is not None:
            position = runs.end()
    if masked[position : position + 1] == " " and INFINITIVE_OPENING.match(masked, position + 1, end):
        if form in SPEECH_ON_VERBS and ON_PHRASE.match(masked, position + 1, end):
            if _lead_then_quotation(masked, position + 1, end):
                return None  # `wrote of Boseman, "..."`: a lead into the quotation
            return position + 1  # `warned of delays`: the mined counts read "of" as no content
        if position > cue.end() and verb in ASK_VERBS and masked.startswith("to ", position + 1):
            return position + 1  # `asked workers to sign up`: the request
        if infinitive < MIN_CUE_COUNT or infinitive < after / 4:
            return None
        return position + 1
    if after < MIN_CUE_COUNT:
        return None
    tail = CUE_TAIL.match(masked, position, min(end, position + AFTER_CUE_REACH))
    if tail is None:
        return None
    content_start = tail.end()
    if NOUN_PHRASE_TAIL.search(tail.group()) and LOWER_NOUN_OPENING.match(masked, content_start, end):
        # `said in a video message to the convention`: the phrase runs on, to "that" or a pronoun
        # that opens the clause (`said in an interview with Rolling Stone he was`), or to no
        # content; but a to-infinitive may be the content (`tells supporters at a rally to vote`)
        that = PHRASE_RUNS_TO_THAT.match(masked, content_start, min(end, content_start + PHRASE_REACH))
        if that is not None:
            content_start = that.end()
        elif not masked.startswith("to ", content_start):
            return None
    if verb in FIND_FORMS and REFLEXIVE.match(masked, content_start, end):
        return None  # `Fox News found itself playing host`: where one is, not what one found
    if verb in ASK_VERBS and ASKED_QUESTION.match(masked, content_start, end):
        return content_start  # `a reporter asked if that remains his view`: the question asked
    if form in that_only() and not masked.startswith("that ", content_start - 5):
        return None  # `Roe acknowledged the crowd`: a verb measured too little takes "that" only
    if masked.startswith("that ", content_start - 5) and THAT_CLAUSE_OPENING.match(masked, content_start, end):
        return content_start  # `said that for decades critics had ...`: "that" opened the clause
    if masked.startswith("that ", content_start - 5) and THAT_SUBJECT_VERB.match(masked, content_start, end):
        return content_start - 5  # `He said that would permit ...`: "that" is the clause's subject
    if INFINITIVE_OPENING.match(masked, content_start, end) or BAD_OPENING.match(masked, content_start, end):
        return None
    if ADVERBIAL_CONTENT.match(masked, content_start, end) and _adverbial_only(masked, content_start, end):
        return None  # `said in an interview.`: an adverbial, no content
    if _quotation_then_tail(masked, content_start, end):
        return None  # `said, "They need us", while addressing the press`: the quotation's row alone
    if _lead_then_quotation(masked, content_start, end):
        return None  # `told the public via Twitter, "..."`: a lead into the quotation, whose row it is
    return content_start


@cache
def _form(cue: str) -> tuple[str, str]:
    """A cue as the lexicon spells its form (lower case, single spaces), and its first word."""
    form = " ".join(cue.lower().split())
    return form, form.split()[0]


def _adverbial_only(masked: str, start: int, end: int) -> bool:
    """Whether the words from ``start`` to the clause's end are few and hold no "that" (no
    clause comes after the adverbial: `said in an interview.`)."""
    colon = masked.find(":", start, end)  # `said in a statement: "..."`: the quotation is its own row
    words = OWN_WORD.findall(masked, start, colon if colon >= 0 else end)
    return len(words) <= ADVERBIAL_MAX_WORDS and "that" not in words


def _lead_then_quotation(masked: str, start: int, end: int) -> bool:
    """Whether ``masked[start:end]`` is a few words (``LEAD_MAX_WORDS``) that a comma or a
    colon closes, then a quotation to the sentence's end or a comma (`the public via Twitter, "..."`)."""
    quoted = masked.find(FILLER, start, end)
    if quoted < 0:
        return False
    lead = masked[start:quoted].rstrip("\"“”'‘’ ")
    if not lead.endswith((",", ":")) or len(OWN_WORD.findall(lead)) > LEAD_MAX_WORDS:
        return False  # (a longer lead is a clause of the content's own: `said she is ready: "..."`)
    close = masked.rfind(FILLER, quoted, end) + 1
    rest = masked[close:end]
    return not rest.strip(".,!?;\"“”'‘’ \n") or rest.lstrip("\"“”'‘’ ").startswith(",")  # (`"...", recalling them`)


def _quotation_then_tail(masked: str, start: int, end: int) -> bool:
    """Whether ``masked[start:end]`` opens with a quotation that its clause ends after (a comma,
    a semicolon or the sentence's end follows its closing mark)."""
    position = start
    while position < end and masked[position] in "\"“”'‘’":
        position += 1
    if position >= end or masked[position] != FILLER:
        return False
    while position < end and masked[position] == FILLER:
        position += 1
    rest = masked[position:end].lstrip(".,!?\"“”'‘’ ")
    return not rest or masked[position:end].lstrip(".!?\"“”'‘’ ")[:1] in (",", ";")
