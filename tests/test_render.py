"""Tests for quotes.render: exact table text, and round trips that lose nothing."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from quotes.errors import QuotesError
from quotes.render import (
    FORMATS,
    QUOTE_COLUMNS,
    TABLE_COLUMNS,
    defused,
    fit_widths,
    quote_row,
    read_rows,
    read_tsv,
    restored,
    write_rows,
)
from quotes.types import Article, Mention, Quote, Span

SENTENCE = '"We will bury you," Khrushchev said.'

# Values that break naive writers: separators, line breaks, quote marks, backslashes, formulas.
NASTY = st.one_of(
    st.text(),
    st.text(alphabet='\t\n\r"\'\\=+-@ ,;x'),
    st.integers(),
    st.none(),
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[dict[str, object]]]:
    """Unique column names (themselves arbitrary text) and rows holding every column."""
    columns = draw(st.lists(st.text(), min_size=1, max_size=5, unique=True))
    rows = draw(st.lists(st.fixed_dictionaries({c: NASTY for c in columns}), max_size=6))
    return columns, rows


def as_text(value: object) -> str:
    return "" if value is None else str(value)


def render(
    rows: list[dict[str, object]], columns: list[str] | tuple[str, ...], fmt: str, **kw: object
) -> str:
    out = io.StringIO()
    assert write_rows(rows, columns=columns, fmt=fmt, out=out, **kw) == len(rows)
    return out.getvalue()


@given(tables())
def test_tsv_round_trip(table: tuple[list[str], list[dict[str, object]]]) -> None:
    columns, rows = table
    back = read_tsv(io.StringIO(render(rows, columns, "tsv"), newline=""))
    assert back == [{c: as_text(row[c]) for c in columns} for row in rows]


@given(tables())
def test_csv_round_trip(table: tuple[list[str], list[dict[str, object]]]) -> None:
    columns, rows = table
    back = read_rows(io.StringIO(render(rows, columns, "csv"), newline=""), "csv")
    assert back == [{c: as_text(row[c]) for c in columns} for row in rows]
    reader = csv.reader(io.StringIO(render(rows, columns, "csv"), newline=""))
    assert [restored(cell) for cell in next(reader)] == columns  # the header comes back too


# What a spreadsheet runs as a formula, looked at without the apostrophes ``defused`` adds.
RUNS_AS_FORMULA = regex.compile(r"[\s\p{Cc}]*[=+\-@]|[\t\r]")


@given(tables(), st.sampled_from(["tsv", "csv"]))
def test_no_cell_runs_as_a_formula(table: tuple[list[str], list[dict[str, object]]], fmt: str) -> None:
    columns, rows = table
    raw = csv.reader(io.StringIO(render(rows, columns, fmt), newline=""),
                     dialect="excel-tab" if fmt == "tsv" else "excel")
    for cells, row in zip(raw, [dict(zip(columns, columns)), *rows]):
        for cell, column in zip(cells, columns):
            if isinstance(row[column], str):
                assert not RUNS_AS_FORMULA.match(cell), cell


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-5 points", "'-5 points"),
        ("@home", "'@home"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("\tplain", "'\tplain"),
        (" =1", "' =1"),
        ("\x00=1", "'\x00=1"),
        ("'=1", "''=1"),  # a text's own apostrophe before a formula: one more, taken off again
        ("''+1", "'''+1"),
        ("'quoted'", "'quoted'"),  # an apostrophe before anything else stays as it is
        ("'", "'"),
        ("a=1", "a=1"),
        ("", ""),
    ],
)
def test_defused_and_restored(text: str, cell: str) -> None:
    assert defused(text) == cell
    assert restored(cell) == text


@given(st.text(alphabet="'=+-@ \t\rx\x00"))
def test_restored_undoes_defused(text: str) -> None:
    assert restored(defused(text)) == text


@given(tables())
def test_jsonl_round_trip(table: tuple[list[str], list[dict[str, object]]]) -> None:
    columns, rows = table
    lines = render(rows, columns, "jsonl").splitlines(keepends=True)
    assert all(line.endswith("\n") for line in lines)
    back = [json.loads(line) for line in lines]
    assert back == rows
    assert [list(obj) for obj in back] == [columns] * len(rows)


def test_streams_generators_and_picks_columns() -> None:
    rows = ({"a": i, "b": f"x{i}", "extra": "dropped"} for i in range(3))
    out = io.StringIO()
    assert write_rows(rows, columns=["b", "a"], fmt="tsv", out=out) == 3
    assert out.getvalue() == "b\ta\nx0\t0\nx1\t1\nx2\t2\n"


def test_tsv_quotes_only_what_needs_it() -> None:
    rows = [{"a": 'tab\there', "b": 'say "hi"', "c": "back\\slash"}]
    expected = 'a\tb\tc\n"tab\there"\t"say ""hi"""\tback\\slash\n'
    assert render(rows, ["a", "b", "c"], "tsv") == expected


