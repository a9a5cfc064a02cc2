"""What every reader shares (quotes/reading.py), through read_articles and the CLI: bounded
reads, deep JSON, NUL bytes in one line, repeated ids, and warnings safe to print."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from quotes import reading
from quotes.errors import QuotesError
from quotes.ingest import Skip, read_articles
from quotes.types import Article
from test_cli import run as cli  # the CLI through CliRunner: a traceback fails the test


SAID = '"Prices will fall," the minister said.'
DEEP = '{"text": ' + "[" * 1100 + "]" * 1100 + "}"  # 2 KB, past Python's recursion limit


def read(*paths: Path, **options: Any) -> tuple[list[Article], list[str], list[Skip]]:
    """Everything read, with the warnings and the skips, none printed."""
    warnings: list[str] = []
    skips: list[Skip] = []
    articles = list(read_articles(paths, warn=warnings.append, on_skip=skips.append, **options))
    return articles, warnings, skips


def lines(path: Path, *records: object) -> Path:
    """JSON Lines; a str or bytes is written as is (a bad line), anything else as JSON."""
    parts = [r if isinstance(r, bytes) else (r if isinstance(r, str) else json.dumps(r)).encode() for r in records]
    path.write_bytes(b"".join(part + b"\n" for part in parts))
    return path


def warnings_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning: ")]


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> int:
    """A per-article limit of 1,000 bytes, so that going past it takes no large file."""
    monkeypatch.setattr(reading, "MAX_ARTICLE_BYTES", 1000)
    return 1000


# --- the modules


def _imports(module: str) -> set[str]:
    """The quotes modules that ``module`` imports when it loads: its top-level imports, but
    not those for type checkers only, nor those inside functions (made when called)."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    found: set[str] = set()
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, (ast.If, ast.Try)):
            pending.extend(node.body + node.orelse + getattr(node, "finalbody", []))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:  # the module, or a module from it
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if _is_module(f"{node.module}.{a.name}"))
    return {name for name in found if name.startswith("quotes.")}


def _is_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def test_ingest_and_its_readers_import_no_circle() -> None:
    # quotes.tables and quotes.warc once imported Skip from quotes.ingest, which imported them
    graph: dict[str, set[str]] = {}
    pending = ["quotes.ingest", "quotes.readers.text", "quotes.readers.jsonl", "quotes.readers.table",
               "quotes.readers.page", "quotes.readers.archive"]
    while pending:
        module = pending.pop()
        if module not in graph:
            graph[module] = _imports(module)
            pending.extend(graph[module])
    assert {"quotes.reading", "quotes.tables", "quotes.warc"} <= graph.keys()
    assert "quotes.ingest" not in graph["quotes.tables"] | graph["quotes.warc"] | graph["quotes.reading"]

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        return any(n == target or (n not in seen and not seen.add(n) and reaches(n, target, seen))
                   for n in graph.get(start, ()))

    assert [module for module in graph if reaches(module, module, set())] == []
    from quotes import ingest, tables, warc

    assert ingest.Skip is reading.Skip is tables.Skip is warc.Skip  # one record, re-exported


# --- deeply nested JSON


def test_a_deeply_nested_json_line_is_one_skipped_line(tmp_path: Path) -> None:
    path = lines(tmp_path / "a.jsonl", {"text": "Before."}, DEEP, {"text": "After."})
    articles, [warning], [skip] = read(path)
    assert [a.text for a in articles] == ["Before.", "After."]
    assert (skip.where, skip.reason, skip.failed) == (f"{path}:2", "nested too deeply", True)
    assert warning == f"{path}:2: skipped: JSON nested too deeply: more than 100 levels of arrays and objects"


def test_json_that_parses_but_nests_past_the_limit_is_skipped_too(tmp_path: Path) -> None:
    # 150 levels parse, but metadata that deep would fail later, when it is written out
    nested = '{"text": "Words.", "tags": ' + "[" * 150 + "]" * 150 + "}"
    within = '{"text": "Kept.", "tags": ' + "[" * 99 + "]" * 99 + "}"
    path = lines(tmp_path / "a.jsonl", nested, within)
    articles, _, [skip] = read(path)
    assert [a.text for a in articles] == ["Kept."]
    assert (skip.where, skip.reason) == (f"{path}:1", "nested too deeply")


def test_a_number_of_too_many_digits_is_a_bad_line_not_a_crash(tmp_path: Path) -> None:
    path = lines(tmp_path / "a.jsonl", '{"text": "x", "n": ' + "9" * 5000 + "}", {"text": "After."})
    articles, [warning], _ = read(path)
    assert [a.text for a in articles] == ["After."]
    assert warning.startswith(f"{path}:1: skipped: not valid JSON (a number of more than ")


