"""A plain-text file (``.txt``, possibly compressed) -> one article, with its sidecar's metadata.

The text is kept exactly as read (only a leading BOM is dropped), because quote offsets index
into it; its first non-blank line is the title unless the sidecar gives one.
"""

from __future__ import annotations

from collections.abc import Iterator

from quotes.dates import DateReader
from quotes.reading import BOM, Context, File, Skip, article, decode, read_sidecar, read_whole
from quotes.types import Article


def read(file: File, context: Context) -> Iterator[Article]:
    """One plain-text article, with metadata from its sidecar if it has one."""
    path = file.path
    data = read_whole(path, context)
    if data is None:
        return
    skip = len(BOM) if data.startswith(BOM) else 0
    text = decode(data[skip:], context.errors, path, start=skip)
    if not text.strip():
        context.report.skip(Skip(str(path), "empty file", failed=False))
        return
    fields, meta = read_sidecar(path, context)
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    found = article(text, fields, meta, str(path), context, DateReader(context.report),
                    default_id=file.name, defaults={"title": title})
    if context.admit(found, file):
        yield found
