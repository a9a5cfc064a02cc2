"""The bare plurals and shares of people that a reported statement's subject may be
(``quotes.reported``'s cues and subjects read them): "officials", "Republican opponents",
"Six in 10", "people familiar with the talks", from attribution's ``speaker_nouns.tsv``.
"""

from __future__ import annotations

from functools import cache

import regex

from quotes import patterns as P
from quotes.lexicon import read_lexicon

MIN_BODY_COUNT = 5  # uses in speaker_nouns.tsv for a plural body ("polls", "records") to head a bare subject
# Plurals of people without an -s: they take a plural verb (`..., police said.`).
PLURAL_WITHOUT_S = frozenset(("people", "police"))

# A share of people as a subject: "Some", "Six in 10", "Only 24 percent", "A majority of voters".
QUANTITY = (
    r"(?:(?:[Oo]nly|[Jj]ust|[Aa]bout|[Aa]round|[Rr]oughly|[Nn]early|[Aa]lmost|[Mm]ore[ ]than|[Ff]ewer[ ]than|[Aa]s[ ]many[ ]as|[Uu]p[ ]to)[ ]+)?(?:[Ss]ome|[Mm]any|[Mm]ost|[Oo]thers|[Hh]alf"
    r"|(?:[Aa]|[Oo]ne|[Tt]wo)[ ]+(?:third|quarter|half|majority|minority|plurality)s?|[Tt]he[ ]+majority|[Mm]ajorities"
    r"|[\p{L}\d\-]+(?:[ ]+(?:in|out[ ]+of)[ ]+[\p{L}\d]+|[ ]*(?:%|percent))|[Mm]ost|[Bb]oth|[Tt]hose[ ]+(?:surveyed|polled|asked|interviewed"
    r"|close[ ]+to[ ]+(?:him|her|them|the[ ]+\p{Ll}+|\p{Lu}[\p{L}.]*(?:[ ]+\p{Lu}[\p{L}.]*){0,2})))"
    r"(?:[ ]+(?:of|in)[ ]+(?:the[ ]+|those[ ]+|all[ ]+)?(?:(?:\p{Lu}\p{Ll}+[ ]+)?\p{Ll}+(?:[ ]+\p{Ll}+)?|\p{Lu}\p{Ll}+s(?![\p{L}])))?"
)


# What ties an unnamed source to what it knows: `people familiar with the talks`, `officials
# briefed on the plan`, `aides close to him`.
SOURCE_MODIFIER = r"close[ ]+to|familiar[ ]+with|briefed[ ]+on|involved[ ]+in|knowledgeable[ ]+about|aware[ ]+of"


@cache
def people_plural() -> str:
    """Plural nouns of people from speaker_nouns.tsv (officials, experts, aides), and the parties:
    one trie (``patterns._alternation``), which tries a longer word before a word it extends as
    a list of them longest first would, but reads each character once."""
    return P._alternation(plural_nouns() + ["Democrats", "Republicans"])


@cache
def plural_nouns() -> list[str]:
    """The plural heads of speaker_nouns.tsv: nouns of people (-s plurals, "-men", "people",
    "police"), and of bodies seen at least ``MIN_BODY_COUNT`` times (polls, records, groups)."""
    nouns = []
    for row in read_lexicon("speaker_nouns.tsv"):
        noun, person = row["noun"], row.get("person", "1") == "1"
        if not noun.isalpha() or not (person or int(row["count"]) >= MIN_BODY_COUNT):
            continue
        if noun.endswith("s") and len(noun) > 4 or person and (noun.endswith("men") or noun in PLURAL_WITHOUT_S):
            nouns.append(noun)
    return nouns


@cache
def plural_people() -> str:
    """A bare plural description: "experts", "Republican opponents", "union members and leaders"."""
    word = r"(?!(?i:the|a|an|and|or|but|that|which|who|of|in|on|at|for|to|with|by|as|because|while|if|when|since|although|though)[ ])(?:\p{L}[\p{L}\-]*(?:\.\p{L}\.?)*|\d{1,3}(?:,\d{3})+|\d+)"
    people = people_plural()
    return (rf"(?:(?:{word})[ ]+(?:(?:and|or)[ ]+(?:{word})[ ]+)?){{0,3}}?{people}(?:[ ]+(?:and|or)[ ]+(?:(?:{word})[ ]+){{0,2}}?{people})?"
            rf"(?:[ ]+(?:of|for|in|at|from|with|{SOURCE_MODIFIER})[ ]+[^,;:_\n]{{1,50}}?)?")


@cache
def opening_plural() -> str:
    """A bare plural capitalised as it opens a sentence, and what ties it to what it knows:
    "Officials familiar with the talks", "People close to him"."""
    capitalised = P._alternation([noun[0].upper() + noun[1:] for noun in plural_nouns()])
    return rf"{capitalised}(?:[ ]+(?:{SOURCE_MODIFIER})(?:[ ]+(?!(?:is|are|was|were|has|have|had)(?![\p{{L}}]))[^ ,;:_\n]+){{1,6}}?)?"


@cache
def people_nouns() -> frozenset[str]:
    """``plural_nouns`` as a set: the heads of a bare subject (officials, experts, police, polls)."""
    return frozenset(plural_nouns())


@cache
def near_plural() -> regex.Pattern[str]:
    """A bare plural or a share of people right before its cue: `security specialists say`."""
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}\-])(?P<mention>(?P<description>{QUANTITY}|{plural_people()}))(?![\p{{L}}])"
        rf"(?:[ ]+(?:also|have|had|still|now|there|here|\p{{Ll}}+ly))?[ ]+$"
    )
