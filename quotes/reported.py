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
   resign, warned of delays), and ``SPEAKER asked whether ...`` for the verbs of asking;
5. ``"QUOTE," SPEAKER CUE, adding that CONTENT.``: a participle right after a quotation's
   attribution, with that quotation's speaker.

The subject of shape 3 is found by ``quotes.reported_subjects``; the cue verbs are the forms
of ``reporting_verbs.tsv`` whose rows measured right on PolNeAR train (``reported_cue_rows.tsv``).

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

from bisect import bisect_left, bisect_right
from typing import Sequence

import regex

from quotes.attribute import (  # the speaker reading attribution uses
    SPEAKER_AFTER_CUE,
    _after_cue_word,
    _shared_subject,
)
from quotes.layout import FILLER, SENTENCE_ATTRIBUTION, SENTENCE_TAIL, _last_solid, mask
from quotes.mentions import _as_written, _found, _Found, _resolve, _role
from quotes import patterns as P
from quotes.reported_cues import (  # the lexicon, the cue finder and the patterns of the shapes
    ACCORDING_ANY,
    ACCORDING_OPENING,
    AFTER_CUE_REACH,
    APPOSITION_TAIL,
    BAD_OPENING,
    CLAUSE_END,
    CLOSING_REACH,
    COMMA_BEFORE,
    COORDINATION,
    CUE_TAIL,
    HEADLINE_STATEMENT,
    Cue,
    INFINITIVE_OPENING,
    MIN_BEFORE_COUNT,
    MIN_CONTENT_WORDS,
    MIN_CUE_COUNT,
    NEAR_SUBJECT_REACH,
    OPENING_REACH,
    NEGATION,
    ASK_VERBS,
    ASKED_QUESTION,
    OBJECT_VERBS,
    ON_PHRASE,
    PRONOUN_COORDINATION,
    OPENING_SUBJECT,
    OWN_WORD,
    PASSIVE,
    QUESTION_END,
    SPEECH_ON_VERBS,
    TOLD_OBJECT,
    TRAILING,
    closing_plain,
    cue_forms,
    find_cues,
    reporting_verbs,
)
from quotes.reported_subjects import opens_clause, plain_subject, subject_before
from quotes.speakers import ArticleSpeakers
from quotes.types import INDIRECT, QUOTE, Article, Mention, Quote, Span

PASSIVE_REACH = 16  # how far before its cue the be-verb of a passive (`was charged`) stands: not in a relative clause
TAIL_REACH = 80  # how far before a sentence's end the cue of ``CUE_THEN_TAIL`` may stand
CLOSING_SUBJECT_REACH = 120  # how far before that cue the comma opening its attribution may stand
# A cue word closing a sentence but for a time, a place or the one told after it:
# `said Monday.`, `said on Saturday.`, `told POLITICO.`, `told reporters in Iowa.`
CUE_THEN_TAIL = regex.compile(
    r"(?<![\p{L}])(?P<cue>\p{Ll}{3,})(?:[ ]+(?:(?:on|in|at|during|to|via|from|after|before)[ ]+[^,;:\n_\"“”]{1,40}?"
    r"|(?:last|this|next)[ ]+\p{Ll}+|\p{Lu}\p{Ll}+day|yesterday|today|tonight|earlier|later|recently"
    r"|reporters|journalists|(?:the[ ]+)?\p{Lu}[\p{L}.’'&\-]*(?:[ ]+\p{Lu}[\p{L}.’'&\-]*){0,3})){1,3}[ ]*$"
)
# What may stand between a quotation's attribution and a participle that goes on with it:
# a place or a time, then the comma (`said at a rally in San Diego, adding that`).
PARTICIPLE_JOINT = regex.compile(r"(?:[ ]+[^,.;:_\"“”\n]{1,60}?)?,[ ]+")


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
    quoted_ends = frozenset(q.span.close_end for q in quotes if q.kind == QUOTE)
    cues, closers = find_cues(masked)
    cue_starts = [cue.start() for cue in cues]
    headline = _headline(masked)
    for start, end in zip(bounds, bounds[1:]):
        if end - start < 12:
            continue
        first, last = bisect_left(cue_starts, start), bisect_left(cue_starts, end)
        in_headline = headline is not None and start < headline[1]
        if in_headline:
            if start > 0:
                continue  # the rest of the headline line is the headline's statement
            found = [headline]
        else:
            closer = bisect_left(closers, max(start, end - CLOSING_REACH - 20))
            closing_cue = closers[closer] if closer < len(closers) and closers[closer] < end else None
            found = _statement(masked, start, end, cues[first:last], closing_cue, quoted_ends)
        if found is None:
            pieces = []
            quote = _mixed(masked, start, end, trailing, trailing_starts)
            if quote is not None:  # the quotation's own speaker, as attribution found it
                pieces.append((_skip_space(masked, start, end), quote.span.end, quote, quote.cue))
            if not in_headline:
                pieces += _participle_after_quote(masked, start, end, cues[first:last], trailing, trailing_starts)
            for content_start, content_end, quote, cue in pieces:
                span = Span(content_start, content_end, content_start, content_end, text[content_start:content_end], INDIRECT)
                rows.append(Quote(article.id, span, quote.speaker, quote.mention, cue, quote.speaker_role))
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
            if headline is not None and mention_found is headline[2] and " " not in speaker:
                continue  # `Analysis: ...`: a headline's lone word is nobody unless named in full
            role = _role(mention_found, people, text, speaker)
            people.add_speaker(speaker, mention_found.mention.start, mention_found.mention.end)
            span = Span(content_start, content_end, content_start, content_end, text[content_start:content_end], INDIRECT)
            rows.append(Quote(article.id, span, speaker, _as_written(mention_found.mention, text),
                              _as_written(mention_found.cue, text), role))
    return rows


