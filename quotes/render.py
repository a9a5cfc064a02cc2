"""Rows -> a terminal table, TSV, CSV or JSON Lines.

Rows are plain mappings, so one writer serves quotes, claims and whatever else the CLI prints.
tsv, csv and jsonl keep every value exactly and stream; only the table, meant for eyes, shortens.
"""

from __future__ import annotations

import csv
import json
import re
from typing import Iterable, Mapping, Sequence, TextIO

from tabulate import tabulate

from quotes.errors import QuotesError
from quotes.parquet import quote_record
from quotes.types import Article, Claim, Quote

QUOTE_COLUMNS: tuple[str, ...] = (
    "article", "outlet", "title", "start", "end", "quote", "kind",
    "speaker", "speaker_mention", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end",
)
TABLE_COLUMNS: tuple[str, ...] = ("article", "speaker", "cue", "quote")
FORMATS = ("table", "tsv", "csv", "jsonl")

# Line and field breaks (those str.splitlines knows, plus tab) that would tear a table row apart.
RE_BREAK = re.compile(r"\r\n|[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]")
FORMULA_STARTS = ("=", "+", "-", "@")  # what spreadsheets read as the start of a formula
# Breaks json.dumps leaves raw: escaped so str.splitlines readers still get one object a line.
JSON_RAW_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
# `quotes export --quotes`: every extraction field, the article's date and address, the claim.
EXPORT_QUOTE_COLUMNS: tuple[str, ...] = QUOTE_COLUMNS + ("published", "url", "claim")
# `quotes export --claims` and `quotes reused`. variants: each wording other than the
# representative as its word diff and count, "military field → military sphere (1)", joined
# by " | "; speakers: every credited speaker with its count; flags: comma-separated.
CLAIM_COLUMNS: tuple[str, ...] = (
    "claim", "speaker", "quote", "articles", "outlets", "outlet_list", "first_seen", "last_seen",
    "variants", "flags", "speakers",
)
ELLIPSIS = "…"
EMPTY_TABLE = "no quotes found"


def quote_row(article: Article, quote: Quote) -> dict[str, object]:
    """One output row with every column of QUOTE_COLUMNS; offsets index ``article.text``."""
    record = quote_record(quote)
    return {"article": article.id, "outlet": article.outlet, "title": article.title} | {
        column: record[column] for column in QUOTE_COLUMNS[3:]
    }


def claim_row(claim: Claim) -> dict[str, object]:
    """One row with every column of CLAIM_COLUMNS."""
    return {
        "claim": claim.id,
        "speaker": claim.speaker,
        "quote": claim.quote,
        "articles": claim.articles,
        "outlets": len(claim.outlets),
        "outlet_list": ", ".join(claim.outlets),
        "first_seen": claim.first_seen,
        "last_seen": claim.last_seen,
        "variants": " | ".join(f"{v.diff} ({v.occurrences})" for v in claim.variants if v.diff),
        "flags": ", ".join(claim.flags),
        "speakers": ", ".join(f"{name} ({count})" for name, count in claim.speakers),
    }


def write_rows(
    rows: Iterable[Mapping[str, object]],
    *,
    columns: Sequence[str],
    fmt: str,
    out: TextIO,
    table_columns: Sequence[str] | None = None,
    max_width: int = 60,
    spreadsheet_safe: bool = False,
    empty: str = EMPTY_TABLE,
) -> int:
    """Write ``rows`` (only ``columns``, in order; a missing key is None) and return the count.

    tsv/csv: header row first, None as an empty field, written one row at a time.
    jsonl: one JSON object per line, values as they are (None -> null), non-ASCII kept raw
    except the line breaks U+0085, U+2028, U+2029, which are written as JSON escapes.
    table: ``table_columns`` (default TABLE_COLUMNS) that are among ``columns``, or all of
    ``columns`` if none are; text flattened to one line and cut to ``max_width`` characters.

    ``spreadsheet_safe`` (tsv/csv only) prefixes text starting with = + - @ with ``'`` so a
    spreadsheet shows it instead of running it as a formula. It changes the data, so it is off
    by default: files meant to be read back by programs must not use it.
    """
    if fmt not in FORMATS:
        raise QuotesError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "table":
        return _write_table(rows, columns, out, table_columns, max_width, empty)
    if fmt == "jsonl":
        count = 0
        for row in rows:
            line = json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False)
            out.write(line.translate(JSON_RAW_BREAKS) + "\n")
            count += 1
        return count
    dialect = "excel-tab" if fmt == "tsv" else "excel"
    # csv quotes a field only if it holds a character of the line terminator, so with "\n" a
    # bare "\r" would be written unquoted and read back as a line break: quote such rows fully.
    plain = csv.writer(out, dialect=dialect, lineterminator="\n")
    quoted = csv.writer(out, dialect=dialect, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def put(cells: list[object]) -> None:
        has_cr = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        (quoted if has_cr else plain).writerow(cells)

    put(list(columns))
    count = 0
    for row in rows:
        put([_cell(row.get(c), spreadsheet_safe) for c in columns])
        count += 1
    return count


def read_tsv(stream: TextIO) -> list[dict[str, str]]:
    """Read what ``write_rows(fmt="tsv")`` wrote; open files with ``newline=""``."""
    return list(csv.DictReader(stream, dialect="excel-tab"))


def _cell(value: object, spreadsheet_safe: bool) -> object:
    """A value as a csv field: None empty, formula-like text defused when asked."""
    if value is None:
        return ""
    if spreadsheet_safe and isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_table(
    rows: Iterable[Mapping[str, object]],
    columns: Sequence[str],
    out: TextIO,
    table_columns: Sequence[str] | None,
    max_width: int,
    empty: str = EMPTY_TABLE,
) -> int:
    """Materialise the rows (column widths need them all) and print them for a terminal."""
    if max_width < 1:
        raise QuotesError(f"max_width must be at least 1, not {max_width}")
    wanted = TABLE_COLUMNS if table_columns is None else table_columns
    shown = [c for c in wanted if c in columns] or list(columns)
    body = [[_short(row.get(c), max_width) for c in shown] for row in rows]
    if not body:
        out.write(empty + "\n")
        return 0
    # disable_numparse: a quote such as "1e5" or "inf" must print as written, not as a number.
    out.write(tabulate(body, headers=shown, tablefmt="simple", disable_numparse=True) + "\n")
    return len(body)


def _short(value: object, max_width: int) -> object:
    """Text on one line, cut to ``max_width`` characters with an ellipsis; None as empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = RE_BREAK.sub(" ", value)
    return text if len(text) <= max_width else text[: max_width - 1] + ELLIPSIS
