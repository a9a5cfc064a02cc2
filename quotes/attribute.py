"""Quoted spans + article text -> quotes with speakers and cues.

Works on a masked copy of the text in which the words inside quote marks are blanked out
(offsets unchanged), so cue words and names inside a quotation are never read as its
attribution. For each span, in order of trust:

1. a speaker and cue right after it: ``"...," Shoigu said`` / ``"...," said Shoigu`` /
   ``"..." ― Sonya Herridge``;
2. a cue before it in the same clause, with its subject: ``Shoigu proposed "..."``,
   ``The Cuban ruler added: "..."``, ``according to X, "..."``;
3. a cue elsewhere in the sentence that governs all of it: ``..., Shoigu summarized, ...`` or
   ``..., Prensa Latina reported.``;
4. a quote that opens its sentence with no cue continues the previous quote's speaker.

A quote none of these reach keeps an empty speaker: a wrong speaker is worse than none.
A quotation re-opened in new paragraphs is attributed whole, then given one row per paragraph.

The cost is linear in the text. Every search around a span runs over a window of bounded
size (``WINDOW``, ``SUBJECT_REACH``, ``CONTINUATION_REACH``; ``speakers.SUBJECT_SPAN``), and what
depends only on the article or on one sentence (the headline speaker, the cue parentheticals
of a sentence) is found once, not once per span. The one reading of a whole sentence left is
``_previous_sentence``'s, and it reads each sentence at most once: only the quote opening the
next sentence asks.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import regex

from quotes import patterns as P
from quotes.extract import find_spans, paragraph_pieces
from quotes.clauses import (HEARER_CUES, after_cue_word, characterised_as, clause_before_colon, document_read, possessive_cue,
                            reported_speaker, shared_subject)
from quotes.layout import _blank, _last_solid, _Layout, mask
from quotes.mentions import _as_written, _found, _Found, _resolve, _role
from quotes.speakers import ArticleSpeakers
from quotes.reported_state import Attributed
from quotes.types import NICKNAME, QUOTE, SCARE, TITLE, Article, Quote, Span

WINDOW = 230  # how far before a quote (within its clause) a cue may stand
SUBJECT_REACH = 160  # how far before its cue a subject may start, apposition included
# How far after the last quote's attribution a quote opening its sentence may continue that
# speaker: farther, and a reader has long lost the thread (the longest in PolNeAR is ~1,000).
CONTINUATION_REACH = 4000
PARTICIPLE_NAME_REACH = 80  # a name and its "of" place before a participle cue
SAME_CLAUSE_REACH = 120  # how far after a quotation another of the same reported clause may open
RESUME_REACH = 200  # how far after its attribution a quotation may go on in the same sentence
NAMING_CUES = ("called", "named", "dubbed", "nicknamed", "titled")  # cues that may only name what follows
SHORT_WORDS = 3  # a lower-case quotation this short before `X said the ...` is a scare quote of the clause
PROMOTABLE = (QUOTE, SCARE, NICKNAME)  # span kinds a governing cue makes someone's words


APPOSITION = P.APPOSITION
# Right after a quote: speaker, then cue. `"...," Shoigu said` / `," the soldier promised` /
# `," the email read.`
AFTER_SPEAKER_CUE = regex.compile(
    rf"[ ,]*(?P<mention>{P.SUBJECT}|(?P<name>{P.LOOSE_NAME})(?:[ ]\([^()\n]{{1,30}}\))?){APPOSITION}{P.GAP}(?P<cue>{P.CUE}|{P.VERB_IN_CUE_POSITION}|read)(?![\p{{L}}])"
)
# Right after a quote: a name, two appositions, a cue of the lexicon. `," Jo Roe, the attorney
# general of Oklahoma, one of the states suing, said`.
AFTER_NAME_TWO_APPOSITIONS = regex.compile(
    rf"[ ,]*(?P<mention>(?P<name>{P.NAME}))(?P<apposition>,[ ]+[^,;:\n_]{{1,120}},)[ ]+[^,;:\n_\"“”]{{1,80}},"
    rf"{P.GAP}(?P<cue>{P.CUE})(?![\p{{L}}])"
)
# Right after a quote: a pronoun and any verb. `"...," she yells`.
AFTER_PRONOUN_VERB = regex.compile(
    rf"[ ,]*(?P<mention>(?P<pronoun>{P.PRONOUN})){P.GAP}(?P<cue>\p{{Ll}}{{2,}}(?:s|ed))(?![\p{{L}}])"
)
# Right before a quote: speaker, verb, colon (where an -s word is a verb too).
# `The New York Times reports: "..."`.
BEFORE_COLON = regex.compile(
    rf"(?P<mention>{P.SUBJECT}){APPOSITION}{P.GAP}(?:(?P<cue>{P.CUE}|{P.VERB_IN_CUE_POSITION}|{P.SPEECH_IRREGULAR})"
    rf"{P.CUE_MEDIUM}?|(?P<cue>\p{{Ll}}{{2,}}s))[ ]*:[ ]*$"
)
# Where a mention read forwards ends: punctuation, or a word that cannot be part of it.
MENTION_END = rf"(?=[ ]*(?:[,.;:!?()\n\"“«„]|$)|[ ]+(?:{P.PREPOSITION}|{P.DESCRIPTION_STOP})(?![\p{{L}}]))"
# A number that opens a description: `said 9/11 widow Jo Roe`, `said 29-year-old Jo Roe`.
NUMBER_MODIFIER = r"(?:\p{N}[\p{N}/\-\p{Ll}]*[ ]+)?"
# Right after a quote: cue, then speaker. `"...," said Shoigu` / `," according to the report`.
# (A description may be followed by the name it stands for: `," said a Twitter user, Jo Roe.`)
AFTER_CUE_SPEAKER = regex.compile(
    rf"[ ,]*(?P<cue>(?i:{P.CUE}))[ ]+{NUMBER_MODIFIER}(?P<mention>{P.MENTION}|(?P<name>{P.LOOSE_NAME})){MENTION_END}"
    rf"(?:(?P<apposition>,[ ]+{P.NAME})(?=[ ]*(?:[,.;:!?()\n]|$)))?"
)
# A dash and a name closing the paragraph: `"..." ― Sonya Herridge`.
AFTER_DASH_NAME = regex.compile(
    rf"[ \u00a0]*(?P<cue>―|—|–|--)[ \u00a0]*(?P<mention>(?P<name>{P.NAME}))[ .,\u00a0]*(?:\n|$|(?=[“\"]))"
)
# A line of its own under a quotation, a dash and a name: `"..."\n\n- Hillary Clinton.`
AFTER_DASH_LINE = regex.compile(
    rf"[ \u00a0]*\n\s*(?P<cue>―|—|–|--|-)[ \u00a0]*(?P<mention>(?P<name>{P.NAME}))[ .\u00a0]*(?:\n|$)"
)
# The subject of a cue, ending where the cue begins.
# (A full name between commas may take its cue after its closing comma: `Another delegate on
# the slate, Jim Poolman, said`; one word there is as often a place: `Columbus, Ohio, said`.)
SUBJECT_BEFORE_CUE = regex.compile(
    rf"(?P<mention>{P.SUBJECT}|(?<=,[ ])(?P<name>(?:{P.NAME_WORD})(?:[ ]+(?:{P.NAME_WORD})){{1,3}}),)"
    rf"{APPOSITION}{P.GAP}$"
)
# The speaker after "according to", "said", "told by".
SPEAKER_AFTER_CUE = regex.compile(rf"[ ]+(?P<mention>{P.MENTION}|(?P<name>{P.LOOSE_NAME})){P.SPEAKER_END}")




def quotes_in(article: Article) -> list[Quote]:
    """Every quoted span of an article, attributed: the one-call entry to the regex layer."""
    return attribute(article, find_spans(article.text))


def attribute(article: Article, spans: Sequence[Span]) -> list[Quote]:
    """Attribute each span of ``article`` (as found by ``find_spans``) to its speaker."""
    return attribute_with_state(article, spans).quotes


def attribute_with_state(article: Article, spans: Sequence[Span]) -> Attributed:
    """``attribute``'s quotes with the masked text, layout and speakers it read them from
    (for the reported-speech pass, ``quotes.reported_state``)."""
    if not any(span.parent is None and span.kind in PROMOTABLE for span in spans):
        return Attributed([Quote(article.id, span) for span in spans])  # nothing to attribute
    text = article.text
    masked = mask(text, spans)
    layout = _Layout(masked)
    layout.titles = [(span.start, span.end) for span in spans if span.kind == TITLE]
    people = ArticleSpeakers(text, masked, layout.paragraph_starts, layout.sentence_starts + [len(masked)])
    quotes: list[Quote] = []
    last: Quote | None = None
    for span in spans:
        found = None
        if span.parent is None and span.kind in PROMOTABLE:
            found = _find(span, masked, layout, last)
        if found is not None and _hearer(found, masked):
            found = None  # `his salespersons were told, "..."`: who was told did not say it
        if found is None:
            quotes.append(Quote(article.id, span))
            continue
        if found.cue is None and last is not None:  # a continuation: same speaker, same mention
            quote = Quote(article.id, _promote(span), last.speaker, last.mention, None, last.speaker_role)
        else:
            speaker = _resolve(found, people, text, last if last and _near(last, span, layout) else None)
            if not speaker:
                quotes.append(Quote(article.id, span))
                continue
            role = _role(found, people, text, speaker)
            quote = Quote(article.id, _promote(span), speaker, _as_written(found.mention, text),
                          _as_written(found.cue, text), role)
            people.add_speaker(speaker, found.mention.start, found.mention.end)
        quotes.append(quote)
        if quote.kind == QUOTE:
            last = quote
    return Attributed(_by_paragraph(quotes, text), masked, layout, people)


def _by_paragraph(quotes: list[Quote], text: str) -> list[Quote]:
    """A quotation re-opened in new paragraphs gives one row per paragraph, each with the
    whole quotation's speaker and cue (how a reader, and the gold sets, count them); spans
    nested in it point at the piece that holds them."""
    if not any("\n" in quote.span.text for quote in quotes):
        return quotes
    pieces: list[list[Quote]] = []
    for quote in quotes:
        spans = paragraph_pieces(quote.span, text) if "\n" in quote.span.text else [quote.span]
        if len(spans) > 1 and any(P.TURN_LABEL.match(span.text) for span in spans):
            quote = Quote(quote.article, quote.span)  # a transcript: each turn is another speaker's
        pieces.append([replace(quote, span=span) for span in spans])
    first = [0] * len(pieces)
    for index in range(1, len(pieces)):
        first[index] = first[index - 1] + len(pieces[index - 1])
    result = []
    for group in pieces:
        for quote in group:
            parent = quote.span.parent
            if parent is not None:
                holders = [i for i, held in enumerate(pieces[parent]) if held.span.start <= quote.span.start]
                quote = replace(quote, span=replace(quote.span, parent=first[parent] + (holders[-1] if holders else 0)))
            result.append(quote)
    return result






def _find(span: Span, masked: str, layout: _Layout, last: Quote | None) -> _Found | None:
    sentence_start, sentence_end = layout.sentence(span.open_start)
    ends_sentence = span.text.rstrip().endswith(".") and not P.SENTENCE_GOES_ON.match(masked, span.close_end)
    # (`"...done." He said` starts a new sentence; `"...done." he said` does not)
    for pattern in _after_quote(masked, span.close_end, ends_sentence):
        if pattern is AFTER_DASH_LINE and not _blank(masked, layout.paragraph_starts[layout.paragraph(span.open_start)], span.open_start):
            continue  # `...called him "my friend."\n\n- Reuters.`: an agency's credit line, not the speaker
        match = pattern.match(masked, span.close_end, min(len(masked), span.close_end + WINDOW))
        if match:
            if match.group("cue").lower() == "according to":
                # `Jo Roe called it "a breach," according to NBC`: the outlet reports, Jo Roe said it
                before = _cue_before(span, masked, layout, sentence_start)
                if before is not None and before.cue.text.lower() in P.cue_lexicon() and before.cue.text.lower() != "according to":
                    return before
            if len(span.text.split()) <= SHORT_WORDS and span.text[:1].islower() and P.CLAUSE_GOES_ON.match(masked, match.end()):
                return None  # `Asked about the "deal," Jo Roe said the talks failed`: the cue reports its own clause
            if P.INTRODUCES_QUOTE.match(masked, match.end()) and span.text.rstrip()[-1:] in "?!":
                # `"...exempt?" Jo Roe said, "..."`: the attribution introduces the next quote;
                # this one keeps its own cue before it, if it has one
                before = _cue_before(span, masked, layout, sentence_start)
                if before is not None:
                    return before
            return _found(match, match.start("mention"))
    found = _resumed(span, masked, layout, last) or _joined(span, masked, last)
    if found is not None:
        return found
    found = _cue_before(span, masked, layout, sentence_start)
    if found is not None and span.kind in (NICKNAME, TITLE) and _names_it(found, masked, span):
        return None  # `a popular play called "Los Hijos de Trump"`: a name given, no one's words
    if found is None:
        found = _sentence_attribution(span, layout, sentence_start, sentence_end)
    if found is None:
        found = _same_clause(span, masked, last)
    if found is None:
        opening = P.AS_OPENING.match(masked, sentence_start, span.open_start)
        if opening:  # `As Ms. Roe put it in a statement, RT is "..."`
            found = _found(opening, opening.start("mention"))
    if found is None and span.kind == QUOTE and _opens_sentence(masked, sentence_start, span.open_start):
        found = _continuation(span, masked, layout, last) or _previous_sentence(span, masked, layout, last)
    if found is None and layout.paragraph(span.open_start) == 0:
        found = layout.headline() or layout.title_case_speaker(span.open_start)
    return found


# What may follow a quote, by the first character after its closing mark (spaces and commas
# skipped): the patterns that can match there, in order of trust; none before other marks.
_AFTER_WORD = (AFTER_SPEAKER_CUE, AFTER_PRONOUN_VERB, AFTER_CUE_SPEAKER, AFTER_NAME_TWO_APPOSITIONS)
_AFTER_DASH = (AFTER_DASH_NAME,)
_AFTER_LINE_END = (AFTER_DASH_LINE,)


def _after_quote(masked: str, close_end: int, ends_sentence: bool) -> tuple[regex.Pattern[str], ...]:
    """The after-quote patterns worth trying: a quote ending its paragraph can only be signed
    on the next line, one before a word only by a speaker or a cue (the dearest patterns)."""
    end, at = len(masked), close_end
    while at < end and masked[at] in " ,\u00a0":
        at += 1
    first = masked[at] if at < end else "\n"
    if first == "\n":
        return _AFTER_LINE_END
    if first in "―—–-":
        return _AFTER_DASH
    return () if ends_sentence or not first.isalpha() else _AFTER_WORD


def _hearer(found: _Found, masked: str) -> bool:
    """Whether the mention is the one a passive "told" addressed (no agent was found for it)."""
    cue = found.cue
    return cue is not None and cue.text.lower() == "told" and found.mention.end <= cue.start \
        and bool(P.PASSIVE_BEFORE.search(masked, max(0, cue.start - 12), cue.start))


def _names_it(found: _Found, masked: str, span: Span) -> bool:
    """Whether the cue before a capitalised span only names it: "called", "named" or "dubbed"
    right before the quote mark, with no object between (`called him "Little Marco"` speaks)."""
    cue = found.cue
    return cue is not None and cue.text.lower() in NAMING_CUES and _blank(masked, cue.end, span.open_start)


def _resumed(span: Span, masked: str, layout: _Layout, last: Quote | None) -> _Found | None:
    """`"...," said the senator, "because ..."`: a quotation that goes on in the sentence after
    its attribution is the same speaker's (a cue of someone else's between stops it)."""
    if last is None or not last.speaker or last.mention is None or last.cue is None:
        return None
    own_end = max(last.mention.end, last.cue.end)
    if last.mention.start < last.span.close_end or not own_end <= span.open_start <= own_end + RESUME_REACH:
        return None  # the attribution stands before its quote, or too far from this one
    if layout.sentence(span.open_start)[0] > last.span.open_start:
        return None  # a new sentence: _continuation decides
    if not P.RESUMED_AFTER.fullmatch(masked, own_end, span.open_start):
        return None
    cues = P.CUE_IN_TEXT.finditer(masked, own_end, span.open_start)
    if any(not cue.group().lower().endswith("ing") for cue in cues):
        return None  # `"...," he said, and Smith replied, "..."`
    return _Found(last.mention, "continuation", None)


def _joined(span: Span, masked: str, last: Quote | None) -> _Found | None:
    """`X said "..." and "..."`: a quotation joined to the last one by "and" or "or" in one
    clause is the same speaker's, when that one's cue stands before it."""
    if not _cued_before(last) or not P.JOINING.fullmatch(masked, last.span.close_end, span.open_start):
        return None
    return _Found(last.mention, "continuation", None)


def _cued_before(last: Quote | None) -> bool:
    """Whether the last quote has a speaker and a mention, and its cue stands before it."""
    return last is not None and bool(last.speaker) and last.mention is not None and last.cue is not None \
        and last.cue.end <= last.span.open_start


def _same_clause(span: Span, masked: str, last: Quote | None) -> _Found | None:
    """`X said the deal was "dead" and that voters were "angry"`: a later quotation of the
    clause the last one's cue (before it) reports, with no cue, clause break or sentence end
    between; tried only where nothing nearer attributes it."""
    if not _cued_before(last):
        return None
    if span.open_start - last.span.close_end > SAME_CLAUSE_REACH or last.span.text.rstrip()[-1:] in ".!?" \
            or not P.SAME_CLAUSE.fullmatch(masked, last.span.close_end, span.open_start):
        return None  # (`calling him "a failed candidate." Romney fired back`: a new sentence)
    if P.CUE_IN_TEXT.search(masked, last.span.close_end, span.open_start) or P.CLAUSE_BREAK.search(masked, last.span.close_end, span.open_start) \
            or P.PARENTHETICAL_VERB.search(masked, last.span.close_end, span.open_start):
        return None
    return _Found(last.mention, "continuation", None)


def _cue_before(span: Span, masked: str, layout: _Layout, sentence_start: int) -> _Found | None:
    """The last cue before the span in its clause, with its subject."""
    start = max(sentence_start, span.open_start - WINDOW)
    paragraph_start = layout.paragraph_starts[layout.paragraph(span.open_start)]
    if paragraph_start > 0 and _blank(masked, paragraph_start, span.open_start):
        previous = _last_solid(masked, 0, paragraph_start) + 1  # a quote paragraph after "he said:"
        if previous > 0 and masked[previous - 1] == ":":
            start = max(layout.sentence(previous - 1)[0], previous - WINDOW)
            return _cue_in(masked, start, previous)
    mark = masked[max(start, span.open_start - 3) : span.open_start].rstrip()[-1:]
    if mark in (":", ","):  # `Graham spoke on Fox News, "..."` / `The ministry wrote: "..."`
        pattern = BEFORE_COLON if mark == ":" else P.BEFORE_COMMA
        introduced = pattern.search(masked, max(start, span.open_start - SUBJECT_REACH), span.open_start)
        if introduced:
            return _found(introduced, introduced.start("mention"))
    if mark in (":", ","):
        put_it = P.AS_PUT_IT.search(masked, max(start, span.open_start - SUBJECT_REACH), span.open_start)
        if put_it:  # `As Tom Ridge, a former secretary, put it: "..."`
            return _found(put_it, put_it.start("mention"))
    if mark in (":", ","):
        participle = P.PARTICIPLE_BEFORE_MARK.search(masked, max(start, span.open_start - 60), span.open_start)
        shared = participle and shared_subject(masked, sentence_start, participle)
        if shared:  # `Bolton gave his account, also speaking via Twitter: "..."`
            return shared
    if mark == ":":
        if 0 < paragraph_start == sentence_start:  # `Jane Roe, The Daily Planet: "..."`, `Rep. Trey Gowdy (R-S.C.): "..."`
            roundup = P.ROUNDUP_SPEAKER.fullmatch(masked, paragraph_start, span.open_start)
            if roundup:
                return replace(_found(roundup, roundup.start("mention")), kind="roundup")
        dashed = P.DASH_ROUNDUP_SPEAKER.search(masked, max(paragraph_start, span.open_start - 60), span.open_start)
        if dashed:  # `POLLS NOT WRONG, JUST EARLY - Mark Blumenthal: "..."`
            return replace(_found(dashed, dashed.start("mention")), kind="roundup")
        inverted = _cue_in(masked, start, span.open_start, inverted=True)  # `Said Ellis: "..."`
        if inverted:
            return inverted
    if mark == "," and P.INVERTED_OPENING.match(masked, sentence_start, span.open_start):
        inverted = _cue_in(masked, sentence_start, span.open_start, inverted=True)  # `Said Comey, "..."`
        if inverted:
            return inverted
    breaks = list(P.CLAUSE_BREAK.finditer(masked, start, span.open_start))
    if breaks:
        start = breaks[-1].end()
    found = document_read(masked, start, span.open_start)  # before its verb: `released a statement which read`
    if found is None:
        found = _cue_in(masked, start, span.open_start, sentence_start=sentence_start)
    if found is None and mark == ":" and span.kind == QUOTE:
        found = clause_before_colon(masked, sentence_start, span)
    if found is None and masked.endswith((" as", " as a", " as an"), 0, span.open_start - 1):
        found = characterised_as(masked, sentence_start, span)
    if found is None:
        owned = possessive_cue(masked, start, span.open_start)
        if owned and masked.find(":", sentence_start, owned.start()) < 0:  # `Trump's claim that there were "..."`
            found = _found(owned, owned.start("mention"))
    return found


def _cue_in(masked: str, start: int, end: int, *, inverted: bool = False,
            sentence_start: int | None = None) -> _Found | None:
    """The speaker of the last cue in ``masked[start:end]``: its subject, or the name after
    it for "according to" (and for `said Mr. Kamin` when ``inverted``). With
    ``sentence_start``, a quotation follows in the clause: the forms that are cues only then
    count too, and a cue without a subject may take its sentence's (``_shared_subject``)."""
    cue_pattern = P.CUE_IN_TEXT if sentence_start is None else P.CUE_BEFORE_QUOTE
    cues = list(cue_pattern.finditer(masked, start, end))
    if not cues:
        return None
    cue = cues[-1]
    if inverted and cue.group().lower() in HEARER_CUES:
        return None  # `Jo Roe, told the press: "..."`: who is told is not who speaks
    if inverted or cue.group().lower().startswith("according"):
        opens_clause = _blank(masked, start, cue.start()) or P.CLAUSE_OPENING.search(masked, max(start, cue.start() - 3), cue.start())
        if inverted and not opens_clause:
            return None  # `Trump Praises Boyle:` is no inverted `Said Ellis:`; only a clause opens so
        match = SPEAKER_AFTER_CUE.match(masked, cue.end(), end)
        return _found(match, match.start("mention"), cue) if match else None
    # The last cue with a subject; `Trump said, adding later, "..."`: a participle's is the one before.
    candidates = cues[::-1][:3]
    for candidate in candidates:
        if candidate.group().lower().endswith("ing") and _capitalised_before(masked, candidate.start()):
            # `footage of Hillary Clinton asking, "..."`
            named = P.NAME_BEFORE_PARTICIPLE.search(masked, max(start, candidate.start() - PARTICIPLE_NAME_REACH), candidate.start())
            if named:
                return _found(named, named.start("mention"), candidate)
        if _participle(masked, candidate, start):
            continue  # `In December, the prince left, calling him "..."`: not December's words
        match = SUBJECT_BEFORE_CUE.search(masked, max(start, candidate.start() - SUBJECT_REACH), candidate.start())
        if match and (not after_cue_word(masked, match.start("mention")) or reported_speaker(masked, match, candidate)):
            return _found(match, match.start("mention"), candidate)
        if candidate is cue and sentence_start is not None and masked.endswith(" and ", 0, cue.start()):
            shared = shared_subject(masked, sentence_start, cue)  # `Warren commended Biden and said "..."`
            if shared:
                return shared
    return shared_subject(masked, sentence_start, cue) if sentence_start is not None else None


