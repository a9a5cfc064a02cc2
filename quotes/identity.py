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
is no part of it, are ``quotes.names``'.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import regex
from rapidfuzz.distance import Levenshtein

from quotes import patterns as P
from quotes.names import (
    ABBREVIATED_TITLE, Cleaner, Parsed, capitalised_mid_sentence, given_names, is_body, names_in_text, parse,
    titled_form, vocabulary,
)

if TYPE_CHECKING:
    from quotes.store import Store

PERSON, ORGANISATION, UNKNOWN = "person", "organisation", "unknown"
KINDS = (PERSON, ORGANISATION, UNKNOWN)
# What a user may do to the identities; each is stored and replayed after the rules.
MERGE, SPLIT, RENAME, KIND, LINK, ALIAS = "merge", "split", "rename", "kind", "link", "alias"
ACTIONS = (MERGE, SPLIT, RENAME, KIND, LINK, ALIAS)

# Titles that tell a person's gender: Mr. Clinton is Bill, Mrs. Clinton is Hillary.
MALE_TITLE = regex.compile(r"(?i)\bmr\b")
FEMALE_TITLE = regex.compile(r"(?i)\b(?:mrs|ms|miss)\b")
# A mention that tells its person's gender: a pronoun (a title with a surname alone may be
# another person's, which the article got wrong).
MALE_MENTION = regex.compile(r"(?i)^(?:he|him|his)$")
FEMALE_MENTION = regex.compile(r"(?i)^(?:she|her)$")
# A person's mentions tell a gender, or a role is one person's, when they outnumber the
# other's (all the others') this many times over.
GENDER_MAJORITY = 2
# Role words too common to tie two spellings of a name together.
GENERIC_ROLE_WORDS = frozenset("the mr mrs ms a an of his her their former said".split())


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


def _kind(name: str, lower: frozenset[str], person: bool) -> str:
    """A row's kind from its name, ``person`` where its mentions tell it is someone's."""
    if name[:1].islower():
        return UNKNOWN  # a description: "a spokesman"
    if is_body(name, lower):
        return ORGANISATION
    return PERSON if person else UNKNOWN


def _gender(parsed: Parsed) -> str:
    return given_names().get(parsed.given, "")


# --- across the corpus -------------------------------------------------------------------------


