"""Speaker mentions as the attribution patterns find them -> the speaker they name.

``_found`` reads a pattern's match as a mention (a pronoun, a description or a name, with its
cue), correcting it where the sentence says who it stands for: the name an apposition gives
("The study's lead author, doctoral candidate Jo Roe,"), the person before the body a mention
names ("Jo Roe of the University of Essex"), the agent of a passive cue, the person a cue
quotes "as saying". ``_resolve`` turns a mention into the canonical speaker through the
article's ``ArticleSpeakers``; ``_role`` gives the title or role written with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from quotes import patterns as P
from quotes.name_forms import HEAD_END
from quotes.speakers import ArticleSpeakers
from quotes.types import Mention, Quote

INDEFINITE = regex.compile(r"(?i)^(?:an?|another|one|two|three|several|many|some|other|both|most|multiple|numerous|various|few)\b")
# A plural noun of people opening a description: `Officials familiar with the talks`, `Police`.
PLURAL_OPENING = regex.compile(r"(?i)(?P<head>\p{L}+(?:s|men)|people|police)(?![\p{L}])")

# The last word of a share of people (`about 4 in 10`, `Only 24 percent`, `a slim majority`):
# many people, never the one spoken of last.
SHARE_END = regex.compile(r"(?i)(?:\d[\d,.]*%?|percent|%|half|majority|minority|plurality|thirds?|quarters?)$")
# The head of a description that never stands for a named person: an unnamed source is unnamed
# on purpose (`the source added`, not the person the sentence before spoke of).
UNNAMED_HEADS = frozenset(("source",))
# A plural head noun (`democrats` of "Democrats in Iowa", `aides` of "the aides to the mayor"): not
# a singular in -ss (`boss`, `press`) nor a possessive determiner or title (`his`, `mrs`).
PLURAL_HEAD = regex.compile(r"(?!(?:his|its|this|hers|mrs|ms|us|was|is|as)$)\p{Ll}{2,}(?<!s)s")
OWNER_REACH = 80  # how far before a mention of a body the person it belongs to may start

@dataclass(frozen=True, slots=True)
class _Found:
    mention: Mention
    kind: str  # "pronoun", "description" or "name"
    cue: Mention | None

def _found(match: regex.Match[str], mention_start: int, cue: regex.Match[str] | None = None) -> _Found:
    groups = match.groupdict()
    kind = next(k for k in ("pronoun", "description", "name") if groups.get(k))
    text = match.group(kind)
    if kind == "name" and text.endswith(".") and not P.ABBREVIATION.search(text):
        text = text[:-1]  # "said Obama." ends the sentence; "Jr." keeps its stop
    start = mention_start
    owner = None
    if kind != "pronoun" and P.OWNER_LINK.search(match.string, max(0, start - OWNER_REACH), start):
        owner = P.OWNER_BEFORE.search(match.string, max(0, start - OWNER_REACH), start)
    if owner and " " in owner.group("name"):  # `Jo Roe of the University of Essex said`
        kind, text, start = "name", owner.group("name"), owner.start("name")
    apposition = groups.get("apposition")
    if apposition:
        after_the = match.string[max(0, start - 4) : start].lower() == "the "  # `the House, Jo Roe,`
        named = _named_apposition(kind, text, apposition.strip(", "), after_the)
        if named:  # "The Russian head of Defense, Sergey Shoigu, said"
            offset = match.start("apposition") + apposition.index(named)
            kind, text, start = "name", named, offset
    if cue is None:
        cue_group = "cue" if groups.get("cue") else "cue2"
        cue_mention = Mention(match.group(cue_group), match.start(cue_group), match.end(cue_group))
    else:
        cue_mention = Mention(cue.group(), cue.start(), cue.end())
    passive = P.PASSIVE_AGENT.match(match.string, cue_mention.end) if P.PASSIVE_BEFORE.search(
        match.string, max(0, cue_mention.start - 12), cue_mention.start) else None
    if passive:  # `he was told by Emergencies Minister Jo Roe of "..."`: the agent speaks
        kind = next(k for k in ("pronoun", "description", "name") if passive.group(k))
        text, start = passive.group(kind), passive.start("mention")
    if cue_mention.text.lower() in P.QUOTING_CUES:
        quoted = P.QUOTED_AS_SAYING.match(match.string, cue_mention.end)
        if quoted:  # `Politico quoted Jo Roe, a former official, as saying "..."`: Jo Roe said it
            kind, text, start = "name", quoted.group("name"), quoted.start("name")
    return _Found(Mention(text, start, start + len(text)), kind, cue_mention)

def _named_apposition(kind: str, text: str, inner: str, after_the: bool = False) -> str:
    """The name an apposition gives the person a mention stands for, or "": a description's
    ("The study's lead author, doctoral candidate Jo Roe,"), or a title that is not a name
    ("Director of the Mid Wales Partnership, Jo Roe,"); never a place ("a woman from Columbus,
    Ohio,"), and a role after a name is that person's own ("Jo Roe, the city's mayor,")."""
    if kind == "name" and not P.OF_PHRASE.search(text) and not after_the:
        return ""  # a name already: "Jo Roe II, Sam Smith's aide," is Jo Roe II (not "the House")
    named = P.NAMED_APPOSITION.fullmatch(inner)
    if named is None:
        return ""
    name = named.group("name")
    if kind == "name" or name != inner:  # after a title or role words: a full name only
        return name if " " in name else ""
    place = " " not in inner and text.split()[-1][:1].isupper()
    return "" if place else name

def _resolve(found: _Found, people: ArticleSpeakers, text: str, last: Quote | None) -> str:
    """The canonical speaker a mention stands for, or "" when it cannot be told."""
    mention = found.mention
    words = text[mention.start : mention.end]
    if found.kind == "name" and P.INITIALS.fullmatch(words.rstrip(".") + "."):
        return ""  # `outside Washington, D.C. saying`: a place's initials name no one
    if found.kind == "name":  # a role written capitalised (`Governor Calls ...`) stays as written
        return words if words.lower() in P.speaker_nouns() else people.resolve_name(words)
    if found.kind == "roundup":  # a lone word before a colon is a person only if named in full elsewhere
        name = people.resolve_name(words)
        return name if " " in name or name != words else ""
    if found.kind == "pronoun":
        if words.lower() in ("he", "she"):
            return people.antecedent(mention.start)
        if words.lower() in ("who", "which"):
            return people.named_before(mention.start, person=words.lower() == "who")
        # "it", "they", "we": the last speaker, if that was a body rather than a person
        if last and last.mention and last.mention.text.lower() not in ("he", "she", "i"):
            return last.speaker
        return ""
    owner = P.OWNED_NAME.search(words)
    if owner:  # `The Post's Dana Milbank`: the name after the possessive
        return people.resolve_name(owner.group("name"))
    last = (HEAD_END.split(words, maxsplit=1)[0].split() or [words])[-1]
    head = last.lower()  # "government" of "the government of X"
    if P.POSSESSIVE_OPENING.match(words) and last[:1].islower() and P.speaker_nouns().get(head.rstrip(".,")) is None:
        return words  # `Imus' syndicated radio show`: a thing of theirs, never the person spoken of last
    if INDEFINITE.match(words) or words.split()[-1].lower().endswith("s") or SHARE_END.search(words):
        return words
    plural = PLURAL_OPENING.match(words)
    if plural and plural.group("head").lower() in P.speaker_nouns():
        return words  # a body of people, not the person last spoken of
    if head in UNNAMED_HEADS or PLURAL_HEAD.fullmatch(head):
        return words  # (`Democrats in Iowa said`: a body of people, never the person last spoken of)
    if P.speaker_nouns().get(head, True):
        return people.described(words, mention.start) or words
    return words

def _role(found: _Found, people: ArticleSpeakers, text: str, speaker: str) -> str:
    """The title or role the mention gives its speaker: "RNC Chairman" of "RNC Chairman Reince
    Priebus"; a description that was resolved to someone ("the city's mayor") is their role."""
    words = text[found.mention.start : found.mention.end]
    if found.kind in ("name", "roundup"):
        return people.role_of(words)
    if found.kind == "description" and speaker != words:
        head, _, rest = words.partition(" ")
        if rest[:1].isupper() and head.lower() in ("the", "a", "an") and people.split(rest)[1]:
            return people.role_of(rest)  # "the Rev. Peter Wherry": Rev.
        return words
    return ""

def _as_written(mention: Mention | None, text: str) -> Mention | None:
    """The mention with the article's own characters (the masked copy has plain spaces)."""
    return mention and Mention(text[mention.start : mention.end], mention.start, mention.end)
