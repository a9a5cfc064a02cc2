"""WARC archives (``.warc``, ``.warc.gz``, as Common Crawl's CC-NEWS) -> the HTML pages in them.

Records are streamed, one at a time, so an archive of any size reads in the memory of its
largest record. Each ``response`` record whose HTTP payload is HTML (by its Content-Type, or
by its first bytes when it has none) comes out as a ``Response``; a response that is not HTML
or not a success is counted and skipped quietly, and a broken one (a truncated record, a
payload whose encoding does not decode) is reported and skipped. Other records (warcinfo,
request, metadata, revisit) hold no page and are passed over.

The reader is FastWARC, the faster of the two well-kept streaming libraries on our data:
``benchmarks/ingest.py`` writes a 3,000-page CC-NEWS-like archive (9 MB of .warc.gz, one gzip
member per record, as Common Crawl writes them, from PolNeAR's news texts), and decompressing
and parsing it and reading every response payload took 0.08 s with fastwarc 2.0.1 and 0.37 s
with warcio 1.8.1 (Python 3.11, this project's 2-core machine; 0.08-0.13 s and 0.37-0.41 s
over repeated runs): fastwarc is 3-4 times faster, and neither grows in memory. Either is a
small part of reading an archive, which trafilatura's extraction dominates (about 270 pages/s).

A damaged stretch of a .warc.gz (a gzip member that does not decompress) or of a .warc
(bytes that are not a record) is reported, and reading resumes at the next record that
parses after it, so the good records on both sides of it are kept.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from quotes.compressed import CORRUPT, open_binary, split_suffix
from quotes.reading import MAX_ARTICLE_BYTES, Skip, record_where

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# The first bytes of a page that arrived without a Content-Type, lower-cased
HTML_STARTS = (b"<!doctype html", b"<html")
# A record starts with one of these: a gzip member in a .warc.gz, a version line in a .warc
RECORD_STARTS = {".gz": b"\x1f\x8b\x08", "": b"WARC/1."}
SCAN_CHUNK = 1 << 16  # bytes read at a time when looking for the next record after damage


@dataclass(frozen=True, slots=True)
class Response:
    """An HTML page as a WARC response record holds it."""

    url: str  # WARC-Target-URI
    date: str  # WARC-Date, as written
    record_id: str  # WARC-Record-ID
    offset: int  # where the record starts in the file (its gzip member, in a .warc.gz)
    html: bytes  # the HTTP payload, with its transfer and content encodings undone
    charset: str  # from the HTTP Content-Type; "" when it names none

    @property
    def markup(self) -> str | bytes:
        """The page as text in the charset its HTTP header names; as bytes, for trafilatura
        to decode by the page's own meta tag, when the header names none that Python knows."""
        if self.charset:
            try:
                return self.html.decode(self.charset, "replace")
            except LookupError:
                pass
        return self.html


def read_responses(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Response | Skip]:
    """The HTML responses in the archive at ``path``, in file order, with a ``Skip`` for each
    response that is not one and for each stretch of the file that cannot be read. A record
    of more than ``max_bytes``, or a payload that decompresses to more, is skipped unread."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    compression = split_suffix(path)[1]
    # FastWARC decompresses gzip itself and can be restarted at a byte offset after damage;
    # a .warc.bz2 or .warc.xz goes through Python's decompressor and stops at damage instead.
    seekable = compression in ("", ".gz")
    start: int | None = 0
    damage: tuple[str, str] | None = None  # where an unreadable stretch began, and the error
    while start is not None:
        with path.open("rb") if seekable else open_binary(path) as handle:
            if seekable:
                handle.seek(start)
            last, reading = None, False  # the last record that began well; inside its payload?
            try:
                for record in ArchiveIterator(handle, parse_http=False):
                    last = record.stream_pos
                    if damage is not None:  # the first good record after an unreadable stretch
                        yield _damaged(*damage, last)
                        damage = None
                    if record.record_type == WarcRecordType.response:
                        reading = True
                        found = _response(record, path, last, max_bytes)
                        reading = False
                        yield found
                return
            except CORRUPT as error:
                if damage is None:
                    where = (record_where(path, last) if reading
                             else f"{path}: after the record at byte {last}" if last is not None
                             else f"{path}: from byte {start}")
                    damage = (where, str(error))
                resume = (last if last is not None else start) + 1
                start = _next_record(handle, resume, compression) if seekable else None
    if damage is not None:
        yield _damaged(*damage, None)


def _damaged(where: str, error: str, resumed: int | None) -> Skip:
    """A stretch of the archive that could not be read, up to ``resumed``, where records parse
    again (None: they do not)."""
    end = f"up to byte {resumed}" if resumed is not None else "to the end of the file"
    return Skip(where, "unreadable archive data",
                f"unreadable archive data ({error}) {end}; the records in it are lost")


def _response(record: Any, path: Path, offset: int, max_bytes: int) -> Response | Skip:
    """The record's page, or why it has none."""
    where = record_where(path, offset)
    url = record.headers.get("WARC-Target-URI") or ""
    if record.headers.get("Content-Length") is None:  # the file ends inside the record's header
        return Skip(where, "truncated record", f"truncated record: its header is cut short ({url})")
    if record.content_length > max_bytes:
        return Skip(where, "article too large", _too_large(f"the record of {record.content_length:,} bytes", max_bytes, url))
    block = record.reader.read()
    if len(block) < record.content_length:
        return Skip(where, "truncated record",
                    f"truncated record: {len(block)} of {record.content_length} bytes ({url})")
    head, separator, body = block.partition(b"\r\n\r\n")
    status, headers = _http_head(head)
    if not separator or status is None:
        return Skip(where, "broken payload", f"broken payload: no HTTP response header ({url})")
    if not 200 <= status < 300:
        return Skip(where, "not a success response", failed=False, quiet=True)
    mime, _, params = headers.get("content-type", "").partition(";")
    mime = mime.strip().lower()
    try:
        body = _decoded(body, headers, max_bytes)
    except _TooLarge:
        return Skip(where, "article too large", _too_large("the decompressed payload", max_bytes, url))
    except (OSError, EOFError, ValueError, zlib.error) as error:
        return Skip(where, "broken payload", f"broken payload: {error} ({url})")
    if not (mime in HTML_TYPES or (not mime and body.lstrip()[:14].lower().startswith(HTML_STARTS))):
        return Skip(where, "not HTML", failed=False, quiet=True)
    return Response(
        url=url,
        date=record.headers.get("WARC-Date") or "",
        record_id=record.headers.get("WARC-Record-ID") or "",
        offset=offset,
        html=body,
        charset=_charset(params),
    )