def _capitalised_before(masked: str, offset: int) -> bool:
    """Whether the word right before ``offset`` (after one space) is capitalised."""
    space = masked.rfind(" ", max(0, offset - 40), offset - 1)
    return offset >= 2 and masked[offset - 1] == " " and masked[space + 1 : space + 2].isupper()


def _participle(masked: str, cue: regex.Match[str], start: int) -> bool:
    """A cue in -ing after a comma, or one that is a cue only before a quotation: it has no
    subject of its own right before it (`the ad calling it "..."` is the advertiser's)."""
    word = cue.group().split()[0].lower()
    if not word.endswith("ing") or P.PROGRESSIVE_BEFORE.search(masked, max(start, cue.start() - 12), cue.start()):
        return False  # a finite verb, `Huckabee is labeling them "..."` too
    return word not in P.cue_lexicon() or masked[max(start, cue.start() - 2) : cue.start()].rstrip().endswith(",")


def _previous_sentence(span: Span, masked: str, layout: _Layout, last: Quote | None) -> _Found | None:
    """A quote standing alone after `X said of RT.` or `said Y, an adviser.` is theirs."""
    previous_end = layout.sentence(span.open_start)[0]
    if previous_end == 0 or layout.paragraph(span.open_start) - layout.paragraph(previous_end - 1) > 1:
        return None
    start = layout.sentence(previous_end - 1)[0]
    if last is not None and last.span.close_end > start or layout.quoted_words(start, previous_end):
        return None  # the previous sentence holds a quote of its own: that one decides
    return _cue_in(masked, start, previous_end) or _cue_in(masked, start, previous_end, inverted=True)


