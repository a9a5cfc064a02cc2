"""Files and folders -> ``Article``: plain text, JSON Lines, CSV/TSV, web pages, WARC archives.

Each kind of file has its reader here; the formats themselves live in their own modules
(``tables`` for CSV/TSV and ``--map``, ``html`` for web pages, ``warc`` for archives,
``compressed`` for .gz/.bz2/.xz, ``dates`` for publication dates), imported when the first
file of their kind is read. Every file is streamed, a line or a record at a time.

The text of an article is kept exactly as read (only a leading BOM is dropped), because quote
offsets index into it; for a web page it is the main text that trafilatura extracts. Problems
the user must fix before anything useful can happen (a missing path, undecodable text) raise
``QuotesError``. A record that cannot become an article (an empty file, a bad JSON line, a CSV
row with a missing column, a page without article text, a truncated .gz) is a ``Skip``: it is
reported through ``warn`` with its file and line or record and skipped, so one bad record does
not lose a whole batch; ``strict=True`` turns the first of those into an error. A WARC
response that is not an HTML page is skipped without a warning. Every skip, warned or not, is
also passed to ``on_skip``, for a summary.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from quotes.compressed import CORRUPT, compression_of, describe, looks_binary, open_binary, split_suffix, stem
from quotes.dates import DateReader
from quotes.errors import QuotesError
from quotes.types import UNKNOWN_OUTLET, Article

if TYPE_CHECKING:
    from quotes.html import Page
    from quotes.tables import ColumnMap

TEXT_SUFFIX = ".txt"
JSONL_SUFFIX = ".jsonl"
# File suffix -> the kind of file; each may also end in .gz, .bz2 or .xz
KINDS = {
    TEXT_SUFFIX: "text",
    JSONL_SUFFIX: "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
}
SUPPORTED_SUFFIXES = tuple(KINDS)
META_SUFFIX = ".meta.json"  # sidecar beside NAME.txt or NAME.html: NAME.meta.json
FIELDS = ("id", "title", "outlet", "url", "published")  # Article fields a record may give
BOM = codecs.BOM_UTF8
HEAD_BYTES = 8192  # how much of a file is looked at to tell text from binary data
# JSON's own type names, which a user who wrote the file knows, for messages
JSON_TYPES = {
    dict: "object",
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Skip:
    """A file, line or record that did not become an article, and why."""

    where: str  # the file, with its line (path:12) or record (path: record at byte 5120)
    reason: str  # short and the same for the same cause, for counting: "not HTML"
    detail: str = ""  # the whole story, for the warning; the reason when empty
    failed: bool = True  # the input is broken; False: it is sound but holds no article
    quiet: bool = False  # counted, not warned: a WARC's images and error pages

    @property
    def message(self) -> str:
        return f"{self.where}: skipped: {self.detail or self.reason}"


def _print_warning(message: str) -> None:
    print("warning: " + message, file=sys.stderr)


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    outlet: str | None = None,
    encoding_errors: str = "strict",
    strict: bool = False,
    warn: Warn | None = None,
    column_map: str | Mapping[str, str] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles in ``paths``: ``.txt``, ``.jsonl``, ``.csv``, ``.tsv``, ``.html``
    and ``.warc`` files, each possibly ``.gz``/``.bz2``/``.xz``, and folders of them.

    Files are listed up front, so a mistyped path fails before any work is done, then read
    one at a time. ``outlet`` is the outlet for articles that do not name their own.
    ``encoding_errors`` is the ``bytes.decode`` error handler for text that is not UTF-8.
    ``column_map`` names the columns (CSV/TSV) or keys (JSON Lines) that hold the text,
    title, outlet, date, url and id when they are not named so: ``"text=body,date=pub_date"``
    or the same as a mapping.
    """
    try:
        codecs.lookup_error(encoding_errors)
    except LookupError:
        raise QuotesError(
            f"unknown encoding error handler {encoding_errors!r}; use strict, replace or ignore"
        ) from None
    if isinstance(paths, (str, os.PathLike)):  # a lone path would otherwise iterate by char
        paths = [paths]
    from quotes.tables import parse_column_map

    context = _Context(
        outlet=outlet,
        errors=encoding_errors,
        report=_Reporter(strict, warn or _print_warning, on_skip),
        columns=parse_column_map(column_map),
    )
    files = [file for path in paths for file in _list_files(Path(path))]
    for file in files:
        yield from READERS[kind_of(file)](file, context)


