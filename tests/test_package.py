"""The package's own module: its public names, and what importing it costs."""

from __future__ import annotations

import subprocess
import sys

import quotes


def imported_after(statement: str) -> set[str]:
    """The quotes modules a fresh interpreter holds after running ``statement``."""
    code = f"import sys\n{statement}\nprint(' '.join(m for m in sys.modules if m.startswith('quotes')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_reading_articles_does_not_compile_the_extraction_patterns() -> None:
    loaded = imported_after("from quotes import read_articles, Article, QuotesError")
    assert "quotes.ingest" in loaded
    assert not loaded & {"quotes.attribute", "quotes.patterns"}


def test_the_public_functions_are_the_modules_own() -> None:
    from quotes.attribute import attribute, quotes_in
    from quotes.extract import find_spans
    from quotes.ingest import read_articles

    assert (quotes.attribute, quotes.quotes_in, quotes.find_spans, quotes.read_articles) == (
        attribute, quotes_in, find_spans, read_articles)
    assert set(quotes.__all__) <= set(dir(quotes))


def test_attribute_stays_the_function_once_its_module_is_imported() -> None:
    # The submodule of that name, imported first, used to leave the package's name bound to it.
    loaded = imported_after("import quotes.attribute\nimport quotes\nassert callable(quotes.attribute), quotes.attribute")
    assert "quotes.attribute" in loaded
    article = quotes.Article(id="a", text='"We will bury you," Khrushchev said.')
    assert [q.speaker for q in quotes.attribute(article, quotes.find_spans(article.text))] == ["Khrushchev"]
