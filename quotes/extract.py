"""Article text -> quoted spans: the regex layer.

One pass over the quote-mark tokens of the text with a small stack of open marks, so the cost
is linear in the text whatever its marks. Each mark is read as opening, closing or an
apostrophe from the characters on either side of it. A paragraph break closes every open
mark, unless the next paragraph re-opens the outermost one: that is how a quotation running
over several paragraphs is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from quotes import patterns as P
from quotes.types import NICKNAME, QUOTE, SCARE, TITLE, UNCLOSED, Article, Quote, Span

MAX_DEPTH = 6  # deeper nesting than this is noise (a run of stray marks): ignore the extra opens


@dataclass(slots=True)
class _Open:
    """A mark that opened a span not yet closed."""

    mark: str
    family: str
    open_start: int
    start: int
    order: int  # the span's number in opening order, to link nested spans to their parent


@dataclass(slots=True)
class _Scanner:
    text: str
    stack: list[_Open] = field(default_factory=list)
    found: list[tuple[int, int, int, int, bool, int, int | None]] = field(default_factory=list)
    opened: int = 0
    parents: list[int | None] = field(default_factory=list)  # by opening order: the enclosing mark
    skip_to: int = -1  # a paragraph's re-opening mark, already consumed by the span it continues

    def scan(self) -> None:
        for match in P.MARK_TOKEN.finditer(self.text):
            i, j = match.span()
            if i < self.skip_to:
                continue
            token = match.group()
            if token[0] == "\n":
                self.paragraph_break(i, j)
            elif j - i == 1:
                self.mark(token, i, j)
            elif j - i <= P.MAX_RUN:
                for mark in P.MARK.finditer(self.text, i, j):
                    self.mark(mark.group(), *mark.span())
        self.paragraph_break(len(self.text), len(self.text))

    def mark(self, token: str, i: int, j: int) -> None:
        family, default = P.MARKS[token]
        before = self.text[i - 1] if i > 0 else "\n"
        after = self.text[j] if j < len(self.text) else "\n"
        opening_shape = (before in P.OPENING_CONTEXT or before in P.MARKS) and not after.isspace()
        closing_shape = (after in P.CLOSING_CONTEXT or after in P.MARKS) and not before.isspace()
        if family == P.SINGLE and self.is_apostrophe(token, before, after):
            return
        target = self.closable(token, family)
        if target is not None:
            entry = self.stack[target]
            if token in P.EXTRA_CLOSERS.get(entry.mark, ()) or default == "close":
                return self.close(target, i, j)
            if not opening_shape and (closing_shape or default == "either"):
                return self.close(target, i, j)
        if default == "open" or opening_shape:
            self.open(token, family, i, j)

    def is_apostrophe(self, token: str, before: str, after: str) -> bool:
        """don’t, Clinton’s, ’90s, rock 'n' roll, voters’ (when no single quote is open)."""
        if before.isalnum() and after.isalnum():
            return True
        if after.isdigit() and not before.isalnum():
            return True
        if token in "’'" and before.isalnum():
            return not any(entry.family == P.SINGLE for entry in self.stack)
        return token == "’" and not before.isalnum() and after.isalpha()

    def closable(self, token: str, family: str) -> int | None:
        """Index in the stack of the innermost open mark this token could close, if any."""
        for index in range(len(self.stack) - 1, -1, -1):
            entry = self.stack[index]
            if entry.family == family or token in P.EXTRA_CLOSERS.get(entry.mark, ()):
                return index
        return None

    def open(self, token: str, family: str, i: int, j: int) -> None:
        if len(self.stack) >= MAX_DEPTH:
            return
        self.parents.append(self.stack[-1].order if self.stack else None)
        self.stack.append(_Open(token, family, i, j, self.opened))
        self.opened += 1

    def close(self, index: int, i: int, j: int) -> None:
        while len(self.stack) > index + 1:  # marks opened inside and never closed
            self.emit(self.stack.pop(), i, i, closed=False)
        self.emit(self.stack.pop(), i, j, closed=True)

    def emit(self, entry: _Open, end: int, close_end: int, *, closed: bool) -> None:
        if not closed:
            end = close_end = _trim_end(self.text, entry.start, end)
            if entry.family == P.SINGLE:
                return  # an unclosed single mark is an apostrophe we could not tell apart
        if self.text[entry.start:end].strip():
            parent = self.stack[-1].order if self.stack else None
            self.found.append((entry.start, end, entry.open_start, close_end, closed, entry.order, parent))

    def paragraph_break(self, i: int, j: int) -> None:
        if not self.stack:
            return
        outer = self.stack[0]
        reopen = self.text[j : j + len(outer.mark)]
        if j < len(self.text) and (reopen == outer.mark or P.MARKS.get(reopen[:1], ("", ""))[0] == outer.family
                                   and P.MARKS[reopen[:1]][1] != "close"):
            while len(self.stack) > 1:
                self.emit(self.stack.pop(), i, i, closed=False)
            self.skip_to = j + len(reopen if reopen == outer.mark else reopen[:1])
            return
        while self.stack:
            self.emit(self.stack.pop(), i, i, closed=False)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def find_spans(text: str) -> list[Span]:
    """Every stretch of ``text`` between quote marks, in text order, each with its kind."""
    scanner = _Scanner(text)
    scanner.scan()
    found = sorted(scanner.found)
    index_of = {order: index for index, (*_, order, _parent) in enumerate(found)}
    spans = []
    for start, end, open_start, close_end, closed, _order, parent in found:
        while parent is not None and parent not in index_of:  # its parent was an apostrophe
            parent = scanner.parents[parent]
        kind = classify(text, start, end, open_start) if closed else UNCLOSED
        spans.append(Span(start, end, open_start, close_end, text[start:end], kind, closed,
                          index_of.get(parent) if parent is not None else None))
    return spans


def paragraph_pieces(span: Span, text: str) -> list[Span]:
    """A span running over several paragraphs, cut at each paragraph's re-opening mark: the
    pieces before the last end with their paragraph (no closing mark), the last keeps the span's
    close. A span within one paragraph is its own only piece."""
    pieces, start, open_start = [], span.start, span.open_start
    for reopen in P.REOPENING.finditer(text, span.start, span.end):
        end = _trim_end(text, start, reopen.start())
        if end > start:
            pieces.append(replace(span, start=start, end=end, open_start=open_start, close_end=end, text=text[start:end]))
            start, open_start = reopen.end(), reopen.start("mark")
    if not pieces:
        return [span]
    return pieces + [replace(span, start=start, open_start=open_start, text=text[start : span.end])]


def classify(text: str, start: int, end: int, open_start: int) -> str:
    """The kind a closed span has by its shape alone; attribution may still promote it.

    Short spans without closing punctuation are scare quotes (lower case) or names
    (capitalised), a span right after "titled" or "book" is a title; anything else is
    taken to be someone's words.
    """
    inner = text[start:end]
    words = P.WORD.findall(inner)
    if not words:
        return SCARE
    before = text[max(0, open_start - 40) : open_start]
    if P.TITLE_CONTEXT.search(before):
        return TITLE
    capitalised = all(w[0].isupper() or w.lower() in P.TITLE_SMALL_WORDS for w in words)
    if capitalised and words[0][0].isupper() and len(words) <= 6 and text.find("\n", 0, open_start) >= 0 \
            and (P.PROGRAM_CONTEXT.search(before) or P.PROGRAM_AFTER.match(text, end + 1)):
        return TITLE  # a programme or a publication: `said on CNN's "State of the Union."`
    if capitalised and words[0][0].isupper() and len(words) <= 8 and _alone_on_its_line(text, end, open_start):
        return TITLE  # a sub-heading in quote marks: `\n'All Bets Are Off.'\n`
    if P.TERMINAL_PUNCT.search(inner):
        return QUOTE
    if capitalised and words[0][0].isupper() and len(words) <= 8:
        return NICKNAME if len(words) <= 4 else TITLE
    if len(words) <= 3:
        return SCARE
    return QUOTE


def _alone_on_its_line(text: str, end: int, open_start: int) -> bool:
    """Whether a span is all of its paragraph, and not the first (a headline's is its own)."""
    line_start = text.rfind("\n", 0, open_start)
    return line_start >= 0 and not text[line_start + 1 : open_start].strip() and bool(P.LINE_END_AFTER.match(text, end))


def statements_in(article: Article, *, indirect: bool = True) -> list[Quote]:
    """Every quoted span of ``article``, attributed (``attribute.quotes_in``), then, unless
    ``indirect`` is False, its reported statements: rows of kind ``indirect`` for speech
    reported without quote marks (``quotes.reported``). The quoted spans come first, in the
    order and with the ``parent`` indices ``quotes_in`` gives them; the reported rows follow
    in text order."""
    from quotes.attribute import attribute_with_state  # attribute reads find_spans from here

    state = attribute_with_state(article, find_spans(article.text))
    if not indirect:
        return state.quotes  # (and no import of the reported-speech patterns: half a second)
    from quotes.reported import indirect_in

    return state.quotes + indirect_in(article, state.quotes, state=state)