class _People:
    """Full names grouped into people by the rules of the module docstring."""

    def __init__(self, names: Mapping[str, int], roles: Mapping[str, set[str]],
                 together: set[frozenset[str]]) -> None:
        self.of: dict[str, int] = {}  # cleaned full name -> person
        self.names: list[list[str]] = []  # person -> its full names, most quoted first
        self.ambiguous: dict[str, set[int]] = {}  # a full name compatible with several people
        self.roles, self.together = roles, together
        self.by_surname: dict[str, set[int]] = defaultdict(set)
        self.votes: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # person -> he, she mentions
        self.credited: dict[int, Counter[str]] = defaultdict(Counter)  # person -> role words of its mentions
        for name in sorted(names, key=lambda n: (-names[n], -len(n), n)):
            self._place(name)
        self._join_spellings()

    def _place(self, name: str) -> None:
        parsed = parse(name)
        fits = [p for p in self.by_surname.get(parsed.surname, ()) if self._same(parsed, p)]
        if len(fits) > 1:
            self.ambiguous[name] = set(fits)
            return
        if fits:
            self.of[name] = fits[0]
            self.names[fits[0]].append(name)
            return
        self.of[name] = len(self.names)
        self.names.append([name])
        self.by_surname[parsed.surname].add(self.of[name])

    def _same(self, parsed: Parsed, person: int) -> bool:
        """Whether a full name is the person who goes by ``self.names[person]``."""
        if any(other.suffix != parsed.suffix for other in map(parse, self.names[person])):
            return False
        first = parse(self.names[person][0])
        if not _middles_agree(first.middle, parsed.middle):
            return False
        if _givens_agree(first.given, parsed.given):
            return True
        if any(frozenset((other, parsed.name)) in self.together for other in self.names[person]):
            return False  # two spellings one article uses side by side
        return Levenshtein.distance(first.given, parsed.given) == 1 and min(len(first.given), len(parsed.given)) >= 4 \
            and self._share_role(first.name, parsed.name)

    def _share_role(self, a: str, b: str) -> bool:
        words_a = {w for role in self.roles.get(a, ()) for w in _role_words(role)}
        words_b = {w for role in self.roles.get(b, ()) for w in _role_words(role)}
        return len(words_a & words_b) >= 2

    def _join_spellings(self) -> None:
        """Surnames one edit apart (Shoigu/Shoiguu, both with the given name Sergei) are one
        person when all the rest agrees: the given and middle names, and a role in common
        (Michael McFaul the ambassador is not Michael McCaul the congressman)."""
        blocks: dict[str, list[str]] = defaultdict(list)
        for surname in self.by_surname:
            if len(surname) >= 5:
                blocks[surname[0]].append(surname)
        for surnames in blocks.values():
            surnames.sort(key=lambda s: -sum(len(self.names[p]) for p in self.by_surname[s]))
            for i, rare in enumerate(surnames):
                for common in surnames[:i]:
                    if Levenshtein.distance(rare, common) == 1:
                        self._join_surnames(common, rare)

    def _join_surnames(self, common: str, rare: str) -> None:
        for person in sorted(self.by_surname[rare]):
            ours = parse(self.names[person][0])
            fits = [p for p in self.by_surname[common] if p != person
                    and (lambda other: other.given == ours.given and other.suffix == ours.suffix
                         and _middles_agree(other.middle, ours.middle))(parse(self.names[p][0]))]
            if len(fits) == 1 and not any(frozenset((a, b)) in self.together
                                          for a in self.names[person] for b in self.names[fits[0]]) \
                    and any(self._share_role(a, b) for a in self.names[person] for b in self.names[fits[0]]):
                for name in self.names[person]:
                    self.of[name] = fits[0]
                self.names[fits[0]].extend(self.names[person])
                self.names[person] = []
                self.by_surname[rare].discard(person)

    def gender(self, person: int) -> str:
        """The gender its mentions tell (he, Mrs.), where one clearly outnumbers the other."""
        male, female = self.votes[person]
        if male > GENDER_MAJORITY * female:
            return "male"
        return "female" if female > GENDER_MAJORITY * male else ""

    def with_surname(self, surname: str) -> set[int]:
        return {p for p in self.by_surname.get(surname, ()) if self.names[p]}


def _givens_agree(a: str, b: str) -> bool:
    if a == b:
        return True
    return (len(a) == 1 or len(b) == 1) and a[:1] == b[:1]  # an initial


def _middles_agree(a: str, b: str) -> bool:
    """Middle names agree unless both are given and differ (George W. / George H.W. Bush)."""
    if not a or not b:
        return True
    return a.replace(".", "")[:1] == b.replace(".", "")[:1]


def _role_words(role: str) -> set[str]:
    return {w.casefold() for w in P.WORD.findall(role) if len(w) > 2 and w.casefold() not in GENERIC_ROLE_WORDS}


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
        if name and name[:1].isupper() and parse(name).full and not is_body(name, lower):
            counts[name] += w.quotes
            roles[name].update(r for r in w.roles + w.mentions if r)
            in_article[w.article].add(name)
    together = {frozenset((a, b)) for names in in_article.values() for a in names for b in names if a < b}
    people = _People(counts, roles, together)
    for w in written:
        name = cleaned[w.name]
        if name in people.of:
            credited = people.credited[people.of[name]]
            own = {word.casefold() for word in name.split()}
            credited.update(word for text in w.mentions + w.roles for word in _role_words(text) if word not in own)
            votes = people.votes[people.of[name]]
            votes[0] += sum(1 for m in w.mentions if MALE_MENTION.search(m))
            votes[1] += sum(1 for m in w.mentions if FEMALE_MENTION.search(m))
    groups = _Groups()
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


