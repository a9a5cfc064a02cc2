"""Article text + its quotes -> reported speech: who said what without quote marks.

Reads the same masked copy of the text as attribution (the words inside quote marks blanked,
offsets unchanged), one sentence at a time, for these shapes:

1. ``According to SPEAKER, CONTENT.``
2. ``CONTENT, SPEAKER CUE.`` / ``CONTENT, CUE SPEAKER.`` / ``CONTENT, according to SPEAKER.``
   (the attribution closing the sentence, as ``attribute.SENTENCE_ATTRIBUTION`` reads it);
3. ``SPEAKER CUE (that) CONTENT.``: a subject, a reporting verb of the mined lexicon that takes
   a clause (``reporting_verbs.tsv``), an optional object of "told" and adverbials of time or
   place, then the clause to the end of the sentence;
4. ``SPEAKER CUE to-infinitive / on-phrase`` for the verbs whose content opens so (promised to
   resign, warned of delays).

Each row is a :class:`~quotes.types.Span` of kind ``indirect`` over the content (no marks, so
``open_start``/``close_end`` are the content's bounds too), with its speaker resolved through the
article's :class:`~quotes.speakers.ArticleSpeakers` exactly as attribution resolves a quote's.

Left out on purpose (precision first; a wrong row is worse than none): a cue under negation
(``did not say that``) or in a question; a content that is only a quotation (``Smith said:
"..."`` is the direct quote's row alone) or shorter than :data:`MIN_CONTENT_WORDS` words of its
own; a cue with no content (``she said on Tuesday.``); a speaker that cannot be resolved.
Conditionals are kept: ``Smith said that if X, Y`` reports ``if X, Y``. A sentence with a
partial quotation (``Smith said the plan was "a failure"``) gives one row whose content holds
the quoted words; the quotation keeps its own row.

Linear: one pass over the sentences, each pattern matched at a point or over a bounded window.
"""

from __future__ import annotations

import csv
from bisect import bisect_left, bisect_right
from functools import cache
from typing import Sequence

import regex

from quotes.attribute import (  # the masked text and the speaker reading attribution uses
    FILLER,
    SENTENCE_ATTRIBUTION,
    SENTENCE_TAIL,
    SPEAKER_AFTER_CUE,
    SUBJECT_BEFORE_CUE,
    SUBJECT_REACH,
    _Found,
    _after_cue_word,
    _as_written,
    _found,
    _last_solid,
    _shared_subject,
    _resolve,
    _role,
    mask,
)
from quotes import patterns as P
from quotes.speakers import ArticleSpeakers
from quotes.types import INDIRECT, QUOTE, Article, Mention, Quote, Span

MIN_CONTENT_WORDS = 3  # words of its own (outside quote marks) a reported content must have
MIN_CUE_COUNT = 5  # gold uses in PolNeAR train for a verb form of reporting_verbs.tsv to count
MIN_BEFORE_COUNT = 3  # gold uses after their content for a form to close a sentence as its cue
MIN_CUE_SHARE = 0.15  # ...and that share of its occurrences in the train texts
NEAR_SUBJECT_REACH = 90  # how far before its cue a subject that does not open the sentence may start
CLOSING_REACH = 300  # how far before a sentence's end its closing attribution may start (appositions included)
AFTER_CUE_REACH = 60  # how far after its cue the content may start (object, adverbials, "that")
LEXICON = P.LEXICONS / "reporting_verbs.tsv"
# Forms of the lexicon that are no clause-taking reporting verbs in a subject-verb slot: "made",
# "long" and the like are cues in PolNeAR only with an object after them.
NOT_CLAUSE_VERBS = frozenset(
    "made long see know think believe support want wants sought released calling endorsed "
    "supported telling showing expected came looking".split()
)
# Forms of the mined list that report no speech (acts, votes, visits): their rows on PolNeAR
# train were wrong at least a third of the time (`launched a petition`, `spoke at a memorial`).
NOT_SPEECH_VERBS = frozenset(
    "spoke passed delivered launched voted provided opened supports saw decided posted signed "
    "continued offers exposed backed cast charged addressed tried offering watched ignored felt "
    "used supporting embraced weighed hired".split()
) | {"voted for", "referring to"}
# Forms whose content opens with "to" or a preposition (promised to resign, warned of delays).
INFINITIVE_OPENING = regex.compile(r"(?:to|of|about|against|for)[ ]+\p{L}")
# Verbs of speaking whose content is an on-phrase: warned of delays, spoke about the war.
SPEECH_ON_VERBS = frozenset(
    "warned warns cautioned cautions complained complains spoke speaks talked talks boasted boasts "
    "testified testifies wrote writes bragged brags".split()
)
ON_PHRASE = regex.compile(r"(?:of|about|against)[ ]+\p{L}")

