"""Saved web pages: only the article's words come out, with its title, date and outlet."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from quotes import quotes_in
from quotes.errors import QuotesError
from quotes.html import extract_page, registered_domain
from quotes.ingest import read_articles
from quotes.types import QUOTE, UNKNOWN_OUTLET, Article

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGE = FIXTURES / "havanatimes_minister.html"
SHOIGU_FIELD = "to address in detail all existing and promising cooperation projects in the military field."
DIAZ_CANEL = (
    "I express the solidarity of the people and government of Cuba to the esteemed President Putin "
    "and the brotherly people of the Russian Federation, in the face of attempts to provoke an armed "
    "rebellion in the nation."
)
# Quoted words in the page's menus, tagline, related links, sidebar, comments and footer
BOILERPLATE_QUOTES = [
    "Open-Minded Writing from Cuba",
    "We will never surrender,",
    "The blockade is the cause of every shortage",
    "friends forever",
    "We live in the dark,",
    "This coalition is a paper tiger,",
    "Los Gordos",
    "We will bury you,",
    "We (the Soviets) will dig you in.",
    "Havana Times",
]
BODY = (
    "<p>The minister spoke for an hour in the capital on Tuesday about the harvest and the plan "
    "for the coming year, and took questions from the press.</p>"
    "<p>\u201cWe will bring in the harvest on time,\u201d Ana Torres said.</p>"
)


def read(*paths: Path, **options: Any) -> tuple[list[Article], list[str]]:
    warnings: list[str] = []
    return list(read_articles(paths, warn=warnings.append, **options)), warnings


def page(head: str = "", body: str = BODY) -> str:
    return f"<!DOCTYPE html><html><head><title>Harvest</title>{head}</head><body><article>{body}</article></body></html>"


def test_saved_page_gives_its_article_with_metadata() -> None:
    [article], warnings = read(PAGE)
    assert warnings == []
    assert (article.id, article.title, article.outlet, article.url, article.published) == (
        "havanatimes_minister",
        "Cuban Army Minister Visits Russia after Failed Mutiny",
        "Havana Times",
        "https://www.havanatimes.org/features/cuban-army-minister-visits-russia-after-failed-mutiny/",
        "2023-06-28",
    )
    assert article.source == str(PAGE)
    assert article.meta == {}  # trafilatura does not take a one-word byline for an author
    assert article.text.startswith("Alvaro Lopez Miera was the first foreign visitor in Moscow")
    assert article.text.endswith("Translated by Regina Anavy for Translating Cuba")
    for furniture in ("Donate", "Related posts", "Most read", "Comments are closed", "Subscribe", "All rights reserved"):
        assert furniture not in article.text


def test_only_the_articles_quotes_come_out_with_their_speakers() -> None:
    [article], _ = read(PAGE)
    quotes = [q for q in quotes_in(article) if q.kind == QUOTE]
    assert all(article.text[q.span.start : q.span.end] == q.text for q in quotes)
    said = {q.text: q.speaker for q in quotes}
    assert said[SHOIGU_FIELD] == "Sergei Shoigu"
    assert said["Russia is willing to provide assistance to Cuba,"] == "Sergei Shoigu"
    assert said[DIAZ_CANEL] == "Miguel Díaz-Canel"
    spans = {q.text for q in quotes_in(article)}  # every kind: no scare quote from the furniture either
    assert not spans & set(BOILERPLATE_QUOTES)


@pytest.mark.parametrize(
    ("head", "outlet", "expected"),
    [
        ('<meta property="og:site_name" content="Havana Times">', "Wire", "Havana Times"),
        ('<link rel="canonical" href="https://www.havanatimes.org/2023/06/29/harvest/">', "Wire", "havanatimes.org"),
        ('<meta property="og:url" content="https://news.bbc.co.uk/world/harvest">', None, "bbc.co.uk"),
        ("", "Wire", "Wire"),
        ("", None, UNKNOWN_OUTLET),
    ],
)
def test_outlet_is_the_site_name_else_the_domain_else_the_option(
    tmp_path: Path, head: str, outlet: str | None, expected: str
) -> None:
    path = tmp_path / "harvest.html"
    path.write_text(page(head), encoding="utf-8")
    [article], _ = read(path, outlet=outlet)
    assert article.outlet == expected
    [quote] = [q for q in quotes_in(article) if q.kind == QUOTE]
    assert (quote.text, quote.speaker) == ("We will bring in the harvest on time,", "Ana Torres")


def test_a_date_in_the_text_is_not_taken_for_the_pages_date(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(page(body=BODY.replace("on Tuesday", "on June 30, 2023")), encoding="utf-8")
    [article], _ = read(path)
    assert article.published == ""


def test_sidecar_metadata_overrides_the_pages(tmp_path: Path) -> None:
    path = tmp_path / "harvest.html"
    path.write_text(page('<meta property="og:site_name" content="Daily"><meta name="author" content="Ana Torres">'), encoding="utf-8")
    (tmp_path / "harvest.meta.json").write_text(json.dumps({"outlet": "Weekly", "published": "June 28, 2023"}))
    [article], _ = read(path)
    assert (article.outlet, article.published, article.title) == ("Weekly", "2023-06-28", "Harvest")
    assert article.meta == {"author": "Ana Torres", "published_raw": "June 28, 2023"}


def test_a_page_with_no_article_text_is_reported_and_the_others_kept(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "b.html").write_text(page(body="<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"), encoding="utf-8")
    (tmp_path / "c.htm").write_text(page(), encoding="utf-8")
    articles, warnings = read(tmp_path)
    assert [a.id for a in articles] == ["a", "c"]
    assert warnings == [f"{tmp_path / 'b.html'}: skipped: no article text"]
    with pytest.raises(QuotesError, match=r"b\.html: skipped: no article text"):
        read(tmp_path, strict=True)


def test_a_gzipped_page_and_a_page_in_latin1(tmp_path: Path) -> None:
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(PAGE.read_bytes()))
    latin = page('<meta charset="iso-8859-1">', BODY.replace("Ana Torres", "Ana L\u00f3pez"))
    (tmp_path / "b.html").write_bytes(latin.encode("latin-1", "xmlcharrefreplace"))
    (first, second), _ = read(tmp_path)
    assert first.id == "a" and SHOIGU_FIELD in first.text
    [quote] = [q for q in quotes_in(second) if q.kind == QUOTE]
    assert quote.speaker == "Ana L\u00f3pez"


def test_a_binary_file_named_html_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    (tmp_path / "b.html").write_text(page(), encoding="utf-8")
    articles, [warning] = read(tmp_path)
    assert [a.id for a in articles] == ["b"]
    assert warning.startswith(f"{tmp_path / 'a.html'}: skipped: binary data, not text")


def test_extract_page_gives_none_for_a_page_without_an_article() -> None:
    assert extract_page("<html><body><nav><a href='/'>Home</a></nav></body></html>") is None
    assert extract_page(b"") is None


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.havanatimes.org/features/x/", "havanatimes.org"),
        ("https://news.bbc.co.uk/world", "bbc.co.uk"),
        ("http://example.com:8080/a", "example.com"),
        ("https://14ymedio.com", "14ymedio.com"),
        ("http://127.0.0.1/page", ""),
        ("", ""),
    ],
)
def test_registered_domain(url: str, domain: str) -> None:
    assert registered_domain(url) == domain


def test_a_page_that_trafilatura_fails_on_is_reported_and_the_others_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    real = trafilatura.bare_extraction

    def fail_on_b(html: Any, **options: Any) -> Any:
        if b"Broken" in (html if isinstance(html, bytes) else html.encode()):
            raise ValueError("bad tree")
        return real(html, **options)

    monkeypatch.setattr(trafilatura, "bare_extraction", fail_on_b)
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "b.html").write_text(page(body=BODY + "<p>Broken</p>"), encoding="utf-8")
    (tmp_path / "c.html").write_text(page(), encoding="utf-8")
    articles, [warning] = read(tmp_path)
    assert [a.id for a in articles] == ["a", "c"]
    assert warning == f"{tmp_path / 'b.html'}: skipped: broken page: trafilatura failed (ValueError: bad tree)"
