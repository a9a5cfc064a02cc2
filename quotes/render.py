"""Rows -> a terminal table, TSV, CSV or JSON Lines.

Rows are plain mappings, so one writer serves quotes, claims and whatever else the CLI prints.
jsonl keeps every value exactly; tsv and csv keep it too, but for one rule that makes them safe
to open in a spreadsheet (``defused``), which ``read_rows`` undoes exactly. All three stream.
Only the table, meant for eyes, shortens, fits the terminal and shows control characters as
escapes (``quotes.terminal.visible``), so article text cannot drive the terminal.
"""

from __future__ import annotations

import csv
import json
import re
from typing import Iterable, Mapping, Sequence, TextIO

import regex
from tabulate import tabulate

from quotes.errors import QuotesError
from quotes.parquet import quote_record
from quotes.terminal import visible
from quotes.types import Article, Claim, Quote

QUOTE_COLUMNS: tuple[str, ...] = (
    "article", "outlet", "title", "start", "end", "quote", "kind",
    "speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_role", "cue", "cue_start", "cue_end",
)
TABLE_COLUMNS: tuple[str, ...] = ("article", "speaker", "cue", "quote")
FORMATS = ("table", "tsv", "csv", "jsonl")

# Line and field breaks (those str.splitlines knows, plus tab) that would tear a table row apart.
RE_BREAK = re.compile(r"\r\n|[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]")
# Text a spreadsheet would run as a formula: = + - @ first, possibly after whitespace or
# control characters (which some spreadsheets drop), or a tab or carriage return first (which
# others read as the start of a formula or of a new cell). Apostrophes first are looked past,
# so that a text which itself starts with ' before one of these is prefixed too, and the
# prefix is undone unambiguously.
RE_FORMULA = regex.compile(r"'*(?:[\s\p{Cc}]*[=+\-@]|[\t\r])")
SPREADSHEET_PREFIX = "'"
# Breaks json.dumps leaves raw: escaped so str.splitlines readers still get one object a line.
JSON_RAW_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
# `quotes export --quotes`: every extraction field, the article's date and address, the claim
# (and for a reported row, kind indirect, the claim it reports: `quotes said`'s `reports`).
EXPORT_QUOTE_COLUMNS: tuple[str, ...] = QUOTE_COLUMNS + ("published", "url", "claim", "reports")
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
    width: int | None = None,
    empty: str = EMPTY_TABLE,
) -> int:
    """Write ``rows`` (only ``columns``, in order; a missing key is None) and return the count.

    tsv/csv: header row first, None as an empty field, written one row at a time; text a
    spreadsheet would run as a formula gets a leading ``'`` (``defused``), in every cell
    including the header, and ``read_rows`` takes it off again.
    jsonl: one JSON object per line, values as they are (None -> null), non-ASCII kept raw
    except the line breaks U+0085, U+2028, U+2029, which are written as JSON escapes.
    table: ``table_columns`` (default TABLE_COLUMNS) that are among ``columns``, or all of
    ``columns`` if none are; text flattened to one line, control characters shown as escapes,
    each cell cut to ``max_width`` characters, and the whole fitted to ``width`` characters a
    line when given (``fit_widths``).
    """
    if fmt not in FORMATS:
        raise QuotesError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "table":
        return _write_table(rows, columns, out, table_columns, max_width, width, empty)
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

    put([_cell(c) for c in columns])
    count = 0
    for row in rows:
        put([_cell(row.get(c)) for c in columns])
        count += 1
    return count


def defused(text: str) -> str:
    """``text`` as a spreadsheet shows it instead of running it: with a leading ``'`` when it
    starts like a formula (RE_FORMULA), as it is otherwise."""
    return SPREADSHEET_PREFIX + text if RE_FORMULA.match(text) else text


def restored(cell: str) -> str:
    """The text ``defused`` was given: exactly one ``'`` off a cell that ``defused`` prefixed.
    A prefixed cell is one whose text after the ``'`` starts like a formula, and an unprefixed
    text never is (its own leading ``'`` would have made it one), so no text is mistaken."""
    if cell.startswith(SPREADSHEET_PREFIX) and RE_FORMULA.match(cell, 1):
        return cell[1:]
    return cell