def _headline(masked: str) -> tuple[int, int, _Found] | None:
    """The statement of a first line that names its speaker first (`Rush Limbaugh: ...`,
    `Bernie Sanders Says ...`), the whole line after the cue its content."""
    line = P.HEADLINE_LINE.match(masked)
    if line is None:
        return None
    match = HEADLINE_STATEMENT.match(masked, 0, line.end())
    if match is None:
        return None
    return _content(masked, match.end(), line.end(), _found(match, match.start("mention")), closed=True)


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


def _participle_after_quote(masked: str, start: int, end: int, cues: list[Cue], trailing: list[Quote],
                            starts: list[int]) -> list[tuple[int, int, Quote, Mention]]:
    """`"...," Trump said at a rally, adding that the judge was biased.`: a participle right after
    a quotation's attribution reports more of that speaker's words, without quote marks."""
    verbs = reporting_verbs()
    for quote in trailing[bisect_left(starts, start):]:
        if quote.span.open_start >= end:
            break
        attribution_end = max(quote.mention.end, quote.cue.end)
        for cue in cues:
            if cue.start() <= attribution_end or not cue.group().split()[0].endswith("ing"):
                continue
            if not PARTICIPLE_JOINT.fullmatch(masked, attribution_end, cue.start()):
                break
            content_start = _content_start(masked, cue, end, verbs)
            content = _content_span(masked, content_start, end) if content_start is not None else None
            if content is None:
                break
            return [(content[0], content[1], quote, Mention(cue.group(), cue.start(), cue.end()))]
    return []


def _layout(masked: str) -> tuple[list[int], list[int]]:
    """Paragraph and sentence starts of the masked text, as attribution finds them."""
    paragraph_starts = [0] + [m.end() for m in regex.finditer(r"\n\s*", masked)]
    starts = [0]
    for match in P.SENTENCE_END.finditer(masked):
        if match.group() == "." and P.ABBREVIATION.search(masked, max(0, match.start() - 6), match.end()):
            continue
        starts.append(match.end())
    return paragraph_starts, starts


def _statement(masked: str, start: int, end: int, cues: list[Cue], closing_cue: int | None,
               quoted_ends: frozenset[int]) -> list[tuple[int, int, _Found]] | None:
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
    return _forward(masked, start, end, cues, quoted_ends)


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
        found = _found(named, named.start("mention"), Cue(masked[cue[0]:cue[1]], *cue))
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
        plain = closing_plain().search(masked, max(start, tail - CLOSING_REACH), tail + 1)
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


def _closing_with_tail(masked: str, start: int, tail: int) -> tuple[int, int, _Found] | None:
    """``CONTENT, SPEAKER CUE Monday.``, ``CONTENT, SPEAKER told POLITICO.``: a closing
    attribution whose cue a time, a place or the one told follows."""
    after = CUE_THEN_TAIL.search(masked, max(start, tail - TAIL_REACH), tail + 1)
    if after is None or after.group("cue") not in cue_forms()[1]:
        return None
    cue_end = after.end("cue")
    comma = cue_end
    for _ in range(3):  # the comma before the subject, past its appositions
        comma = masked.rfind(",", max(start, comma - CLOSING_SUBJECT_REACH), comma)
        if comma < 0:
            return None
        match = SENTENCE_ATTRIBUTION.match(masked, comma, cue_end)
        if match is not None and match.group("cue") and match.end("cue") == cue_end:
            found = _found(match, match.start("mention"))
            if not _speaks(found) or _negated(masked, found.mention.start, found.cue.end):
                return None
            return _before_cue(masked, start, comma, found)
    return None


