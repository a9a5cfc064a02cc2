"""What every reader of ``quotes.ingest`` shares: the ``Skip`` record and the reporter that
sends it on, the context of one run, bounded reading and decoding, sidecars, and building the
``Article``.

Nothing here knows one kind of file from another; each reader in ``quotes.readers`` does, and
imports this module, as ``quotes.tables`` and ``quotes.warc`` do for ``Skip``.

No article is read into memory past ``MAX_ARTICLE_BYTES``: a text file or page is read up to
that many bytes and one more, a JSON Lines or CSV line the same, and an article longer than
that is skipped as "article too large", so one runaway record (a gzip bomb, a dump with no
line breaks) costs that much memory and no more.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from quotes.compressed import (
    CORRUPT, compression_of, describe, looks_binary, looks_binary_lines, open_binary, stem,
)
from quotes.dates import DateReader
from quotes.errors import QuotesError
from quotes.terminal import visible
from quotes.types import UNKNOWN_OUTLET, Article

if TYPE_CHECKING:
    from quotes.tables import ColumnMap

# The most bytes one article may take as read (a text file or page, decompressed; a JSON
# line; a CSV row): far more than any news article, and few enough that a run stays small.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024
# JSON nested deeper than this is no article record; Python's own parser and writer stop
# near 1,000 levels with a RecursionError, and the metadata is written out again later
MAX_JSON_DEPTH = 100
SKIP_PIECE = 1 << 16  # bytes read at a time when passing over the rest of an over-long line
HEAD_BYTES = 8192  # how much of a file is looked at to tell text from binary data
META_SUFFIX = ".meta.json"  # sidecar beside NAME.txt or NAME.html: NAME.meta.json
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


def skip_counts(skipped: Counter[str], failed: Counter[str]) -> str:
    """ "3 skipped (2 not HTML, 1 empty file); 1 failed (1 not valid JSON)": skips by reason,
    sound input (``skipped``) and broken (``failed``), the parts there are."""
    parts = []
    for reasons, word in ((skipped, "skipped"), (failed, "failed")):
        if reasons:
            detail = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
            parts.append(f"{sum(reasons.values())} {word} ({detail})")
    return "; ".join(parts)


def nothing_read(skipped: Counter[str], failed: Counter[str]) -> QuotesError:
    """The error of a run in which no article could be read, with its skips by reason."""
    counts = skip_counts(skipped, failed)
    return QuotesError(f"no article could be read: {counts}" if counts else "no article could be read")


def print_warning(message: str) -> None:
    """The library's own warning printer: file names and record contents come from anyone,
    so their control characters are written out, not run by the terminal."""
    print("warning: " + visible(message), file=sys.stderr)


class Reporter:
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
class File:
    """One input file, as the dispatcher lists it."""

    path: Path
    kind: str  # the reader it calls for: "text", "jsonl", "csv", "tsv", "html", "warc"
    name: str  # the id of an article that is the whole file: its path under the folder, no suffixes
    number: int  # its place in the run's list of files

    def where(self, position: int | None = None) -> str:
        """How a message names a place in the file: its line, or its record's byte offset in
        a WARC archive; the file itself when ``position`` is None."""
        if position is None:
            return str(self.path)
        return record_where(self.path, position) if self.kind == "warc" else f"{self.path}:{position}"


def record_where(path: Path, offset: int) -> str:
    """How a message names a WARC record: by its file and byte offset, as a CDX index does."""
    return f"{path}: record at byte {offset}"


class Ids:
    """The ids given so far in one run, each with a digest of its text and the place it was
    first given, packed in one int: an id given again with other text is found without
    keeping any text, in about 150 bytes an article."""

    DIGEST_BITS = 64  # of the text's hash: the low bits of the packed int
    POSITION_BITS = 48  # the line or record offset, plus one (0: the whole file); above it, the file

    def __init__(self, files: Sequence[File]) -> None:
        self.files = files
        self.first: dict[str, int] = {}  # id -> place << DIGEST_BITS | digest

    def check(self, article: Article, file: File, position: int | None) -> Skip | None:
        """None for an id not given before in this run (now recorded); else the Skip for this
        article: quiet for the same text again, a failure for other text."""
        digest = hash(article.text) & (1 << self.DIGEST_BITS) - 1  # this process's own: ids live one run
        place = file.number << self.POSITION_BITS | (0 if position is None else position + 1)
        seen = self.first.setdefault(article.id, place << self.DIGEST_BITS | digest)
        first_place = seen >> self.DIGEST_BITS
        if first_place == place:
            return None  # just recorded: a reader gives each place once
        first_position = (first_place & (1 << self.POSITION_BITS) - 1) - 1
        first = self.files[first_place >> self.POSITION_BITS].where(None if first_position < 0 else first_position)
        where = file.where(position)
        if seen & (1 << self.DIGEST_BITS) - 1 == digest:
            return Skip(where, "same article again", f"the same id {article.id!r} and text as {first}",
                        failed=False, quiet=True)
        return Skip(where, "repeated id", f"repeated id {article.id!r}, first given at {first} with other "
                    "text, which is kept; give each article its own id")


@dataclass(frozen=True, slots=True)
class Context:
    """What every reader needs besides its file."""

    outlet: str | None
    errors: str
    report: Reporter
    columns: ColumnMap
    ids: Ids
    max_bytes: int = MAX_ARTICLE_BYTES

    def admit(self, article: Article, file: File, position: int | None = None) -> bool:
        """Whether ``article`` is to be yielded: its id is new in this run (reported if not)."""
        skip = self.ids.check(article, file, position)
        if skip is not None:
            self.report.skip(skip)
        return skip is None

    def too_large(self, what: str) -> str:
        """The detail of an "article too large" skip."""
        return (f"article too large: {what} is longer than the limit of {self.max_bytes:,} bytes "
                "(quotes.reading.MAX_ARTICLE_BYTES)")


# --- bytes


def open_file(path: Path) -> IO[bytes]:
    try:
        return open_binary(path)
    except OSError as exc:
        raise QuotesError(f"{path}: cannot read: {exc.strerror}; check its permissions") from None


def read_whole(path: Path, context: Context) -> bytes | None:
    """The file's bytes, decompressed as they are read, up to the limit; None, after a
    report, when they are more, are not text, or the compressed data is damaged."""
    with open_file(path) as handle:
        try:
            data = handle.read(context.max_bytes + 1)
        except CORRUPT as exc:
            context.report.skip(Skip(str(path), "truncated or corrupt file", describe(exc)))
            return None
    if binary(path, data[:HEAD_BYTES], context):
        return None
    if len(data) > context.max_bytes:
        context.report.skip(Skip(str(path), "article too large", context.too_large("the file")))
        return None
    return data


def binary(path: Path, head: bytes, context: Context, *, lines: bool = False) -> bool:
    """Whether ``head``, a file's first bytes, is binary data rather than text (reported);
    ``lines``: of a file read a line at a time, where one line's NUL byte is that line's."""
    if not (looks_binary_lines(head) if lines else looks_binary(head)):
        return False
    compression = compression_of(head)
    hint = (
        f"it looks {compression[1:]}-compressed: name it {path.name}{compression}"
        if compression
        else "a text file holds no such bytes (is it a PDF, an image, or UTF-16?)"
    )
    context.report.skip(Skip(str(path), "binary data", f"binary data, not text; {hint}"))
    return True


class Lines:
    """A file's lines, decoded, with their numbers; a line that cannot be read (longer than
    the limit, or holding a NUL byte) comes as a ``Skip`` in its place, already passed over.
    Binary data or damaged compressed data ends them after a report, and sets ``broken``."""

    def __init__(self, path: Path, context: Context) -> None:
        self.path = path
        self.context = context
        self.broken = False

    def __iter__(self) -> Iterator[tuple[int, str | Skip]]:
        path, context = self.path, self.context
        limit = context.max_bytes
        with open_file(path) as handle:
            lineno, offset = 0, 0
            try:
                if binary(path, _peek(handle), context, lines=True):
                    self.broken = True
                    return
                while raw := handle.readline(limit + 1):
                    lineno += 1
                    start, offset = offset, offset + len(raw)
                    if len(raw) > limit and not raw.endswith(b"\n"):
                        offset += _pass_line(handle)
                        yield lineno, Skip(f"{path}:{lineno}", "article too large", context.too_large("the line"))
                    elif b"\0" in raw:
                        yield lineno, Skip(f"{path}:{lineno}", "binary data in line",
                                           "binary data in line: a NUL byte, which text does not hold")
                    else:
                        skip = len(BOM) if lineno == 1 and raw.startswith(BOM) else 0
                        yield lineno, decode(raw[skip:], context.errors, path, lineno, start + skip)
            except CORRUPT as exc:
                self.broken = True
                where = f"{path}:{lineno + 1}"
                context.report.skip(
                    Skip(where, "truncated or corrupt file", f"{describe(exc)}; the rest of the file is lost")
                )


def _pass_line(handle: IO[bytes]) -> int:
    """Read past the rest of the line, a piece at a time; how many bytes that was."""
    passed = 0
    while piece := handle.readline(SKIP_PIECE):
        passed += len(piece)
        if piece.endswith(b"\n"):
            break
    return passed


def _peek(handle: IO[bytes]) -> bytes:
    """The first bytes of an open file, left to be read again."""
    peek = getattr(handle, "peek", None)
    return peek(HEAD_BYTES)[:HEAD_BYTES] if peek else b""


def decode(data: bytes, errors: str, path: Path, line: int = 1, start: int = 0) -> str:
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


# --- JSON


class BadJson(ValueError):
    """A JSON text that cannot be a record: ``reason`` for counting, the message in words."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def load_json(text: str) -> Any:
    """The value of a JSON text; raises ``BadJson`` for one that is not valid or is nested
    deeper than ``MAX_JSON_DEPTH``."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadJson("not valid JSON", f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        value = None
    except ValueError:  # an integer of more digits than Python converts
        raise BadJson("not valid JSON", f"not valid JSON (a number of more than {sys.get_int_max_str_digits()} "
                      "digits)") from None
    else:  # a text of few brackets cannot nest deeply: most are not walked at all
        if text.count("[") + text.count("{") <= MAX_JSON_DEPTH or _within_depth(value):
            return value
    raise BadJson("nested too deeply", f"JSON nested too deeply: more than {MAX_JSON_DEPTH} levels of arrays "
                  "and objects")


def _within_depth(value: Any) -> bool:
    """Whether ``value`` nests no deeper than ``MAX_JSON_DEPTH``, walked without recursion."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        inner = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        for child in inner:
            if isinstance(child, (dict, list)):
                if depth >= MAX_JSON_DEPTH:
                    return False
                pending.append((child, depth + 1))
    return True


