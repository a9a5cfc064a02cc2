"""One speaker name, as the corpus writes it: its parts, what before it is no part of it,
and whether it names a body. The lexicons and the corpus's own words decide, no list of
names: a given name is one the mined lexicon knows, a sentence word one the corpus writes
in lower case more often than capitalised mid-sentence.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

import regex
from nameparser import HumanName

from quotes import patterns as P

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
# Two who spoke together, as the reported-speech pass writes them: "Jo Roe and Jan Doe".
JOINT = regex.compile(r"^\p{Lu}[^\n]*?[ ]and[ ]\p{Lu}")
GIVEN_MAX_LOWER = 2  # a given name the PolNeAR lexicon saw in lower case at most this often
GIVEN_MIN_GENDERED = 5  # or as a man's or a woman's at least this often


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
    least as often as not (Bill, Mark; not Will, White, New: mostly words), and that the
    title lexicon does not hold (Clinton, Washington)."""
    found = {}
    with (P.LEXICONS / "given_names.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            lower, gendered = int(row["lowercase"]), int(row["male"]) + int(row["female"])
            if row["name"].casefold() in title_words():
                continue  # Clinton, Washington: seen before names, never a person's given name
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


def strong_noise(word: str) -> bool:
    """A word before a name that is never part of it: an abbreviated title (Sen., Mr.), a
    role (Texas-based), a lower-case word, a word that opens sentences (When, Another)."""
    if PARTICLE.match(word) or INITIALS.match(word):  # de Blasio; the A. of James A. Baker
        return False
    folded = word.rstrip(".,").casefold()
    return word[:1].islower() or bool(HYPHENED_ROLE.match(word) or ABBREVIATED_TITLE.match(word)) \
        or folded in P.TITLES or folded in P.NOT_NAME_WORDS


def weak_noise(word: str, lower: frozenset[str]) -> bool:
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


class Cleaner:
    """Names as written -> names (None: names nobody), with the corpus for context."""

    def __init__(self, names: Iterable[str], lower: frozenset[str]) -> None:
        self.lower = lower
        self.known: set[str] = set()  # full names written with nothing before them
        self.surnames: set[str] = set()
        for name in names:
            words = name.split()
            if len(words) >= 2 and not any(strong_noise(w) or weak_noise(w, lower) for w in words[:-1]) \
                    and words[0][:1].isupper() and not is_body(name, lower):
                parsed = parse(name)
                if parsed.full:
                    self.known.add(name)
                    self.surnames.add(parsed.surname)

    def clean(self, name: str) -> str | None:
        words = name.split()
        if not words:
            return None
        if is_joint(name):
            return name  # two who spoke together: the second is not the name, with noise before it
        if len(words) == 1:
            word = words[0]
            if strong_noise(word) and not word[:1].islower():
                return None  # a title alone: "Sen."
            if word[:1].isupper() and word.casefold() in self.lower and word.casefold() not in given_names() \
                    and word.casefold() not in self.surnames:
                return None  # "Last", "Like": a sentence word nobody is called
            return name
        if words[-1][:1].islower():
            return name  # a description: "the Trump campaign", "a spokesman"
        for end in range(2, len(words)):  # a headline's verb after a known name: "Donald Trump Is Now"
            if weak_noise(words[end], self.lower) and not ACRONYM.match(words[end]) \
                    and " ".join(words[:end]) in self.known:
                return " ".join(words[:end])
        last = max((i for i, w in enumerate(words[:-1]) if strong_noise(w)), default=-1)
        # a sentence word only before the name's given name (after it: Ward of John Ward Anderson)
        before = next((i for i, w in enumerate(words[:-1]) if i > last and w.rstrip(".").casefold() in given_names()),
                      len(words) - 1)
        weak = max((i for i, w in enumerate(words[:before]) if i > last and weak_noise(w, self.lower)), default=-1)
        if weak > last and self._stands_alone(words[weak + 1 :]):
            last = weak
        rest = words[last + 1 :]
        if last >= 0 and rest[0][:1].isupper():
            if len(rest) > 1:
                return " ".join(rest)
            alone = self.clean(rest[0])  # "Sen. Sanders" is Sanders; "Like Last" nobody
            return alone if alone or not name[:1].islower() else name  # "the Times" as written
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


def is_joint(name: str) -> bool:
    """Whether a name is two that spoke together ("Charles E. Grassley and Patrick J. Leahy"):
    no one person, so never stripped to its second name nor joined to either."""
    return JOINT.match(name) is not None


def joint_parts(name: str) -> list[str]:
    """The names a joint name is made of ("Jo Roe and Jan Doe" -> "Jo Roe", "Jan Doe")."""
    return [part.strip() for part in name.split(" and ")] if is_joint(name) else [name]


def is_body(name: str, lower: frozenset[str]) -> bool:
    """An organisation: a name ending in a body's noun (Committee, Party), an acronym, or a
    last word the corpus writes in lower case after a word that is no given name (White House)."""
    words = name.split()
    head = words[-1].casefold()
    if P.speaker_nouns().get(head) is False or ACRONYM.match(words[-1]) or words[0] == "The":
        return True
    return len(words) > 1 and head in lower and words[0].casefold() not in given_names()


def capitalised_mid_sentence(name: str, text: str) -> bool:
    """Whether a one-word name is capitalised after a lower-case word somewhere in ``text``."""
    if " " in name or not name[:1].isupper():
        return False
    return any(word == name for word in MID_SENTENCE_CAPITAL.findall(text))



def names_in_text(text: str, surname: str) -> Iterator[str]:
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


def titled_form(written: str, name: str, lower: frozenset[str]) -> bool:
    """Whether ``written`` is ``name``, or ``name`` after titles and roles only (Sen. Ted Cruz,
    Republican presidential candidate Donald Trump, Mr. Trump for Trump), so that it may be
    listed as an alias: no sentence word (Besides, What, a, after) before it."""
    if written == name:
        return True
    words, parts = written.split(), name.split()
    if not words or words[-1] != parts[-1]:
        return False
    tail = len(parts) if written.endswith(" " + name) else 1  # the name, or its surname alone
    return all(_title_like(word, lower) for word in words[:-tail])


def _title_like(word: str, lower: frozenset[str]) -> bool:
    folded = word.rstrip(".,").casefold()
    if folded in P.NOT_NAME_WORDS - P.TITLES:
        return False
    if ABBREVIATED_TITLE.match(word) or ACRONYM.match(word) or HYPHENED_ROLE.match(word) or folded in title_words():
        return True
    return word[:1].isupper() and folded not in lower  # Texas, Democratic; not Besides, Rival
