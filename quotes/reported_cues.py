"""The cues and patterns of reported speech (``quotes.reported``): the mined reporting verbs, the
one pass that finds them in a text, and the regex constants the shapes are read with.

The reporting verbs are ``quotes/lexicons/reporting_verbs.tsv`` (``tools/mine_reporting.py``,
PolNeAR train); the people nouns are attribution's (``speaker_nouns.tsv``).
"""

from __future__ import annotations

import csv
import re
from functools import cache

import regex

from quotes import patterns as P
from quotes.name_forms import DATE_WORDS  # the days and months
from quotes.reported_people import QUANTITY, opening_plural, plural_people

MIN_CONTENT_WORDS = 3  # words of its own (outside quote marks) a reported content must have
MIN_MIXED_WORDS = 2  # ...or this many with a quotation inside it (`he goes "back to war."`)
MIN_CUE_COUNT = 5  # gold uses in PolNeAR train for a verb form of reporting_verbs.tsv to count
MIN_BEFORE_COUNT = 3  # gold uses after their content for a form to close a sentence as its cue
MIN_CUE_SHARE = 0.15  # ...and that share of its occurrences in the train texts
OPENING_REACH = 240  # how far from its sentence's start a cue may stand for OPENING_SUBJECT (long appositions)
NEAR_SUBJECT_REACH = 90  # how far before its cue a subject that does not open the sentence may start
CLOSING_REACH = 300  # how far before a sentence's end its closing attribution may start (appositions included)
AFTER_CUE_REACH = 60  # how far after its cue the content may start (object, adverbials, "that")
LEXICON = P.LEXICONS / "reporting_verbs.tsv"
# Each form's rows on PolNeAR train when every form of the lexicon is a cue (tools/mine_reported_cues.py):
# a form with MEASURED_MIN_ROWS rows there is a cue when the shares below of them were right,
# whatever the mined share and the lists below say, and no cue when they were not.
MEASURED = P.LEXICONS / "reported_cue_rows.tsv"
MEASURED_MIN_ROWS = 10
MEASURED_MIN_PRECISION = 0.5  # rows that match a gold statement
MEASURED_MIN_PRECISION_ACTS = 0.75  # ...for a verb of NOT_SPEECH_VERBS, an act that reports no speech
MEASURED_MIN_SPEAKERS = 0.65  # ...and of those, rows whose speaker is right (a wrong speaker is worse than none)
# Forms of the lexicon that are no clause-taking reporting verbs in a subject-verb slot: "made",
# "long" and the like are cues in PolNeAR only with an object after them.
NOT_CLAUSE_VERBS = frozenset(
    "made long know support want wants sought released calling endorsed "
    "supported showing expected came looking".split()
)
# Forms that head no reported content however their rows measured: `made the comments Friday`,
# `a long list of places`, `came amid warnings`.
NOT_VERBS = frozenset("made long came looking".split())
# Forms of the mined list that report no speech (acts, votes, visits): their rows on PolNeAR
# train were wrong at least a third of the time (`launched a petition`, `spoke at a memorial`).
NOT_SPEECH_VERBS = frozenset(
    "spoke passed delivered launched voted provided opened supports saw decided posted signed "
    "continued offers exposed backed cast charged addressed tried offering watched ignored felt "
    "used supporting embraced weighed hired".split()
) | {"voted for", "referring to"}
# Verbs of naming: after its content (`..., called Flyboard Air.`) such a verb names a thing, it
# quotes no one.
NAMING_VERBS = frozenset("called named dubbed titled entitled labeled labelled nicknamed".split())
# A particle right after a cue makes a phrasal verb that reports nothing (`called off its search`).
PARTICLE_AFTER = regex.compile(r"[ ]+(?:off|away|down|up(?![ ]+to[ ]))(?![\p{L}\-])")
# Forms whose content opens with "to" or a preposition (promised to resign, warned of delays);
# "about" before a count is a clause's subject instead (`said about 40 people were hurt`).
INFINITIVE_OPENING = regex.compile(
    r"(?:to|of|about(?![ ]+(?:\p{N}|half|a[ ]+(?:third|quarter|dozen|fifth|tenth)|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|dozens|hundreds|thousands|millions)(?![\p{L}]))|against|for)[ ]+\p{L}"
)
# Verbs of speaking whose content is an on-phrase: warned of delays, spoke about the war.
SPEECH_ON_VERBS = frozenset(
    "warned warns cautioned cautions complained complains spoke speaks talked talks boasted boasts "
    "testified testifies wrote writes bragged brags".split()
)
ON_PHRASE = regex.compile(r"(?:of|about|against)[ ]+\p{L}")