def test_a_deeply_nested_sidecar_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nBody.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(DEEP, encoding="utf-8")
    [article], [warning], _ = read(tmp_path)
    assert article.id == "a"
    assert warning.startswith(f"{tmp_path / 'a.meta.json'}: ignored: cannot read it as JSON (JSON nested too deeply")


def test_the_cli_goes_on_past_a_deeply_nested_line(tmp_path: Path) -> None:
    path = lines(tmp_path / "a.jsonl", {"id": "one", "text": SAID}, DEEP, {"id": "two", "text": SAID})
    result = cli("extract", path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [json.loads(row)["article"] for row in result.stdout.splitlines()] == ["one", "two"]
    assert warnings_of(result) == [f"warning: {path}:2: skipped: JSON nested too deeply: more than 100 levels "
                                   "of arrays and objects"]


# --- NUL bytes in a line, and files that really are binary


def test_a_nul_byte_costs_its_line_not_the_file(tmp_path: Path) -> None:
    good = [{"text": f"Story {i}."} for i in range(400)]
    path = lines(tmp_path / "a.jsonl", *good[:3], b'{"text": "bro\x00ken"}', *good[3:])
    articles, [warning], [skip] = read(path)
    assert [a.text for a in articles] == [r["text"] for r in good]
    assert articles[3].source == f"{path}:5"  # the lines after it keep their numbers
    assert (skip.where, skip.reason, skip.failed) == (f"{path}:4", "binary data in line", True)
    assert warning.startswith(f"{path}:4: skipped: binary data in line")
    with pytest.raises(QuotesError, match=r"a\.jsonl:4: skipped: binary data in line"):
        read(path, strict=True)


def test_a_nul_byte_in_a_csv_row_costs_that_row(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'id,text\none,First.\ntwo,"Sec\x00ond."\nthree,"Third,\nover two lines."\nfour,Fourth.\n')
    articles, _, [skip] = read(path)
    assert [(a.id, a.source) for a in articles] == [
        ("one", f"{path}:2"), ("three", f"{path}:4"), ("four", f"{path}:6"),
    ]
    assert articles[1].text == "Third,\nover two lines."
    assert (skip.where, skip.reason) == (f"{path}:3", "binary data in line")


@pytest.mark.parametrize(
    ("name", "data", "hint"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), "is it a PDF, an image"),
        ("dump.jsonl", b"\x1f\x8b\x08\x00" + bytes(range(256)), "name it dump.jsonl.gz"),
        ("table.csv", b"BZh91AY&SY" + bytes(range(256)), "name it table.csv.bz2"),
        ("utf16.txt", "\u201cHello,\u201d she said.".encode("utf-16"), "UTF-16"),
    ],
)
def test_binary_data_with_a_text_name_is_reported_and_skipped(tmp_path: Path, name: str, data: bytes, hint: str) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "z.txt").write_text("Title\nWords.\n", encoding="utf-8")
    articles, [warning], _ = read(tmp_path)
    assert [a.id for a in articles] == ["z"]
    assert warning.startswith(f"{tmp_path / name}: skipped: binary data, not text; ")
    assert hint in warning
    with pytest.raises(QuotesError, match="binary data"):
        read(tmp_path, strict=True)


@pytest.mark.parametrize(
    ("name", "data", "hint"),
    [
        ("dump.jsonl", gzip.compress(b'{"text": "zipped"}\n' * 50), "name it dump.jsonl.gz"),
        ("paper.jsonl", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "is it a PDF"),
        ("wide.jsonl", '{"text": "UTF-16 without a BOM"}\n'.encode("utf-16-le") * 20, "UTF-16"),
        ("noise.csv", bytes(range(256)) * 40, "is it a PDF"),
    ],
)
def test_a_binary_file_with_a_line_based_name_is_still_one_skip(tmp_path: Path, name: str, data: bytes,
                                                                 hint: str) -> None:
    (tmp_path / name).write_bytes(data)
    articles, [warning], [skip] = read(tmp_path / name)
    assert articles == []
    assert (skip.where, skip.reason, skip.failed) == (str(tmp_path / name), "binary data", True)
    assert warning.startswith(f"{tmp_path / name}: skipped: binary data, not text; ") and hint in warning


