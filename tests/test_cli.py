"""The `quotes` command line, through typer's CliRunner: output, offsets and error paths."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from quotes.cli import app
from quotes.render import QUOTE_COLUMNS, read_tsv

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HEADLINE = "Cuban Army Minister Visits Russia after Failed Mutiny"
TSV_HEADER = "\t".join(QUOTE_COLUMNS)


def warning_lines(result) -> list[str]:
    """The warnings on stderr, which end with the line that counts what was skipped."""
    *lines, summary = result.stderr.splitlines()
    assert lines and all(line.startswith("warning: ") for line in lines), result.stderr
    assert " read; " in summary and not summary.startswith("warning: "), result.stderr
    return lines


def seed_texts() -> dict[str, str]:
    """Article id -> text exactly as the ingester decodes it (bytes as UTF-8, no newline change)."""
    return {p.stem: p.read_bytes().decode("utf-8") for p in sorted(SEEDS.glob("*.txt"))}


# ---------------------------------------------------------------------------- help


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"]])
def test_help_shows_an_example(args):
    result = run(*args)
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_no_arguments_shows_help():
    result = run()
    assert "Usage:" in result.output
    assert "extract" in result.output


# ---------------------------------------------------------------------------- seeds


def test_seeds_table_lists_speakers_and_hides_non_quotes():
    result = run("extract", SEEDS)
    assert result.exit_code == 0, result.output
    # seeds/README.md is no article: at most the line that counts it, and no warning
    assert result.stderr in ("", "2 articles read; 1 skipped (1 not an article file)\n"), result.stderr
    for name in ("Sergey Shoigu", "Sergei Shoigu", "Nikita Khrushchev"):
        assert name in result.stdout
    assert "Los Gordos" not in result.stdout
    assert HEADLINE not in result.stdout
    # reported speech is listed too, so the table tells the two kinds apart
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["article", "speaker", "cue", "kind", "quote"]
    assert {line.split()[-1] for line in lines[2:]} and any(" indirect " in line for line in lines[2:])
    assert not any(kind in line.split() for line in lines[2:] for kind in ("scare", "nickname", "title", "unclosed"))


def test_seeds_table_no_indirect_lists_quotations_only():
    result = run("extract", SEEDS, "--no-indirect")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["article", "speaker", "cue", "quote"]
    assert " indirect " not in result.stdout


def test_seeds_table_all_shows_kinds():
    result = run("extract", SEEDS, "--all")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["article", "speaker", "cue", "kind", "quote"]
    [gordos] = [line for line in lines if "Los Gordos" in line]
    [headline] = [line for line in lines if HEADLINE in line]
    assert "nickname" in gordos.split()
    assert "unclosed" in headline.split()


def check_offsets(row: dict[str, object], texts: dict[str, str]) -> None:
    """Each text column is the article's text between its offsets (or all three are empty)."""
    text = texts[str(row["article"])]
    for column, start, end in (
        ("quote", "start", "end"),
        ("speaker_mention", "speaker_start", "speaker_end"),
        ("cue", "cue_start", "cue_end"),
    ):
        values = (row[column], row[start], row[end])
        if column != "quote" and all(v in (None, "") for v in values):
            continue
        assert text[int(row[start]) : int(row[end])] == row[column], (column, row)


