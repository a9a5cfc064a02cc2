"""Who said what in a web archive: a small CC-NEWS-like .warc.gz, written here, then read.

Run from the repository root:

    python examples/warc_archive.py            # or: python examples/warc_archive.py crawl.warc.gz

With no argument it writes ``crawl.warc.gz`` into a temporary folder: the page in
``examples/news_page.html`` and a second outlet's report of the same story as HTML responses,
with the request records and an image a crawler also stores. Each HTML response becomes an
article with the record's target URI, its WARC date and the URI's domain as the outlet; the
image is counted and skipped. The same archive works on the command line:

    quotes extract crawl.warc.gz
    quotes add crawl.warc.gz && quotes reused
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import uuid
from collections import Counter
from pathlib import Path

from quotes import quotes_in, read_articles
from quotes.ingest import Skip

EXAMPLES = Path(__file__).resolve().parent
SECOND_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Dredging in April</title>
</head><body><nav><a href="/">North Post</a> <a href="/news">News</a></nav><article>
<h1>Dredging in April, port says</h1><p>The port authority will start dredging the main
channel in April. \u201cWe expect the channel to be open to larger ships by the end of this
year,\u201d harbour master Lena Ortiz said on Friday.</p><p>Fishermen fear for the spawning
season. \u201cNobody asked us,\u201d Joao Pereira said.</p></article>
<footer>North Post</footer></body></html>"""


def record(kind: str, url: str, block: bytes, date: str) -> bytes:
    """One WARC record: its header lines, a blank line, the block, two line ends."""
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: {date}\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def response(url: str, body: bytes, content_type: str, date: str) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return record("response", url, http.encode() + body, date)


def write_crawl(path: Path) -> None:
    """A .warc.gz as Common Crawl writes them: each record its own gzip member."""
    first = "https://www.valleycourier.co.uk/local/harbour-dredging-spring/"
    second = "https://www.northpost.org/news/dredging-april"
    records = [
        record("request", first, f"GET {first} HTTP/1.1\r\n\r\n".encode(), "2024-03-02T08:01:00Z"),
        response(first, (EXAMPLES / "news_page.html").read_bytes(), "text/html; charset=utf-8", "2024-03-02T08:01:00Z"),
        response("https://www.northpost.org/logo.png", b"\x89PNG\r\n\x1a\n", "image/png", "2024-03-02T09:00:00Z"),
        response(second, SECOND_PAGE.encode(), "text/html; charset=utf-8", "2024-03-02T09:15:00Z"),
    ]
    with path.open("wb") as out:
        for data in records:
            out.write(gzip.compress(data))


def main() -> None:
    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
    else:
        path = Path(tempfile.mkdtemp()) / "crawl.warc.gz"
        write_crawl(path)
    skipped: Counter[str] = Counter()

    def count(skip: Skip) -> None:
        skipped[skip.reason] += 1

    for article in read_articles([path], on_skip=count):
        print(f"== {article.title} ({article.outlet}, {article.published})")
        print(f"   {article.url}, read from {article.source}")
        for quote in quotes_in(article):
            if quote.kind == "quote":
                print(f"   {quote.speaker or '(no speaker found)'}: {quote.text}")
    print("skipped:", ", ".join(f"{n} {reason}" for reason, n in skipped.items()) or "nothing")


if __name__ == "__main__":
    main()