def _key(w: Written, name: str, people: _People, in_article: Mapping[str, set[str]], texts: Mapping[str, str],
         cleaner: Cleaner, lower: frozenset[str]) -> tuple[str, object]:
    """The group a within-article name belongs to: a person, a surname's ambiguous row, or
    the name as it stands (a description, a body)."""
    if name[:1].islower() or is_body(name, lower):
        return ("as written", name.casefold())  # "A friend" and "a friend" are one row
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


def _by_gender(candidates: set[object], titles: str, people: _People) -> set[object]:
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


def _by_role(candidates: set[object], roles: Sequence[str], surname: str, people: _People) -> set[object]:
    """The candidate credited with a role word written here (in a role or a mention:
    "President Obama") far more often than all the others together, else all of them."""
    wanted = {word for role in roles for word in _role_words(role)} - {surname}
    if not wanted:
        return candidates
    score = {c: sum(people.credited[c][word] for word in wanted) if isinstance(c, int) else 0 for c in candidates}
    best = max(candidates, key=lambda c: score[c])
    if score[best] > GENDER_MAJORITY * (sum(score.values()) - score[best]):
        return {best}
    return candidates


class _Group:
    __slots__ = ("members", "key", "name", "kind", "external_id")

    def __init__(self, key: tuple[str, object]) -> None:
        self.members: list[tuple[Written, str]] = []  # (name as written, cleaned)
        self.key = key
        self.name = ""  # a name the user gave
        self.kind = ""
        self.external_id = ""

    def quotes(self) -> int:
        return sum(w.quotes for w, _ in self.members)

    def canonical(self) -> str:
        if self.name:
            return self.name
        counts: Counter[str] = Counter()
        for w, cleaned in self.members:
            counts[cleaned] += w.quotes
        if self.key[0] == "named in text":
            return str(self.key[1])
        full = [n for n in counts if parse(n).full] if self.key[0] == "person" else []
        return min(full or counts, key=lambda n: (-counts[n], -len(n), n))


