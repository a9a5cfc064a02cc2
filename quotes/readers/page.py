"""A saved web page (``.html``, ``.htm``) -> its article, found by trafilatura (``quotes.html``).

The page's own title, date, site name and URL are used where its sidecar gives none.
"""

from __future__ import annotations

from collections.abc import Iterator

from quotes.dates import DateReader
from quotes.html import BrokenPage, Page, extract_page, registered_domain
from quotes.reading import Context, File, Skip, article, read_sidecar, read_whole
from quotes.types import Article


def read(file: File, context: Context) -> Iterator[Article]:
    """The article of a saved web page, with its sidecar's metadata over the page's own."""
    path = file.path
    data = read_whole(path, context)
    found = page(data, "", str(path), context) if data is not None else None
    if found is None:
        return
    fields, meta = read_sidecar(path, context)
    if found.author:
        meta.setdefault("author", found.author)
    defaults = {
        "title": found.title,
        "outlet": found.site_name or registered_domain(found.url),
        "url": found.url,
        "published": found.published,
    }
    result = article(found.text, fields, meta, str(path), context, DateReader(context.report),
                     default_id=file.name, defaults=defaults)
    if context.admit(result, file):
        yield result


def page(html: str | bytes, url: str, where: str, context: Context) -> Page | None:
    """The article of a page; None, after a report, when it has none or trafilatura fails."""
    about = f" ({url})" if url else ""
    try:
        found = extract_page(html, url=url)
    except BrokenPage as error:
        context.report.skip(Skip(where, "broken page", f"broken page: trafilatura failed ({error}){about}"))
        return None
    if found is None:
        context.report.skip(Skip(where, "no article text", f"no article text{about}", failed=False))
    return found