def test_the_cli_keeps_the_good_lines_around_a_nul_byte(tmp_path: Path) -> None:
    path = lines(tmp_path / "a.jsonl", {"id": "one", "text": SAID}, b'{"text": "\x00"}', {"id": "two", "text": SAID})
    result = cli("extract", path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [json.loads(row)["article"] for row in result.stdout.splitlines()] == ["one", "two"]
    assert [w.split(": skipped: ")[0] for w in warnings_of(result)] == [f"warning: {path}:2"]


# --- the per-article limit


def test_a_text_file_past_the_limit_is_skipped(tmp_path: Path, small: int) -> None:
    (tmp_path / "big.txt").write_text("Title\n" + "x" * small, encoding="utf-8")
    (tmp_path / "fits.txt").write_text("Title\n" + "x" * (small - 6), encoding="utf-8")
    articles, [warning], [skip] = read(tmp_path)
    assert [a.id for a in articles] == ["fits"]
    assert (skip.where, skip.reason, skip.failed) == (str(tmp_path / "big.txt"), "article too large", True)
    assert warning == (f"{tmp_path / 'big.txt'}: skipped: article too large: the file is longer than the "
                       "limit of 1,000 bytes (quotes.reading.MAX_ARTICLE_BYTES)")


def test_an_over_long_line_is_one_skipped_line_and_the_numbers_stay_right(tmp_path: Path, small: int) -> None:
    long = json.dumps({"text": "y" * 5000})  # five times the limit, passed over in pieces
    at_limit = json.dumps({"text": "z" * (small - 13)})  # with its newline, exactly the limit
    path = lines(tmp_path / "a.jsonl", {"text": "One."}, long, at_limit, {"text": "Four."})
    articles, _, [skip] = read(path)
    assert [(len(a.text), a.source) for a in articles] == [(4, f"{path}:1"), (small - 13, f"{path}:3"),
                                                           (5, f"{path}:4")]
    assert (skip.where, skip.reason) == (f"{path}:2", "article too large")


def test_an_over_long_last_line_without_a_newline_is_skipped(tmp_path: Path, small: int) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "y" * small}), encoding="utf-8")
    articles, _, [skip] = read(path)
    assert [a.text for a in articles] == ["One."]
    assert skip.where == f"{path}:2"


def test_a_csv_row_past_the_limit_is_skipped_and_the_next_rows_kept(tmp_path: Path, small: int) -> None:
    path = tmp_path / "a.csv"
    many_lines = "\n".join(["w" * 100] * 20)  # each line fits; the row does not
    path.write_text(f'id,text\none,First.\ntwo,"{"v" * 3000}"\nthree,"{many_lines}"\nfour,Fourth.\n',
                    encoding="utf-8")
    articles, warnings, skips = read(path)
    assert [a.id for a in articles][0] == "one" and articles[-1].id == "four"
    assert articles[-1].source == f"{path}:24"
    assert [(s.where, s.reason) for s in skips][:2] == [(f"{path}:3", "article too large"),
                                                        (f"{path}:4", "article too large")]


def test_an_html_page_past_the_limit_is_skipped(tmp_path: Path, small: int) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>" + "word " * 400 + "</p></body></html>", encoding="utf-8")
    articles, _, [skip] = read(path)
    assert articles == [] and (skip.where, skip.reason) == (str(path), "article too large")


def test_a_gzip_bomb_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    # 64 MiB of one letter in 0.3 MB of gzip: read whole, it took its size and more; streamed,
    # the limit and one byte are read and the rest is never decompressed
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb", compresslevel=1) as out:
        for _ in range(64):
            out.write(b"a" * (1 << 20))
    jsonl = tmp_path / "bomb.jsonl.gz"
    with gzip.open(jsonl, "wb", compresslevel=1) as out:
        out.write(b'{"text": "kept"}\n{"text": "')
        for _ in range(64):
            out.write(b"a" * (1 << 20))
        out.write(b'"}\n{"text": "after"}\n')
    tracemalloc.start()
    try:
        articles, _, skips = read(path, jsonl)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [a.source for a in articles] == [f"{jsonl}:1", f"{jsonl}:3"]
    assert [(s.where, s.reason) for s in skips] == [(str(path), "article too large"),
                                                    (f"{jsonl}:2", "article too large")]
    assert peak < 3 * reading.MAX_ARTICLE_BYTES


