"""`quotes speakers`, through typer's CliRunner: the rows listed, and the corrections kept in the store."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers import error_line, jsonl_rows, run
from quotes.render import read_tsv

SEEDS = Path(__file__).resolve().parent.parent / "seeds"




SPEAKER_COLUMNS = ["speaker", "kind", "ambiguous", "quotes", "outlets", "aliases", "external_id"]


def test_speakers_lists_each_row_with_its_kind_and_aliases(seeded: Path) -> None:
    rows = jsonl_rows(run("speakers", "--db", seeded, "--format", "jsonl").stdout)
    assert rows and all(list(row) == SPEAKER_COLUMNS for row in rows)
    shoigu = [row for row in rows if "Shoigu" in str(row["speaker"])]
    assert shoigu and all(row["kind"] == "person" and "Shoigu" in str(row["aliases"]).split(", ") for row in shoigu)
    assert {row["ambiguous"] for row in rows} == {False}
    assert [row["quotes"] for row in rows] == sorted((row["quotes"] for row in rows), reverse=True)


def test_a_speaker_correction_survives_adding_articles(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    assert run("add", SEEDS / "000_d534951bd981a3ed.txt", "--db", db).exit_code == 0
    renamed = run("speakers", "rename", "Sergey Shoigu", "Sergei K. Shoigu", "--db", db)
    assert (renamed.exit_code, renamed.stdout) == (0, "Sergei K. Shoigu: person; also Sergey Shoigu, Shoigu\n")
    assert run("speakers", "link", "Shoigu", "Q357063", "--db", db).exit_code == 0  # by an alias
    assert run("add", SEEDS / "003_84032081476885c4.txt", "--db", db).exit_code == 0
    rows = {row["speaker"]: row for row in jsonl_rows(run("speakers", "--db", db, "--format", "jsonl").stdout)}
    assert rows["Sergei K. Shoigu"]["external_id"] == "Q357063" and "Sergey Shoigu" not in rows
    merged = run("speakers", "merge", "Sergei K. Shoigu", "Sergei Shoigu", "--db", db)
    assert merged.exit_code == 0, merged.output
    story = tmp_path / "later.txt"
    story.write_text('Moscow\n\n"We will stay," Sergei Shoigu said on Monday.\n', encoding="utf-8")
    assert run("add", story, "--db", db).exit_code == 0
    rows = {row["speaker"]: row for row in jsonl_rows(run("speakers", "--db", db, "--format", "jsonl").stdout)}
    assert not any("Shoigu" in name and name != "Sergei K. Shoigu" for name in rows)
    said = jsonl_rows(run("said", "Sergei Shoigu", "--db", db, "--format", "jsonl").stdout)
    assert {row["speaker"] for row in said} == {"Sergei K. Shoigu"} and any(row["quote"] == "We will stay," for row in said)


def test_speakers_split_gives_an_alias_its_own_row(seeded: Path, tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    db.write_bytes(seeded.read_bytes())
    before = {row["speaker"] for row in jsonl_rows(run("speakers", "--db", db, "--format", "jsonl").stdout)}
    assert "Sergey Shoigu" not in before  # the two spellings are one person by the rules
    assert run("speakers", "split", "Sergey Shoigu", "--db", db).stdout == "Sergey Shoigu: person; also Shoigu\n"
    after = {row["speaker"] for row in jsonl_rows(run("speakers", "--db", db, "--format", "jsonl").stdout)}
    assert {"Sergey Shoigu", "Sergei Shoigu"} <= after
    assert error_line(run("speakers", "split", "Shoigu", "--db", db)) == (
        "error: 'Shoigu' is how some quotes mention a speaker whose article names them in full; "
        "split that full name instead")


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (("merge", "Nobody Atall", "Shoigu"), "error: no speaker 'Nobody Atall' in the store; `quotes speakers` lists them"),
        (("split", "Nobody Atall"), "error: no speaker is written 'Nobody Atall'; `quotes speakers` lists each row's aliases"),
        (("rename", "Sergey Shoigu", "the article"),
         "error: a row is already named 'the article'; merge the two rows instead (quotes speakers merge)"),
    ],
)
def test_a_speaker_correction_that_names_no_row_is_refused(tmp_path: Path, command: tuple[str, ...], message: str) -> None:
    db = tmp_path / "q.db"
    assert run("add", SEEDS / "000_d534951bd981a3ed.txt", "--db", db).exit_code == 0
    assert error_line(run("speakers", *command, "--db", db)) == message


def test_speakers_export_and_import_round_trip(tmp_path: Path) -> None:
    db, table = tmp_path / "q.db", tmp_path / "speakers.tsv"
    assert run("add", SEEDS / "000_d534951bd981a3ed.txt", "--db", db).exit_code == 0
    assert run("speakers", "export", "-o", table, "--db", db).exit_code == 0
    with open(table, encoding="utf-8", newline="") as handle:
        rows = read_tsv(handle)
    assert list(rows[0]) == ["name", "alias", "kind", "external_id"]
    assert {"name": "Sergey Shoigu", "alias": "Shoigu", "kind": "person", "external_id": ""} in rows
    assert run("speakers", "import", table, "--db", db).stdout == f"0 corrections kept from {len(rows)} lines\n"
    edited = [{**row, "external_id": "=Q357063"} if row["name"] == "Sergey Shoigu" else row for row in rows]
    with open(table, "w", encoding="utf-8", newline="") as handle:  # a formula-like id, as a user might type
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), dialect="excel-tab")
        writer.writeheader()
        writer.writerows(edited)
    assert run("speakers", "import", table, "--db", db).stdout == f"1 correction kept from {len(rows)} lines\n"
    listed = {row["speaker"]: row for row in jsonl_rows(run("speakers", "--db", db, "--format", "jsonl").stdout)}
    assert listed["Sergey Shoigu"]["external_id"] == "=Q357063"
    assert run("speakers", "export", "--db", db).stdout.count("'=Q357063") == len([r for r in rows if r["name"] == "Sergey Shoigu"])


def test_speakers_import_refuses_a_table_without_its_columns(tmp_path: Path) -> None:
    db, table = tmp_path / "q.db", tmp_path / "speakers.tsv"
    assert run("add", SEEDS / "000_d534951bd981a3ed.txt", "--db", db).exit_code == 0
    table.write_text("speaker\tquotes\nShoigu\t3\n", encoding="utf-8")
    assert error_line(run("speakers", "import", table, "--db", db)).startswith(
        "error: a speakers table needs the columns name, alias, kind, external_id")
    assert error_line(run("speakers", "import", tmp_path / "missing.tsv", "--db", db)).startswith(
        f"error: {tmp_path / 'missing.tsv'}: cannot read it")
