"""A WARC archive (``.warc``, ``.warc.gz``) -> an article for each HTML response in it.

The records are read by ``quotes.warc``; each page's article is found as a saved page's is
(``quotes.readers.page``), with the record's target URI and date, and the URI's registered
domain as its outlet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from quotes.dates import DateReader
from quotes.html import registered_domain
from quotes.reading import Context, File, Skip, article, digest
from quotes.readers.page import page
from quotes.types import Article
from quotes.warc import read_responses


def read(file: File, context: Context) -> Iterator[Article]:
    """An article for each HTML response in a WARC archive."""
    path = file.path
    dates = DateReader(context.report)
    for response in read_responses(path, max_bytes=context.max_bytes):
        if isinstance(response, Skip):
            context.report.skip(response)
            continue
        where = file.where(response.offset)
        found = page(response.markup, response.url, where, context)
        if found is None:
            continue
        meta: dict[str, Any] = {"warc_record_id": response.record_id}
        if found.site_name:
            meta["site_name"] = found.site_name
        if found.published:
            meta["page_date"] = found.published
        fields = {"url": response.url, "published": response.date}
        if response.url:
            fields["id"] = digest(response.url)
        defaults = {"title": found.title, "outlet": registered_domain(response.url)}
        result = article(found.text, fields, meta, f"{path}@{response.offset}", context, dates,
                         default_id=None, defaults=defaults, where=where)
        if context.admit(result, file, response.offset):
            yield result