class _Reporter:
    """Sends a non-fatal problem to ``warn``, or raises it when ``strict``; and every skip,
    warned or quiet, to ``on_skip``."""

    def __init__(self, strict: bool, warn: Warn, on_skip: Callable[[Skip], None] | None = None) -> None:
        self.strict = strict
        self.warn = warn
        self.on_skip = on_skip

    def __call__(self, message: str) -> None:
        if self.strict:
            raise QuotesError(message)
        self.warn(message)

    def skip(self, skip: Skip) -> None:
        if not skip.quiet:
            self(skip.message)
        if self.on_skip:
            self.on_skip(skip)


@dataclass(frozen=True, slots=True)
class _Context:
    """What every reader needs besides its file."""

    outlet: str | None
    errors: str
    report: _Reporter
    columns: ColumnMap


# --- listing


def kind_of(path: Path) -> str | None:
    """Which reader a file's name calls for ("text", "jsonl", ...), or None if none does."""
    return KINDS.get(split_suffix(path)[0])


def _list_files(path: Path) -> list[Path]:
    """The article files that ``path`` names: itself, or its folder's, sorted by path."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if kind_of(p) and p.is_file())
        if not files:
            raise QuotesError(
                f"{path}: no .txt or .jsonl articles in this folder, nor .csv, .tsv, .html or "
                ".warc files; give a folder that holds articles, or the files themselves"
            )
        return files
    if not path.exists():
        raise QuotesError(f"{path}: no such file or folder; check the path")
    if kind_of(path) is None:
        if path.name.endswith(META_SUFFIX):
            kind = "a metadata sidecar, not an article"
        elif path.suffix:
            suffix = "".join(path.suffixes[-2:]) if split_suffix(path)[1] else path.suffix
            kind = f"unsupported file type {suffix!r}"
        else:
            kind = "no file extension"
        raise QuotesError(
            f"{path}: {kind}; give .txt files (plain text), .jsonl files (JSON Lines), .csv or "
            ".tsv tables, .html pages or .warc archives, each possibly .gz, .bz2 or .xz, "
            "or a folder of them"
        )
    return [path]


# --- bytes


def _open(path: Path) -> IO[bytes]:
    try:
        return open_binary(path)
    except OSError as exc:
        raise QuotesError(f"{path}: cannot read: {exc.strerror}; check its permissions") from None


def _read_all(path: Path, context: _Context) -> bytes | None:
    """The file's bytes, decompressed; None, after a report, when they are not text or the
    compressed data is damaged."""
    with _open(path) as handle:
        try:
            data = handle.read()
        except CORRUPT as exc:
            context.report.skip(Skip(str(path), "truncated or corrupt file", describe(exc)))
            return None
    return None if _binary(path, data[:HEAD_BYTES], context) else data


def _binary(path: Path, head: bytes, context: _Context) -> bool:
    """Whether ``head``, a file's first bytes, is binary data rather than text (reported)."""
    if not looks_binary(head):
        return False
    compression = compression_of(head)
    hint = (
        f"it looks {compression[1:]}-compressed: name it {path.name}{compression}"
        if compression
        else "a text file holds no such bytes (is it a PDF, an image, or UTF-16?)"
    )
    context.report.skip(Skip(str(path), "binary data", f"binary data, not text; {hint}"))
    return True


class _Lines:
    """A file's lines, decoded, with their numbers. Binary data or damaged compressed data
    ends them after a report, and sets ``broken``."""

    def __init__(self, path: Path, context: _Context) -> None:
        self.path = path
        self.context = context
        self.broken = False

    def __iter__(self) -> Iterator[tuple[int, str]]:
        path, context = self.path, self.context
        with _open(path) as handle:
            lineno, offset = 0, 0
            try:
                if _binary(path, _peek(handle), context):
                    self.broken = True
                    return
                for lineno, raw in enumerate(handle, start=1):
                    skip = len(BOM) if lineno == 1 and raw.startswith(BOM) else 0
                    yield lineno, _decode(raw[skip:], context.errors, path, lineno, offset + skip)
                    offset += len(raw)
            except CORRUPT as exc:
                self.broken = True
                where = f"{path}:{lineno + 1}"
                context.report.skip(
                    Skip(where, "truncated or corrupt file", f"{describe(exc)}; the rest of the file is lost")
                )


