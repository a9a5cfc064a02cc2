"""Whether two full names are one person: the rules that group a corpus's full names into people.

Full names are one person when their surnames and suffixes agree (Donald Trump Jr. is not
Donald Trump) and so do their given names: equal, or one an initial of the other, and middle
names that do not differ. A given name one edit from another (Sergei/Sergey) joins only when
the two are credited with a role in common; two names that one article uses side by side are
never one person. A surname one edit from another joins only when the given names agree and
a role is shared. ``People`` also counts what each person's mentions tell (he or she, the role
words credited), which ``quotes.identity`` weighs when a surname alone could be several people.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Mapping

import regex
from rapidfuzz.distance import Levenshtein

from quotes import patterns as P
from quotes.names import Parsed, parse

# A mention that tells its person's gender: a pronoun (a title with a surname alone may be
# another person's, which the article got wrong).
MALE_MENTION = regex.compile(r"(?i)^(?:he|him|his)$")
FEMALE_MENTION = regex.compile(r"(?i)^(?:she|her)$")
# A person's mentions tell a gender, or a role is one person's, when they outnumber the
# other's (all the others') this many times over.
GENDER_MAJORITY = 2
# Role words too common to tie two spellings of a name together.
GENERIC_ROLE_WORDS = frozenset("the mr mrs ms a an of his her their former said".split())


class People:
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
        words_a = {w for role in self.roles.get(a, ()) for w in role_words(role)}
        words_b = {w for role in self.roles.get(b, ()) for w in role_words(role)}
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


def role_words(role: str) -> set[str]:
    return {w.casefold() for w in P.WORD.findall(role) if len(w) > 2 and w.casefold() not in GENERIC_ROLE_WORDS}