def make_quote(mention: Mention | None, cue: Mention | None, speaker: str) -> tuple[Article, Quote]:
    article = Article(id="k1", text=SENTENCE, title="At the embassy", outlet="Pravda")
    span = Span(start=1, end=18, open_start=0, close_end=19, text=SENTENCE[1:18])
    return article, Quote(article="k1", span=span, speaker=speaker, mention=mention, cue=cue)


def test_quote_row_with_speaker_and_cue() -> None:
    speaker, cue = Mention("Khrushchev", 20, 30), Mention("said", 31, 35)
    article, quote = make_quote(speaker, cue, "Nikita Khrushchev")
    row = quote_row(article, quote)
    assert row == {
        "article": "k1",
        "outlet": "Pravda",
        "title": "At the embassy",
        "start": 1,
        "end": 18,
        "quote": "We will bury you,",
        "kind": "quote",
        "speaker": "Nikita Khrushchev",
        "speaker_mention": "Khrushchev",
        "speaker_start": 20,
        "speaker_end": 30,
        "speaker_role": "",
        "cue": "said",
        "cue_start": 31,
        "cue_end": 35,
    }
    assert tuple(row) == QUOTE_COLUMNS
    for text_column, start, end in [
        ("quote", "start", "end"),
        ("speaker_mention", "speaker_start", "speaker_end"),
        ("cue", "cue_start", "cue_end"),
    ]:
        assert article.text[slice(row[start], row[end])] == row[text_column]


def test_quote_row_without_attribution() -> None:
    row = quote_row(*make_quote(None, None, ""))
    assert row["speaker"] == ""
    for column in QUOTE_COLUMNS[QUOTE_COLUMNS.index("speaker_mention") :]:
        assert row[column] is (None if column != "speaker_role" else "")
    line = "k1\tPravda\tAt the embassy\t1\t18\tWe will bury you,\tquote" + "\t" * 8
    assert render([row], QUOTE_COLUMNS, "tsv").splitlines()[1] == line


def test_table_exact() -> None:
    rows = [
        {"article": "k1", "start": 1, "speaker": "Khrushchev", "cue": "said",
         "quote": "We will bury you,"},
        {"article": "k2", "start": 7, "speaker": "", "cue": None, "quote": "line one\nline\r\ntwo"},
    ]
    assert render(rows, ["article", "start", "speaker", "cue", "quote"], "table") == (
        "article    speaker     cue    quote\n"
        "---------  ----------  -----  -----------------\n"
        "k1         Khrushchev  said   We will bury you,\n"
        "k2                            line one line two\n"
    )


def test_table_shortens_and_keeps_machine_formats_whole() -> None:
    rows = [{"article": "k1", "quote": "abcdefghij"}]
    table = render(rows, ["article", "quote"], "table", max_width=5)
    assert table.splitlines()[-1] == "k1         abcd…"
    whole = render(rows, ["article", "quote"], "table", max_width=10)
    assert whole.splitlines()[-1] == "k1         abcdefghij"
    assert "abcdefghij" in render(rows, ["article", "quote"], "tsv")
    assert "abcdefghij" in render(rows, ["article", "quote"], "csv")
    assert "abcdefghij" in render(rows, ["article", "quote"], "jsonl")


def test_table_columns_chosen_and_fallback() -> None:
    rows = [{"x": "1", "y": "2"}]
    assert render(rows, ["x", "y"], "table", table_columns=["y"]) == "y\n---\n2\n"
    # None of TABLE_COLUMNS present: show what there is rather than an empty table.
    assert render(rows, ["x", "y"], "table").splitlines()[0].split() == ["x", "y"]
    assert set(TABLE_COLUMNS) <= set(QUOTE_COLUMNS)


