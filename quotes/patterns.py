"""Compiled patterns and lexicons: every regex and word list the pipeline matches with.

Patterns are linear-time: no nested unbounded repeats, and the windows they run over are
bounded by the caller. Cue verbs and speaker nouns are mined from PolNeAR train by
``tools/mine_lexicons.py`` and shipped as TSV files in ``quotes/lexicons/``.
"""

from __future__ import annotations

import regex

from quotes.lexicon import (  # noqa: F401  (LEXICONS, cue_lexicon...: read through this module too)
    LEXICONS,
    before_quote_cues,
    cue_lexicon,
    headline_verbs,
    possessive_cues,
    speaker_nouns,
)

# --- quote marks -------------------------------------------------------------------------

# A run of quote marks with nothing between them (“‘, ’”, ''), or a run of line breaks: a
# paragraph boundary. Runs are matched whole so that a page of bare marks costs one token,
# and a run with space on both sides (a stray mark) is not matched at all.
MARK_TOKEN = regex.compile(
    r"(?<!\s)(?:``|[\"“”„‟‘’'‚‛«»‹›])+|(?:``|[\"“”„‟‘’'‚‛«»‹›])+(?!\s)|\n\s*"
)
# One mark inside a run.
MARK = regex.compile(r"``|''|[\"“”„‟‘’'‚‛«»‹›]")
MAX_RUN = 3  # a longer run of bare marks is noise (ASCII art, a broken page): skip it

DOUBLE, SINGLE, ANGLE, ANGLE_SINGLE = "double", "single", "angle", "angle-single"
# Mark -> (family, default direction); direction "open", "close" or "either".
MARKS: dict[str, tuple[str, str]] = {
    "“": (DOUBLE, "open"),
    "„": (DOUBLE, "open"),
    "‟": (DOUBLE, "open"),
    "``": (DOUBLE, "open"),
    "”": (DOUBLE, "close"),
    '"': (DOUBLE, "either"),
    "''": (DOUBLE, "either"),
    "‘": (SINGLE, "open"),
    "‚": (SINGLE, "open"),
    "‛": (SINGLE, "open"),
    "’": (SINGLE, "close"),
    "'": (SINGLE, "either"),
    "«": (ANGLE, "open"),
    "»": (ANGLE, "close"),
    "‹": (ANGLE_SINGLE, "open"),
    "›": (ANGLE_SINGLE, "close"),
}
# Marks that may close a span opened by another mark of the same family (German „...“,
# Swedish/Danish »...«): opener -> extra closers.
EXTRA_CLOSERS: dict[str, tuple[str, ...]] = {
    "„": ("“",),
    "»": ("«",),
    "›": ("‹",),
}
# Characters after which a mark is opening (left-flanking): space, brackets, dashes, slashes.
OPENING_CONTEXT = frozenset(" \t\n\r\u00a0([{—–-/:;")
# Characters before which a mark is closing (right-flanking).
CLOSING_CONTEXT = frozenset(" \t\n\r\u00a0)]}.,;:!?—–-/…")

# --- white space ---------------------------------------------------------------------------

# Every character ``str.isspace`` takes for white space (what ``str.strip()`` removes).
SPACE_CHARS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# The last character that is not white space, searched backwards from the end of a window.
LAST_NON_SPACE = regex.compile(rf"(?r)[^{SPACE_CHARS}]")

# --- span shapes -----------------------------------------------------------------------------

# A word inside a span: letters, digits, inner apostrophes and hyphens.
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
# A paragraph break inside a quotation and the mark that re-opens it in the next paragraph.
REOPENING = regex.compile(r"[ \t\u00a0]*\n\s*(?P<mark>[\"“”‘’'«»„‚]+)")
# "as" (and an article) right before a quotation: `branded him as an "outlaw"`.
# (Not "such as", "as well as": `words such as "attack"` are examples.)
AS_BEFORE_QUOTE = regex.compile(r"(?<![\p{L}])(?<!such[ ]|well[ ])as(?:[ ]+an?)?[ ]+[\"“‘'«„]$")
# "by" as a word: a passive's agent.
BY = regex.compile(r"(?<![\p{L}])by(?![\p{L}])")
# A past participle right after a form of "be": a passive (`was billed as`, `is seen as`).
PARTICIPLE_AFTER = regex.compile(r"(?:[ ]+\p{Ll}+ly)?[ ]+(?:\p{Ll}+(?:ed|en)|seen|known|thought|held|made)(?![\p{L}])")
# The last word of a stretch.
LAST_WORD = regex.compile(r"\p{L}+$")
# A word of initials only: D.C., U.S., U.K.
INITIALS = regex.compile(r"(?:\p{Lu}\.){2,}")
# A transcript's turn label opening a paragraph of a quotation: `PENCE: Well, look, ...`.
TURN_LABEL = regex.compile(r"\p{Lu}{2,}(?:[ ]\p{Lu}{2,}){0,2}:")
# A quotation's closing mark and nothing else to the end of its line.
LINE_END_AFTER = regex.compile(r"[\"”’'»]+[ \t]*(?:\n|$)")
# Punctuation that ends a quoted sentence or clause: "... done," / "... done." / "...?"
TERMINAL_PUNCT = regex.compile(r"[.,;:!?…—–-]\s*$")
# Small words a title or a name may keep in lower case: "Order of Friendship", "Los Gordos".
TITLE_SMALL_WORDS = frozenset(
    "a an and as at by de del der des di du for from in la las le los of on or the to van von with y".split()
)
# Words just before a span that make it the title of a work, not someone's words.
TITLE_CONTEXT = regex.compile(
    r"(?i)\b(?:titled|entitled|headlined|headline|headlines|book|novel|film|movie|song|album"
    r"|show|series|column|op-ed|essay|article|story|thoughts on|comments on|hashtag|anthem|hymn|poem"
    r"|documentary|podcast)"
    r"\s*[,:]?\s*$"
)

