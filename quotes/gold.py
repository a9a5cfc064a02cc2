"""Gold quotes to score against: PolNeAR (brat standoff) and the hand-labelled Wikinews set.

PolNeAR: a gold quote is each stretch between a pair of quote marks inside a Content, with
that relation's Source as its speaker mention (:func:`gold_quotes` says how marks are
paired); the person is the name the Source gives (:func:`name_in`), none for "he" or "the
newspaper", whose candidates are then the people named in earlier Sources of the article.
Wikinews (``tests/data/wikinews``): every quotation labelled by hand with its offsets, the
person or organisation who said it, and the mention a reader learns it from (its README).

Standard library only: this module runs in the benchmarks and the tests, never in the pipeline.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from quotes.errors import QuotesError

# brat lines: T (text-bound), E (event), and the others we skip (#, A, R, N...).
RE_ANN_LINE = re.compile(r"^([TERANM#*]\d*)\t")
# Offsets of a T line: "12 30" or discontinuous "12 30;35 50".
RE_FRAGMENT = re.compile(r"(\d+) (\d+)")
# Every quote-mark candidate; doubled apostrophes and backticks first so they win.
RE_MARK = re.compile(r"'''|''|``|[\"'“”‘’«»‹›„]")
# Letter runs, for "shares a capitalised word"; possessive 's falls away as its own run.
RE_WORD = re.compile(r"[^\W\d_]+")

# Quote-mark families: a mark closes only a mark of its own family.
DOUBLE = "double"
SINGLE = "single"
GUILLEMET = "guillemet"
ANGLE = "angle"
OPENERS = {"“": DOUBLE, "„": DOUBLE, "``": DOUBLE, "‘": SINGLE, "«": GUILLEMET, "‹": ANGLE}
CLOSERS = {"”": DOUBLE, "’": SINGLE, "»": GUILLEMET, "›": ANGLE}
EITHER = {'"': DOUBLE, "''": DOUBLE, "'": SINGLE}  # the same mark opens and closes; context decides
# Characters after which an ambiguous mark reads as opening: "said: "Yes" / (“...
OPEN_CONTEXT = frozenset("([{—–-/:")

# A word of a name: initials (G.K.), or letters with inner apostrophes, hyphens or a final
# stop (O'Neill, Holtz-Eakin, W.).
RE_NAME_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
# Two or more capitalised words in a row: a full name, as the text gives people.
RE_FULL_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ](?:[\w'’-]+|\.)(?:[ \u00a0][A-ZÀ-ÖØ-Þ](?:[\w'’-]+|\.))+")
# A word in lower case, as the text writes common words.
RE_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
# Where the head of a mention ends: its apposition, parenthesis or dash.
RE_HEAD_END = re.compile(r"[,(;:—–]| - ")
# Words that may follow a name in its mention: "Charles Rangel of New York", "Roe, who".
NAME_FOLLOWERS = frozenset("of from at in for with who and or".split())
# Words that end a name without being its surname: Donald Trump Jr., Henry Ford II.
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
WIKINEWS_COLUMNS = ("article", "start", "end", "quote", "speaker", "speaker_kind",
                    "mention_start", "mention_end", "mention", "note")

# Capitalised words that do not tell who: sentence-initial function words, honorifics and
# titles. "The Times" and "The spokesman" share no name, nor "Sen. Cruz" and "Sen. Sanders".
NOT_NAME_WORDS = frozenset(
    "the a an he she it they we i you his her their its this that these those our my "
    "mr mrs ms miss dr sen rep gov gen col lt sgt capt adm rev prof st jr sr "
    "president senator governor secretary former".split()
)
# What the strict rule also drops from a name: titles and party labels written before it
# ("Interim DNC Chairwoman Donna Brazile", "Democrat Hillary Clinton").
TITLE_WORDS = NOT_NAME_WORDS | frozenset(
    "representative congressman congresswoman chairman chairwoman chair interim vice speaker "
    "leader minister mayor judge justice candidate nominee democrat republican democratic".split()
)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A brat T line: a typed, possibly discontinuous stretch of the text."""

    id: str
    type: str
    fragments: tuple[tuple[int, int], ...]
    text: str  # the article's characters at the fragments, joined by a space as brat does
    ann_text: str  # the text written on the T line, for checking the offsets

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    @property
    def offsets_ok(self) -> bool:
        return self.text == self.ann_text


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """A brat E line: who (Source, may be absent), the Cue, and what (Content, Content2)."""

    id: str
    type: str  # "Attribution" or "Attribution-no-source"
    cue: Annotation | None
    source: Annotation | None
    contents: tuple[Annotation, ...]


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A stretch between quote marks inside a Content, with its relation's Source and Cue."""

    start: int  # inside the marks, whitespace trimmed
    end: int
    text: str
    speaker_start: int | None  # first..last extent of the Source; None when there is none
    speaker_end: int | None
    speaker_text: str  # the Source pieces joined by a space; "" when there is none
    cue_start: int | None = None
    cue_end: int | None = None
    cue_text: str = ""
    relation: str = ""  # the E id
    closed: bool = True  # False when one mark of the stretch lies outside the fragment
    # Who, for the strict rule: the person or body the Source names ("Donald Trump" for
    # "Republican nominee Donald Trump"), "" when it names nobody ("he", "the paper")...
    speaker_name: str = ""
    # ...and then the people it may stand for: those named before it (see _with_people).
    referents: tuple[str, ...] = ()
    speaker_kind: str = ""  # Wikinews: person, organisation, description or none


