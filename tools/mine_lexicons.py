"""Learn the attribution lexicons from PolNeAR's train split (never dev).

    QUOTES_SHARED=../shared python tools/mine_lexicons.py

rewrites ``quotes/lexicons/cues.tsv`` and ``quotes/lexicons/speaker_nouns.tsv`` and prints how
often each cue heads a relation whose Content holds a direct quote. Deterministic: the same
corpus gives the same files byte for byte.

cues.tsv: the reporting-verb forms and fixed phrases of the gold Cue spans, lowercased, with
auxiliaries, modals, negation and adverbs stripped ("has also said" -> "said", "would not
say" -> "say"). A cue of several words keeps a verb + particle ("according to", "pointed out");
any other is cut to its first word ("said in a statement" -> "said"). Columns: cue, cue_count
(gold Cues of that form), occurrences (whole-word matches in the train texts, any case),
precision (cue_count / occurrences), and the same two counts for the occurrences that a
quotation follows in their sentence (an opening mark within ``BEFORE_QUOTE_REACH`` characters
and no sentence end between): before_quote (how many), before_quote_cues (how many of those
head a gold Cue of a relation holding a direct quote); after_possessive: how many of its gold Cues
follow a name's possessive, with at most two words between ("Trump's claim", "Cruz's closing
remarks"). "pledged" heads a Cue in a quarter of
its uses, but in most of those where a quotation follows it: ``pledged to "bring ..."``.

speaker_nouns.tsv: head nouns of descriptive Sources -- those opening with a determiner or
all lowercase ("the spokesman", "a senior official", "officials"). The head is the last word,
if lowercase, of the phrase before a preposition or relative ("the spokesman for the
campaign" -> spokesman; "a majority of voters" -> voters). Columns: noun, count, person (1 for
a person or role, 0 for an organisation, publication or document: :func:`is_person`).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from bisect import bisect_left
from collections import Counter
from pathlib import Path

from tabulate import tabulate

from gold_access import LEXICONS, polnear_train  # the gold readers without the package init
from quotes.evaluate import gold_quotes, iter_split  # noqa: E402  (after gold_access)

MIN_CUE_COUNT = 3
BEFORE_QUOTE_REACH = 160  # as attribute.WINDOW: how far before a quotation its cue may stand
MIN_NOUN_COUNT = 2

# Words of a cue or a Source: letters, with inner apostrophes and hyphens (don't, front-runner).
RE_WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*", re.IGNORECASE)

# An opening quote mark: after a space or line start, before a word ('' is a double mark).
RE_OPENING_MARK = re.compile(r"(?:(?<=\s)|^)(?:[\"“‘]|'')(?=\S)", re.MULTILINE)
# Where a sentence may end: terminal punctuation or a line break.
RE_SENTENCE_STOP = re.compile(r"[.!?\n]")
# A name's possessive and up to two words, right before a cue: "Trump's ", "Cruz's closing ".
RE_AFTER_POSSESSIVE = re.compile(r"\b[A-Z][\w-]*['’]s?\s+(?:[a-z][\w-]*\s+){0,2}$")

# Stripped from cues: they qualify the reporting verb, they are not it.
AUXILIARIES = set(
    "has have had having is are was were be been being am 's will would could should can may "
    "might must shall do does did 'd 'll".split()
)
NEGATION = {"not", "never", "no"}
NON_LY_ADVERBS = set(
    "also later then again once just still even already often soon now too ever first always "
    "since yet further afterward afterwards earlier twice here there so once more".split()
)
# The second word of a fixed phrase: according to, pointed out, called for, called on.
PARTICLES = {"to", "out", "for", "on", "about", "up"}
# A cue left with only these is no reporting verb ("in a statement, ..." has the cue "in").
FUNCTION_WORDS = set(
    "in for of to about on at with from by as that the a an and via it he she they this "
    "there what which who s".split()
)

# Sources that open with these are descriptions: the spokesman, a senior official.
DETERMINERS = set("the a an this that another one two several many some his her their its".split())
# Heads that count a share of people, so the head is after "of": "a majority of voters".
QUANTITIES = set(
    "percent majority minority number handful third half lot plurality share dozens "
    "two-thirds three-quarters three-fourths".split()
)
# Words that never head a description: pronouns, quantifiers, numbers, adverbs.
NOT_HEADS = DETERMINERS | QUANTITIES | set(
    "he she who whom whose which it you we i him me them my our your us they these those self "
    "others other both most all each few any none either neither such own what there here said "
    "three four five no everyone someone anyone nobody everybody somebody nearly about almost "
    "roughly only just more much over up out new former themselves let rest available "
    "present".split()
)
# Words that end the head's phrase: "the spokesman for the campaign" -> spokesman.
PHRASE_ENDS = set(
    "of for at in with from on who whom whose which that to and or as by like about including "
    "among after before than close familiar involved".split()
)
# is_person: a head noun names an organisation, publication or document rather than a person
# when it ends with one of these suffixes (newspaper, statement, administration, analysis,
# majority, legislature, conference, leadership, website), in -ing past five letters
# (briefing, polling), or is one of these words once made singular (polls, reports).
NON_PERSON_SUFFIXES = ("paper", "ment", "tion", "sion", "sis", "ity", "ure", "ance", "ence",
                       "ism", "ship", "site", "cast", "line")
NON_PERSON_WORDS = set(
    "poll report study survey campaign group company firm party board agency court office "
    "committee council union bureau institute network outlet station magazine journal tabloid "
    "media press post tweet email letter memo ad video book article editorial column story "
    "record data result figure number review summary document bill law lawsuit suit affidavit "
    "complaint release transcript page account blog message speech interview plan platform "
    "proposal version team staff camp crowd audience public base wing side family body "
    "industry system series house state country city town district school army evidence "
    "count tally average panel electorate county business photo sign placard material list "
    "copy show shot joke order opinion rule policy return debate vote rally protest exchange "
    "conversation week month year day history call course eye inquiry percentage spot wave "
    "chorus".split()
)


def is_person(noun: str) -> bool:
    """True for a person or role (spokesman, officials); False for organisations and documents."""
    word = noun.lower()
    singular = {word, word[:-1] if word.endswith("s") else word}
    if word.endswith("ies"):
        singular.add(word[:-3] + "y")
    if word.endswith("es"):
        singular.add(word[:-2])
    if singular & NON_PERSON_WORDS:
        return False
    gerund = any(len(w) > 5 and w.endswith("ing") for w in singular)  # briefing, not king
    return not (gerund or any(w.endswith(NON_PERSON_SUFFIXES) for w in singular))


def cue_form(cue: str) -> str | None:
    """The reporting verb or fixed phrase of a gold Cue, or None when there is none."""
    words = [w.replace("’", "'") for w in RE_WORD.findall(cue.lower())]
    kept = [
        w for w in words
        if w not in AUXILIARIES and w not in NEGATION and w not in NON_LY_ADVERBS
        and not w.endswith("n't") and not (w.endswith("ly") and len(words) > 1)
    ]
    if len(kept) > 1 and kept[0] == "to":
        kept = kept[1:]  # "to say" -> say
    if not kept:
        return None
    # a phrase is a verb + particle, alone or before "to": "went on to say", not "said on Monday"
    phrase = len(kept) > 1 and kept[1] in PARTICLES and (len(kept) == 2 or kept[2] == "to")
    form = " ".join(kept[:2]) if phrase else kept[0]
    return None if set(form.split()) <= FUNCTION_WORDS else form


def speaker_noun(source: str) -> str | None:
    """The head noun of a descriptive Source ("the Florida senator" -> senator), or None."""
    words = RE_WORD.findall(source)
    if not words or not (words[0].lower() in DETERMINERS or source == source.lower()):
        return None
    phrase: list[str] = []
    for word in words:
        lower = word.lower()
        if lower == "of" and phrase and phrase[-1].lower() in NOT_HEADS:
            phrase = []  # "one of the protesters", "a majority of voters": the head comes after
        elif lower in PHRASE_ENDS and phrase:
            break
        elif lower not in PHRASE_ENDS:
            phrase.append(word)
    if not phrase:
        return None
    head = re.sub(r"['’]s?$", "", phrase[-1])
    if head[0].isupper() or head.lower() in NOT_HEADS or len(head) < 2 or head.endswith("ed"):
        return None
    return head


def mine(train: Path) -> tuple[Counter[str], Counter[str], Counter[str], list[str], list[set[int]], Counter[str]]:
    """(cue counts, cue counts near direct quotes, speaker noun counts, texts, per text the
    offsets inside the gold Cues of relations holding a direct quote, and cue counts right
    after a name's possessive: "Trump's claim that ...")."""
    cues: Counter[str] = Counter()
    near_quotes: Counter[str] = Counter()
    possessive: Counter[str] = Counter()
    nouns: Counter[str] = Counter()
    texts = []
    quote_cue_offsets: list[set[int]] = []
    for _, text, relations in iter_split(train):
        texts.append(text)
        inside: set[int] = set()
        for rel in relations:
            form = cue_form(rel.cue.text) if rel.cue else None
            has_quote = bool(gold_quotes(text, [rel]))
            if rel.cue and has_quote:
                for lo, hi in rel.cue.fragments:
                    inside.update(range(lo, hi))
            if form:
                cues[form] += 1
                if has_quote:
                    near_quotes[form] += 1
                cue_start = min(lo for lo, _ in rel.cue.fragments)
                if RE_AFTER_POSSESSIVE.search(text, max(0, cue_start - 60), cue_start):
                    possessive[form] += 1
            noun = speaker_noun(rel.source.text) if rel.source else None
            if noun:
                nouns[noun] += 1
        quote_cue_offsets.append(inside)
    return cues, near_quotes, nouns, texts, quote_cue_offsets, possessive


def before_quote(forms: list[str], texts: list[str],
                 quote_cue_offsets: list[set[int]]) -> dict[str, tuple[int, int]]:
    """Each form's (occurrences a quotation follows in their sentence, those heading a gold
    Cue of a relation with a direct quote), words read as :func:`occurrences` reads them."""
    wanted = set(forms)
    found: dict[str, list[int]] = {form: [0, 0] for form in forms}
    for text, inside in zip(texts, quote_cue_offsets):
        opens = [m.start() for m in RE_OPENING_MARK.finditer(text)]
        stops = [m.start() for m in RE_SENTENCE_STOP.finditer(text)]
        words = [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in RE_WORD.finditer(text)]
        grams = [(w, a, b) for w, a, b in words]
        grams += [(f"{w} {v}", a, d) for (w, a, _), (v, _, d) in zip(words, words[1:])]
        for gram, start, end in grams:
            if gram not in wanted:
                continue
            mark = bisect_left(opens, end)
            if mark == len(opens) or opens[mark] - end > BEFORE_QUOTE_REACH:
                continue
            stop = bisect_left(stops, end)
            if stop < len(stops) and stops[stop] < opens[mark]:
                continue
            found[gram][0] += 1
            found[gram][1] += start in inside
    return {form: (n, cue) for form, (n, cue) in found.items()}


def occurrences(forms: list[str], texts: list[str]) -> dict[str, int]:
    """Whole-word, case-insensitive matches of each form (one or two words) in the texts.

    Words are counted as cue_form reads them, so a phrase's two words may have punctuation
    between them ("pointed. Out") -- rare enough not to matter for a precision estimate.
    """
    grams: Counter[str] = Counter()
    for text in texts:
        words = [w.replace("’", "'") for w in RE_WORD.findall(text.lower())]
        grams.update(words)
        grams.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return {form: grams[form] for form in forms}


def write_tsv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=LEXICONS, help="where the .tsv files go")
    args = parser.parse_args(argv)
    train = polnear_train()
    cues, near_quotes, nouns, texts, quote_cue_offsets, possessive = mine(train)
    if not texts:
        print(f"no annotated texts under {train}", file=sys.stderr)
        return 1

    def by_count(item: tuple[str, int]) -> tuple[int, str]:
        return -item[1], item[0]

    kept = sorted(((f, n) for f, n in cues.items() if n >= MIN_CUE_COUNT), key=by_count)
    seen = occurrences([f for f, _ in kept], texts)
    quoted_after = before_quote([f for f, _ in kept], texts, quote_cue_offsets)
    # a cue's own words are in the text, so occurrences >= cue_count unless a Cue splits a word
    cue_rows = [[f, n, max(seen[f], n), f"{n / max(seen[f], n):.3f}", *quoted_after[f], possessive[f]]
                for f, n in kept]
    noun_rows = [[w, n, int(is_person(w))]
                 for w, n in sorted(nouns.items(), key=by_count) if n >= MIN_NOUN_COUNT]
    args.out.mkdir(parents=True, exist_ok=True)
    write_tsv(args.out / "cues.tsv", ["cue", "cue_count", "occurrences", "precision", "before_quote",
                                         "before_quote_cues", "after_possessive"], cue_rows)
    write_tsv(args.out / "speaker_nouns.tsv", ["noun", "count", "person"], noun_rows)

    print(f"{len(texts)} train texts: {len(cue_rows)} cues, {len(noun_rows)} speaker nouns")
    quoted = sorted(((f, near_quotes[f]) for f, _ in kept if near_quotes[f]), key=by_count)
    table = [[f, q, cues[f], f"{q / cues[f]:.2f}", f"{q / sum(near_quotes.values()):.3f}"]
             for f, q in quoted[:40]]
    print("\nCues of relations whose Content holds a direct quote (top 40):")
    print(tabulate(table, headers=["cue", "with quote", "cue_count", "share of its cues",
                                   "share of quote cues"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
