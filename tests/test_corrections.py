"""Corrections of speaker rows: checked against the store, kept, replayed; the TSV table."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes import Article, quotes_in
from quotes.corrections import correct, imported, table_rows
from quotes.errors import QuotesError
from quotes.identity import Correction, Written, current, identify
from quotes.names import vocabulary
from quotes.store import Store

TEXTS = {
    "a": "Donald Trump spoke in Ohio.",
    "b": "Mr. Trump spoke again in Iowa.",
    "d": "Ivanka Trump spoke.",
    "e": "Ivana Trump, his first wife, wrote a book.",
    "c": "Hillary Clinton spoke.",
}
PEOPLE = (Written("a", "Donald Trump", 5), Written("b", "Trump", 3), Written("d", "Ivanka Trump", 2),
          Written("e", "Ivana Trump", 1), Written("c", "Hillary Clinton", 4))


def identities():
    return identify(PEOPLE, texts=TEXTS, lower=vocabulary(TEXTS.values())).identities


def test_the_table_round_trips_to_no_correction_and_edits_become_corrections() -> None:
    rows = identities()
    table = list(table_rows(rows))
    assert {"name": "Ivanka Trump", "alias": "Ivanka Trump", "kind": "person", "external_id": ""} in table
    assert imported(table, rows) == []
    edited = [{**row, "external_id": "Q22686"} if row["name"] == "Donald Trump" else row for row in table]
    edited.append({"name": "Ivanka Trump", "alias": "Ivana Trump", "kind": "person", "external_id": ""})
    assert imported(edited, rows) == [Correction("link", "Donald Trump", "Q22686"),
                                      Correction("alias", "Ivana Trump", "Ivanka Trump")]
    moved = identify(PEOPLE, texts=TEXTS, lower=vocabulary(TEXTS.values()), corrections=imported(edited, rows))
    ivana = moved.identities[moved.assigned[("e", "Ivana Trump")]]
    assert ivana.name == "Ivanka Trump"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([{"speaker": "x"}], "needs the columns name, alias"),
        ([{"name": "", "alias": "Trump"}], "line 2: a row without a name"),
        ([{"name": "Trump", "alias": "Trump", "kind": "animal"}], "line 2: unknown kind 'animal'"),
    ],
)
def test_a_bad_table_is_refused_with_its_line(table: list[dict[str, str]], message: str) -> None:
    with pytest.raises(QuotesError, match=message):
        imported(table, identities())


SPEECH = Article(id="speech", text='"We will help," Defense Minister Sergei Shoigu said. "We are ready," Shoigu added.')
LATER = Article(id="later", text='"We will stay," Sergei Shoigu said on Monday.')


def test_a_kept_correction_holds_when_an_article_is_added(tmp_path: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        store.add_article(SPEECH, quotes_in(SPEECH))
        correct(store, Correction("rename", "Shoigu", "Sergei K. Shoigu"))  # by an alias: kept by its row's name
        assert store.corrections() == [Correction("rename", "Sergei Shoigu", "Sergei K. Shoigu")]
        store.add_article(LATER, quotes_in(LATER))
        assert [row.name for row in current(store) if "Shoigu" in row.name] == ["Sergei K. Shoigu"]
        assert {o.speaker for o in store.occurrences()} == {"Sergei K. Shoigu"}


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        (Correction("merge", "Sergei Shoigu", "Nobody"), "no speaker 'Nobody' in the store"),
        (Correction("kind", "Sergei Shoigu", "animal"), "unknown kind 'animal'"),
        (Correction("rename", "Sergei Shoigu", ""), "rename needs a name and a value"),
        (Correction("forget", "Sergei Shoigu", "x"), "unknown correction 'forget'"),
    ],
)
def test_a_bad_correction_is_refused_and_not_kept(tmp_path: Path, correction: Correction, message: str) -> None:
    with Store(tmp_path / "q.db") as store:
        store.add_article(SPEECH, quotes_in(SPEECH))
        with pytest.raises(QuotesError, match=message):
            correct(store, correction)
        assert store.corrections() == []
