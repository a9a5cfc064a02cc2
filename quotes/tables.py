"""CSV and TSV dumps -> records, and the column map (``--map``) that says which columns hold
an article's text, title, outlet, date, URL and id when they are not named so.

A table has a header row; every other row is one article. A row whose number of fields is not
the header's (a missing column, a stray delimiter, a quote that never closes) is skipped with
its line, and the rows around it are kept; so is a row longer than the limit the reader sets
(in characters) and a line that the reader could not give (binary data, too long). Columns
that are not mapped to a field are kept as the article's metadata.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from quotes.errors import QuotesError
from quotes.reading import Skip

FIELDS = ("text", "title", "outlet", "published", "url", "id")
ALIASES = {"date": "published"}  # what --map may call a field besides its own name
# One FIELD=COLUMN pair of a --map value; a column name may hold spaces but not "," or "="
MAP_ITEM = re.compile(r"\s*(?P<field>[A-Za-z_]+)\s*=\s*(?P<column>[^,=]*[^,=\s])\s*")
MAX_FIELD = 1 << 26  # csv's default 128 KiB per field is less than some long articles
MAX_ROW = 1 << 24  # characters in one row, in all its lines, unless the caller says otherwise


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Field -> the column (or JSON key) that holds it; a field not in it is read from the
    column of its own name."""

    columns: tuple[tuple[str, str], ...] = ()

    def column(self, field: str) -> str:
        return next((column for f, column in self.columns if f == field), field)

    def split(self, record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The record's fields by their field names, and every other column as metadata."""
        used = {self.column(field): field for field in FIELDS}
        fields = {used[key]: value for key, value in record.items() if key in used}
        meta = {key: value for key, value in record.items() if key not in used}
        return fields, meta

    def describe(self, field: str) -> str:
        """How a message names the column of ``field``: "body" (mapped to text), or "text"."""
        column = self.column(field)
        return f'"{column}"' + (f" (mapped to {field})" if column != field else "")


def parse_column_map(spec: str | Mapping[str, str] | None) -> ColumnMap:
    """``text=body,date=pub_date`` (or the same as a mapping) as a ``ColumnMap``."""
    if spec is None:
        return ColumnMap()
    if isinstance(spec, str):
        pairs = []
        for item in spec.split(",") if spec.strip() else []:
            match = MAP_ITEM.fullmatch(item)
            if not match:
                raise QuotesError(
                    f"--map: cannot read {item.strip()!r}; write FIELD=COLUMN pairs separated "
                    "by commas, as in --map text=body,date=pub_date"
                )
            pairs.append((match["field"], match["column"]))
    else:
        pairs = list(spec.items())
    columns: dict[str, str] = {}
    for name, column in pairs:
        field = ALIASES.get(name.lower(), name.lower())
        if field not in FIELDS:
            raise QuotesError(
                f"--map: unknown field {name!r}; map any of text, title, outlet, date, url, id "
                "to a column, as in --map text=body,date=pub_date"
            )
        if field in columns:
            raise QuotesError(f"--map: {name} is mapped twice; give each field one column")
        columns[field] = column
    return ColumnMap(tuple(columns.items()))


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table, as the fields of an article and the rest."""

    line: int  # the line the row starts on, 1-based
    fields: dict[str, Any]  # text, and whichever of title, outlet, published, url, id it has
    meta: dict[str, Any]


def read_rows(
    lines: Iterable[str | Skip], *, source: str, delimiter: str, columns: ColumnMap, max_row: int = MAX_ROW
) -> Iterator[Row | Skip]:
    """The rows of a table whose lines are ``lines`` (each with its line ending), or a
    ``Skip`` for each row that cannot be an article; ``source`` names the file in them. A
    ``Skip`` among the lines is a line that could not be read: it ends the row it falls in,
    and is given in that row's place. A row of more than ``max_row`` characters is skipped
    as too large, its lines read no further than that."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
    feed = _Feed(lines, max_row)
    reader = csv.reader(feed, dialect="excel-tab" if delimiter == "\t" else "excel")
    rows = _numbered(reader, feed, source)
    header: list[str] = []
    for line, row in rows:
        if isinstance(row, Skip):
            yield row
        elif row:
            header = [name.strip() for name in row]
            break
    if not header:
        yield Skip(source, "empty file", "empty file", failed=False)
        return
    missing = [field for field in FIELDS if columns.column(field) != field and columns.column(field) not in header]
    text = columns.column("text")
    if text not in header:
        missing.insert(0, "text")
    if missing:
        names = ", ".join(columns.describe(field) for field in missing)
        yield Skip(
            f"{source}:{line}", "no such column",
            f"the whole file: no column {names} in the header ({', '.join(header)}); "
            "name the columns with --map, as in --map text=body,date=pub_date",
        )
        return
    empty = True
    for line, row in rows:
        empty = empty and not row
        if isinstance(row, Skip):
            yield row
        elif not row:
            continue  # a blank line
        elif len(row) != len(header):
            yield Skip(
                f"{source}:{line}", "wrong number of fields",
                f"{len(row)} fields where the header has {len(header)}",
            )
        else:
            fields, meta = columns.split(dict(zip(header, row)))
            if not fields["text"].strip():
                yield Skip(f"{source}:{line}", "empty text", f"{columns.describe('text')} is empty", failed=False)
            else:
                yield Row(line, fields, meta)
    if empty:
        yield Skip(source, "empty file", "empty file: a header and no rows", failed=False)


class _Stop(Exception):
    """Raised through csv.reader to end a row: the line that could not be read, or None for a
    row grown past the limit."""

    def __init__(self, skip: Skip | None) -> None:
        super().__init__()
        self.skip = skip


class _Feed:
    """The lines for csv.reader, counted per row; one that is a ``Skip``, or one that takes
    the row past ``limit`` characters, stops the row. An iterator class, not a generator,
    because it goes on after raising (csv.reader starts each row afresh)."""

    def __init__(self, lines: Iterable[str | Skip], limit: int) -> None:
        self.lines = iter(lines)
        self.limit = limit
        self.row = 0  # characters given to the row being read
        self.taken = 0  # lines taken, given or not: csv.reader's line_num misses those not given

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken += 1
        if isinstance(line, Skip):
            raise _Stop(line)
        self.row += len(line)
        if self.row > self.limit:
            raise _Stop(None)
        return line


def _numbered(reader: Any, feed: _Feed, source: str) -> Iterator[tuple[int, list[str] | Skip]]:
    """Each row with the line it starts on; a row csv cannot parse, or that a line stopped,
    becomes a ``Skip``."""
    while True:
        line = feed.taken + 1
        feed.row = 0
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield line, Skip(f"{source}:{line}", "malformed row", f"malformed row ({error})")
            continue
        except _Stop as stop:
            yield line, stop.skip or Skip(
                f"{source}:{line}", "article too large",
                f"article too large: the row is longer than the limit of {feed.limit:,} characters",
            )
            continue
        yield line, row