# Right before a Title Case quotation that names a programme or a publication: `on "Face the
# Nation,"`, `told MSNBC's "Morning Joe"` (not in a headline, which capitalises every quote).
PROGRAM_CONTEXT = regex.compile(r"(?:(?<![\p{L}])(?:[Oo]n|told)|\p{Lu}[\p{L}.]*['’]s?|broadcast[ ]+of)[ ]+$")
# Right after a Title Case quotation: the word that makes it a programme's name (`his "Keepin'
# It Real" radio program`).
PROGRAM_AFTER = regex.compile(r"[ ]+(?:radio[ ]+|television[ ]+|TV[ ]+)?(?:program|programme|show|series|podcast|broadcast|documentary)\b")

# --- sentences and clauses ---------------------------------------------------------------

# The end of a sentence outside quotes: terminal punctuation, then space and a capital or a
# line break. Abbreviations (Mr., Sen., U.S.) are skipped by ABBREVIATION below.
SENTENCE_END = regex.compile(r"[.!?…](?=[\s\"“”’')\]]*(?:\n|\s+[\p{Lu}\"“‘'«„(]))|\n")
# Abbreviations whose full stop does not end a sentence.
# Abbreviated titles and name parts, written with a full stop inside a name: Lt. Gen., Jr.
TITLE_ABBREVIATION = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Maj|Capt|Cmdr|Sgt|Adm|Prof|Rev|St|Jr|Sr"
    r"|Atty|Supt|Pres|Amb|Inc|Co|Corp|Ltd|Const|Cst|Cpl|Det|Insp|Pte|Lieut|Brig|Cdr|Msgr|Hon)"
)
ABBREVIATION = regex.compile(
    rf"(?:\b{TITLE_ABBREVIATION}|\b(?:vs|No|Vol|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|U\.S|U\.N|U\.K"
    r"|D\.C|a\.m|p\.m)|\b\p{Lu})\.$"
)
# An initial's full stop right before a quotation that opens with a capital: it ends the
# sentence (`said Sen. Jo Roe, R-S.C. "I get that."`), where a title's would not (`Mr. "Big"`).
INITIAL_BEFORE_QUOTE = regex.compile(r"(?<![\p{L}.])(?:\p{Lu}\.)+$")
QUOTE_OPENS = regex.compile(r"[ ]+[\"“‘'«„](?:\p{Lu}|_)")  # (`_`: the masked text's filler)
# The closing marks right after a sentence's full stop, which belong to that sentence: `done."`.
CLOSING_MARKS = regex.compile(r"[\"”’')\]]+")
# A clause break inside a sentence: a new speech act may start after it.
# (Not after "that": `Comey said that while they had been "careless"` is what Comey said.)
CLAUSE_BREAK = regex.compile(r"(?i)[;—–]|(?<!\bthat[ ])\b(?:although|though|whereas|while)\b")

# --- speakers ------------------------------------------------------------------------------

# Capitalised words that start sentences or clauses without being names.
NOT_NAME_WORDS = frozenset(
    """a an and as at after also although before but by during for from he her his however i if in
    it its meanwhile my no not of on or our she since so some that the their then there these they
    this those though to under until we when where whether which while who why with yet you your
    according correctly translated asked read more mr mrs ms meanwhile after based still instead
    finally earlier later now today yesterday here thus indeed even only just another
    besides despite unlike amid among following whenever because once being neither either
    every each like last next amongst amidst against across toward towards without within upon beyond""".split()
)
# A capitalised word that opens a sentence: after initials it ends them ("in the U.S. He said").
_OPENING_WORD = "(?:" + "|".join(sorted(w.capitalize() for w in NOT_NAME_WORDS)) + r")(?![\p{L}])"
# One capitalised name word: Shoigu, López, Díaz-Canel, O'Rourke, McCain, Jr., G.K. (initials)
# (or initials joined by an ampersand: PG&E, AT&T; or a site's name with its domain: Znak.com)
# (A full stop belongs to a name word only in an abbreviation or an initial, so a name never
# runs on into the next sentence: "met López Miera. Retired Lt. Gen. Michael Flynn".)
NAME_WORD = (
    rf"\p{{Lu}}{{1,4}}&\p{{Lu}}{{1,4}}(?![\p{{L}}])|\p{{Lu}}[\p{{L}}\-]*\.(?:com|org|net|ru|info|news)(?![\p{{L}}])|{TITLE_ABBREVIATION}\.|\p{{Lu}}\.(?:\p{{Lu}}\.){{0,2}}(?![ ]{_OPENING_WORD})|\p{{Lu}}[\p{{Ll}}\p{{Lu}}'’\-]*\p{{L}}(?![.]\p{{L}})|\p{{Lu}}(?![\p{{L}}'’.])"
)
# Lower-case particles inside names: Álvaro López de la Miera, Ludwig van Beethoven.
NAME_PARTICLE = r"(?:de|del|la|las|los|van|von|der|den|da|di|du|bin|al|el|le|st\.)"
# A personal name: up to six capitalised words on one line, particles allowed between them.
NAME = rf"(?:{NAME_WORD})(?:[ \u00a0]+(?:{NAME_PARTICLE}[ \u00a0]+)?(?:{NAME_WORD})){{0,5}}"
TITLES = frozenset("mr mrs ms".split())  # stripped from names, but they do start one
PERSONAL_PRONOUNS = frozenset("he she i we they it".split())
# Pronouns that can be a speaker (subject forms).
PRONOUN = r"(?:[Hh]e|[Ss]he|I|[Ww]e|[Tt]hey|[Ii]t|who|which)"
DETERMINER = (
    r"(?:[Tt]he|[Aa]n?|[Tt]his|[Aa]nother|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Mm]any"
    r"|[Ss]ome|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ther|[Bb]oth|[Mm]ost)"
)


