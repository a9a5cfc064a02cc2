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
  surname in the corpus; otherwise it stays a row of its own, marked ambiguous.

Corrections (``Correction``) are applied after the rules, in the order they were made, to
names as written, so they hold when articles are added and the rules run again.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

import regex
from nameparser import HumanName
from rapidfuzz.distance import Levenshtein

from quotes import patterns as P
from quotes.errors import QuotesError

if TYPE_CHECKING:
    from quotes.store import Store

PERSON, ORGANISATION, UNKNOWN = "person", "organisation", "unknown"
KINDS = (PERSON, ORGANISATION, UNKNOWN)
# What a user may do to the identities; each is stored and replayed after the rules.
MERGE, SPLIT, RENAME, KIND, LINK, ALIAS = "merge", "split", "rename", "kind", "link", "alias"
ACTIONS = (MERGE, SPLIT, RENAME, KIND, LINK, ALIAS)
TSV_COLUMNS = ("name", "alias", "kind", "external_id")

# A word of running text that starts in lower case (not in an address: politico.com, @twitter).
LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}'’\-./@#])\p{Ll}[\p{L}'’\-]*(?![\p{L}\p{N}]|\.\p{L})")
# A capitalised word after a lower-case one, where only a name would be capitalised.
MID_SENTENCE_CAPITAL = regex.compile(r"(?<=\p{Ll}[ ])\p{Lu}[\p{L}'’\-]*(?![\p{L}\p{N}])")
# A generational suffix, part of the name: Jr., Sr., II, III, IV.
SUFFIX = regex.compile(r"(?i)^(?:jr|sr|ii|iii|iv)\.?$")
# A lower-case particle inside a name: Bill de Blasio, Ludwig van Beethoven.
PARTICLE = regex.compile(rf"^{P.NAME_PARTICLE}$")
# An abbreviated title before a name: Sen., Gov., Lt., Rep. (not an initial: J., H.W.).
ABBREVIATED_TITLE = regex.compile(r"^\p{Lu}\p{Ll}+\.$")
# Initials: J., H.W.
INITIALS = regex.compile(r"^(?:\p{Lu}\.)+$")
# A word that describes rather than names: Texas-based, Angeles-area.
HYPHENED_ROLE = regex.compile(r"^[\p{L}.]+-\p{Ll}+$")
# An acronym: CNN, FBI, GOP.
ACRONYM = regex.compile(r"^\p{Lu}{2,}$")
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
GIVEN_MAX_LOWER = 2  # a given name the PolNeAR lexicon saw in lower case at most this often
GIVEN_MIN_GENDERED = 5  # or as a man's or a woman's at least this often
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


@dataclass(frozen=True, slots=True)
class Parsed:
    """A cleaned name in parts, casefolded: given "" for a surname alone."""

    name: str
    given: str
    middle: str
    surname: str
    suffix: str

    @property
    def full(self) -> bool:
        return bool(self.given)


