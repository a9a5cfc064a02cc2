"""The hand-labelled Wikinews gold set of reported speech (tests/data/wikinews/indirect.tsv),
its loader, and the scorer on statements read from it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from quotes.errors import QuotesError
from quotes.gold import _stretches
from quotes.reported_gold import (
    MIN_OWN_WORDS,
    RE_OWN_WORD,
    WIKINEWS_COLUMNS,
    WIKINEWS_LABELLED,
    StatementScores,
    load_wikinews_statements,
    score_indirect,
)
from quotes.types import INDIRECT, QUOTE, Mention, Quote, Span

WIKINEWS = Path(__file__).resolve().parent / "data" / "wikinews"
KINDS = {"person", "organisation", "description", "none"}


def _rows() -> list[dict[str, str]]:
    with open(WIKINEWS / "indirect.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, dialect="excel-tab"))


def _texts() -> dict[str, str]:
    with open(WIKINEWS / "articles.jsonl", encoding="utf-8") as handle:
        return {a["id"]: a["text"] for a in map(json.loads, handle)}


def test_the_labelled_articles_load_with_every_row() -> None:
    loaded = list(load_wikinews_statements(WIKINEWS))
    with open(WIKINEWS / "articles.jsonl", encoding="utf-8") as handle:
        ids = [json.loads(line)["id"] for line in handle][:WIKINEWS_LABELLED]
    assert [name for name, _, _ in loaded] == ids
    assert sum(len(gold) for _, _, gold in loaded) == len(_rows()) > 200
    by_id = {name: gold for name, _, gold in loaded}
    first = _rows()[0]
    statement = by_id[first["article"]][0]
    assert statement.fragments == ((int(first["start"]), int(first["end"])),)
    assert (statement.quote.speaker_name, statement.quote.speaker_kind) == (first["speaker"], first["speaker_kind"])


def test_every_check_column_is_the_text_at_its_offsets() -> None:
    texts = _texts()
    rows = _rows()
    assert tuple(rows[0]) == WIKINEWS_COLUMNS
    for line, row in enumerate(rows, start=2):
        text = texts[row["article"]]
        assert text[int(row["start"]):int(row["end"])] == row["content"], line
        assert text[int(row["cue_start"]):int(row["cue_end"])] == row["cue"], line
        if row["speaker_kind"] == "none":
            assert not row["mention"] and not row["speaker"], line
        else:
            assert text[int(row["mention_start"]):int(row["mention_end"])] == row["mention"], line
        assert row["speaker_kind"] in KINDS, line
        assert row["content"] == row["content"].strip() and not row["content"].endswith((".", ",")), line


def test_rows_are_sorted_do_not_overlap_and_are_not_wholly_quoted() -> None:
    texts = _texts()
    order = {name: i for i, name in enumerate(texts)}
    rows = _rows()
    keys = [(order[r["article"]], int(r["start"])) for r in rows]
    assert keys == sorted(keys)
    for before, after in zip(rows, rows[1:]):
        if before["article"] == after["article"]:
            assert int(before["end"]) <= int(after["start"]), after["content"]
    for row in rows:  # the README's test: at least two words of the content outside quote marks
        text, lo, hi = texts[row["article"]], int(row["start"]), int(row["end"])
        own, position = 0, lo
        for start, end, _closed in _stretches(text, lo, hi):
            own += len(RE_OWN_WORD.findall(text[position:start]))
            position = end
        own += len(RE_OWN_WORD.findall(text[position:hi]))
        assert own >= MIN_OWN_WORDS, row["content"]


HEADER = "\t".join(WIKINEWS_COLUMNS) + "\n"
TEXT = ("The minister said the talks would resume in May. "
        "Prices will rise, the bank warned. "
        "According to Jane Smith, the bridge had been closed since March.")


def _tsv_row(text: str, content: str, speaker: str, kind: str, mention: str, cue: str) -> str:
    start = text.index(content)
    m_start, c_start = text.index(mention), text.index(cue)
    return "\t".join(map(str, ("a", start, start + len(content), content, speaker, kind, m_start,
                               m_start + len(mention), mention, c_start, c_start + len(cue), cue, ""))) + "\n"


def _folder(tmp_path: Path, text: str, rows: list[str]) -> Path:
    (tmp_path / "articles.jsonl").write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    (tmp_path / "indirect.tsv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return tmp_path


def _row(text: str, words: str, speaker: str, mention: str, *, kind: str = INDIRECT) -> Quote:
    start, m_start = text.index(words), text.index(mention)
    return Quote(article="a", span=Span(start, start + len(words), start, start + len(words), words, kind=kind),
                 speaker=speaker, mention=Mention(mention, m_start, m_start + len(mention)))


def test_the_scorer_matches_rows_over_half_of_a_labelled_content(tmp_path: Path) -> None:
    folder = _folder(tmp_path, TEXT, [
        _tsv_row(TEXT, "the talks would resume in May", "the minister", "description", "The minister", "said"),
        _tsv_row(TEXT, "Prices will rise", "the bank", "description", "the bank", "warned"),
        _tsv_row(TEXT, "the bridge had been closed since March", "Jane Smith", "person", "Jane Smith", "According to"),
    ])
    [(name, text, gold)] = list(load_wikinews_statements(folder))
    assert (name, text, len(gold)) == ("a", TEXT, 3)
    predicted = [
        _row(TEXT, "the talks would resume in May.", "the minister", "The minister"),  # covers it all: right
        _row(TEXT, "Prices", "the bank", "the bank"),  # under half of "Prices will rise": no match
        _row(TEXT, "the bridge had been closed", "John Smith", "Jane Smith"),  # matched, another person
        _row(TEXT, "the bank warned", "the bank", "the bank", kind=QUOTE),  # not an indirect row: not scored
    ]
    assert score_indirect([(gold, predicted)]) == StatementScores(gold=3, predicted=3, matched=2, speaker_right=1)


def test_a_row_that_drifted_from_its_text_is_refused(tmp_path: Path) -> None:
    row = _tsv_row(TEXT, "Prices will rise", "the bank", "description", "the bank", "warned")
    folder = _folder(tmp_path, TEXT, [row.replace("\tPrices will rise\t", "\tPrices will fall\t")])
    with pytest.raises(QuotesError, match="indirect.tsv:2"):
        list(load_wikinews_statements(folder))


def test_a_row_with_the_wrong_columns_is_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path, TEXT, [])
    (folder / "indirect.tsv").write_text("article\tstart\tend\tquote\n", encoding="utf-8")
    with pytest.raises(QuotesError, match="expected the columns"):
        list(load_wikinews_statements(folder))
