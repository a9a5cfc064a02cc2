"""The store's SQLite schema, the version it is at, and what brings an older store to it.

``quotes.store`` creates a new store from ``SCHEMA`` and runs ``UPGRADES`` on an older one, each
step in one transaction; the tables are plain, for the sqlite3 shell or Datasette to read.
"""

from __future__ import annotations

import sqlite3
from typing import Iterator

SCHEMA_VERSION = 3  # 2: quotes.speaker_role; 3: speaker identities (kind, aliases per article, corrections)

# The speaker tables of schema 3 that version 2 lacks: made by SCHEMA and by the upgrade.
SPEAKER_TABLES = """
CREATE TABLE speaker_aliases (
    alias TEXT NOT NULL,                  -- a name as some article gives it, or a mention of it
    speaker INTEGER NOT NULL REFERENCES speakers(id),
    PRIMARY KEY (alias, speaker)
);
CREATE TABLE article_speakers (           -- each article's speaker names -> their identity
    article TEXT NOT NULL, name TEXT NOT NULL,
    speaker INTEGER REFERENCES speakers(id), -- NULL: the name names nobody ("Like", "Last")
    PRIMARY KEY (article, name)
);
CREATE TABLE speaker_corrections (        -- the user's corrections, replayed after the rules
    id INTEGER PRIMARY KEY, action TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL DEFAULT ''
);
"""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,          -- ingestion order: "first seen" when dates are unknown
    outlet TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL, published TEXT NOT NULL,
    source TEXT NOT NULL, content_hash TEXT NOT NULL, text TEXT NOT NULL, meta TEXT NOT NULL
);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    open_start INTEGER NOT NULL, close_end INTEGER NOT NULL,
    quote TEXT NOT NULL, kind TEXT NOT NULL, closed INTEGER NOT NULL, parent INTEGER,
    speaker TEXT NOT NULL,                -- canonical within the article
    speaker_mention TEXT, speaker_start INTEGER, speaker_end INTEGER,
    speaker_role TEXT NOT NULL DEFAULT '', -- "RNC Chairman" of "RNC Chairman Reince Priebus"
    cue TEXT, cue_start INTEGER, cue_end INTEGER
);
CREATE INDEX quotes_article ON quotes(article);
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'unknown', -- person, organisation or unknown
    external_id TEXT NOT NULL DEFAULT '', -- a Wikidata QID or a newsroom's own id
    ambiguous INTEGER NOT NULL DEFAULT 0  -- a surname alone that could be several people
);
{SPEAKER_TABLES}CREATE TABLE clusters (id INTEGER PRIMARY KEY);  -- id: the smallest quote id among its members
CREATE TABLE cluster_members (
    quote INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    cluster INTEGER NOT NULL REFERENCES clusters(id)
);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster);
CREATE TABLE embeddings (
    model TEXT NOT NULL, text TEXT NOT NULL,  -- text: the normalised quote text
    dim INTEGER NOT NULL, vector BLOB NOT NULL, -- float32, little-endian
    PRIMARY KEY (model, text)
);
""".replace("{SPEAKER_TABLES}", SPEAKER_TABLES.lstrip("\n"))


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script one by one, as ``execute`` takes them (``executescript``
    would commit the transaction they must run in)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""


QUOTE_FIELDS = (
    "start", "end", "open_start", "close_end", "quote", "kind", "closed", "parent", "speaker",
    "speaker_mention", "speaker_start", "speaker_end", "speaker_role", "cue", "cue_start", "cue_end",
)
# What brings a store of an older schema version to the next one, run in one transaction.
UPGRADES = {
    1: ("ALTER TABLE quotes ADD COLUMN speaker_role TEXT NOT NULL DEFAULT ''",),
    # Identities: the old name -> speaker table becomes one row per article and name (the
    # speakers it held kept until the next `add` runs the rules), aliases may be shared.
    2: (
        "ALTER TABLE speakers ADD COLUMN kind TEXT NOT NULL DEFAULT 'unknown'",
        "ALTER TABLE speakers ADD COLUMN external_id TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE speakers ADD COLUMN ambiguous INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE speaker_aliases RENAME TO speaker_aliases_2",
        *_statements(SPEAKER_TABLES),
        "INSERT INTO speaker_aliases SELECT alias, speaker FROM speaker_aliases_2",
        "INSERT INTO article_speakers SELECT DISTINCT q.article, q.speaker, a.speaker FROM quotes q "
        "JOIN speaker_aliases_2 a ON a.alias = q.speaker",
        "DROP TABLE speaker_aliases_2",
        "INSERT INTO meta VALUES ('identities', 'stale')",  # kinds and the new rules: at the next use
    ),
}
