"""Comparing quote texts: the normalised key, words and numbers, negation, speakers, titles.

What clustering asks of two texts before it merges them, apart from the search itself
(``quotes/cluster.py``).
"""

from __future__ import annotations

import unicodedata
from typing import Iterable, Sequence

import regex

from quotes.types import Occurrence

# --- normalisation -------------------------------------------------------------------------

# Curly and angle quotes, primes and accents -> straight quotes; every dash -> "-".
UNIFY_MARKS = str.maketrans(
    {c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»‹›"} | {c: "-" for c in "‐‑‒–—―−"}
)
# An ellipsis spelled with spaces between its dots (". . ."), as some wire copy does.
SPACED_ELLIPSIS = regex.compile(r"\.(?:[ ]?\.){2,}")
# A word of a normalised text: letters and digits with inner apostrophes, full stops and commas
# (don't, u.s, 1,000, 2.5); a leading apostrophe or a hyphen splits ('60s -> 60s, native-born).
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['.,][\p{L}\p{N}]+)*")
# A quote mark opening a quotation inside a quote: at the start or after a space or bracket,
# before a non-space (not the apostrophe of "let's").
INNER_OPENING = regex.compile(r"(?:^|(?<=[\s(\[]))['\"](?=\S)")
# The end of a sentence right before a position.
SENTENCE_END_BEFORE = regex.compile(r"[.!?][ ]?$")
# A quote mark closing one: after a non-space, before a space, punctuation or the end.
INNER_CLOSING = regex.compile(r"(?<=\S)['\"](?=[\s.,;:!?)\]]|$)")
# A number written in digits, with thousands separators and an ordinal or plural suffix:
# 1,000 / 2.5 / 21st / 60s; not the digits inside a code or a link (1dbumw5).
NUMBER = regex.compile(
    r"(?<![\p{L}\p{N}])(\d+(?:,\d{3})*(?:\.\d+)?)(st|nd|rd|th)?s?(?![\p{L}\p{N}])"
)

# Contracted endings, spelled out for matching: "we're going" = "we are going".
CONTRACTIONS = {"n't": "not", "'re": "are", "'m": "am", "'ll": "will", "'ve": "have", "'d": "would"}
# A word with a contracted ending: the stem and the ending.
CONTRACTED = regex.compile(r"(.+?)(n't|'re|'m|'ll|'ve|'d)$")
# Contracted negations whose stem is not spelled as the full verb.
IRREGULAR_NEGATIONS = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
}
# Words a title leaves in lower case: "This Week With George Stephanopoulos", "State of the Union".
TITLE_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with".split())
# Words that negate a statement; any word ending in n't counts too.
NEGATIONS = frozenset("not no never nothing nobody none neither nor nowhere cannot".split())
# Number words, as the digits they stand for: ordinals as "1th" (as "1st" is read), scales by
# name. "Percent" is left out: "5 percent" and "5%" are the same number.
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_TEENS = "fifteen sixteen seventeen eighteen nineteen twenty"
_TENS = "thirty forty fifty sixty seventy eighty ninety"
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth"
NUMBER_WORDS = (
    {word: str(value) for value, word in enumerate(f"{_UNITS} {_TEENS}".split())}
    | {word: str(value) for value, word in zip(range(30, 100, 10), _TENS.split())}
    | {word: f"{value}th" for value, word in enumerate(_ORDINALS.split(), 1)}
    | {f"{scale}{s}": scale for scale in "hundred thousand million billion trillion".split() for s in ("", "s")}
    | {"dozen": "12", "dozens": "12", "half": "0.5"}
)

FRAGMENT_WORDS = 3  # this many words or fewer: a fragment, grouped by exact text and speaker only
# A text of this many words or fewer with every word capitalised (small words aside) is a
# name, not someone's words: "Good Morning America", "The Late Show With Stephen Colbert"
# were each the same text in 2+ outlets, from unrelated articles. It stays alone.
TITLE_WORDS = 6


def normalise(text: str) -> str:
    """The matching key of a quote: NFKC, case-folded, one kind of quote mark and dash,
    "..." for every ellipsis, no punctuation at either end, single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(UNIFY_MARKS)
    text = SPACED_ELLIPSIS.sub("...", " ".join(text.split()))
    start, end = 0, len(text)
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_edge_junk(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def words(normalised: str) -> tuple[str, ...]:
    """The words of a normalised text as written (hyphens split words; apostrophes do not)."""
    return tuple(WORD.findall(normalised))


def is_fragment(normalised: str) -> bool:
    return len(words(normalised)) <= FRAGMENT_WORDS


def tokens(normalised: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The words for matching, contractions spelled out ("don't" -> "do", "not"), with the
    offset in ``normalised`` of the written word each one comes from."""
    found: list[str] = []
    starts: list[int] = []
    for match in WORD.finditer(normalised):
        word = match[0]
        contracted = CONTRACTED.match(word) if "'" in word else None
        if word in IRREGULAR_NEGATIONS:
            found.extend(IRREGULAR_NEGATIONS[word])
            starts.extend((match.start(), match.start()))
        elif contracted:
            found.extend((contracted[1], CONTRACTIONS[contracted[2]]))
            starts.extend((match.start(), match.start()))
        else:
            found.append(word)
            starts.append(match.start())
    return tuple(found), tuple(starts)


def texts_to_embed(occurrences: Iterable[Occurrence]) -> list[str]:
    """The distinct normalised texts that clustering needs a vector for, sorted."""
    keys = {normalise(occurrence.text) for occurrence in occurrences}
    return sorted(key for key in keys if not is_fragment(key))


def differs_in_negation_or_numbers(a: str, b: str) -> bool:
    """Whether one text negates what the other does not, or they give different numbers."""
    return words_differ(tokens(normalise(a))[0], tokens(normalise(b))[0])


def words_differ(a: Sequence[str], b: Sequence[str]) -> bool:
    return negation_count(a) != negation_count(b) or numbers_in(a) != numbers_in(b)


def negation_count(matching: Sequence[str]) -> int:
    return sum(1 for word in matching if word in NEGATIONS or word.endswith("n't"))


def numbers_in(matching: Sequence[str]) -> frozenset[str]:
    found = {NUMBER_WORDS[word] for word in matching if word in NUMBER_WORDS}
    for word in matching:
        for match in NUMBER.finditer(word):
            found.add(match[1].replace(",", "") + ("th" if match[2] else ""))
    return frozenset(found)


def same_speaker(a: str, b: str) -> bool:
    """Lenient, for vetoes only: the same last word, case and accents aside ("Sergey Shoigu" =
    "Sergei Shoigu" = "Shoigu", "Calderon" = "Calderón"; so also "Bill" = "Hillary Clinton")."""
    return bool(a.split()) and bool(b.split()) and _surname(a) == _surname(b)


def _surname(name: str) -> str:
    last = unicodedata.normalize("NFKD", name.split()[-1].casefold())
    return "".join(char for char in last if not unicodedata.combining(char))


def is_title(text: str) -> bool:
    """Whether ``text`` (as written) reads as the name of a show, a work or an event."""
    written = WORD.findall(unicodedata.normalize("NFKC", text))
    if not 2 <= len(written) <= TITLE_WORDS or not any(w[0].isalpha() for w in written):
        return False
    return all(not w[0].isalpha() or w[0].isupper() or w.casefold() in TITLE_SMALL_WORDS for w in written)


def speakers_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    """True unless both sides have known speakers and none of them is the same person."""
    a, b = list(a), list(b)
    return not a or not b or any(same_speaker(x, y) for x in a for y in b)
