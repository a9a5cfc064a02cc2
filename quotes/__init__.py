"""quotes: find who said what in news articles."""

from quotes.errors import QuotesError
from quotes.types import Article, Mention, Quote, Span

__all__ = ["Article", "Mention", "Quote", "QuotesError", "Span"]