class GoldArticle(NamedTuple):
    name: str
    text: str
    quotes: list[GoldQuote]


# ---------------------------------------------------------------------------- reading


def read_brat(ann_path: str | os.PathLike[str], text: str) -> list[GoldAttribution]:
    """Parse one .ann file against its article text; T lines only referenced by E lines count.

    A T line's text may hold newlines, which brat writes as they are: lines that do not start
    like a brat line continue the T line before them.
    """
    spans: dict[str, Annotation] = {}
    events: list[list[str]] = []
    last_t: list[str] | None = None
    with open(ann_path, encoding="utf-8", newline="") as handle:
        raw_lines = handle.read().split("\n")
    t_lines: list[list[str]] = []
    for line in raw_lines:
        line = line.rstrip("\r")
        head = RE_ANN_LINE.match(line)
        if head is None:
            if last_t is not None:
                last_t[2] += "\n" + line
            continue
        fields = line.split("\t")
        last_t = None
        if head.group(1).startswith("T") and len(fields) >= 2:
            last_t = [fields[0], fields[1], "\t".join(fields[2:])]
            t_lines.append(last_t)
        elif head.group(1).startswith("E") and len(fields) >= 2:
            events.append([fields[0], *fields[1].split()])
    for t_id, type_and_offsets, ann_text in t_lines:
        type_, _, offsets = type_and_offsets.partition(" ")
        fragments = tuple((int(a), int(b)) for a, b in RE_FRAGMENT.findall(offsets))
        if not fragments:
            raise QuotesError(f"{ann_path}: {t_id} has no offsets; is this a brat .ann file?")
        # brat drops trailing newlines of the last fragment from the line; compare on that
        piece_text = " ".join(text[a:b] for a, b in fragments)
        spans[t_id] = Annotation(t_id, type_, fragments, piece_text, ann_text.rstrip("\n"))
    relations = []
    for e_id, *args in events:
        roles = dict(arg.split(":", 1) for arg in args if ":" in arg)
        type_ = args[0].split(":", 1)[0] if args else ""
        contents = tuple(spans[roles[r]] for r in ("Content", "Content2") if roles.get(r) in spans)
        relations.append(
            GoldAttribution(
                id=e_id,
                type=type_,
                cue=spans.get(roles.get("Cue", "")),
                source=spans.get(roles.get("Source", "")),
                contents=contents,
            )
        )
    return relations


def gold_quotes(text: str, attributions: Iterable[GoldAttribution]) -> list[GoldQuote]:
    """Every stretch between quote marks in every Content fragment, in text order.

    Marks pair within one fragment, outermost only: a quote inside a quote belongs to the
    outer one, and a re-opening mark at a paragraph start continues the quote. Single marks
    (‘ ’ and a straight ``'``, as in headlines: Trump 'racist') count only as a pair, and never
    between letters (don’t, Clinton’s, O'Connor); ``''`` is a double mark. Straight marks open
    or close by what is around them: a space before and a word after opens. A double mark left
    without a partner means the quote runs on past the fragment: an opening mark gives the
    stretch to the fragment's end, a closing mark the stretch from the fragment's start (or
    from the pair before it).
    """
    quotes = []
    for rel in attributions:
        src, cue = rel.source, rel.cue
        for content in rel.contents:
            for frag_start, frag_end in content.fragments:
                for start, end, closed in _stretches(text, frag_start, frag_end):
                    quotes.append(
                        GoldQuote(
                            start=start,
                            end=end,
                            text=text[start:end],
                            speaker_start=src.start if src else None,
                            speaker_end=src.end if src else None,
                            speaker_text=src.text if src else "",
                            cue_start=cue.start if cue else None,
                            cue_end=cue.end if cue else None,
                            cue_text=cue.text if cue else "",
                            relation=rel.id,
                            closed=closed,
                        )
                    )
    quotes.sort(key=lambda q: (q.start, q.end, q.relation))
    return quotes


