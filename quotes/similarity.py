"""Comparing quote texts: the normalised key, words and numbers, negation, speakers, titles.

What clustering asks of two texts before it merges them, apart from the search itself
(``quotes/cluster.py``).
"""

from __future__ import annotations

import csv
import unicodedata
from functools import lru_cache
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
# Where one sentence ends and another begins inside a normalised text: a full stop, question
# or exclamation mark (closing marks after it allowed) before a space and a word; not the dot
# after a lone letter ("u.s. is", "george w. bush"), and "2.5" has no space after its dot.
SENTENCE_BREAK = regex.compile(r"(?<!(?:^|[\s.])\p{L})[.!?]['\")\]]*\s+(?=[\p{L}\p{N}'\"])")
# A number written in digits, with thousands separators and an ordinal or plural suffix:
# 1,000 / 2.5 / 21st / 60s; not the digits inside a code or a link (1dbumw5).
NUMBER = regex.compile(
    r"(?<![\p{L}\p{N}])(\d+(?:,\d{3})*(?:\.\d+)?)(st|nd|rd|th)?s?(?![\p{L}\p{N}])"
)

# An editor's insertion in square brackets ("[Clinton]", "[censored]"): not the speaker's words.
BRACKETED = regex.compile(r"\[[^\[\]]{0,80}\]")
# Where a quotation leaves words out or an editor put words in: an ellipsis or a bracket.
ELISION = regex.compile(r"\.\.\.|\[[^\[\]]{0,80}\]")
# A figure run into its scale or unit ("2.6million", "8bn"): split into the two words it stands
# for, as "2.6 million" is written; not an ordinal or plural ("21st", "60s").
NUMBER_AND_WORD = regex.compile(r"(\d+(?:[.,]\d+)*)(?!(?:st|nd|rd|th|s)$)(\p{L}+)")

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

# Lower-case words inside names ("Charles de Gaulle", "Ludwig van Beethoven", "bin Laden").
NAME_PARTICLES = frozenset("al bin da de del della der di du el ibn la le van von y".split())

# Words that open a description, never a name ("Her critics", "This Week").
DETERMINERS = frozenset("a an the this that these those his her its our their my your".split())

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


def is_one_sentence(normalised: str) -> bool:
    """Whether a normalised text is a single sentence (or part of one): no sentence ends inside it."""
    return SENTENCE_BREAK.search(normalised) is None


def is_fragment(normalised: str) -> bool:
    return len(words(normalised)) <= FRAGMENT_WORDS


def tokens(normalised: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The words for matching, with the offset in ``normalised`` of the written word each one
    comes from: contractions spelled out ("don't" -> "do", "not"), possessives as their noun
    ("isis's", "isis'" -> "isis"), a figure run into its scale split ("2.6million" -> "2.6",
    "million"), and an editor's bracketed insertion left out."""
    found: list[str] = []
    starts: list[int] = []
    inserted = [match.span() for match in BRACKETED.finditer(normalised)] if "[" in normalised else []
    for match in WORD.finditer(normalised):
        word = match[0]
        if inserted and any(start <= match.start() < end for start, end in inserted):
            continue
        if word.endswith("'s") and word not in IRREGULAR_NEGATIONS:
            word = word[:-2]  # possessive or "is": the same on both sides, whichever it is
        contracted = CONTRACTED.match(word) if "'" in word else None
        split = NUMBER_AND_WORD.fullmatch(word) if word[0].isdigit() else None
        if split:
            found.extend((split[1], split[2]))
            starts.extend((match.start(), match.start()))
        elif word in IRREGULAR_NEGATIONS:
            found.extend(IRREGULAR_NEGATIONS[word])
            starts.extend((match.start(), match.start()))
        elif contracted:
            found.extend((contracted[1], CONTRACTIONS[contracted[2]]))
            starts.extend((match.start(), match.start()))
        else:
            found.append(word)
            starts.append(match.start())
    return tuple(found), tuple(starts)


def segments(normalised: str) -> list[tuple[str, ...]]:
    """The matching words of each stretch between elisions and insertions ("a b ... c d" ->
    (a, b), (c, d)): the pieces of the speaker's words a quotation runs together."""
    pieces = ELISION.split(normalised) if "..." in normalised or "[" in normalised else [normalised]
    return [words for words in (tokens(piece)[0] for piece in pieces) if words]


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


@lru_cache(maxsize=4096)  # asked of the same few names for every pair of texts they are credited with
def doubtful_speaker(name: str) -> bool:
    """Whether an extracted speaker reads as something other than a name: a description or a
    headline fragment ("the rally", "her statement", "The spot", "Former Security",
    "Los Angeles-area Sanders"), which speaks for nobody in particular. A name is capitalised
    words, not opening with a determiner or a title word, not ending in a description's head
    noun (the mined lexicons)."""
    written = WORD.findall(unicodedata.normalize("NFKC", name))
    if not written:
        return True
    for word in regex.split(r"[\s\-]+", name.strip()):
        letters = word.strip(".,'’()")
        if letters and letters[0].isalpha() and not letters[0].isupper() and letters.casefold() not in NAME_PARTICLES:
            return True
    nouns, titles = _description_words()
    first, last = written[0].casefold(), written[-1].casefold()
    return last in nouns or (len(written) > 1 and (first in titles or first in DETERMINERS))


def trusted_speakers(names: Iterable[str]) -> tuple[str, ...]:
    """The names among ``names`` that can speak for a person (``doubtful_speaker`` aside)."""
    return tuple(name for name in names if name and not doubtful_speaker(name))


@lru_cache(maxsize=1)
def _description_words() -> tuple[frozenset[str], frozenset[str]]:
    from quotes.patterns import LEXICONS, speaker_nouns

    with (LEXICONS / "name_titles.tsv").open(encoding="utf-8") as handle:
        titles = frozenset(row["word"] for row in csv.DictReader(handle, delimiter="\t"))
    return frozenset(speaker_nouns()), titles - NAME_PARTICLES


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
    """True unless both sides have trusted speakers and none of them is the same person: a
    doubtful speaker ("the rally") vetoes nothing."""
    a, b = trusted_speakers(a), trusted_speakers(b)
    return not a or not b or any(same_speaker(x, y) for x in a for y in b)
