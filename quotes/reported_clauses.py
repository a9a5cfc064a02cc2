"""The clauses of one reported statement (``quotes.reported``'s sentence readings): an
attribution between commas inside its content (`A, officials said, B`), a participle after
such an aside (`A, officials said, adding that B`), and the second statements a content holds
(`said A and insisted that B`, `said A, which he said would B`).
"""

from __future__ import annotations

import regex

from quotes.layout import FILLER
from quotes.mentions import _found, _Found
from quotes.reported_content import content, content_after_cue, skip_space
from quotes.reported_cues import (
    BAD_OPENING,
    COMMA_BEFORE,
    COORDINATION,
    PAST_FORM,
    MIN_CONTENT_WORDS,
    OWN_WORD,
    PRONOUN_COORDINATION,
    Cue,
    reporting_verbs,
)
from quotes.reported_people import near_plural
from quotes.reported_subjects import relative_report, subject_before
from quotes.types import Mention

# A sentence opening with a time, a place or a participle: what precedes its attribution's
# comma is a lead, not content (`In an interview with TMZ, Walker said, ...`, `Asked about it, ...`).
LEAD_PHRASE = regex.compile(
    r"[ \n\"“”'‘’]*(?:(?:In|On|At|During|After|Before|When|Where|While|Since|Until|Asked|Less|More|Just|Earlier|Later|Last|This"
    r"|Speaking|Writing|Holding|Dashing|Standing|Addressing)\b|\p{Lu}\p{Ll}+ing\b)"
)
# An auxiliary right after an aside's comma: the aside parts the content's subject from its verb.
ASIDE_VERB = regex.compile(r"(?:has|have|had|is|are|was|were|will|would|can|could|should|may|might|must|does|did)[ ]+\p{L}")
# After a cue: a quotation next, past a comma or a colon (`and said, "..."`).
QUOTATION_NEXT = regex.compile(r"[ ,:]*[\"“”'‘’]*" + FILLER)
# A clause of its own after the content: a comma and a conjunction, then a subject before its
# cue (`Obama stressed that A, and rights groups warned that B`).
OWN_CLAUSE = regex.compile(r",[ ]+(?:and|but|while|whereas|yet)[ ]+")
OWN_CLAUSE_REACH = 80  # how far before its cue such a clause's comma may stand
# ...whose cue a preposition follows: the subject's participle as often (`the address listed on`).
PLACE_AFTER_CUE = regex.compile(r"[ ]+(?:on|in|at|by|from|under|over)[ ]")
# A subordinate clause inside a content, with a subject of its own: `after she attacked`,
# `because Jane Roe wanted` (a verb after its "and" is that subject's as often).
INNER_SUBJECT = regex.compile(
    r"(?<![\p{L}])(?:after|before|because|when|while|since|although|though|once|until|whereas)[ ]+"
    r"(?:he|she|they|\p{Lu}[\p{L}.'’\-]+(?:[ ]+\p{Lu}[\p{L}.'’\-]+){0,2})[ ]+\p{Ll}"
)


def tense(cue: str) -> str:
    """A finite cue's tense, "past" or "present" (`said`, `says`, `say`), or "" (a participle)."""
    word = cue.split()[0].lower()
    if word.endswith("ing"):
        return ""
    return "past" if PAST_FORM.match(word) else "present"


def inside_attribution(masked: str, start: int, end: int, subject_start: int, content_start: int,
                       found: _Found) -> tuple[int, int, _Found] | None:
    """`She was not surprised, her advisers said Friday, because she understands ...`: an
    attribution between commas inside its content makes the whole sentence the statement."""
    if masked[content_start - 2 : content_start] != ", " or masked[subject_start - 2 : subject_start] != ", ":
        return None
    if found.kind == "pronoun" and found.mention.text.lower() in ("who", "which"):
        return None  # `Justice Scalia, who voted in the majority, died`: a relative clause
    own_before = len(OWN_WORD.findall(masked, start, subject_start))
    if own_before < MIN_CONTENT_WORDS and not (own_before and ASIDE_VERB.match(masked, content_start, end)):
        return None  # (`Mr. Obama, officials said, has become ...`: the aside parts a subject from its verb)
    if BAD_OPENING.match(masked, content_start, end) and not ASIDE_VERB.match(masked, content_start, end):
        return None
    if masked[content_start] in "\"“”'‘’_" or LEAD_PHRASE.match(masked, start, subject_start):
        return None  # `In a statement, Smith said, "..."`: a lead and a quotation, not content around its attribution
    return content(masked, skip_space(masked, start, end), end, found)