# The sentence opening "According to SPEAKER, ..." (an apposition after the speaker opens with
# a determiner or a relative pronoun and holds no be-verb or modal: `According to Jo Roe, a
# spokeswoman, ...`, not `According to the Mail, the pipeline is to connect A, B ...`).
ACCORDING_OPENING = regex.compile(
    rf"[ \n]*(?:(?:But|And|Yet|So|Still|Now|Also|However),?[ ]+)?(?P<cue>[Aa]ccording[ ]+to)[ ]+"
    rf"(?P<mention>{P.MENTION}|(?P<name>{P.LOOSE_NAME})){P.SPEAKER_END}(?:[ ]*\([^()\n]{{1,40}}\))?"
    rf"(?:,[ ]+(?:an?|the|his|her|its|their|who|which|whose)[ ]+(?![^,;:\n_]*?[ ](?:is|are|was|were|will|would|can|could)[ ])[^,;:\n_]{{1,80}})?,[ ]+"
)
# "according to X" anywhere in a sentence; X runs to the next comma or the sentence's end (a
# stop before a letter or a capital is an abbreviation's: U.S. Census data).
ACCORDING_ANY = regex.compile(
    r"(?P<cue>(?<![\p{L}])[Aa]ccording[ ]+to)[ ]+(?!(?:which|whom|whose)(?![\p{L}]))(?P<who>(?:[^,;:.!?\n_()]|\.(?=\p{L}|[ ]\p{Lu})){2,140}?)(?=[ ]*(?:[,;!?(]|\.(?![ ]?\p{L})|$|[ ][—–-][ ]))"
)
@cache
def closing_plain() -> regex.Pattern[str]:
    """``CONTENT, experts said.``, ``CONTENT, records show.``: a bare plural description and a
    cue closing the sentence (attribution's, or a form seen closing reported content)."""
    closers = P._alternation(sorted(f for f in closing_forms() if f.isalpha()))
    return regex.compile(
        rf",[ ]+(?P<mention>(?P<description>{plural_people()}))[ ]+(?:also[ ]+|have[ ]+|had[ ]+)?(?P<cue>{P.CUE}|{closers})[ ]*$"
    )
