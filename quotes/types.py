"""The records passed between pipeline stages.

Offsets are Python ``str`` indices into ``Article.text``, the text exactly as read, so every
row can be traced back to the characters on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

UNKNOWN_OUTLET = "unknown"

# Span kinds: what a stretch between quote marks is.
QUOTE = "quote"  # someone's words, full or partial
SCARE = "scare"  # a scare quote or a term held at arm's length: the "strategic" aid
TITLE = "title"  # the title of a work, a headline
NICKNAME = "nickname"  # a name: members of "Los Gordos"
UNCLOSED = "unclosed"  # a mark that never closes, cut at its paragraph's end
# ...and one kind that has no marks: reported speech, the content of `Smith said the plan failed`
# (quotes.reported); its open_start/close_end are the content's bounds.
INDIRECT = "indirect"
SPAN_KINDS = (QUOTE, SCARE, TITLE, NICKNAME, UNCLOSED, INDIRECT)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from its source."""

    id: str
    text: str
    title: str = ""
    outlet: str = UNKNOWN_OUTLET
    url: str = ""
    published: str = ""
    source: str = ""  # where it was read from: a path, or path:line for JSON Lines
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text between quote marks.

    ``start``/``end`` bound the words inside the marks; ``open_start``/``close_end`` include
    the marks. A quote running over several paragraphs is one span whose text holds the
    re-opening marks of its inner paragraphs.
    """

    start: int
    end: int
    open_start: int
    close_end: int
    text: str
    kind: str = QUOTE
    closed: bool = True
    parent: int | None = None  # index of the enclosing span in the same article, if nested


@dataclass(frozen=True, slots=True)
class Mention:
    """Words in the text: a speaker mention or a cue, with offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A span with its attribution; ``speaker`` is empty when no speaker could be found."""

    article: str
    span: Span
    speaker: str = ""  # canonical name within the article
    mention: Mention | None = None  # what the speaker was resolved from: name, pronoun, description
    cue: Mention | None = None  # said, told, according to...
    # The title, role or party written with the speaker's name, apart from it: "RNC Chairman"
    # of "RNC Chairman Reince Priebus" (speakers.ArticleSpeakers.role_of); "" when none is.
    speaker_role: str = ""

    @property
    def kind(self) -> str:
        return self.span.kind

    @property
    def text(self) -> str:
        return self.span.text


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A stored quote, as clustering and claims see it."""

    id: int  # the quote's row id in the store
    article: str
    outlet: str
    text: str  # the quoted words as on the page
    speaker: str = ""  # canonical across the corpus; "" when unknown
    published: str = ""  # ISO 8601 date of the article, "" when unknown
    order: int = 0  # the article's ingestion order, for "first seen" without dates
    title: str = ""


@dataclass(frozen=True, slots=True)
class Variant:
    """One wording of a claim, with its word-level difference from the representative."""

    text: str
    diff: str  # "military field → military sphere"; "" for the representative itself
    occurrences: int


@dataclass(frozen=True, slots=True)
class Claim:
    """A cluster of occurrences of the same utterance, seen across the corpus."""

    id: int
    speaker: str  # the majority canonical speaker, "" when none is known
    speakers: tuple[tuple[str, int], ...]  # every credited speaker with its count, most first
    quote: str  # the representative wording
    members: tuple[int, ...]  # occurrence ids
    articles: int
    outlets: tuple[str, ...]
    first_seen: str
    last_seen: str
    variants: tuple[Variant, ...]
    flags: tuple[str, ...]  # "altered", "conflicting-speakers"
