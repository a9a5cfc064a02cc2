"""Files, folders and JSON Lines -> ``Article``.

The text of an article is kept exactly as decoded (only a leading BOM is dropped) because
quote offsets index into it. Problems the user must fix before anything useful can happen (a
missing path, undecodable text) raise ``QuotesError``; problems that cost one article (an empty
file, a bad JSON line) are reported through ``warn`` and skipped, so one bad record does not
lose a whole batch. ``strict=True`` turns those into errors too.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from quotes.errors import QuotesError
from quotes.types import UNKNOWN_OUTLET, Article

TEXT_SUFFIX = ".txt"
JSONL_SUFFIX = ".jsonl"
SUPPORTED_SUFFIXES = (TEXT_SUFFIX, JSONL_SUFFIX)
META_SUFFIX = ".meta.json"  # sidecar beside NAME.txt: NAME.meta.json
FIELDS = ("id", "title", "outlet", "url", "published")  # Article fields a record may give
BOM = codecs.BOM_UTF8
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


def _print_warning(message: str) -> None:
    print("warning: " + message, file=sys.stderr)


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    outlet: str | None = None,
    encoding_errors: str = "strict",
    strict: bool = False,
    warn: Warn | None = None,
) -> Iterator[Article]:
    """Yield the articles in ``paths`` (``.txt`` files, ``.jsonl`` files, folders of them).

    Files are listed up front, so a mistyped path fails before any work is done, then read
    one at a time. ``outlet`` is the outlet for articles that do not name their own.
    ``encoding_errors`` is the ``bytes.decode`` error handler for text that is not UTF-8.
    """
    try:
        codecs.lookup_error(encoding_errors)
    except LookupError:
        raise QuotesError(
            f"unknown encoding error handler {encoding_errors!r}; use strict, replace or ignore"
        ) from None
    if isinstance(paths, (str, os.PathLike)):  # a lone path would otherwise iterate by char
        paths = [paths]
    report = _Reporter(strict, warn or _print_warning)
    files = [file for path in paths for file in _list_files(Path(path))]
    for file in files:
        if file.suffix.lower() == JSONL_SUFFIX:
            yield from _read_jsonl(file, outlet, encoding_errors, report)
        else:
            article = _read_text(file, outlet, encoding_errors, report)
            if article is not None:
                yield article


class _Reporter:
    """Sends a non-fatal problem to ``warn``, or raises it when ``strict``."""

    def __init__(self, strict: bool, warn: Warn) -> None:
        self.strict = strict
        self.warn = warn

    def __call__(self, message: str) -> None:
        if self.strict:
            raise QuotesError(message)
        self.warn(message)


def _list_files(path: Path) -> list[Path]:
    """The article files that ``path`` names: itself, or its folder's, sorted by path."""
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file()
        )
        if not files:
            raise QuotesError(
                f"{path}: no .txt or .jsonl articles in this folder; "
                "give a folder that holds articles, or the files themselves"
            )
        return files
    if not path.exists():
        raise QuotesError(f"{path}: no such file or folder; check the path")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        if path.name.endswith(META_SUFFIX):
            kind = "a metadata sidecar, not an article"
        else:
            kind = f"unsupported file type {path.suffix!r}" if path.suffix else "no file extension"
        raise QuotesError(
            f"{path}: {kind}; give .txt files (plain text) or .jsonl files (JSON Lines), "
            "or a folder of them"
        )
    return [path]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise QuotesError(f"{path}: cannot read: {exc.strerror}; check its permissions") from None


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


def _read_text(path: Path, outlet: str | None, errors: str, report: _Reporter) -> Article | None:
    """One plain-text article, with metadata from its sidecar if it has one."""
    data = _read_bytes(path)
    skip = len(BOM) if data.startswith(BOM) else 0
    text = _decode(data[skip:], errors, path, start=skip)
    if not text.strip():
        report(f"{path}: skipped: empty file")
        return None
    record = _read_sidecar(path.with_name(path.stem + META_SUFFIX), report)
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return _article(text, record, str(path), outlet, default_id=path.stem, default_title=title)


def _read_sidecar(path: Path, report: _Reporter) -> dict[str, Any]:
    """The sidecar's object, or ``{}`` if there is none or it is unusable (after a report)."""
    if not path.is_file():
        return {}
    try:
        record = json.loads(_read_bytes(path).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report(f"{path}: ignored: cannot read it as JSON ({exc}); fix or remove this metadata file")
        return {}
    if not isinstance(record, dict):
        report(
            f"{path}: ignored: expected a JSON object, got {_json_type(record)}; "
            "fix or remove this metadata file"
        )
        return {}
    return record


def _read_jsonl(
    path: Path, outlet: str | None, errors: str, report: _Reporter
) -> Iterator[Article]:
    """One article per line, read line by line; a bad line is reported and skipped."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise QuotesError(f"{path}: cannot read: {exc.strerror}; check its permissions") from None
    with handle:
        offset = 0
        empty = True
        for lineno, raw in enumerate(handle, start=1):
            skip = len(BOM) if lineno == 1 and raw.startswith(BOM) else 0
            line = _decode(raw[skip:], errors, path, lineno, offset + skip)
            offset += len(raw)
            if not line.strip():
                continue
            empty = False
            where = f"{path}:{lineno}"
            record = _parse_record(line, where, report)
            if record is not None:
                yield _article(record.pop("text"), record, where, outlet, default_id=None)
    if empty:
        report(f"{path}: skipped: empty file")


def _parse_record(line: str, where: str, report: _Reporter) -> dict[str, Any] | None:
    """The line's object if it holds a usable ``text``; else report why not and give None."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        report(f"{where}: skipped: not valid JSON ({exc.msg} at column {exc.colno})")
        return None
    if not isinstance(record, dict):
        report(f"{where}: skipped: expected a JSON object, got {_json_type(record)}")
        return None
    text = record.get("text")
    if text is None:
        report(f'{where}: skipped: no "text" field')
    elif not isinstance(text, str):
        report(f'{where}: skipped: "text" must be a string, got {_json_type(text)}')
    elif not text.strip():
        report(f'{where}: skipped: "text" is empty')
    else:
        return record
    return None


def _json_type(value: object) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


def _article(
    text: str,
    record: dict[str, Any],
    source: str,
    outlet: str | None,
    *,
    default_id: str | None,
    default_title: str = "",
) -> Article:
    """Build an Article; a field given as null or "" counts as not given."""
    given = {key: str(record[key]) for key in FIELDS if record.get(key) not in (None, "")}
    meta = {key: value for key, value in record.items() if key not in FIELDS}
    if default_id is None:  # no name to go by: the text itself, so the id survives a re-run
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass"), usedforsecurity=False)
        default_id = digest.hexdigest()[:16]
    return Article(
        id=given.get("id", default_id),
        text=text,
        title=given.get("title", default_title),
        outlet=given.get("outlet") or outlet or UNKNOWN_OUTLET,
        url=given.get("url", ""),
        published=given.get("published", ""),
        source=source,
        meta=meta,
    )