# The sentence opening "According to SPEAKER, ...".
ACCORDING_OPENING = regex.compile(
    rf"[ \n]*(?:(?:But|And|Yet|So|Still|Now|Also|However),?[ ]+)?(?P<cue>[Aa]ccording[ ]+to)[ ]+"
    rf"(?P<mention>{P.MENTION}|(?P<name>{P.LOOSE_NAME})){P.SPEAKER_END}(?:[ ]*\([^()\n]{{1,40}}\))?"
    rf"(?:,[ ]+[^,;:\n_]{{1,80}})?,[ ]+"
)
# "according to X" anywhere in a sentence; X runs to the next comma or the sentence's end.
ACCORDING_ANY = regex.compile(
    r"(?P<cue>(?<![\p{L}])[Aa]ccording[ ]+to)[ ]+(?P<who>[^,;:.!?\n_()]{2,100}?)(?=[ ]*(?:[,;.!?(]|$|[ ][—–-][ ]))"
)
# A share of people as a subject: "Some", "Six in 10", "Only 24 percent", "A majority of voters".
QUANTITY = (
    r"(?:(?:Only|Just|About|Around|Roughly|Nearly|Almost|More[ ]than|Fewer[ ]than)[ ]+)?(?:[Ss]ome|[Mm]any|[Mm]ost|[Oo]thers|[Hh]alf"
    r"|(?:[Aa]|[Oo]ne|[Tt]wo)[ ]+(?:third|quarter|half|majority|minority|plurality)s?|[Tt]he[ ]+majority|[Mm]ajorities"
    r"|[\p{L}\d\-]+(?:[ ]+(?:in|out[ ]+of)[ ]+[\p{L}\d]+|[ ]*(?:%|percent))|[Mm]ost|[Bb]oth|[Tt]hose[ ]+(?:surveyed|polled|asked|interviewed))"
    r"(?:[ ]+(?:of|in)[ ]+(?:the[ ]+|those[ ]+|all[ ]+)?\p{Ll}+(?:[ ]+\p{Ll}+)?)?"
)


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(r"[ ]+".join(map(regex.escape, p.split())) for p in ordered) + ")"


@cache
def _people_plural() -> str:
    """Plural nouns of people from speaker_nouns.tsv (officials, experts, aides), and the parties."""
    nouns = [n for n, person in P.speaker_nouns().items() if person and n.endswith("s") and n.isalpha() and len(n) > 4]
    return _alternation(nouns + ["Democrats", "Republicans"])


@cache
def _plural_people() -> str:
    """A bare plural description: "experts", "Republican opponents", "union members and leaders"."""
    word = r"(?!(?:the|a|an|and|or|but|that|which|who|of|in|on|at|for|to|with|by)[ ])[\p{L}\-]+"
    people = _people_plural()
    return (rf"(?:(?:{word})[ ]+(?:(?:and|or)[ ]+(?:{word})[ ]+)?){{0,3}}?{people}(?:[ ]+(?:and|or)[ ]+(?:(?:{word})[ ]+){{0,2}}?{people})?"
            rf"(?:[ ]+(?:of|for|in|at|from|with)[ ]+[^,;:_\n]{{1,50}}?)?")


@cache
def _closing_plain() -> regex.Pattern[str]:
    """``CONTENT, experts said.``: a bare plural description and a cue closing the sentence."""
    return regex.compile(
        rf",[ ]+(?P<mention>(?P<description>{_plural_people()}))[ ]+(?:also[ ]+|have[ ]+|had[ ]+)?(?P<cue>{P.CUE})[ ]*$"
    )
