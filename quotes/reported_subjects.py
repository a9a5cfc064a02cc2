"""The subject of a reporting verb that opens its content (``quotes.reported``'s forward shape):
where attribution's mention patterns are tried, and the subjects they leave out.

A subject stands before its cue in the same sentence and opens a clause (its sentence, or
after a comma, a conjunction, a lead word): not the object of another verb, and not the
speaker of a quotation that the words right before it close (`"...," Trump said at a rally`
is that quotation's attribution, not a statement of its own). Also the subject of a cue in a
relative clause (`the launch, which NASA said might ...`: ``relative_report``) and a name after
its role (``named_after_role``, ``named_in_tail``).
"""

from __future__ import annotations

import regex

from quotes import patterns as P
from quotes.attribute import SUBJECT_BEFORE_CUE  # the speaker reading attribution uses
from quotes.layout import FILLER
from quotes.mentions import _found, _Found
from quotes.reported_content import content, skip_space
from quotes.reported_cues import CLAUSE_BEFORE, NEAR_SUBJECT_REACH, PAST_FORM, Cue, opening_main, opening_relative
from quotes.reported_people import near_plural, people_nouns

# The comma or stop and closing mark of a quoted span right before a subject: `"...," Issa`
# (read from the end: the pattern ends there, so only the end's attempt can match).
# A closing mark and a comma after it, at the end: `"...", ` (the comma outside the quotation).
MARK_THEN_COMMA = regex.compile(r"(?r)(?P<mark>[\"“”'‘’]),[ ]+$")
AFTER_CLOSING_MARK = regex.compile(r"(?r)[,;:.!?](?P<mark>[\"“”'‘’])[ ]+$")
# ``CLAUSE_BEFORE`` read from the end, for whether it matches at all (``opens_clause``).
CLAUSE_BEFORE_AT_END = regex.compile("(?r)" + CLAUSE_BEFORE.pattern)
# A hyphen written as a dash right before a subject, and the word before it.
HYPHEN_DASH = regex.compile(r"(?P<word>[^ ]+)[ ]-[ ]?$")
# What a subject and its appositions never hold outside a parenthesis (``last_blocking``).
BLOCKING = "_;:"
RELATIVE_REACH = 200  # how far before its cue a subject with a relative clause may open the sentence
# The last word before a cue, past the auxiliaries and adverbs: the head of a bare subject.
LAST_WORD = regex.compile(r"(?r)([\p{L}\d%]+)(?:[ ]+(?:also|have|had|still|now|\p{Ll}+ly))?[ ]+$")
# Heads of a share of people: `most said`, `46 percent said`, `nine in 10 said`.
PLURAL_HEADS = frozenset("most some many others both half majority minority plurality percent % "
                         "third thirds quarter quarters surveyed polled asked interviewed".split()) | frozenset(map(str, range(101)))
# A preposition's phrase right before a cue, which may tie a bare plural to what it belongs to:
# `elected officials from both parties say` (read from the end, as ``LAST_WORD``).
PHRASE_BEFORE_CUE = regex.compile(r"(?r)(?<![\p{L}])(?P<head>\p{L}+)[ ](?:of|for|in|at|from|with)[ ][^,;:_\n]{1,50}?[ ]+$")
PARTICIPLE_REACH = 300  # how far into its sentence a participle may take the opening subject
# A comma right before a participle cue: `..., saying that`.
PARTICIPLE_COMMA = regex.compile(r",[ ]+$")
# "and" or "but" right before a finite cue: a second verb of the sentence's subject.
COORDINATE_BEFORE = regex.compile(r"(?<![,])[ ]+(?:and|but)(?:[ ]+(?:also|then|later|again))?[ ]+$")
# Between the main verb and a participle: a word that opens another clause with a subject of
# its own, so the participle may be that clause's.
OTHER_SUBJECT = regex.compile(r"[;:—–()]|\b(?:where|who|whom|whose|which|when|because|while|although|though|whereas|unless|he|she|they)\b")
# A role before a name, from its sentence's start (``named_after_role``): capitalised words and
# lower-case ones, each followed by a space.
ROLE_PREFIX = regex.compile(r"[ \n\"“”'‘’]*(?:(?:\p{Lu}[\p{L}&.’'\-]*|(?P<lower>\p{Ll}[\p{Ll}\-]*)|[-–])[ ]+){1,14}")
ROLE_LINKS = frozenset("of the for and at on in de du la von van".split())  # lower-case words a role's name may hold
# A lower-case person noun, then a full name, right before a verb: `... president Jane Roe `.
ROLE_THEN_NAME = regex.compile(r"[ ](?P<noun>\p{Ll}+)[ ]+(?P<name>\p{Lu}[\p{L}’'\-]+(?:[ ]+\p{Lu}[\p{L}’'\-]+){1,2})[ ]+$")
RELATIVE_SUBJECT_REACH = 60  # how far before its cue the relative pronoun of `which NASA said might ...` may stand
# The relative pronoun before the subject of a cue in a relative clause: `, which NASA said`.
RELATIVE_BEFORE = regex.compile(r"(?<![\p{L}])(?:which|that)[ ]+(?=[^,;:_\n]{1,60}$)")
# A verb right after that cue, whose subject is the relative's antecedent: `said might take place`.
RELATIVE_CONTENT_VERB = regex.compile(
    r"[ ]+(?:is|was|are|were|has|had|have|will|would|can|could|should|may|might|must|does|did)[ ]+\p{L}")