def read_rows(stream: TextIO, fmt: str = "tsv") -> list[dict[str, str]]:
    """Read what ``write_rows`` wrote as tsv or csv, every cell as the text it was (None as
    ""), the spreadsheet prefix taken off; open files with ``newline=""``."""
    if fmt not in ("tsv", "csv"):
        raise QuotesError(f"read_rows reads tsv or csv, not {fmt!r}")
    reader = csv.reader(stream, dialect="excel-tab" if fmt == "tsv" else "excel")
    header = [restored(cell) for cell in next(reader, [])]
    return [dict(zip(header, map(restored, row))) for row in reader]


def read_tsv(stream: TextIO) -> list[dict[str, str]]:
    """Read what ``write_rows(fmt="tsv")`` wrote; open files with ``newline=""``."""
    return read_rows(stream, "tsv")


def _cell(value: object) -> object:
    """A value as a csv field: None empty, formula-like text defused."""
    if value is None:
        return ""
    return defused(value) if isinstance(value, str) else value


# Columns that give way when a table is too wide for the terminal, first to last; any other
# column keeps its width. A column never narrows below MIN_WIDTH (or its header).
GIVE_WAY = ("quote", "diff", "title", "aliases", "speaker", "outlet", "article", "cue", "flags")
MIN_WIDTH = 12
COLUMN_GAP = 2  # tabulate's "simple" format puts two spaces between columns
HEADER_PADDING = 2  # and makes a column at least two wider than its header


def fit_widths(natural: Sequence[int], headers: Sequence[str], width: int) -> list[int]:
    """Column widths that fit ``width`` characters a line, from the widest each column needs.

    The columns of GIVE_WAY narrow in that order: the first of them (the quote) down to a
    third of the line, then the others down to MIN_WIDTH (or what their header takes), then
    the first again down to MIN_WIDTH; other columns (numbers, dates) keep their width. When
    even that is too wide, the first narrows down to its header."""
    widths = list(natural)
    over = sum(widths) + COLUMN_GAP * (len(widths) - 1) - width
    order = [headers.index(c) for c in GIVE_WAY if c in headers]
    if not order:
        return widths

    def floor(index: int) -> int:
        return max(MIN_WIDTH, len(headers[index]) + HEADER_PADDING)

    first = order[0]
    steps = [(first, max(floor(first), width // 3))] + [(i, floor(i)) for i in order[1:]] + [(first, floor(first))]
    for index, least in steps:
        if over <= 0:
            break
        cut = min(over, max(widths[index] - least, 0))
        widths[index] -= cut
        over -= cut
    if over > 0:
        widths[first] = max(len(headers[first]) + HEADER_PADDING, widths[first] - over)
    return widths


def _write_table(
    rows: Iterable[Mapping[str, object]],
    columns: Sequence[str],
    out: TextIO,
    table_columns: Sequence[str] | None,
    max_width: int,
    width: int | None,
    empty: str = EMPTY_TABLE,
) -> int:
    """Materialise the rows (column widths need them all) and print them for a terminal."""
    if max_width < 1:
        raise QuotesError(f"max_width must be at least 1, not {max_width}")
    wanted = TABLE_COLUMNS if table_columns is None else table_columns
    shown = [c for c in wanted if c in columns] or list(columns)
    body = [[_shown(row.get(c), max_width) for c in shown] for row in rows]
    if not body:
        out.write(visible(empty) + "\n")
        return 0
    headers = [visible(c) for c in shown]
    if width is not None:
        natural = [max([len(h) + HEADER_PADDING] + [len(str(r[i])) for r in body]) for i, h in enumerate(headers)]
        widths = fit_widths(natural, headers, width)
        body = [[_cut(cell, w) for cell, w in zip(r, widths)] for r in body]
        headers = [_cut(h, w - HEADER_PADDING) for h, w in zip(headers, widths)]
    # disable_numparse: a quote such as "1e5" or "inf" must print as written, not as a number.
    out.write(tabulate(body, headers=headers, tablefmt="simple", disable_numparse=True) + "\n")
    return len(body)


def _shown(value: object, max_width: int) -> object:
    """Text on one line with its control characters as escapes, cut to ``max_width``
    characters with an ellipsis; None as empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    return _cut(visible(RE_BREAK.sub(" ", value)), max_width)


def _cut(value: object, width: int) -> object:
    if not isinstance(value, str) or len(value) <= width:
        return value
    return value[: width - 1] + ELLIPSIS if width > 1 else value[:width]