# The subject of a clause-opening cue when attribution's reading finds none: a mention or a
# share of people opening the sentence (after a lead word), then at most a parenthesis, a
# prepositional phrase or an apposition, and auxiliaries and adverbs, up to the cue.
OPENING_SUBJECT = regex.compile(
    rf"[ \n]*(?:(?:But|And|Yet|So|Still|Now|Also|However|Meanwhile|Instead|Even),?[ ]+)?"
    rf"(?:[^,.\n_]{{1,50}},[ ]+)?"
    rf"(?P<mention>(?P<description>{QUANTITY}|{_plural_people()})(?![\p{{L}}])|{P.MENTION}|(?P<name>{P.LOOSE_NAME}))(?:[ ]*\([^()\n]{{1,40}}\))?"
    rf"(?:[ ]+(?:of|for|at|in|from|with|on)[ ]+[^,;:_\n]{{1,60}}?)?(?P<apposition>(?:,[ ]+[^,;:\n_]{{1,100}}){{1,3}},)?"
    rf"(?:[ ]+(?:has|have|had|would|will|could|also|long|then|later|again|once|still|just|even|further|first|now|since|\p{{Ll}}+ly)){{0,3}}[ ]+"
)
# An apposition closing the sentence after `said NAME`: ", an Orlando Republican who founded ...".
APPOSITION_TAIL = regex.compile(r",[ ]+[^;:_\n]{1,250}")
# A lower-case word, for the one pass that finds the cues (``_cues``).
LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}'’\-])\p{Ll}+(?![\p{L}\p{N}])")
# What joins a second reporting verb to the first one's subject: ", and", "but", "and also".
COORDINATION = regex.compile(r",?[ ]+(?:and|but)(?:[ ]+(?:also|then|later|again|\p{Ll}+ly))?[ ]+$")
# A be-verb between a subject and an -ed cue: the passive `was charged`, `is backed`.
PASSIVE = regex.compile(r"\b(?:was|were|is|are|been|being|be|get|got)\b")
# Words between a reporting verb and its content: an object of "told" (reporters, CNN, The
# Post), a time or place (Tuesday, last week, in a statement, on Twitter), a comma, "that".
CUE_TAIL = regex.compile(
    r"(?:[ ]+(?:(?:on|in|at|during|via|through|over)[ ]+[^,;:\n_\"“”]{1,40}?"
    r"|(?:last|this|next)[ ]+\p{Ll}+|\p{Lu}\p{Ll}+day|yesterday|today|tonight|earlier|later|recently|again|repeatedly"
    r"|\p{Ll}+ly))*,?[ ]+(?:that[ ]+)?"
)
# The object of "told"/"tells"/"assured"... before the content: reporters, The Post, him.
TOLD_OBJECT = regex.compile(
    rf"[ ]+(?:(?:{P.DETERMINER}[ ]+)?(?:\p{{Ll}}+[ ]+)?(?:reporters|journalists|supporters|voters|viewers|listeners|audience|crowd|people|members|lawmakers|officials|colleagues|students|workers)"
    rf"|him|her|them|us|me|\p{{Lu}}[\p{{L}}.'’\-]*(?:[ ]+\p{{Lu}}[\p{{L}}.'’\-]*){{0,3}})(?=[ ,])"
)
OBJECT_VERBS = frozenset("told tells tell telling assured assures informed informs reminded reminds warned warns".split())
# A negation between a subject and its cue, or right before the cue: "did not say", "never said".
NEGATION = regex.compile(r"(?i)\b(?:not|never|n[o']t|cannot|neither|nor|no[ ]+one)\b|n['’]t\b")
# Where reported content must not start: punctuation, a quote that is the whole content, a
# conjunction that joins a second verb of the subject ("said and did"), a question word.
BAD_OPENING = regex.compile(r"(?i)(?:[,.;:!?)\]]|and\b|or\b|but\b|so\b|as\b|than\b|who\b|whom\b|when\b|where\b|why\b|how\b|what\b|whether\b|if\b(?![^,]{1,80},))")
# What ends the reported clause before the sentence does: a semicolon, or a dash.
CLAUSE_END = regex.compile(r";|[ ][—–][ ]|[ ]--[ ]")
# A word of content outside the marks.
OWN_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
# The characters that close a sentence or a clause, trimmed from the content's end.
TRAILING = regex.compile(r"(?r)[^ \n.!?,;:\"“”’')\]]")
QUESTION_END = regex.compile(r"\?[\"”’']*[ \n]*$")