# A word of a window before a cue, for the places a subject may start (``subject_before``).
# A word and "and" right before a mention: the mention is the second of a pair who speak
# together (`Grassley and Leahy say`, `exit polls in New Hampshire and Iowa show`, `The
# Investigative Committee and the Federal Security Service said`).
PAIR_BEFORE = regex.compile(r"(?r)(?<![\p{L}])(?P<word>\p{Lu}[\p{L}.'’\-]*)(?:[ ]+\([^()\n]{1,40}\))?(?P<joint>[ ]+(?:and|&)[ ]+(?:the[ ]+)?)$")
PAIR_REACH = 60  # how far before the mention the pair's first word may start
# A capitalised word right before an offset, not a lead word: a mention starting there is the
# tail of a name, or the last of a list (`voters in Alabama, Georgia and Virginia`).
CAPITAL_BEFORE = regex.compile(
    r"(?r)(?<![\p{L}])(?!(?:But|And|Yet|So|Still|Now|Also|However|Meanwhile|Instead|Then|Later|While|Although|Though|Because"
    r"|When|Since|After|Before|Both|Even|If)[ ])\p{Lu}[\p{L}'’\-]*,?[ ]+$"
)
# An honorific right before a word: the word is a name, not a role (`Mr. King`).
HONORIFIC_BEFORE = regex.compile(r"(?<![\p{L}])(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?[ ]+$")
WINDOW_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{L}[\p{L}\p{N}'’\-]*")
# The lower-case words a subject mention may open with: a pronoun or a determiner.
SUBJECT_OPENERS = frozenset("he she it they we who which the a an this another one two three several many some his her "
                            "their its other both most".split())


def plain_subject(masked: str, start: int, cue_start: int, quoted_ends: frozenset[int]) -> regex.Match[str] | None:
    """What attribution's mentions leave out: a bare plural or a share of people opening a
    clause (`..., but security specialists say`, `; most said`), or a subject with a relative
    clause opening the sentence (`The state officials whose laws were struck down say`)."""
    last = LAST_WORD.search(masked, max(start, cue_start - 30), cue_start)
    head = last is not None and (last.group(1).lower() in PLURAL_HEADS or last.group(1) in people_nouns())
    if last is not None and not head:  # `officials from both parties say`: the head before the phrase
        phrase = PHRASE_BEFORE_CUE.search(masked, max(start, cue_start - 60), cue_start)
        head = phrase is not None and _plural_head(phrase.group("head"))
    if head:
        plain = near_plural().search(masked, max(start, cue_start - NEAR_SUBJECT_REACH), cue_start)
        if plain is not None and opens_clause(masked, start, plain.start("mention"), quoted_ends):
            return plain
    if cue_start - start <= RELATIVE_REACH and masked.find(" wh", start, cue_start) >= 0:
        return opening_relative().fullmatch(masked, start, cue_start)
    return None


def _plural_head(word: str) -> bool:
    """Whether a word may head a bare plural subject: `officials` of `officials from both parties`."""
    return word.lower() in PLURAL_HEADS or word in people_nouns() or word.lower() in people_nouns()


def subject_before(masked: str, start: int, cue_start: int) -> regex.Match[str] | None:
    """``SUBJECT_BEFORE_CUE.search(masked, start, cue_start)``, tried only where a mention can
    start (a capital, a pronoun or determiner, a role noun or the word before one): the
    leftmost subject that runs up to the cue."""
    nouns = P.speaker_nouns()
    blocked = last_blocking(masked, start, cue_start, "\n")  # no word before a quotation, a semicolon or a line end opens it
    words = list(WINDOW_WORD.finditer(masked, max(start, blocked + 1), cue_start))
    for index, word in enumerate(words):
        text = word.group()
        if text[0].isupper() or text in SUBJECT_OPENERS or text in nouns or (index + 1 < len(words) and words[index + 1].group() in nouns):
            subject = SUBJECT_BEFORE_CUE.fullmatch(masked, word.start(), cue_start)
            if subject is not None:
                return subject
    return None


def second_of_pair(masked: str, mention_start: int) -> regex.Match[str] | None:
    """Where the mention at ``mention_start`` is the second of two subjects joined by "and"
    (`Trump and Sanders say`), the pair's first word and the "and"; None where it is not, or
    where "and" joins a role's words (`Vice President and Managing Editor Jo Roe`)."""
    pair = PAIR_BEFORE.search(masked, max(0, mention_start - PAIR_REACH), mention_start)
    if pair is None:
        return None
    if pair.group().endswith("the ") or masked.startswith(("the ", "The "), mention_start):
        return pair  # (`the Committee and the Service`: two bodies, never one role)
    role = pair.group("word").lower() in P.speaker_nouns()  # (`Mr. King and Mr. Schultz`: a name)
    return pair if not role or HONORIFIC_BEFORE.search(masked, max(0, pair.start() - 6), pair.start()) else None


def first_of_pair(masked: str, start: int, pair: regex.Match[str], quoted_ends: frozenset[int]) -> regex.Match[str] | None:
    """The first subject of a pair (``second_of_pair``'s match), if it is one that opens its
    clause: `Grassley` of `Grassley and Leahy say`; None for `exit polls in New Hampshire and
    Iowa`, whose first "subject" is a preposition's object."""
    joint = pair.start("joint")
    first = subject_before(masked, max(start, joint - NEAR_SUBJECT_REACH), joint + 1)
    if first is None or first.end("mention") < pair.end("word") or not opens_clause(masked, start, first.start("mention"), quoted_ends):
        return None
    if CAPITAL_BEFORE.search(masked, max(start, first.start("mention") - 30), first.start("mention")):
        return None  # (`in New Hampshire and Iowa`: the rest of a name, after a preposition; a list)
    return first


def last_blocking(masked: str, start: int, end: int, also: str = "") -> int:
    """The last offset in ``masked[start:end]`` that no subject before a cue can run over (as
    ``SUBJECT_BEFORE_CUE`` or ``OPENING_SUBJECT`` read it), or ``start - 1``: a quotation's
    blank, a semicolon or a colon (those only outside a parenthesis: a party tag may hold
    them), and the characters of ``also``. A cheap test before the dear match."""
    blocking = also if masked.find("(", start, end) >= 0 else BLOCKING + also
    return max(masked.rfind(char, start, end) for char in blocking) if blocking else start - 1


def opens_clause(masked: str, start: int, offset: int, quoted_ends: frozenset[int]) -> bool:
    """Whether a subject at ``offset`` opens its sentence or a clause (after a comma, a
    conjunction, a lead word): not the object of another verb. After the comma of a title
    or scare quote (`on CNN's "State of the Union," Issa said`) too, but not after a
    quotation's: `"...," Trump said at a rally` is that quotation's attribution."""
    before = masked[max(start, offset - 30) : offset]
    if not before.strip(" \n\"“”'‘’"):
        return True
    after_quote = MARK_THEN_COMMA.search(before)
    mark_end = max(start, offset - 30) + after_quote.end("mark") if after_quote is not None else -1
    if mark_end in quoted_ends and not masked[start:mark_end].strip(" \n\"“”'‘’" + FILLER):
        return False  # `"...", Johnson said in a video statement`: the attribution of the quotation opening the sentence
    if CLAUSE_BEFORE_AT_END.search(before):
        return True
    dash = HYPHEN_DASH.search(before)
    if dash is not None:  # `a microscopic planner - a former speechwriter said`; not inside a name
        joins_name = dash.group("word")[:1].isupper() and masked[offset : offset + 1].isupper()  # (`American - Islamic Relations`)
        return not joins_name or masked.rfind(" - ", start, offset - 3) >= 0  # (`Inside the mosque - which ... - Adel Nefzi said`)
    after_mark = AFTER_CLOSING_MARK.search(before)
    return after_mark is not None and max(start, offset - 30) + after_mark.end("mark") not in quoted_ends


def named_after_role(masked: str, start: int, offset: int) -> bool:
    """Whether only a role stands between the sentence's start and a name at ``offset``, with no
    comma: capitalised words, "of the", and lower-case people nouns (`Executive director of the
    Dallas chapter of CAIR Alia Salem said`, `Association president Sehar Memon said`)."""
    prefix = ROLE_PREFIX.fullmatch(masked, start, offset)
    if prefix is None:
        return False
    nouns = P.speaker_nouns()
    lower = [word for word in prefix.captures("lower") if word not in ROLE_LINKS]
    return all(nouns.get(word) for word in lower)


def participle_subject(masked: str, start: int, cue: regex.Match[str]) -> _Found | None:
    """`Sen. Mark Kirk, who faces a tough race, rescinded his endorsement, saying he ...`: a
    participle after a comma, or a finite cue after "and" (`Facebook co-founder Mark
    Zuckerberg tweeted to him and said ...`), takes the subject opening its sentence, before
    its main verb, where attribution's reading of the main subject finds none."""
    if cue.start() - start > PARTICIPLE_REACH:
        return None
    participle = cue.group().split()[0].endswith("ing")
    link = (PARTICIPLE_COMMA if participle else COORDINATE_BEFORE).search(masked, max(start, cue.start() - 18), cue.start())
    if link is None:
        return None
    subject = opening_main().match(masked, start, link.start())
    if subject is None or subject.group("subordinate") or OTHER_SUBJECT.search(masked, subject.end("verb"), cue.start()):
        return None  # (`After the victories of ..., "...," Law said, noting`: a subordinate clause's subject)
    if not participle and not (PAST_FORM.match(cue.group().split()[0]) and PAST_FORM.match(subject.group("verb"))):
        return None  # (`In TV interviews and tweets`, `candidates ... and disclosed`: two verbs of a past, or no pair)
    return _found(subject, subject.start("mention"), cue)


def named_in_tail(masked: str, subject: regex.Match[str], verb_start: int) -> regex.Match[str] | None:
    """The full name ending the tail of an opening subject after a person noun (`University of
    Ohio Student Association president Jane Roe`), as the subject before the verb reads it."""
    role = ROLE_THEN_NAME.search(masked, subject.end("mention"), verb_start)
    if role is None or not P.speaker_nouns().get(role.group("noun")):
        return None
    named = subject_before(masked, role.start("name"), verb_start)
    return named if named is not None and named.start("mention") == role.start("name") else None


def relative_report(masked: str, start: int, end: int, cue: Cue) -> tuple[int, int, _Found] | None:
    """`the launch, which NASA said might take place this summer`: a cue in a relative clause
    whose content goes on with the antecedent as its subject (a verb right after the cue): the
    content runs from that verb to the clause's end, the speaker is the relative's subject."""
    relative = RELATIVE_BEFORE.search(masked, max(start, cue.start() - RELATIVE_SUBJECT_REACH), cue.start())
    if relative is None or not RELATIVE_CONTENT_VERB.match(masked, cue.end(), end):
        return None
    subject = subject_before(masked, relative.end(), cue.start())
    if subject is None:  # `which officials said`: a bare plural
        subject = near_plural().fullmatch(masked, relative.end(), cue.start())
    if subject is None or subject.start("mention") != relative.end() or subject.groupdict().get("pronoun") in ("who", "which"):
        return None
    content_start = skip_space(masked, cue.end(), end)
    comma = masked.find(",", content_start, end)
    if comma < 0 and masked[max(0, relative.start() - 2) : relative.start()] != ", ":
        return None  # `The papers that officials say were fake have gone`: where it ends is not told
    return content(masked, content_start, comma if comma >= 0 else end, _found(subject, subject.start("mention"), cue), closed=comma >= 0)
