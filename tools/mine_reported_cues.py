"""Measure each reporting verb's rows of reported speech on PolNeAR's train split (never dev).

    QUOTES_SHARED=../shared python tools/mine_reported_cues.py

rewrites ``quotes/lexicons/reported_cue_rows.tsv``, which ``quotes.reported_cues`` reads to
decide which forms of ``reporting_verbs.tsv`` (``tools/mine_reporting.py``) are cues: the
mined counts say how often a form introduced gold content, not how often the rows the regex
layer reads from it are right ("spent", "took" head gold content, and mostly wrong rows).

Every form of ``reporting_verbs.tsv`` is made a cue (no share threshold, no exclusion list,
no earlier measurement), the reported pass runs on every train article, and each row of kind
``indirect`` with a speaker is scored as ``benchmarks/reported.py`` scores it (``quotes.
reported_gold``). Columns: cue (the row's cue, lower case), rows, matched (rows matching a gold
statement), speaker_right (of those, rows with the same person, the strict rule). Forms
with fewer than ``MIN_ROWS`` rows are left out. Deterministic: the same corpus and code give
the same file byte for byte. Rerun after a change to the shapes of ``quotes/reported.py``.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter

from gold_access import LEXICONS, polnear_train  # the gold readers without the package init
from quotes import reported_cues  # noqa: E402  (after gold_access)
from quotes.attribute import quotes_in  # noqa: E402
from quotes.evaluate import strict_speaker_right  # noqa: E402
from quotes.reported import indirect_in  # noqa: E402
from quotes.reported_gold import load_statements, match, scored_rows  # noqa: E402
from quotes.types import Article  # noqa: E402

OUT = LEXICONS / "reported_cue_rows.tsv"
MIN_ROWS = 3  # rows a form needs to be written out
COLUMNS = ("cue", "rows", "matched", "speaker_right")


def every_form_a_cue() -> None:
    """Make every mined form a cue for this run: the measurement is of the forms themselves."""
    reported_cues.measured_forms = lambda: {}
    reported_cues.NOT_CLAUSE_VERBS = frozenset()
    reported_cues.NOT_SPEECH_VERBS = frozenset()
    reported_cues.MIN_CUE_SHARE = 0.0
    reported_cues.reporting_verbs.cache_clear()
    reported_cues.cue_forms.cache_clear()


def main() -> int:
    every_form_a_cue()
    rows: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for name, text, gold in load_statements(polnear_train()):
        article = Article(id=name, text=text)
        found = scored_rows(indirect_in(article, quotes_in(article)))
        pairs = {p: g for g, p in match(gold, found)}
        for index, row in enumerate(found):
            if row.cue is None:
                continue
            form = " ".join(row.cue.text.lower().split())
            rows[form] += 1
            if index in pairs:
                matched[form] += 1
                right[form] += strict_speaker_right(gold[pairs[index]].quote, row)
    table = sorted(((form, n, matched[form], right[form]) for form, n in rows.items() if n >= MIN_ROWS),
                   key=lambda r: (-r[1], r[0]))
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, dialect="excel-tab", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(table)
    print(f"{len(table)} cue forms -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
