"""CSV and TSV dumps -> records, and the column map (``--map``) that says which columns hold
an article's text, title, outlet, date, URL and id when they are not named so.

A table has a header row; every other row is one article. A row whose number of fields is not
the header's (a missing column, a stray delimiter, a quote that never closes) is skipped with
its line, and the rows around it are kept. Columns that are not mapped to a field are kept as
the article's metadata.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from quotes.errors import QuotesError
from quotes.ingest import Skip

FIELDS = ("text", "title", "outlet", "published", "url", "id")
ALIASES = {"date": "published"}  # what --map may call a field besides its own name
# One FIELD=COLUMN pair of a --map value; a column name may hold spaces but not "," or "="
MAP_ITEM = re.compile(r"\s*(?P<field>[A-Za-z_]+)\s*=\s*(?P<column>[^,=]*[^,=\s])\s*")
MAX_FIELD = 1 << 26  # csv's default 128 KiB per field is less than some long articles


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
    lines: Iterable[str], *, source: str, delimiter: str, columns: ColumnMap
) -> Iterator[Row | Skip]:
    """The rows of a table whose lines are ``lines`` (each with its line ending), or a
    ``Skip`` for each row that cannot be an article; ``source`` names the file in them."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
    reader = csv.reader(lines, dialect="excel-tab" if delimiter == "\t" else "excel")
    rows = _numbered(reader, source)
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


def _numbered(reader: Any, source: str) -> Iterator[tuple[int, list[str] | Skip]]:
    """Each row with the line it starts on; a row csv cannot parse becomes a ``Skip``."""
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield line, Skip(f"{source}:{line}", "malformed row", f"malformed row ({error})")
            continue
        yield line, row
