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

Shapes 1 and 2 are read by ``quotes.reported_closing``, the subject of shape 3 is found by
``quotes.reported_subjects``, the asides and second statements inside a content by
``quotes.reported_clauses``, and ``quotes.reported_content`` cuts every content; the cue verbs
are the forms of ``reporting_verbs.tsv`` whose rows measured right on PolNeAR train
(``reported_cue_rows.tsv``).

Each row is a :class:`~quotes.types.Span` of kind ``indirect`` over the content (no marks, so
``open_start``/``close_end`` are the content's bounds too), with its speaker resolved through the
article's :class:`~quotes.speakers.ArticleSpeakers` exactly as attribution resolves a quote's.

Left out on purpose (precision first; a wrong row is worse than none): a cue under negation
(``did not say that``) or in a question; a content that is only a quotation (``Smith said:
"..."`` is the direct quote's row alone) or shorter than :data:`~quotes.reported_cues.MIN_CONTENT_WORDS` words of its
own; a cue with no content (``she said on Tuesday.``); a speaker that cannot be resolved.
Conditionals are kept: ``Smith said that if X, Y`` reports ``if X, Y``. A sentence with a
partial quotation (``Smith said the plan was "a failure"``) gives one row whose content holds
the quoted words; the quotation keeps its own row.

Linear: one pass over the sentences, each pattern matched at a point or over a bounded window.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from copy import copy
from typing import Sequence

import regex

from quotes.clauses import after_cue_word, shared_subject as _shared_subject  # the subject readings attribution uses
from quotes.layout import FILLER, _Layout, mask
from quotes.mentions import _as_written, _found, _Found, _resolve, _role
from quotes import patterns as P
from quotes.reported_cues import (  # the lexicon, the cue finder and the patterns of the shapes
    ACCORDING_OPENING,
    CLOSING_REACH,
    CONTENT_DATELINE,
    HEADLINE_CLOSING,
    HEADLINE_STATEMENT,
    MIN_MIXED_WORDS,
    NEAR_SUBJECT_REACH,
    NOT_SUBJECT,
    OPENING_REACH,
    OPENING_SUBJECT,
    OWN_WORD,
    PASSIVE,
    PROGRESSIVE_BE,
    QUESTION_END,
    SUBORDINATOR_LEAD,
    SUBORDINATORS,
    TIME_SUBJECT,
    VERB_IN_NAME,
    Cue,
    find_cues,
    reporting_verbs,
)
from quotes.reported_clauses import ASIDE_VERB, coordinated, inside_attribution, participle_after_aside
from quotes.reported_closing import according, closing_attribution
from quotes.reported_content import content, content_after_cue, content_span, negated, skip_space
from quotes.reported_subjects import (named_after_role, named_in_tail, relative_report, last_blocking, opens_clause, participle_subject,
                                      first_of_pair, plain_subject, second_of_pair, subject_before)
from quotes.reported_state import Attributed
from quotes.speakers import ArticleSpeakers
from quotes.types import INDIRECT, QUOTE, Article, Mention, Quote, Span

# A past verb and a determiner inside a "description", or a past verb after a name and before
# its object (no preposition, no noun of people: `People briefed on`, `Democratic registered
# voters`): a clause (`The event included a large`, `members of the Islamic State used technology`).
VERB_IN_DESCRIPTION = regex.compile(
    r"[ ]\p{Ll}{2,}ed[ ]+(?:a|an|the|his|her|their|its)[ ]"
    r"|(?<![\p{L}])(?!(?:The|An|This|That|These|Those|His|Her|Its|Their|Our)[ ])\p{Lu}[\p{L}.]+[ ]+\p{Ll}{2,}ed[ ]+(?P<object>\p{Ll}+)"
)
PREPOSITION_WORD = regex.compile(P.PREPOSITION)  # (a description's word after its past verb)
PASSIVE_REACH = 16  # how far before its cue the be-verb of a passive (`was charged`) stands: not in a relative clause
# A subordinating conjunction right before a subject (``SUBORDINATORS``): its clause ends at the next comma.
SUBORDINATE = regex.compile(rf"\b{SUBORDINATOR_LEAD}[ ]+$")
# ...or opening the sentence, read into a capitalised subject (`When Jane Roe announced ...`).
OPENING_SUBORDINATE = regex.compile(r"(?:" + "|".join(w.capitalize() for w in SUBORDINATORS) + r")[ ]+")
# ...and the main clause after it opens with a comma and its subject.
MAIN_CLAUSE = regex.compile(r",[ ]+(?:he|she|they|it|we|I|the|The|\p{Lu}\p{Ll}+\.?)[ ]")
# A share of people right before a participle cue: `with 50 percent saying`, `62 percent of voters saying`.
SHARE_BEFORE_PARTICIPLE = regex.compile(
    r"(?<![\p{L}\d])(?P<mention>(?P<description>(?:\d+|\d+\.\d+)[ ]*(?:%|percent)(?:[ ]+of[ ]+(?:the[ ]+|those[ ]+)?\p{Ll}+(?:[ ]+\p{Ll}+)?)?))[ ]+$"
)
BODY_REACH = 400  # how far before "they" the mention of the body it stands for may end
# A participle and its preposition opening the sentence: a lead (`Speaking on radio show X last
# week, Kiedis said`), not a name and its phrase before a cue.
PARTICIPLE_LEAD = regex.compile(r"\p{Lu}\p{Ll}+ing[ ]+(?:on|in|at|to|with|about|from|for|before|after|during)[ ]")
# What may stand between a quotation's attribution and a participle that goes on with it:
# a place or a time, then the comma (`said at a rally in San Diego, adding that`).
PARTICIPLE_JOINT = regex.compile(r"(?:[ ]+[^,.;:_\"“”\n]{1,60}?)?,[ ]+")


def indirect_in(article: Article, quotes: Sequence[Quote], *, state: Attributed | None = None) -> list[Quote]:
    """The reported statements of ``article``, whose quoted spans ``quotes`` are (as
    ``attribute.quotes_in`` gives them), in text order: rows of kind ``indirect``. ``state``:
    the direct pass's reading of the article (``attribute.attribute_with_state``), whose
    masked text, layout and speakers are then read instead of being made again."""
    text = article.text
    if state is not None and state.masked is not None and state.masked.count("\n") == text.count("\n"):
        masked, layout, people = state.masked, state.layout, _rewound(state.people)
    else:  # (a quotation over several paragraphs is blanked whole there: here its breaks stay)
        masked = mask(text, [q.span for q in quotes])
        layout, people = _Layout(masked), None
    paragraph_starts, sentence_starts = layout.paragraph_starts, layout.sentence_starts
    attributed = sorted((q.mention.start, q.mention.end, q.speaker) for q in quotes
                        if q.kind == QUOTE and q.speaker and q.mention is not None)
    # A mention that is also a quotation's speaker is that speaker here too: one reading of it.
    read_by_quote = {(m_start, m_end): name for m_start, m_end, name in attributed}
    added = 0
    rows: list[Quote] = []
    bounds = sentence_starts + [len(masked)]
    trailing = _trailing_attributions(quotes)
    trailing_starts = [q.span.open_start for q in trailing]
    quoted_ends = frozenset(q.span.close_end for q in quotes if q.kind == QUOTE)
    by_mention = sorted((q for q in quotes if q.kind == QUOTE and q.speaker and q.mention is not None), key=lambda q: q.mention.end)
    spoken = ([q.mention.end for q in by_mention], by_mention)
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
            if first == last and closing_cue is None and masked.find("ccording", start, end) < 0:
                found = None  # (no cue of any shape in the sentence: the cheap test first)
            else:
                found = _statement(masked, start, end, cues[first:last], closing_cue, quoted_ends)
        if found is None:
            after = bisect_left(trailing_starts, start)
            if after == len(trailing_starts) or trailing_starts[after] >= end:
                continue  # (no quotation with its attribution after it opens in the sentence: no piece of it)
            pieces = []
            quote = _mixed(masked, start, end, trailing, trailing_starts)
            if quote is not None:  # the quotation's own speaker, as attribution found it
                pieces.append((skip_space(masked, start, end), quote.span.close_end, quote, quote.cue))
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
            speaker = read_by_quote.get((mention_found.mention.start, mention_found.mention.end)) or \
                _resolve(mention_found, people, text, _last_body(mention_found, spoken, rows))
            if not speaker or speaker.lower() in ("it", "they", "we", "i", "you"):
                continue
            if TIME_SUBJECT.fullmatch(mention_found.mention.text) or NOT_SUBJECT.fullmatch(mention_found.mention.text):
                continue  # `This week saw a referendum`, `A few days ago ... he`: a time is no one's voice
            pair = second_of_pair(masked, mention_found.mention.start)
            first = _first_speaker(masked, text, start, pair, quoted_ends, people) if pair is not None else None
            if pair is not None and (first is None or first[0] == speaker):
                continue  # `exit polls in New Hampshire and Iowa show`: not Iowa's words (nor two of one name)
            if headline is not None and mention_found is headline[2] and " " not in speaker:
                continue  # `Analysis: ...`: a headline's lone word is nobody unless named in full
            mention = mention_found.mention
            if first is None:
                role = _role(mention_found, people, text, speaker)
            else:  # `Grassley and Leahy say`: both speak, one row of the two
                (first_name, first_mention), role = first, ""
                people.add_speaker(first_name, first_mention.start, first_mention.end)
            people.add_speaker(speaker, mention.start, mention.end)
            if first is not None:
                speaker = f"{first_name} and {speaker}"
                mention = Mention(text[first_mention.start : mention.end], first_mention.start, mention.end)
            if content_start == skip_space(masked, start, end):  # `EFE, Minsk, 30 June 2023 — The minister ...`
                dateline = CONTENT_DATELINE.match(masked, content_start, content_end)
                content_start = dateline.end() if dateline and dateline.end() < content_end else content_start
            span = Span(content_start, content_end, content_start, content_end, text[content_start:content_end], INDIRECT)
            rows.append(Quote(article.id, span, speaker, _as_written(mention, text), _as_written(mention_found.cue, text), role))
    return rows


def _first_speaker(masked: str, text: str, start: int, pair: regex.Match[str], quoted_ends: frozenset[int],
                   people: ArticleSpeakers) -> tuple[str, Mention] | None:
    """The first of two who speak together (`Grassley and Leahy say`; ``pair``: where
    ``second_of_pair`` found the "and"), resolved, and its mention; None where it is no
    subject or cannot be told (`in New Hampshire and Iowa`, `She and her aides`)."""
    first = first_of_pair(masked, start, pair, quoted_ends)
    if first is not None and first.group("mention").startswith(("Both ", "both ")):
        first = first_of_pair(masked, first.start("mention") + 5, pair, quoted_ends)
    if first is None or first.groupdict().get("pronoun"):
        return None
    kind = "name" if first.groupdict().get("name") else "description"
    mention = Mention(first.group("mention"), first.start("mention"), first.end("mention"))
    name = _resolve(_Found(mention, kind, None), people, text, None)
    return (name, mention) if name else None


def _rewound(people: ArticleSpeakers) -> ArticleSpeakers:
    """The direct pass's speakers with the names it indexed but none of the speakers it
    credited: this pass adds those again in text order (each before the mentions after it),
    so that a surname resolves to the person spoken of so far, not to the article's last
    speaker (`Cruz said` is Ted before the text quotes Heidi Cruz)."""
    fresh = copy(people)  # (the name index is shared: it depends on the text alone)
    fresh.speaker_starts, fresh.speaker_names, fresh.speaker_ends = [], [], []
    fresh._pronouns, fresh._canonical = {}, {}
    return fresh


def _last_body(found: _Found, spoken: tuple[list[int], list[Quote]], rows: list[Quote]) -> Quote | None:
    """For "they", "it", "we": the row whose speaker was mentioned last, close before (as
    attribution reads a quotation's "they said" after the last one's speaker); ``spoken``: the
    attributed quotations by where their mention ends."""
    if found.kind != "pronoun" or found.mention.text.lower() not in ("they", "it", "we"):
        return None
    start = found.mention.start
    ends, quoted = spoken
    index = bisect_right(ends, start) - 1
    candidates = [quoted[index]] if index >= 0 else []
    candidates += [row for row in rows[-3:] if row.mention is not None and row.mention.end <= start]
    last = max(candidates, key=lambda row: row.mention.end, default=None)
    return last if last is not None and start - last.mention.end <= BODY_REACH else None


def _headline(masked: str) -> tuple[int, int, _Found] | None:
    """The statement of a first line that names its speaker first (`Rush Limbaugh: ...`,
    `Bernie Sanders Says ...`), the whole line after the cue its content, or last (`..., Lindsey
    Graham Says`), the line before the comma its content."""
    line = P.HEADLINE_LINE.match(masked)
    if line is None:
        return None
    match = HEADLINE_STATEMENT.match(masked, 0, line.end())
    if match is not None:
        return content(masked, match.end(), line.end(), _found(match, match.start("mention")), closed=True)
    closing = HEADLINE_CLOSING.search(masked, 0, line.end())
    if closing is None:
        return None
    return content(masked, 0, closing.start(), _found(closing, closing.start("mention")), closed=True)


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
        if len(OWN_WORD.findall(lead)) >= MIN_MIXED_WORDS and not lead.rstrip().endswith((":", ",")) and FILLER not in lead:
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
            content_start = content_after_cue(masked, cue, end, verbs)
            content = content_span(masked, content_start, end) if content_start is not None else None
            if content is None:
                break
            return [(content[0], content[1], quote, Mention(cue.group(), cue.start(), cue.end()))]
    return []


def _statement(masked: str, start: int, end: int, cues: list[Cue], closing_cue: int | None,
               quoted_ends: frozenset[int]) -> list[tuple[int, int, _Found]] | None:
    """(content start, content end, speaker found) of the sentence ``masked[start:end]``, whose
    forward cues are ``cues``; ``closing_cue``: where the first cue word near its end stands."""
    if QUESTION_END.search(masked, max(start, end - 8), end):
        return None  # a question reports nothing as said
    cites = masked.find("ccording", start, end) >= 0  # (the cheap test first: most sentences cite no one so)
    opening = ACCORDING_OPENING.match(masked, start, end) if cites else None
    if opening:
        return _listed(content(masked, opening.end(), end, _found(opening, opening.start("mention"))))
    if cites and masked.find("ccording to", start, end) >= 0:
        cited = according(masked, start, end)
        if cited is not None:
            return [cited]
    if closing_cue is not None and OWN_WORD.search(masked, start, closing_cue) is not None:
        closing = closing_attribution(masked, start, end)  # (not after a quotation alone: `"...," he said.`)
        if closing is not None and closing[2].cue.start < closing[2].mention.start:
            forward = _forward(masked, start, end, cues, quoted_ends)  # `Smith, a Republican, said the family ...`:
            if forward and closing[0] <= forward[0][2].mention.start < closing[1]:  # the "content" is the subject
                return forward
        if closing is not None:
            return participle_after_aside(masked, end, closing, cues) or [closing]
    return _forward(masked, start, end, cues, quoted_ends)


def _clause_in(description: str) -> bool:
    """Whether a subject read as a description holds a clause (``VERB_IN_DESCRIPTION``)."""
    for verb in VERB_IN_DESCRIPTION.finditer(description):
        thing = verb.group("object")
        if thing is None or thing not in P.speaker_nouns() and not PREPOSITION_WORD.fullmatch(thing):
            return True
    return False


def _after_relative_aside(masked: str, subject: regex.Match[str], cues: list[Cue], cue: Cue) -> Cue | None:
    """Where ``cue`` is the verb of a relative clause between commas (`X, who requested
    anonymity, said`), the later cue after its closing comma: the sentence's main verb, whose
    subject is the relative's antecedent."""
    if subject.groupdict().get("pronoun") not in ("who", "which") or masked[subject.start("mention") - 2 : subject.start("mention")] != ", ":
        return None
    return next((later for later in cues if later.start() > cue.end() and masked[later.start() - 2 : later.start()] == ", "), None)


def _listed(found: tuple[int, int, _Found] | None) -> list[tuple[int, int, _Found]] | None:
    return None if found is None else [found]


def _forward(masked: str, start: int, end: int, cues: list[Cue], quoted_ends: frozenset[int]) -> list[tuple[int, int, _Found]] | None:
    """``SPEAKER CUE (that) CONTENT``: the first reporting verb of the sentence with a subject."""
    verbs = reporting_verbs()
    for cue in cues:
        if masked[cue.start() - 1 : cue.start()] == FILLER:
            continue
        content_start = content_after_cue(masked, cue, end, verbs)  # the cheap test first
        aside_only = content_start is None and masked.startswith(", ", cue.end()) and ASIDE_VERB.match(masked, cue.end() + 2, end)
        if aside_only:  # `Mr. Obama, officials said, has become ...`: only as an aside inside its content
            content_start = cue.end() + 2
        if content_start is None:
            relative = relative_report(masked, start, end, cue)
            if relative is not None:
                return [relative]
            continue
        participle = cue.group().split()[0].endswith("ing")
        progressive = PROGRESSIVE_BE.search(masked, max(start, cue.start() - 24), cue.start()) if participle else None
        verb_start = progressive.start() if progressive else cue.start()  # where the subject's verb starts
        if participle and progressive is None:  # `Trump hit back, saying ...`: the sentence's subject
            share = SHARE_BEFORE_PARTICIPLE.search(masked, max(start, cue.start() - 40), cue.start())
            if share is not None:  # `with 50 percent saying she is prepared`: the share of people says it
                return _listed(content(masked, content_start, end, _found(share, share.start("mention"), cue)))
            shared = _shared_subject(masked, start, cue) or participle_subject(masked, start, cue)
            if shared is None or negated(masked, shared.mention.end, cue.start()):
                continue
            return _listed(content(masked, content_start, end, shared))
        # the sentence's opening subject (one anchored match), else attribution's nearest one
        subject = None
        if verb_start - start <= OPENING_REACH and last_blocking(masked, start, verb_start) < start:
            subject = OPENING_SUBJECT.fullmatch(masked, start, verb_start)
            if subject is not None and subject.group("name") and (VERB_IN_NAME.search(subject.group("name"))
                                                                  or PARTICIPLE_LEAD.match(masked, subject.start("mention"))):
                subject = None  # `Warren commended Biden ... and said`: a clause, not a name (nor `Speaking on`)
            if subject is not None and subject.group("subordinate") and not subject.group("name"):
                nearer = subject_before(masked, subject.start("mention"), verb_start)  # `While the top candidates
                if nearer is not None and nearer.start("mention") == subject.start("mention"):  # of both parties say`:
                    subject = nearer  # the nearest reading keeps the phrase in the mention
            if subject is not None:  # `University of Ohio Student Association president Jane Roe said`: the name speaks
                subject = named_in_tail(masked, subject, verb_start) or subject
        if subject is None:
            subject = subject_before(masked, max(start, verb_start - NEAR_SUBJECT_REACH), verb_start)
            if subject is None or after_cue_word(masked, subject.start("mention")) or not (
                    opens_clause(masked, start, subject.start("mention"), quoted_ends)
                    or subject.group("name") and " " in subject.group("name") and named_after_role(masked, start, subject.start("mention"))):
                subject = plain_subject(masked, start, verb_start, quoted_ends)
            if subject is None and progressive is None:
                shared = _shared_subject(masked, start, cue) or participle_subject(masked, start, cue)  # `Obama met survivors and said ...`
                if shared is None or negated(masked, shared.mention.end, cue.start()):
                    continue
                return coordinated(masked, content_start, end, shared, [c for c in cues if c.start() > content_start], verbs)
            if subject is None:
                continue
        if subject.groupdict().get("description") and _clause_in(subject.group("description")):
            continue  # `The event included a large show`: a clause, not a description
        after_subject = subject.end("apposition") if subject.groupdict().get("apposition") else subject.end("mention")
        if negated(masked, after_subject, cue.end()):  # (`Roe, who did not run, said`: the apposition's own verb)
            return None
        passive_from = max(subject.end("mention"), cue.start() - PASSIVE_REACH, masked.rfind(",", max(0, cue.start() - PASSIVE_REACH), cue.start()) + 1)
        if progressive is None and PASSIVE.search(masked, passive_from, cue.start()):
            continue  # `Lazar was charged in ...`: the subject is not the one who speaks (`Roe, who is 28, said`: an apposition's verb is not the cue's)
        found = _found(subject, subject.start("mention"), cue)
        main_cue = _after_relative_aside(masked, subject, cues, cue)
        if main_cue is not None:  # `A White House official, who requested anonymity, said B`: two verbs, two statements
            own = content(masked, content_start, main_cue.start() - 2, found, closed=True)
            rest = _forward(masked, start, end, [c for c in cues if c.start() >= main_cue.start()], quoted_ends)
            return ([own] if own else []) + (rest or []) or None
        inside = inside_attribution(masked, start, end, subject.start("mention"), content_start, found)
        if inside is not None:
            return participle_after_aside(masked, end, inside, cues) or [inside]
        if aside_only:
            continue
        following = [c for c in cues if c.start() > content_start]
        if SUBORDINATE.search(masked, max(start, subject.start("mention") - 12), subject.start("mention")) or \
                OPENING_SUBORDINATE.match(masked, subject.start("mention")):
            main = MAIN_CLAUSE.search(masked, content_start, end)  # `While X says A, B`: the main clause is not A's
            if main:
                # ...and it may report speech of its own: `When he wrote his book, Smith said ...`
                later = [c for c in cues if c.start() >= main.end()]
                own = coordinated(masked, content_start, main.start(), found, following, verbs)
                rest = _forward(masked, main.start() + 2, end, later, quoted_ends) if later else None
                return (own or []) + (rest or []) or None
        return coordinated(masked, content_start, end, found, following, verbs)
    return None