# A dateline opening a wire story's first sentence: `NEW YORK (AP) — `, `ORLANDO, Fla. (Reuters) - `.
DATELINE = r"\p{Lu}{2,}[^\n_—–―]{0,40}?[ ]+(?:[—–―]|--?)[ ]+"
# ...or any dateline a content opens with: a place and a date, then a dash (`EFE/14ymedio, Minsk
# (Belarus), 30 June 2023 — `).
CONTENT_DATELINE = regex.compile(rf"(?:{DATELINE}|[^\n_—–―.]{{0,80}}?\b(?:1[89]|20)\d\d[ ]+(?:[—–―]|--)[ ]+)")
# An apposition between dashes (or hyphens written as ones): `Jo Roe — a teacher from Ohio — says`.
DASH_APPOSITION = r"(?:[ ]+(?:[—–―]|--?)[ ]+[^—–―\n_]{1,150}?[ ]+(?:[—–―]|--?))?"
# An aside between the subject and its verb: `, however,`, `, for her part,`.
ASIDE = r"(?:,[ ]+(?:however|though|too|meanwhile|in[ ]+turn|for[ ]+(?:his|her|its|their)[ ]+part),|[ ]+however)?"
# The subject of a clause-opening cue when attribution's reading finds none: a mention or a
# share of people opening the sentence (after a lead word, or the closing mark of the last
# sentence's quotation), then at most a parenthesis, a prepositional phrase or up to four
# appositions, and auxiliaries and adverbs, up to the cue.
# A past verb between two capitalised words of a "name" (`Warren commended Biden`, `research
# published Wednesday`): a clause, not a name.
VERB_IN_NAME = regex.compile(r"\p{L}[ ]+\p{Ll}{2,}ed[ ]+\p{Lu}")
# A day opening a sentence before its subject, with no comma: `On Friday Ford Motor Company said`.
DAY_LEAD = (r"(?:(?:On|Last|This|Early|Late)[ ]+(?:" + "|".join(sorted(w for w in DATE_WORDS if w.endswith("day")))
            + r")(?:[ ]+(?:morning|afternoon|evening|night))?[ ]+(?=\p{Lu}|(?:he|she|they|we)[ ]))?")
# A participle and its time or agent after a subject: `The latest poll released Friday shows`,
# `a report filed by the agency says`.
PARTICIPLE_MODIFIER = (r"(?:[ ]+\p{Ll}{3,}ed[ ]+(?:by[ ]+[^,;:_\n]{1,40}?|(?:on[ ]+)?\p{Lu}\p{Ll}+day|(?:last|this|earlier|next)[ ]+\p{Ll}+"
                       r"|yesterday|today|in[ ]+[^,;:_\n]{1,30}?))?")