def test_the_cli_counts_an_article_too_large(tmp_path: Path, small: int) -> None:
    (tmp_path / "a.txt").write_text(SAID, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SAID + " more" * 500, encoding="utf-8")
    result = cli("extract", tmp_path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [json.loads(row)["article"] for row in result.stdout.splitlines()] == ["a"]
    assert [w.split(": skipped: ")[1] for w in warnings_of(result)] == [
        "article too large: the file is longer than the limit of 1,000 bytes (quotes.reading.MAX_ARTICLE_BYTES)"
    ]
    assert "1 failed (1 article too large)" in result.stderr


# --- warnings safe to print


def test_the_default_warning_shows_control_characters_instead_of_running_them(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = lines(tmp_path / "evil\x1b]0;owned\x07.jsonl", '{"text": "\x1b[2J"', {"text": "Good."})
    assert [a.text for a in read_articles([path])] == ["Good."]
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert err.startswith(f"warning: {tmp_path}/evil^[]0;owned\\x07.jsonl:1: skipped: not valid JSON")


# --- ids: unique per path, and one article per id in a run


def test_same_named_files_in_different_folders_keep_apart(tmp_path: Path) -> None:
    for name, words in [("a/story.txt", "Alpha."), ("b/story.txt", "Beta."), ("story.txt", "Root.")]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"Title\n{words}\n", encoding="utf-8")
    (tmp_path / "b" / "c").mkdir()
    (tmp_path / "b" / "c" / "deep.story.txt.gz").write_bytes(gzip.compress(b"Title\nGamma.\n"))
    articles, warnings, skips = read(tmp_path)
    assert [a.id for a in articles] == ["a/story", "b/c/deep.story", "b/story", "story"]
    assert (warnings, skips) == ([], [])
    # a file given itself keeps its bare name, wherever it is
    assert [a.id for a in read(tmp_path / "b" / "story.txt")[0]] == ["story"]
    assert [a.id for a in read(tmp_path / "b")[0]] == ["c/deep.story", "story"]


def test_a_repeated_id_with_other_text_is_skipped_naming_both_places(tmp_path: Path) -> None:
    path = lines(tmp_path / "a.jsonl", {"id": "x", "text": "First."}, {"id": "y", "text": "Other."},
                 {"id": "x", "text": "Second."})
    articles, [warning], [skip] = read(path)
    assert [a.text for a in articles] == ["First.", "Other."]
    assert (skip.where, skip.reason, skip.failed, skip.quiet) == (f"{path}:3", "repeated id", True, False)
    assert warning == (f"{path}:3: skipped: repeated id 'x', first given at {path}:1 with other text, which is "
                       "kept; give each article its own id")
    with pytest.raises(QuotesError, match=r"a\.jsonl:3: skipped: repeated id 'x'"):
        read(path, strict=True)


def test_a_repeated_id_across_files_and_kinds_names_the_first_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nA text file.\n", encoding="utf-8")
    second = lines(tmp_path / "b.jsonl", {"id": "a", "text": "A line."})
    third = tmp_path / "c.csv"
    third.write_text("id,text\nb,Bee.\na,Row.\n", encoding="utf-8")
    articles, warnings, skips = read(tmp_path)
    assert [a.source for a in articles] == [str(tmp_path / "a.txt"), f"{third}:2"]
    assert [s.where for s in skips] == [f"{second}:1", f"{third}:3"]
    assert all(f"first given at {tmp_path / 'a.txt'} with other text" in w for w in warnings)


def test_the_same_article_twice_is_kept_once_without_a_warning(tmp_path: Path) -> None:
    record = {"id": "x", "text": "Same words."}
    first = lines(tmp_path / "a.jsonl", record, {"text": "No id."}, record, {"text": "No id."})
    again = lines(tmp_path / "b.jsonl", record)
    articles, warnings, skips = read(tmp_path)
    assert [a.source for a in articles] == [f"{first}:1", f"{first}:2"]
    assert warnings == []
    assert [(s.where, s.reason, s.failed, s.quiet) for s in skips] == [
        (f"{first}:3", "same article again", False, True),
        (f"{first}:4", "same article again", False, True),
        (f"{again}:1", "same article again", False, True),
    ]
    assert skips[0].detail == f"the same id 'x' and text as {first}:1"


def test_the_cli_lists_same_named_files_apart_and_counts_a_repeated_id(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(SAID, encoding="utf-8")
    dump = lines(tmp_path / "dump.jsonl", {"id": "a/story", "text": "Other words."})
    result = cli("extract", tmp_path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [json.loads(row)["article"] for row in result.stdout.splitlines()] == ["a/story", "b/story"]
    assert warnings_of(result) == [
        f"warning: {dump}:1: skipped: repeated id 'a/story', first given at {tmp_path / 'a' / 'story.txt'} "
        "with other text, which is kept; give each article its own id"
    ]
    assert result.stderr.splitlines()[-1] == "2 articles read; 1 failed (1 repeated id)"
