"""Ingest speed and memory: WARC and JSON Lines input, against the WARC library alone.

    python benchmarks/ingest.py [--pages 3000] [--keep DIR]

Writes a CC-NEWS-like ``.warc.gz`` of ``--pages`` generated news pages (PolNeAR train texts
wrapped in a page with a menu, related links, reader comments and a footer; a warcinfo record
first, a request record before each response, and one image response in 20 that is not
HTML) and a ``.jsonl.gz`` of the same texts, then measures, each in a fresh process so that
peak memory is that run's own:

- ``fastwarc alone``, ``warcio alone``: decompress and parse the WARC, read every payload,
  and nothing else: the floor that the library sets (warcio only when it is installed; the
  project reads WARCs with fastwarc);
- ``quotes WARC``: ``read_articles`` on the WARC (the library plus trafilatura), articles/s;
- ``quotes JSONL``: ``read_articles`` on the JSON Lines file;

and repeats the ``quotes`` runs on an archive 10 times smaller, to show that peak memory
does not grow with the archive's size. Peak memory is the process's peak resident set size
(``ru_maxrss``), less what it held before reading began (imports, the interpreter).
Without PolNeAR on disk the texts are generated sentences with quotes.

On this project's machine (2 cores, Python 3.11, fastwarc 2.0.1, warcio 1.8.1, trafilatura
2.3.1), ``python benchmarks/ingest.py`` printed:

    run               pages    records      s    per s    peak RSS growth MiB    peak RSS MiB
    --------------  -------  ---------  -----  -------  ---------------------  --------------
    fastwarc alone     3000       3000   0.08    35533                    0                33
    warcio alone       3000       3000   0.37     8083                    0                33
    quotes WARC        3000       2850  10.43      273                   41.3              94
    quotes JSONL       3000       2850   0.19    15125                    0.6              53
    quotes WARC         300        285   1.23      232                   41                94
    quotes JSONL        300        285   0.02    13044                    0.5              53

    quotes WARC: peak RSS 94 MiB for 300 pages, 94 MiB for 3000
    quotes JSONL: peak RSS 53 MiB for 300 pages, 53 MiB for 3000

Reading a WARC is trafilatura's extraction almost entirely (the WARC library alone is about
1% of it); peak memory is the same for 300 pages and for 3,000, and with ``--pages 10000``
for 1,000 and 10,000 (94 MiB each): the 41 MiB over the baseline are lxml's and trafilatura's
working memory and caches, full after the first few hundred pages.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from tabulate import tabulate

import bench_data  # QUOTES_SHARED, the one setting for data the repository does not ship

ROOT = Path(__file__).resolve().parent.parent
# PolNeAR's publisher codes -> (site name, host), for the generated pages' metadata
PUBLISHERS = {
    "breitbart": ("Breitbart", "www.breitbart.com"),
    "huffington-post": ("HuffPost", "www.huffingtonpost.com"),
    "new-york-times": ("The New York Times", "www.nytimes.com"),
    "politico": ("Politico", "www.politico.com"),
    "usa-today": ("USA Today", "eu.usatoday.com"),
    "washington-post": ("The Washington Post", "www.washingtonpost.com"),
    "western-journalism": ("Western Journalism", "www.westernjournalism.com"),
}
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{date}T08:00:00-05:00">
<link rel="canonical" href="{url}"></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics/">Politics</a></li>
<li><a href="/world/">World</a></li><li><a href="/opinion/">Opinion</a></li></ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff, {date}</p>
{paragraphs}
</article>
<aside class="related"><h3>Related</h3><ul>
<li><a href="/a">\u201cWe will win,\u201d candidate tells rally</a></li>
<li><a href="/b">Senate vote delayed again</a></li></ul></aside>
<section id="comments"><h2>Comments</h2><ol>
<li class="comment"><p>\u201cThis is fake news,\u201d my uncle said. I agree.</p></li></ol></section>
</main><footer><p>\u00a9 2016 {site}. All rights reserved.</p></footer></body></html>
"""


# --- generating the inputs


def stories(polnear: Path) -> list[dict[str, str]]:
    """Texts with outlet, host, date and title: PolNeAR train, or generated ones without it."""
    texts = polnear / "train" / "text"
    if not texts.is_dir():
        return [_generated_story(i) for i in range(200)]
    meta = {}
    with (polnear / "metadata.tsv").open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            meta[row["filename"]] = row
    found = []
    for path in sorted(texts.glob("*.txt")):
        row = meta.get(path.stem, {})
        site, host = PUBLISHERS.get(row.get("publisher", ""), ("News", "www.example-news.com"))
        found.append(
            {"text": path.read_text(encoding="utf-8"), "title": row.get("title", path.stem),
             "site": site, "host": host, "date": row.get("publication_date", "2016-01-01")}
        )
    return found


def _generated_story(i: int) -> dict[str, str]:
    body = "\n\n".join(
        f"\u201cThe plan number {i}.{k} will work,\u201d Senator Ann Lee said on Tuesday. "
        "Critics disagreed, and the vote was put off until the spring session of the chamber."
        for k in range(8)
    )
    return {"text": body, "title": f"Story {i}", "site": "Example News",
            "host": "www.example-news.com", "date": "2016-03-01"}


