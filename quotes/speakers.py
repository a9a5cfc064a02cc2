"""Speaker mentions -> canonical names within one article.

A name resolves to the fullest form of it the article gives ("Shoigu" -> "Sergey Shoigu",
a one-letter slip like "Shoiguu" too); a pronoun or a definite description ("he", "the
minister") to the most recent person the reader has just met, counted in text order and
never looking past the mention itself, so the object of the same clause cannot be chosen.
An indefinite description ("a spokesman", "sources") is its own speaker.

People who share a surname stay apart: "Bill Clinton" is never "Hillary Clinton", and a bare
"Clinton" or "Mr. Clinton" goes to one of them only when the text decides (the latest full
mention before it, the gender its title shows); a pronoun goes only to a person ("Whenever",
"Toronto" and "the White House" are none) whose gender, where the text or the given-name
lexicon shows it, agrees. A name is trimmed to the name: sentence words before it ("Like",
"Last week") fall away, titles and roles ("Republican presidential nominee", "RNC Chairman")
are split off as the speaker's role.

Every question costs about the same however long the article: the names, the people and
their roles are indexed once, and a subject is read over at most ``SUBJECT_SPAN`` characters.
"""

from __future__ import annotations

import csv
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterator, Mapping
from functools import lru_cache

import regex

from quotes import patterns as P

MALE, FEMALE = "male", "female"

# An acronym defined in parentheses right after a name: " (SDF)".
ACRONYM_AFTER = regex.compile(r"[ ]\((?P<acronym>\p{Lu}{2,6})\)")
# Days of the week, which open a run of capitalised words without being names: "On Tuesday
# Mitsotakis met".
WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
# A word of a run of capitalised words that is no part of a name: a capitalised function word
# or a headline verb ("Hillary Clinton Goes After Donald Trump").
NOT_IN_NAME = frozenset({w.capitalize() for w in P.NOT_NAME_WORDS - P.TITLES} | P.headline_verbs() | WEEKDAYS)
# A capitalised name anywhere in the text, as candidate person mention.
NAME_IN_TEXT = regex.compile(P.NAME)
OF = " of "  # between an office and a full name: "President of Argentina Alberto Fernández"
# A word of a name that is a title, not part of the name: Sen., Gov., Lt.
ABBREVIATED_TITLE = regex.compile(r"\p{Lu}\p{L}{0,4}\.$")
# "the Russian head of Defense, Sergey Shoigu," / "Sergey Shoigu, the Russian head of Defense,":
# the role before a name (ending right at it) and after it (from the comma after it).
ROLE_BEFORE = regex.compile(r"(?<![\p{L}])(?i:the)[ ](?P<role>[^,;:\n]{3,60}),[ ]$")
# Lower-case words right before a name, where a role may stand: "by archbishop Jo Roe".
LOWER_WORDS_BEFORE = regex.compile(r"(?<![\p{L}\-])(?:[\p{Ll}][\p{Ll}\-]*[ ]){1,4}$")
ROLE_AFTER = regex.compile(r",[ ](?i:the|a|an)[ ](?P<role>[^,;:\n]{3,60}),")
ROLE_REACH = 70  # "the " + a role of at most 60 characters + ", "
# The subject of a sentence: its first mention followed by a verb, past up to two leading
# phrases ("Later, when everything was over, Miguel Díaz-Canel issued...").
_NOT_SUBJECT = "|".join(sorted(P.NOT_NAME_WORDS - P.PERSONAL_PRONOUNS, key=len, reverse=True))
SENTENCE_SUBJECT = regex.compile(
    rf"[ \n]*(?:[^,.\n_]{{1,50}},[ ]){{0,2}}?(?!(?i:{_NOT_SUBJECT})[ ,])"
    rf"(?P<mention>{P.MENTION})(?:,[^,\n]{{1,80}},)?(?=[ ]+\p{{Ll}})"
)
# Where the head of a description ends: a preposition or a clause ("the senator from Vermont").
HEAD_END = regex.compile(rf"[ ](?:{P.PREPOSITION}|who|which|that)(?![\p{{L}}])|[,;(]")
# The name right before a relative pronoun: "Patti LaBelle, who" / "the Department which".
NAME_BEFORE = regex.compile(rf"(?P<name>{P.NAME}),?[ ]+$")
# A lower-case word naming an agent, the head of a role before a name: "harbour master",
# "economist", "spokeswoman", "chairman", "president".
AGENT_NOUN = regex.compile(r"\p{Ll}[\p{L}\-]*(?:er|or|ist|ian|man|woman|person|ent|ant|ee|ive|ary)")
# A role word naming a person by its ending, capitalised or not: "Assemblywoman", "Congressman".
# ("-man" is left to the noun lexicon: Burman, Friedman are surnames.)
PERSON_NOUN = regex.compile(r"\p{L}{3,}(?:woman|women|person|persons)")
# Titles of rank, nobility and religion, written before a name: "Princess Ubolratana".
HONORIFICS = frozenset(
    "king queen prince princess emperor empress sheikh sheik emir sultan pope cardinal archbishop bishop "
    "imam rabbi reverend father sister brother saint sir dame lord lady baron baroness duke duchess count "
    "countess crown".split()
)
# An acronym of a body or a title: "MP", "CEO", "RNC".
ACRONYM = regex.compile(r"\p{Lu}{2,4}")
# An initial standing for a given name: "J." of "J. K. Rowling".
INITIAL = regex.compile(r"\p{Lu}\.")
# What the gender of "he", "she" and a title is.
PRONOUN_GENDERS = {"he": MALE, "she": FEMALE}
TITLE_GENDERS = {"mr.": MALE, "mr": MALE, "mrs.": FEMALE, "mrs": FEMALE, "ms.": FEMALE, "ms": FEMALE,
                 "miss": FEMALE}
