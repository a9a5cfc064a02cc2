"""quotes: find who said what in news articles.

    >>> from quotes import Article, quotes_in
    >>> [q.speaker for q in quotes_in(Article(id="a", text='"We will bury you," Khrushchev said.'))]
    ['Khrushchev']
"""

from quotes.attribute import attribute, quotes_in
from quotes.errors import QuotesError
from quotes.extract import find_spans
from quotes.ingest import read_articles
from quotes.types import Article, Mention, Quote, Span

__all__ = [
    "Article",
    "Mention",
    "Quote",
    "QuotesError",
    "Span",
    "attribute",
    "find_spans",
    "quotes_in",
    "read_articles",
]
