"""The rows ``quotes.identity`` builds: the names grouped, the user's corrections applied to them
(merge, split, rename, kind, link, alias), and each row's canonical name, aliases and kind."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from quotes import patterns as P
from quotes.identity_records import (
    ALIAS, KIND, LINK, MERGE, ORGANISATION, PERSON, RENAME, SPLIT, UNKNOWN, Correction, Identities, Identity,
    Written,
)
from quotes.names import ABBREVIATED_TITLE, given_names, is_body, parse, titled_form
from quotes.same_person import FEMALE_MENTION, MALE_MENTION


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


class Groups:
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


def _kind(name: str, lower: frozenset[str], person: bool) -> str:
    """A row's kind from its name, ``person`` where its mentions tell it is someone's."""
    if name[:1].islower():
        return UNKNOWN  # a description: "a spokesman"
    if is_body(name, lower):
        return ORGANISATION
    return PERSON if person else UNKNOWN
