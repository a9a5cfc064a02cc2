"""Speaker names across the corpus -> identities: one row per person or organisation.

Each article names its speakers in its own way ("Donald Trump", "Trump", "Republican Donald
Trump"); ``identify`` gives each (article, name as written) one identity, with a canonical
name, its aliases and a kind. The rules keep two people apart before they join one person:

- a name is cleaned of what is not part of it: titles, roles, party labels and sentence
  words before it ("Sen.", "Republican", "Like"); a word alone that the corpus writes in
  lower case and nobody is called ("Last") names nobody and gets no identity;
- full names are one person when their surnames and suffixes agree (Donald Trump Jr. is
  not Donald Trump) and so do their given names: equal, or one an initial of the other, and
  middle names that do not differ. A given name one edit from another (Sergei/Sergey) joins
  only when the two are credited with a role in common; different given names are
  different people (Ivana/Ivanka, Bill/Hillary); two names that one article uses side by
  side are never one person. A surname one edit from another joins only when the given
  names agree;
- a surname alone goes to the one person of that surname that its own article names (in
  its speakers or its text); where the article names none, to the one person of that
  surname in the corpus. Where that leaves several, a title of one gender (Mr., Mrs.; the
  people's genders from the given-name lexicon or their he/she mentions) or a role written
  with it ("President Obama") may point to one of them, when it is credited to that one far
  more often than to all the others; otherwise it stays a row of its own, marked ambiguous.

Corrections (``Correction``, made and checked by ``quotes.corrections``) are applied after
the rules, in the order they were made, to rows by name and to names as written, so they
hold when articles are added and the rules run again. One name's parts, and what before it
is no part of it, are ``quotes.names``'. Whether two full names are one person is
``quotes.same_person``; the rows and the corrections applied to them, ``quotes.identity_rows``;
the records, ``quotes.identity_records`` (all got from here).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import regex

from quotes.identity_records import (
    ACTIONS, ALIAS, KIND, KINDS, LINK, MERGE, ORGANISATION, PERSON, RENAME, SPLIT, UNKNOWN, Correction, Identities,
    Identity, Written,
)
from quotes.identity_rows import Groups
from quotes.names import (Cleaner, Parsed, capitalised_mid_sentence, given_names, is_body, is_joint, joint_parts, names_in_text,
                          parse, vocabulary)
from quotes.same_person import FEMALE_MENTION, GENDER_MAJORITY, MALE_MENTION, People, role_words

if TYPE_CHECKING:
    from quotes.store import Store

# The records are defined in quotes.identity_records and got from here, with the functions.
__all__ = [
    "ACTIONS", "ALIAS", "KIND", "KINDS", "LINK", "MERGE", "ORGANISATION", "PERSON", "RENAME", "SPLIT", "UNKNOWN",
    "Correction", "Identities", "Identity", "Written", "conflicting", "current", "identify", "matching", "refresh",
]

# Titles that tell a person's gender: Mr. Clinton is Bill, Mrs. Clinton is Hillary.
MALE_TITLE = regex.compile(r"(?i)\bmr\b")
FEMALE_TITLE = regex.compile(r"(?i)\b(?:mrs|ms|miss)\b")


def _gender(parsed: Parsed) -> str:
    return given_names().get(parsed.given, "")


# --- identify ------------------------------------------------------------------------------------


def identify(
    written: Sequence[Written], *, texts: Mapping[str, str], lower: frozenset[str],
    corrections: Sequence[Correction] = (),
) -> Identities:
    """Every within-article speaker name -> its identity, by the rules, then the corrections.

    ``texts``: article id -> text (where an article names a surname's person); ``lower``:
    the corpus's ``vocabulary``.
    """
    cleaner = Cleaner({w.name for w in written}, lower)
    cleaned = {name: cleaner.clean(name) for name in {w.name for w in written}}
    counts: Counter[str] = Counter()
    roles: dict[str, set[str]] = defaultdict(set)
    in_article: dict[str, set[str]] = defaultdict(set)  # article -> its cleaned full names
    for w in written:
        name = cleaned[w.name]
        if name and name[:1].isupper() and not is_joint(name) and parse(name).full and not is_body(name, lower):
            counts[name] += w.quotes
            roles[name].update(r for r in w.roles + w.mentions if r)
            in_article[w.article].add(name)
    together = {frozenset((a, b)) for names in in_article.values() for a in names for b in names if a < b}
    people = People(counts, roles, together)
    for w in written:
        name = cleaned[w.name]
        if name in people.of:
            credited = people.credited[people.of[name]]
            own = {word.casefold() for word in name.split()}
            credited.update(word for text in w.mentions + w.roles for word in role_words(text) if word not in own)
            votes = people.votes[people.of[name]]
            votes[0] += sum(1 for m in w.mentions if MALE_MENTION.search(m))
            votes[1] += sum(1 for m in w.mentions if FEMALE_MENTION.search(m))
    groups = Groups()
    nobody = []
    for w in written:
        name = cleaned[w.name]
        if name is None and capitalised_mid_sentence(w.name, texts.get(w.article, "")):
            name = w.name  # "said Grant": a name in its own article, though a word elsewhere
        if name is None:
            nobody.append((w.article, w.name))
        else:
            groups.add(_key(w, name, people, in_article, texts, cleaner, lower), w, name)
    for correction in corrections:
        groups.apply(correction)
    return groups.identities(lower, nobody)


def _key(w: Written, name: str, people: People, in_article: Mapping[str, set[str]], texts: Mapping[str, str],
         cleaner: Cleaner, lower: frozenset[str]) -> tuple[str, object]:
    """The group a within-article name belongs to: a person, a surname's ambiguous row, or
    the name as it stands (a description, a body)."""
    if name[:1].islower() or is_body(name, lower) or is_joint(name):
        return ("as written", name.casefold())  # "A friend" and "a friend" are one row; so are two who spoke together
    parsed = parse(name)
    if parsed.full and name in people.of:
        return ("person", people.of[name])
    titles = " ".join(w.mentions + w.roles)
    if parsed.full:  # a full name several people fit (George Bush beside George W. and George H.W.)
        named = {people.of[n] for n in in_article.get(w.article, ()) if n in people.of} & people.ambiguous[name]
        return ("person", next(iter(named))) if len(named) == 1 else ("ambiguous", name)
    named: set[object] = {people.of[n] for n in in_article.get(w.article, ())
                          if n in people.of and parse(n).surname == parsed.surname}
    titled = []  # the article's titles with the surname alone: "President Obama", "Mr. Obama"
    for found in names_in_text(texts.get(w.article, ""), name):
        text_name = cleaner.clean(found)
        if text_name and text_name[:1].isupper() and parse(text_name).full \
                and parse(text_name).surname == parsed.surname and not is_body(text_name, lower):
            named.add(people.of.get(text_name, text_name))
        elif text_name == name:
            titled.append(found)
    titles = " ".join((titles, *titled))
    if parsed.suffix:  # Bozell III is none of the Bozells without that suffix
        named = {c for c in named if parse(people.names[c][0] if isinstance(c, int) else str(c)).suffix == parsed.suffix}
    known = {p for p in people.with_surname(parsed.surname) if parse(people.names[p][0]).suffix == parsed.suffix} \
        if parsed.suffix else people.with_surname(parsed.surname)
    candidates = _by_gender(named, titles, people) if named else _by_gender(known, titles, people)
    if len(candidates) > 1:  # "President Obama": the one of them credited with that role
        candidates = _by_role(candidates, w.roles + w.mentions + tuple(titled), parsed.surname, people)
    if len(candidates) == 1:
        only = next(iter(candidates))
        return ("person", only) if isinstance(only, int) else ("named in text", only)
    if len(candidates) > 1 or len(named) > 1:
        return ("ambiguous", name)
    return ("surname", name)


def _by_gender(candidates: set[object], titles: str, people: People) -> set[object]:
    """The candidates of the gender a title gives (Mr., Mrs.), where the given names tell."""
    male, female = bool(MALE_TITLE.search(titles)), bool(FEMALE_TITLE.search(titles))
    wanted = "male" if male and not female else "female" if female and not male else ""
    if not wanted or len(candidates) < 2:
        return candidates
    def gender(candidate: object) -> str:
        if not isinstance(candidate, int):
            return _gender(parse(str(candidate)))
        return _gender(parse(people.names[candidate][0])) or people.gender(candidate)
    fitting = {c for c in candidates if gender(c) == wanted}
    return fitting if fitting and all(gender(c) for c in candidates) else candidates


def _by_role(candidates: set[object], roles: Sequence[str], surname: str, people: People) -> set[object]:
    """The candidate credited with a role word written here (in a role or a mention:
    "President Obama") far more often than all the others together, else all of them."""
    wanted = {word for role in roles for word in role_words(role)} - {surname}
    if not wanted:
        return candidates
    score = {c: sum(people.credited[c][word] for word in wanted) if isinstance(c, int) else 0 for c in candidates}
    best = max(candidates, key=lambda c: score[c])
    if score[best] > GENDER_MAJORITY * (sum(score.values()) - score[best]):
        return {best}
    return candidates


# --- the store's identities ------------------------------------------------------------------


def refresh(store: Store) -> Identities:
    """Run the rules and the stored corrections over what the store holds, and keep the result."""
    texts = dict(store.article_texts())
    found = identify(store.written_speakers(), texts=texts, lower=vocabulary(texts.values()),
                     corrections=store.corrections())
    store.set_identities(found)
    return found


def current(store: Store) -> list[Identity]:
    """The store's identities, the rules run first where some speaker has none yet (a store
    that cannot be written, read-only, is listed as it stands)."""
    if store.identities_stale():
        try:
            refresh(store)
        except sqlite3.OperationalError as error:
            if not str(error).startswith("attempt to write a readonly database"):
                raise
    return store.identities()


def conflicting(speakers: Iterable[str], rows: Mapping[str, Identity]) -> bool:
    """Whether ``speakers`` (rows' names, as ``Occurrence.speaker`` gives them) are two
    different people: two rows, unless one is an ambiguous surname the other goes by (the
    "Clinton" row beside Hillary Clinton may be her; beside Bill and Hillary it is not two
    more). ``rows``: each row by its name; a name with no row counts as a row of its own."""
    names = sorted(set(s for s in speakers if s))

    def may_be(a: str, b: str) -> bool:
        row_a, row_b = rows.get(a), rows.get(b)
        return any(row is not None and row.ambiguous and other is not None
                   and (row.name in other.aliases or parse(row.name).surname == parse(other.name).surname)
                   for row, other in ((row_a, row_b), (row_b, row_a)))

    definite = [n for n in names if not (rows.get(n) is not None and rows[n].ambiguous)]
    if len(definite) > 1:
        return True
    return any(not may_be(a, b) for i, a in enumerate(names) for b in names[i + 1:])


def matching(identities: Iterable[Identity], name: str) -> set[str]:
    """The rows a user's NAME stands for: by canonical name, any alias, or the surname (of
    either of two who spoke together: "Grassley" finds "Charles E. Grassley and Patrick J. Leahy")."""
    wanted = " ".join(name.split()).casefold()
    found = set()
    for row in identities:
        names = [part for written in (row.name, *row.aliases) for part in joint_parts(written)]
        if any(n.casefold() == wanted or n.split()[-1].casefold() == wanted for n in names if n.split()):
            found.add(row.name)
    return found
