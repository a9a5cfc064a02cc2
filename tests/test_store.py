"""The embedded store: idempotent adds, replacements, versions, and plain readable tables."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
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


def test_a_version_1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    """A store made before quotes.speaker_role gains the column, its rows kept, its old quotes
    with no role; new quotes keep theirs."""
    path = tmp_path / "q.db"
    with Store(path) as store:
        store.add_article(SPEECH, quotes_in(SPEECH))
    with sqlite3.connect(path) as db:  # back to schema 1, as a store of that version was made
        db.execute("ALTER TABLE quotes DROP COLUMN speaker_role")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store(path) as store:
        rows = list(store.quote_rows())
        assert [row["quote"] for row in rows] == ["We are partners,", "Russia will help."]
        assert {row["speaker_role"] for row in rows} == {""}
        titled = Article(id="titled", text='"We are ready," Defense Minister Sergei Shoigu said.')
        store.add_article(titled, [replace(q, speaker_role="Defense Minister") for q in quotes_in(titled)])
        assert [row["speaker_role"] for row in store.quote_rows()][-1] == "Defense Minister"
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    Store(path).close()  # opening it again upgrades nothing


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


# ---------------------------------------------------------------------------- concurrency and errors


def test_two_runs_creating_one_new_store_at_once_both_succeed(tmp_path: Path) -> None:
    """Both find the schema made once: before, one of two failed with "table meta already
    exists" two times in three."""
    import threading

    for attempt in range(50):
        path = tmp_path / f"{attempt}.db"
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def create() -> None:
            barrier.wait()
            try:
                Store(path).close()
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=create) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [], (attempt, errors)
        with Store(path) as store:
            assert store.counts()["articles"] == 0


def test_a_lazy_store_is_created_only_when_used(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    Store(path, lazy=True).close()
    assert not path.exists()
    with Store(path, lazy=True) as store:
        store.add_article(SPEECH, quotes_in(SPEECH))
    assert path.exists()
    with Store(path, lazy=True) as store:  # an existing file is opened and checked at once
        assert store.counts()["articles"] == 1


def test_a_store_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(QuotesError, match="the folder .*missing does not exist"):
        Store(tmp_path / "missing" / "q.db", lazy=True)


def test_a_full_disk_is_one_error_and_the_store_stays_whole(tmp_path: Path, dump) -> None:
    path = tmp_path / "q.db"
    with Store(path) as store:
        store.add_article(SPEECH, quotes_in(SPEECH))
    before = dump(path)
    big = Article(id="big", text='"Words," he said. ' * 20000, outlet="x")
    with pytest.raises(QuotesError, match="the disk is full") as caught:
        with Store(path) as store:
            pages = store.db.execute("PRAGMA page_count").fetchone()[0]
            store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL at the next page
            store.add_article(big, quotes_in(big))
    assert str(path) in str(caught.value)
    assert dump(path) == before


def test_a_damaged_store_is_refused_on_opening(tmp_path: Path) -> None:
    path = damaged_store(tmp_path)
    with pytest.raises(QuotesError, match="the store is damaged"):
        Store(path)


def damaged_store(folder: Path) -> Path:
    """A store of a few articles with garbage written over pages in the middle of the file."""
    import random

    path = folder / "damaged.db"
    with Store(path) as store:
        for index in range(40):
            article = Article(id=str(index), text=f'"We are partners {index}," Shoigu said. ' * 40, outlet="o")
            store.add_article(article, quotes_in(article))
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 2)
        handle.write(random.Random(0).randbytes(4096 * 4))
    return path