def _stretches(text: str, lo: int, hi: int) -> Iterator[tuple[int, int, bool]]:
    """(start, end, closed) of the outermost quoted stretches in text[lo:hi]."""
    if text.startswith("''", lo - 1):
        lo -= 1  # the fragment starts between the two apostrophes of a '' mark
    if text.startswith("''", hi - 1):
        hi += 1
    opened: tuple[int, str] | None = None  # (end of the opening mark, family)
    after_last = lo  # where an orphan closing mark's stretch would begin
    for m in RE_MARK.finditer(text, lo, hi):
        mark, at, past = m.group(), m.start(), m.end()
        before = text[at - 1] if at > lo else " "
        after = text[past] if past < hi else " "
        if mark == "'''":  # '' then ' when opening, ' then '' when closing: 'Manhattan poor,'''
            if not after.isspace() and (before.isspace() or before in OPEN_CONTEXT):
                mark, past, after = "''", past - 1, "'"
            else:
                mark, at, before = "''", at + 1, "'"
        if mark in "’'" and before.isalnum() and after.isalpha():
            continue  # an apostrophe: don’t, Clinton’s
        if mark in EITHER:
            opening_look = not after.isspace() and (before.isspace() or before in OPEN_CONTEXT)
            family, can_open, can_close = EITHER[mark], True, not opening_look
        else:
            family, opening_look = OPENERS.get(mark) or CLOSERS[mark], False
            can_open, can_close = mark in OPENERS, mark in CLOSERS
        if opened is None:
            if can_open and (mark in OPENERS or opening_look):
                opened = (past, family)
            elif can_close and family != SINGLE:  # a lone ’ is an apostrophe: voters’ rights
                yield from _trimmed(text, after_last, at, closed=False)
                after_last = past
            continue
        inner_start, open_family = opened
        if mark == "“" and not before.isspace() and not after.isalnum():
            can_close = True  # a misprinted closing mark: ...for her here,“ said Jim Clyburn
        if family != open_family or not can_close:
            continue  # a nested mark, or a re-opening mark: "...\n\n"Next paragraph
        yield from _trimmed(text, inner_start, at, closed=True)
        opened, after_last = None, past
    if opened is not None and opened[1] == SINGLE:
        yield from _stretches(text, opened[0], hi)  # a lone ‘ or ' was no mark: back in '08
    elif opened is not None:
        yield from _trimmed(text, opened[0], hi, closed=False)


