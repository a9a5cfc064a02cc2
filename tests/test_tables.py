"""CSV and TSV dumps with a column map: articles, metadata, quotes, and the rows that are not."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quotes import quotes_in
from quotes.cli import app
from quotes.errors import QuotesError
from quotes.ingest import read_articles
from quotes.tables import ColumnMap, parse_column_map
from quotes.types import QUOTE, UNKNOWN_OUTLET, Article

DUMP = Path(__file__).resolve().parent / "fixtures" / "scraper_dump.csv"
MAP = "text=body,title=headline,date=pub_date,outlet=source_name,url=link,id=story_id"
SHOIGU_FIELD = "to address in detail all existing and promising cooperation projects in the military field."


def read(*paths: Path, **options: Any) -> tuple[list[Article], list[str]]:
    warnings: list[str] = []
    return list(read_articles(paths, warn=warnings.append, **options)), warnings


def said(article: Article) -> dict[str, str]:
    quotes = [q for q in quotes_in(article) if q.kind == QUOTE]
    assert all(article.text[q.span.start : q.span.end] == q.text for q in quotes)
    return {q.text: q.speaker for q in quotes}


def test_mapped_dump_gives_articles_metadata_and_quotes() -> None:
    articles, warnings = read(DUMP, column_map=MAP)
    assert [(a.id, a.outlet, a.published, a.source) for a in articles] == [
        ("cu-0630", "14ymedio", "2023-06-30T10:00:00+00:00", f"{DUMP}:2"),
        ("cu-0628", "Havana Times", "2023-06-28", f"{DUMP}:7"),
        ("ru-0626", "Reuters", "", f"{DUMP}:11"),
        ("ru-0625", "Reuters", "", f"{DUMP}:12"),
    ]
    first = articles[0]
    assert first.title == "General Lopez Miera Arrived in Belarus"
    assert first.url == "https://www.14ymedio.com/cuba/lopez-miera-belarus_1_1091541.html"
    assert first.meta == {"section": "Cuba", "published_raw": "Fri, 30 Jun 2023 10:00:00 +0000"}
    assert first.text.startswith("The Minister of Defense of Belarus") and "\n\n" in first.text
    assert said(first) == {SHOIGU_FIELD: "Shoigu", "Russia is willing to provide assistance to Cuba,": "Shoigu"}
    assert said(articles[1])["I express the solidarity of the people and government of Cuba."] == "Miguel Díaz-Canel"
    assert '"routine"' in articles[1].text  # a doubled quote mark in a CSV field is one mark
    assert said(articles[2]) == {"We are turning our columns around,": "Prigozhin"}
    assert said(articles[3]) == {"The president is working,": "Dmitry Peskov"}
    # an unreadable date is kept raw, not guessed, and reported once for the file
    assert [a.meta["published_raw"] for a in articles[2:]] == ["last Saturday", "Sunday"]
    assert warnings[0] == f"{DUMP}:10: skipped: 6 fields where the header has 7"
    assert warnings[1].startswith(f"{DUMP}:11: date 'last Saturday' not understood")
    assert len(warnings) == 2


def test_strict_stops_at_the_row_with_a_missing_column() -> None:
    seen = []
    with pytest.raises(QuotesError, match=r"scraper_dump\.csv:10: skipped: 6 fields"):
        for article in read_articles([DUMP], column_map=MAP, strict=True):
            seen.append(article.id)
    assert seen == ["cu-0630", "cu-0628"]


@pytest.mark.parametrize(
    ("column_map", "named"),
    [(None, 'no column "text" in the header'), ("text=content", 'no column "content" (mapped to text)'),
     ("text=body,date=published_at", 'no column "published_at" (mapped to published)')],
)
def test_a_header_without_the_mapped_columns_skips_the_file(tmp_path: Path, column_map: str | None, named: str) -> None:
    other = tmp_path / "b.txt"
    other.write_text("Kept.", encoding="utf-8")
    articles, [warning] = read(DUMP, other, column_map=column_map)
    assert [a.text for a in articles] == ["Kept."]
    assert warning.startswith(f"{DUMP}:1: skipped: the whole file: {named}")
    assert "(story_id, headline, body, pub_date, source_name, link, section)" in warning
    assert "--map" in warning


def test_a_table_without_a_text_column_is_one_failed_skip(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,Words.\n2,More words.\n", encoding="utf-8")
    skips: list[Any] = []
    assert list(read_articles([path], warn=lambda message: None, on_skip=skips.append)) == []
    assert [(s.where, s.reason, s.failed) for s in skips] == [(f"{path}:1", "no such column", True)]


def test_an_unreadable_line_and_an_over_long_row_are_skipped_in_their_rows_places() -> None:
    from quotes.reading import Skip
    from quotes.tables import Row, read_rows

    unreadable = Skip("t.csv:3", "binary data in line")
    lines = ["id,text\n", "a,One\n", unreadable, 'b,"' + "x" * 30 + "\n", "y" * 30 + '"\n', "c,Three\n"]
    rows = list(read_rows(lines, source="t.csv", delimiter=",", columns=ColumnMap(), max_row=40))
    assert [row.line if isinstance(row, Row) else (row.where, row.reason) for row in rows] == [
        2, ("t.csv:3", "binary data in line"), ("t.csv:4", "article too large"), 6,
    ]
    assert rows[-1].fields == {"id": "c", "text": "Three"}


def test_gzipped_tsv_with_default_names_and_a_map_for_one(tmp_path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel-tab", lineterminator="\n")
    writer.writerow(["id", "text", "title", "date_published", "lang"])
    writer.writerow(["t1", "\u201cWe will win,\u201d Ana Torres said.\tShe smiled.", "Win", "30 June 2023", "en"])
    writer.writerow(["t2", "No quotes here.", "", "", "es"])
    writer.writerow(["", "   ", "Empty", "", ""])
    path = tmp_path / "dump.tsv.gz"
    path.write_bytes(gzip.compress(out.getvalue().encode()))
    articles, [warning] = read(path, column_map={"date": "date_published"}, outlet="Wire")
    assert [(a.id, a.title, a.published, a.outlet, a.meta) for a in articles] == [
        ("t1", "Win", "2023-06-30", "Wire", {"lang": "en", "published_raw": "30 June 2023"}),
        ("t2", "", "", "Wire", {"lang": "es"}),
    ]
    assert articles[0].text == "\u201cWe will win,\u201d Ana Torres said.\tShe smiled."
    assert said(articles[0]) == {"We will win,": "Ana Torres"}
    assert warning == f"{path}:4: skipped: \"text\" is empty"


def test_rows_around_a_malformed_row_are_kept_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    path.write_bytes(b'text,outlet\n"One.\nTwo.",A\nbare\rreturn,B\n\nThree.,C\n')
    articles, [warning] = read(path)
    assert [(a.text, a.outlet, a.source) for a in articles] == [
        ("One.\nTwo.", "A", f"{path}:2"),
        ("Three.", "C", f"{path}:6"),
    ]
    assert warning.startswith(f"{path}:4: skipped: malformed row (")


@pytest.mark.parametrize("content", ["", "\n\n", "text,title\n"])
def test_an_empty_table_is_reported(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(content, encoding="utf-8")
    articles, [warning] = read(path)
    assert articles == [] and warning.startswith(f"{path}: skipped: empty file")


def test_the_map_applies_to_json_lines_too(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        {"body": "\u201cYes,\u201d Ana Torres said.", "text": "teaser", "pub_date": "2023-06-30", "site": "Daily"},
        {"headline": "no body"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    articles, [warning] = read(path, column_map="text=body, date=pub_date, outlet=site")
    [article] = articles
    assert (article.text, article.published, article.outlet) == ("\u201cYes,\u201d Ana Torres said.", "2023-06-30", "Daily")
    assert article.meta == {"text": "teaser"}
    assert warning == f'{path}:2: skipped: no "body" (mapped to text) field'


@pytest.mark.parametrize(
    ("spec", "columns"),
    [
        ("text=body,date=pub_date", (("text", "body"), ("published", "pub_date"))),
        (" TEXT = Article Body , url=link ", (("text", "Article Body"), ("url", "link"))),
        ("published=when", (("published", "when"),)),
        ("", ()),
        (None, ()),
        ({"text": "body"}, (("text", "body"),)),
    ],
)
def test_parse_column_map(spec: Any, columns: tuple[tuple[str, str], ...]) -> None:
    assert parse_column_map(spec) == ColumnMap(columns)


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("text", "cannot read 'text'"),
        ("text=", "cannot read 'text='"),
        ("text=body,,", "cannot read ''"),
        ("body=text", "unknown field 'body'"),
        ("text=a,text=b", "text is mapped twice"),
        ("date=a,published=b", "published is mapped twice"),
    ],
)
def test_a_bad_column_map_is_an_error_before_anything_is_read(tmp_path: Path, spec: str, problem: str) -> None:
    with pytest.raises(QuotesError, match="--map: " + problem) as info:
        next(read_articles([tmp_path / "missing.csv"], column_map=spec))
    assert "text=body" in str(info.value) or "twice" in str(info.value)


def test_the_cli_takes_a_map() -> None:
    try:  # click < 8.2 mixes stderr into stdout unless told not to
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(app, ["extract", str(DUMP), "--map", MAP, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["article"], r["outlet"], r["speaker"]) for r in rows][:2] == [
        ("cu-0630", "14ymedio", "Shoigu"),
        ("cu-0630", "14ymedio", "Shoigu"),
    ]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert [line.split(": ")[1] for line in warnings] == [f"{DUMP}:10", f"{DUMP}:11"]
    bad = runner.invoke(app, ["extract", str(DUMP), "--map", "body=text"])
    assert bad.exit_code == 1 and bad.stderr.startswith("error: --map: unknown field 'body'")
    assert UNKNOWN_OUTLET not in {r["outlet"] for r in rows}


class TinyEncoder:
    """A deterministic stand-in for the embedding model: one dimension per word hash."""

    name = "tiny-test-encoder"

    def encode(self, texts: list[str]) -> Any:
        import zlib

        import numpy as np

        vectors = np.zeros((len(texts), 32), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                vectors[row, zlib.crc32(word.encode()) % 32] += 1
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def test_track_add_takes_the_map_and_stores_what_the_offsets_index(tmp_path: Path) -> None:
    from quotes import track
    from quotes.store import Store

    skips: list[Any] = []
    with Store(tmp_path / "q.db") as store:
        summary = track.add([DUMP], store, encoder=TinyEncoder(), column_map=MAP,
                            warn=lambda message: None, on_skip=skips.append)
        assert summary.added == 4
        assert [s.reason for s in skips] == ["wrong number of fields"]
        stored = store.article("cu-0630")
        assert stored is not None and (stored.outlet, stored.published) == ("14ymedio", "2023-06-30T10:00:00+00:00")
        for quote in quotes_in(stored):
            assert stored.text[quote.span.start : quote.span.end] == quote.text
        rows = [row for row in store.quote_rows() if row["article"] == "cu-0630" and row["kind"] == QUOTE]
        assert {(row["quote"], row["speaker"]) for row in rows} >= {(SHOIGU_FIELD, "Shoigu")}