@cache
def reporting_verbs() -> dict[str, tuple[int, int, int]]:
    """Cue form -> (after, infinitive, before) counts: the forms whose gold uses in PolNeAR train
    reach ``MIN_CUE_COUNT`` and ``MIN_CUE_SHARE`` of their occurrences."""
    with open(LEXICON, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, dialect="excel-tab"))
    verbs = {}
    for row in rows:
        counts = int(row["after"]), int(row["infinitive"]), int(row["before"])
        if sum(counts[:2]) >= MIN_CUE_COUNT and float(row["precision"]) >= MIN_CUE_SHARE:
            verbs[row["cue"]] = counts
    return verbs


@cache
def _cue_forms() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The forms that may head content after them, by first word (longest first), and the
    first words of the forms that may close a sentence after their content."""
    forward: dict[str, list[str]] = {}
    for form in sorted(reporting_verbs(), key=lambda f: (-len(f), f)):
        if form not in NOT_CLAUSE_VERBS and form not in NOT_SPEECH_VERBS and form != "according to":
            forward.setdefault(form.split()[0], []).append(form)
    closing = {f.split()[0] for f, counts in reporting_verbs().items() if counts[2] >= MIN_BEFORE_COUNT}
    closing |= {c.split()[0] for c in P.cue_lexicon()}
    return {w: tuple(forms) for w, forms in forward.items()}, frozenset(closing)


class _Cue:
    """A reporting verb found in the text, read like a match (``group``, ``start``, ``end``)."""

    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def group(self) -> str:
        return self._text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _cues(masked: str) -> tuple[list[_Cue], list[int]]:
    """One pass over the lower-case words of the text: the forward cues, and where a word
    that may close a sentence's attribution stands (a set lookup per word, no alternation)."""
    forward, closing = _cue_forms()
    cues, closers = [], []
    for word in LOWER_WORD.finditer(masked):
        token = word.group()
        if token in closing:
            closers.append(word.start())
        forms = forward.get(token)
        if forms is None:
            continue
        for form in forms:
            if " " not in form:
                cues.append(_Cue(token, word.start(), word.end()))
                break
            rest = form[len(token):]
            if masked.startswith(rest, word.end()) and not masked[word.end() + len(rest) : word.end() + len(rest) + 1].isalnum():
                cues.append(_Cue(form, word.start(), word.end() + len(rest)))
                break
    return cues, closers


def indirect_in(article: Article, quotes: Sequence[Quote]) -> list[Quote]:
    """The reported statements of ``article``, whose quoted spans ``quotes`` are (as
    ``attribute.quotes_in`` gives them), in text order: rows of kind ``indirect``."""
    text = article.text
    spans = [q.span for q in quotes]
    masked = mask(text, spans)
    paragraph_starts, sentence_starts = _layout(masked)
    people: ArticleSpeakers | None = None
    attributed = sorted((q.mention.start, q.mention.end, q.speaker) for q in quotes
                        if q.kind == QUOTE and q.speaker and q.mention is not None)
    added = 0
    rows: list[Quote] = []
    bounds = sentence_starts + [len(masked)]
    trailing = _trailing_attributions(quotes)
    trailing_starts = [q.span.open_start for q in trailing]
    cues, closers = _cues(masked)
    cue_starts = [cue.start() for cue in cues]
    for start, end in zip(bounds, bounds[1:]):
        if end - start < 12:
            continue
        first, last = bisect_left(cue_starts, start), bisect_left(cue_starts, end)
        closer = bisect_left(closers, max(start, end - CLOSING_REACH - 20))
        closing_cue = closers[closer] if closer < len(closers) and closers[closer] < end else None
        found = _statement(masked, start, end, cues[first:last], closing_cue)
        if found is None:
            quote = _mixed(masked, start, end, trailing, trailing_starts)
            if quote is not None:  # the quotation's own speaker, as attribution found it
                content_start = _skip_space(masked, start, end)
                span = Span(content_start, quote.span.end, content_start, quote.span.end,
                            text[content_start:quote.span.end], INDIRECT)
                rows.append(Quote(article.id, span, quote.speaker, quote.mention, quote.cue, quote.speaker_role))
            continue
        for content_start, content_end, mention_found in found:
            if people is None:
                people = ArticleSpeakers(text, masked, paragraph_starts, bounds)
            while added < len(attributed) and attributed[added][0] < mention_found.mention.start:
                m_start, m_end, name = attributed[added]  # the direct quotes' speakers so far, as attribution saw them
                people.add_speaker(name, m_start, m_end)
                added += 1
            speaker = _resolve(mention_found, people, text, None)
            if not speaker or speaker.lower() in ("it", "they", "we", "i", "you"):
                continue
            role = _role(mention_found, people, text, speaker)
            people.add_speaker(speaker, mention_found.mention.start, mention_found.mention.end)
            span = Span(content_start, content_end, content_start, content_end, text[content_start:content_end], INDIRECT)
            rows.append(Quote(article.id, span, speaker, _as_written(mention_found.mention, text),
                              _as_written(mention_found.cue, text), role))
    return rows


