"""The masked text of an article and its layout: paragraphs, sentences, the headline.

``mask`` blanks the words inside quote marks (offsets unchanged) so that attribution never
reads a quotation's own words as its cue; ``_Layout`` finds the paragraph and sentence starts
of the masked text once, and reads once per article or per sentence what every span of it may
ask (the headline's speaker, a sentence's cue parentheticals).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Iterable

import regex

from quotes import patterns as P
from quotes.mentions import _found, _Found
from quotes.types import Span

APPOSITION = P.APPOSITION
FILLER = "_"  # stands in for every character inside quote marks in the masked text

# Horizontal spaces the patterns read as a plain space (one character for one: offsets hold).
SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " "})

TITLE_CASE_SHARE = 0.8  # a headline is Title Case when this share of its words (not "of") is capitalised

# A cue parenthetical inside a sentence (`, Shoiguu summarized,`: any verb in that slot is a
# reporting verb) or closing it (`, X reported.`).
SENTENCE_ATTRIBUTION = regex.compile(
    rf"[,_][ ]+(?:(?P<mention>{P.SUBJECT}){APPOSITION}{P.GAP}(?P<cue>{P.CUE}|{P.VERB_IN_CUE_POSITION})"
    rf"|(?P<cue2>(?i:{P.CUE}))[ ]+(?P<mention2>{P.MENTION}|(?P<name>{P.LOOSE_NAME})))(?=[ ]*(?:[,.!?;]|$))"
)

# A headline that names its speaker first: `Rush Limbaugh: Hillary ... 'Reeks of Fear'`.
HEADLINE_SPEAKER = regex.compile(rf"\s*(?P<mention>(?P<name>{P.NAME}))(?P<cue>:)[ ]")

# A character other than those a sentence closes with after its attribution: `, X reported.`
SENTENCE_TAIL = regex.compile(r"(?r)[^ .!?\n]")

def mask(text: str, spans: Iterable[Span]) -> str:
    """``text`` with the words inside top-level quote marks blanked, keeping a closing
    punctuation mark so sentence ends and `"...," he said` still read as such."""
    pieces, position = [], 0
    for span in spans:
        if span.parent is not None or span.start < position:
            continue
        keep = text[span.end - 1] if span.end > span.start and text[span.end - 1] in ".,!?" else ""
        pieces += [text[position : span.start], FILLER * (span.end - span.start - len(keep)), keep]
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces).translate(SPACES)

class _Layout:
    """Paragraph and sentence starts of the masked text, for windowing."""

    def __init__(self, masked: str) -> None:
        self.masked = masked
        self.paragraph_starts = [0] + [m.end() for m in regex.finditer(r"\n\s*", masked)]
        starts = [0]
        for match in P.SENTENCE_END.finditer(masked):
            if match.group() == "." and P.ABBREVIATION.search(masked, max(0, match.start() - 6), match.end()):
                if not (P.QUOTE_OPENS.match(masked, match.end())
                        and P.INITIAL_BEFORE_QUOTE.search(masked, max(0, match.start() - 8), match.end())):
                    continue
            starts.append(match.end())
        self.sentence_starts = starts
        self.titles: list[tuple[int, int]] = []
        self._headline: tuple[_Found | None] | None = None
        self._title_case: tuple[_Found | None] | None = None
        self._attributions: dict[int, tuple[regex.Match[str] | None, regex.Match[str] | None]] = {}

    def quoted_words(self, start: int, end: int) -> bool:
        """Whether ``masked[start:end]`` holds words in quote marks other than a title's
        (``titles``: the (start, end) of the title spans, set by the caller)."""
        at = self.masked.find(FILLER, start, end)
        while at >= 0:
            title = next((t for t in self.titles if t[0] <= at < t[1]), None)
            if title is None:
                return True
            at = self.masked.find(FILLER, title[1], end)
        return False

    def sentence(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.sentence_starts, offset) - 1
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.masked)
        return self.sentence_starts[index], end

    def paragraph(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def headline(self) -> _Found | None:
        """The speaker a headline names first (`Rush Limbaugh: ...`), read once per article."""
        if self._headline is None:
            match = HEADLINE_SPEAKER.match(self.masked)
            found = _found(match, match.start("mention")) if match else None
            if found is None:  # `Obama on Climate Change: ...`: a person only if named in full
                match = P.HEADLINE_SOURCE.match(self.masked, 0, self.paragraph_starts[1] if len(self.paragraph_starts) > 1 else len(self.masked))
                found = replace(_found(match, match.start("mention")), kind="roundup") if match else None
            self._headline = (found,)
        return self._headline[0]

    def title_case_speaker(self, offset: int) -> _Found | None:
        """The subject of a Title Case headline's verb, for a quote after that verb
        (`Governor Calls Budget 'A Disgrace'`), read once per article."""
        if self._title_case is None:
            self._title_case = (self._read_title_case(),)
        found, closing = self._title_case[0]
        if found is None or found.cue is None:
            return None
        return found if (offset < found.mention.start if closing else found.cue.end <= offset) else None

    def _read_title_case(self) -> tuple[_Found | None, bool]:
        """The headline's speaker, and whether it closes the headline (`..., X Says.`)."""
        line = P.HEADLINE_LINE.match(self.masked)
        if line is None:
            return None, False
        words = [w for w in P.WORD.findall(line.group()) if w.lower() not in P.TITLE_SMALL_WORDS]
        if len(words) < 3 or sum(w[0].isupper() for w in words) < TITLE_CASE_SHARE * len(words):
            return None, False  # a sentence-case headline: its cue reads as in any sentence
        closing = P.HEADLINE_CLOSING.search(self.masked, 0, line.end())
        if closing:  # `Trump 'The Dealmaker' Could Act, Lindsey Graham Says.`
            return _found(closing, closing.start("mention")), True
        return self._title_case_subject(line), False

    def _title_case_subject(self, line: regex.Match[str]) -> _Found | None:
        verbs = list(P.HEADLINE_VERB.finditer(self.masked, 0, line.end()))
        for verb, following in zip(verbs, verbs[1:] + [None]):
            if following is not None and not self.masked[verb.end() : following.start()].strip():
                continue  # `United States Says`: the second of two verb forms is the verb
            subject = P.HEADLINE_SUBJECT.fullmatch(self.masked, 0, verb.start())
            if subject is None:
                return None
            return _found(subject, subject.start("mention"), verb)
        return None

    def attributions(self, start: int, end: int) -> tuple[regex.Match[str] | None, regex.Match[str] | None]:
        """The cue parentheticals of the sentence ``masked[start:end]``, read once per sentence:
        the first one followed by a comma (`, Shoigu summarized,`), and the one closing the
        sentence (`, X reported.`), if any."""
        if start not in self._attributions:
            parenthetical = closing = None
            tail = _last_solid(self.masked, start, end, SENTENCE_TAIL)  # before the closing " .!?"
            for match in SENTENCE_ATTRIBUTION.finditer(self.masked, start, end):
                if self.masked[match.end() : match.end() + 1] == ",":
                    parenthetical = match
                    break
                if match.end() > tail:
                    closing = match
            self._attributions[start] = (parenthetical, closing)
        return self._attributions[start]

def _blank(masked: str, start: int, end: int) -> bool:
    """Whether ``masked[start:end]`` is only white space (``str.isspace``), read back from
    ``end``: the cost is that of the white space before ``end``, not of the whole stretch."""
    return _last_solid(masked, start, end) < start

def _last_solid(masked: str, start: int, end: int, pattern: regex.Pattern[str] = P.LAST_NON_SPACE) -> int:
    """The offset of the last character in ``masked[start:end]`` that ``pattern`` (a reverse
    search) finds, or ``start - 1``: ``len(masked[:end].rstrip())`` without the copy."""
    match = pattern.search(masked, start, end)
    return match.start() if match else start - 1