class _Groups:
    """The groups being built, with an index from each name they hold to the groups."""

    def __init__(self) -> None:
        self.groups: dict[int, _Group] = {}
        self.by_key: dict[tuple[str, object], int] = {}
        self.index: dict[str, set[int]] = defaultdict(set)
        self.next_id = 0

    def add(self, key: tuple[str, object], w: Written, cleaned: str) -> None:
        if key not in self.by_key:
            self.by_key[key] = self._new(key)
        self._put(self.by_key[key], w, cleaned)

    def _new(self, key: tuple[str, object]) -> int:
        gid, self.next_id = self.next_id, self.next_id + 1
        self.groups[gid] = _Group(key)
        return gid

    def _put(self, gid: int, w: Written, cleaned: str) -> None:
        self.groups[gid].members.append((w, cleaned))
        self.index[w.name.casefold()].add(gid)
        self.index[cleaned.casefold()].add(gid)

    def find(self, name: str) -> int | None:
        """The row a user's name stands for: its canonical name, else the most quoted row
        that holds it as an alias."""
        folded = name.strip().casefold()
        found = [g for g in self.index.get(folded, ()) if g in self.groups]
        exact = [g for g in found if self.groups[g].canonical().casefold() == folded]
        pool = exact or found
        return min(pool, key=lambda g: (-self.groups[g].quotes(), g)) if pool else None

    def _take(self, name: str) -> list[tuple[Written, str]]:
        """Remove the members written ``name`` from every row that holds them."""
        folded = name.strip().casefold()
        taken = []
        for gid in list(self.index.get(folded, ())):
            group = self.groups.get(gid)
            if group is None:
                continue
            keep = [(w, c) for w, c in group.members if folded not in (w.name.casefold(), c.casefold())]
            taken += [(w, c) for w, c in group.members if folded in (w.name.casefold(), c.casefold())]
            group.members = keep
            if not keep:
                del self.groups[gid]
        return taken

    def apply(self, correction: Correction) -> None:
        action, name, value = correction.action, correction.name, correction.value
        if action == SPLIT or action == ALIAS:
            target = self.find(value) if action == ALIAS else None
            taken = self._take(name)
            if not taken:
                return
            if target is None or target not in self.groups:
                target = self._new(("corrected", len(self.groups)))
                self.groups[target].name = value if action == ALIAS else name.strip()
            for w, cleaned in taken:
                self._put(target, w, cleaned)
            return
        gid = self.find(name)
        if gid is None:
            return  # the row is gone (its articles replaced): nothing to correct
        group = self.groups[gid]
        if action == MERGE:
            other = self.find(value)
            if other is None or other == gid:
                return
            if not group.name:
                group.name = group.canonical()  # the row merged into keeps its name
            for w, cleaned in self.groups.pop(other).members:
                self._put(gid, w, cleaned)
            group.key = ("person", group.key[1]) if group.key[0] == "ambiguous" else group.key
        elif action == RENAME:
            group.name = value
            self.index[value.casefold()].add(gid)
        elif action == KIND:
            group.kind = value
        elif action == LINK:
            group.external_id = value

    def identities(self, lower: frozenset[str], nobody: Iterable[tuple[str, str]]) -> Identities:
        ordered = sorted(self.groups.values(), key=lambda g: (-g.quotes(), g.canonical()))
        identities: list[Identity] = []
        assigned: dict[tuple[str, str], int | None] = dict.fromkeys(nobody)
        names: Counter[str] = Counter()
        for index, group in enumerate(ordered):
            name = group.canonical()
            names[name.casefold()] += 1
            if names[name.casefold()] > 1:  # two rows the user named alike stay two rows
                name = f"{name} ({names[name.casefold()]})"
            aliases = dict.fromkeys(sorted(_aliases(group, lower)))
            aliases.pop(name, None)
            kind = group.kind or _kind(name, lower, _person(group))
            identities.append(Identity(name, kind, tuple(aliases), group.external_id, group.key[0] == "ambiguous"))
            for w, _ in group.members:
                assigned[(w.article, w.name)] = index
        return Identities(tuple(identities), assigned)


def _aliases(group: _Group, lower: frozenset[str]) -> set[str]:
    """The names a row goes by: each as written and cleaned, and the forms with titles that
    its articles and mentions write (Sen. Ted Cruz, Mr. Trump); not a pronoun, a description
    or a sentence's words run into a name (Besides Clinton, a Bloomberg interview Trump)."""
    found = set()
    for w, cleaned in group.members:
        found.add(cleaned)
        found.update(n for n in (w.name, *w.mentions) if n and titled_form(n, cleaned, lower))
    return found


def _person(group: _Group) -> bool:
    """Whether a row is someone's: a given name (Donald Trump), he or she, or a title or a
    person's role (Mr. Acosta, Sen. Cruz, Defense Minister) written with it; not Prensa Latina."""
    for w, cleaned in group.members:
        if parse(cleaned).given.rstrip(".") in given_names():
            return True
        for text in w.mentions + w.roles:
            if MALE_MENTION.search(text) or FEMALE_MENTION.search(text):
                return True
            if any(ABBREVIATED_TITLE.match(word) or word.rstrip(".").casefold() in P.TITLES
                   or P.speaker_nouns().get(word.casefold()) for word in text.split()):
                return True
    return False


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
    """The rows a user's NAME stands for: by canonical name, any alias, or the surname."""
    wanted = " ".join(name.split()).casefold()
    found = set()
    for row in identities:
        names = (row.name, *row.aliases)
        if any(n.casefold() == wanted or n.split()[-1].casefold() == wanted for n in names if n.split()):
            found.add(row.name)
    return found