def test_seeds_jsonl_columns_and_offsets():
    result = run("extract", SEEDS, "--all", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = jsonl_rows(result.stdout)
    texts = seed_texts()
    assert {row["article"] for row in rows} == set(texts)
    for row in rows:
        assert tuple(row) == QUOTE_COLUMNS
        assert all(isinstance(row[c], int) for c in ("start", "end"))
        check_offsets(row, texts)
    assert {row["kind"] for row in rows} >= {"quote", "scare", "nickname", "unclosed"}
    assert sum(row["speaker"] == "Sergei Shoigu" for row in rows) >= 9


def test_seeds_tsv_reads_back_with_the_same_offsets():
    result = run("extract", SEEDS, "--all", "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == TSV_HEADER
    rows = read_tsv(io.StringIO(result.stdout, newline=""))
    texts = seed_texts()
    assert rows and all(tuple(row) == QUOTE_COLUMNS for row in rows)
    for row in rows:
        check_offsets(row, texts)
    as_json = jsonl_rows(run("extract", SEEDS, "--all", "--format", "jsonl").stdout)
    expected = [{c: "" if v is None else str(v) for c, v in row.items()} for row in as_json]
    assert rows == expected


# ---------------------------------------------------------------------------- exact output


SPEECH = 'Soviet leader speaks\n\n"We will bury you," Khrushchev said.\n'
# Offsets counted by hand: the title is 20 characters and two newlines, so the opening mark is
# at 22; "We will bury you," is 17 characters (23-40), the closing mark at 40, a space, then
# Khrushchev (42-52), a space, said (53-57).
SPEECH_TSV = (
    TSV_HEADER + "\n"
    "speech\tunknown\tSoviet leader speaks\t23\t40\tWe will bury you,\tquote"
    "\tKhrushchev\tKhrushchev\t42\t52\t\tsaid\t53\t57\n"  # no role written with the name
)
SPEECH_TABLE = (
    "article    speaker     cue    kind    quote\n"
    "---------  ----------  -----  ------  -----------------\n"
    "speech     Khrushchev  said   quote   We will bury you,\n"
)


@pytest.fixture
def speech(tmp_path: Path) -> Path:
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8", newline="")
    return path


def test_exact_tsv(speech):
    result = run("extract", speech, "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert result.stdout == SPEECH_TSV
    assert result.stderr == ""


def test_a_role_written_with_the_name_gets_its_own_column(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text('Budget talks\n\n"We will not cut the schools," Republican Governor Jane Roe said.\n',
                    encoding="utf-8")
    [row] = read_tsv(io.StringIO(run("extract", path, "--format", "tsv").stdout))
    assert (row["speaker"], row["speaker_role"], row["speaker_mention"]) == (
        "Jane Roe", "Republican Governor", "Republican Governor Jane Roe")


def test_exact_table(speech):
    result = run("extract", speech)
    assert result.exit_code == 0, result.output
    assert result.stdout == SPEECH_TABLE


def test_outlet_option_fills_the_outlet(speech):
    result = run("extract", speech, "--format", "tsv", "--outlet", "Reuters")
    assert result.stdout == SPEECH_TSV.replace("\tunknown\t", "\tReuters\t")


def test_no_quotes_says_so(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Nothing quoted\n\nThe minister arrived on Tuesday.\n", encoding="utf-8")
    result = run("extract", path)
    assert result.exit_code == 0
    assert result.stdout == "no quotes found\n"
    assert run("extract", path, "--format", "tsv").stdout == TSV_HEADER + "\n"
    assert run("extract", path, "--format", "jsonl").stdout == ""


# ---------------------------------------------------------------------------- --output


def test_output_file(speech, tmp_path):
    out = tmp_path / "quotes.tsv"
    result = run("extract", speech, "--format", "tsv", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == SPEECH_TSV


def test_unwritable_output_is_one_error_line(speech, tmp_path):
    out = tmp_path / "no-such-folder" / "quotes.tsv"
    line = error_line(run("extract", speech, "-o", out))
    assert str(out) in line
    assert "cannot write" in line
    assert not out.exists()


def test_bad_input_leaves_existing_output_alone(tmp_path):
    out = tmp_path / "quotes.tsv"
    out.write_text("earlier results\n", encoding="utf-8")
    error_line(run("extract", tmp_path / "missing.txt", "-o", out, "--format", "tsv"))
    assert out.read_text(encoding="utf-8") == "earlier results\n"


def test_bad_input_prints_nothing_on_stdout_in_tsv(tmp_path):
    result = run("extract", tmp_path / "missing.txt", "--format", "tsv")
    error_line(result)
    assert result.stdout == ""


# ---------------------------------------------------------------------------- bad input


def test_missing_path(tmp_path):
    missing = tmp_path / "missing.txt"
    result = run("extract", missing)
    line = error_line(result)
    assert str(missing) in line
    assert "no such file or folder" in line
    assert result.stdout == ""


def test_folder_without_articles(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "readme.md").write_text('"Hello," she said.\n', encoding="utf-8")
    line = error_line(run("extract", folder))
    assert str(folder) in line
    assert "no .txt or .jsonl articles" in line


def test_unsupported_extension(tmp_path):
    path = tmp_path / "article.md"
    path.write_text('"Hello," she said.\n', encoding="utf-8")
    line = error_line(run("extract", path))
    assert str(path) in line
    assert "'.md'" in line


def test_sidecar_is_not_an_article():
    sidecar = next(SEEDS.glob("*.meta.json"))
    line = error_line(run("extract", sidecar))
    assert "metadata sidecar" in line


def test_invalid_utf8_then_replace(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b'Title\n"Caf\xe9 owners are worried," the mayor said.\n')
    line = error_line(run("extract", path))
    assert str(path) in line
    assert "line 2" in line and "byte offset 10" in line
    assert "--encoding-errors replace" in line

    result = run("extract", path, "--encoding-errors", "replace", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    [row] = jsonl_rows(result.stdout)
    assert row["quote"] == "Caf\ufffd owners are worried,"
    assert row["speaker"] == "the mayor"


def test_empty_file_is_a_warning(speech, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = run("extract", tmp_path, "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: {empty}: skipped: empty file\n1 article read; 1 skipped (1 empty file)\n"
    assert result.stdout == SPEECH_TSV


def test_empty_file_with_strict_is_an_error(speech, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    line = error_line(run("extract", tmp_path, "--strict"))
    assert "empty.txt" in line and "empty file" in line


GOOD_1 = {"id": "one", "text": '"Prices will fall," the minister said.'}
GOOD_2 = {"id": "two", "outlet": "Reuters", "text": 'Smith told reporters: "We are ready."'}


def write_jsonl(path: Path, middle: str) -> Path:
    lines = [json.dumps(GOOD_1), middle, json.dumps(GOOD_2)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "middle, problem",
    [
        ('{"id": "bad", "text": "unterminated', "not valid JSON"),
        ('["a", "list"]', "expected a JSON object, got array"),
        ('"just a string"', "expected a JSON object, got string"),
        ('{"id": "notext", "title": "No body"}', 'no "text" field'),
        ('{"id": "blank", "text": "   "}', '"text" is empty'),
        ('{"id": "num", "text": 42}', '"text" must be a string, got number'),
    ],
)
def test_jsonl_bad_line_is_skipped_with_a_warning(tmp_path, middle, problem):
    path = write_jsonl(tmp_path / "news.jsonl", middle)
    result = run("extract", path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    [warning] = warning_lines(result)
    assert warning.startswith(f"warning: {path}:2: skipped: ")
    assert problem in warning
    rows = jsonl_rows(result.stdout)
    assert [(r["article"], r["outlet"], r["quote"]) for r in rows] == [
        ("one", "unknown", "Prices will fall,"),
        ("two", "Reuters", "We are ready."),
    ]
    assert [r["speaker"] for r in rows] == ["the minister", "Smith"]


def test_jsonl_bad_line_with_strict_is_an_error(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", "{not json")
    result = run("extract", path, "--strict", "--format", "tsv")
    line = error_line(result)
    assert line.startswith(f"error: {path}:2: ")


def test_jsonl_outlet_option_only_fills_missing_outlets(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", "")
    result = run("extract", path, "--outlet", "AP", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [r["outlet"] for r in jsonl_rows(result.stdout)] == ["AP", "Reuters"]


def test_jsonl_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(
        json.dumps(GOOD_1).encode() + b'\n{"text": "caf\xe9"}\n' + json.dumps(GOOD_2).encode() + b"\n"
    )
    line = error_line(run("extract", path))
    assert str(path) in line and "line 2" in line
    result = run("extract", path, "--encoding-errors", "replace", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [r["article"] for r in jsonl_rows(result.stdout)] == ["one", "two"]


# ---------------------------------------------------------------------------- claim tracking

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from quotes import track  # noqa: E402
from quotes.render import CLAIM_COLUMNS, EXPORT_QUOTE_COLUMNS  # noqa: E402
from quotes.store import Store  # noqa: E402
from helpers import error_line, jsonl_rows, run, runner

SHOIGU_FIELD = "to address in detail all existing and promising cooperation projects in the military field."
PRESS_RELEASE = "addressed in detail the current state of bilateral military cooperation"


def test_add_prints_one_summary_line_and_adds_nothing_twice(seeded: Path) -> None:
    again = run("add", SEEDS, "--db", seeded)
    assert again.exit_code == 0
    assert again.stdout in (  # seeds/README.md, no article, is counted where ingest says so
        "0 articles added, 2 unchanged, 0 replaced, 0 failed; 0 quotes, 0 new clusters\n",
        "0 articles added, 2 unchanged, 0 replaced, 1 skipped (1 not an article file), 0 failed; "
        "0 quotes, 0 new clusters\n",
    )


def test_add_summary_on_a_new_store(tmp_path: Path) -> None:
    result = run("add", SEEDS / "000_d534951bd981a3ed.txt", "--db", tmp_path / "q.db")
    assert result.stdout.startswith("1 article added, 0 unchanged, 0 replaced, 0 failed; ")


def test_reused_lists_the_shared_quotes_with_both_outlets(seeded: Path) -> None:
    rows = jsonl_rows(run("reused", "--db", seeded, "--format", "jsonl").stdout)
    assert rows and all(list(row) == list(CLAIM_COLUMNS) for row in rows)
    assert all(row["outlets"] == 2 for row in rows)
    proposal = [row for row in rows if row["quote"].startswith("to address in detail all existing")]
    assert len(proposal) == 1  # "military field" and "military sphere" are one claim
    assert "Shoigu" in proposal[0]["speaker"] and "altered" in proposal[0]["flags"]
    assert "military field → military sphere" in proposal[0]["variants"]
    assert not any(PRESS_RELEASE in row["quote"] for row in rows)  # one outlet only, its own claim


def test_said_matches_a_surname(seeded: Path) -> None:
    rows = jsonl_rows(run("said", "Shoigu", "--db", seeded, "--format", "jsonl").stdout)
    assert len(rows) >= 14 and all("Shoigu" in row["speaker"] for row in rows)
    assert {row["outlet"] for row in rows} == {"14ymedio", "Havana Times"}
    assert run("said", "Nobody Atall", "--db", seeded).stdout == "no quotes of Nobody Atall\n"


def test_claim_shows_every_occurrence(seeded: Path) -> None:
    rows = jsonl_rows(run("reused", "--db", seeded, "--format", "jsonl").stdout)
    claim_id = next(r["claim"] for r in rows if r["quote"].startswith("to address in detail all existing"))
    shown = jsonl_rows(run("claim", claim_id, "--db", seeded, "--format", "jsonl").stdout)
    assert {row["outlet"] for row in shown} == {"14ymedio", "Havana Times"}
    assert any(row["diff"] == "military field → military sphere" for row in shown) or any(
        row["diff"] == "military sphere → military field" for row in shown
    )
    table = run("claim", claim_id, "--db", seeded).stdout
    assert table.startswith(f"claim {claim_id}: ")


def test_export_writes_stable_columns(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.tsv"
    assert run("export", "--claims", "--db", seeded, "-o", out).exit_code == 0
    with open(out, encoding="utf-8", newline="") as handle:
        header = handle.readline().rstrip("\n").split("\t")
    assert header == list(CLAIM_COLUMNS)
    quotes = read_tsv(io.StringIO(run("export", "--quotes", "--db", seeded).stdout))
    assert quotes and list(quotes[0]) == list(EXPORT_QUOTE_COLUMNS)
    texts = seed_texts()
    for row in quotes:
        assert texts[row["article"]][int(row["start"]) : int(row["end"])] == row["quote"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("reused", "--db", "missing.db"), "no such store"),
        (("export", "--db", "missing.db", "--claims"), "no such store"),
        (("claim", "999999"), "no claim 999999"),
        (("export",), "exactly one of --claims or --quotes"),
        (("export", "--claims", "--quotes"), "exactly one of --claims or --quotes"),
    ],
)
def test_claim_commands_fail_in_one_line(seeded: Path, tmp_path: Path, args: tuple, message: str) -> None:
    args = tuple(str(tmp_path / a) if a == "missing.db" else a for a in args)
    if "--db" not in args:
        args = (*args, "--db", seeded)
    assert message in error_line(run(*args))


def test_a_store_that_is_not_a_quotes_database_fails_in_one_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    assert "not a quotes database" in error_line(run("reused", "--db", notes))


class _Encoder:
    name = "export-test"

    def encode(self, texts):
        import numpy as np

        return np.eye(len(texts), 8, dtype=np.float32)[:, :8] if texts else np.zeros((0, 8), np.float32)


FIELD_TEXT = st.lists(st.sampled_from(list('ab \t\n"“”=+-@,.') + [" said", " he", "\r"]), max_size=50).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=FIELD_TEXT, outlet=st.text(max_size=8), title=st.text(max_size=8))
def test_tsv_export_round_trips(tmp_path: Path, text: str, outlet: str, title: str) -> None:
    db = tmp_path / "h.db"
    db.unlink(missing_ok=True)
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "a.jsonl").write_text(json.dumps({"id": "a", "text": text if text.strip() else "x", "outlet": outlet, "title": title}) + "\n")
    with Store(db) as store:
        track.add([folder / "a.jsonl"], store, encoder=_Encoder(), warn=lambda m: None)
        stored = [{k: ("" if v is None else str(v)) for k, v in row.items()} for row in store.quote_rows()]
    # the bytes: click's Result.stdout turns "\r\n" into "\n", which the file itself never does
    exported = read_tsv(io.StringIO(run("export", "--quotes", "--db", db).stdout_bytes.decode("utf-8"), newline=""))
    assert len(exported) == len(stored)
    for got, row in zip(exported, stored):
        row["claim"], row["reports"] = row.pop("cluster"), ""  # (no reported rows stored: none reports a claim)
        assert got == {column: row[column] for column in EXPORT_QUOTE_COLUMNS}


# ---------------------------------------------------------------------------- what a new user meets


def test_version() -> None:
    from importlib.metadata import version

    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"quotes {version('quotes')}\n")


def test_a_failed_add_creates_no_store(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    line = error_line(run("add", tmp_path / "no" / "such" / "path"))
    assert "no such file or folder" in line
    assert list(tmp_path.iterdir()) == []


def test_add_of_input_with_no_article_fails_and_creates_no_store(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("  \n", encoding="utf-8")
    (folder / "b.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    db = tmp_path / "q.db"
    result = run("add", folder, "--db", db)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(
        "error: no article could be read: 1 skipped (1 empty file); 1 failed (1 no "
    ), result.stderr
    assert not db.exists()


def test_extract_of_input_with_no_article_fails(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n", encoding="utf-8")
    result = run("extract", tmp_path, "-f", "tsv")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == "error: no article could be read: 2 skipped (2 empty file)"


def test_a_store_in_a_missing_folder_says_the_folder_is_missing(speech: Path, tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "q.db"
    line = error_line(run("add", speech, "--db", db))
    assert line == (f"error: {db}: the folder {db.parent} does not exist; create it, or give --db "
                    "a file in a folder that does")


# ---------------------------------------------------------------------------- the store failing


BIG = '"Words," he said. ' * 20000  # more than the pages a fresh store has free


def test_a_full_disk_is_one_error_line_and_the_store_stays_whole(tmp_path: Path, monkeypatch, dump) -> None:
    from quotes import store as store_module

    db = tmp_path / "q.db"
    Store(db).close()
    before = dump(db)
    opened = store_module.Store._open

    def pinned(self) -> None:  # SQLITE_FULL once the file would grow: a full disk, as SQLite sees it
        opened(self)
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        self.db.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(store_module.Store, "_open", pinned)
    (tmp_path / "big.txt").write_text(BIG, encoding="utf-8")
    line = error_line(run("add", tmp_path / "big.txt", "--db", db, "--jobs", "1"))
    assert line.startswith(f"error: {db}: the disk is full")
    assert dump(db) == before


def test_a_read_only_store_is_one_error_line_for_add_and_readable(tmp_path: Path, monkeypatch, speech) -> None:
    """Root writes through chmod, so the store is opened read-only the way SQLite itself
    does it (mode=ro), which gives the error a read-only file or filesystem gives."""
    import sqlite3

    db = tmp_path / "q.db"
    Store(db).close()
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect",
                        lambda path, **kw: connect(f"file:{path}?mode=ro", uri=True, **kw))
    line = error_line(run("add", speech, "--db", db, "--jobs", "1"))
    assert line.startswith(f"error: {db}: the store is read-only")
    result = run("speakers", "--db", db)
    assert (result.exit_code, result.stdout) == (0, "no speakers\n")


@pytest.mark.parametrize("command", [("reused",), ("speakers",), ("said", "Shoigu"), ("export", "--claims"), ("add", SEEDS)])
def test_a_damaged_store_fails_every_command_in_one_line(seeded: Path, tmp_path: Path, command) -> None:
    import random

    db = tmp_path / "damaged.db"
    data = bytearray(seeded.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = random.Random(1).randbytes(8192)
    db.write_bytes(bytes(data))
    line = error_line(run(*command, "--db", db))
    assert line.startswith(f"error: {db}: the store is damaged (database disk image is malformed)")
    assert db.read_bytes() == bytes(data)


# ---------------------------------------------------------------------------- terminal and spreadsheet safety


HOSTILE = 'Soviet leader speaks\n\n"We will \x1b]0;pwned\x07bury \x1b[2Jyou\x08,\u202e" Khrushchev said.\n'
HOSTILE_QUOTE = "We will \x1b]0;pwned\x07bury \x1b[2Jyou\x08,\u202e"


def test_tables_and_warnings_show_control_characters(tmp_path: Path) -> None:
    folder = tmp_path / "we\x1b[31mird"
    folder.mkdir()
    (folder / "esc.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = run("extract", folder)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "article    speaker     cue    kind    quote\n"
        "---------  ----------  -----  ------  ----------------------------------------------\n"
        "esc        Khrushchev  said   quote   We will ^[]0;pwned\\x07bury ^[[2Jyou\\x08,\\u202e\n"
    )
    shown = str(folder).replace("\x1b", "^[")
    assert result.stderr == f"warning: {shown}/empty.txt: skipped: empty file\n1 article read; 1 skipped (1 empty file)\n"
    [row] = jsonl_rows(run("extract", folder / "esc.txt", "-f", "jsonl").stdout)
    assert row["quote"] == HOSTILE_QUOTE  # the machine formats keep the exact text


def test_an_error_line_shows_control_characters(tmp_path: Path) -> None:
    missing = tmp_path / "\x1b]0;pwned\x07.txt"
    line = error_line(run("extract", missing))
    assert "\x1b" not in line and "^[]0;pwned\\x07.txt" in line


FORMULAS = [
    {"id": "f1", "title": "\r=HYPERLINK(1)", "outlet": "\t=1+2",
     "text": '"=1+2 is what it costs," the minister said. "=cmd|\' /C calc\'!A0," he added.'},
]


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_extract_defuses_formulas_and_reads_back_exactly(tmp_path: Path, fmt: str) -> None:
    from quotes.render import read_rows

    path = tmp_path / "f.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in FORMULAS), encoding="utf-8")
    result = run("extract", path, "-f", fmt)
    assert result.exit_code == 0, result.output
    raw = list(csv.reader(io.StringIO(result.stdout, newline=""), dialect="excel-tab" if fmt == "tsv" else "excel"))
    quotes = [row[QUOTE_COLUMNS.index("quote")] for row in raw[1:]]
    assert quotes == ["'=1+2 is what it costs,", "'=cmd|' /C calc'!A0,"]
    assert {row[QUOTE_COLUMNS.index("outlet")] for row in raw[1:]} == {"'\t=1+2"}
    assert {row[QUOTE_COLUMNS.index("title")] for row in raw[1:]} == {"'\r=HYPERLINK(1)"}
    as_json = jsonl_rows(run("extract", path, "-f", "jsonl").stdout)
    expected = [{c: "" if v is None else str(v) for c, v in row.items()} for row in as_json]
    assert read_rows(io.StringIO(result.stdout, newline=""), fmt) == expected


# ---------------------------------------------------------------------------- width


def lines_fit(result, width: int = 80) -> None:
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert max(len(line) for line in result.stdout.splitlines()) <= width, result.stdout


def test_extract_table_fits_the_terminal() -> None:
    lines_fit(runner.invoke(app, ["extract", str(SEEDS), "--all"], env={"COLUMNS": "80"}))
    # the kind column (quote or indirect) needs ten more characters than quotations alone
    lines_fit(runner.invoke(app, ["extract", str(SEEDS)], env={"COLUMNS": "60"}), 60)
    narrow = runner.invoke(app, ["extract", str(SEEDS), "--no-indirect"], env={"COLUMNS": "50"})
    lines_fit(narrow, 50)


@pytest.mark.parametrize("command", [("reused",), ("speakers",), ("said", "Shoigu")])
def test_store_tables_fit_the_terminal(seeded: Path, command) -> None:
    lines_fit(runner.invoke(app, [*command, "--db", str(seeded)], env={"COLUMNS": "80"}))


def test_claim_table_fits_the_terminal(seeded: Path) -> None:
    rows = jsonl_rows(run("reused", "--db", seeded, "--format", "jsonl").stdout)
    result = runner.invoke(app, ["claim", str(rows[0]["claim"]), "--db", str(seeded)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    table = result.stdout.splitlines()[2:]  # the two header lines say the claim whole
    assert max(len(line) for line in table) <= 80, result.stdout


def test_without_a_terminal_tables_keep_the_60_character_cut(seeded: Path) -> None:
    result = runner.invoke(app, ["reused", "--db", str(seeded)], env={"COLUMNS": ""})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) > 80
