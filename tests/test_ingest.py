"""Reading articles from .txt files, sidecars, folders and JSON Lines, and the bad-input paths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotes.errors import QuotesError
from quotes.ingest import read_articles
from quotes.types import UNKNOWN_OUTLET, Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

TEXT = (
    "Minister Visits Moscow\n"
    "\n"
    "\u201cWe will dig you in,\u201d he said.  \r\n"
    "Trailing spaces and a CRLF stay.\n"
)


def read(*paths: Path, **options: Any) -> list[Article]:
    """Read everything; fails if anything was warned about."""
    articles, warnings = read_warned(*paths, **options)
    assert warnings == []
    return articles


def read_warned(*paths: Path, **options: Any) -> tuple[list[Article], list[str]]:
    """Read everything, collecting the warnings instead of printing them."""
    warnings: list[str] = []
    return list(read_articles(paths, warn=warnings.append, **options)), warnings


def write_jsonl(path: Path, *lines: object) -> Path:
    """Write JSON Lines; a str is written as is (a bad line), anything else as JSON."""
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines),
        encoding="utf-8",
    )
    return path


# --- plain text and sidecars


def test_txt_keeps_exact_text_and_takes_first_line_as_title(tmp_path: Path) -> None:
    path = tmp_path / "moscow.txt"
    path.write_bytes(b"\n  \n" + TEXT.encode())
    [article] = read(path)
    assert article.text == "\n  \n" + TEXT
    assert article.title == "Minister Visits Moscow"
    assert article.id == "moscow"
    assert article.outlet == UNKNOWN_OUTLET
    assert article.source == str(path)


def test_leading_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    [article] = read(path)
    assert article.text == TEXT


def test_seed_folder_reads_two_articles_with_sidecar_metadata() -> None:
    articles = read(SEEDS)
    assert [(a.id, a.outlet, a.published) for a in articles] == [
        ("000_d534951bd981a3ed", "14ymedio", "2023-06-30"),
        ("003_84032081476885c4", "Havana Times", "2023-06-28"),
    ]
    assert articles[0].title.startswith("General Lopez Miera Arrived in Belarus")
    assert articles[1].title == "Cuban Army Minister Visits Russia after Failed Mutiny"
    assert "in the military field.\u201d" in articles[0].text
    assert "in the military sphere\u201d" in articles[1].text
    assert articles[0].text == (SEEDS / "000_d534951bd981a3ed.txt").read_text(encoding="utf-8")


def test_sidecar_fields_override_and_unknown_keys_go_to_meta(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps(
            {
                "id": "x1",
                "title": "T",
                "outlet": "O",
                "url": "https://example.org/a",
                "published": "2023-06-28",
                "section": "World",
            }
        ),
        encoding="utf-8",
    )
    [article] = read(tmp_path, outlet="Argument")
    assert (article.id, article.title, article.outlet, article.url, article.published) == (
        "x1",
        "T",
        "O",
        "https://example.org/a",
        "2023-06-28",
    )
    assert article.meta == {"section": "World"}


@pytest.mark.parametrize("sidecar", ["{not json", "[1, 2]"])
def test_bad_sidecar_is_warned_and_ignored_or_raised_when_strict(
    tmp_path: Path, sidecar: str
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(sidecar, encoding="utf-8")
    [article], [warning] = read_warned(tmp_path, outlet="Argument")
    assert article.outlet == "Argument"
    assert "a.meta.json" in warning
    with pytest.raises(QuotesError, match=r"a\.meta\.json"):
        read(tmp_path, strict=True)


# --- folders


def test_folder_is_read_recursively_in_path_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c").mkdir()
    for name in ["b/c/z.txt", "b/a.txt", "a.txt", "c.txt"]:
        (tmp_path / name).write_text(f"Story {name}\nBody.\n", encoding="utf-8")
    write_jsonl(tmp_path / "b" / "b.jsonl", {"id": "j", "text": "From JSON Lines."})
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    articles = read(tmp_path)
    # a.txt, b/a.txt, b/b.jsonl, b/c/z.txt, c.txt: a folder's files sort where its name does;
    # a file's id is its path under the folder, so a.txt and b/a.txt stay two articles
    assert [a.id for a in articles] == ["a", "b/a", "j", "b/c/z", "c"]
    assert [a.source for a in articles][-1] == str(tmp_path / "c.txt")


def test_other_files_in_a_folder_are_counted_quietly_and_hidden_ones_not_at_all(tmp_path: Path) -> None:
    from quotes.ingest import Skip

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{}", encoding="utf-8")  # a sidecar: part of a.txt
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "page.PNG").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "dump.tar.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "LICENSE").write_text("MIT", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0\0")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]", encoding="utf-8")
    skips: list[Skip] = []
    articles = list(read_articles([tmp_path], strict=True, on_skip=skips.append))  # none warned
    assert [a.id for a in articles] == ["a"]
    assert [(s.where, s.detail) for s in skips] == [
        (str(tmp_path / "LICENSE"), "not an article file (no file extension)"),
        (str(tmp_path / "dump.tar.gz"), "not an article file (.tar.gz)"),
        (str(tmp_path / "paper.pdf"), "not an article file (.pdf)"),
        (str(tmp_path / "scans" / "page.PNG"), "not an article file (.PNG)"),
    ]
    assert {(s.reason, s.failed, s.quiet) for s in skips} == {("not an article file", False, True)}


def test_the_cli_summary_counts_the_files_left_out(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from quotes.cli import app

    try:  # click < 8.2 mixes stderr into stdout unless told not to
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(" \n", encoding="utf-8")
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "tsv"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"warning: {tmp_path / 'b.txt'}: skipped: empty file\n"
        "1 article read; 3 skipped (2 not an article file, 1 empty file)\n"
    )


# --- JSON Lines


def test_jsonl_fields_ids_and_meta(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        {
            "id": 7,
            "text": "Shoigu said \u201cyes.\u201d",
            "title": "T",
            "published": "2023-06-27",
            "url": "https://example.org/7",
            "lang": "en",
            "tags": ["cuba"],
        },
        {"text": "  No id here.\n"},
    )
    first, second = read(path)
    assert (first.id, first.title, first.published, first.url) == (
        "7",
        "T",
        "2023-06-27",
        "https://example.org/7",
    )
    assert first.meta == {"lang": "en", "tags": ["cuba"]}
    assert first.source == f"{path}:1"
    assert second.text == "  No id here.\n"
    assert second.source == f"{path}:2"
    assert second.title == ""
    assert len(second.id) == 16 and int(second.id, 16) >= 0
    again = write_jsonl(tmp_path / "other.jsonl", {"text": "  No id here.\n", "extra": 1})
    assert read(again)[0].id == second.id  # the hash id depends only on the text


def test_hash_id_is_stable_across_runs(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", {"text": "Same words."})
    # pinned, so a change to how ids are made cannot slip by: stored ids would stop matching
    assert read(path)[0].id == "1882d70e8a98e6b9"  # sha1("Same words.")[:16]


def test_outlet_fallback_order_given_then_argument_then_unknown(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        {"text": "One.", "outlet": "Havana Times"},
        {"text": "Two."},
        {"text": "Three.", "outlet": ""},
    )
    assert [a.outlet for a in read(path, outlet="14ymedio")] == [
        "Havana Times",
        "14ymedio",
        "14ymedio",
    ]
    assert [a.outlet for a in read(path)] == ["Havana Times", UNKNOWN_OUTLET, UNKNOWN_OUTLET]


def test_blank_jsonl_lines_are_skipped_silently(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", {"text": "One."}, "", "   ", {"text": "Two."})
    assert [a.text for a in read(path)] == ["One.", "Two."]
    assert read(path)[1].source == f"{path}:4"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"text": "unterminated', "not valid JSON"),
        ('["text", "an array"]', "array"),
        ('{"title": "no text"}', '"text"'),
        ('{"text": 42}', "string"),
        ('{"text": "   "}', "empty"),
    ],
)
def test_bad_jsonl_line_is_warned_and_the_good_lines_kept(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = write_jsonl(tmp_path / "batch.jsonl", {"text": "Before."}, line, {"text": "After."})
    articles, [warning] = read_warned(path)
    assert [a.text for a in articles] == ["Before.", "After."]
    assert f"{path}:2:" in warning
    assert problem in warning
    with pytest.raises(QuotesError, match=r"batch\.jsonl:2:"):
        read(path, strict=True)


def test_strict_raises_on_the_first_problem(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "batch.jsonl", {"text": "Good."}, "[]", "{}", "nope")
    seen = []
    with pytest.raises(QuotesError, match=r"batch\.jsonl:2:"):
        for article in read_articles([path], strict=True):
            seen.append(article.text)
    assert seen == ["Good."]


def test_default_warning_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write_jsonl(tmp_path / "batch.jsonl", "[]", {"text": "Good."})
    assert [a.text for a in read_articles([path])] == ["Good."]
    assert capsys.readouterr().err.startswith(f"warning: {path}:1:")


# --- fatal problems


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(QuotesError, match=r"nope\.txt: no such file or folder"):
        read(tmp_path / "nope.txt")


def test_missing_path_fails_before_any_article_is_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    articles = read_articles([good, tmp_path / "typo.txt"])
    with pytest.raises(QuotesError, match="typo.txt"):
        next(articles)


def test_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing here", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(QuotesError, match="no .txt or .jsonl articles") as info:
        read(tmp_path)
    assert str(tmp_path) in str(info.value)


@pytest.mark.parametrize("name", ["story.pdf", "dump.tar.gz", "a.meta.json", "README"])
def test_unsupported_file_is_an_error_naming_what_is_supported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(QuotesError) as info:
        read(path)
    message = str(info.value)
    assert name in message and ".txt" in message and ".jsonl" in message
    assert "\n" not in message


def test_invalid_utf8_names_line_and_offset_and_replace_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Title\nL\u00f3pez Miera\n".encode("latin-1"))
    with pytest.raises(QuotesError) as info:
        read(path)
    message = str(info.value)
    assert "latin1.txt" in message
    assert "line 2" in message and "byte offset 7" in message
    assert "--encoding-errors replace" in message
    [article] = read(path, encoding_errors="replace")
    assert article.text == "Title\nL\ufffdpez Miera\n"
    [article] = read(path, encoding_errors="ignore")
    assert article.text == "Title\nLpez Miera\n"


def test_invalid_utf8_in_jsonl_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "L\xf3pez"}\n')
    with pytest.raises(QuotesError, match=r"line 2 at byte offset 26"):
        read(path)
    texts = [a.text for a in read(path, encoding_errors="replace")]
    assert texts == ["ok", "L\ufffdpez"]


def test_empty_file_is_warned_and_skipped_and_others_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(TEXT, encoding="utf-8")
    articles, [warning] = read_warned(tmp_path)
    assert [a.id for a in articles] == ["a", "c"]
    assert "b.txt" in warning and "empty file" in warning
    with pytest.raises(QuotesError, match="b.txt"):
        read(tmp_path, strict=True)


@pytest.mark.parametrize(("name", "content"), [("b.txt", " \n\t\n"), ("b.jsonl", "\n  \n")])
def test_empty_file_of_either_kind_is_warned(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "c.txt").write_text(TEXT, encoding="utf-8")
    articles, [warning] = read_warned(tmp_path)
    assert [a.id for a in articles] == ["c"]
    assert warning == f"{tmp_path / name}: skipped: empty file"


def test_unknown_encoding_error_handler_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(QuotesError, match="encoding error handler"):
        read(tmp_path, encoding_errors="bogus")


# --- compressed files


SPEECHES = [
    {"id": "s1", "text": "\u201cWe will dig you in,\u201d Sergei Shoigu said.", "outlet": "Sputnik",
     "published": "2023-06-27T10:00:00Z", "url": "https://sputniknews.com/1"},
    {"id": "s2", "text": "Miguel D\u00edaz-Canel added: \u201cWe stand with Russia.\u201d",
     "published": "June 28, 2023"},
]


def compress(path: Path, data: bytes) -> Path:
    import bz2
    import gzip
    import lzma

    packers = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}
    path.write_bytes(packers[path.suffix](data))
    return path


def jsonl_bytes(*records: object) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz"])
def test_compressed_jsonl_gives_articles_dates_and_quotes(tmp_path: Path, suffix: str) -> None:
    from quotes.attribute import quotes_in

    path = compress(tmp_path / f"speeches.jsonl{suffix}", jsonl_bytes(*SPEECHES))
    first, second = read(path)
    assert (first.id, first.outlet, first.published, first.url, first.source) == (
        "s1", "Sputnik", "2023-06-27T10:00:00+00:00", "https://sputniknews.com/1", f"{path}:1",
    )
    assert first.meta == {"published_raw": "2023-06-27T10:00:00Z"}
    assert (second.outlet, second.published, second.meta) == (UNKNOWN_OUTLET, "2023-06-28", {"published_raw": "June 28, 2023"})
    assert [(q.text, q.speaker) for q in quotes_in(first)] == [("We will dig you in,", "Sergei Shoigu")]
    assert [(q.text, q.speaker) for q in quotes_in(second)] == [("We stand with Russia.", "Miguel D\u00edaz-Canel")]


def test_compressed_text_keeps_its_name_and_sidecar(tmp_path: Path) -> None:
    path = compress(tmp_path / "moscow.txt.gz", TEXT.encode())
    (tmp_path / "moscow.meta.json").write_text(json.dumps({"outlet": "O", "published": "28 June 2023"}))
    [article] = read(tmp_path)
    assert (article.id, article.text, article.title, article.outlet, article.published) == (
        "moscow", TEXT, "Minister Visits Moscow", "O", "2023-06-28",
    )
    assert article.source == str(path)


def test_a_truncated_gzip_keeps_the_lines_before_the_cut_and_the_next_file(tmp_path: Path) -> None:
    import gzip

    lines = [{"id": f"n{i}", "text": f"Story number {i} " + "words " * 200} for i in range(50)]
    data = gzip.compress(jsonl_bytes(*lines))
    cut = tmp_path / "a.jsonl.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    articles, [warning] = read_warned(tmp_path)
    ids = [a.id for a in articles]
    assert ids[-1] == "b" and ids[:-1] == [f"n{i}" for i in range(len(ids) - 1)] and len(ids) > 10
    assert warning.startswith(f"{cut}:{len(ids)}: skipped: the compressed data ends early")
    with pytest.raises(QuotesError, match=r"a\.jsonl\.gz:\d+: skipped: the compressed data ends early"):
        read(tmp_path, strict=True)


def test_corrupt_compressed_data_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"not deflate data at all")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    articles, [warning] = read_warned(tmp_path)
    assert [a.id for a in articles] == ["b"]
    assert warning.startswith(f"{path}: skipped: corrupt compressed data (")


# --- dates


def test_dates_are_normalised_and_an_unreadable_one_reported_once_per_file(tmp_path: Path) -> None:
    records = [
        {"text": "One.", "published": "Fri, 30 Jun 2023 14:05:00 +0000"},
        {"text": "Two.", "published": "yesterday"},
        {"text": "Three.", "published": "06/07/2023"},
        {"text": "Four.", "published": "2023-06-30"},
        {"text": "Five.", "published": 2023},
    ]
    first = write_jsonl(tmp_path / "a.jsonl", *records)
    second = write_jsonl(tmp_path / "b.jsonl", {"text": "Six.", "published": "soon"})
    articles, warnings = read_warned(tmp_path)
    assert [(a.published, a.meta.get("published_raw")) for a in articles] == [
        ("2023-06-30T14:05:00+00:00", "Fri, 30 Jun 2023 14:05:00 +0000"),
        ("", "yesterday"),
        ("", "06/07/2023"),
        ("2023-06-30", None),
        ("", "2023"),
        ("", "soon"),
    ]
    assert [w.split(" not understood")[0] for w in warnings] == [
        f"{first}:2: date 'yesterday'",
        f"{second}:1: date 'soon'",
    ]
    with pytest.raises(QuotesError, match=r"a\.jsonl:2: date 'yesterday' not understood"):
        read(tmp_path, strict=True)


# --- folders of every kind, and the skip callback


def test_folder_reads_every_kind_in_path_order(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(jsonl_bytes({"id": "b", "text": "B."})))
    (tmp_path / "c.csv").write_text("id,text\nc,C.\n", encoding="utf-8")
    (tmp_path / "d.TSV").write_text("id\ttext\nd\tD.\n", encoding="utf-8")
    (tmp_path / "e.md").write_text("not read", encoding="utf-8")
    (tmp_path / "f.tar.gz").write_bytes(b"not read")
    assert [a.id for a in read(tmp_path)] == ["a", "b", "c", "d"]


def test_every_skip_goes_to_on_skip(tmp_path: Path) -> None:
    from quotes.ingest import Skip

    path = write_jsonl(tmp_path / "a.jsonl", {"text": "One."}, "{oops", {"text": " "})
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    skips: list[Skip] = []
    articles = list(read_articles([tmp_path], warn=lambda message: None, on_skip=skips.append))
    assert [a.text for a in articles] == ["One."]
    assert [(s.where, s.reason, s.failed, s.quiet) for s in skips] == [
        (f"{path}:2", "not valid JSON", True, False),
        (f"{path}:3", "empty text", False, False),
        (str(tmp_path / "b.txt"), "empty file", False, False),
    ]
    assert skips[0].message.startswith(f"{path}:2: skipped: not valid JSON (")
