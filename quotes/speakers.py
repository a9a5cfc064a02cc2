"""Speaker mentions -> canonical names within one article.

A name resolves to the fullest form of it the article gives ("Shoigu" -> "Sergey Shoigu",
a one-letter slip like "Shoiguu" too); a pronoun or a definite description ("he", "the
minister") to the most recent person the reader has just met, counted in text order and
never looking past the mention itself, so the object of the same clause cannot be chosen.
An indefinite description ("a spokesman", "sources") is its own speaker.

Every question costs about the same however long the article: the names, the people and
their roles are indexed once, and a subject is read over at most ``SUBJECT_SPAN`` characters.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Mapping
from functools import lru_cache

import regex

from quotes import patterns as P

# A capitalised name anywhere in the text, as candidate person mention.
NAME_IN_TEXT = regex.compile(P.NAME)
# A word of a name that is a title, not part of the name: Sen., Gov., Lt.
ABBREVIATED_TITLE = regex.compile(r"\p{Lu}\p{L}{0,4}\.$")
# "the Russian head of Defense, Sergey Shoigu," / "Sergey Shoigu, the Russian head of Defense,".
ROLE_APPOSITION = regex.compile(
    rf"(?i:the)[ ](?P<role_before>[^,;:\n]{{3,60}}),[ ](?P<name>{P.NAME}),"
    rf"|(?P<name>{P.NAME}),[ ](?i:the|a|an)[ ](?P<role_after>[^,;:\n]{{3,60}}),",
)
# The subject of a sentence: its first mention followed by a verb, past up to two leading
# phrases ("Later, when everything was over, Miguel Díaz-Canel issued...").
_NOT_SUBJECT = "|".join(sorted(P.NOT_NAME_WORDS - P.PERSONAL_PRONOUNS, key=len, reverse=True))
SENTENCE_SUBJECT = regex.compile(
    rf"[ \n]*(?:[^,.\n_]{{1,50}},[ ]){{0,2}}?(?!(?i:{_NOT_SUBJECT})[ ,])"
    rf"(?P<mention>{P.MENTION})(?:,[^,\n]{{1,80}},)?(?=[ ]+\p{{Ll}})"
)
# The name right before a relative pronoun: "Patti LaBelle, who" / "the Department which".
NAME_BEFORE = regex.compile(rf"(?P<name>{P.NAME}),?[ ]+$")
RECENT_PARAGRAPHS = 3  # a pronoun or "the minister" looks this many paragraphs back, no further
# How much of a sentence its subject is read from: two leading phrases, a mention and an
# apposition are about 300 characters at most.
SUBJECT_SPAN = 1000


def same_given_names(full: str, name: str) -> bool:
    """Whether ``name`` can be a shorter form of ``full``: its surname alone can ("Shoigu",
    "López Miera" of "Álvaro López Miera"), and a longer name when its given name is ``full``'s (or its initial) and every word of it is in
    ``full`` ("Donald Trump" of "Donald J. Trump"); "Bill Clinton" is not "Hillary Clinton"."""
    words, full_words = name.casefold().split(), full.casefold().split()
    if len(words) < 2 or full_words[-len(words):] == words:  # a surname, or "López Miera"
        return True
    given, full_given = words[0].rstrip("."), full_words[0].rstrip(".")
    if given != full_given and not (len(given) == 1 and full_given.startswith(given)):
        return False
    return all(word in full_words for word in words[1:])


@dataclass(frozen=True, slots=True)
class _Person:
    name: str  # canonical
    start: int  # where this mention of them is
    end: int


class ArticleSpeakers:
    """The people of one article, in text order, for resolving speaker mentions."""

    def __init__(self, text: str, masked: str, paragraph_starts: list[int], sentence_starts: list[int]) -> None:
        self.text = text
        self.masked = masked
        self.paragraph_starts = paragraph_starts
        self.sentence_starts = sentence_starts
        # Where each attributed quote's speaker is mentioned, in text order: the first speaker
        # resolved at each offset, with the end of its mention.
        self.speaker_starts: list[int] = []
        self.speaker_names: list[str] = []
        self.speaker_ends: list[int] = []
        self.full_names: dict[str, str] = {}  # surname -> fullest name seen for it
        self._canonical: dict[str, str] = {}
        self._roles: list[tuple[frozenset[str], str]] | None = None
        self._role_index: dict[str, list[tuple[frozenset[str], str]]] | None = None
        self._described: dict[frozenset[str], str] = {}
        self._spellings: dict[tuple[str, int, str], list[int]] | None = None  # half -> surnames
        self._surnames: list[str] = []  # the known surnames in text order, for ``_spellings``
        self._names = []  # every capitalised name in the text: (name as written, start, end)
        for match in NAME_IN_TEXT.finditer(masked):
            name, start, end = _strip_name(match.group(), match.start())
            if name:
                self._names.append((name, start, end))
        for written, _start, _end in self._names:
            name = _strip_titles(written)
            words = name.split()
            if len(words) >= 2 and len(name) > len(self.full_names.get(words[-1], "")):
                self.full_names[words[-1]] = name
        self.mentions: list[_Person] = []  # person-like mentions by start offset (speakers apart)
        for written, start, end in self._names:
            name = _strip_titles(written)
            full = self.full_names.get(name.split()[-1], "") if name else ""
            if full and not same_given_names(full, name):
                full = name  # "Bill Clinton" in an article that also names Hillary Clinton
            if full and (len(name.split()) >= 2 or full != name):
                self.mentions.append(_Person(full if len(full) >= len(name) else name, start, end))
        self._starts = [person.start for person in self.mentions]

    @property
    def roles(self) -> list[tuple[frozenset[str], str]]:
        """Role words -> the name they describe, from appositions and titles; built on demand."""
        if self._roles is None:
            self._roles = []
            for match in ROLE_APPOSITION.finditer(self.masked):
                role = match.group("role_before") or match.group("role_after")
                name = self.canonical_name(match.group("name"))
                if name and len(name.split()) >= 2:
                    self._roles.append((frozenset(w.lower() for w in P.WORD.findall(role)), name))
            for written, _start, _end in self._names:
                title = _title_words(written)
                if title:
                    self._roles.append((frozenset(w.lower() for w in title), self.canonical_name(written)))
        return self._roles

    def resolve_name(self, written: str) -> str:
        """A name mention as written ("Sen. Cruz", "Meanwhile") -> canonical name, or ""."""
        return self.canonical_name(_strip_name(written, 0)[0])

    def canonical_name(self, name: str) -> str:
        """The fullest form of a name in this article; a one-letter misspelling is forgiven."""
        if name not in self._canonical:
            self._canonical[name] = self._fullest(_strip_titles(name))
        return self._canonical[name]

    def _fullest(self, name: str) -> str:
        words = name.split()
        if not words:
            return ""
        surname = words[-1]
        if surname in self.full_names:
            full = self.full_names[surname]
            if not same_given_names(full, name):
                return name  # two people of one surname: Bill is not Hillary Clinton
            return full if len(full) >= len(name) else name
        if len(surname) >= 5:
            known = self._misspelt(surname)
            if known is not None:
                return self.full_names[known]
        return name

    def _misspelt(self, surname: str) -> str | None:
        """The first known surname (in text order) one edit from ``surname``.

        One edit leaves either the first or the second half of the shorter word untouched,
        so each known surname is indexed by its halves (for both lengths it may be compared
        at) and only those sharing a half with ``surname`` are compared.
        """
        if self._spellings is None:
            self._spellings, self._surnames = {}, list(self.full_names)
            for order, known in enumerate(self._surnames):
                for length in {len(known), len(known) - 1}:
                    for key in _halves(known, length):
                        self._spellings.setdefault(key, []).append(order)
        orders = {
            order
            for length in {len(surname), len(surname) - 1}
            for key in _halves(surname, length)
            for order in self._spellings.get(key, ())
        }
        for order in sorted(orders):
            known = self._surnames[order]
            if abs(len(known) - len(surname)) <= 1 and _one_edit_apart(known, surname):
                return known
        return None

    def add_speaker(self, name: str, start: int, end: int) -> None:
        """A resolved speaker is the most salient person for what follows.

        Speakers come in about text order (a mention is near its quote), so the insertion
        moves few entries; the names found in the text are kept apart, in ``mentions``, so it
        never moves those.
        """
        index = bisect_left(self.speaker_starts, start)
        if index < len(self.speaker_starts) and self.speaker_starts[index] == start:
            return
        self.speaker_starts.insert(index, start)
        self.speaker_names.insert(index, name)
        self.speaker_ends.insert(index, end)

    def antecedent(self, before: int) -> str:
        """Who "he", "she" or "the minister" at offset ``before`` stands for.

        The speaker or the subject of the sentences just before, walking back while they
        too are "he" or "she"; then the last speaker nearby; then the last person named.
        """
        horizon = self._horizon(before)
        index = bisect_right(self.sentence_starts, before) - 1
        for k in range(index, max(-1, index - 4), -1):
            start, end = self.sentence_starts[k], min(self.sentence_starts[k + 1], before)
            if start < horizon:
                break
            spoke = self._last_speaker_in(start, end)
            if spoke:
                return spoke
            subject = SENTENCE_SUBJECT.match(self.masked, start, min(end, start + SUBJECT_SPAN))
            if subject is None:
                continue
            if subject.group("name"):
                name = self.canonical_name(_strip_name(subject.group("name"), 0)[0])
                if name:
                    return name
                continue
            if subject.group("pronoun") and subject.group("pronoun").lower() not in ("he", "she"):
                break  # "they", "it", "I": someone else is being talked about
        return self._last_speaker_in(horizon, before) or self.recent_person(before)

    def named_before(self, offset: int) -> str:
        """The name a relative pronoun hangs on: "Patti LaBelle, who joked"."""
        match = NAME_BEFORE.search(self.masked, max(0, offset - 80), offset)
        return self.canonical_name(_strip_name(match.group("name"), 0)[0]) if match else ""

    def _last_speaker_in(self, start: int, end: int) -> str:
        index = bisect_left(self.speaker_starts, end) - 1
        return self.speaker_names[index] if index >= 0 and self.speaker_starts[index] >= start else ""

    def _horizon(self, offset: int) -> int:
        paragraph = bisect_left(self.paragraph_starts, offset + 1) - 1
        return self.paragraph_starts[max(0, paragraph - RECENT_PARAGRAPHS + 1)]

    def described(self, description: str, before: int) -> str:
        """Who a definite description ("the Russian defense minister") stands for.

        A description of two or more content words is matched against the roles the article
        gives its people ("the Russian Defense Minister, Sergei Shoigu"), wherever they
        stand; a bare "the minister" is too vague for that and goes to the most recent person.
        """
        words = frozenset(w.lower() for w in P.WORD.findall(description)) - P.TITLE_SMALL_WORDS - {"this", "that"}
        if len(words) >= 2:
            if words not in self._described:
                self._described[words] = self._role_holder(words)
            if self._described[words]:
                return self._described[words]
        return self.antecedent(before)

    def _role_holder(self, words: frozenset[str]) -> str:
        """The one person whose role has all of ``words``, or "" for none or several.

        Roles are indexed by word; only those holding the rarest of ``words`` are read, and
        reading stops at a second person."""
        if self._role_index is None:
            self._role_index = {}
            for role in dict.fromkeys(self.roles):  # each (role, name) once, in text order
                for word in role[0]:
                    self._role_index.setdefault(word, []).append(role)
        holders = min((self._role_index.get(word, []) for word in words), key=len)
        found = ""
        for role, name in holders:
            if words <= role and name != found:
                if found:
                    return ""
                found = name
        return found

    def recent_person(self, before: int) -> str:
        """The person mentioned last before offset ``before``, within a few paragraphs: a
        name in the text, or a speaker mentioned later than any such name (at the same offset,
        the name in the text wins)."""
        index = bisect_left(self._starts, before) - 1
        person = self.mentions[index] if index >= 0 else None
        spoke = bisect_left(self.speaker_starts, before) - 1
        if spoke >= 0 and (person is None or self.speaker_starts[spoke] > person.start):
            person = _Person(self.speaker_names[spoke], self.speaker_starts[spoke], self.speaker_ends[spoke])
        if person is not None and person.start >= self._horizon(before) and person.end <= before:
            return person.name
        return ""


def _strip_name(name: str, start: int) -> tuple[str, int, int]:
    """Drop sentence-initial words ("The", "According") and trailing full stops."""
    words = name.split()
    offset = 0
    while words and words[0].lower().rstrip(".") in P.NOT_NAME_WORDS:
        offset = name.index(words[1], offset + len(words[0])) if len(words) > 1 else len(name)
        words = words[1:]
    stripped = name[offset:].rstrip(".") if words else ""
    return stripped, start + offset, start + offset + len(stripped)


def _strip_titles(name: str) -> str:
    """Sen. Ted Cruz -> Ted Cruz; Russian Defense Minister Sergei Shoigu -> Sergei Shoigu."""
    words = name.split()
    return " ".join(words[len(_title_words(name)) :])


@lru_cache(maxsize=8192)
def _title_words(name: str) -> tuple[str, ...]:
    """The leading words of a name that are titles or roles: Retired Lt. Gen., Defense Minister."""
    words = name.split()
    nouns = P.speaker_nouns()
    last_title = max(
        (i for i, w in enumerate(words[:-1]) if ABBREVIATED_TITLE.match(w) or nouns.get(w.lower())),
        default=-1,
    )
    return tuple(words[: last_title + 1])


def _halves(word: str, length: int) -> tuple[tuple[str, int, str], tuple[str, int, str]]:
    """The first and second half of ``word`` as keys for comparing it with a word whose
    shorter one has ``length`` characters (one edit leaves one of those halves intact)."""
    first = length // 2
    return ("first", length, word[:first]), ("second", length, word[len(word) - (length - first) :])


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one insertion, deletion or substitution turns ``a`` into ``b``."""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]
    return len(b) - len(a) == 1