# Subordinating conjunctions: their clause ends at the next comma (``reported.SUBORDINATE``).
SUBORDINATORS = "while although though because when since after before whereas".split()
# ...one of which may open the clause of a subject that opens its sentence (`And although
# former governor Jo Roe lamented ...`): a lead, not a word of the name (group ``subordinate``:
# the subject of that clause is not the main verb's, ``opening_main``'s).
SUBORDINATOR_LEAD = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in SUBORDINATORS) + ")"
OPENING_SUBJECT = regex.compile(
    rf"[ \n\"“”'‘’]*(?:(?:But|And|Yet|So|Still|Now|Also|However|Meanwhile|Instead|Even),?[ ]+)?(?P<subordinate>{SUBORDINATOR_LEAD}[ ]+)?{DAY_LEAD}"
    rf"(?:{DATELINE})?(?:[^,.\n_]{{1,50}},[ ]+)?"
    rf"(?P<mention>(?P<description>{QUANTITY}(?:[ ]+{plural_people()})?|{plural_people()}|{opening_plural()})(?![\p{{L}}])|(?P<description>{P.NAME_OWNED_DESCRIPTION})|{P.MENTION}|(?!{SUBORDINATOR_LEAD}[ ])(?P<name>{P.LOOSE_NAME}))(?:[ ]*\([^()\n]{{1,40}}\))?"
    rf"(?:[ ]+(?:of|for|at|in|from|with|on|close[ ]+to)[ ]+[^,;:_\n]{{1,60}}?)?{PARTICIPLE_MODIFIER}(?P<apposition>(?:,[ ]+[^,;:\n_]{{1,180}}){{1,4}},)?"
    rf"{DASH_APPOSITION}{ASIDE}"
    rf"(?:[ ]+(?:has|have|had|would|will|could|also|long|then|later|again|once|still|just|even|further|first|now|since|there|here|\p{{Ll}}+ly)){{0,3}}[ ]+"
)
# An apposition closing the sentence after `said NAME`: ", an Orlando Republican who founded ...".
APPOSITION_TAIL = regex.compile(r",[ ]+[^;:_\n]{1,250}")
# A comma (or a quotation's end) right before a cue word: `, said Smith`, `"...," said Smith`
# (read by slicing in ``_after_comma``, which says the same).
CLOSER_AFTER_COMMA = regex.compile(r"[,_][ ]+$")
# What may follow a cue word that closes an attribution: the rest of its form (`pointed out`),
# or a time, a place or the one told (`said Monday`, `told POLITICO`), then the comma or the stop.
CLOSER_BEFORE_STOP = regex.compile(r"(?:[ ]+[\p{L}’'\-]+){0,3}[ ]*(?:[,.!?;]|$)")
# A lower-case word of ASCII letters (every cue word is one): what ``find_cues`` reads.
LOWER_WORD = re.compile(r"(?<![\w'’\-])[a-z]+(?!\w)")
# What may stand before such a word, over-approximated by ASCII so that the standard library's
# engine skips to it with a bitmap (a letter outside ASCII is tested after): ``cue_word_after``.
NOT_WORD_ASCII = r"[^a-zA-Z0-9_'’\-]"
# A headline that names its speaker first: `Rush Limbaugh: Hillary Is Running Scared`,
# `Bernie Sanders Says He Has Started Writing His Address`.
HEADLINE_STATEMENT = regex.compile(
    rf"[ ]*(?P<mention>(?P<name>{P.NAME}))(?:(?P<cue>:)|[ ]+(?P<cue>Says|Tells|Warns|Claims|Insists|Vows|Urges|Shows|Finds))[ ]+"
)
# ...or last, after its statement: `Clinton Hid Health Problems, Former White House Doctor Says`.
HEADLINE_CLOSING = regex.compile(
    rf",[ ]+(?P<mention>(?P<name>{P.NAME}))[ ]+(?P<cue>Says|Tells|Warns|Claims|Insists|Vows|Urges)[.!]?[ ]*$"
)
# What joins a second reporting verb to the first one's subject: ", and", "but", "and also".
COORDINATION = regex.compile(r",?[ ]+(?:and|but)(?:[ ]+(?:also|then|later|again|\p{Ll}+ly))?[ ]+$")
# ...or a pronoun of its own: ", but he said", "and she added", ", though she acknowledged".
PRONOUN_COORDINATION = regex.compile(
    r",?[ ]+(?:and|but|though|although|while|whereas)[ ]+(?P<mention>(?P<pronoun>he|she))(?:[ ]+(?:also|then|later|again|\p{Ll}+ly))?[ ]+$"
)
# A comma alone before a later cue: a participle of the same subject (", noting that"), or the
# main verb after a relative clause (`Cruz, who says A, said B`).
COMMA_BEFORE = regex.compile(r",[ ]+$")
@cache
def opening_main() -> regex.Pattern[str]:
    """The subject opening a sentence (as ``OPENING_SUBJECT`` reads it) and its main verb: a
    finite form (-ed, -s, an irregular past) after auxiliaries and adverbs."""
    subject = OPENING_SUBJECT.pattern.rsplit("(?:[ ]+(?:has|have|had", 1)[0]
    return regex.compile(
        subject + r"(?:[ ]+(?:has|have|had|would|will|could|also|then|later|again|once|still|just|even|further|first|now|\p{Ll}+ly)){0,3}"
        r"[ ]+(?P<verb>\p{Ll}{2,}(?:ed|s)|" + IRREGULAR_PAST + r")(?![\p{L}])"
    )


@cache
def opening_relative() -> regex.Pattern[str]:
    """A subject opening the sentence with a relative clause after it, up to the cue: `Another
    Muslim who worshiped at the Islamic Center said`, `those who back her opponents say`."""
    return regex.compile(
        rf"[ \n\"“”'‘’]*(?:(?:But|And|Yet|So|Still|Now|Also|However|Meanwhile|Instead|Even),?[ ]+)?"
        rf"(?P<mention>(?P<description>{QUANTITY}|{plural_people()}|[Tt]hose|(?:[Aa]nother|[Oo]ne|[Ss]ome|[Mm]any|[Mm]ost)[ ]+\p{{Ll}}+)(?![\p{{L}}])"
        rf"|{P.LIGHT_MENTION})"
        rf"[ ]+(?:who|whose|that)[ ]+[^;:_\n]{{1,160}}?,?(?:[ ]+(?:has|have|had|would|will|also|\p{{Ll}}+ly)){{0,2}}[ ]+"
    )