def json_type(value: object) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


# --- sidecars


def read_sidecar(path: Path, context: Context) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields and other keys of the file's sidecar: empty if there is none, or if it is
    unusable (after a report)."""
    sidecar = path.with_name(stem(path) + META_SUFFIX)
    if not sidecar.is_file():
        return {}, {}
    with open_file(sidecar) as handle:
        data = handle.read(context.max_bytes + 1)
    try:
        if len(data) > context.max_bytes:
            raise BadJson("too large", f"longer than {context.max_bytes:,} bytes")
        record = load_json(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, BadJson) as exc:
        context.report(f"{sidecar}: ignored: cannot read it as JSON ({exc}); fix or remove this metadata file")
        return {}, {}
    if not isinstance(record, dict):
        context.report(
            f"{sidecar}: ignored: expected a JSON object, got {json_type(record)}; "
            "fix or remove this metadata file"
        )
        return {}, {}
    return split(record)


def split(record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A record's Article fields, and the rest for its metadata."""
    return ({k: v for k, v in record.items() if k in FIELDS},
            {k: v for k, v in record.items() if k not in FIELDS})


# --- building the article


def article(
    text: str,
    fields: dict[str, Any],
    meta: dict[str, Any],
    source: str,
    context: Context,
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
    return Article(
        # with no name to go by, the text itself names it, so that the id survives a re-run
        id=given.get("id") or default_id or digest(text),
        text=text,
        title=given.get("title", implied.get("title", "")),
        outlet=given.get("outlet") or implied.get("outlet") or context.outlet or UNKNOWN_OUTLET,
        url=given.get("url", implied.get("url", "")),
        published=published,
        source=source,
        meta=meta,
    )


def digest(text: str) -> str:
    """A text's id when nothing names it: the first 16 hex digits of its SHA-1."""
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass"), usedforsecurity=False)
    return digest.hexdigest()[:16]
