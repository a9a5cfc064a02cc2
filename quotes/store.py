"""The embedded store: one SQLite file that remembers every article, quote, speaker, cluster
and embedding. Every read and write of it lives here.

Plain tables that the sqlite3 shell or Datasette can read. Each article goes in with its
quotes in one transaction, so an interrupted run leaves no half-added article; adding the
same text again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np

from quotes.errors import QuotesError
from quotes.identity import Correction, Identities, Identity, Written
from quotes.schema import QUOTE_FIELDS, SCHEMA, SCHEMA_VERSION, UPGRADES, _statements
from quotes.transactions import Group, Transaction
from quotes.types import INDIRECT, QUOTE, Article, Occurrence, Quote

APP = "quotes"
DEFAULT_PATH = "quotes.db"
BUSY_TIMEOUT = 30.0  # seconds to wait for another run's write lock before giving up
# Seconds between the commits of grouped writes (``Store.grouped``): what a crash may lose of a
# run, and how long another run waits at most for the write lock between two groups.
GROUP_SECONDS = 1.0


class Store:
    """A quotes database file; created on first use.

    ``lazy``: a file that does not exist yet is created only when something is first read or
    written, so that a command that fails before (a mistyped path, input with no article)
    leaves no empty store behind. An existing file is opened and checked at once either way.

    Errors of SQLite (a full disk, a read-only or damaged file, a lock held too long) become
    QuotesError saying what happened and what to do: at opening, and for any use inside
    ``with Store(...)``. A transaction that fails is rolled back whole: what the store held
    before stays as it was.
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, *, lazy: bool = False) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise QuotesError(f"{self.path}: is a folder; give --db a file name such as quotes.db")
        if not self.path.parent.is_dir():
            raise QuotesError(
                f"{self.path}: the folder {self.path.parent} does not exist; create it, or give "
                "--db a file in a folder that does"
            )
        self._db: sqlite3.Connection | None = None
        if not lazy or self.path.exists():
            self._open()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._open()
        assert self._db is not None
        return self._db

    def _open(self) -> None:
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._check_or_create()
        except sqlite3.DatabaseError as error:
            self.close()
            raise self.explained(error) from None
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _: object) -> None:
        self.close()
        if isinstance(error, sqlite3.DatabaseError):
            raise self.explained(error) from None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def explained(self, error: sqlite3.DatabaseError) -> QuotesError:
        """What an SQLite error means for this store, and what to do about it."""
        return QuotesError(f"{self.path}: {explain(error)}")

    def _check_or_create(self) -> None:
        db = self._db
        assert db is not None
        tables = self._tables()
        if not tables:
            # A new file. The write lock first, then a second look: two runs creating one
            # store at once serialise here, and the second finds the first one's schema. An
            # existing store is only read here, so a read-only one can still be listed.
            db.execute("BEGIN IMMEDIATE")
            try:
                tables = self._tables()
                if not tables:  # the schema and its version, all at once
                    for statement in _statements(SCHEMA):
                        db.execute(statement)
                    db.executemany("INSERT INTO meta VALUES (?, ?)",
                                   [("app", APP), ("schema_version", str(SCHEMA_VERSION))])
                    db.execute("COMMIT")
                    return
            finally:
                if db.in_transaction:
                    db.execute("ROLLBACK")
        meta = dict(db.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        if meta.get("app") != APP:
            raise QuotesError(f"{self.path}: an SQLite file, but not a quotes database; give --db another file")
        version = int(meta.get("schema_version", "0"))
        if version > SCHEMA_VERSION:
            raise QuotesError(
                f"{self.path}: made by a newer version of quotes (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade quotes to read it"
            )
        problems = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("database disk image is malformed: " + "; ".join(problems))
        if version < SCHEMA_VERSION:
            self._upgrade()

    def _upgrade(self) -> None:
        """Bring a store made by an older version up to this schema, in place: every step
        and the new version in one transaction, under the write lock (a second run upgrading
        the same store at once finds it done)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            version = int(dict(db.execute("SELECT key, value FROM meta")).get("schema_version", "0"))
            for step in range(version, SCHEMA_VERSION):
                if step not in UPGRADES:
                    raise QuotesError(f"{self.path}: schema {version} is too old to upgrade; make a new store")
                for statement in UPGRADES[step]:
                    db.execute(statement)
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
            db.execute("COMMIT")
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")

    def _tables(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}

    def _transaction(self) -> Transaction:
        return Transaction(self.db)

    def grouped(self, seconds: float = GROUP_SECONDS) -> Group:
        """A context in which writes are committed together, every ``seconds`` (call
        ``commit_if_due`` between writes) and at its end, whatever ends it: a run of
        ``add_article`` calls then commits once per group, not once per article (each commit
        waits for the disk: 924 PolNeAR articles spent 1.4 s in them). A crash loses at most
        the last group's writes, never leaves one half done. Holds the store's write lock
        until each commit."""
        return Group(lambda: self.db, lambda: self._db is not None, seconds)

    # --- articles and quotes -------------------------------------------------------------

    def add_article(self, article: Article, quotes: Sequence[Quote]) -> str:
        """Store an article with its quotes: "added", "unchanged" or "replaced"."""
        digest = content_hash(article.text)
        row = self.db.execute("SELECT content_hash, seq FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row and row[0] == digest:
            return "unchanged"
        with self._transaction():
            if row:
                self.db.execute("DELETE FROM quotes WHERE article = ?", (article.id,))
                self.db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
                seq = row[1]
            else:
                seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
            self.db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.id, seq, article.outlet, article.title, article.url, article.published,
                 article.source, digest, article.text, json.dumps(dict(article.meta), ensure_ascii=False)),
            )
            self.db.executemany(
                f"INSERT INTO quotes (article, {', '.join(_quoted(QUOTE_FIELDS))}) "
                f"VALUES (?{', ?' * len(QUOTE_FIELDS)})",
                [(article.id, *_quote_values(quote)) for quote in quotes],
            )
        return "replaced" if row else "added"

    def add_reported(self, article_id: str, quotes: Sequence[Quote]) -> int:
        """Store the reported statements (rows of kind "indirect") among ``quotes`` for a stored
        article that has none yet (one added before without them), leaving its other rows and
        their ids as they are: how many were stored. An article with some keeps them."""
        rows = [quote for quote in quotes if quote.kind == INDIRECT]
        if not rows or self.db.execute("SELECT 1 FROM quotes WHERE article = ? AND kind = ? LIMIT 1",
                                       (article_id, INDIRECT)).fetchone():
            return 0
        with self._transaction():
            self.db.executemany(
                f"INSERT INTO quotes (article, {', '.join(_quoted(QUOTE_FIELDS))}) "
                f"VALUES (?{', ?' * len(QUOTE_FIELDS)})",
                [(article_id, *_quote_values(quote)) for quote in rows],
            )
        return len(rows)

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute(
            "SELECT id, text, title, outlet, url, published, source, meta FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return Article(*row[:7], meta=json.loads(row[7]))

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        tables = ("articles", "quotes", "speakers", "clusters", "embeddings")
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def occurrences(self, *, reported: bool = False) -> list[Occurrence]:
        """Every stored quote of kind "quote" (and with ``reported``, of kind "indirect" too: the
        speech reported without quote marks), with its corpus-wide speaker (its identity's name;
        the name as written where the rules have not run since it was stored; "" where it
        names nobody), in id order."""
        rows = self.db.execute(
            """SELECT q.id, q.article, a.outlet, q.quote, CASE WHEN sa.name IS NULL THEN q.speaker ELSE COALESCE(s.name, '') END,
                      a.published, a.seq, a.title
               FROM quotes q JOIN articles a ON a.id = q.article
               LEFT JOIN article_speakers sa ON sa.article = q.article AND sa.name = q.speaker
               LEFT JOIN speakers s ON s.id = sa.speaker
               WHERE q.kind IN (?, ?) ORDER BY q.id""",
            (QUOTE, INDIRECT if reported else QUOTE),
        )
        return [Occurrence(*row) for row in rows]

    def reported_ids(self) -> frozenset[int]:
        """The ids of the stored rows of kind "indirect" (reported speech)."""
        return frozenset(row[0] for row in self.db.execute("SELECT id FROM quotes WHERE kind = ?", (INDIRECT,)))

    def quote_ids(self) -> dict[tuple[str, int], int]:
        """(article, start offset) -> id, for every stored quote of kind "quote"."""
        rows = self.db.execute("SELECT article, start, id FROM quotes WHERE kind = ?", (QUOTE,))
        return {(article, start): quote for article, start, quote in rows}

    def quote_rows(self) -> Iterator[dict[str, object]]:
        """Every quote (its id, ``id``) with its article's fields and its claim, for export, in id order."""
        cursor = self.db.execute(
            f"""SELECT q.id, q.article, a.outlet, a.title, a.published, a.url,
                       {', '.join('q.' + f for f in _quoted(QUOTE_FIELDS))}, m.cluster
                FROM quotes q JOIN articles a ON a.id = q.article
                LEFT JOIN cluster_members m ON m.quote = q.id ORDER BY q.id"""
        )
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    # --- speakers across articles -------------------------------------------------------------

    def written_speakers(self) -> list[Written]:
        """Each article's speaker names, with their quotes' mentions (one per quote that has
        one) and their roles, in article order."""
        rows = self.db.execute(
            """SELECT q.article, q.speaker, COUNT(*), COALESCE(q.speaker_mention, ''), q.speaker_role
               FROM quotes q JOIN articles a ON a.id = q.article WHERE q.speaker != ''
               GROUP BY q.article, q.speaker, q.speaker_mention, q.speaker_role
               ORDER BY a.seq, q.speaker"""
        )
        found: dict[tuple[str, str], list[object]] = {}
        for article, speaker, count, mention, role in rows:
            entry = found.setdefault((article, speaker), [0, [], {}])
            entry[0] += count
            entry[1] += [mention] * count
            entry[2][role] = None
        return [Written(article, name, quotes, tuple(m for m in mentions if m), tuple(r for r in roles if r))
                for (article, name), (quotes, mentions, roles) in found.items()]

    def article_texts(self) -> Iterator[tuple[str, str]]:
        """(id, text) of every article, in ingestion order."""
        yield from self.db.execute("SELECT id, text FROM articles ORDER BY seq")

    def set_identities(self, identities: Identities) -> None:
        """Replace the speaker rows, their aliases and each article name's identity."""
        with self._transaction():
            self.db.execute("DELETE FROM meta WHERE key = 'identities'")
            self.db.execute("DELETE FROM article_speakers")
            self.db.execute("DELETE FROM speaker_aliases")
            self.db.execute("DELETE FROM speakers")
            self.db.executemany(
                "INSERT INTO speakers VALUES (?, ?, ?, ?, ?)",
                [(i + 1, s.name, s.kind, s.external_id, int(s.ambiguous)) for i, s in enumerate(identities.identities)],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO speaker_aliases VALUES (?, ?)",
                [(alias, i + 1) for i, s in enumerate(identities.identities) for alias in (s.name, *s.aliases)],
            )
            self.db.executemany(
                "INSERT INTO article_speakers VALUES (?, ?, ?)",
                [(article, name, None if i is None else i + 1)
                 for (article, name), i in sorted(identities.assigned.items())],
            )

    def identities(self) -> list[Identity]:
        """Every speaker row with its aliases, in row order (most quoted first)."""
        aliases: dict[int, list[str]] = {}
        for alias, speaker in self.db.execute("SELECT alias, speaker FROM speaker_aliases ORDER BY speaker, alias"):
            aliases.setdefault(speaker, []).append(alias)
        return [
            Identity(name, kind, tuple(a for a in aliases.get(id_, ()) if a != name), external_id, bool(ambiguous))
            for id_, name, kind, external_id, ambiguous in self.db.execute(
                "SELECT id, name, kind, external_id, ambiguous FROM speakers ORDER BY id")
        ]

    def identities_stale(self) -> bool:
        """Whether the rules should run again: some article's speaker name has no identity row
        yet (stored since they last ran), or the store was upgraded from a version without them."""
        if self.db.execute("SELECT 1 FROM meta WHERE key = 'identities'").fetchone():
            return True
        return self.db.execute(
            """SELECT 1 FROM quotes q LEFT JOIN article_speakers s ON s.article = q.article AND s.name = q.speaker
               WHERE q.speaker != '' AND s.name IS NULL LIMIT 1"""
        ).fetchone() is not None

    def corrections(self) -> list[Correction]:
        """The user's corrections of speaker rows, in the order they were made."""
        return [Correction(*row) for row in self.db.execute(
            "SELECT action, name, value FROM speaker_corrections ORDER BY id")]

    def add_corrections(self, corrections: Iterable[Correction]) -> None:
        with self._transaction():
            self.db.executemany(
                "INSERT INTO speaker_corrections (action, name, value) VALUES (?, ?, ?)",
                [(c.action, c.name, c.value) for c in corrections],
            )

    def aliases(self, speaker: str) -> list[str]:
        """The names as written that stand for ``speaker`` (any of its names)."""
        return [row[0] for row in self.db.execute(
            """SELECT a2.alias FROM speaker_aliases a1
               JOIN speakers s ON s.id = a1.speaker
               JOIN speaker_aliases a2 ON a2.speaker = s.id
               WHERE a1.alias = ? COLLATE NOCASE OR s.name = ? COLLATE NOCASE
               GROUP BY a2.alias ORDER BY a2.alias""",
            (speaker, speaker),
        )]

    # --- embeddings -------------------------------------------------------------------------

    def vectors(self, model: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those normalised texts that have one."""
        found: dict[str, np.ndarray] = {}
        wanted = list(texts)
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk : chunk + 500]
            rows = self.db.execute(
                f"SELECT text, vector FROM embeddings WHERE model = ? AND text IN ({', '.join('?' * len(part))})",
                (model, *part),
            )
            for text, blob in rows:
                found[text] = np.frombuffer(blob, dtype="<f4")
        return found

    def save_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        with self._transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)",
                [(model, text, len(v), np.asarray(v, dtype="<f4").tobytes()) for text, v in vectors.items()],
            )

    # --- clusters ---------------------------------------------------------------------------

    def clusters(self) -> dict[int, tuple[int, ...]]:
        """Cluster id -> member quote ids."""
        groups: dict[int, list[int]] = {}
        for cluster, quote in self.db.execute("SELECT cluster, quote FROM cluster_members ORDER BY cluster, quote"):
            groups.setdefault(cluster, []).append(quote)
        return {cluster: tuple(members) for cluster, members in groups.items()}

    def unclustered(self) -> int:
        """Quotes of kind "quote" that belong to no cluster yet (a run stopped before clustering)."""
        return self.db.execute(
            "SELECT COUNT(*) FROM quotes q LEFT JOIN cluster_members m ON m.quote = q.id "
            "WHERE q.kind = ? AND m.quote IS NULL", (QUOTE,),
        ).fetchone()[0]

    def set_clusters(self, groups: Iterable[Sequence[int]]) -> int:
        """Replace the clustering; returns how many clusters are new (an id not seen before)."""
        groups = [tuple(sorted(group)) for group in groups if group]
        with self._transaction():
            before = {row[0] for row in self.db.execute("SELECT id FROM clusters")}
            self.db.execute("DELETE FROM cluster_members")
            self.db.execute("DELETE FROM clusters")
            self.db.executemany("INSERT INTO clusters VALUES (?)", [(group[0],) for group in groups])
            self.db.executemany(
                "INSERT INTO cluster_members VALUES (?, ?)",
                [(quote, group[0]) for group in groups for quote in group],
            )
        return sum(1 for group in groups if group[0] not in before)


# What SQLite's messages mean for the user, by the message's start (the sqlite3 module gives
# no error codes before Python 3.11's sqlite_errorname, and the text is stable).
EXPLANATIONS = (
    ("database or disk is full",
     "the disk is full (or the store reached its size limit); what was stored before is intact: "
     "free some space and run the command again"),
    ("attempt to write a readonly database",
     "the store is read-only (its file, its folder or the filesystem); what it holds is intact: "
     "make it writable, or give --db another file"),
    ("database disk image is malformed",
     "the store is damaged (database disk image is malformed): restore it from a backup, or "
     "recover what is left with `sqlite3 FILE .recover`, or start a new store with --db"),
    ("file is not a database",
     "not a quotes database (file is not a database); give --db another file"),
    ("database is locked",
     "another program is writing the store and did not let go in time; wait for it to finish "
     "and run the command again"),
    ("unable to open database file",
     "cannot open the store (unable to open database file): check that its folder exists and "
     "can be written, or give --db another file"),
    ("disk I/O error",
     "the disk failed to read or write the store (disk I/O error); check the disk, then run again"),
)


def explain(error: sqlite3.DatabaseError) -> str:
    """One clause for an SQLite error: what it means and what to do."""
    message = str(error)
    for start, explanation in EXPLANATIONS:
        if message.startswith(start):
            return explanation
    return f"not a quotes database ({message}); give --db another file"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _quoted(fields: Iterable[str]) -> list[str]:
    return [f'"{field}"' for field in fields]


def _quote_values(quote: Quote) -> tuple[object, ...]:
    span, mention, cue = quote.span, quote.mention, quote.cue
    return (
        span.start, span.end, span.open_start, span.close_end, span.text, span.kind, int(span.closed),
        span.parent, quote.speaker,
        mention.text if mention else None, mention.start if mention else None, mention.end if mention else None,
        quote.speaker_role, cue.text if cue else None, cue.start if cue else None, cue.end if cue else None,
    )