def _trailing_attributions(quotes: Sequence[Quote]) -> list[Quote]:
    """The attributed quotations whose speaker and cue stand after them (`"...," he said`), by start."""
    return [q for q in quotes if q.kind == QUOTE and q.speaker and q.mention is not None and q.cue is not None
            and q.span.parent is None and q.mention.start >= q.span.close_end and q.cue.start >= q.span.close_end]


def _mixed(masked: str, start: int, end: int, trailing: list[Quote], starts: list[int]) -> Quote | None:
    """`Right now, the campaign is "doing everything it can," he said.`: a quotation whose
    attribution follows it, after words of the sentence's own that lead into it, makes the
    sentence from its start to the quotation's end one reported statement of that speaker."""
    index = bisect_right(starts, start)
    for quote in trailing[index:]:
        if quote.span.open_start >= end:
            break
        if quote.mention.start >= end or quote.span.close_end > end:
            continue
        lead = masked[start : quote.span.open_start]
        if len(OWN_WORD.findall(lead)) >= MIN_CONTENT_WORDS and not lead.rstrip().endswith((":", ",")) and FILLER not in lead:
            return quote
        return None
    return None


def _layout(masked: str) -> tuple[list[int], list[int]]:
    """Paragraph and sentence starts of the masked text, as attribution finds them."""
    paragraph_starts = [0] + [m.end() for m in regex.finditer(r"\n\s*", masked)]
    starts = [0]
    for match in P.SENTENCE_END.finditer(masked):
        if match.group() == "." and P.ABBREVIATION.search(masked, max(0, match.start() - 6), match.end()):
            continue
        starts.append(match.end())
    return paragraph_starts, starts


def _statement(masked: str, start: int, end: int, cues: list[_Cue], closing_cue: int | None) -> list[tuple[int, int, _Found]] | None:
    """(content start, content end, speaker found) of the sentence ``masked[start:end]``, whose
    forward cues are ``cues``; ``closing_cue``: where the first cue word near its end stands."""
    if QUESTION_END.search(masked, max(start, end - 8), end):
        return None  # a question reports nothing as said
    opening = ACCORDING_OPENING.match(masked, start, end)
    if opening:
        return _listed(_content(masked, opening.end(), end, _found(opening, opening.start("mention"))))
    if masked.find("ccording to", start, end) >= 0:
        according = _according(masked, start, end)
        if according is not None:
            return [according]
    if closing_cue is not None:
        closing = _closing_attribution(masked, start, end)
        if closing is not None:
            return [closing]
    return _forward(masked, start, end, cues)


def _listed(found: tuple[int, int, _Found] | None) -> list[tuple[int, int, _Found]] | None:
    return None if found is None else [found]


def _according(masked: str, start: int, end: int) -> tuple[int, int, _Found] | None:
    """``CONTENT, according to SPEAKER.``, ``LEAD, according to SPEAKER, CONTENT.`` and
    ``CONTENT, according to SPEAKER, CONTENT.``: the content is the sentence less the cue."""
    match = ACCORDING_ANY.search(masked, start, end)
    if match is None:
        return None
    cue = match.span("cue")
    named = SPEAKER_AFTER_CUE.match(masked, cue[1], match.end())
    if named:
        found = _found(named, named.start("mention"), _Cue(masked[cue[0]:cue[1]], *cue))
    else:
        who = match.group("who")
        found = _Found(Mention(who, match.start("who"), match.end("who")), "description", Mention("according to", *cue))
    before = masked[start : cue[0]].rstrip()
    after_start = match.end() + 1 if masked[match.end() : match.end() + 1] == "," else match.end()
    own_before = len(OWN_WORD.findall(before))
    if before.endswith(",") and own_before >= MIN_CONTENT_WORDS:
        content_start = start + len(masked[start:cue[0]]) - len(masked[start:cue[0]].lstrip())
        if _blank_tail(masked, after_start, end):
            return _content(masked, content_start, cue[0], found, closed=True)
        return _content(masked, content_start, end, found)
    return _content(masked, after_start, end, found)