# --- lexicons --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name (casefolded) -> "male", "female" or "", for the lexicon's names that the
    text hardly ever writes in lower case, or that are often a person's and capitalised at
    least as often as not (Bill, Mark; not Will, White, New: mostly words)."""
    found = {}
    with (P.LEXICONS / "given_names.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            lower, gendered = int(row["lowercase"]), int(row["male"]) + int(row["female"])
            if lower <= GIVEN_MAX_LOWER or gendered >= GIVEN_MIN_GENDERED and int(row["capitalised"]) >= lower:
                male, female = int(row["male"]), int(row["female"])
                found[row["name"].casefold()] = "male" if male > female else "female" if female > male else ""
    return found


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    with (P.LEXICONS / "name_titles.tsv").open(encoding="utf-8", newline="") as handle:
        return frozenset(row["word"].casefold() for row in csv.DictReader(handle, delimiter="\t")) | P.TITLES


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The sentence words of the texts: those they write in lower case more often than
    capitalised after a lower-case word (like, but not Ban of Ban Ki-moon or Grant)."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for text in texts:
        lower.update(LOWER_WORD.findall(text))
        capital.update(word.casefold() for word in MID_SENTENCE_CAPITAL.findall(text))
    return frozenset(word for word, n in lower.items() if n > capital[word])


# --- one name ----------------------------------------------------------------------------------


def _strong_noise(word: str) -> bool:
    """A word before a name that is never part of it: an abbreviated title (Sen., Mr.), a
    role (Texas-based), a lower-case word, a word that opens sentences (When, Another)."""
    if PARTICLE.match(word):
        return False
    folded = word.rstrip(".,").casefold()
    return word[:1].islower() or bool(HYPHENED_ROLE.match(word) or ABBREVIATED_TITLE.match(word)) \
        or folded in P.TITLES or folded in P.NOT_NAME_WORDS


def _weak_noise(word: str, lower: frozenset[str]) -> bool:
    """A capitalised word the corpus also writes in lower case (Like, Another, White), a word
    the lexicon has seen before names (Senator, Republican; also Clinton, of "Clinton
    campaign spokesman"), or an acronym: noise before a name only when what follows is a
    name on its own."""
    folded = word.rstrip(".").casefold()
    if folded in given_names() or INITIALS.match(word):
        return False
    return folded in lower or folded in title_words() or bool(ACRONYM.match(word))


@lru_cache(maxsize=65536)
def parse(name: str) -> Parsed:
    """A cleaned name's parts (nameparser's first, middle, last and suffix)."""
    words = name.split()
    if len(words) == 1:
        return Parsed(name, "", "", name.casefold(), "")
    if len(words) == 2 and SUFFIX.match(words[1]):  # Bozell III: a surname alone, with its suffix
        return Parsed(name, "", "", words[0].casefold(), words[1].casefold().rstrip("."))
    human = HumanName(name)
    surname, given = human.last, human.first
    if not surname:  # "Jr." read as a title, or an odd parse: the last word is the surname
        surname, given = words[-1], words[0]
    if not given:
        return Parsed(name, "", "", surname.casefold(), human.suffix.casefold().replace(".", ""))
    return Parsed(name, given.casefold().rstrip("."), human.middle.casefold(), surname.casefold(),
                  human.suffix.casefold().replace(".", ""))


class _Cleaner:
    """Names as written -> names (None: names nobody), with the corpus for context."""

    def __init__(self, names: Iterable[str], lower: frozenset[str]) -> None:
        self.lower = lower
        self.known: set[str] = set()  # full names written with nothing before them
        self.surnames: set[str] = set()
        for name in names:
            words = name.split()
            if len(words) >= 2 and not any(_strong_noise(w) or _weak_noise(w, lower) for w in words[:-1]) \
                    and words[0][:1].isupper() and not _body(name, lower):
                parsed = parse(name)
                if parsed.full:
                    self.known.add(name)
                    self.surnames.add(parsed.surname)

    def clean(self, name: str) -> str | None:
        words = name.split()
        if not words:
            return None
        if len(words) == 1:
            word = words[0]
            if _strong_noise(word) and not word[:1].islower():
                return None  # a title alone: "Sen."
            if word[:1].isupper() and word.casefold() in self.lower and word.casefold() not in given_names() \
                    and word.casefold() not in self.surnames:
                return None  # "Last", "Like": a sentence word nobody is called
            return name
        if words[-1][:1].islower():
            return name  # a description: "the Trump campaign", "a spokesman"
        # what comes before the first given name (after it: middle names, Ward of John Ward Anderson)
        before = next((i for i, w in enumerate(words[:-1]) if w.rstrip(".").casefold() in given_names()),
                      len(words) - 1)
        last = max((i for i, w in enumerate(words[:before]) if _strong_noise(w)), default=-1)
        weak = max((i for i, w in enumerate(words[:before]) if _weak_noise(w, self.lower)), default=-1)
        if weak > last and self._stands_alone(words[weak + 1 :]):
            last = weak
        rest = words[last + 1 :]
        if last >= 0 and rest[0][:1].isupper():
            return self.clean(" ".join(rest)) if len(rest) == 1 else " ".join(rest)
        return name

    def _stands_alone(self, words: Sequence[str]) -> bool:
        """Whether the words after a sentence word are a name by themselves."""
        rest = " ".join(words)
        if len(words) == 1:
            return rest.casefold() in self.surnames
        if rest in self.known or words[0].casefold().rstrip(".") in given_names():
            return True
        # capitalised words none of which the corpus writes in lower case: Calvin Williams
        return all(w[:1].isupper() and w.casefold() not in self.lower and not ACRONYM.match(w) for w in words)


def _body(name: str, lower: frozenset[str]) -> bool:
    """An organisation: a name ending in a body's noun (Committee, Party), an acronym, or a
    last word the corpus writes in lower case after a word that is no given name (White House)."""
    words = name.split()
    head = words[-1].casefold()
    if P.speaker_nouns().get(head) is False or ACRONYM.match(words[-1]) or words[0] == "The":
        return True
    return len(words) > 1 and head in lower and words[0].casefold() not in given_names()


def _kind(name: str, lower: frozenset[str], person: bool) -> str:
    if name[:1].islower():
        return UNKNOWN  # a description: "a spokesman"
    if _body(name, lower):
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


def _names_in_text(text: str, surname: str) -> Iterator[str]:
    """Capitalised runs of up to four words ending in ``surname`` in ``text``."""
    pattern = _surname_pattern(surname)
    for match in pattern.finditer(text):
        yield " ".join(match.group(0).split())


@lru_cache(maxsize=4096)
def _surname_pattern(surname: str) -> regex.Pattern[str]:
    return regex.compile(
        rf"(?:(?:\p{{Lu}}[\p{{L}}'’\-]*\.?|{P.NAME_PARTICLE})[ \u00a0]+){{1,4}}{regex.escape(surname)}"
        rf"(?:[ \u00a0]+(?:Jr|Sr|II|III|IV)\b\.?)?(?![\p{{L}}\p{{N}}])"
    )


# --- identify ------------------------------------------------------------------------------------


def identify(
    written: Sequence[Written], *, texts: Mapping[str, str], lower: frozenset[str],
    corrections: Sequence[Correction] = (),
) -> Identities:
    """Every within-article speaker name -> its identity, by the rules, then the corrections.

    ``texts``: article id -> text (where an article names a surname's person); ``lower``:
    the corpus's ``vocabulary``.
    """
    cleaner = _Cleaner({w.name for w in written}, lower)
    cleaned = {name: cleaner.clean(name) for name in {w.name for w in written}}
    counts: Counter[str] = Counter()
    roles: dict[str, set[str]] = defaultdict(set)
    in_article: dict[str, set[str]] = defaultdict(set)  # article -> its cleaned full names
    for w in written:
        name = cleaned[w.name]
        if name and name[:1].isupper() and parse(name).full and not _body(name, lower):
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
        if name is None and _capitalised_mid_sentence(w.name, texts.get(w.article, "")):
            name = w.name  # "said Grant": a name in its own article, though a word elsewhere
        if name is None:
            nobody.append((w.article, w.name))
        else:
            groups.add(_key(w, name, people, in_article, texts, cleaner, lower), w, name)
    for correction in corrections:
        groups.apply(correction)
    return groups.identities(lower, nobody)


def _key(w: Written, name: str, people: _People, in_article: Mapping[str, set[str]], texts: Mapping[str, str],
         cleaner: _Cleaner, lower: frozenset[str]) -> tuple[str, object]:
    """The group a within-article name belongs to: a person, a surname's ambiguous row, or
    the name as it stands (a description, a body)."""
    if name[:1].islower() or _body(name, lower):
        return ("as written", name)
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
    for found in _names_in_text(texts.get(w.article, ""), name):
        text_name = cleaner.clean(found)
        if text_name and text_name[:1].isupper() and parse(text_name).full \
                and parse(text_name).surname == parsed.surname and not _body(text_name, lower):
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


def _capitalised_mid_sentence(name: str, text: str) -> bool:
    """Whether a one-word name is capitalised after a lower-case word somewhere in ``text``."""
    if " " in name or not name[:1].isupper():
        return False
    return any(word == name for word in MID_SENTENCE_CAPITAL.findall(text))


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
            aliases = dict.fromkeys(sorted({n for w, c in group.members for n in (w.name, c)} | _named_mentions(group)))
            aliases.pop(name, None)
            kind = group.kind or _kind(name, lower, _person(group))
            identities.append(Identity(name, kind, tuple(aliases), group.external_id, group.key[0] == "ambiguous"))
            for w, _ in group.members:
                assigned[(w.article, w.name)] = index
        return Identities(tuple(identities), assigned)


def _named_mentions(group: _Group) -> set[str]:
    """The mentions that write the name (Sen. Ted Cruz, Mr. Trump), not a pronoun or description."""
    found = set()
    for w, cleaned in group.members:
        surname = cleaned.split()[-1]
        found.update(m for m in w.mentions if m and m[:1].isupper() and surname in m.split())
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
    """The store's identities, the rules run first where some speaker has none yet."""
    if store.identities_stale():
        refresh(store)
    return store.identities()


def matching(identities: Iterable[Identity], name: str) -> set[str]:
    """The rows a user's NAME stands for: by canonical name, any alias, or the surname."""
    wanted = " ".join(name.split()).casefold()
    found = set()
    for row in identities:
        names = (row.name, *row.aliases)
        if any(n.casefold() == wanted or n.split()[-1].casefold() == wanted for n in names if n.split()):
            found.add(row.name)
    return found


# --- corrections -------------------------------------------------------------------------------


def correct(store: Store, correction: Correction) -> Identities:
    """Check a user's correction against the store's rows, keep it, and run the rules again.

    Raises QuotesError, keeping nothing, when it names no row (or alias), when a rename
    would give two rows one name, or for a kind that is not one of KINDS.
    """
    rows = current(store)
    action, name, value = correction.action, correction.name.strip(), correction.value.strip()
    if action not in ACTIONS:
        raise QuotesError(f"unknown correction {action!r}; use one of {', '.join(ACTIONS)}")
    if not name or (action != SPLIT and not value):
        raise QuotesError(f"{action} needs a name and a {'row' if action in (MERGE, ALIAS) else 'value'}")
    if action == SPLIT:
        written = {w.name.casefold() for w in store.written_speakers()} | {r.name.casefold() for r in rows}
        if name.casefold() not in written:
            if any(name.casefold() in {a.casefold() for a in r.aliases} for r in rows):
                raise QuotesError(f"{name!r} is how some quotes mention a speaker whose article names them "
                                  "in full; split that full name instead")
            raise QuotesError(f"no speaker is written {name!r}; `quotes speakers` lists each row's aliases")
    else:
        _row(rows, name)
    if action == MERGE:
        _row(rows, value)
    if action == RENAME and any(r.name.casefold() == value.casefold() for r in rows) \
            and _row(rows, value).name != _row(rows, name).name:
        raise QuotesError(f"a row is already named {value!r}; merge the two rows instead (quotes speakers merge)")
    if action == KIND and value not in KINDS:
        raise QuotesError(f"unknown kind {value!r}; use one of {', '.join(KINDS)}")
    if action != SPLIT and action != ALIAS:  # the row the user saw, by its name, not by an alias
        name = _row(rows, name).name  # other rows may come to hold the alias too
    if action == MERGE:
        value = _row(rows, value).name
    store.add_corrections([Correction(action, name, value)])
    return refresh(store)


def _row(rows: Sequence[Identity], name: str) -> Identity:
    """The row named ``name``, or else the most quoted row holding it as an alias."""
    folded = name.casefold()
    for row in rows:
        if row.name.casefold() == folded:
            return row
    for row in rows:
        if folded in {a.casefold() for a in row.aliases}:
            return row
    raise QuotesError(f"no speaker {name!r} in the store; `quotes speakers` lists them")


def table_rows(identities: Iterable[Identity]) -> Iterator[dict[str, str]]:
    """The identity table as TSV_COLUMNS rows: each row's own name first, then its aliases."""
    for row in identities:
        for alias in (row.name, *row.aliases):
            yield {"name": row.name, "alias": alias, "kind": row.kind, "external_id": row.external_id}


def imported(rows: Sequence[Mapping[str, str]], identities: Sequence[Identity]) -> list[Correction]:
    """The corrections that make the identities what a TSV table says: each alias in its
    row, and each row's kind and external id (where the table gives them). Rows already so
    make none; line numbers in errors count the header as line 1."""
    missing = [c for c in ("name", "alias") if rows and c not in rows[0]]
    if missing or not rows:
        raise QuotesError(f"a speakers table needs the columns {', '.join(TSV_COLUMNS)} "
                          f"(`quotes speakers export` writes one){'; missing ' + ', '.join(missing) if missing else ''}")
    holder = {a.casefold(): r for r in reversed(identities) for a in (r.name, *r.aliases)}
    by_name = {r.name.casefold(): r for r in identities}
    corrections: list[Correction] = []
    done: set[tuple[str, str]] = set()
    for line, row in enumerate(rows, start=2):
        name, alias = (row.get("name") or "").strip(), (row.get("alias") or "").strip()
        kind, external = (row.get("kind") or "").strip(), (row.get("external_id") or "").strip()
        if not name:
            raise QuotesError(f"line {line}: a row without a name")
        if kind and kind not in KINDS:
            raise QuotesError(f"line {line}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        now = holder.get(alias.casefold()) if alias else None
        if alias and (now is None or now.name.casefold() != name.casefold()):
            corrections.append(Correction(ALIAS, alias, name))
        known = by_name.get(name.casefold())
        if kind and (name, "kind") not in done and (known is None or known.kind != kind):
            corrections.append(Correction(KIND, name, kind))
            done.add((name, "kind"))
        if external and (name, "id") not in done and (known is None or known.external_id != external):
            corrections.append(Correction(LINK, name, external))
            done.add((name, "id"))
    return corrections
