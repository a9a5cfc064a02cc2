"""A CSV or TSV dump with a header row -> one article per row (the format is ``quotes.tables``')."""

from __future__ import annotations

from collections.abc import Iterator

from quotes.compressed import split_suffix
from quotes.dates import DateReader
from quotes.reading import Context, File, Lines, article
from quotes.tables import Row, read_rows
from quotes.types import Article


def read(file: File, context: Context) -> Iterator[Article]:
    """One article per row of a table with a header."""
    path = file.path
    dates = DateReader(context.report)
    lines = Lines(path, context)
    delimiter = "\t" if split_suffix(path)[0] == ".tsv" else ","
    rows = read_rows((line for _, line in lines), source=str(path), delimiter=delimiter,
                     columns=context.columns, max_row=context.max_bytes)
    for row in rows:
        if isinstance(row, Row):
            where = file.where(row.line)
            fields = dict(row.fields)
            text = fields.pop("text")
            found = article(text, fields, row.meta, where, context, dates, default_id=None)
            if context.admit(found, file, row.line):
                yield found
        elif not (lines.broken and row.reason == "empty file"):  # the file's own problem said it
            context.report.skip(row)
