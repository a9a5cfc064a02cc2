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
from quotes.identity import current
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


# The tables of a version-2 store as quotes 0.1 made them (version 1: without speaker_role).
SCHEMA_2 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, outlet TEXT NOT NULL,
    title TEXT NOT NULL, url TEXT NOT NULL, published TEXT NOT NULL, source TEXT NOT NULL,
    content_hash TEXT NOT NULL, text TEXT NOT NULL, meta TEXT NOT NULL);
CREATE TABLE quotes (id INTEGER PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, open_start INTEGER NOT NULL, close_end INTEGER NOT NULL,
    quote TEXT NOT NULL, kind TEXT NOT NULL, closed INTEGER NOT NULL, parent INTEGER, speaker TEXT NOT NULL,
    speaker_mention TEXT, speaker_start INTEGER, speaker_end INTEGER,
    speaker_role TEXT NOT NULL DEFAULT '', cue TEXT, cue_start INTEGER, cue_end INTEGER);
CREATE INDEX quotes_article ON quotes(article);
CREATE TABLE speakers (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE speaker_aliases (alias TEXT PRIMARY KEY, speaker INTEGER NOT NULL REFERENCES speakers(id));
CREATE TABLE clusters (id INTEGER PRIMARY KEY);
CREATE TABLE cluster_members (quote INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    cluster INTEGER NOT NULL REFERENCES clusters(id));
CREATE INDEX cluster_members_cluster ON cluster_members(cluster);
CREATE TABLE embeddings (model TEXT NOT NULL, text TEXT NOT NULL, dim INTEGER NOT NULL,
    vector BLOB NOT NULL, PRIMARY KEY (model, text));
"""


def _old_store(path: Path, version: int) -> None:
    """A store of ``version`` holding one article with two of Shoigu's quotes, merged with
    "Sergei Shoigu" as the old speaker tables did."""
    db = sqlite3.connect(path)
    schema = SCHEMA_2 if version == 2 else SCHEMA_2.replace("speaker_role TEXT NOT NULL DEFAULT '', ", "")
    db.executescript(schema)
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("app", "quotes"), ("schema_version", str(version))])
    db.execute("INSERT INTO articles VALUES ('speech', 1, '14ymedio', 'Moscow talks', '', '2023-06-30', '', "
               "'x', ?, '{}')", (SPEECH.text,))
    for start, text in ((15, "We are partners,"), (48, "Russia will help.")):
        db.execute("INSERT INTO quotes (article, start, \"end\", open_start, close_end, quote, kind, closed, "
                   "speaker, speaker_mention) VALUES ('speech', ?, ?, ?, ?, ?, 'quote', 1, 'Shoigu', 'Shoigu')",
                   (start, start + len(text), start - 1, start + len(text) + 1, text))
    db.execute("INSERT INTO speakers VALUES (1, 'Sergei Shoigu')")
    db.executemany("INSERT INTO speaker_aliases VALUES (?, 1)", [("Shoigu",), ("Sergei Shoigu",)])
    db.commit()
    db.close()


@pytest.mark.parametrize("version", [1, 2])
def test_an_old_store_is_upgraded_in_place(tmp_path: Path, version: int) -> None:
    """A store of schema 1 or 2 gains speaker_role (1) and the identity tables (both), its
    quotes kept, their speakers still the ones its old tables merged them into, until the
    rules run again."""
    path = tmp_path / "q.db"
    _old_store(path, version)
    with Store(path) as store:
        rows = list(store.quote_rows())
        assert [row["quote"] for row in rows] == ["We are partners,", "Russia will help."]
        assert {row["speaker_role"] for row in rows} == {""}
        assert [o.speaker for o in store.occurrences()] == ["Sergei Shoigu", "Sergei Shoigu"]
        assert store.identities()[0].name == "Sergei Shoigu" and "Shoigu" in store.identities()[0].aliases
        assert store.identities_stale()  # the new rules run at the first listing or add
        titled = Article(id="titled", text='"We are ready," Defense Minister Sergei Shoigu said.')
        store.add_article(titled, [replace(q, speaker_role="Defense Minister") for q in quotes_in(titled)])
        assert [row["speaker_role"] for row in store.quote_rows()][-1] == "Defense Minister"
        assert store.identities_stale()  # the new article's speaker awaits the rules
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'speaker_aliases_2'").fetchone() is None
    Store(path).close()  # opening it again upgrades nothing


def test_an_upgraded_store_runs_the_rules_at_its_first_listing(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    _old_store(path, 2)
    with Store(path) as store:
        rows = current(store)
        assert [(r.name, r.kind) for r in rows] == [("Shoigu", "unknown")]  # nothing says who: a surname alone
        assert not store.identities_stale()


def test_a_read_only_upgraded_store_is_listed_as_it_stands(tmp_path: Path, monkeypatch) -> None:
    """Opened read-only the way SQLite does it (mode=ro): root writes through chmod."""
    path = tmp_path / "q.db"
    _old_store(path, 2)
    Store(path).close()  # upgraded while it could be written
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda p, **kw: connect(f"file:{p}?mode=ro", uri=True, **kw))
    with Store(path) as store:
        assert [r.name for r in current(store)] == ["Sergei Shoigu"]  # the old merge, kept


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


OTHER = Article(id="other", text='"Talks will resume," the minister said.', outlet="Havana Times")


def stored_ids(path: Path) -> list[str]:
    """The article ids another connection sees committed."""
    return [row[0] for row in sqlite3.connect(path).execute("SELECT id FROM articles ORDER BY id")]


def test_grouped_writes_are_committed_when_due_and_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    with Store(path) as store:
        with store.grouped(seconds=3600) as group:
            group.commit_if_due()
            store.add_article(SPEECH, quotes_in(SPEECH))
            assert stored_ids(path) == []  # not yet: one commit for the group
        assert stored_ids(path) == ["speech"]
        with store.grouped(seconds=0) as group:
            group.commit_if_due()
            store.add_article(OTHER, quotes_in(OTHER))
            group.commit_if_due()  # due at once: what was written is committed
            assert stored_ids(path) == ["other", "speech"]


def test_an_interrupted_group_keeps_its_whole_writes_and_undoes_the_broken_one(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    broken = [replace(quote, speaker=object()) for quote in quotes_in(OTHER)]  # sqlite3 cannot bind it
    with Store(path) as store:
        with pytest.raises(KeyboardInterrupt):
            with store.grouped() as group:
                group.commit_if_due()
                store.add_article(SPEECH, quotes_in(SPEECH))
                with pytest.raises(sqlite3.Error):
                    store.add_article(OTHER, broken)  # its article row went in before the quotes failed
                raise KeyboardInterrupt
        assert stored_ids(path) == ["speech"]
        assert [o.article for o in store.occurrences()] == ["speech", "speech"]


def test_a_group_that_writes_nothing_creates_no_store(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = Store(path, lazy=True)
    with store.grouped():
        pass
    assert not path.exists()
