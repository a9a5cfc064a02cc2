"""quotes: find who said what in news articles.

    >>> from quotes import Article, quotes_in
    >>> [q.speaker for q in quotes_in(Article(id="a", text='"We will bury you," Khrushchev said.'))]
    ['Khrushchev']

The extraction functions are imported on first use: compiling their patterns takes about a
second, which a command that only reads the store (``quotes said``, ``quotes reused``) or a
Spark task that only reads files need not pay.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from quotes.errors import QuotesError
from quotes.types import Article, Mention, Quote, Span

if TYPE_CHECKING:
    from quotes.attribute import attribute, quotes_in
    from quotes.extract import find_spans
    from quotes.ingest import read_articles

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

# The public functions imported on first use, and the module each comes from.
_LAZY = {"attribute": "quotes.attribute", "quotes_in": "quotes.attribute", "find_spans": "quotes.extract",
         "read_articles": "quotes.ingest"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(ModuleType):
    """The package, whose ``attribute`` stays the function: importing the submodule of that
    name would otherwise set the package's attribute to the module, as it always did before
    the package imported the function over it."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
