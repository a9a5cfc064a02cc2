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

This module holds the names and their people; ``quotes.references`` the pronouns, descriptions
and roles (``ArticleSpeakers`` is both); ``quotes.name_forms`` the patterns and lexicons.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from quotes import patterns as P
from quotes.name_forms import (
    ABBREVIATED_TITLE,
    ACRONYM,
    ACRONYM_AFTER,
    AGENT_NOUN,
    COMPASS,
    DATE_WORDS,
    FUNCTION_WORDS,
    HONORIFICS,
    INITIAL,
    PARTICIPLE,
    PERSON_NOUN,
    PLACE_BEFORE,
    PREPOSITIONS,
    PRONOUN_AT,
    PRONOUN_GENDERS,
    SENTENCE_WORDS,
    SPELT_TITLES,
    TITLE_GENDERS,
    TITLE_ROLES,
    _Person,
    _expansion,
    spelt_out,
    _halves,
    _name_runs,
    _one_edit_apart,
    _pieces,
    _strip_name,
    given_names,
    merge_names,  # noqa: F401  (the corpus merge Spark still calls, from here)
    name_titles,
    same_given_names,
)
from quotes.references import References


# A lower-case word that may stand inside a name: "de" of "Bill de Blasio".
PARTICLE = regex.compile(P.NAME_PARTICLE)
# Lower-case words of time that a sentence puts before a name: "Last week Hope Hicks".
TIME_WORDS = frozenset("week weekend month year night morning afternoon evening day today tonight yesterday".split())


class ArticleSpeakers(References):
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
        self._name_starts = [start for _name, start, _end in self._names]
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
                expansion = _expansion(written, defined.group("acronym")) or spelt_out(masked, end, defined.group("acronym"))
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
        office_to = "to" in words[1:-1] and self._nouns.get(words[words.index("to") - 1].casefold()) is True
        if "of" in words[1:-1] or office_to:  # "Ross Eisenbrey of the Economic Policy Institute"
            at = words.index("to") if office_to else words.index("of")  # "Ambassador to the United Nations Nikki Haley"
            role, name = self._split(" ".join(words[:at]))
            named = any(word in self._given or INITIAL.fullmatch(word) for word in words[:at])
            key = words[at - 1].casefold().rstrip(".")
            person_title = bool(self._nouns.get(key) or key in TITLE_ROLES or key in SPELT_TITLES
                                or key in HONORIFICS or PERSON_NOUN.fullmatch(key)  # not -man: "Burman of"
                                or ACRONYM.fullmatch(words[at - 1]) and not named)  # "CEO of the Refugee Council"
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
            if words[index] in self._given and words[index - 1] not in self._given and (
                    words[index - 1][0].isupper() or words[index - 1].islower()
                    and not PARTICLE.fullmatch(words[index - 1])
                    and words[index - 1] not in TIME_WORDS):  # "Wynnum coach Matt Myers": a role's word
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
        if name[0].islower():  # a description: a person unless a plural ("critics", "his advisers")
            return not (words[-1].endswith("s") and not words[-1].endswith("ss"))
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
