"""The embedded store: idempotent adds, replacements, versions, and plain readable tables."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes import Article, QuotesError, quotes_in
from quotes.store import SCHEMA_VERSION, Store

SPEECH = Article(
    id="speech",
    text='Moscow talks\n\n"We are partners," Shoigu said. "Russia will help."\n',
    title="Moscow talks",
    outlet="14ymedio",
    published="2023-06-30",
)


def test_adding_the_same_article_twice_changes_nothing(tmp_path: Path, dump) -> None:
    path = tmp_path / "q.db"
    with Store(path) as store:
        assert store.add_article(SPEECH, quotes_in(SPEECH)) == "added"
    before = dump(path)
    with Store(path) as store:
        assert store.add_article(SPEECH, quotes_in(SPEECH)) == "unchanged"
    assert dump(path) == before


def test_a_changed_text_replaces_the_old_quotes(tmp_path: Path) -> None:
    changed = Article(id="speech", text='"We are not partners," Shoigu said.', outlet="14ymedio")
    with Store(tmp_path / "q.db") as store:
        store.add_article(SPEECH, quotes_in(SPEECH))
        assert store.add_article(changed, quotes_in(changed)) == "replaced"
        assert [o.text for o in store.occurrences()] == ["We are not partners,"]
        assert store.counts()["articles"] == 1


def test_the_tables_are_plain_for_the_sqlite3_shell(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    with Store(path) as store:
        store.add_article(SPEECH, quotes_in(SPEECH))
    db = sqlite3.connect(path)
    rows = db.execute('SELECT quote, speaker, cue, start, "end" FROM quotes ORDER BY id').fetchall()
    assert rows[0] == ("We are partners,", "Shoigu", "said", 15, 31)
    text = db.execute("SELECT text FROM articles").fetchone()[0]
    assert text[15:31] == "We are partners,"


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n")
    with pytest.raises(QuotesError, match="not a quotes database"):
        Store(path)
    assert path.read_text() == "shopping list\n"  # and left alone


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE things (x)")
    with pytest.raises(QuotesError, match="not a quotes database"):
        Store(path)


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(QuotesError, match="newer version"):
        Store(path)


def test_vectors_round_trip(tmp_path: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        vector = np.arange(384, dtype=np.float32) / 384
        store.save_vectors("m", {"we are partners": vector})
        assert store.vectors("m", ["we are partners", "unknown"]).keys() == {"we are partners"}
        assert np.array_equal(store.vectors("m", ["we are partners"])["we are partners"], vector)
        assert store.vectors("other model", ["we are partners"]) == {}


def test_cluster_ids_are_stable_and_new_ones_counted(tmp_path: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        store.add_article(SPEECH, quotes_in(SPEECH))
        first, second = (o.id for o in store.occurrences())
        assert store.unclustered() == 2
        assert store.set_clusters([(first,), (second,)]) == 2
        assert store.set_clusters([(first, second)]) == 0  # the group keeps the id of its first
        assert store.clusters() == {first: (first, second)}
        assert store.unclustered() == 0


# Article texts with what breaks naive storage and export: tabs, newlines, quote marks.
TEXTS = st.lists(st.sampled_from(list('ab \t\n"“”‘’\'=+-@,.é') + [" said", " he "]), max_size=60).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_any_text_and_its_quotes_survive_the_store(tmp_path: Path, text: str) -> None:
    article = Article(id="a", text=text, title="t\tab", outlet="o\nx")
    path = tmp_path / "h.db"
    path.unlink(missing_ok=True)
    with Store(path) as store:
        store.add_article(article, quotes_in(article))
        stored = store.article("a")
        assert stored is not None and stored.text == text and stored.outlet == "o\nx"
        rows = list(store.quote_rows())
        assert [r["quote"] for r in rows] == [q.text for q in quotes_in(article)]
        for row in rows:
            assert text[row["start"] : row["end"]] == row["quote"]