# Irregular past forms that may be a sentence's main verb, which no -ed pattern finds.
IRREGULAR_PAST = (r"(?:said|told|took|made|gave|went|came|saw|thought|knew|felt|wrote|spoke|began|became|held|led|left"
                  r"|met|sent|won|lost|brought|built|put|set|ran|sought|chose|drew|hit|cut|paid|kept|stood|struck|threw)")
# A past form: an irregular one, or -ed (a finite cue's tense; a second verb after "and" and its
# sentence's main verb both are one in a narrative: `tweeted to him and said`).
PAST_FORM = regex.compile(IRREGULAR_PAST + r"$|\p{L}+ed$")
# A be-verb between a subject and an -ed cue: the passive `was charged`, `is backed`.
PASSIVE = regex.compile(r"\b(?:was|were|is|are|been|being|be|get|got)\b")
# A be-verb (and an adverb) right before an -ing cue: the cue is a finite progressive verb, not a
# participle (`Clinton is declaring that ...`, `Trump was defending his plan`).
PROGRESSIVE_BE = regex.compile(r"(?<![\p{L}'’])(?:is|are|was|were|am|been)(?:[ ]+(?:also|now|still|again|\p{Ll}+ly))?[ ]+$")
# What a content never opens on: an adverbial phrase (`said in an interview.`, `tweeted using his
# account`, `said after meeting aides`), the tail of a date a preposition cut (`voted on June 23,`).
ADVERBIAL_CONTENT = regex.compile(
    r"(?:(?:in|on|at|during|after|before|via|through|using|following)[ ]"
    r"|\d{1,4}(?:st|nd|rd|th)?,)"
)
# No subject either: a contraction with a pronoun, an adverb, a time back from now (`That's a
# small fraction of ...`, `most recently`, `A few days ago`).
NOT_SUBJECT = regex.compile(
    r"(?i:that|it|there|this|what|here)['’]s[ ].*|(?:most|more|very|only|just|also|so)[ ]+\p{Ll}+ly|.*[ ]ago"
)
# A time as a subject speaks for no one: `This week saw ...`, `Monday saw ...`.
TIME_SUBJECT = regex.compile(
    r"(?i)(?:(?:this|last|next|that|each|every|the[ ]+following|the[ ]+same)[ ]+)?(?:week|weekend|month|year|decade|morning|afternoon|evening|night|day"
    rf"|today|yesterday|tomorrow|{'|'.join(sorted(DATE_WORDS))})"
)
# A day and the part of it: `Friday`, `late Wednesday`, `Friday afternoon`.
DAY_TIME = r"(?:(?:late|early)[ ]+)?\p{Lu}\p{Ll}+day(?:[ ]+(?:morning|afternoon|evening|night))?"
# Words between a reporting verb and its content: an object of "told" (reporters, CNN, The
# Post), a time or place (Tuesday, last week, in a statement, on Twitter), a comma, "that".
CUE_TAIL = regex.compile(
    r"(?:[ ]+(?:(?:on|in|at|during|via|through|over)[ ]+[^,;:\n_\"“”]{1,40}?(?<![ ](?:a|an|the|his|her|its|their|this|of|in|on|at))"
    r"|(?:last|this|next)[ ]+(?:week|weekend|month|year|night|morning|afternoon|evening|spring|summer|fall|autumn|winter|time|season|term)s?(?![\p{L}])"
    rf"|{DAY_TIME}|yesterday|today|tonight|earlier|later|recently|again|repeatedly"
    r"|\p{Ll}+ly))*,?[ ]+(?:that[ ]+)?"
)
# The object of "told"/"tells"/"assured"... before the content: reporters, The Post, him, The
# Star-Ledger of Newark.
TOLD_OBJECT = regex.compile(
    rf"[ ]+(?:(?:{P.DETERMINER}[ ]+)?(?:\p{{Ll}}+[ ]+)?(?:reporters|journalists|supporters|voters|viewers|listeners|audience|crowd|people|members|lawmakers|officials|colleagues|students|workers"
    rf"|press|media|newspaper|paper|magazine|broadcaster|network|agency)"
    rf"|him|her|them|us|me|\p{{Lu}}[\p{{L}}.'’\-]*(?:[ ]+\p{{Lu}}[\p{{L}}.'’\-]*){{0,3}}(?:[ ]+of[ ]+\p{{Lu}}[\p{{L}}.'’\-]*(?:[ ]+\p{{Lu}}[\p{{L}}.'’\-]*){{0,2}})?)(?=[ ,])"
)
OBJECT_VERBS = frozenset("told tells tell telling assured assures informed informs reminded reminds warned warns "
                         "asked asks ask asking".split())
