"""The lexicons mined from PolNeAR train (``quotes/lexicons/*.tsv``), read once and held to
the thresholds that make a form a cue: cue verbs and phrases, the cues before a quotation,
the cue nouns a possessive owns, speaker nouns, and a headline's verb forms.

``tools/mine_lexicons.py`` writes the files; ``quotes.patterns`` builds its patterns from them.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

# A cue form is used when at least this share of its occurrences in PolNeAR train head a gold
# cue: 0.4 keeps said/told/called/asking/praised and drops statement/plan/found/known,
# which mostly are not cues. Attribution F1 on train: 0.792 at 0.5, 0.798 at 0.4, 0.795 at 0.3.
CUE_MIN_PRECISION = 0.4
# A form below that share is still a cue before a quotation in its sentence when at least
# this share of those uses (and at least BEFORE_QUOTE_MIN_COUNT of them) head a gold cue:
# pledged "to bring...", calling it "...", vowed to "..." (mined as cues.tsv's before_quote).
# Chosen on PolNeAR train: 0.45 and 3 keep its strict speaker accuracy (0.940) and raise quote
# F1 0.902 -> 0.904 over 0.6 and 5; lower shares gain a little more at a lower accuracy.
BEFORE_QUOTE_MIN_PRECISION = 0.45
BEFORE_QUOTE_MIN_COUNT = 3
LEXICONS = Path(__file__).resolve().with_name("lexicons")  # the TSV files mined from PolNeAR


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, float]:
    """Cue form -> precision on PolNeAR train (how often the form heads a gold cue)."""
    rows = read_lexicon("cues.tsv")
    return {
        row["cue"]: float(row["precision"])
        for row in rows
        if float(row["precision"]) >= CUE_MIN_PRECISION and len(row["cue"]) >= 3  # not 're, 've
    }


@lru_cache(maxsize=1)
def before_quote_cues() -> frozenset[str]:
    """Cue forms that, with a quotation after them in their sentence, mostly head a cue."""
    return frozenset(  # verb forms only: "assertion" or "suggestion" has no subject before it
        row["cue"] for row in read_lexicon("cues.tsv")
        if row["cue"].split()[0].endswith(("ed", "s", "ing")) and len(row["cue"]) >= 3 and int(row["before_quote"]) >= BEFORE_QUOTE_MIN_COUNT
        and int(row["before_quote_cues"]) >= BEFORE_QUOTE_MIN_PRECISION * int(row["before_quote"])
    )


# A cue form heads a "Trump's claim that ..." cue when at least this many of its gold Cues in
# PolNeAR train, and this share of them, follow a name's possessive; when it is a cue in this
# share of its uses, and, with a quotation after it, heads a quote's cue in this share of them
# (so "claim" and "assertion", not "campaign", "decision" or "view", whose quotes are others').
POSSESSIVE_MIN_COUNT = 2
POSSESSIVE_MIN_SHARE = 0.15
POSSESSIVE_MIN_PRECISION = 0.15
POSSESSIVE_MIN_QUOTE_SHARE = 0.3


@lru_cache(maxsize=1)
def possessive_cues() -> frozenset[str]:
    """Cue nouns a name's possessive owns: claim, assertion, endorsement ("Trump's claim that
    there were "thousands of shootings""), as mined into cues.tsv's after_possessive."""
    return frozenset(
        row["cue"] for row in read_lexicon("cues.tsv")
        if row["cue"].isalpha() and not row["cue"].endswith(("s", "ed", "ing"))  # nouns, not "thinks"
        and int(row.get("after_possessive") or 0) >= POSSESSIVE_MIN_COUNT
        and int(row["after_possessive"]) >= POSSESSIVE_MIN_SHARE * int(row["cue_count"])
        and float(row["precision"]) >= POSSESSIVE_MIN_PRECISION
        and int(row["before_quote_cues"]) >= POSSESSIVE_MIN_QUOTE_SHARE * int(row["before_quote"])
    )


@lru_cache(maxsize=1)
def speaker_nouns() -> dict[str, bool]:
    """Description head noun -> whether it names a person (True) or a body or text (False)."""
    return {row["noun"]: row.get("person", "1") == "1" for row in read_lexicon("speaker_nouns.tsv")}


def read_lexicon(name: str) -> list[dict[str, str]]:
    # The folder next to this file, not ``resources.files("quotes")``: a stray ``quotes/``
    # folder first on sys.path (the working directory of ``python -m quotes``) makes
    # "quotes" a namespace package, whose resource path takes one part per ``joinpath``
    # and may name the stray folder first.
    with (LEXICONS / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


# -s forms whose other forms the lexicon lacks (said, told...), still verbs in a headline.
HEADLINE_IRREGULAR = frozenset("says tells takes makes goes gives holds finds knows sees thinks puts seeks writes".split())


@lru_cache(maxsize=1)
def headline_verbs() -> frozenset[str]:
    """The -s forms of cues.tsv that are verbs, as a Title Case headline writes them: Calls,
    Slams, Says; an -s form counts when the lexicon holds another form of it ("calls" beside
    "called"), so plural nouns ("supporters", "allegations") do not."""
    forms = {row["cue"] for row in read_lexicon("cues.tsv") if " " not in row["cue"]}
    verbs = set()
    for form in forms:
        if not form.endswith("s") or form.endswith("ss") or len(form) < 4:
            continue
        stems = {form[:-1], form[:-2]} if form.endswith("es") else {form[:-1]}
        others = {s + end for s in stems for end in ("ed", "d", "ing", s[-1:] + "ed", s[-1:] + "ing")}
        others |= {s[:-1] + "ing" for s in stems}  # makes -> making
        if form in HEADLINE_IRREGULAR or others & forms:
            verbs.add(form.capitalize())
    for form in forms:  # the -s form of a past or -ing cue the lexicon has: Rips of ripped
        for ending in ("ed", "ing"):
            stem = form.removesuffix(ending)
            if stem == form or len(stem) < 3:
                continue
            undoubled = stem[:-1] if stem[-1] == stem[-2] and stem[-1] not in "ls" else stem
            verbs.update(w.capitalize() + "s" for w in {stem, undoubled, stem + "e"} if len(w) >= 3)
    return frozenset(verbs)