def _http_head(head: bytes) -> tuple[int | None, dict[str, str]]:
    """The status code and the headers (names lower-cased) of an HTTP response head."""
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        return None, {}
    headers = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return int(parts[1]), headers


class _TooLarge(Exception):
    """A payload decompresses to more than the limit."""


def _too_large(what: str, max_bytes: int, url: str) -> str:
    return (f"article too large: {what} is longer than the limit of {max_bytes:,} bytes "
            f"(quotes.reading.MAX_ARTICLE_BYTES) ({url})")


def _decoded(body: bytes, headers: dict[str, str], max_bytes: int) -> bytes:
    """The payload with chunked transfer and gzip/deflate/br content encoding undone (Common
    Crawl undoes them itself and renames the headers, but not every crawler does), each
    decompressed no further than ``max_bytes`` (then ``_TooLarge``)."""
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _unchunked(body)
    for coding in reversed([c.strip().lower() for c in headers.get("content-encoding", "").split(",")]):
        if coding in ("gzip", "x-gzip"):
            body = _inflated(body, 16 + zlib.MAX_WBITS, max_bytes)
        elif coding == "deflate":
            body = _inflated(body, -zlib.MAX_WBITS if body[:1] != b"\x78" else zlib.MAX_WBITS, max_bytes)
        elif coding == "br":
            body = _unbrotli(body, max_bytes)
        elif coding not in ("", "identity"):
            raise ValueError(f"unknown content encoding {coding!r}")
    return body


def _inflated(body: bytes, wbits: int, max_bytes: int) -> bytes:
    """zlib, deflate or gzip data (every gzip member of it) decompressed, up to ``max_bytes``."""
    parts, size = [], 0
    if wbits > zlib.MAX_WBITS and not body:  # gzip of nothing, as gzip.decompress reads it
        return b""
    while True:
        inflater = zlib.decompressobj(wbits)
        part = inflater.decompress(body, max_bytes + 1 - size)
        size += len(part)
        if size > max_bytes:
            raise _TooLarge
        if not inflater.eof:
            raise EOFError("compressed payload ends before its end-of-stream marker")
        parts.append(part)
        body = inflater.unused_data
        if wbits <= zlib.MAX_WBITS or not body.lstrip(b"\0"):  # gzip alone has more members
            return b"".join(parts)


def _unbrotli(body: bytes, max_bytes: int) -> bytes:
    import brotli  # a dependency of FastWARC

    try:
        decompressor = brotli.Decompressor()
        try:
            found = decompressor.process(body, output_buffer_limit=max_bytes + 1)
        except TypeError:  # brotli before 1.2 takes no limit
            found = decompressor.process(body)
    except brotli.error as error:
        raise ValueError(f"brotli: {error}") from None
    if len(found) > max_bytes:
        raise _TooLarge
    if not decompressor.is_finished():
        raise ValueError("brotli: the compressed payload ends early")
    return found


def _unchunked(body: bytes) -> bytes:
    parts, position = [], 0
    while True:
        end = body.find(b"\r\n", position)
        if end < 0:
            raise ValueError("chunked payload ends without its last chunk")
        size = int(body[position:end].split(b";")[0].strip() or b"0", 16)
        if size == 0:
            return b"".join(parts)
        parts.append(body[end + 2 : end + 2 + size])
        position = end + 2 + size + 2


def _charset(params: str) -> str:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return ""


def _next_record(handle: IO[bytes], offset: int, compression: str) -> int | None:
    """The offset of the next place at or after ``offset`` where a record may start, or None
    at the end of the file."""
    marker = RECORD_STARTS[compression]
    handle.seek(offset)
    carried = b""
    base = offset
    while True:
        chunk = handle.read(SCAN_CHUNK)
        if not chunk:
            return None
        data = carried + chunk
        found = data.find(marker)
        if found >= 0:
            return base + found
        keep = len(marker) - 1
        carried = data[-keep:]
        base += len(data) - keep
