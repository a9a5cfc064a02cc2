"""Who "he", "she" and "the minister" stand for within one article: pronouns and
definite descriptions resolved to the people the article has named, and the roles it gives them.

``References`` is the half of ``quotes.speakers.ArticleSpeakers`` that reads coreference; the
other half (names, their people and genders) is in ``quotes.speakers``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from quotes import patterns as P
from quotes.name_forms import (
    AGENT_NOUN,
    APPOSED_SUBJECT,
    COMPLEMENT_BEFORE,
    FUNCTION_WORDS,
    HEAD_END,
    HONORIFICS,
    LOOK_BACK,
    LOWER_WORDS_BEFORE,
    NAME_BEFORE,
    NAME_IN_TEXT,
    NOUN_GENDERS,
    PREPOSITIONS,
    PROXY_WORDS,
    RANK_WORDS,
    PRONOUN_AT,
    PRONOUN_GENDERS,
    RECENT_PARAGRAPHS,
    ROLE_AFTER,
    ROLE_BEFORE,
    ROLE_REACH,
    SENTENCE_SUBJECT,
    SPELT_TITLES,
    SUBJECT_SPAN,
    TITLE_ROLES,
    _Person,
    _role_words,
    _strip_name,
)


class References:
    """Pronouns, descriptions and roles, over the names of an ``ArticleSpeakers``."""

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
        if start < 2 or not self.masked[start - 2].islower():
            return ""  # no lower-case word right before the name
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
            apposed = APPOSED_SUBJECT.match(self.masked, start, min(end, start + SUBJECT_SPAN))
            if apposed:  # "Her colleague, Justice Russell Brown, dissented. ... he wrote"
                role, name = self.split(apposed.group("name"))
                canonical = self._resolve(name, apposed.start("name"), self._title_gender(role)) if " " in name else ""
                if fits(canonical):
                    return canonical
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
        starts = self._name_starts
        for k in range(bisect_left(starts, start), bisect_left(starts, end)):
            written, at, name_end = self._names[k]
            if not P.FINITE_AFTER.match(self.masked, name_end):
                continue  # the cheap test first: a verb after the name
            role, name = self.split(written)
            canonical = self._resolve(name, at, self._title_gender(role)) if name else ""
            if canonical.partition(" ")[0] in self._given and fits(canonical):
                if found and found != canonical:
                    return ""  # two people act in it: the text does not decide
                found = canonical
        return found

    def named_before(self, offset: int, *, person: bool = False) -> str:
        """The name a relative pronoun hangs on: "Patti LaBelle, who joked"; with ``person``
        ("who"), only a name that can be a person's ("Professor at GT, who said" is not GT's)."""
        match = NAME_BEFORE.search(self.masked, max(0, offset - 80), offset)
        if match and not person and COMPLEMENT_BEFORE.search(self.masked, max(0, match.start("name") - 8), match.start("name")):
            return ""  # `the Supreme Court of the United States, which`: the name is no head of its phrase
        name = self.resolve_name(match.group("name"), at=match.start("name")) if match else ""
        return "" if person and name and not self.is_person(name, spoke=name in self.speaker_names) else name

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
        found = self._described_person(description, before)
        said = NOUN_GENDERS.get(_head_noun(description), "")
        if found and said and self.gender(found) not in ("", said):
            return ""  # "the mother" is not the father the text named last
        return found

    def _described_person(self, description: str, before: int) -> str:
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
        if salient and mentioned > tied and self._may_hold(salient, words) and not self._body_for_person(salient, description):
            return salient  # "Shoigu proposed ... The minister assured": who was just spoken of
        return holder

    def _body_for_person(self, name: str, description: str) -> bool:
        """Whether ``name`` is a body ("the Washington Post", "Xinhua") and the description's head
        a noun of a person ("the judge"): the body spoken of last is not the one it stands for."""
        if not self._nouns.get(_head_noun(description)):
            return False
        return name.startswith("the ") and name[4:5].isupper() or not self.is_person(name)

    def _may_hold(self, name: str, words: frozenset[str]) -> bool:
        """Whether the person ``name`` may be the one a description of ``words`` stands for: not
        when every role the article gives them has a word of rank the description lacks ("the
        governor" is not the "Deputy Emergency Situations Minister" spoken of last); for a word of
        one who speaks for another ("the spokesman"), only when a role of theirs has it."""
        roles = [role for role, holder, _start in self.roles if holder == name]
        proxy = words & PROXY_WORDS
        if proxy and not any(proxy <= role for role in roles):
            return False
        return not roles or any(not _outranks(role, words) for role in roles)

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
            if start < before and _holds(role, words):
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
            if _holds(role, words) and name != found:
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


def _head_noun(description: str) -> str:
    """The head noun of a description, lower case: "mother" of "the mother of two"."""
    return HEAD_END.split(description, maxsplit=1)[0].rstrip(" .").rpartition(" ")[2].lower()


def _holds(role: frozenset[str], words: frozenset[str]) -> bool:
    """Whether a role of these words fits a description of ``words``: it has them all, and no
    word of rank the description lacks ("Deputy Governor Oleg Klimov" is not "the governor")."""
    return words <= role and not _outranks(role, words)


def _outranks(role: frozenset[str], words: frozenset[str]) -> bool:
    """Whether a role has a word of rank (``RANK_WORDS``) that a description of ``words`` lacks."""
    return bool((role & RANK_WORDS) - words)