def coordinated(masked: str, content_start: int, end: int, found: _Found, later: list[Cue],
                verbs: dict[str, tuple[int, int, int]]) -> list[tuple[int, int, _Found]] | None:
    """`Smith said A and insisted that B`, `Smith said A, noting that B`, `Smith said A, but she
    added B`: a second reporting verb in the content ends the first content and opens a second
    one, of the same subject (or of the pronoun before it); `Smith said A, which he said would
    B`: one in a relative clause, of its own subject."""
    statements = []
    for cue in later:
        window = max(content_start, cue.start() - 20)
        joint = COORDINATION.search(masked, window, cue.start()) or COMMA_BEFORE.search(masked, window, cue.start())
        pronoun = None if joint else PRONOUN_COORDINATION.search(masked, window, cue.start())
        second_start = (joint or pronoun) and content_after_cue(masked, cue, end, verbs)
        if not (joint or pronoun):
            own = _own_clause(masked, content_start, cue)
            if own is not None:  # `A, and rights groups warned that B`: B is theirs, and A ends at the comma
                comma, subject = own
                first = content(masked, content_start, comma, found, closed=True)
                second_start = content_after_cue(masked, cue, end, verbs)
                if second_start is not None and PLACE_AFTER_CUE.match(masked, cue.end()) and \
                        not masked.startswith("that ", second_start - 5):
                    second_start = None  # `but the address listed on the records is a lot`: a participle, not a cue
                if first is None or second_start is None:
                    end = comma
                    break
                statements.append(first)
                found, content_start = _found(subject, subject.start("mention"), cue), second_start
                continue
            # `said A, which he said would B`: a report inside the content
            relative = relative_report(masked, content_start, end, cue)
            comma = masked.rfind(", ", content_start, cue.start())
            first = content(masked, content_start, comma, found, closed=True) if relative and comma >= 0 else None
            if first is not None:
                return statements + [first, relative]
        if not second_start:
            if (joint or pronoun) and QUOTATION_NEXT.match(masked, cue.end(), end):
                end = (joint or pronoun).start()  # `cited A and said, "..."`: the quotation is its own row
                break
            continue
        participle = cue.group().split()[0].endswith("ing")
        if participle and not (joint and masked[joint.start()] == ","):
            continue  # `said A and saying B` is no English; `said A while saying B` no new statement
        first_tense, second_tense = tense(found.cue.text), tense(cue.group())
        if joint and joint.group().strip(", ") and first_tense and second_tense and first_tense != second_tense \
                and not (second_tense == "past" and masked.startswith("that ", second_start - 5)):
            continue  # `Police say he posed a threat and refused to drop the gun`: the content's own verb
            # (but `aides say A but noted that B`: a past verb and its "that" make a cue; not `to step up and show that`)
        inner = _inner_subject(masked, content_start, joint.start()) if joint is not None and not joint.group().startswith(",") else None
        if inner is not None:
            end = joint.start()  # `described A after she attacked B and blamed C`: C is hers, whoever she is
            break
        first = content(masked, content_start, (joint or pronoun).start(), found, closed=True)
        if first is None:
            continue
        statements.append(first)
        cue_mention = Mention(cue.group(), cue.start(), cue.end())
        if pronoun:
            found = _Found(Mention(pronoun.group("mention"), pronoun.start("mention"), pronoun.end("mention")), "pronoun", cue_mention)
        else:
            found = _Found(found.mention, found.kind, cue_mention)
        content_start = second_start
    last = content(masked, content_start, end, found)
    if last is not None:
        statements.append(last)
    return statements or None


def _inner_subject(masked: str, content_start: int, joint_start: int) -> regex.Match[str] | None:
    """The subject of the last subordinate clause of a content before its "and": the verb
    after the "and" is that subject's (`after she attacked B and blamed C`)."""
    inner = None
    for inner in INNER_SUBJECT.finditer(masked, content_start, joint_start):
        pass
    return inner


def _own_clause(masked: str, content_start: int, cue: Cue) -> tuple[int, regex.Match[str]] | None:
    """The comma and the subject of a clause of its own that ``cue`` opens inside a content:
    `..., and human rights groups warned`; None where the words before the cue are no subject."""
    window = max(content_start, cue.start() - OWN_CLAUSE_REACH)
    joints = list(OWN_CLAUSE.finditer(masked, window, cue.start()))
    if not joints:
        return None
    joint = joints[-1]
    subject = subject_before(masked, joint.end(), cue.start()) or near_plural().fullmatch(masked, joint.end(), cue.start())
    if subject is None or subject.start("mention") != joint.end() or subject.groupdict().get("pronoun") in ("who", "which"):
        return None
    return joint.start(), subject


def participle_after_aside(masked: str, end: int, statement: tuple[int, int, _Found],
                           cues: list[Cue]) -> list[tuple[int, int, _Found]] | None:
    """`A, officials said Monday, adding that B.`: an attribution inside its content whose
    participle goes on with a second statement of the same speaker: A and B, two rows."""
    content_start, content_end, found = statement
    attribution_start = min(found.mention.start, found.cue.start)
    if not content_start < attribution_start < content_end:
        return None  # (the attribution closes its content: nothing goes on after it)
    comma = masked.rfind(",", content_start, attribution_start)
    after = masked.find(",", max(found.mention.end, found.cue.end), content_end)
    if comma < 0 or after < 0:
        return None
    for cue in cues:
        if cue.start() < after or not cue.group().split()[0].endswith("ing"):
            continue
        if masked[after : cue.start()].strip(", ") or cue.start() >= content_end:
            return None  # (only a participle right after the attribution's comma)
        second_start = content_after_cue(masked, cue, end, reporting_verbs())
        if second_start is None:
            return None
        first = content(masked, content_start, comma, found, closed=True)
        second = content(masked, second_start, end, _Found(found.mention, found.kind, Mention(cue.group(), cue.start(), cue.end())))
        return [first, second] if first and second else None
    return None