def _trimmed(text: str, start: int, end: int, *, closed: bool) -> Iterator[tuple[int, int, bool]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end, closed


def load_split(split_dir: str | os.PathLike[str]) -> Iterator[GoldArticle]:
    """(name, text, gold quotes) for each ``text/NAME.txt`` with an annotation, by name.

    The first ``attributions/NAME_*.ann`` by sorted file name is used. Texts are read with
    ``newline=""`` so that Python offsets match brat's. Each quote carries the person its
    Source names, or the people named by the article's earlier Sources when it names none.
    """
    for name, text, attributions in iter_split(split_dir):
        yield GoldArticle(name, text, _with_people(text, gold_quotes(text, attributions)))


def _with_people(text: str, quotes: list[GoldQuote]) -> list[GoldQuote]:
    """Each quote with the person its Source names, or, when it names nobody, the people it
    may stand for: those named by earlier Sources, and full names the text gives before it
    (opening a sentence, only when the text never writes the first word in lower case: a
    name, not "Injecting Clinton's")."""
    named = sorted({(q.speaker_start, name) for q in quotes
                    if q.speaker_start is not None and (name := name_in(q.speaker_text))})
    lower_words = set(RE_LOWER_WORD.findall(text))
    named += [(m.start(), name) for m in RE_FULL_NAME.finditer(text)
              if len((name := name_in(m.group())).split()) >= 2
              and (text[: m.start()].rstrip()[-1:] not in ("", ".", "!", "?", "\n", '"', "“")
                   or name.split()[0].casefold() not in lower_words)]
    people = []
    for quote in quotes:
        name = name_in(quote.speaker_text)
        earlier = () if name or quote.speaker_start is None else tuple(
            dict.fromkeys(n for at, n in sorted(named) if at < quote.speaker_start)
        )
        people.append(replace(quote, speaker_name=name, referents=earlier))
    return people


def name_in(mention: str) -> str:
    """The name a mention gives: in its head (the words before a comma, a parenthesis or a
    dash), the first run of capitalised words that ends the head or is followed by a
    preposition, titles dropped. "Republican presidential nominee Donald Trump" -> "Donald
    Trump", "Hillary Clinton, the Democratic nominee" -> "Hillary Clinton", "Representative
    Charles B. Rangel of New York" -> "Charles B. Rangel"; "" for "he", "the newspaper" and
    "the Vermont senator", where the capitalised word only describes; a description followed by
    a name is that name: "Another critic, Laurence H. Tribe," -> "Laurence H. Tribe"."""
    parts = RE_HEAD_END.split(mention, maxsplit=2)
    name = _name_in_head(parts[0])
    if not name and len(parts) > 1 and any(word[:1].islower() for word in parts[0].split()):
        # a description, then the name it stands for: "Another critic, Laurence H. Tribe,"
        name = _name_in_head(parts[1])
    return name


def _name_in_head(head: str) -> str:
    words = list(RE_NAME_WORD.finditer(head))
    run: list[str] = []
    for index, match in enumerate(words):
        word = match.group()
        key = word.rstrip(".").casefold()
        joined = run and head[words[index - 1].end() : match.start()] in (" ", "\u00a0")
        if (word[0].isupper() or key + "." in SUFFIXES) and key not in TITLE_WORDS - SUFFIXES:
            run = run + [word] if joined else [word]
            possessive = word.endswith(("'s", "’s"))
            following = words[index + 1].group() if index + 1 < len(words) else None
            ends = following is None or following.casefold() in NAME_FOLLOWERS
            if ends and not (possessive and following is not None):
                next_joined = following is not None and head[match.end() : words[index + 1].start()] in (" ", "\u00a0")
                next_capitalised = following is not None and following[0].isupper()
                if not (next_joined and next_capitalised):
                    return " ".join(run).removesuffix("'s").removesuffix("’s")
        else:
            run = []
    return ""


def load_wikinews(folder: str | os.PathLike[str]) -> Iterator[GoldArticle]:
    """The hand-labelled Wikinews articles (``articles.jsonl``) with their quotes
    (``gold.tsv``), in file order. A row whose ``quote`` or ``mention`` is not the text at its
    offsets is an error: the gold set and its texts have drifted apart."""
    root = Path(folder)
    rows: dict[str, list[GoldQuote]] = {}
    with open(root / "gold.tsv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, dialect="excel-tab")
        if tuple(reader.fieldnames or ()) != WIKINEWS_COLUMNS:
            raise QuotesError(f"{root / 'gold.tsv'}: expected the columns {', '.join(WIKINEWS_COLUMNS)}")
        labelled = list(reader)
    with open(root / "articles.jsonl", encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()]
    texts = {a["id"]: a["text"] for a in articles}
    for line, row in enumerate(labelled, start=2):
        text = texts.get(row["article"])
        start, end = int(row["start"]), int(row["end"])
        has_mention = bool(row["mention_start"])
        m_start = int(row["mention_start"]) if has_mention else None
        m_end = int(row["mention_end"]) if has_mention else None
        if text is None or text[start:end] != row["quote"] or (has_mention and text[m_start:m_end] != row["mention"]):
            raise QuotesError(f"{root / 'gold.tsv'}:{line}: the row does not match its article's text")
        rows.setdefault(row["article"], []).append(GoldQuote(
            start=start, end=end, text=row["quote"], speaker_start=m_start, speaker_end=m_end,
            speaker_text=row["mention"], speaker_name=row["speaker"], speaker_kind=row["speaker_kind"],
        ))
    for article in articles:
        yield GoldArticle(article["id"], article["text"], rows.get(article["id"], []))


def iter_split(
    split_dir: str | os.PathLike[str],
) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    """(name, text, attributions) for each annotated text of a split, by name."""
    root = Path(split_dir)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise QuotesError(
            f"{root} has no text/ and attributions/ folders; pass a PolNeAR split folder"
        )
    anns: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(path.stem.rsplit("_", 1)[0], path)
    for text_path in sorted(text_dir.glob("*.txt")):
        ann = anns.get(text_path.stem)
        if ann is None:
            continue
        with open(text_path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        yield text_path.stem, text, read_brat(ann, text)


def offset_mismatches(split_dir: str | os.PathLike[str]) -> list[tuple[str, Annotation]]:
    """(name, annotation) for each T line of a relation whose text is not the article's."""
    bad = []
    for name, _, attributions in iter_split(split_dir):
        for rel in attributions:
            for ann in (rel.cue, rel.source, *rel.contents):
                if ann is not None and not ann.offsets_ok:
                    bad.append((name, ann))
    return bad