# Verbs that report a question, and the words that open an indirect one: asked whether, wondered why.
ASK_VERBS = frozenset("asked asks ask asking wondered wonders wondering questioned".split())
ASKED_QUESTION = regex.compile(r"(?:if|whether|why|how|what|whom|who|when|where)[ ]+\p{L}")
# A negation between a subject and its cue, or right before the cue: "did not say", "never said".
NEGATION = regex.compile(r"(?i)\b(?:not|never|n[o']t|cannot|neither|nor|no[ ]+one)\b|n['’]t\b")
# Where reported content must not start: punctuation, a quote that is the whole content, a
# conjunction that joins a second verb of the subject ("said and did"), a question word, a verb
# with no subject (`Everything Trump says is a lie`: the cue is in a relative clause).
BAD_OPENING = regex.compile(r"(?i)(?:[,.;:!?)\]]|and\b|or\b|but\b|so\b|as\b|than\b|who\b|whom\b|which\b|when\b|where\b|why\b|how\b|what\b|whether\b|if\b(?![^,]{1,80},)"
                         r"|(?:is|was|are|were|has|had|have|will|would|can|could|should|may|might|must|does|did)\b)")
# What ends the reported clause before the sentence does: a semicolon, or a dash.
CLAUSE_END = regex.compile(r";|[ ][—–][ ]|[ ]--[ ]")
# A word of content outside the marks.
OWN_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
# The characters that close a sentence or a clause, trimmed from the content's end.
TRAILING = regex.compile(r"(?r)[^ \n.!?,;:\"“”’')\]]")
QUESTION_END = regex.compile(r"\?[\"”’']*[ \n]*$")


def candidate_verbs() -> dict[str, tuple[int, int, int]]:
    """Cue form -> (after, infinitive, before) counts, for every form of the mined lexicon."""
    with open(LEXICON, encoding="utf-8", newline="") as handle:
        return {row["cue"]: (int(row["after"]), int(row["infinitive"]), int(row["before"]))
                for row in csv.DictReader(handle, dialect="excel-tab")}


@cache
def measured_forms() -> dict[str, bool]:
    """Form -> whether it is a cue, for the forms measured on enough rows (``MEASURED``)."""
    if not MEASURED.exists():
        return {}
    with open(MEASURED, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, dialect="excel-tab"))
    return {row["cue"]: int(row["matched"]) >= _min_precision(row["cue"]) * int(row["rows"])
            and int(row["speaker_right"]) >= MEASURED_MIN_SPEAKERS * int(row["matched"])
            for row in rows if int(row["rows"]) >= MEASURED_MIN_ROWS}


def _min_precision(form: str) -> float:
    """The share of a form's measured rows that must be right for it to be a cue: higher for the
    verbs of acts (``NOT_SPEECH_VERBS``), which PolNeAR annotates and a reader of who said what
    does not take for speech (`signed a decree`, `voted to ban`)."""
    return MEASURED_MIN_PRECISION_ACTS if form in NOT_SPEECH_VERBS else MEASURED_MIN_PRECISION