def test_empty_results() -> None:
    assert render([], QUOTE_COLUMNS, "table") == "no quotes found\n"
    assert render([], ["a", "b"], "tsv") == "a\tb\n"
    assert render([], ["a", "b"], "csv") == "a,b\n"
    assert render([], ["a", "b"], "jsonl") == ""


def test_spreadsheet_safe_always_in_tsv_and_csv_never_in_jsonl() -> None:
    rows = [{"q": "=SUM(A1)", "p": "-5 points", "n": -5, "s": "@home", "t": "\t=1", "ok": "fine"}]
    columns = ["q", "p", "n", "s", "t", "ok"]
    assert render(rows, columns, "tsv") == (
        "q\tp\tn\ts\tt\tok\n'=SUM(A1)\t'-5 points\t-5\t'@home\t\"'\t=1\"\tfine\n"
    )
    assert render(rows, columns, "csv") == "q,p,n,s,t,ok\n'=SUM(A1),'-5 points,-5,'@home,'\t=1,fine\n"
    assert [json.loads(render(rows, columns, "jsonl"))] == rows
    plain = {c: str(v) for c, v in rows[0].items()}
    assert read_tsv(io.StringIO(render(rows, columns, "tsv"), newline="")) == [plain]
    assert read_rows(io.StringIO(render(rows, columns, "csv"), newline=""), "csv") == [plain]


def test_unknown_format() -> None:
    with pytest.raises(QuotesError) as caught:
        write_rows([], columns=["a"], fmt="xlsx", out=io.StringIO())
    for name in FORMATS:
        assert name in str(caught.value)


def test_table_shows_control_characters_and_flattens_breaks() -> None:
    rows = [{"article": "a\x1b]0;t\x07", "quote": "one\ntwo \x1b[2J\u202eend\x08"}]
    assert render(rows, ["article", "quote"], "table") == (
        "article      quote\n"
        "-----------  --------------------------\n"
        "a^[]0;t\\x07  one two ^[[2J\\u202eend\\x08\n"
    )
    assert json.loads(render(rows, ["article", "quote"], "jsonl")) == rows[0]


@pytest.mark.parametrize(
    ("natural", "width", "expected"),
    [
        ([10, 60], 80, [10, 60]),  # fits: nothing changes
        ([10, 20, 60], 60, [10, 20, 26]),  # the quote gives way first, to what is left
        ([10, 30, 60], 50, [10, 20, 16]),  # the quote to a third of the line, then the speaker
        ([10, 30, 60], 40, [10, 13, 13]),  # the speaker as far as needed
        ([10, 30, 60], 36, [10, 12, 10]),  # then the quote again, below MIN_WIDTH only at the end
        ([10, 30, 60], 20, [10, 12, 7]),  # too narrow for anything: the quote down to its header
    ],
)
def test_fit_widths(natural: list[int], width: int, expected: list[int]) -> None:
    assert fit_widths(natural, ["article", "speaker", "quote"][-len(natural):] if len(natural) == 2
                      else ["claim", "speaker", "quote"], width) == expected


def test_table_fits_the_width() -> None:
    rows = [{"article": "k1", "speaker": "Nikita Sergeyevich Khrushchev", "quote": "We will bury you, " * 5}]
    table = render(rows, ["article", "speaker", "quote"], "table", table_columns=["article", "speaker", "quote"],
                   width=50)
    assert max(len(line) for line in table.splitlines()) <= 50
    assert table.splitlines()[-1] == "k1         Nikita Sergeyevich K…  We will bury yo…"


def test_quote_row_keeps_the_speakers_role_in_its_own_column() -> None:
    article, quote = make_quote(Mention("Khrushchev", 20, 30), Mention("said", 31, 35), "Nikita Khrushchev")
    row = quote_row(article, replace(quote, speaker_role="Soviet Premier"))
    assert (row["speaker"], row["speaker_role"]) == ("Nikita Khrushchev", "Soviet Premier")
    assert QUOTE_COLUMNS.index("speaker_role") == QUOTE_COLUMNS.index("speaker_end") + 1
