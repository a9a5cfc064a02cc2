"""Learn the reporting verbs of reported speech from PolNeAR's train split (never dev).

    QUOTES_SHARED=../shared python tools/mine_reporting.py

rewrites ``quotes/lexicons/reporting_verbs.tsv``, the cue forms ``quotes/reported.py`` reads
before and after reported content (content without quote marks). Deterministic: the same
corpus gives the same file byte for byte.

For every gold relation with a Source and a Cue whose Content is not wholly inside quote marks
(``quotes.reported_gold``'s rule), the cue is cut to its form by ``mine_lexicons.cue_form``
("has also said" -> "said") and counted by where its content stands:

- ``after``: the content follows the cue within a few words (``said (that) ...``, ``told
  reporters ...``), and does not open with "to";
- ``infinitive``: the same, with the content opening with "to" or a preposition (``promised to
  resign``, ``warned of delays``);
- ``before``: the content ends before the cue (``..., Smith said``).

Columns: cue, after, infinitive, before (those counts), occurrences (whole-word matches of the
form in the train texts, any case) and precision (all three counts over occurrences).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter

from gold_access import LEXICONS, polnear_train  # the gold readers without the package init
from mine_lexicons import cue_form  # noqa: E402  (after gold_access)
from quotes.reported_gold import is_indirect  # noqa: E402
from quotes.evaluate import iter_split  # noqa: E402

OUT = LEXICONS / "reporting_verbs.tsv"
AFTER_REACH = 40  # how far after its cue reported content may start (`told reporters Tuesday that`)
BEFORE_REACH = 60  # how far before its cue or Source content may end (`..., the former governor said`)
COLUMNS = ("cue", "after", "infinitive", "before", "occurrences", "precision")
# Content opening with these after a cue is a to-infinitive or on-phrase: promised to, warned of.
RE_INFINITIVE_OPENING = re.compile(r"(?:to|of|about|against|on|for)\b", re.IGNORECASE)


def main() -> int:
    counts: dict[str, Counter[str]] = {}
    texts = []
    for _name, text, relations in iter_split(polnear_train()):
        texts.append(text)
        for rel in relations:
            if rel.cue is None or rel.source is None or not rel.contents or not is_indirect(text, rel):
                continue
            form = cue_form(rel.cue.text)
            if form is None:
                continue
            content = rel.contents[0]
            if 0 <= content.start - rel.cue.end <= AFTER_REACH and rel.source.end <= rel.cue.start:
                shape = "infinitive" if RE_INFINITIVE_OPENING.match(text, content.start) else "after"
            elif 0 <= min(rel.cue.start, rel.source.start) - content.end <= BEFORE_REACH:
                shape = "before"
            else:
                continue
            counts.setdefault(form, Counter())[shape] += 1
    rows = []
    for form, shapes in counts.items():
        pattern = re.compile(rf"(?<![\w]){re.escape(form)}(?![\w])", re.IGNORECASE)
        occurrences = sum(len(pattern.findall(text)) for text in texts)
        total = sum(shapes.values())
        if total < 3 or not occurrences:
            continue
        rows.append((form, shapes["after"], shapes["infinitive"], shapes["before"], occurrences,
                     f"{total / occurrences:.3f}"))
    rows.sort(key=lambda r: (-(r[1] + r[2] + r[3]), r[0]))
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, dialect="excel-tab", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{len(rows)} cue forms -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