def _blank_tail(masked: str, start: int, end: int) -> bool:
    """Whether only closing punctuation stands in ``masked[start:end]``."""
    return _last_solid(masked, start, end, TRAILING) < start


def _closing_attribution(masked: str, start: int, end: int) -> tuple[int, int, _Found] | None:
    """``CONTENT, SPEAKER CUE.`` and ``CONTENT, CUE SPEAKER(, APPOSITION).``: the attribution
    closes the sentence; ``CONTENT, SPEAKER CUE, CONTENT.``: it stands inside it."""
    tail = _last_solid(masked, start, end, SENTENCE_TAIL)
    last = None
    for match in SENTENCE_ATTRIBUTION.finditer(masked, max(start, tail - CLOSING_REACH), end):
        last = match
    if last is None:
        plain = _closing_plain().search(masked, max(start, tail - CLOSING_REACH), tail + 1)
        if plain is None:
            return None
        found = _found(plain, plain.start("mention"))
        return _before_cue(masked, start, plain.start(), found)
    if masked[last.start()] != ",":
        return None
    mention_start = last.start("mention") if last.group("mention") else last.start("mention2")
    found = _found(last, mention_start)
    form = " ".join(found.cue.text.lower().split())
    if form != "according to" and reporting_verbs().get(form, (0, 0, 0))[2] < MIN_BEFORE_COUNT and form not in P.cue_lexicon():
        return None  # `..., the service he ran fizzled.`: no verb that reports speech
    if _negated(masked, mention_start, found.cue.end):
        return None
    if last.end() <= tail:
        if last.group("mention2") and APPOSITION_TAIL.fullmatch(masked, last.end(), tail + 1):
            return _before_cue(masked, start, last.start(), found)  # `, said Wilcox, an Orlando Republican.`
        if masked[last.end() : last.end() + 1] == "," and len(OWN_WORD.findall(masked, last.end(), end)) >= 2:
            return _content(masked, _skip_space(masked, start, last.start()), end, found)  # a parenthetical
        return None
    return _before_cue(masked, start, last.start(), found)


def _before_cue(masked: str, start: int, cue_start: int, found: _Found) -> tuple[int, int, _Found] | None:
    return _content(masked, _skip_space(masked, start, cue_start), cue_start, found, closed=True)


def _skip_space(masked: str, start: int, end: int) -> int:
    return start + len(masked[start:end]) - len(masked[start:end].lstrip())


def _forward(masked: str, start: int, end: int, cues: list[_Cue]) -> list[tuple[int, int, _Found]] | None:
    """``SPEAKER CUE (that) CONTENT``: the first reporting verb of the sentence with a subject."""
    verbs = reporting_verbs()
    for cue in cues:
        if masked[cue.start() - 1 : cue.start()] == FILLER:
            continue
        content_start = _content_start(masked, cue, end, verbs)  # the cheap test first
        if content_start is None:
            continue
        if cue.group().split()[0].endswith("ing"):  # `Trump hit back, saying ...`: the sentence's subject
            shared = _shared_subject(masked, start, cue)
            if shared is None or _negated(masked, shared.mention.end, cue.start()):
                continue
            return _listed(_content(masked, content_start, end, shared))
        # the sentence's opening subject (one anchored match), else attribution's nearest one
        subject = OPENING_SUBJECT.fullmatch(masked, start, cue.start()) if cue.start() - start <= SUBJECT_REACH else None
        if subject is None:
            subject = SUBJECT_BEFORE_CUE.search(masked, max(start, cue.start() - NEAR_SUBJECT_REACH), cue.start())
            if subject is None or _after_cue_word(masked, subject.start("mention")) or not _opens_clause(masked, start, subject.start("mention")):
                shared = _shared_subject(masked, start, cue)  # `Obama met survivors and said ...`
                if shared is None or _negated(masked, shared.mention.end, cue.start()):
                    continue
                return _coordinated(masked, content_start, end, shared, [c for c in cues if c.start() > content_start], verbs)
        if _negated(masked, subject.end("mention"), cue.end()):
            return None
        if PASSIVE.search(masked, subject.end("mention"), cue.start()):
            continue  # `Lazar was charged in ...`: the subject is not the one who speaks
        found = _found(subject, subject.start("mention"), cue)
        return _coordinated(masked, content_start, end, found, [c for c in cues if c.start() > content_start], verbs)
    return None


