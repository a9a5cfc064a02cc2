"""A web page -> its article: main text, title, date and site name, found by trafilatura.

trafilatura drops the menus, related links, share buttons and reader comments, and keeps the
article's paragraphs one to a line; that text is what the article's quote offsets index. The
date is taken only from the page's own metadata (its meta tags, structured data, the URL), not
from anywhere in the text, so that it is read, never guessed. trafilatura is imported here
alone, when the first page is read, so that reading plain text does not pay for it.
"""

from __future__ import annotations

import logging
from configparser import ConfigParser
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

# htmldate, through trafilatura: the publication date (not the last update), from metadata only
DATE_OPTIONS = {"extensive_search": False, "original_date": True}
# Less main text than this is a menu, a caption or a video's title, not an article; trafilatura
# would otherwise give back a page's navigation links when it finds nothing else
MIN_TEXT_CHARS = 100
# Their log warnings ("discarding data", "empty HTML tree") would reach stderr through
# logging's last-resort handler; a page without an article is reported by the caller instead.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class BrokenPage(Exception):
    """trafilatura failed on a page; the message says how."""


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura found in a page."""

    text: str  # the article's main text, one paragraph a line
    title: str = ""
    published: str = ""  # ISO 8601 date from the page's metadata, "" when it gives none
    site_name: str = ""  # "" when the page does not name its site
    url: str = ""  # the page's canonical URL, else the one it was fetched from
    author: str = ""


def extract_page(html: str | bytes, *, url: str = "") -> Page | None:
    """The article in ``html`` (text, or bytes in the page's own encoding), or None when the
    page holds no article text. ``url`` is where the page came from, if known. Raises
    ``BrokenPage`` when trafilatura fails on the page."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=DATE_OPTIONS,
            config=_config(),
        )
    except Exception as error:  # one hostile page of a million must not end the run
        raise BrokenPage(f"{type(error).__name__}: {error}") from error
    text = getattr(found, "text", None) or ""
    if not text.strip():
        return None
    page_url = found.url or url
    return Page(
        text=text,
        title=found.title or "",
        published=found.date or "",
        site_name=_site_name(found.sitename or "", page_url),
        url=page_url,
        author=found.author or "",
    )


@lru_cache(maxsize=1)
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", str(MIN_TEXT_CHARS))
    return config


def _site_name(name: str, url: str) -> str:
    """The page's name for its site; "" when trafilatura only copied it from the URL's host,
    which ``registered_domain`` does better (``news.example.co.uk`` -> ``example.co.uk``)."""
    host = (urlsplit(url).hostname or "") if url else ""
    if name and host and name.lower().removeprefix("www.") == host.removeprefix("www."):
        return ""
    return name.strip()


def registered_domain(url: str) -> str:
    """The domain a URL is registered under (``https://www.havanatimes.org/x`` ->
    ``havanatimes.org``), by the public suffix list; "" when it has none (an IP address)."""
    from courlan import extract_domain

    if not url:
        return ""
    return extract_domain(url) or ""