def _peek(handle: IO[bytes]) -> bytes:
    """The first bytes of an open file, left to be read again."""
    peek = getattr(handle, "peek", None)
    return peek(HEAD_BYTES)[:HEAD_BYTES] if peek else b""


def _decode(data: bytes, errors: str, path: Path, line: int = 1, start: int = 0) -> str:
    """Decode UTF-8; on failure name the line and file byte offset so the user can find it.

    ``line`` and ``start`` say where ``data`` begins in the file.
    """
    try:
        return data.decode("utf-8", errors)
    except UnicodeDecodeError as exc:
        line += data.count(b"\n", 0, exc.start)
        raise QuotesError(
            f"{path}: invalid UTF-8 on line {line} at byte offset {start + exc.start}; "
            "save the file as UTF-8, or pass --encoding-errors replace to read it anyway"
        ) from None


# --- plain text and sidecars


def _read_text(path: Path, context: _Context) -> Iterator[Article]:
    """One plain-text article, with metadata from its sidecar if it has one."""
    data = _read_all(path, context)
    if data is None:
        return
    skip = len(BOM) if data.startswith(BOM) else 0
    text = _decode(data[skip:], context.errors, path, start=skip)
    if not text.strip():
        context.report.skip(Skip(str(path), "empty file", failed=False))
        return
    fields, meta = _read_sidecar(path, context.report)
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    yield _article(text, fields, meta, str(path), context, DateReader(context.report),
                   default_id=stem(path), defaults={"title": title})


def _read_sidecar(path: Path, report: _Reporter) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields and other keys of the file's sidecar: empty if there is none, or if it is
    unusable (after a report)."""
    sidecar = path.with_name(stem(path) + META_SUFFIX)
    if not sidecar.is_file():
        return {}, {}
    try:
        with _open(sidecar) as handle:
            record = json.loads(handle.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report(f"{sidecar}: ignored: cannot read it as JSON ({exc}); fix or remove this metadata file")
        return {}, {}
    if not isinstance(record, dict):
        report(
            f"{sidecar}: ignored: expected a JSON object, got {_json_type(record)}; "
            "fix or remove this metadata file"
        )
        return {}, {}
    return _split(record)


def _split(record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    return ({k: v for k, v in record.items() if k in FIELDS},
            {k: v for k, v in record.items() if k not in FIELDS})


# --- JSON Lines


def _read_jsonl(path: Path, context: _Context) -> Iterator[Article]:
    """One article per line, read line by line; a bad line is reported and skipped."""
    empty = True
    dates = DateReader(context.report)
    lines = _Lines(path, context)
    for lineno, line in lines:
        if not line.strip():
            continue
        empty = False
        where = f"{path}:{lineno}"
        record = _parse_record(line, where, context)
        if record is not None:
            fields, meta = context.columns.split(record)
            text = fields.pop("text")
            yield _article(text, fields, meta, where, context, dates, default_id=None)
    if empty and not lines.broken:
        context.report.skip(Skip(str(path), "empty file", failed=False))


def _parse_record(line: str, where: str, context: _Context) -> dict[str, Any] | None:
    """The line's object if it holds a usable text; else report why not and give None."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        problem = Skip(where, "not valid JSON", f"not valid JSON ({exc.msg} at column {exc.colno})")
    else:
        key = context.columns.column("text")
        name = context.columns.describe("text")
        text = record.get(key) if isinstance(record, dict) else None
        if not isinstance(record, dict):
            problem = Skip(where, "not a JSON object", f"expected a JSON object, got {_json_type(record)}")
        elif text is None:
            problem = Skip(where, "no text", f"no {name} field")
        elif not isinstance(text, str):
            problem = Skip(where, "text not a string", f"{name} must be a string, got {_json_type(text)}")
        elif not text.strip():
            problem = Skip(where, "empty text", f"{name} is empty", failed=False)
        else:
            return record
    context.report.skip(problem)
    return None


def _json_type(value: object) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


# --- CSV and TSV


