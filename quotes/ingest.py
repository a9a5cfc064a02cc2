"""Files and folders -> ``Article``: plain text, JSON Lines, CSV/TSV, web pages, WARC archives.

This module lists the files, picks the reader for each and runs them; each kind of file has
its reader in ``quotes.readers`` (``text``, ``jsonl``, ``table``, ``page``, ``archive``),
imported when the first file of its kind is read, over what they share in
``quotes.reading``. The formats themselves live in their own modules (``tables`` for CSV/TSV
and ``--map``, ``html`` for web pages, ``warc`` for archives, ``compressed`` for
.gz/.bz2/.xz, ``dates`` for publication dates). Every file is streamed, a line or a record
at a time, and no article is read past ``MAX_ARTICLE_BYTES``.

The text of an article is kept exactly as read (only a leading BOM is dropped), because quote
offsets index into it; for a web page it is the main text that trafilatura extracts. Problems
the user must fix before anything useful can happen (a missing path, undecodable text) raise
``QuotesError``. A record that cannot become an article (an empty file, a bad JSON line, a CSV
row with a missing column, a page without article text, a truncated .gz, an id already given
to another text in this run) is a ``Skip``: it is reported through ``warn`` with its file and
line or record and skipped, so one bad record does not lose a whole batch; ``strict=True``
turns the first of those into an error. A WARC response that is not an HTML page, a file in a
folder that is not an article file, and an article given twice with the same id and text are
skipped without a warning. Every skip, warned or not, is also passed to ``on_skip``, for a
summary.

An article that is a whole file (text, page) takes its id from the file's name: its path
under the folder given, without suffixes (``a/story`` for ``FOLDER/a/story.txt.gz``), or its
bare name for a file given itself, so that two ``story.txt`` in different folders stay two.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import import_module
from pathlib import Path

from quotes import reading
from quotes.compressed import split_suffix, stem
from quotes.errors import QuotesError
from quotes.reading import (  # noqa: F401  (re-exported: what callers import from here)
    BOM, FIELDS, HEAD_BYTES, MAX_ARTICLE_BYTES, META_SUFFIX, Context, File, Ids, Reporter, Skip, Warn,
)
from quotes.reading import print_warning as _print_warning
from quotes.tables import parse_column_map
from quotes.types import Article

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
# Kind -> the module in quotes.readers whose read(file, context) reads it
READERS = {
    "text": "text",
    "jsonl": "jsonl",
    "csv": "table",
    "tsv": "table",
    "html": "page",
    "warc": "archive",
}


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
    or the same as a mapping. An id given twice in one run keeps its first article: the
    second is skipped, quietly when its text is the same, with a report when it is not.
    """
    try:
        codecs.lookup_error(encoding_errors)
    except LookupError:
        raise QuotesError(
            f"unknown encoding error handler {encoding_errors!r}; use strict, replace or ignore"
        ) from None
    if isinstance(paths, (str, os.PathLike)):  # a lone path would otherwise iterate by char
        paths = [paths]
    columns = parse_column_map(column_map)
    files: list[File] = []
    entries = [entry for path in paths for entry in _list(Path(path), files)]
    context = Context(
        outlet=outlet,
        errors=encoding_errors,
        report=Reporter(strict, warn or _print_warning, on_skip),
        columns=columns,
        ids=Ids(files),
        max_bytes=reading.MAX_ARTICLE_BYTES,
    )
    for entry in entries:
        if isinstance(entry, Skip):
            context.report.skip(entry)
        else:
            yield from import_module(f"quotes.readers.{READERS[entry.kind]}").read(entry, context)


# --- listing


def kind_of(path: Path) -> str | None:
    """Which reader a file's name calls for ("text", "jsonl", ...), or None if none does."""
    return KINDS.get(split_suffix(path)[0])


def _list(path: Path, files: list[File]) -> list[File | Skip]:
    """What ``path`` names, in path order: the article files (also added to ``files``), and
    a quiet ``Skip`` for each other file in a folder."""
    if path.is_dir():
        entries = [_file(found, found.relative_to(path), files) if kind_of(found) else _other(found)
                   for found in sorted(_walk(path))]
        if not any(isinstance(entry, File) for entry in entries):
            raise QuotesError(
                f"{path}: no .txt or .jsonl articles in this folder, nor .csv, .tsv, .html or "
                ".warc files; give a folder that holds articles, or the files themselves"
            )
        return entries
    if not path.exists():
        raise QuotesError(f"{path}: no such file or folder; check the path")
    if kind_of(path) is None:
        if path.name.endswith(META_SUFFIX):
            kind = "a metadata sidecar, not an article"
        elif path.suffix:
            kind = f"unsupported file type {_suffix(path)!r}"
        else:
            kind = "no file extension"
        raise QuotesError(
            f"{path}: {kind}; give .txt files (plain text), .jsonl files (JSON Lines), .csv or "
            ".tsv tables, .html pages or .warc archives, each possibly .gz, .bz2 or .xz, "
            "or a folder of them"
        )
    return [_file(path, Path(path.name), files)]


def _walk(folder: Path) -> Iterator[Path]:
    """Every regular file under ``folder`` but hidden ones, and sidecars; an article file
    is read even in a hidden folder, as it always was."""
    for found in folder.rglob("*"):
        if not found.is_file() or found.name.endswith(META_SUFFIX):
            continue
        if kind_of(found) or not any(part.startswith(".") for part in found.relative_to(folder).parts):
            yield found


def _file(path: Path, relative: Path, files: list[File]) -> File:
    """The article file at ``path``, named by its path ``relative`` to the folder given."""
    found = File(path, kind_of(path) or "", (relative.parent / stem(path)).as_posix(), len(files))
    files.append(found)
    return found


def _other(path: Path) -> Skip:
    suffix = _suffix(path) if path.suffix else "no file extension"
    return Skip(str(path), "not an article file", f"not an article file ({suffix})", failed=False, quiet=True)


def _suffix(path: Path) -> str:
    """The suffix that names a file's type, with its compression suffix: ``.pdf``, ``.tar.gz``."""
    return "".join(path.suffixes[-2:]) if split_suffix(path)[1] else path.suffix