@cache
def reporting_verbs() -> dict[str, tuple[int, int, int]]:
    """Cue form -> (after, infinitive, before) counts: the mined forms (``mined_verbs``), and
    the forms of ``that_only`` as if seen ``MIN_CUE_COUNT`` times before a content."""
    verbs = dict(mined_verbs())
    for form in that_only():
        verbs[form] = (MIN_CUE_COUNT, 0, 0)
    return verbs


@cache
def that_only() -> frozenset[str]:
    """The verbs of speech of attribution's cue lexicon (one word: `acknowledged`, `remarked`)
    that PolNeAR train gave too few reported statements to measure: a cue only before "that"
    and its clause (`Roe acknowledged that ...`), never before a bare clause or an object."""
    measured, mined = measured_forms(), mined_verbs()
    return frozenset(
        form for form in P.cue_lexicon()
        if form.isalpha() and form not in mined and measured.get(form) is not False
        and form not in NOT_VERBS and form not in NOT_SPEECH_VERBS and form not in NOT_CLAUSE_VERBS
    )


@cache
def mined_verbs() -> dict[str, tuple[int, int, int]]:
    """Cue form -> (after, infinitive, before) counts: the forms whose rows measured right
    (``measured_forms``), and of those not measured, the forms whose gold uses in PolNeAR
    train reach ``MIN_CUE_COUNT`` and ``MIN_CUE_SHARE`` of their occurrences; then the -s
    forms the lexicon lacks of the -ed forms measured right that attribution's cue lexicon
    also holds (verbs of speech: `denied` gives "denies"), with the -ed form's counts."""
    measured = measured_forms()
    with open(LEXICON, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, dialect="excel-tab"))
    verbs = {}
    for row in rows:
        counts = int(row["after"]), int(row["infinitive"]), int(row["before"])
        if row["cue"] in measured:
            if measured[row["cue"]]:
                verbs[row["cue"]] = counts
        elif sum(counts[:2]) >= MIN_CUE_COUNT and float(row["precision"]) >= MIN_CUE_SHARE:
            verbs[row["cue"]] = counts
    known = {row["cue"] for row in rows}
    for form, counts in list(verbs.items()):
        if measured.get(form) and form.endswith("ed") and form in P.cue_lexicon():
            for present in _present_forms(form):
                if present not in known:
                    verbs.setdefault(present, counts)
    return verbs


@cache
def closing_forms() -> frozenset[str]:
    """The forms of ``reporting_verbs`` seen closing a sentence after their content at least
    ``MIN_BEFORE_COUNT`` times (`..., records show.`)."""
    return frozenset(f for f, counts in reporting_verbs().items() if counts[2] >= MIN_BEFORE_COUNT)


def _present_forms(past: str) -> tuple[str, ...]:
    """The -s forms an -ed form may have (`denied` -> denies; `stated` -> states, or "stats",
    which no text uses as a verb): a news story abroad says "the ministry denies" where PolNeAR
    train wrote "denied"."""
    stem = past[:-2]
    return (stem[:-1] + "ies",) if past.endswith("ied") else (stem + "s", stem + "es")


def heads_content(form: str) -> bool:
    """Whether a form of ``reporting_verbs`` may head content after it: a word (not "according
    to", which has its own shapes, nor a word that is no verb of speech whatever its rows
    measured: ``NOT_VERBS``) measured right, or unmeasured and on neither list."""
    if form == "according to" or not form.replace(" ", "").isalpha() or form in NOT_VERBS:
        return False
    return measured_forms().get(form, False) or (form not in NOT_CLAUSE_VERBS and form not in NOT_SPEECH_VERBS)


