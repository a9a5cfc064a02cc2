"""Compressed inputs, streamed: ``NAME.jsonl.gz`` reads as ``NAME.jsonl`` does, a block at a time.

gzip, bzip2 and xz are in the standard library; each reader decompresses as it is read, so a
large dump never sits in memory whole. A file that ends early or holds bad data raises one of
``CORRUPT`` partway through reading; ``describe`` turns that into words for a message.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from pathlib import Path
from typing import IO, Callable

# Compression suffix -> the opener that decompresses as it reads
OPENERS: dict[str, Callable[[Path], IO[bytes]]] = {
    ".gz": lambda path: gzip.open(path, "rb"),
    ".bz2": lambda path: bz2.open(path, "rb"),
    ".xz": lambda path: lzma.open(path, "rb"),
}
# What a decompressor raises on a truncated or damaged file (OSError: gzip's BadGzipFile,
# bz2's "Invalid data stream"; EOFError: the data ends before the end-of-stream marker)
CORRUPT = (EOFError, OSError, lzma.LZMAError, zlib.error)
# The first bytes of each format, to tell a compressed file that lacks its suffix
MAGIC = {b"\x1f\x8b": ".gz", b"BZh": ".bz2", b"\xfd7zXZ\x00": ".xz"}
# The first bytes of formats that are never text, whatever the file is named: documents,
# images and archives that get saved with the wrong name, and text in UTF-16 or UTF-32
BINARY_MAGIC = (
    b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0", b"\x28\xb5\x2f\xfd", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff",
)
# Control characters that text does not hold: all below space but tab, LF, FF, CR and ESC
BINARY_BYTES = bytes(set(range(32)) - {9, 10, 12, 13, 27})
BINARY_SHARE = 0.05  # more of them than this in a file's first bytes, and it is not text


def split_suffix(path: Path) -> tuple[str, str]:
    """The file's own suffix and its compression suffix, lower-cased: ``a.JSONL.gz`` ->
    (".jsonl", ".gz"); ``a.txt`` -> (".txt", "")."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in OPENERS:
        return (suffixes[-2] if len(suffixes) > 1 else "", suffixes[-1])
    return (suffixes[-1] if suffixes else "", "")


def stem(path: Path) -> str:
    """The file's name without its suffix and compression suffix: ``a.txt.gz`` -> ``a``."""
    name = path.name[: -len(path.suffix)] if split_suffix(path)[1] else path.name
    return name[: -len(Path(name).suffix)] if Path(name).suffix else name


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed as they are read when its name says it is compressed."""
    opener = OPENERS.get(split_suffix(path)[1])
    return opener(path) if opener else path.open("rb")


def looks_binary(head: bytes) -> bool:
    """Whether a file's first bytes are binary data (an image, a PDF, UTF-16) and not text."""
    return b"\0" in head or _mostly_controls(head)


def looks_binary_lines(head: bytes) -> bool:
    """Whether the first bytes of a file that is read a line at a time (JSON Lines, CSV) are
    binary data: they start as a binary or compressed format does, or most of their lines
    hold binary bytes. A NUL byte or two in one line of text is that line's problem, which
    the reader skips, not a sign that the whole file is something else."""
    if head.startswith(BINARY_MAGIC) or compression_of(head):
        return True
    if not _mostly_controls(head):
        return False
    lines = head.split(b"\n")
    return sum(map(looks_binary, lines)) * 2 > len(lines)


def _mostly_controls(data: bytes) -> bool:
    return len(data.translate(None, BINARY_BYTES)) < len(data) * (1 - BINARY_SHARE)


def compression_of(head: bytes) -> str:
    """The compression suffix that the file's first bytes announce, or ""."""
    return next((suffix for magic, suffix in MAGIC.items() if head.startswith(magic)), "")


def describe(error: BaseException) -> str:
    """A truncated or corrupt compressed file, in words."""
    if isinstance(error, EOFError):
        return "the compressed data ends early (a truncated download?)"
    return f"corrupt compressed data ({error})"
