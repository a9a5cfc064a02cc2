"""The records of ``quotes.identity``: a speaker name as one article writes it, the rows made of
them, and the user's corrections to the rows; the kinds a row has and the actions a user may take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

PERSON, ORGANISATION, UNKNOWN = "person", "organisation", "unknown"
KINDS = (PERSON, ORGANISATION, UNKNOWN)
# What a user may do to the identities; each is stored and replayed after the rules.
MERGE, SPLIT, RENAME, KIND, LINK, ALIAS = "merge", "split", "rename", "kind", "link", "alias"
ACTIONS = (MERGE, SPLIT, RENAME, KIND, LINK, ALIAS)


@dataclass(frozen=True, slots=True)
class Written:
    """One within-article speaker name, with what its article says of it."""

    article: str
    name: str  # the speaker as its article resolved it (canonical within the article)
    quotes: int
    mentions: tuple[str, ...] = ()  # the words each quote was resolved from: "Mr. Trump", "he"
    roles: tuple[str, ...] = ()  # titles and roles written with it: "Sen.", "RNC Chairman"


@dataclass(frozen=True, slots=True)
class Identity:
    name: str  # the canonical name
    kind: str  # PERSON, ORGANISATION or UNKNOWN
    aliases: tuple[str, ...]  # every other name it goes by, as articles write it
    external_id: str = ""  # a Wikidata QID or a newsroom's own id
    ambiguous: bool = False  # a surname alone that could be several people


@dataclass(frozen=True, slots=True)
class Correction:
    action: str  # one of ACTIONS
    name: str  # the row (or, for split and alias, the name as written) it applies to
    value: str = ""  # merge: the row merged in; rename: the new name; kind; link: the id; alias: the row


@dataclass(frozen=True, slots=True)
class Identities:
    identities: tuple[Identity, ...]
    assigned: Mapping[tuple[str, str], int | None]  # (article, name as written) -> index; None: nobody