def _sentence_attribution(span: Span, layout: _Layout, start: int, end: int) -> _Found | None:
    """`..., Shoigu summarized, ...` anywhere in the sentence, or `, X reported.` after the span."""
    parenthetical, closing = layout.attributions(start, end)
    match = parenthetical or (closing if closing and closing.start() >= span.close_end - 1 else None)
    if match is None:
        return None
    return _found(match, match.start("mention") if match.group("mention") else match.start("mention2"))


def _continuation(span: Span, masked: str, layout: _Layout, last: Quote | None) -> _Found | None:
    """A quote that opens its sentence, right after another quote of a known speaker."""
    if last is None or not last.speaker:
        return None
    own_end = max(last.span.close_end, last.cue.end if last.cue else 0, last.mention.end if last.mention else 0)
    if own_end < span.open_start:  # the rest of the sentence that attributes the last quote is its own
        own_end = min(layout.sentence(own_end)[1], span.open_start)
    if layout.paragraph(span.open_start) - layout.paragraph(last.span.close_end) > 2:
        return None
    if span.open_start - own_end > CONTINUATION_REACH:
        return None
    between = masked[own_end : span.open_start] if own_end <= span.open_start else ""
    if P.CUE_IN_TEXT.search(between) and not between.rstrip().endswith(":"):
        return None
    return _Found(last.mention, "continuation", None) if last.mention else None










def _opens_sentence(masked: str, sentence_start: int, open_start: int) -> bool:
    """Whether a quotation opens its sentence: nothing but white space before it, or the
    closing mark of the sentence before (`on ABC's "This Week." "..."`)."""
    closing = P.CLOSING_MARKS.match(masked, sentence_start, open_start)
    return _blank(masked, closing.end() if closing else sentence_start, open_start)


def _near(last: Quote, span: Span, layout: _Layout) -> bool:
    return layout.paragraph(span.open_start) - layout.paragraph(last.span.close_end) <= 1








def _promote(span: Span) -> Span:
    return span if span.kind == QUOTE else replace(span, kind=QUOTE)