def _coordinated(masked: str, content_start: int, end: int, found: _Found, later: list[_Cue],
                 verbs: dict[str, tuple[int, int, int]]) -> list[tuple[int, int, _Found]] | None:
    """`Smith said A and insisted that B`: a second reporting verb of the same subject, joined
    by "and" or "but", ends the first content and opens a second one."""
    statements = []
    for cue in later:
        joint = COORDINATION.search(masked, max(content_start, cue.start() - 20), cue.start())
        second_start = joint and _content_start(masked, cue, end, verbs)
        if not second_start or cue.group().split()[0].endswith("ing"):
            continue
        first = _content(masked, content_start, joint.start(), found, closed=True)
        if first is not None:
            statements.append(first)
            found = _Found(found.mention, found.kind, Mention(cue.group(), cue.start(), cue.end()))
            content_start = second_start
    last = _content(masked, content_start, end, found)
    if last is not None:
        statements.append(last)
    return statements or None


def _content_start(masked: str, cue: regex.Match[str], end: int, verbs: dict[str, tuple[int, int, int]]) -> int | None:
    """Where the content after a reporting verb starts, past an object of "told", adverbials
    and "that", if what follows can be its content: a to-infinitive or on-phrase for the
    verbs that take one, a clause for the others."""
    form = " ".join(cue.group().lower().split())
    after, infinitive, _before = verbs.get(form, (0, 0, 0))
    position = cue.end()
    if masked.startswith(" by ", position):
        return None  # the passive `backed by`
    if form.split()[0] in OBJECT_VERBS:
        told = TOLD_OBJECT.match(masked, position, min(end, position + 50))
        if told:
            position = told.end()
    if masked[position : position + 1] == " " and INFINITIVE_OPENING.match(masked, position + 1, end):
        if form in SPEECH_ON_VERBS and ON_PHRASE.match(masked, position + 1, end):
            return position + 1  # `warned of delays`: the mined counts read "of" as no content
        if infinitive < MIN_CUE_COUNT or infinitive < after / 4:
            return None
        return position + 1
    if after < MIN_CUE_COUNT:
        return None
    tail = CUE_TAIL.match(masked, position, min(end, position + AFTER_CUE_REACH))
    if tail is None:
        return None
    content_start = tail.end()
    if INFINITIVE_OPENING.match(masked, content_start, end) or BAD_OPENING.match(masked, content_start, end):
        return None
    return content_start


def _opens_clause(masked: str, start: int, offset: int) -> bool:
    """Whether a subject at ``offset`` opens its sentence or a clause (after a comma, a
    conjunction, a lead word): not the object of another verb."""
    before = masked[max(start, offset - 30) : offset]
    if not before.strip():
        return True
    return bool(CLAUSE_BEFORE.search(before))


# What may stand right before a subject that opens a clause.
CLAUSE_BEFORE = regex.compile(
    r"(?:[,;:—–(]|\b(?:and|but|yet|so|while|although|though|because|as|when|after|before|since|meanwhile|also|however|then|now|still|instead|in[ ]+\p{L}+|on[ ]+\p{Lu}\p{Ll}+day)|\b(?:But|And|Yet|So|Still|Now|Meanwhile|Also|However|Instead|Then|Later))[ ]*$"
)


def _negated(masked: str, start: int, end: int) -> bool:
    return start < end and bool(NEGATION.search(masked, start, end))


def _content(masked: str, start: int, end: int, found: _Found, *, closed: bool = False) -> tuple[int, int, _Found] | None:
    """The content ``masked[start:end]`` cut at its clause's end and trimmed, if it has words of
    its own enough; ``closed``: the attribution stands after it, so it runs to ``end``."""
    if not closed:
        clause_end = CLAUSE_END.search(masked, start, end)
        if clause_end:
            end = clause_end.start()
    last = _last_solid(masked, start, end, TRAILING)
    if last < start:
        return None
    stop = last + 1
    # a closing mark of a quotation ending the content belongs to the span's words
    own = sum(1 for word in OWN_WORD.finditer(masked, start, stop) if FILLER not in word.group())
    if own < MIN_CONTENT_WORDS:
        return None
    while start < stop and masked[start] in " \n\"“”'‘’_(":
        if masked[start] == FILLER:
            break
        start += 1
    return start, stop, found
