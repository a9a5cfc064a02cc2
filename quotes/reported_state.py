"""What the direct pass hands the reported-speech pass, so that it is not read twice.

``attribute.attribute_with_state`` gives the attributed quotes of an article together with the
masked text, its layout and the article's speakers as attribution left them;
``reported.indirect_in`` reads its sentences from the same copy instead of masking, splitting
and indexing the names of the article a second time.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotes.layout import _Layout
from quotes.speakers import ArticleSpeakers
from quotes.types import Quote


@dataclass(frozen=True, slots=True)
class Attributed:
    """An article's attributed quotes and the direct pass's reading of it: ``masked`` (the
    words in quote marks blanked, offsets unchanged), its ``layout`` and ``people`` (with the
    quotes' speakers added). The three are None when the article had nothing to attribute."""

    quotes: list[Quote]
    masked: str | None = None
    layout: _Layout | None = None
    people: ArticleSpeakers | None = None
