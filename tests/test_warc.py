"""WARC archives, written here record by record: the HTML responses become articles, the rest
is counted and skipped, and damage costs only the records it touches."""

from __future__ import annotations

import gzip
import uuid
import zlib
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import quotes_in
from quotes.cli import app
from quotes.errors import QuotesError
from quotes.ingest import Skip, read_articles
from quotes.types import QUOTE, Article
from quotes.warc import read_responses

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HAVANA_URL = "https://www.havanatimes.org/features/cuban-army-minister-visits-russia-after-failed-mutiny/"
MINSK_URL = "https://www.14ymedio.com/cuba/lopez-miera-belarus_1_1091541.html"
MINSK = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>General Lopez Miera Arrived in Belarus | 14ymedio</title></head>
<body><nav><a href="/">Portada</a> <a href="/cuba">Cuba</a> <a href="/opinion">Opinión</a></nav>
<article><h1>General Lopez Miera Arrived in Belarus To Negotiate Military Cooperation With Cuba</h1>
<p>The Minister of Defense of Belarus, Víktor Jrenin, and Álvaro López Miera, head of the Cuban
Armed Forces, met today in Minsk and studied ways to develop military cooperation between the two
countries, according to a press release from the Belarusian side.</p>
<p>The Russian head of Defense, Sergey Shoigu, was the official who received López Miera at the
headquarters of his ministry. According to the Russian news agency Sputnik, Shoigu proposed to his
counterpart “to address in detail all existing and promising cooperation projects in the military
field.”</p>
<p>“Russia is willing to provide assistance to Cuba,” the soldier promised López Miera, although
both Sputnik and other media that reported on the visit avoided defining the exact content of
that aid.</p></article>
<section class="comments"><p>“They will never learn,” a reader wrote.</p></section>
<footer>© 14ymedio 2023</footer></body></html>"""
NO_TEXT = "<!DOCTYPE html><html><head><title>Video</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
SHOIGU_FIELD = "to address in detail all existing and promising cooperation projects in the military field."


def record(kind: str, url: str, block: bytes, date: str = "2023-06-30T12:00:05Z") -> bytes:
    """One WARC/1.1 record, as a crawler writes it."""
    content_type = f"application/http; msgtype={kind}" if kind in ("request", "response") else "application/warc-fields"
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: {date}\r\n" + (f"WARC-Target-URI: {url}\r\n" if url else "")
        + f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def http(body: bytes | str, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
         headers: str = "") -> bytes:
    body = body.encode() if isinstance(body, str) else body
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{headers}Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def write_warc(path: Path, records: list[bytes]) -> list[int]:
    """Write the records, each its own gzip member in a .warc.gz; their byte offsets."""
    offsets, position = [], 0
    with path.open("wb") as out:
        for data in records:
            if path.suffix == ".gz":
                data = gzip.compress(data)
            offsets.append(position)
            out.write(data)
            position += len(data)
    return offsets


def crawl() -> list[bytes]:
    """A small crawl: two news pages among the records a crawler also writes, one image, one
    page that is not found, one page whose payload is broken, and one page with no article."""
    havana = (FIXTURES / "havanatimes_minister.html").read_bytes()
    chunked = gzip.compress(MINSK.encode())
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(chunked), chunked)
    return [
        record("warcinfo", "", b"software: tests\r\nformat: WARC File Format 1.1\r\n"),
        record("request", HAVANA_URL, b"GET / HTTP/1.1\r\nHost: www.havanatimes.org\r\n\r\n"),
        record("response", HAVANA_URL, http(havana), date="2023-06-28T13:10:00Z"),
        record("response", "https://www.havanatimes.org/logo.png", http(b"\x89PNG\r\n\x1a\n\0\0", "image/png")),
        record("response", "https://www.havanatimes.org/gone/", http("<html>Not found</html>", status="404 Not Found")),
        record("response", "https://www.14ymedio.com/broken/", http(b"\x00not gzip at all", headers="Content-Encoding: gzip\r\n")),
        record("response", MINSK_URL, http(chunked, "text/html; charset=utf-8",
                                          headers="Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n")),
        record("metadata", MINSK_URL, b"fetchTimeMs: 120\r\n"),
        record("response", "https://www.14ymedio.com/video/1", http(NO_TEXT)),
    ]


def read(path: Path, **options) -> tuple[list[Article], list[str], list[Skip]]:
    warnings: list[str] = []
    skips: list[Skip] = []
    articles = list(read_articles([path], warn=warnings.append, on_skip=skips.append, **options))
    return articles, warnings, skips


@pytest.fixture(params=[".warc.gz", ".warc"])
def archive(request, tmp_path: Path) -> tuple[Path, list[int]]:
    path = tmp_path / f"crawl{request.param}"
    return path, write_warc(path, crawl())


def test_html_responses_become_articles_with_uri_date_and_domain(archive) -> None:
    path, offsets = archive
    articles, warnings, skips = read(path)
    havana, minsk = articles
    assert (havana.url, havana.outlet, havana.published, havana.title) == (
        HAVANA_URL, "havanatimes.org", "2023-06-28T13:10:00+00:00",
        "Cuban Army Minister Visits Russia after Failed Mutiny",
    )
    assert havana.meta["published_raw"] == "2023-06-28T13:10:00Z"
    assert havana.meta["page_date"] == "2023-06-28"
    assert havana.meta["site_name"] == "Havana Times"
    assert havana.source == f"{path}@{offsets[2]}"
    assert (minsk.url, minsk.outlet, minsk.published) == (MINSK_URL, "14ymedio.com", "2023-06-30T12:00:05+00:00")
    assert havana.id != minsk.id and len(havana.id) == 16


def test_quotes_come_from_the_article_text_with_their_speakers(archive) -> None:
    articles, _, _ = read(archive[0])
    for article in articles:
        quotes = [q for q in quotes_in(article) if q.kind == QUOTE]
        assert all(article.text[q.span.start : q.span.end] == q.text for q in quotes)
        said = {q.text: q.speaker for q in quotes}
        assert said[SHOIGU_FIELD].endswith("Shoigu")
        assert said["Russia is willing to provide assistance to Cuba,"].endswith("Shoigu")
        assert not any("bury" in text or "never learn" in text for text in said)  # reader comments


def test_other_responses_are_counted_and_broken_ones_reported(archive) -> None:
    path, offsets = archive
    _, warnings, skips = read(path)
    assert warnings == [
        f"{path}: record at byte {offsets[5]}: skipped: broken payload: "
        + warnings[0].split("broken payload: ")[1],
        f"{path}: record at byte {offsets[8]}: skipped: no article text (https://www.14ymedio.com/video/1)",
    ]
    assert warnings[0].endswith("(https://www.14ymedio.com/broken/)")
    assert Counter((s.reason, s.failed, s.quiet) for s in skips) == {
        ("not HTML", False, True): 1,
        ("not a success response", False, True): 1,
        ("broken payload", True, False): 1,
        ("no article text", False, False): 1,
    }


def test_strict_stops_at_the_broken_payload_after_the_good_page(archive) -> None:
    seen = []
    with pytest.raises(QuotesError, match=r"record at byte \d+: skipped: broken payload"):
        for article in read_articles([archive[0]], strict=True):
            seen.append(article.url)
    assert seen == [HAVANA_URL]


@pytest.mark.parametrize("end", ["header", "payload"])  # of the 14ymedio record, where the file ends
def test_a_truncated_archive_keeps_the_records_before_the_cut(tmp_path: Path, end: str) -> None:
    whole = tmp_path / "whole.warc.gz"
    offsets = write_warc(whole, crawl())
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: offsets[6] + 60 if end == "header" else offsets[7] - 60])
    articles, warnings, skips = read(cut)
    assert [a.url for a in articles] == [HAVANA_URL]
    assert len(warnings) == 2 and "broken payload" in warnings[0]
    assert warnings[1].startswith(f"{cut}: record at byte {offsets[6]}: skipped: ")
    assert skips[-1].failed and skips[-1].reason in ("truncated record", "unreadable archive data")


def test_a_plain_warc_cut_inside_a_record_reports_it_truncated(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    offsets = write_warc(whole, crawl())
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[: offsets[2] + 3000])  # inside the Havana Times page
    articles, [warning], _ = read(cut)
    assert articles == []
    assert warning.startswith(f"{cut}: record at byte {offsets[2]}: skipped: truncated record: ")


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_damage_in_the_middle_loses_only_the_records_it_touches(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"damaged{suffix}"
    offsets = write_warc(path, crawl())
    data = bytearray(path.read_bytes())
    # the image record: its compressed header, or its version line
    damaged = offsets[3] + (30 if suffix == ".warc.gz" else 0)
    data[damaged : damaged + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))
    articles, warnings, skips = read(path)
    assert [a.url for a in articles] == [HAVANA_URL, MINSK_URL]
    assert warnings[0].startswith(
        f"{path}: after the record at byte {offsets[2]}: skipped: unreadable archive data ("
    )
    assert warnings[0].endswith(f") up to byte {offsets[4]}; the records in it are lost")
    assert [s.reason for s in skips if s.failed] == ["unreadable archive data", "broken payload"]
    assert "not HTML" not in [s.reason for s in skips]  # the image was in the damage


def test_responses_are_streamed_one_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "many.warc.gz"
    page = http(MINSK)
    write_warc(path, [record("response", f"https://example.org/{i}", page) for i in range(200)])
    responses = read_responses(path)
    first = next(responses)
    assert first.url == "https://example.org/0" and first.html.startswith(b"<!DOCTYPE html>")
    assert first.charset == "utf-8"
    assert sum(1 for _ in responses) == 199


def test_a_compressed_plain_warc_reads_as_well(tmp_path: Path) -> None:
    import lzma

    plain = tmp_path / "crawl.warc"
    write_warc(plain, crawl())
    packed = tmp_path / "crawl.warc.xz"
    packed.write_bytes(lzma.compress(plain.read_bytes()))
    assert [a.url for a in read(packed)[0]] == [HAVANA_URL, MINSK_URL]


def test_deflate_content_encoding(tmp_path: Path) -> None:
    path = tmp_path / "deflate.warc"
    write_warc(path, [record("response", MINSK_URL, http(zlib.compress(MINSK.encode()), headers="Content-Encoding: deflate\r\n"))])
    [article] = read(path)[0]
    assert "Sergey Shoigu" in article.text


def test_the_cli_sums_up_what_it_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, crawl())
    try:  # click < 8.2 mixes stderr into stdout unless told not to
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(app, ["extract", str(path), "--format", "tsv"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith("warning: ") for line in lines[:2])
    assert lines[2] == (
        "2 articles read; 3 skipped (1 not HTML, 1 not a success response, 1 no article text); "
        "1 failed (1 broken payload)"
    )
    assert SHOIGU_FIELD in result.stdout


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_a_payload_that_decompresses_past_the_limit_is_skipped_unread(tmp_path: Path, coding: str) -> None:
    import brotli

    bomb = b"<html><body><p>" + b"a" * (64 << 20) + b"</p></body></html>"  # 64 MiB in a few hundred KB
    packed = {"gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress}[coding](bomb)
    del bomb
    path = tmp_path / "bomb.warc"
    offsets = write_warc(path, [
        record("response", "https://example.org/bomb", http(packed, headers=f"Content-Encoding: {coding}\r\n")),
        record("response", MINSK_URL, http(MINSK)),
    ])
    import tracemalloc

    tracemalloc.start()
    try:
        articles, [warning], [skip] = read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * (16 << 20)  # the limit and a little, never the 64 MiB
    assert [a.url for a in articles] == [MINSK_URL]
    assert (skip.where, skip.reason, skip.failed) == (f"{path}: record at byte {offsets[0]}", "article too large", True)
    assert "the decompressed payload is longer than the limit of 16,777,216 bytes" in warning


def test_a_record_past_the_limit_is_skipped_and_the_next_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quotes import reading

    monkeypatch.setattr(reading, "MAX_ARTICLE_BYTES", 2000)
    path = tmp_path / "big.warc.gz"
    long_page = MINSK.replace("</article>", "<p>" + "More words here. " * 200 + "</p></article>")
    offsets = write_warc(path, [record("response", HAVANA_URL, http(long_page)), record("response", MINSK_URL, http(MINSK))])
    articles, _, [skip] = read(path)
    assert [a.url for a in articles] == [MINSK_URL]
    assert (skip.where, skip.reason) == (f"{path}: record at byte {offsets[0]}", "article too large")
    assert skip.detail.startswith("article too large: the record of ")


def test_a_page_crawled_twice_with_other_text_is_reported_by_record(tmp_path: Path) -> None:
    path = tmp_path / "twice.warc"
    changed = MINSK.replace("met today in Minsk", "met on Thursday in Minsk")
    offsets = write_warc(path, [record("response", MINSK_URL, http(MINSK)), record("response", MINSK_URL, http(MINSK)),
                                record("response", MINSK_URL, http(changed))])
    articles, [warning], skips = read(path)
    assert [a.source for a in articles] == [f"{path}@{offsets[0]}"]
    assert [(s.reason, s.quiet) for s in skips] == [("same article again", True), ("repeated id", False)]
    assert warning.startswith(f"{path}: record at byte {offsets[2]}: skipped: repeated id ")
    assert f"first given at {path}: record at byte {offsets[0]} with other text" in warning