def _speaks(found: _Found) -> bool:
    """Whether the cue of an attribution after its content reports speech."""
    form = " ".join(found.cue.text.lower().split())
    return form == "according to" or reporting_verbs().get(form, (0, 0, 0))[2] >= MIN_BEFORE_COUNT or form in P.cue_lexicon()


def _before_cue(masked: str, start: int, cue_start: int, found: _Found) -> tuple[int, int, _Found] | None:
    return _content(masked, _skip_space(masked, start, cue_start), cue_start, found, closed=True)


def _skip_space(masked: str, start: int, end: int) -> int:
    return start + len(masked[start:end]) - len(masked[start:end].lstrip())


def _forward(masked: str, start: int, end: int, cues: list[Cue], quoted_ends: frozenset[int]) -> list[tuple[int, int, _Found]] | None:
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
        subject = OPENING_SUBJECT.fullmatch(masked, start, cue.start()) if cue.start() - start <= OPENING_REACH else None
        if subject is None:
            subject = subject_before(masked, max(start, cue.start() - NEAR_SUBJECT_REACH), cue.start())
            if subject is None or _after_cue_word(masked, subject.start("mention")) or not opens_clause(masked, start, subject.start("mention"), quoted_ends):
                subject = plain_subject(masked, start, cue.start(), quoted_ends)
            if subject is None:
                shared = _shared_subject(masked, start, cue)  # `Obama met survivors and said ...`
                if shared is None or _negated(masked, shared.mention.end, cue.start()):
                    continue
                return _coordinated(masked, content_start, end, shared, [c for c in cues if c.start() > content_start], verbs)
        if _negated(masked, subject.end("mention"), cue.end()):
            return None
        if PASSIVE.search(masked, max(subject.end("mention"), cue.start() - PASSIVE_REACH), cue.start()):
            continue  # `Lazar was charged in ...`: the subject is not the one who speaks
        found = _found(subject, subject.start("mention"), cue)
        return _coordinated(masked, content_start, end, found, [c for c in cues if c.start() > content_start], verbs)
    return None


def _coordinated(masked: str, content_start: int, end: int, found: _Found, later: list[Cue],
                 verbs: dict[str, tuple[int, int, int]]) -> list[tuple[int, int, _Found]] | None:
    """`Smith said A and insisted that B`, `Smith said A, noting that B`, `Smith said A, but she
    added B`: a second reporting verb in the content ends the first content and opens a second
    one, of the same subject (or of the pronoun before it)."""
    statements = []
    for cue in later:
        window = max(content_start, cue.start() - 20)
        joint = COORDINATION.search(masked, window, cue.start()) or COMMA_BEFORE.search(masked, window, cue.start())
        pronoun = None if joint else PRONOUN_COORDINATION.search(masked, window, cue.start())
        second_start = (joint or pronoun) and _content_start(masked, cue, end, verbs)
        if not second_start:
            continue
        participle = cue.group().split()[0].endswith("ing")
        if participle and not (joint and masked[joint.start()] == ","):
            continue  # `said A and saying B` is no English; `said A while saying B` no new statement
        first = _content(masked, content_start, (joint or pronoun).start(), found, closed=True)
        if first is None:
            continue
        statements.append(first)
        cue_mention = Mention(cue.group(), cue.start(), cue.end())
        if pronoun:
            found = _Found(Mention(pronoun.group("mention"), pronoun.start("mention"), pronoun.end("mention")), "pronoun", cue_mention)
        else:
            found = _Found(found.mention, found.kind, cue_mention)
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
    if form.split()[0] in ASK_VERBS and ASKED_QUESTION.match(masked, content_start, end):
        return content_start  # `a reporter asked if that remains his view`: the question asked
    if INFINITIVE_OPENING.match(masked, content_start, end) or BAD_OPENING.match(masked, content_start, end):
        return None
    return content_start


def _negated(masked: str, start: int, end: int) -> bool:
    return start < end and bool(NEGATION.search(masked, start, end))


def _content(masked: str, start: int, end: int, found: _Found, *, closed: bool = False) -> tuple[int, int, _Found] | None:
    """The content ``masked[start:end]`` of ``found``'s statement, as ``_content_span`` cuts it."""
    span = _content_span(masked, start, end, closed=closed)
    return None if span is None else (span[0], span[1], found)


def _content_span(masked: str, start: int, end: int, *, closed: bool = False) -> tuple[int, int] | None:
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
    return start, stop