def merge_names(counts: Mapping[str, int]) -> dict[str, str]:
    """Speaker names across articles -> one canonical name per person.

    Full names with the same surname and first names one edit apart (Sergei/Sergey Shoigu)
    or one an initial of the other (H. Clinton) are one person, named by the most frequent
    form; a bare surname joins them when the corpus has only one such person. Descriptions
    ("the article", "a spokesman") stand for themselves.
    """
    by_surname: dict[str, list[str]] = {}
    for name in counts:
        words = name.split()
        if words and words[0][:1].isupper():
            by_surname.setdefault(words[-1].casefold(), []).append(name)
    canonical = {name: name for name in counts}
    for names in by_surname.values():
        people: list[list[str]] = []
        for name in sorted((n for n in names if len(n.split()) > 1), key=lambda n: (-counts[n], n)):
            for person in people:
                if _same_first_name(person[0], name):
                    person.append(name)
                    break
            else:
                people.append([name])
        bare = [n for n in names if len(n.split()) == 1]
        if len(people) == 1:
            people[0].extend(bare)
        for person in people:
            full = [n for n in person if len(n.split()) > 1]
            chosen = min(full, key=lambda n: (-counts[n], -len(n), n))
            for name in person:
                canonical[name] = chosen
    return canonical


def _same_first_name(a: str, b: str) -> bool:
    first_a, first_b = a.split()[0].rstrip("."), b.split()[0].rstrip(".")
    if len(first_a) == 1 or len(first_b) == 1:  # an initial
        return first_a[0] == first_b[0]
    return _one_edit_apart(first_a.casefold(), first_b.casefold())
