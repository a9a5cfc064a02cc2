"""Reading PolNeAR brat files, gold quote stretches, and the README scoring rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.evaluate import (
    Annotation,
    GoldAttribution,
    GoldQuote,
    diagnose,
    gold_quotes,
    load_split,
    load_wikinews,
    name_in,
    offset_mismatches,
    read_brat,
    same_person,
    score,
)
from quotes.errors import QuotesError
from quotes.types import NICKNAME, QUOTE, SCARE, Mention, Quote, Span

DEV = Path(__file__).resolve().parent / "data" / "polnear" / "dev"  # shipped: see its README

TEXT = (
    "“We will win,” Mr. Smith said on Monday. "
    "He said the plan was ‘very good’ but voters’ patience was thin.\n"
    "Critics called it \"a sham\" and ''a disgrace,'' in Ohio.\n"
    "“It won’t pass,” said Jane Doe, “and Clinton’s team knows it.\n"
    "Officials in Ohio, and their lawyers, said that “nothing changed.”\n"
    "“First paragraph.\n"
    "“Second paragraph,” she wrote.\n"
)

# Offsets written out by hand; T lines in brat's own format, roles in brat's varying orders.
ANN = """\
T1	Source 15 24	Mr. Smith
T2	Cue 25 29	said
T3	Content 0 14	“We will win,”
T4	Attribution 25 29	said
E1	Attribution:T4 Content:T3 Cue:T2 Source:T1
T5	Source 41 43	He
T6	Cue 44 48	said
T7	Content 49 103	the plan was ‘very good’ but voters’ patience was thin
T8	Attribution 44 48	said
E2	Attribution:T8 Cue:T6 Source:T5 Content:T7
T9	Cue 113 119	called
T10	Content 120 151	it "a sham" and ''a disgrace,''
T11	Attribution-no-source 113 119	called
E3	Attribution-no-source:T11 Content:T10 Cue:T9
T12	Discuss 105 112	Critics
#1	AnnotatorNotes T12	not an attribution
T13	Source 183 191	Jane Doe
T14	Cue 178 182	said
T15	Content 161 177;193 222	“It won’t pass,” “and Clinton’s team knows it.
T16	Attribution 178 182	said
E4	Attribution:T16 Source:T13 Cue:T14 Content:T15
T17	Source 223 240;246 259	Officials in Ohio their lawyers
T18	Cue 261 265	said
T19	Content 272 289	nothing changed.”
T20	Attribution 261 265	said
E5	Attribution:T20 Content:T19 Cue:T18 Source:T17
T21	Source 328 331	she
T22	Cue 332 337	wrote
T23	Content 290 327	“First paragraph.
“Second paragraph,”
T24	Attribution 332 337	wrote
E6	Attribution:T24 Content:T23 Cue:T22 Source:T21
"""


@pytest.fixture
def split(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "art_1.txt").write_text(TEXT, encoding="utf-8", newline="")
    # two annotators: the first by file name is used
    (tmp_path / "attributions" / "art_1_aaaa.ann").write_text(ANN, encoding="utf-8", newline="")
    (tmp_path / "attributions" / "art_1_bbbb.ann").write_text("", encoding="utf-8")
    (tmp_path / "text" / "unannotated.txt").write_text("“Hi,” he said.", encoding="utf-8")
    return tmp_path


def test_read_brat(split: Path) -> None:
    rels = read_brat(split / "attributions" / "art_1_aaaa.ann", TEXT)
    assert [r.id for r in rels] == ["E1", "E2", "E3", "E4", "E5", "E6"]
    e1 = rels[0]
    assert (e1.type, e1.source.text, e1.cue.text, e1.contents[0].text) == (
        "Attribution", "Mr. Smith", "said", "“We will win,”")
    assert e1.source.fragments == ((15, 24),)
    no_source = rels[2]
    assert no_source.type == "Attribution-no-source" and no_source.source is None
    assert no_source.cue.text == "called"
    discontinuous = rels[3].contents[0]
    assert discontinuous.fragments == ((161, 177), (193, 222))
    assert (discontinuous.start, discontinuous.end) == (161, 222)
    assert rels[4].source.text == "Officials in Ohio their lawyers"
    # a T line written over two lines
    assert rels[5].contents[0].text == "“First paragraph.\n“Second paragraph,”"
    assert all(a.offsets_ok for r in rels for a in (r.cue, r.source, *r.contents) if a)
    assert offset_mismatches(split) == []


def test_offset_mismatch_is_reported(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text("He said “yes.”", encoding="utf-8")
    (tmp_path / "attributions" / "a_x.ann").write_text(
        "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 14\t“yes”\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n", encoding="utf-8")
    bad = offset_mismatches(tmp_path)
    assert [(name, ann.id) for name, ann in bad] == [("a", "T3")]


def test_gold_quotes(split: Path) -> None:
    quotes = gold_quotes(TEXT, read_brat(split / "attributions" / "art_1_aaaa.ann", TEXT))
    got = [(q.text, q.speaker_text, q.closed) for q in quotes]
    assert got == [
        ("We will win,", "Mr. Smith", True),  # curly pair
        ("very good", "He", True),  # ‘ ’ pair; voters’ is an apostrophe
        ("a sham", "", True),  # straight pair, no Source
        ("a disgrace,", "", True),  # '' pair
        ("It won’t pass,", "Jane Doe", True),  # won’t is no mark
        ("and Clinton’s team knows it.", "Jane Doe", False),  # unclosed: to the fragment's end
        # an orphan closing mark: from the fragment's start
        ("nothing changed.", "Officials in Ohio their lawyers", False),
        ("First paragraph.\n“Second paragraph,", "she", True),  # a re-opening mark continues
    ]
    assert all(TEXT[q.start : q.end] == q.text for q in quotes)
    first, sham, officials = quotes[0], quotes[2], quotes[6]
    assert (first.start, first.end, first.speaker_start, first.speaker_end) == (1, 13, 15, 24)
    assert (first.cue_text, first.relation) == ("said", "E1")
    assert sham.speaker_start is None and sham.speaker_end is None
    assert (officials.speaker_start, officials.speaker_end) == (223, 259)  # first..last piece


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("“Yes,” he said, “no.”", ["Yes,", "no."]),
        # nested: the outer quote only
        ("“He told me ‘never’ twice,” she said", ["He told me ‘never’ twice,"]),
        ("Clinton’s aides don’t agree", []),
        ("the voters’ choice", []),
        ("back in '08 he won", []),  # a lone ' opens nothing
        ("Trump line 'racist,' but backs him", ["racist,"]),  # a headline's single marks
        ("''I hate the term 'Manhattan poor,''' he said", ["I hate the term 'Manhattan poor,'"]),
        ("«Oui», dit-il", ["Oui"]),
        ('he said "we are ready', ["we are ready"]),
        ('we are ready," he said', ["we are ready,"]),
        ('""', []),
    ],
)
def test_stretches_in_one_fragment(content: str, expected: list[str]) -> None:
    whole = Annotation("T1", "Content", ((0, len(content)),), content, content)
    rel = GoldAttribution("E1", "Attribution-no-source", None, None, (whole,))
    assert [q.text for q in gold_quotes(content, [rel])] == expected


def test_load_split_uses_first_annotator(split: Path) -> None:
    articles = list(load_split(split))
    assert [a.name for a in articles] == ["art_1"]  # unannotated texts are skipped
    name, text, quotes = articles[0]
    assert text == TEXT and len(quotes) == 8


# ---------------------------------------------------------------------------- scoring


def gold(start: int, end: int, src: tuple[int, int] | None = None, who: str = "") -> GoldQuote:
    return GoldQuote(start, end, "x" * (end - start),
                     src[0] if src else None, src[1] if src else None, who)


def pred(start: int, end: int, speaker: str = "", mention: tuple[int, int] | None = None,
         kind: str = QUOTE) -> Quote:
    span = Span(start, end, start - 1, end + 1, "x" * (end - start), kind=kind)
    men = Mention("m", *mention) if mention else None
    return Quote("a", span, speaker=speaker, mention=men)


def test_half_coverage() -> None:
    g = [gold(0, 100, (200, 210), "Jane Doe")]
    assert score([(g, [pred(51, 120, "Jane Doe")])]).matched == 0  # 49 of 100
    assert score([(g, [pred(50, 120, "Jane Doe")])]).matched == 1  # 50 of 100
    assert score([(g, [pred(-10, 50, "Jane Doe")])]).matched == 1


def test_one_to_one_greedy_by_overlap() -> None:
    g = [gold(0, 10, (50, 55), "Al"), gold(12, 20, (50, 55), "Al")]
    s = score([(g, [pred(0, 20, "Al"), pred(0, 6, "Al")])])
    # the long prediction takes the first quote (overlap 10 beats 8 and 6); the short one is left
    assert (s.predicted, s.matched) == (2, 1)
    two_for_one = score([([gold(0, 10)], [pred(0, 10, "Al"), pred(0, 10, "Al")])])
    assert (two_for_one.matched, two_for_one.predicted) == (1, 2)


@pytest.mark.parametrize(
    ("speaker", "mention", "right"),
    [
        ("Bob Smith", (400, 402), True),  # mention overlaps the Source
        ("Bob Smith", (404, 410), True),  # touches its last character
        ("Bob Smith", (405, 410), False),  # just after it
        ("Jane Doe", None, True),  # shares "Jane" with "Senator Jane Doe"
        ("Senator Bob Dole", None, False),  # a title is no name
        ("jane", None, False),  # not capitalised
    ],
)
def test_speaker_rules(speaker: str, mention: tuple[int, int] | None, right: bool) -> None:
    g = [gold(0, 10, (400, 405), "Senator Jane Doe")]
    s = score([(g, [pred(0, 10, speaker, mention)])])
    assert (s.matched, s.speaker_right) == (1, int(right))


def test_scores_by_hand() -> None:
    article_a = (
        [
            gold(0, 100, (200, 210), "Senator Jane Doe"),
            gold(300, 310, (400, 405), "he"),
            gold(500, 520),
        ],
        [
            pred(0, 50, "Jane Doe"),  # matches, right by name
            pred(300, 310, "Bob Smith", (400, 402)),  # matches, right by mention
            pred(500, 520, "Ann Lee", (600, 603)),  # matches, but the gold has no Source
            pred(700, 720, "X Y"),  # false positive
            pred(0, 100, "Jane Doe", kind=SCARE),  # not a quote: ignored
            pred(300, 310),  # no speaker: ignored
        ],
    )
    article_b = ([gold(0, 100, (150, 163), "The spokesman")], [pred(51, 100, "The Times")])
    s = score([article_a, article_b])
    counts = (s.articles, s.gold, s.predicted, s.unscored, s.matched, s.speaker_right)
    assert counts == (2, 4, 5, 2, 3, 2)
    assert s.quote_precision == pytest.approx(3 / 5)
    assert s.quote_recall == pytest.approx(3 / 4)
    assert s.quote_f1 == pytest.approx(2 / 3)
    assert s.speaker_accuracy == pytest.approx(2 / 3)
    assert s.attribution_precision == pytest.approx(2 / 5)
    assert s.attribution_recall == pytest.approx(2 / 4)
    assert s.attribution_f1 == pytest.approx(4 / 9)


def test_empty_scores_are_zero() -> None:
    s = score([([], [])])
    assert (s.quote_f1, s.speaker_accuracy, s.attribution_f1) == (0.0, 0.0, 0.0)


def test_diagnose() -> None:
    text = "“Go,” said Ann. Bob: “Stop.” A “scare” word. “Wait,” Cy said."
    g = [
        GoldQuote(1, 4, "Go,", 11, 14, "Ann"),
        GoldQuote(22, 27, "Stop.", 16, 19, "Bob"),
        GoldQuote(46, 51, "Wait,", 53, 55, "Cy"),
    ]
    p = [
        pred(1, 4, "Ann"),
        pred(22, 27, "Ann", (11, 14)),
        pred(32, 37, "Zed"),
        Quote("a", Span(46, 51, 45, 52, "Wait,", kind=NICKNAME)),
    ]
    errors = diagnose("a", text, g, p)
    assert [(e.kind, e.snippet) for e in errors] == [
        ("wrong_speaker", "Stop."),
        ("false_positive", "scare"),
        ("miss", "Wait,"),
    ]
    assert (errors[0].gold_speaker, errors[0].predicted_speaker) == ("Bob", "Ann")
    assert errors[2].detail == "found as nickname without speaker"


def test_dev_gold_quotes_are_text_stretches() -> None:
    articles = list(load_split(DEV))
    quotes = [(text, q) for _, text, qs in articles for q in qs]
    print(f"dev: {len(articles)} articles, {len(quotes)} gold quotes")
    assert len(articles) == 84
    assert len(quotes) > 800
    assert all(text[q.start : q.end] == q.text and q.text.strip() == q.text for text, q in quotes)
    assert sum(q.speaker_start is not None for _, q in quotes) > 0.95 * len(quotes)
    assert offset_mismatches(DEV) == []


# ---------------------------------------------------------------------------- the strict rule


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Republican presidential nominee Donald Trump", "Donald Trump"),
        ("Sen. Ted Cruz", "Ted Cruz"),
        ("Hillary Clinton, the Democratic nominee,", "Hillary Clinton"),
        ("President Barack Obama's campaign", ""),  # the campaign speaks, not Obama
        ("White House press secretary Josh Earnest", "Josh Earnest"),
        ("Representative Charles B. Rangel of New York", "Charles B. Rangel"),
        ("Interim DNC Chairwoman Donna Brazile", "Donna Brazile"),
        ("the Vermont senator", ""),  # a capitalised word that only describes
        ("Trump campaign manager Kellyanne Conway", "Kellyanne Conway"),
        ("Donald Trump Jr.", "Donald Trump Jr."),
        ("George W. Bush", "George W. Bush"),
        ("he", ""),
        ("the newspaper", ""),
        # a description, then the name it stands for
        ("Another critic, Laurence H. Tribe,", "Laurence H. Tribe"),
        ("Apple's chief executive, Tim Cook,", "Tim Cook"),
        ("the Vermont senator, who spoke first,", ""),
    ],
)
def test_name_in_a_mention(mention: str, name: str) -> None:
    assert name_in(mention) == name


@pytest.mark.parametrize(
    ("gold_name", "predicted", "same"),
    [
        ("Donald Trump", "Trump", True),
        ("Donald Trump", "Republican presidential nominee Donald Trump", True),
        ("Donald Trump", "Mr. Trump", True),
        ("Clinton", "Hillary Clinton", True),  # the gold gives no given name: nothing to disagree
        ("RNC Chairman Reince Priebus", "Reince Priebus", True),  # the gold's words before the surname
        ("George W. Bush", "G. Bush", True),
        ("Donald Trump", "Like Donald Trump", False),  # a sentence word is no given name
        ("Reince Priebus", "RNC Chairman Reince Priebus", True),  # titles fall away on both sides
        ("Bill Clinton", "Hillary Clinton", False),
        ("Ivana Trump", "Ivanka Trump", False),
        ("Donald Trump", "Donald Trump Jr.", False),
        ("George W. Bush", "Jeb Bush", False),
        ("Donald Trump", "the minister", False),
        ("Donald Trump", "", False),
    ],
)
def test_same_person(gold_name: str, predicted: str, same: bool) -> None:
    assert same_person(gold_name, predicted) is same


def test_strict_rule_wants_the_person_not_the_mention() -> None:
    # The mention overlaps the Source "Bill Clinton", but the name given is his wife's.
    g = [GoldQuote(0, 10, "x" * 10, 400, 412, "Bill Clinton", speaker_name="Bill Clinton")]
    wrong = [pred(0, 10, "Hillary Clinton", (400, 407))]
    assert score([(g, wrong)]).speaker_right == 1
    assert score([(g, wrong)], rule="strict").speaker_right == 0
    assert score([(g, [pred(0, 10, "Bill Clinton", (400, 412))])], rule="strict").speaker_right == 1


def test_strict_rule_for_a_pronoun_source_takes_an_earlier_named_source() -> None:
    text = "“One,” said Jane Roe. “Two,” she said. “Three,” he said."
    found = list(load_split_of(text, [("“One,”", "Jane Roe"), ("“Two,”", "she"), ("“Three,”", "he")]))
    assert [q.referents for q in found] == [(), ("Jane Roe",), ("Jane Roe",)]
    she, he = found[1], found[2]
    at = text.index
    assert score([([she], [pred(she.start, she.end, "Jane Roe", (at("she"), at("she") + 3))])], rule="strict").speaker_right == 1
    # "he" overlapping, but resolved to a word that is no one the article quotes
    assert score([([he], [pred(he.start, he.end, "Whenever", (at("he said"), at("he said") + 2))])], rule="strict").speaker_right == 0


def test_strict_rule_on_wikinews_kinds() -> None:
    description = GoldQuote(0, 10, "x" * 10, 40, 56, "a police officer", speaker_name="a police officer",
                            speaker_kind="description")
    nobody = GoldQuote(0, 10, "x" * 10, None, None, "", speaker_kind="none")
    assert score([([description], [pred(0, 10, "a police officer", (40, 56))])], rule="strict").speaker_right == 1
    assert score([([description], [pred(0, 10, "John Doe", (70, 78))])], rule="strict").speaker_right == 0
    assert score([([nobody], [pred(0, 10, "John Doe", (70, 78))])], rule="strict").speaker_right == 0


def load_split_of(text: str, quotes: list[tuple[str, str]]):
    """Gold quotes for ``text`` through the PolNeAR reader: (quoted content, its Source)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "text").mkdir()
        (root / "attributions").mkdir()
        (root / "text" / "a.txt").write_text(text, encoding="utf-8")
        lines, t = [], 0
        cursor = 0
        for n, (content, source) in enumerate(quotes, start=1):
            c = text.index(content, cursor)
            s = text.index(source, c)
            cursor = c + len(content)
            lines += [f"T{t + 1}\tContent {c} {c + len(content)}\t{content}",
                      f"T{t + 2}\tSource {s} {s + len(source)}\t{source}",
                      f"E{n}\tAttribution:T{t + 1} Content:T{t + 1} Source:T{t + 2}"]
            t += 2
        (root / "attributions" / "a_x.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
        [article] = load_split(root)
    return article.quotes


WIKINEWS = Path(__file__).resolve().parent / "data" / "wikinews"


def test_wikinews_gold_rows_are_their_texts() -> None:
    articles = list(load_wikinews(WIKINEWS))
    quotes = [(a.text, q) for a in articles for q in a.quotes]
    assert len(articles) >= 40
    assert len(quotes) > 150
    assert all(text[q.start : q.end] == q.text for text, q in quotes)
    assert all(q.speaker_kind in ("person", "organisation", "description", "none") for _, q in quotes)
    assert all((q.speaker_kind == "none") == (q.speaker_start is None) for _, q in quotes)


def test_wikinews_gold_that_drifted_from_its_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "articles.jsonl").write_text('{"id": "a", "text": "He said “yes” then."}\n', encoding="utf-8")
    header = "article\tstart\tend\tquote\tspeaker\tspeaker_kind\tmention_start\tmention_end\tmention\tnote\n"
    (tmp_path / "gold.tsv").write_text(header + "a\t9\t12\tno\tJo\tperson\t0\t2\tHe\t\n", encoding="utf-8")
    with pytest.raises(QuotesError, match="gold.tsv:2"):
        list(load_wikinews(tmp_path))
