"""A JSON Lines file -> one article per line, read a line at a time.

Each line is an object with the text under ``text`` (or the key ``--map`` names) and any of
id, title, outlet, url and published; its other keys become the article's metadata. A line
that cannot be an article (not JSON, nested too deeply, no text, longer than the limit) is
reported with its line number and skipped, and the lines around it are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from quotes.dates import DateReader
from quotes.reading import BadJson, Context, File, Lines, Skip, article, json_type, load_json
from quotes.types import Article


def read(file: File, context: Context) -> Iterator[Article]:
    """One article per line; a bad line is reported and skipped."""
    empty = True
    dates = DateReader(context.report)
    lines = Lines(file.path, context)
    for lineno, line in lines:
        if isinstance(line, Skip):
            empty = False
            context.report.skip(line)
            continue
        if not line.strip():
            continue
        empty = False
        where = file.where(lineno)
        record = _record(line, where, context)
        if record is not None:
            fields, meta = context.columns.split(record)
            text = fields.pop("text")
            found = article(text, fields, meta, where, context, dates, default_id=None)
            if context.admit(found, file, lineno):
                yield found
    if empty and not lines.broken:
        context.report.skip(Skip(str(file.path), "empty file", failed=False))


def _record(line: str, where: str, context: Context) -> dict[str, Any] | None:
    """The line's object if it holds a usable text; else report why not and give None."""
    try:
        record = load_json(line)
    except BadJson as error:
        problem = Skip(where, error.reason, str(error))
    else:
        key = context.columns.column("text")
        name = context.columns.describe("text")
        text = record.get(key) if isinstance(record, dict) else None
        if not isinstance(record, dict):
            problem = Skip(where, "not a JSON object", f"expected a JSON object, got {json_type(record)}")
        elif text is None:
            problem = Skip(where, "no text", f"no {name} field")
        elif not isinstance(text, str):
            problem = Skip(where, "text not a string", f"{name} must be a string, got {json_type(text)}")
        elif not text.strip():
            problem = Skip(where, "empty text", f"{name} is empty", failed=False)
        else:
            return record
    context.report.skip(problem)
    return None