def _read_table(path: Path, context: _Context) -> Iterator[Article]:
    """One article per row of a table with a header."""
    from quotes.tables import Row, read_rows

    dates = DateReader(context.report)
    lines = _Lines(path, context)
    delimiter = "\t" if split_suffix(path)[0] == ".tsv" else ","
    rows = read_rows((line for _, line in lines), source=str(path), delimiter=delimiter, columns=context.columns)
    for row in rows:
        if isinstance(row, Row):
            where = f"{path}:{row.line}"
            fields = dict(row.fields)
            text = fields.pop("text")
            yield _article(text, fields, row.meta, where, context, dates, default_id=None)
        elif not (lines.broken and row.reason == "empty file"):  # the file's own problem said it
            context.report.skip(row)


# --- web pages and archives


def _read_html(path: Path, context: _Context) -> Iterator[Article]:
    """The article of a saved web page, with its sidecar's metadata over the page's own."""
    from quotes.html import registered_domain

    data = _read_all(path, context)
    page = _page(data, "", str(path), context) if data is not None else None
    if page is None:
        return
    fields, meta = _read_sidecar(path, context.report)
    if page.author:
        meta.setdefault("author", page.author)
    defaults = {
        "title": page.title,
        "outlet": page.site_name or registered_domain(page.url),
        "url": page.url,
        "published": page.published,
    }
    yield _article(page.text, fields, meta, str(path), context, DateReader(context.report),
                   default_id=stem(path), defaults=defaults)


def _read_warc(path: Path, context: _Context) -> Iterator[Article]:
    """An article for each HTML response in a WARC archive, with the record's target URI and
    date and the URI's registered domain as its outlet."""
    from quotes.html import registered_domain
    from quotes.warc import read_responses, record_where

    dates = DateReader(context.report)
    for response in read_responses(path):
        if isinstance(response, Skip):
            context.report.skip(response)
            continue
        where = record_where(path, response.offset)
        page = _page(response.markup, response.url, where, context)
        if page is None:
            continue
        meta: dict[str, Any] = {"warc_record_id": response.record_id}
        if page.site_name:
            meta["site_name"] = page.site_name
        if page.published:
            meta["page_date"] = page.published
        fields = {"url": response.url, "published": response.date}
        if response.url:
            fields["id"] = _digest(response.url)
        defaults = {"title": page.title, "outlet": registered_domain(response.url)}
        yield _article(page.text, fields, meta, f"{path}@{response.offset}", context, dates,
                       default_id=None, defaults=defaults, where=where)


def _page(html: str | bytes, url: str, where: str, context: _Context) -> Page | None:
    """The article of a page; None, after a report, when it has none or trafilatura fails."""
    from quotes.html import BrokenPage, extract_page

    about = f" ({url})" if url else ""
    try:
        page = extract_page(html, url=url)
    except BrokenPage as error:
        context.report.skip(Skip(where, "broken page", f"broken page: trafilatura failed ({error}){about}"))
        return None
    if page is None:
        context.report.skip(Skip(where, "no article text", f"no article text{about}", failed=False))
    return page


# --- building the article


def _article(
    text: str,
    fields: dict[str, Any],
    meta: dict[str, Any],
    source: str,
    context: _Context,
    dates: DateReader,
    *,
    default_id: str | None,
    defaults: dict[str, str] | None = None,
    where: str | None = None,
) -> Article:
    """Build an Article; a field given as null or "" counts as not given. ``defaults`` are
    the values that the file itself implies (a page's title, a text's first line), under the
    ones its record or sidecar gives; ``where`` names the record in a warning (``source``)."""
    given = {key: str(fields[key]) for key in FIELDS if fields.get(key) not in (None, "")}
    implied = {key: value for key, value in (defaults or {}).items() if value}
    meta = dict(meta)
    published = dates.read(given.get("published", implied.get("published")), where or source, meta)
    if default_id is None:  # no name to go by: the text itself, so the id survives a re-run
        default_id = _digest(text)
    return Article(
        id=given.get("id", default_id),
        text=text,
        title=given.get("title", implied.get("title", "")),
        outlet=given.get("outlet") or implied.get("outlet") or context.outlet or UNKNOWN_OUTLET,
        url=given.get("url", implied.get("url", "")),
        published=published,
        source=source,
        meta=meta,
    )


def _digest(text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass"), usedforsecurity=False)
    return digest.hexdigest()[:16]


READERS: dict[str, Callable[[Path, _Context], Iterator[Article]]] = {
    "text": _read_text,
    "jsonl": _read_jsonl,
    "csv": _read_table,
    "tsv": _read_table,
    "html": _read_html,
    "warc": _read_warc,
}