# An abbreviated title and the role word it stands for, so "Sen. Sanders" is "the senator".
TITLE_ROLES = {
    "sen": "senator", "sens": "senator", "rep": "representative", "reps": "representative",
    "gov": "governor", "gen": "general", "lt": "lieutenant", "col": "colonel", "maj": "major",
    "capt": "captain", "cmdr": "commander", "sgt": "sergeant", "adm": "admiral", "prof": "professor",
    "rev": "reverend", "dr": "doctor", "pres": "president", "amb": "ambassador", "atty": "attorney",
    "supt": "superintendent",
}
SPELT_TITLES = frozenset(TITLE_ROLES.values())  # "Admiral Elson Hermogino", as "Adm."
# A given name counts when it heads this many full-name Sources in PolNeAR train, and has a
# gender when this much evidence shows it, at this share.
GIVEN_MIN_SOURCES = 2
GENDER_MIN_EVIDENCE = 3
GENDER_MIN_SHARE = 0.75
TITLE_MIN_COUNT = 3  # a title word of name_titles.tsv counts from this many Sources
LOOK_BACK = 6  # how many speakers or named people back a pronoun's person may be
# The word a mention at an offset opens with: "he" / "she" / "the".
PRONOUN_AT = regex.compile(r"\p{L}+")
# Capitalised words that open a sentence without being a name, bar the titles that open one.
FUNCTION_WORDS = P.NOT_NAME_WORDS - P.TITLES
# Words that open a sentence or clause before a name without being part of it: "Neither Cruz".
SENTENCE_WORDS = frozenset(
    "neither nor either like unlike last next every each all both many most such than because despite "
    "whenever wherever whatever however unless once should would could will can may might must did does "
    "do had has have was were is are be being been said says say asked told "
    "week weekend month year night morning afternoon evening ago".split()
)
PREPOSITIONS = frozenset(P.PREPOSITION.removeprefix("(?:").removesuffix(")").split("|"))
# A capitalised participle opening a sentence, not a name: "Calling", "Speaking", "Being".
PARTICIPLE = regex.compile(r"\p{Ll}{3,}ing")
# What a place's name follows in the text: "in Toronto", "at Binghamton University".
PLACE_BEFORE = frozenset(("in ", "at "))
# The first word of a region's name, never of a person's: "Northern Cyprus", "South Carolina".
COMPASS = frozenset("North South East West Northern Southern Eastern Western Central Upper Lower".split())
# Words that close a name run without being part of it: "Juanita Broaddrick Sunday".
DATE_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December".split()
)
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


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name -> its gender ("male", "female", or "" when PolNeAR train does not tell), from
    ``lexicons/given_names.tsv`` (``tools/mine_names.py``). A first word counts as a given name
    when it heads enough full-name Sources and is no common word ("New" of "New York Times"
    is written "new" more than half as often as "New") unless its gender evidence says it is
    one ("Bill", "Mark")."""
    names = {}
    for row in _read_lexicon("given_names.tsv"):
        male, female = int(row["male"]), int(row["female"])
        evidence = male + female
        gender = ""
        if evidence >= GENDER_MIN_EVIDENCE and max(male, female) >= GENDER_MIN_SHARE * evidence:
            gender = MALE if male > female else FEMALE
        common = 2 * int(row["lowercase"]) > int(row["capitalised"])
        if int(row["sources"]) >= GIVEN_MIN_SOURCES and (gender or not common):
            names[row["name"]] = gender
    return names


@lru_cache(maxsize=1)
def name_titles() -> frozenset[str]:
    """Words written before a name in PolNeAR train Sources that are titles, roles or parties
    ("republican", "rnc", "chairman"), from ``lexicons/name_titles.tsv``; never a given name,
    nor a word of the sentence that happened to open a Source ("like Donald Trump")."""
    given = {name.casefold() for name in given_names()}
    return frozenset(
        row["word"] for row in _read_lexicon("name_titles.tsv")
        if int(row["count"]) >= TITLE_MIN_COUNT and row["word"] not in given
        and row["word"] not in P.TITLE_SMALL_WORDS | P.NOT_NAME_WORDS | SENTENCE_WORDS
    )


def _read_lexicon(name: str) -> list[dict[str, str]]:
    with (P.LEXICONS / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@dataclass(frozen=True, slots=True)
class _Person:
    name: str  # canonical
    start: int  # where this mention of them is
    end: int
    spoke: bool = False  # a speaker's mention, not only a name in the text


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
        # Words the text writes in lower case: "Like" of "Like Donald Trump" is a sentence word.
        self._lower_cache: dict[str, bool] = {}
        self._pronouns: dict[str, set[str]] = {}  # speaker -> the genders of the "he"/"she" it was read from
        self._given, self._titles, self._nouns = given_names(), name_titles(), P.speaker_nouns()
        self._canonical: dict[tuple[str, int | None], str] = {}
        self._split_cache: dict[str, tuple[str, str]] = {}
        self._roles: list[tuple[frozenset[str], str, int]] | None = None
        self._role_index: dict[str, list[tuple[frozenset[str], str, int]]] | None = None
        self._described: dict[frozenset[str], str] = {}
        self._spellings: dict[tuple[str, int, str], list[int]] | None = None  # half -> surnames
        self._surnames: list[str] = []  # the known surnames in text order, for ``_spellings``
        self._names: list[tuple[str, int, int]] = []  # every capitalised name: (as written, start, end)
        for run, run_start in _name_runs(masked):
            for piece, at in _pieces(run, run_start):
                name, start, end = _strip_name(piece, at)
                if name:
                    self._names.append((name, start, end))
        given = self._given
        # What trimming a sentence word needs to know: the names written, and the surnames of
        # people whose given name is known ("Sanders" makes "Will Sanders" a sentence word's).
        self._written = frozenset(name for name, _s, _e in self._names)
        self._person_surnames = frozenset(
            name.rpartition(" ")[2] for name in self._written if name.partition(" ")[0] in given and " " in name
        )
        self.people: dict[str, list[str]] = {}  # surname -> its people's fullest names, first seen first
        # Names the text gives only a place or a building: "in Toronto", "at Binghamton University".
        placed, elsewhere = set(), set()
        for name, start, _end in self._names:
            after_place_word = masked[start - 3 : start] in PLACE_BEFORE and not masked[start - 4 : start - 3].isalpha()
            (placed if after_place_word else elsewhere).add(name)
        self._places = frozenset(name for name in placed - elsewhere if name.partition(" ")[0] not in given)
        self._full_starts: dict[str, list[int]] = {}  # surname -> where a full name of it stands
        self._full_names: dict[str, list[str]] = {}  # ... and which name that is, as written
        self._titled: dict[str, set[str]] = {}  # surname -> genders its Mr./Mrs./Ms. show
        added = set()
        for written, start, _end in self._names:
            if " " not in written:
                continue  # a word alone names no full person and carries no title
            role, name = self.split(written)
            if not name:
                continue
            surname = name.rpartition(" ")[2]
            if role:
                title = self._title_gender(role)
                if title:
                    self._titled.setdefault(surname, set()).add(title)
            if surname != name:
                if name not in added:
                    added.add(name)
                    self._add_person(name)
                self._full_starts.setdefault(surname, []).append(start)
                self._full_names.setdefault(surname, []).append(name)
        self._mentions: list[_Person] | None = None
        self._starts: list[int] = []
        # Acronyms the text defines: "the Kurdish-led Syrian Democratic Forces (SDF)" -> SDF
        self._acronyms: dict[str, str] = {}
        for written, start, end in self._names:
            defined = ACRONYM_AFTER.match(masked, end)
            if defined:
                expansion = _expansion(written, defined.group("acronym"))
                if expansion:
                    self._acronyms.setdefault(defined.group("acronym"), expansion)

    @property
    def mentions(self) -> list[_Person]:
        """The people named in the text, by start offset (speakers apart); built on demand."""
        if self._mentions is None:
            self._mentions = []
            for written, start, end in self._names:
                role, name = self.split(written)
                words = name.split()
                if not words or (len(words) == 1 and words[0] not in self.people and words[0] not in self._titled):
                    continue  # "Toronto", "Whenever": nobody the text shows to be a person
                canonical = self._resolve(name, start, self._title_gender(role))
                if canonical:
                    self._mentions.append(_Person(canonical, start, end))
            self._starts = [person.start for person in self._mentions]
        return self._mentions

    def _add_person(self, name: str) -> None:
        """A full name joins the person it is a form of ("Donald J. Trump" and "Donald Trump"),
        who keeps the fuller form, or is a new person of its surname ("Eric Trump")."""
        people = self.people.setdefault(name.split()[-1], [])
        for index, person in enumerate(people):
            if same_given_names(person, name) or same_given_names(name, person):
                longer, shorter = (name, person) if len(name) > len(person) else (person, name)
                people[index] = shorter if self._leading_extra(longer, shorter) else longer
                return
        people.append(name)

    def _leading_extra(self, longer: str, shorter: str) -> bool:
        """Whether ``longer`` is ``shorter`` behind words that are no part of the name: a
        title the lexicons miss ("Represenative Adam Schiff" of "Adam Schiff", who opens with a
        given name) or a place the text names alone ("Argentina Alberto Fernández"); "Álvaro
        López Miera" keeps the given name that "López Miera" lacks."""
        if not longer.endswith(" " + shorter):
            return False
        extra = longer[: -len(shorter) - 1]
        return shorter.partition(" ")[0] in self._given or extra in self._written or all(
            self._title_word(word, "", True) for word in extra.split())

    def split(self, written: str) -> tuple[str, str]:
        """A name as written -> (role, name): "Republican presidential nominee Donald Trump" ->
        ("Republican presidential nominee", "Donald Trump"); "Like Donald Trump" -> ("", "Donald
        Trump"); "Should" -> ("", "") where the text writes "should" and nobody is called so."""
        if written not in self._split_cache:
            self._split_cache[written] = self._split(written)
        return self._split_cache[written]

    def _split(self, written: str) -> tuple[str, str]:
        if not written:
            return "", ""
        if " " not in written:  # the common case, a surname alone: "Trump", "Trump's", "Should"
            if self._sentence_word(written, []):
                return "", ""
            key = written.casefold().rstrip(".")
            if key in TITLE_ROLES or key in TITLE_GENDERS or key in SPELT_TITLES or self._nouns.get(key):
                return written, ""  # a title alone ("Rep", "Senator") names nobody
            return "", written.removesuffix("'s").removesuffix("’s").rstrip(".")
        words = written.split()
        if "of" in words[1:-1]:  # "Ross Eisenbrey of the Economic Policy Institute"
            at = words.index("of")
            role, name = self._split(" ".join(words[:at]))
            named = any(word in self._given or INITIAL.fullmatch(word) for word in words[:at])
            key = words[at - 1].casefold().rstrip(".")
            person_title = bool(self._nouns.get(key) or key in TITLE_ROLES or key in SPELT_TITLES
                                or key in HONORIFICS or PERSON_NOUN.fullmatch(key))  # not -man: "Burman of"
            if not named and not person_title and " " not in name and (
                    self._nouns.get(key) is False or key in self._titles):
                return "", written.rstrip(".")  # "University of Essex" is one name
            if name and (named or not person_title):
                return role, name  # "Peter T. King of New York", "Ross Eisenbrey of the Institute"
            # "Mayor of London Sadiq Khan": the title's body is one word when a full name follows
            rest = words[at + 1 :]
            body = rest[:1] if len(rest) >= 3 and rest[0][0].isupper() else []
            role, name = self._split(" ".join(rest[len(body):]))
            return " ".join(words[:at + 1] + body + ([role] if role else [])), name
        for index in range(1, len(words) - 1):  # a given name opens the name: "MP Philip Hammond"
            if words[index] in self._given and words[index - 1] not in self._given and words[index - 1][0].isupper():
                role, name = self._split(" ".join(words[index:]))
                head = words[:index]
                while head and not self._title_word(head[0], (head[1:] + words[index:])[0], True) \
                        and self._sentence_word(head[0], head[1:] + words[index:]):
                    head = head[1:]
                return " ".join(head + ([role] if role else [])), name
        titled = [False] * (len(words) - 1)
        for index in range(len(words) - 2, -1, -1):  # from the right: a title word leans on the next
            titled[index] = self._title_word(words[index], words[index + 1],
                                             index + 1 < len(titled) and titled[index + 1])
            if not titled[index] and index + 3 <= len(words) and words[index] not in self._given and (
                    index == 0 or index + 3 == len(words) or titled[index + 1] or words[index + 1] in self._given):
                # before a full name, a capitalised agent noun or an acronym is a title:
                # "Broadcaster Piers Morgan", "MP Penny Sharpe", "Detective Inspector Darren Gough"
                titled[index] = bool(AGENT_NOUN.fullmatch(words[index].lower()) or ACRONYM.fullmatch(words[index]))
        last_title = max((index for index, title in enumerate(titled) if title), default=-1)
        role, name = words[: last_title + 1], words[last_title + 1 :]
        if role and name and name[0].casefold() in PREPOSITIONS:
            return " ".join(role), ""  # a headline's "CNN President On Trump": the president is not named
        while len(name) > 1 and self._sentence_word(name[0], name[1:]):
            name = name[1:]
        if len(name) == 1 and not role and self._sentence_word(name[0], []):
            name = []
        while role and (role[0].casefold() in SENTENCE_WORDS or role[0].casefold() in FUNCTION_WORDS
                        or role[0][0].isupper() and not titled[last_title + 1 - len(role)]
                        and self._sentence_word(role[0], role[1:] + name)):
            role = role[1:]  # "Last week House Speaker": the sentence's words, not the role's
        for index in range(2, len(name)):  # "Chris Christie Calls Hillary Clinton": a headline's verb
            if self._inner_sentence_word(name[index]):
                name = name[:index]
                break
        while len(name) > 1 and name[-1] in DATE_WORDS:
            name = name[:-1]
        if name:
            name[-1] = name[-1].removesuffix("'s").removesuffix("’s")
            if not name[-1].endswith(("Jr.", "Sr.")):
                name[-1] = name[-1].rstrip(".")
        return " ".join(role), " ".join(name)

    def _title_word(self, word: str, following: str, following_title: bool = False) -> bool:
        """Whether ``word`` before ``following`` is a title, role or party rather than a name
        word: "Sen.", "Chairman", "harbour master", "Commentary's", or a title word of PolNeAR
        Sources before a given name or another title (``following_title``: "Republican Donald
        Trump", "RNC Chairman"; not "New York Times")."""
        if word in self._given:
            return False
        key = word.casefold().rstrip(".")
        if (ABBREVIATED_TITLE.match(word) and not INITIAL.fullmatch(word) or key in self._nouns or key in TITLE_ROLES
                or key in SPELT_TITLES or key in TITLE_GENDERS
                or key in HONORIFICS or word.endswith(("'s", "’s")) or word[0].islower() and AGENT_NOUN.fullmatch(word)
                or PERSON_NOUN.fullmatch(key)):
            return True
        if "-" in key and any(part in self._nouns or part in TITLE_ROLES or AGENT_NOUN.fullmatch(part)
                              for part in key.split("-")[1:]):
            return True  # "Secretary-General", "Co-developer"
        if key not in self._titles:
            return False
        return not following or following_title or following in self._given or bool(INITIAL.fullmatch(following))

    def _inner_sentence_word(self, word: str) -> bool:
        """A capitalised word inside a name run that the text writes in lower case and nobody is
        called: the verb of a Title Case headline ("Calls", "Got")."""
        key = word.casefold()
        return (self._in_lower_case(key) and key not in P.TITLE_SMALL_WORDS and word not in self._person_surnames
                and word not in self._given and not word[0].islower())

    def _sentence_word(self, word: str, rest: list[str]) -> bool:
        """Whether ``word``, before ``rest``, is a word of the sentence rather than of the
        name: a function word, a word in lower case, or one the text also writes in lower case
        ("Like", "Last") when what follows is a name by itself: a given name, a person's
        surname, a name the text writes alone. "New" of "New York Times" stays."""
        key = word.casefold().rstrip(".")
        if word[0].islower() or key in FUNCTION_WORDS:
            return True
        if word in self._given or word in self._person_surnames or word in self.people:
            return False
        if key in SENTENCE_WORDS or PARTICIPLE.fullmatch(key):
            return True
        if not self._in_lower_case(key):
            return False
        if not rest:
            return True  # "Should" alone
        return (rest[0] in self._given or bool(INITIAL.fullmatch(rest[0])) or rest[0] in self._person_surnames
                or " ".join(rest) in self._written)

    def _in_lower_case(self, word: str) -> bool:
        """Whether the text writes ``word`` (lower case) as a word of its own: "like" in "like,"
        makes "Like" a sentence word."""
        if word not in self._lower_cache:
            self._lower_cache[word] = self._written_alone(word)
        return self._lower_cache[word]

    def _written_alone(self, word: str) -> bool:
        """Whether ``word`` stands in the text between two non-letters (a scan of the text with
        ``str.find``, which holds nothing: the text's words are never all collected)."""
        text, size = self.text, len(word)
        at = text.find(word)
        while at >= 0:
            if not (at > 0 and text[at - 1].isalpha()) and not text[at + size : at + size + 1].isalpha():
                return True
            at = text.find(word, at + 1)
        return False

    def _title_gender(self, role: str) -> str:
        return TITLE_GENDERS.get(role.split()[-1].casefold(), "") if role else ""

    @property
    def roles(self) -> list[tuple[frozenset[str], str, int]]:
        """(role words, the name they describe, where it stands), from appositions and
        titles; built on demand."""
        if self._roles is None:
            self._roles = []
            masked = self.masked
            for written, start, end in self._names:  # appositions, read at each name
                before = after = None
                if masked[end : end + 1] == ",":
                    before = ROLE_BEFORE.search(masked, max(0, start - ROLE_REACH), start)
                    after = None if before else ROLE_AFTER.match(masked, end, end + ROLE_REACH)
                if before or after:
                    name = self.resolve_name(written, at=start)
                    if name and len(name.split()) >= 2:
                        self._roles.append((_role_words((before or after).group("role")), name, start))
            for written, start, _end in self._names:
                role, name = self.split(written)
                if " " in name:  # and the role before it in lower case: "study co-author Karen Alley"
                    role = " ".join(filter(None, (self._role_in_lower_case(start), role)))
                if role and name:
                    canonical = self._resolve(name, start, self._title_gender(role))
                    if canonical:
                        self._roles.append((_role_words(role), canonical, start))
            self._roles.sort(key=lambda role: role[2])
        return self._roles

    def _role_in_lower_case(self, start: int) -> str:
        """The role written in lower case right before the name at ``start``: "archbishop" of
        "criticised by archbishop Jo Roe", "study co-author" of "said study co-author Jo Roe";
        its last word names a person, and no function word, preposition or verb is in it."""
        before = LOWER_WORDS_BEFORE.search(self.masked, max(0, start - ROLE_REACH), start)
        if before is None:
            return ""
        words = before.group().split()
        for index in range(len(words) - 1, -1, -1):
            word = words[index]
            if word in FUNCTION_WORDS or word in PREPOSITIONS or word in P.cue_lexicon() or word.endswith("ed"):
                words = words[index + 1 :]
                break
        if not words:
            return ""
        head = words[-1]
        person = self._nouns.get(head)
        if person is None:
            person = head in HONORIFICS or head in SPELT_TITLES or bool(AGENT_NOUN.fullmatch(head))
        return " ".join(words) if person else ""

    def resolve_name(self, written: str, *, at: int | None = None) -> str:
        """A name mention as written ("Sen. Cruz", "Meanwhile") -> canonical name, or "".

        ``at``, where the mention stands, decides between people of one surname (the latest
        full mention before it); without it, the mention is taken to stand right after the
        last speaker's (quotes are attributed in text order)."""
        role, name = self.split(_strip_name(written, 0)[0])
        if name in self._acronyms:
            return self._acronyms[name]  # "SDF" of "Syrian Democratic Forces (SDF)"
        return self._resolve(name, at, self._title_gender(role))

    def role_of(self, written: str) -> str:
        """The title or role written with a name: "RNC Chairman" of "RNC Chairman Reince Priebus"."""
        return self.split(_strip_name(written, 0)[0])[0]

    def canonical_name(self, name: str) -> str:
        """The fullest form of a name in this article; a one-letter misspelling is forgiven."""
        return self.resolve_name(name)

    def _resolve(self, name: str, at: int | None, gender: str = "") -> str:
        shared = len(self.people.get(name.rpartition(" ")[2], ())) > 1  # where it stands may decide
        key = (name, at if shared else None, gender)
        if key not in self._canonical:
            found = self._fullest(name, at, gender)
            if at is None and shared:
                return found  # decided by the speakers so far: not for later
            self._canonical[key] = found
        return self._canonical[key]

    def _fullest(self, name: str, at: int | None, gender: str) -> str:
        words = name.split()
        if not words:
            return ""
        surname = words[-1]
        if surname not in self.people and len(surname) >= 5:
            known = self._misspelt(surname)
            if known is not None:
                surname = known
                words = words[:-1] + [known]
        people = self.people.get(surname)
        if not people:
            return name
        if len(words) >= 2:
            for person in people:
                if same_given_names(person, " ".join(words)):
                    return person
            return name  # two people of one surname: Bill is not Hillary Clinton
        candidates = [p for p in people if not gender or self.gender(p) in ("", gender)]
        if len(candidates) == 1 and (len(people) == 1 or gender):
            return candidates[0]
        if not candidates:
            return name if len(people) == 1 else ""  # "Mrs. Trump" of an article naming Donald alone
        return self._latest_full(surname, candidates, at)

    def _latest_full(self, surname: str, candidates: list[str], at: int | None) -> str:
        """Of several people of ``surname``, the one named in full last before ``at`` (the last
        speaker's mention when ``at`` is not known), or "" when none is."""
        starts, names = self._full_starts[surname], self._full_names[surname]
        if at is None:
            # Quotes are attributed in text order: the mention stands after the last speaker's,
            # and a surname is not used before its first full mention.
            at = max(max(self.speaker_starts, default=0), starts[0]) + 1
        for index in range(bisect_left(starts, at) - 1, -1, -1):
            for person in candidates:
                if same_given_names(person, names[index]):
                    return person
        return ""

    def gender(self, name: str) -> str:
        """A person's gender where the given-name lexicon or the article shows it: Mr., Mrs., Ms.
        before their surname (when they alone have it), or the "he" or "she" an earlier quote
        of theirs was credited through; "" otherwise."""
        words = name.split()
        if not words:
            return ""
        if len(words) >= 2 and self._given.get(words[0]):
            return self._given[words[0]]
        shown = self._titled.get(words[-1], set())
        if len(shown) == 1 and len(self.people.get(words[-1], ())) <= 1:
            return next(iter(shown))
        shown = self._pronouns.get(name, set())
        return next(iter(shown)) if len(shown) == 1 else ""

    def is_person(self, name: str, *, spoke: bool = False) -> bool:
        """Whether a canonical speaker can be "he" or "she": a full name whose last word is no
        common word ("White House", "Supreme Court" are none), or a surname the text gives a
        person or a title, or that ``spoke`` (was credited with a quote: "Cruz said", not
        "Toronto"); a description ("the minister") as before."""
        words = name.split()
        if not words:
            return False
        if name[0].islower():
            return True
        if name in self._places or words[0] in COMPASS:
            return False
        if len(words) == 1:
            if spoke and not name.isupper() and not self._in_lower_case(name.casefold()):
                return True
            return words[0] in self.people or words[0] in self._titled
        if self._nouns.get(words[-1].casefold()) is False:
            return False  # "Binghamton University", "Labour Party": a body
        if words[-1].isupper() or self._in_lower_case(words[-1].casefold()) and words[0] not in self._given:
            return False
        return True

    def _misspelt(self, surname: str) -> str | None:
        """The first known surname (in text order) one edit from ``surname``.

        One edit leaves either the first or the second half of the shorter word untouched,
        so each known surname is indexed by its halves (for both lengths it may be compared
        at) and only those sharing a half with ``surname`` are compared.
        """
        if self._spellings is None:
            self._spellings, self._surnames = {}, list(self.people)
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
        word = PRONOUN_AT.match(self.masked, start)
        shown = PRONOUN_GENDERS.get(word.group().casefold(), "") if word else ""
        if shown:  # "she said": the article's own word for this speaker's gender
            self._pronouns.setdefault(name, set()).add(shown)

    def antecedent(self, before: int) -> str:
        """Who "he", "she" or "the minister" at offset ``before`` stands for.

        The speaker or the subject of the sentences just before, walking back while they
        too are "he" or "she"; then the last speaker nearby; then the last person named. Only
        a person can be "he" or "she", of the pronoun's gender where that is known.
        """
        word = PRONOUN_AT.match(self.masked, before)
        gender = PRONOUN_GENDERS.get(word.group().casefold(), "") if word else ""
        pronoun = bool(gender)

        def fits(name: str, spoke: bool = False) -> bool:
            if not name or pronoun and not self.is_person(name, spoke=spoke):
                return False
            return not gender or self.gender(name) in ("", gender)

        horizon = self._horizon(before)
        index = bisect_right(self.sentence_starts, before) - 1
        for k in range(index, max(-1, index - 4), -1):
            start, end = self.sentence_starts[k], min(self.sentence_starts[k + 1], before)
            if start < horizon:
                break
            spoke = self._last_speaker_in(start, end)
            if fits(spoke, spoke=True):
                return spoke
            subject = SENTENCE_SUBJECT.match(self.masked, start, min(end, start + SUBJECT_SPAN))
            if subject is None:
                inner = self._clause_subject(start, end, fits) if pronoun and k < index else ""
                if inner:
                    return inner
                continue
            if subject.group("name"):
                written, at, _end = _strip_name(subject.group("name"), subject.start("name"))
                role, name = self.split(written)
                canonical = self._resolve(name, at, self._title_gender(role) or gender)
                if fits(canonical):
                    return canonical
                continue
            if subject.group("pronoun") and subject.group("pronoun").lower() not in ("he", "she"):
                break  # "they", "it", "I": someone else is being talked about
        for k in range(bisect_left(self.speaker_starts, before) - 1, max(-1, bisect_left(self.speaker_starts, before) - 1 - LOOK_BACK), -1):
            if self.speaker_starts[k] < horizon:
                break
            if fits(self.speaker_names[k], spoke=True):
                return self.speaker_names[k]
        return self.recent_person(before, fits=fits)

    def _clause_subject(self, start: int, end: int, fits) -> str:
        """The one person ``masked[start:end]`` names as the subject of a verb, when the
        sentence's main subject is none: "This was the first time Flynn made a speech since he
        was pardoned by Trump. He said" -> Flynn, not Trump."""
        found = ""
        self.mentions  # builds the index
        for k in range(bisect_left(self._starts, start), bisect_left(self._starts, end)):
            person = self._mentions[k]
            if person.name.partition(" ")[0] in self._given and P.FINITE_AFTER.match(self.masked, person.end) \
                    and fits(person.name):
                if found and found != person.name:
                    return ""  # two people act in it: the text does not decide
                found = person.name
        return found

    def named_before(self, offset: int) -> str:
        """The name a relative pronoun hangs on: "Patti LaBelle, who joked"."""
        match = NAME_BEFORE.search(self.masked, max(0, offset - 80), offset)
        return self.resolve_name(match.group("name"), at=match.start("name")) if match else ""

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
        stand, when one person has it; otherwise (and for a bare "the minister") it is the person
        last given such a role before it. Nothing ties it to anyone: "", and the description
        stands as its own speaker rather than a guess.

        A "description" that ends in a name is that name: "the White House", "The Israeli
        newspaper Haaretz" are the body as written, "his campaign manager Jeff Weaver" the person.
        """
        named = self._named_in(description, before)
        if named is not None:
            return named
        words = _role_words(description) - P.TITLE_SMALL_WORDS - {"this", "that"}
        if len(words) >= 2:
            if words not in self._described:
                self._described[words] = self._role_holder(words)
            if self._described[words]:
                return self._described[words]
        if not words:
            return ""
        holder, tied = self._latest_holder(words, before)
        salient, mentioned = self._salient(before)
        if salient and mentioned > tied:
            return salient  # "Shoigu proposed ... The minister assured": who was just spoken of
        return holder

    def _named_in(self, description: str, before: int) -> str | None:
        """For a description whose head (before a preposition) ends in a name: the person it
        names, resolved ("his campaign manager Jeff Weaver"), or "" for a body, which stands as
        written ("the White House", "the Russian agency Sputnik"); None when it ends in a role
        ("the former House Speaker") or in no name."""
        head = HEAD_END.split(description, maxsplit=1)[0].rstrip(" .")
        last = None
        for last in NAME_IN_TEXT.finditer(head):
            pass
        if last is None or last.end() != len(head):
            return None
        written, start, _end = _strip_name(last.group(), last.start())  # "The Miami Herald"
        if not written or start == 0 and not written.split()[0].endswith(("'s", "’s")):
            return None  # "Labour's Shadow Home Secretary Yvette Cooper" opens with its determiner
        role, name = self.split(written)
        words = name.split()
        if not words:
            return None
        if name in self._acronyms:
            return self._acronyms[name]  # "the SDF" of "Syrian Democratic Forces (SDF)"
        key = words[-1].casefold().rstrip(".")
        if self._nouns.get(key) or key in TITLE_ROLES or key in SPELT_TITLES or key in HONORIFICS:
            return None  # a person's role: "the former House Speaker"
        if len(words) >= 2 and self.is_person(name) or words[0] in self.people:
            return self._resolve(name, before, self._title_gender(role))
        return ""

    def _latest_holder(self, words: frozenset[str], before: int) -> tuple[str, int]:
        """The person last given a role with all of ``words`` before offset ``before`` ("Mayor
        Jane Roe" or "Roe, the city's mayor," for "the mayor"), and where; ("", -1) for none."""
        self._role_holder(words)  # builds the index
        assert self._role_index is not None
        holders = min((self._role_index.get(word, []) for word in words), key=len)
        for role, name, start in reversed(holders):
            if start < before and words <= role:
                return name, start
        return "", -1

    def _salient(self, before: int) -> tuple[str, int]:
        """The person the sentence at ``before`` or the one before it is about (its speaker, or
        its subject when that names a person), and where they are mentioned; ("", -1) for none."""
        index = bisect_right(self.sentence_starts, before) - 1
        read = 0
        for k in range(index, max(-1, index - 6), -1):
            start, end = self.sentence_starts[k], min(self.sentence_starts[k + 1], before)
            if not P.WORD.search(self.masked, start, end):
                continue  # a paragraph break or a closing mark is no sentence
            read += 1
            if read > 2:
                break
            at = bisect_left(self.speaker_starts, end) - 1
            if at >= 0 and self.speaker_starts[at] >= start and self.is_person(self.speaker_names[at], spoke=True):
                return self.speaker_names[at], self.speaker_starts[at]
            subject = SENTENCE_SUBJECT.match(self.masked, start, min(end, start + SUBJECT_SPAN))
            if subject is not None and subject.group("name"):
                written, at, _end = _strip_name(subject.group("name"), subject.start("name"))
                role, name = self.split(written)
                canonical = self._resolve(name, at, self._title_gender(role))
                if canonical and self.is_person(canonical) and len(canonical.split()) >= 2 or canonical in self.people:
                    return canonical, at
        return "", -1

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
        for role, name, _start in holders:
            if words <= role and name != found:
                if found:
                    return ""
                found = name
        return found

    def recent_person(self, before: int, *, fits=None) -> str:
        """The person mentioned last before offset ``before``, within a few paragraphs: a
        name in the text, or a speaker mentioned later than any such name (at the same offset,
        the name in the text wins). With ``fits``, the last one it accepts, a few back at most."""
        horizon = self._horizon(before)
        mentions = self.mentions
        index = bisect_left(self._starts, before) - 1
        spoke = bisect_left(self.speaker_starts, before) - 1
        for _ in range(LOOK_BACK):
            person = mentions[index] if index >= 0 else None
            if spoke >= 0 and (person is None or self.speaker_starts[spoke] > person.start):
                person = _Person(self.speaker_names[spoke], self.speaker_starts[spoke], self.speaker_ends[spoke], True)
                spoke -= 1
            else:
                index -= 1
            if person is None or person.start < horizon:
                return ""
            if person.end <= before and (fits is None or fits(person.name, person.spoke)):
                return person.name
            if fits is None:
                return ""
        return ""


def _role_words(role: str) -> frozenset[str]:
    """A role's words for matching a description: lowercased, abbreviated titles spelt out
    ("Sen." -> "senator"), a possessive's "'s" dropped."""
    words = (w.lower().removesuffix("'s").removesuffix("’s") for w in P.WORD.findall(role))
    return frozenset(TITLE_ROLES.get(w, w) for w in words if w)


def _expansion(name: str, acronym: str) -> str:
    """The words of ``name`` that ``acronym`` abbreviates, its last ones: "Syrian Democratic
    Forces" of "Kurdish-led Syrian Democratic Forces" for SDF; "" when the initials differ."""
    words = name.split()
    if len(words) < len(acronym):
        return ""
    tail = words[len(words) - len(acronym) :]
    return " ".join(tail) if "".join(word[0] for word in tail) == acronym else ""


def _name_runs(masked: str) -> Iterator[tuple[str, int]]:
    """The runs of capitalised words in ``masked``, with where each starts; an office and the
    full name after it ("President of Argentina Alberto Fernández") are one run, which
    ``ArticleSpeakers.split`` reads as a title and a name."""
    pending = None
    for match in NAME_IN_TEXT.finditer(masked):
        if pending is not None:
            if match.start() == pending.end() + len(OF) and masked.startswith(OF, pending.end()) \
                    and match.group().count(" ") >= 2:
                yield masked[pending.start() : match.end()], pending.start()
                pending = None
                continue
            yield pending.group(), pending.start()
        pending = match
    if pending is not None:
        yield pending.group(), pending.start()


def _pieces(run: str, start: int) -> Iterator[tuple[str, int]]:
    """A run of capitalised words cut where a word is no part of a name, as in a Title Case
    headline: "Hillary Clinton Goes After Donald Trump" -> "Hillary Clinton", "Donald Trump"."""
    words = run.split(" ")
    if len(words) == 1 or NOT_IN_NAME.isdisjoint(words):
        yield run, start  # the common case: nothing to cut
        return
    piece_start = at = 0
    for word in words:
        if word in NOT_IN_NAME:
            if at > piece_start:
                yield run[piece_start : at - 1], start + piece_start
            piece_start = at + len(word) + 1
        at += len(word) + 1
    if piece_start < len(run):
        yield run[piece_start:], start + piece_start


def _strip_name(name: str, start: int) -> tuple[str, int, int]:
    """Drop sentence-initial words ("The", "According") and trailing full stops."""
    words = name.split()
    offset = 0
    while words and words[0].lower().rstrip(".") in FUNCTION_WORDS:
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
        (i for i, w in enumerate(words[:-1])
         if ABBREVIATED_TITLE.match(w) and not INITIAL.fullmatch(w) or nouns.get(w.lower())),
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
