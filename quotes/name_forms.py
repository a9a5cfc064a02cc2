"""Name forms and the lexicons behind them, for reading speaker mentions.

The regex constants and lexicons that ``quotes.speakers`` and ``quotes.references`` read names
with (titles, honorifics, given names mined from PolNeAR train), and the functions on a name as
written: runs of capitalised words cut into names, sentence words and titles stripped,
acronyms expanded, spellings one edit apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Mapping

import regex

from quotes import patterns as P
from quotes.lexicon import read_lexicon

MALE, FEMALE = "male", "female"

# An acronym defined in parentheses right after a name: " (SDF)", " (PG&E)".
ACRONYM_AFTER = regex.compile(r"[ ]\((?P<acronym>\p{Lu}{2,6}|\p{Lu}{1,4}&\p{Lu}{1,4})\)")
# The small words a spelt-out acronym skips (Pacific Gas and Electric Company for PG&E), and a
# company's word after its initials.
ACRONYM_SKIPS = r"(?:(?:and|&|of|the|for)[ ]+)*"
COMPANY_WORDS = r"(?:[ ]+(?:Company|Corporation|Co\.|Inc\.|Ltd\.?|Group))?"
SPELT_OUT_REACH = 100  # how far before its parenthesis an acronym's spelt-out name may start
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
# A sentence opening with a description and the full name it stands for, then its verb: "Her
# colleague, Justice Russell Brown, dissented." (the name is the sentence's subject).
APPOSED_SUBJECT = regex.compile(
    rf"[ \n]*(?:{P.DETERMINER})[ ][^,.\n_]{{1,60}},[ ]+(?P<name>{P.NAME}),[ ]+\p{{Ll}}"
)
# Where the head of a description ends: a preposition or a clause ("the senator from Vermont").
HEAD_END = regex.compile(rf"[ ](?:{P.PREPOSITION}|who|which|that)(?![\p{{L}}])|[,;(]")
# The name right before a relative pronoun: "Patti LaBelle, who" / "the Department which".
# "of" right before a name: the name is the complement of a phrase, not its head (`the
# Supreme Court of the United States, which`).
COMPLEMENT_BEFORE = regex.compile(r"(?<![\p{L}])of[ ]+(?:the[ ]+)?$")
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
# English nouns that say a person's gender: "the mother" is no man, "the spokesman" no woman.
NOUN_GENDERS = {
    **dict.fromkeys(
        "mother wife woman daughter sister girl widow aunt niece grandmother girlfriend mom queen princess "
        "actress spokeswoman chairwoman congresswoman businesswoman councilwoman congresswomen women".split(), FEMALE),
    **dict.fromkeys(
        "father husband man son brother boy widower uncle nephew grandfather boyfriend dad king prince "
        "actor spokesman chairman congressman businessman councilman men".split(), MALE),
}
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
# Words of rank that make an office of their own: a "Deputy Governor" or a "Vice President" is
# not "the governor" or "the president".
RANK_WORDS = frozenset("deputy vice lieutenant".split())
# Words of one who speaks for someone else: "the spokesman" is not the prime minister whose
# spokesman he is, though the prime minister was spoken of just before.
PROXY_WORDS = frozenset("spokesman spokeswoman spokesperson aide adviser advisor lawyer attorney".split())
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
    for row in read_lexicon("given_names.tsv"):
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
        row["word"] for row in read_lexicon("name_titles.tsv")
        if int(row["count"]) >= TITLE_MIN_COUNT and row["word"] not in given
        and row["word"] not in P.TITLE_SMALL_WORDS | P.NOT_NAME_WORDS | SENTENCE_WORDS
    )




@dataclass(frozen=True, slots=True)
class _Person:
    name: str  # canonical
    start: int  # where this mention of them is
    end: int
    spoke: bool = False  # a speaker's mention, not only a name in the text



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


def spelt_out(masked: str, start: int, acronym: str) -> str:
    """The words right before offset ``start`` that ``acronym`` abbreviates, past the small
    words a name run stops at: "Pacific Gas and Electric Company" before " (PG&E)"; "" for none."""
    words = [regex.escape(letter) + r"[\p{L}\-]*" for letter in acronym if letter != "&"]  # a word for each initial
    pattern = r"(?<![\p{L}])" + ("[ ]+" + ACRONYM_SKIPS).join(words) + COMPANY_WORDS + "$"
    found = regex.search(pattern, masked[max(0, start - SPELT_OUT_REACH) : start])
    return found.group() if found and " " in found.group() else ""


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