def pages(count: int, polnear: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """``count`` (url, story) pairs, cycling through the stories with distinct URLs."""
    found = stories(polnear)
    for i in range(count):
        story = found[i % len(found)]
        yield f"https://{story['host']}/2016/{i:06d}/story.html", story


def page_html(url: str, story: dict[str, str]) -> str:
    paragraphs = "\n".join(
        f"<p>{_escape(p.strip())}</p>" for p in story["text"].split("\n") if p.strip()
    )
    return PAGE.format(title=_escape(story["title"]), site=story["site"], date=story["date"],
                       url=url, paragraphs=paragraphs)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def warc_record(kind: str, url: str, block: bytes, content_type: str, date: str) -> bytes:
    """One WARC/1.0 record: headers, the block, and the two CRLFs that end it."""
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: {date}\r\n" + (f"WARC-Target-URI: {url}\r\n" if url else "")
        + f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def write_warc(path: Path, count: int, polnear: Path) -> int:
    """A gzipped WARC, one gzip member per record as Common Crawl writes them; the number of
    HTML responses in it."""
    html = 0
    with path.open("wb") as out:
        info = b"software: quotes benchmarks/ingest.py\r\nformat: WARC File Format 1.0\r\n"
        out.write(gzip.compress(warc_record("warcinfo", "", info, "application/warc-fields",
                                            "2016-03-01T00:00:00Z"), 6))
        for i, (url, story) in enumerate(pages(count, polnear)):
            date = f"{story['date']}T12:00:00Z"
            request = f"GET {url} HTTP/1.1\r\nHost: {story['host']}\r\n\r\n".encode()
            out.write(gzip.compress(warc_record("request", url, request,
                                                "application/http; msgtype=request", date), 6))
            if i % 20 == 19:
                body, kind = bytes(range(256)) * 40, "image/jpeg"
            else:
                body, kind = page_html(url, story).encode(), "text/html; charset=utf-8"
                html += 1
            out.write(gzip.compress(warc_record("response", url, http_response(body, kind),
                                                "application/http; msgtype=response", date), 6))
    return html


def write_jsonl(path: Path, count: int, polnear: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        for url, story in pages(count, polnear):
            out.write(json.dumps({"text": story["text"], "title": story["title"], "url": url,
                                  "outlet": story["site"], "published": story["date"]}) + "\n")


# --- one measurement, in its own process


def child(kind: str, path: str) -> None:
    """Run one measurement and print it as JSON; the parent starts one process per run."""
    if kind == "fastwarc":
        from fastwarc.warc import ArchiveIterator, WarcRecordType

        def run() -> int:
            n = 0
            for record in ArchiveIterator(open(path, "rb"), record_types=WarcRecordType.response):
                record.reader.read()
                n += 1
            return n
    elif kind == "warcio":
        from warcio.archiveiterator import ArchiveIterator as WarcioIterator

        def run() -> int:
            n = 0
            with open(path, "rb") as handle:
                for record in WarcioIterator(handle):
                    if record.rec_type == "response":
                        record.content_stream().read()
                        n += 1
            return n
    else:
        import fastwarc.warc  # noqa: F401  (imported on first use; here, before the baseline)

        from quotes.html import extract_page
        from quotes.ingest import read_articles

        url, story = next(pages(1, ROOT / "missing"))  # a generated page: warms trafilatura up
        extract_page(page_html(url, story), url=url)

        def run() -> int:
            return sum(1 for _ in read_articles([path], warn=lambda message: None))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    count = run()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"count": count, "seconds": seconds, "base_kib": before, "peak_kib": after}))


def measure(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    ).stdout
    return json.loads(out.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    polnear = bench_data.polnear("train")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="quotes-ingest-"))
    folder.mkdir(parents=True, exist_ok=True)
    large, small = args.pages, max(args.pages // 10, 1)
    inputs = {}
    for size in (small, large):
        warc, jsonl = folder / f"pages-{size}.warc.gz", folder / f"pages-{size}.jsonl.gz"
        html = write_warc(warc, size, polnear)
        write_jsonl(jsonl, html, polnear)
        inputs[size] = (warc, jsonl, html)
        print(f"{size} pages: {warc.stat().st_size / 2**20:.1f} MiB WARC ({html} HTML), "
              f"{jsonl.stat().st_size / 2**20:.1f} MiB JSONL", file=sys.stderr)
    rows, peaks = [], {}
    for size in (large, small):
        warc, jsonl, html = inputs[size]
        runs = [("fastwarc alone", "fastwarc", warc), ("warcio alone", "warcio", warc),
                ("quotes WARC", "quotes", warc), ("quotes JSONL", "quotes", jsonl)]
        for label, kind, path in runs:
            if size == small and kind != "quotes":
                continue
            if kind == "warcio" and importlib.util.find_spec("warcio") is None:
                print("warcio is not installed: its row is left out", file=sys.stderr)
                continue
            got = measure(kind, path)
            peaks[label, size] = got["peak_kib"] / 1024
            rows.append([
                label, size, got["count"], f"{got['seconds']:.2f}",
                f"{got['count'] / got['seconds']:.0f}",
                f"{(got['peak_kib'] - got['base_kib']) / 1024:.1f}", f"{got['peak_kib'] / 1024:.0f}",
            ])
    print(tabulate(rows, headers=["run", "pages", "records", "s", "per s",
                                  "peak RSS growth MiB", "peak RSS MiB"]))
    for label in ("quotes WARC", "quotes JSONL"):
        print(f"{label}: peak RSS {peaks[label, small]:.0f} MiB for {small} pages, "
              f"{peaks[label, large]:.0f} MiB for {large}")
    if args.keep is None:
        for warc, jsonl, _ in inputs.values():
            warc.unlink()
            jsonl.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