# --- mentions and cues, built from the lexicons ---------------------------------------------


def _alternation(phrases: list[str]) -> str:
    """One pattern for any of ``phrases``, as a trie (`sa(?:id|ys)`), so that the engine reads
    each character once instead of trying hundreds of words in turn; a longer phrase is tried
    before a phrase it extends ("according to" before "according"); spaces match runs of spaces."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for token in _tokens(phrase):
            node = node.setdefault(token, {})
        node[""] = {}  # a phrase ends here
    return _trie_pattern(trie)


def _tokens(phrase: str) -> list[str]:
    words = phrase.split()
    tokens = list(words[0]) if words else []
    for word in words[1:]:
        tokens += [" "] + list(word)
    return tokens


def _trie_pattern(node: dict) -> str:
    ends = "" in node
    branches = [(r"[ ]+" if token == " " else regex.escape(token)) + _trie_pattern(child)
                for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


# Any cue of the lexicon: said, told, according to...
CUE = _alternation(list(cue_lexicon()))
# Any cue word or phrase from the lexicon, as a whole word.
CUE_IN_TEXT = regex.compile(rf"(?i)(?<![\p{{L}}\p{{N}}]){CUE}(?![\p{{L}}\p{{N}}])")
# The same, with the forms that are cues when a quotation follows them in the clause.
CUE_BEFORE_QUOTE = regex.compile(
    rf"(?i)(?<![\p{{L}}\p{{N}}]){_alternation(sorted(set(cue_lexicon()) | before_quote_cues()))}(?![\p{{L}}\p{{N}}])"
)
# Words that may stand between a subject and its cue: auxiliaries, adverbs, days.
GAP = (
    r"(?:[ ]+(?:has|have|had|is|was|were|are|would|will|could|should|might|may|must|did|does|do"
    r"|also|then|later|again|once|still|just|even|never|not|further|first|\p{Ll}+ly|himself|herself|themselves|itself"
    r"|(?:on[ ]+)?\p{Lu}\p{Ll}+day|yesterday|today|tonight|earlier|(?:last|this)[ ]+(?:week|month|year|night))){0,3}[ ]+"
)
# A definite or indefinite description: "the Russian defense minister", "a spokesman for X".
# Words a description may not run across: it ends before them.
DESCRIPTION_STOP = (
    r"(?:and|or|but|that|which|who|whom|whose|when|where|while|on|to|as|then|than|with|by"
    r"|is|was|were|are|has|had|have|be|been|not|it|its|he|she|they|we|i|you|after|before|since|until)"
)
# Prepositions: a description never ends on one ("the aim of"), and a mention right after
# one is an object, not a subject ("reported on the visit avoided...").
PREPOSITION = r"(?:of|for|in|at|from|about|on|to|with|by|into|over|under|after|before|during|through|against|like|per)"
# (A full stop only inside an abbreviation, so a description never runs into the next
# sentence: "a measure of xenophobia. He condemned"; a slash between two pollsters' names:
# "the latest Reuters/Ipsos poll".)
_DESCRIPTION_CHARS = r"(?:(?:\p{L}\.){2,}|[\p{L}\p{N}’'\-]+(?:[./](?=[\p{L}\p{N}])[\p{L}\p{N}’'\-]+)*)"
_DESCRIPTION_WORD = rf"(?!{DESCRIPTION_STOP}(?![\p{{L}}\-])){_DESCRIPTION_CHARS}"
_DESCRIPTION_LAST = rf"(?!(?:{DESCRIPTION_STOP}|{PREPOSITION}|the|a|an|this|these|those|his|her|their|our|my|your)(?![\p{{L}}\-]))(?!{TITLE_ABBREVIATION}\.[ ]\p{{Lu}})(?!\p{{Ll}}+ed(?![\p{{L}}])|began|came|went|took(?![\p{{L}}])){_DESCRIPTION_CHARS}"
# A possessive name works as a determiner: "Obama's former campaign strategist", "Mrs.
# Clinton's advisers", "O'Malley's campaign", "Sanders' team".
_POSSESSIVE_MARK = r"(?:['’]s|(?<=s)['’])"  # "'s", or a lone apostrophe after an s: "Sanders'"
_POSSESSIVE = rf"(?:(?:Mr|Mrs|Ms|Dr)\.[ ]+)?\p{{Lu}}[\p{{L}}\-]*(?:['’]\p{{Lu}}[\p{{L}}\-]+)?{_POSSESSIVE_MARK}"
# ...and, opening a sentence only (``reported_cues.OPENING_SUBJECT``), a possessive of a full name:
# "Hillary Clinton's campaign said". (Elsewhere "Suu Kyi's fate is unclear, but she said" keeps
# Suu Kyi as the subject a later "she" is read back to.)
NAME_POSSESSIVE = rf"(?:(?:Mr|Mrs|Ms|Dr)\.[ ]+)?(?:(?=\p{{Lu}}[\p{{L}}\-]+[ ]\p{{Lu}})(?!{_OPENING_WORD}[ ])\p{{Lu}}[\p{{L}}\-]+[ ]){{1,2}}{_POSSESSIVE}"
# A description that a possessive name opens: "Sanders' team", "Hillary Clinton's campaign".
POSSESSIVE_OPENING = regex.compile(rf"(?:{NAME_POSSESSIVE}|{_POSSESSIVE})[ ]")
# (A name its preposition hangs on may follow: "a spokesperson for the City of Calgary".)
DESCRIPTION = (
    rf"(?:{DETERMINER}|{_POSSESSIVE})(?:[ ]+{_DESCRIPTION_WORD}){{0,4}}?[ ]+{_DESCRIPTION_LAST}"
    r"(?:[ ]+(?:for|at|with)[ ]+(?:the[ ]+)?\p{Lu}[\p{L}\-’'.]*(?:[ ](?:of[ ](?:the[ ])?)?\p{Lu}[\p{L}\-’']*){0,4})?"
)
# A description a possessive full name opens (see ``NAME_POSSESSIVE``).
NAME_OWNED_DESCRIPTION = rf"{NAME_POSSESSIVE}(?:[ ]+{_DESCRIPTION_WORD}){{0,4}}?[ ]+{_DESCRIPTION_LAST}"
# A name with role nouns in its title: "Tulsa police Chief Chuck Jordan", "MSNBC host X".
_ROLE_NOUN = _alternation([noun for noun in speaker_nouns() if noun.isalpha()])
TITLED_NAME = (
    rf"(?:(?:(?:{NAME})[ ])?(?:\p{{Ll}}+[ ])?(?:{_ROLE_NOUN}[ ]){{1,2}}(?:{NAME})|{NAME})"
    rf"(?:[ ]of[ ](?:the[ ])?(?:{NAME}))?"  # "Mr. Morgan of the Sierra Club"
)
# In a slot where only a speaker can stand (between a quote and its cue), a name may carry
# any short title: "Trump lawyer Marc Kasowitz", "retired Air Force general Lloyd Newton".
_TITLE_WORD = rf"(?!(?:{PREPOSITION}|{DESCRIPTION_STOP}|if|why|how|what|whereas|although|though|because|unless|whether|so|yet)[ ])\p{{Ll}}[\p{{Ll}}\-]*"
LOOSE_NAME = rf"(?:(?:{NAME}|{_TITLE_WORD})[ ]){{1,5}}(?:{NAME})(?:[ ]of[ ](?:the[ ])?(?:{NAME}))?"
# A word that acts as a cue in a position only a reporting verb takes: right after
# `"...," Blige` or before a colon introducing a quote: summarized, tweeted.
VERB_IN_CUE_POSITION = r"\p{Ll}{2,}ed"  # -s forms are as often plural nouns: politics
_NOT_NAME = "(?:" + "|".join(w.capitalize() for w in sorted(NOT_NAME_WORDS - PERSONAL_PRONOUNS - TITLES)) + ")"
# A speaker mention: a pronoun, a description ("the minister") or a name ("Sergey Shoigu"),
# with a party tag after a name: "Sen. Claire McCaskill (D-Mo.)".
MENTION = (
    rf"(?<![\p{{L}}\p{{N}}])(?:(?P<pronoun>{PRONOUN})(?:['’](?:s|d|ll|ve|re))?(?![\p{{L}}\p{{N}}])"
    rf"|(?P<description>{DESCRIPTION})|(?!{_NOT_NAME}(?![\p{{L}}]))(?P<name>{TITLED_NAME})(?:[ ]\([^()\n]{{1,30}}\))?)"
)
# A mention in subject position: not right after a preposition ("reported on the visit").
# ("after", "before", "since" and "until" open clauses too, with a name for their subject:
# `days after Trump told the Post`.)
SUBJECT = rf"(?<!\b(?!(?:after|before|since|until)[ ][\p{{Lu}}]){PREPOSITION}[ ]){MENTION}"

# A mention without the role-noun titles of TITLED_NAME, for the rarer shapes (a pattern with
# MENTION in it takes a tenth of a second to compile): a pronoun, a description or a name.
LIGHT_MENTION = (
    rf"(?<![\p{{L}}\p{{N}}])(?:(?P<pronoun>{PRONOUN})(?![\p{{L}}\p{{N}}])|(?P<description>{DESCRIPTION})"
    rf"|(?!{_NOT_NAME}(?![\p{{L}}]))(?P<name>{NAME}))"
)

# --- the subject a cue shares with its sentence's main verb ------------------------------

# Auxiliaries and irregular past forms that make the word after a subject a finite verb:
# "Reed had not read...", "Sanders told...", besides any -ed or -s form.
FINITE_VERBS = frozenset(
    """has have had is was were are will would could should might may must did does do can
    said told wrote spoke made took gave put found saw knew thought felt sent went began came
    held kept left met ran stood brought set struck won lost hit shot threw led fought sought drew
    rose fell broke chose became""".split()
)
# Words that may open a sentence before its subject: "But Trump said...", "Still, she...".
_LEAD_WORD = r"(?:But|And|Yet|So|Still|Now|Then|Later|Also|Instead|Meanwhile|However)"
# Auxiliaries that make any word after them (past negation and adverbs) a verb: "is labeling".
_AUXILIARY = r"(?:has|have|had|is|was|were|are|will|would|could|should|might|may|must|did|does|do|can)"
# A finite verb right after a subject: an irregular past, an -ed form, a cue's -s form, or any
# word after an auxiliary.
_FINITE = (
    rf"(?:(?:[ ]+(?:also|then|later|again|once|still|just|even|further|first|\p{{Ll}}+ly"
    rf"|(?:on[ ]+)?\p{{Lu}}\p{{Ll}}+day)){{0,2}}[ ]+"
    rf"(?:{'|'.join(sorted(FINITE_VERBS - {'has', 'have', 'had', 'is', 'was', 'were', 'are', 'will', 'would', 'could', 'should', 'might', 'may', 'must', 'did', 'does', 'do', 'can'}))}"
    rf"|\p{{Ll}}{{2,}}ed|{_alternation([c for c in cue_lexicon() if c.endswith('s') and ' ' not in c])})(?![\p{{L}}])"
    rf"|[ ]+{_AUXILIARY}(?:[ ]+(?:not|never|also|then|still|just|even|\p{{Ll}}+ly)){{0,2}}[ ]+\p{{Ll}}+(?![\p{{L}}]))"
)
# A finite verb right after a name: the name is the subject of a clause ("the first time
# Flynn made a speech").
FINITE_AFTER = regex.compile(_FINITE)
# A sentence's subject and the finite verb after it, past a lead word and up to two short
# leading phrases ("On Monday, Sen. Jack Reed (D-R.I.) had not read..."); matched at the
# sentence start over a bounded window.
MAIN_SUBJECT = regex.compile(
    rf"[ \n]*(?:{_LEAD_WORD},?[ ]+)?(?:[^,.\n_]{{1,50}},[ ]){{0,2}}?(?!{_NOT_NAME}(?![\p{{L}}]))"
    rf"(?P<mention>{MENTION})(?P<apposition>,[ ]+[^,;:\n_]{{1,80}},)?(?P<verb>{_FINITE})"
)
# What links a cue to the main verb's subject when it has none of its own, right before the
# cue: a participle after a comma or a preposition (", saying", "by saying") or a second
# verb of the same subject (", but called it", "and added").
SHARED_SUBJECT_LINK = regex.compile(
    r"(?:(?P<participle>,|\b(?:by|after|before|while|when|in|without))|(?P<coordinate>\b(?:and|but)))"
    r"(?:[ ]+(?:also|then|later|again|even|still|\p{Ll}+ly))?[ ]+$"
)
# Between a main verb and a later cue: a word that opens another clause, or another subject
# pronoun ("...when he brought up X and later said"), so the cue may not be the main subject's.
ANOTHER_CLAUSE = regex.compile(
    r"[;:—–()]|\b(?:where|who|whom|whose|which|that|when|whenever|because|as|while|if|since|until"
    r"|although|though|whereas|unless|he|she|they|we|I|it)\b"
)
# Between a quote's trailing attribution and a quotation that goes on after it: an optional
# phrase, up to two appositions, a comma (`, said Jo Roe, a farmer in Iowa, "and..."`).
# (No comma where the quotation breaks without one: `"We stand ready" tweeted Jo "to help"`.)
RESUMED_AFTER = regex.compile(r"(?:[ ]+[^,;:\n_\"“”]{1,60})?(?:,[ ]+[^,;:\n_\"“”]{1,100}){0,2},[ ]*|[ ]+")
# Appositions after a mention: ", a doctor," / ", R-Texas," / ", the attorney general, one of...,".
# (Not a clause: `Marco Rubio, whose hometown, Miami, is projected to flood, argues` is Rubio's.)
APPOSITION = (
    r"(?:(?P<apposition>,[ ]+(?!(?:is|was|are|were|has|had|have|will|would|can|could|may|might|must"
    r"|should|does|did|do)(?![\p{L}]))[^,;:\n_]{1,120},)){0,2}"
)
# Irregular past forms of speaking verbs, which no -ed pattern finds: "Graham spoke on Fox News,",
# "The family's statement read:".
SPEECH_IRREGULAR = r"(?:spoke|wrote|said|told|read)"
# Where or how something was said, between a reporting verb and its colon or comma:
# " on Twitter", " in a statement", " via video link".
CUE_MEDIUM = r"(?:[ ]+(?:on|in|to|via|at|from|during|through|over)[ ]+[^,:;\n_\"“”]{1,40}?)"
# Where something was said, without "to" (after an -ed verb, "to" is as often a purpose:
# "planned to enlist in the army,"): " on Twitter", " in a statement".
CUE_PLACE = r"(?:[ ]+(?:on|in|via|at|during|through|over)[ ]+[^,:;\n_\"“”]{1,40}?)"
# Irregular past forms of speaking verbs before a comma (not "read": `one sign read, "..."`).
# (And a verb of retort with its particle: `Sanders shot back, "..."`, `Trump hit back:`.)
SPEECH_IRREGULAR_COMMA = r"(?:spoke|wrote|said|told|(?:shot|fired|hit|struck|pushed|snapped|lashed)[ ]+(?:back|out))"
# Where a clause opens, right before an inverted cue (`Said Ellis:`, `..., said Y, an adviser.`).
CLAUSE_OPENING = regex.compile(r"(?:[,;:—–\n(\"“”_][ ]*|[.!?][ ]+)$")
# Right before a quote: speaker, reporting verb, comma (an -s word may be a plural noun here,
# a participle takes its sentence's subject: `issued a statement Tuesday saying, "..."`, and
# a subordinate clause's subject is not the speaker: `that if his son had planned to enlist,`).
# `Senator Lindsey Graham spoke on Fox News, "..."` / `Rathbun stated, "..."`.
BEFORE_COMMA = regex.compile(
    rf"(?<!\b(?:if|when|because|although|though|while|since|unless|as)[ ])(?P<mention>{SUBJECT}){APPOSITION}{GAP}"
    rf"(?!\p{{Ll}}+ing(?![\p{{L}}]))(?:(?P<cue>{CUE}|{SPEECH_IRREGULAR_COMMA}){CUE_MEDIUM}?"
    rf"|(?P<cue>{VERB_IN_CUE_POSITION}){CUE_PLACE}?)[ ]*,[ ]*$"
)
# A participle closing the clause before a quote's colon or comma: `..., also speaking via
# Twitter:`, `..., also observing, "..."` (not a preposition in -ing: including, following).
PARTICIPLE_BEFORE_MARK = regex.compile(
    r"(?<=,[ ]+(?:also[ ]+|then[ ]+)?)(?!(?:including|following|regarding|concerning|during|excluding)\b)"
    r"\p{Ll}{3,}ing(?=(?:[ ]+[^,:;\n_\"“”]{1,40})?[ ]*[:,][ ]*$)"
)
# The colon closing a clause before a quote.
COLON = regex.compile(":")
# Where a speaker named after its cue ends ("according to X", `said Y, an adviser.`): not
# before a verb, where the name is the subject of what was said (`said Mr. Trump was ...`).
SPEAKER_END = (  # (not after an abbreviated title: `said Mr. Trump was` is not "Mr")
    rf"(?<!\b{TITLE_ABBREVIATION})(?=[ ]*(?:[,.;:!?()\n]|$)|[ ]+(?:{PREPOSITION}|and|or|but|that|which|who|whom|whose|when|where"
    rf"|while|then|than|as)(?![\p{{L}}])"
    rf"|[ ]+\p{{Ll}}+ed[ ]+(?:by|in|on|at|last|this|earlier|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\p{{L}}]))"
)  # (and before a participle of its own: `according to a complaint filed by the SEC`)

# Cues whose object is the speaker when "as saying" follows: `Politico quoted Jo Roe as saying`.
QUOTING_CUES = frozenset(("quoted", "quotes", "quoting", "cited", "cites", "citing"))
# The person quoted, after such a cue, with an apposition: ` Jo Roe, a former official, as saying`.
QUOTED_AS_SAYING = regex.compile(
    rf"[ ]+(?P<name>{NAME})(?:,[ ][^,;:\n_]{{1,80}},)?[ ]+as[ ]+(?:saying|telling|writing|stating)(?![\p{{L}}])"
)
# A sentence that opens with its cue, then its speaker and a comma: `Said Comey, "..."`.
INVERTED_OPENING = regex.compile(r"[ \n]*(?:(?i:said|wrote|told)|\p{Lu}\p{Ll}+ed)[ ][^,;:\n_]{1,80},[ ]*$")
# A name's possessive and a cue noun it owns, before a quote in the clause: `Trump's claim
# that there were "..."`, `Cruz's closing remarks, "..."`.
POSSESSIVE_CUE = regex.compile(
    rf"(?<![\p{{L}}])(?P<mention>(?P<name>{NAME}))['’]s?[ ]+(?:\p{{Ll}}[\p{{Ll}}\-]*[ ]+){{0,2}}?"
    rf"(?P<cue>{_alternation(sorted(possessive_cues()))})(?![\p{{L}}])[^.!?;:\n_]{{0,100}}$"
)
# A document that "read" before its quotation, and whose it is: the speaker is its owner.
# `The family's statement on the death read: "..."`, `Stardom's official statement yesterday
# read "..."`; `The decree signed by the Pope read "..."`; `Facebook released a statement which
# read, in part, "..."`; `The opinion of the Court, released on Wednesday, read in part, "..."`.
# "read" and its tail right before a quotation, the cheap test before DOCUMENT_READ.
READ_BEFORE_QUOTE = regex.compile(r"reads?(?:,?[ ]+in[ ]+part)?[ ]*[,:]?[ ]*$")
_READ = r"(?P<cue>reads?)(?:,?[ ]+in[ ]+part)?[ ]*[,:]?[ ]*$"
_DOCUMENT = r"(?P<document>\p{Ll}{3,})"
_DOCUMENT_TAIL = r"(?:[ ]+(?:on|from|about|in)[ ]+[^\"“”_\n.,:;]{1,40}?)?(?:,[ ][^,\"“”_\n]{1,60},)?(?:[ ]+(?:\p{Ll}+ly|yesterday|today|(?:on[ ]+)?\p{Lu}\p{Ll}+day))?[ ]+"
DOCUMENT_READ = (
    regex.compile(rf"(?<![\p{{L}}])(?P<mention>(?P<name>{NAME})|(?P<description>[Tt]he[ ]+\p{{Ll}}+))['’]s?[ ]+(?:[\p{{Ll}}\-]+[ ]+){{0,2}}?{_DOCUMENT}{_DOCUMENT_TAIL}{_READ}"),
    regex.compile(rf"(?<![\p{{L}}])(?:[Tt]he|[Aa]n?)[ ]+{_DOCUMENT}[ ]+(?:signed|issued|released|written|posted|published|sent)[ ]+by[ ]+(?P<mention>{LIGHT_MENTION}){_DOCUMENT_TAIL}{_READ}"),
    regex.compile(rf"(?<![\p{{L}}])(?:[Tt]he|[Aa]n?)[ ]+{_DOCUMENT}[ ]+of[ ]+(?P<mention>{LIGHT_MENTION}){_DOCUMENT_TAIL}{_READ}"),
    regex.compile(rf"(?<!\b{PREPOSITION}[ ])(?P<mention>{LIGHT_MENTION})[ ]+(?:released|issued|posted|published|sent|put[ ]+out)[ ]+an?[ ]+(?:[\p{{Ll}}\-]+[ ]+){{0,2}}?{_DOCUMENT}[ ]+(?:which|that)[ ]+{_READ}"),
)
# A full name right before a participle cue, which it is the subject of, even after a
# preposition: `footage of Hillary Clinton asking, "..."`, `Ross Spano of Florida calling the
# process "..."`; a surname alone only after "of" or "with": `footage of Trump saying, "..."`.
NAME_BEFORE_PARTICIPLE = regex.compile(
    rf"(?<![\p{{L}}])(?!{_NOT_NAME}(?![\p{{L}}]))"
    rf"(?P<mention>(?P<name>(?:{NAME_WORD})(?:[ ]+(?:{NAME_WORD})){{1,3}}|(?<=\b(?:of|with)[ ])\p{{Lu}}\p{{Ll}}+))"
    rf"(?:[ ]+of[ ]+(?:{NAME_WORD})(?:[ ]+(?:{NAME_WORD})){{0,2}})?[ ]+$"
)
# The auxiliary of a progressive right before an -ing cue, which makes it finite: "is labeling".
PROGRESSIVE_BEFORE = regex.compile(r"(?<![\p{L}])(?:is|was|are|were|been|be)[ ]+$")
# A passive auxiliary right before a cue, and the agent after it: `he was told by Jo Roe`.
PASSIVE_BEFORE = regex.compile(r"(?<![\p{L}])(?:was|were|been|being|is|are)[ ]+$")
PASSIVE_AGENT = regex.compile(rf"[ ]+by[ ]+(?P<mention>{LIGHT_MENTION})")
# Between two quotations of one clause: `"..." and "..."`, `"...," or "..."`.
JOINING = regex.compile(r",?[ ]+(?:and|or)[ ]+")
# A subject and a verb between commas, another attribution: `, the document states,`.
PARENTHETICAL_VERB = regex.compile(r"(?:,|(?<=[\"”’']))[ ]+(?:(?:the|a|an|his|her|its|their)[ ]+)?[\p{L}\-]+[ ]+\p{Ll}{2,}(?:s|ed)[ ]*,")
# Between two quotations of one reported clause: words on one line, no sentence end, no quote.
SAME_CLAUSE = regex.compile(r"[^.!?;:\n_\"“”]*")
# After an attribution, the comma or colon and opening mark of the quotation it introduces.
# Words of a reported clause right after a cue: `said the talks had failed` (not `said.`,
# `said Monday`, `said in a statement`).
CLAUSE_GOES_ON = regex.compile(r"[ ]+(?:that|the|a|an|he|she|they|it|we|his|her|their)[ ]+\p{Ll}")
# A lower-case word right after a quotation's closing mark: its sentence goes on, though the
# quotation ended in a full stop (`"...a sixth-grader." added Rep. Jim Clyburn`).
SENTENCE_GOES_ON = regex.compile(r"[ ]+\p{Ll}")
INTRODUCES_QUOTE = regex.compile(r"[ ]*[,:][ ]*[\"“‘«„]")

# --- Title Case headlines -----------------------------------------------------------------

# A verb of a Title Case headline: `Governor Calls Budget 'A Disgrace'`, `... Slams ...`.
HEADLINE_VERB = regex.compile(rf"(?<=[ ])(?:{_alternation(sorted(headline_verbs()))})(?=[ ])")
# The capitalised words before a headline verb that can be its subject: a name or a title.
HEADLINE_SUBJECT = regex.compile(rf"[ ]*(?P<mention>(?P<name>{NAME}))[ ]*")
# A Title Case headline closing on its speaker and verb after a comma: `..., Lindsey Graham Says.`
HEADLINE_CLOSING = regex.compile(
    rf",[ ]+(?P<mention>(?P<name>{NAME}))[ ]+(?P<cue>{_alternation(sorted(headline_verbs()))})[ .!?]*$"
)
# A headline that names its speaker before a colon, with its topic or as a source:
# `Obama on Climate Change: ...`, `A lesson from Loretta Lynch: ...`.
HEADLINE_SOURCE = regex.compile(
    rf"[ ]*(?:[^\n:_]{{1,40}}?[ ](?:from|by)[ ]+)?(?P<mention>(?P<name>{NAME}))(?:[ ]+(?:on|about)[ ]+[^\n:_]{{1,60}})?(?P<cue>:)[ ]"
)
# A headline line: up to 200 characters before its line break.
HEADLINE_LINE = regex.compile(r"[^\n]{1,200}")

# --- round-ups, transcripts, "as X put it" -------------------------------------------------

# A paragraph that opens with a name (a party tag, an outlet after a comma) and a colon, then
# the quote: `Jane Roe, The Daily Planet: "..."`, `Rep. Trey Gowdy (R-S.C.): "..."` (the outlet
# in capitals: not `On Wednesday, Jo Roe told GB News:`, a sentence).
ROUNDUP_SPEAKER = regex.compile(
    rf"[ ]*(?!{_OPENING_WORD})(?P<mention>(?P<name>{NAME}))(?:[ ]\([^()\n]{{1,30}}\))?"
    rf"(?:,[ ]+(?:(?:the|a|an|of|and|for|in)[ ]+|[\p{{Lu}}\p{{N}}][^ ,:;\n_\"“”\-–—]*[ ]*){{1,8}})?(?P<cue>:)[ ]*"
)
# A round-up item: a heading, a dash, a name and a colon before the quote: `... - Philip Bump: "..."`.
DASH_ROUNDUP_SPEAKER = regex.compile(rf"[ ][-–—][ ]+(?P<mention>(?P<name>{NAME}))(?P<cue>:)[ ]*$")
# "As X put it:" before a quote: `Or, as Tom Ridge, a former secretary, put it: "..."`.
AS_PUT_IT = regex.compile(
    rf"(?<![\p{{L}}])(?i:as)[ ]+(?P<mention>{MENTION}){APPOSITION}[ ]+(?P<cue>puts?[ ]+it)"
    rf"(?:[ ]+[^,:;\n_\"“”]{{1,60}}?)?[ ]*[:,][ ]*$"
)
# An apposition that names the person a description or an organisation's title stands for,
# after lower-case role words: `The study's lead author, doctoral candidate Jo Roe, said`.
# A person named right before the body a mention names, which is theirs: `Jo Roe of the
# University of Essex said` (the speaker is Jo Roe, not the university).
OWNER_BEFORE = regex.compile(
    rf"(?<!\b{PREPOSITION}[ ])(?<![\p{{L}}])(?P<name>{NAME})[ ]+(?:of|from|at)[ ]+(?:the[ ]+)?(?:[\p{{Ll}}\-]+[ ]+){{0,3}}$"
)
# The words that tie a body to the person before it, the cheap test before OWNER_BEFORE.
OWNER_LINK = regex.compile(r"[ ](?:of|from|at)[ ]")
# A title that names an office or a body rather than a person: "Director of the Trust".
OF_PHRASE = regex.compile(r"[ ](?:of|for)[ ]")
# (The role words are no phrase of their own: not "a speechwriter in George Bush's office".)
NAMED_APPOSITION = regex.compile(
    rf"(?:(?!(?:{PREPOSITION}|a|an|the|or|who|which)[ ])\p{{Ll}}[\p{{L}}\-]*[ ]){{0,5}}(?P<name>{NAME})"
)
# A sentence that opens with "As X put it" (or said, wrote...) and a comma: what follows in
# it is X's, quoted or not: `As Ms. Roe put it in a statement in July, RT is "..."`.
AS_OPENING = regex.compile(
    rf"[ \n]*(?:{_LEAD_WORD},?[ ]+)?(?i:as)[ ]+(?P<mention>{MENTION}){APPOSITION}(?:[ ]+\p{{Ll}}+ly)?[ ]+"
    rf"(?P<cue>puts?[ ]+it|{CUE})(?:[ ]+[^,:;\n_\"“”]{{1,80}}?)?,[ ]"
)
# A description that ends in a full name after a possessive and its role in lower case: `The
# Post's Dana Milbank`, `Sanders' spokesman Michael Briggs` (no preposition between: "Clinton's
# biggest boosters in New Hampshire" ends in a place).
OWNED_NAME = regex.compile(rf"{_POSSESSIVE_MARK}[ ]+(?:(?!{PREPOSITION}[ ])\p{{Ll}}[\p{{Ll}}\-]*[ ]+){{0,3}}(?P<name>(?:{NAME_WORD})(?:[ ]+(?:{NAME_WORD})){{1,3}})$")