@cache
def cue_forms() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The forms that may head content after them, by first word (longest first), and the
    first words of the forms that may close a sentence after their content."""
    forward: dict[str, list[str]] = {}
    for form in sorted(reporting_verbs(), key=lambda f: (-len(f), f)):
        if heads_content(form):
            forward.setdefault(form.split()[0], []).append(form)
    closing = {f.split()[0] for f in closing_forms()}
    closing |= {c.split()[0] for c in P.cue_lexicon()}
    return {w: tuple(forms) for w, forms in forward.items()}, frozenset(closing)


@cache
def _cue_words() -> frozenset[str]:
    """The words ``find_cues`` reads further: the first words of the forward and closing forms."""
    forward, closing = cue_forms()
    return frozenset(forward) | closing


@cache
def cue_word_after() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where a word of ``_cue_words`` stands as ``LOWER_WORD`` reads one: after a character
    that may stand before a word (group 1 the word), and at the text's start. One trie of
    the words (``patterns._alternation``), so that the engine reads the text once instead of
    handing every lower-case word to Python."""
    words = P._alternation(sorted(w for w in _cue_words() if LOWER_WORD.fullmatch(w)))
    return re.compile(rf"{NOT_WORD_ASCII}({words})(?!\w)"), re.compile(rf"{words}(?!\w)")


class Cue:
    """A reporting verb found in the text, read like a match (``group``, ``start``, ``end``)."""

    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def group(self) -> str:
        return self._text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def find_cues(masked: str) -> tuple[list[Cue], list[int]]:
    """One pass over the lower-case words of the text: the forward cues, and where a word
    that may close a sentence's attribution stands (one trie of the cue words, no other word
    read): only where it can, after a comma (`, said Smith`) or before the punctuation that
    ends the attribution (`, Smith said.`, `, Smith said, ...`), so most sentences skip that reading."""
    forward, closing = cue_forms()
    cues, closers = [], []
    for token, start, end in _cue_words_in(masked):
        if token in closing and (_after_comma(masked, start) or CLOSER_BEFORE_STOP.match(masked, end, end + 40)):
            closers.append(start)
        forms = forward.get(token)
        if forms is None:
            continue
        for form in forms:
            if " " not in form:
                cues.append(Cue(token, start, end))
                break
            rest = form[len(token):]
            if masked.startswith(rest, end) and not masked[end + len(rest) : end + len(rest) + 1].isalnum():
                cues.append(Cue(form, start, end + len(rest)))
                break
    return cues, closers


def _cue_words_in(masked: str) -> list[tuple[str, int, int]]:
    """The words of ``_cue_words`` in ``masked`` as ``LOWER_WORD`` finds them, in text order:
    (word, start, end)."""
    after, opening = cue_word_after()
    words = []
    first = opening.match(masked)
    if first is not None:
        words.append((first.group(), 0, first.end()))
    for match in after.finditer(masked):
        if not masked[match.start()].isalnum():  # (a letter outside ASCII: inside a word)
            words.append((match.group(1), match.start(1), match.end()))
    return words


def _after_comma(masked: str, start: int) -> bool:
    """``CLOSER_AFTER_COMMA.search(masked, start - 6, start)`` by slicing: a comma or a
    quotation's end, then spaces, right before ``start`` (or before a line break there,
    as `$` reads it)."""
    before = masked[max(0, start - 6) : start]
    if before.endswith("\n"):
        before = before[:-1]
    spaced = before.rstrip(" ")
    return len(spaced) < len(before) and spaced[-1:] in (",", "_")


# What may stand right before a subject that opens a clause.
CLAUSE_BEFORE = regex.compile(
    r"(?:[,;:—–(]|\b(?:and|but|yet|so|while|where|whereas|although|though|because|as|when|after|before|since|meanwhile|also|however|then|now|still|instead|in[ ]+\p{L}+|on[ ]+\p{Lu}\p{Ll}+day)|\b(?:But|And|Yet|So|Still|Now|Meanwhile|Also|However|Instead|Then|Later|While|Although|Though|Because|When|Since|After|Before))[ ]*$"
)
