"""Clustering: the verification rules, the lexical and embedding stages.

Logic is tested with a small deterministic bag-of-words encoder or hand-made vectors; the
rules that depend on what the real model scores (negations, other speakers, the seed
articles) use all-MiniLM-L6-v2, loaded once per session.
"""

from __future__ import annotations

import hashlib
import random
from typing import Sequence

import numpy as np
import pytest

from quotes import quotes_in, read_articles
from quotes.cluster import SIMILAR_COSINE, cluster
from quotes.similarity import normalise, texts_to_embed, words
from quotes.embed import load_encoder
from quotes.types import QUOTE, Occurrence


class BagOfWords:
    """Hashed bag-of-words vectors: texts sharing most words are near, others far."""

    name = "bag-of-words"
    dimension = 1024

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in words(normalise(text)):
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                rows[row, int.from_bytes(digest, "little") % self.dimension] += 1
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms > 0, norms, 1)


@pytest.fixture(scope="session")
def model():
    """The shipped model, loaded once (``load_encoder`` shares it with tests/test_embed.py,
    which also checks that it loads offline)."""
    return load_encoder(progress=False)


def occurrences(*rows: tuple[str, str, str]) -> list[Occurrence]:
    """(text, speaker, outlet) rows as occurrences with ids 0, 1, 2..."""
    return [
        Occurrence(id=i, article=f"article-{i}", outlet=outlet, text=text, speaker=speaker)
        for i, (text, speaker, outlet) in enumerate(rows)
    ]


def run(found: Sequence[Occurrence], encoder=None) -> list[tuple[int, ...]]:
    encoder = encoder or BagOfWords()
    texts = texts_to_embed(found)
    return cluster(found, dict(zip(texts, encoder.encode(texts))))


def together(groups: list[tuple[int, ...]], *ids: int) -> bool:
    return any(set(ids) <= set(group) for group in groups)


# --- fragments and exact text ---------------------------------------------------------------


def test_fragment_joins_by_exact_text_and_same_speaker() -> None:
    groups = run(
        occurrences(
            ("an important partner", "Sergey Shoigu", "14ymedio"),
            ("an important partner", "Sergei Shoigu", "Havana Times"),  # same surname: same man
            ("an important partner", "Vladimir Putin", "TASS"),
            ("An important partner.", "", "Reuters"),
            ("an important partner", "", "AP"),
        )
    )
    assert groups == [(0, 1), (2,), (3,), (4,)]


def test_short_text_joins_only_with_the_same_known_speaker() -> None:
    groups = run(
        occurrences(
            ("boots on the ground", "Obama", "nyt"),
            ("Boots on the ground.", "John Kasich", "usa-today"),
            ("boots on the ground,", "", "breitbart"),
            ("boots on the ground", "", "wash-post"),
            ("boots on the ground", "Barack Obama", "politico"),
        )
    )
    assert groups == [(0, 4), (1,), (2,), (3,)]


@pytest.mark.parametrize("text", ["Good Morning America", "This Week With George Stephanopoulos.", "State of the Union"])
def test_a_title_is_not_someones_words(text: str) -> None:
    assert run(occurrences((text, "Donald Trump", "a"), (text, "Donald Trump", "b"))) == [(0,), (1,)]


@pytest.mark.parametrize(
    ("fragment", "speaker", "published", "merged"),
    [
        ("an important partner", "Sergey Shoigu", "2016-03-02", True),  # the same man, days apart
        ("an important partner", "", "2016-03-02", False),  # nobody credited: anyone's phrase
        ("an important partner", "Vladimir Putin", "2016-03-02", False),
        ("an important partner", "the ministry", "2016-03-02", False),  # a description speaks for nobody
        ("an important partner", "Sergey Shoigu", "2016-06-20", False),  # months later: another occasion
        ("partner", "Sergey Shoigu", "2016-03-02", False),  # one word is nobody's words
    ],
)
def test_fragment_joins_the_longer_quote_of_the_same_speaker_and_occasion(
    fragment: str, speaker: str, published: str, merged: bool
) -> None:
    found = [
        Occurrence(0, "a", "a", fragment, speaker, published=published),
        Occurrence(1, "b", "b", "Cuba is an important partner for Russia", "Sergey Shoigu", published="2016-03-01"),
    ]
    assert together(run(found), 0, 1) is merged


def test_same_text_is_one_group_whatever_its_punctuation_case_and_speakers() -> None:
    groups = run(
        occurrences(
            ("a series of joint projects in the technical-military field.", "", "14ymedio"),
            ("“A series of joint projects in the technical–military field”", "", "Havana Times"),
            ("a series of joint projects in the technical-military field", "Prensa Latina", "AP"),
        )
    )
    assert groups == [(0, 1, 2)]


# --- containment -----------------------------------------------------------------------------

CRUZ_FULL = "I'll tell you this, if Donald Trump becomes president, we will see our rights taken away."


@pytest.mark.parametrize(
    ("short", "short_speaker", "long_speaker", "merged"),
    [
        ("we will see our rights taken away", "Ted Cruz", "Ted Cruz", True),
        ("we will see our rights taken away", "", "Ted Cruz", True),
        ("we will see our rights taken away", "Ted Cruz", "", True),
        ("we will see our rights taken away", "Marco Rubio", "Ted Cruz", False),
        ("our rights taken away", "Ted Cruz", "Ted Cruz", True),  # short: needs the same known speaker
        ("our rights taken away", "", "Ted Cruz", False),
        ("our rights taken away", "", "", False),
    ],
)
def test_partial_quote_joins_the_fuller_quote(short: str, short_speaker: str, long_speaker: str, merged: bool) -> None:
    groups = run(occurrences((short, short_speaker, "a"), (CRUZ_FULL, long_speaker, "b")))
    assert together(groups, 0, 1) is merged


@pytest.mark.parametrize(
    ("short_date", "long_date", "merged"),
    [
        ("2016-03-02", "2016-03-01", True),  # one fortnight: a report of Cruz's words
        ("2016-06-20", "2016-03-01", False),  # months later: anyone's phrase by then
        ("", "2016-03-01", False),  # undated: nothing ties it to his
    ],
)
def test_a_short_partial_quote_credited_to_nobody_joins_on_one_occasion(short_date: str, long_date: str, merged: bool) -> None:
    found = [
        Occurrence(0, "a", "a", "our rights taken away", "", published=short_date),
        Occurrence(1, "b", "b", CRUZ_FULL, "Ted Cruz", published=long_date),
    ]
    assert together(run(found), 0, 1) is merged


@pytest.mark.parametrize(
    ("long_speaker", "long_date", "merged"),
    [
        ("", "2016-03-10", True),  # credited to nobody on either side, the same week
        ("", "2016-06-10", False),  # months apart
        ("her statement", "2016-03-10", False),  # a doubtful speaker is no credit
    ],
)
def test_a_short_partial_quote_joins_an_uncredited_fuller_one_on_one_occasion(
    long_speaker: str, long_date: str, merged: bool
) -> None:
    found = [
        Occurrence(0, "a", "a", "not a natural politician,", "", published="2016-03-16"),
        Occurrence(1, "b", "b", "I am not a natural politician, in case you haven't noticed, unlike my husband and "
                                "President Obama . . . I have to do the best I can.", long_speaker, published=long_date),
    ]
    assert together(run(found), 0, 1) is merged


@pytest.mark.parametrize(
    ("short", "short_speaker", "short_date", "merged"),
    [
        ("We will bring the factories home,", "Jane Doe", "2016-03-20", True),  # within the month
        ("We will bring the factories home,", "Jane Doe", "2016-07-20", False),  # her line, said again
        ("We will bring the factories home,", "", "2016-07-20", True),  # nobody credited: a report
        ("We will bring the factories home,", "Jane Doe", "", True),  # undated: nothing tells the occasions
        # several sentences said again word for word: a passage quoted again, not a line repeated
        ("We will bring the factories home. Believe me,", "Jane Doe", "2016-07-20", True),
    ],
)
def test_one_speakers_sentence_months_apart_is_a_line_said_again(
    short: str, short_speaker: str, short_date: str, merged: bool
) -> None:
    long = "We will bring the factories home. Believe me, it will happen faster than anyone thinks."
    found = [
        Occurrence(0, "a", "a", short, short_speaker, published=short_date),
        Occurrence(1, "b", "b", long, "Jane Doe", published="2016-03-01"),
    ]
    assert together(run(found), 0, 1) is merged


@pytest.mark.parametrize(
    ("passage_speaker", "merged"),
    [
        ("Jane Doe", True),  # the July piece quotes the March interview again: one occasion
        ("", False),  # the passage credited to nobody ties nothing: her line, said again
        ("John Roe", False),  # another person's passage says nothing of her occasions
    ],
)
def test_a_later_article_quoting_a_long_passage_again_reports_the_same_occasion(
    passage_speaker: str, merged: bool
) -> None:
    passage = "Mexican people, we are not going to pay a single cent for such a stupid wall,"
    found = [
        Occurrence(0, "march", "a", "It is going to be completely useless.", "Jane Doe", published="2016-03-01"),
        Occurrence(1, "march", "a", passage, passage_speaker or "", published="2016-03-01"),
        Occurrence(2, "july", "b", "And it is going to be completely useless.", "Jane Doé", published="2016-07-20"),
        Occurrence(3, "july", "b", passage, passage_speaker or "", published="2016-07-20"),
    ]
    groups = run(found)
    assert together(groups, 1, 3)  # the same words, whoever said them
    assert together(groups, 0, 2) is merged


@pytest.mark.parametrize(
    ("short_speaker", "short_date", "merged"),
    [
        ("Jane Doe", "2016-03-20", True),  # her words, reported three weeks on
        ("Jane Doe", "2016-05-20", False),  # months on: her line said again
        ("", "2016-03-20", False),  # nobody credited: anyone's phrase after a fortnight
        ("the rally", "2016-03-20", False),  # a doubtful speaker ties nothing
    ],
)
def test_a_short_text_credited_to_one_person_on_both_sides_is_one_occasion_within_a_month(
    short_speaker: str, short_date: str, merged: bool
) -> None:
    found = [
        Occurrence(0, "a", "a", "what a lovely morning,", short_speaker, published=short_date),
        Occurrence(1, "b", "b", "What a lovely morning. I came here by bus, and the driver sang.", "Jane Doe",
                   published="2016-03-01"),
    ]
    assert together(run(found), 0, 1) is merged


@pytest.mark.parametrize(
    ("piece_article", "merged"),
    [
        ("a", True),  # '"I love this town," he said, "I will never leave it"': one quotation, 9 words
        ("c", False),  # the piece in another article: 6 words of the same, credited to another
    ],
)
def test_a_quotation_cut_by_its_attribution_counts_its_words_together(piece_article: str, merged: bool) -> None:
    found = [
        Occurrence(0, piece_article, "x", "I love this town,", "John Roe", published="2016-03-02"),
        Occurrence(1, "a", "x", "I will never leave it", "John Roe", published="2016-03-02"),
        Occurrence(2, "b", "y", "I love this town. I will never leave it,", "Jane Doe", published="2016-03-01"),
    ]
    assert together(run(found), 1, 2) is merged


def test_quote_inside_inner_marks_is_someone_elses_words() -> None:
    groups = run(
        occurrences(
            ("Trust me, I'll do good for you", "", "a"),
            ("He said, 'trust me, I'll do good for you.' That may be of concern", "Alan Berger", "b"),
        )
    )
    assert groups == [(0,), (1,)]


def test_quote_running_over_paragraphs_is_not_an_inner_quote() -> None:
    speech = 'I love you. "We are going to go all the way to Cleveland and secure the nomination. Thank you'
    groups = run(occurrences(("we are going to go all the way to Cleveland", "John Kasich", "a"), (speech, "John Kasich", "b")))
    assert groups == [(0, 1)]


def test_negation_just_before_a_partial_quote_keeps_it_apart() -> None:
    groups = run(
        occurrences(
            ("send American ground troops into Syria", "Obama", "a"),
            ("We will not send American ground troops into Syria", "Obama", "b"),
        )
    )
    assert groups == [(0,), (1,)]


@pytest.mark.parametrize(
    ("cut", "merged"),
    [
        # an aside with its own negations left out: still the statement
        ("There has never been a man or a woman, not me, not Bill, nobody, more qualified than "
         "Hillary Clinton to serve as president of the United States", True),
        # a lone "not" slipped in turns it round
        ("There has never been a man or a woman not more qualified than Hillary Clinton to serve "
         "as president of the United States", False),
    ],
)
def test_a_negation_in_an_elided_aside_does_not_turn_the_statement_round(cut: str, merged: bool) -> None:
    full = "There has never been a man or a woman more qualified than Hillary Clinton to serve as president of the United States"
    groups = run(occurrences((full, "Barack Obama", "a"), (cut, "Barack Obama", "b")))
    assert together(groups, 0, 1) is merged


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("He is becoming ISIS’s best recruiter, showing videos of Donald Trump insulting Islam",
         "He is becoming ISIS' best recruiter, showing videos of Donald Trump insulting Islam."),
        ("We lost 2.6million jobs in the last eight years of this administration",
         "We lost 2.6 million jobs in the last eight years of this administration"),
        ("not me, not Bill [Clinton], nobody more qualified than Hillary Clinton",
         "not me, not Bill, nobody more qualified than Hillary Clinton"),
    ],
)
def test_possessives_figures_and_insertions_are_the_same_words(a: str, b: str) -> None:
    assert run(occurrences((a, "Jane Roe", "x"), (b, "Richard Doe", "y"))) == [(0, 1)]  # misattributed: one claim


def test_two_overlapping_excerpts_of_one_statement_join() -> None:
    groups = run(
        occurrences(
            ("Well, to be perfectly candid with you, I'm just not ready to do that at this point,", "Paul Ryan", "a"),
            ("I'm just not ready to do that at this point. I'm not there right now,", "Paul Ryan", "b"),
            ("Well, to be perfectly candid with you, I am ready", "Paul Ryan", "c"),
        )
    )
    assert together(groups, 0, 1) and not together(groups, 0, 2)


def test_overlapping_stretches_of_one_statement_are_one_claim() -> None:
    first = "The fact her official schedule was full of meetings with foundation donors is further evidence of pay to play."
    second = "The foundation must be shut down and an independent special prosecutor appointed to find out what was for sale."
    third = "It would be a dereliction of duty by the Justice Department if it failed to act on these facts right now."
    groups = run(
        occurrences(
            (first, "Mike Pence", "a"),
            (f"{first} {second}", "Mike Pence", "b"),
            (f"{second} {third}", "Mike Pence", "c"),
            (third, "Mike Pence", "d"),
            ("It would be a dereliction of duty to let this pass without a vote in the Senate.", "Mike Pence", "e"),
        )
    )
    assert (0, 1, 2, 3) in groups and (4,) in groups


def test_a_doubtful_speaker_vetoes_nothing() -> None:
    text = "has consistently demonstrated his deep commitment to conservative principles"
    groups = run(occurrences((text + ". He works hard for those principles.", "Morton Blackwell", "a"),
                             (text, "Institute", "b")))
    assert groups == [(0, 1)]


def test_partial_quote_inside_two_different_statements_joins_neither() -> None:
    groups = run(
        occurrences(
            ("make this economy work for everyone", "", "a"),
            ("My plan for jobs and wages will make this economy work for everyone, not just those at the top", "Hillary Clinton", "b"),
            ("We have to make this economy work for everyone who lost a factory job in Ohio and Michigan", "Hillary Clinton", "c"),
        )
    )
    assert groups == [(0,), (1,), (2,)]


def test_two_parts_of_one_quote_join_it_and_each_other() -> None:
    full = "We need very strong leadership. And I'm just not quite there yet. I'm not quite there yet"
    groups = run(
        occurrences(
            ("We need very strong leadership", "Donald Trump", "a"),
            ("I'm just not quite there yet", "Donald Trump", "b"),
            (full, "Trump", "c"),
        )
    )
    assert groups == [(0, 1, 2)]


def test_a_piece_of_a_member_joins_its_group_without_being_related_to_each_other_member() -> None:
    """A short excerpt checked against the text it is cut from joins that text's group, though
    it shares no words with another excerpt of the same remark there."""
    rows = [
        ("He is becoming ISIS's best recruiter,", "Hillary Clinton", "2015-12-20"),
        ("He is becoming ISIS' best recruiter. They are going to people, showing videos of Donald Trump "
         "insulting Islam and Muslims in order to recruit more radical jihadists.", "Bill Clinton", "2015-12-21"),
        ("They are going to people, showing videos of Donald Trump insulting Islam and Muslims in order to "
         "recruit more radical jihadists.", "Hillary Clinton", "2015-12-20"),
        ("becoming ISIS' best recruiter.", "", "2015-12-22"),
        ("becoming ISIS' best recruiter.", "Donald Trump", "2015-12-22"),  # another speaker: stays out
    ]
    found = [Occurrence(id=i, article=f"article-{i}", outlet=f"outlet-{i}", text=text, speaker=speaker, published=day)
             for i, (text, speaker, day) in enumerate(rows)]
    assert run(found) == [(0, 1, 2, 3), (4,)]


# --- embeddings, verification, chaining -------------------------------------------------------


def test_variant_wording_joins() -> None:
    groups = run(
        occurrences(
            ("to address in detail all existing and promising cooperation projects in the military field.", "Sergey Shoigu", "14ymedio"),
            ("to address in detail all existing and promising cooperation projects in the military sphere", "Sergei Shoigu", "Havana Times"),
        )
    )
    assert groups == [(0, 1)]


def hand_vectors(texts_and_vectors: dict[str, Sequence[float]]) -> dict[str, np.ndarray]:
    vectors = {}
    for text, values in texts_and_vectors.items():
        vector = np.zeros(8, dtype=np.float32)
        vector[: len(values)] = values
        vectors[normalise(text)] = vector / np.linalg.norm(vector)
    return vectors


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia is the biggest threat to our security", "Russia is not the biggest threat to our security"),
        ("We lost 3 million jobs under this president", "We lost 5 million jobs under this president"),
    ],
)
def test_negation_or_numbers_refuse_even_identical_vectors(a: str, b: str) -> None:
    found = occurrences((a, "Jane Doe", "a"), (b, "Jane Doe", "b"))
    assert cluster(found, hand_vectors({a: [1.0], b: [1.0]})) == [(0,), (1,)]


def test_other_speakers_refuse_unless_near_identical() -> None:
    a, b = "Russia is our greatest geopolitical foe today", "China is our greatest geopolitical foe today"
    vectors = hand_vectors({a: [1.0, 0.0], b: [0.95, 0.312]})  # cosine 0.95
    assert cluster(occurrences((a, "Mitt Romney", "x"), (b, "Tom Cotton", "y")), vectors) == [(0,), (1,)]
    assert cluster(occurrences((a, "Mitt Romney", "x"), (b, "Romney", "y")), vectors) == [(0, 1)]
    assert cluster(occurrences((a, "Mitt Romney", "x"), (b, "", "y")), vectors) == [(0, 1)]


def test_no_chaining_through_an_intermediate() -> None:
    # a~b at 0.95 and b~c at 0.93 are edges, but a and c (0.77) are not one utterance.
    texts = ["alpha bravo charlie delta echo foxtrot", "golf hotel india juliet kilo lima", "mike november oscar papa quebec romeo"]
    angles = np.radians([0.0, 18.2, 39.8])
    vectors = hand_vectors({t: [np.cos(x), np.sin(x)] for t, x in zip(texts, angles)})
    groups = cluster(occurrences(*((t, "", "o") for t in texts)), vectors)
    assert groups == [(0, 1), (2,)]


def test_every_occurrence_once_and_the_same_groups_in_any_order() -> None:
    rows = [
        ("we will see our rights taken away", "Ted Cruz", "a"),
        (CRUZ_FULL, "Ted Cruz", "b"),
        ("an important partner", "Sergey Shoigu", "c"),
        ("an important partner", "Sergei Shoigu", "d"),
        ("chaos", "", "e"),
        ("Russia is willing to provide assistance to Cuba,", "Sergey Shoigu", "f"),
        ("Russia is willing to provide assistance to Cuba", "Sergei Shoigu", "g"),
        ("", "", "h"),
        ("Mexico will pay for the wall", "Donald Trump", "i"),
    ]
    found = [
        Occurrence(id=100 + 7 * i, article=f"x{i}", outlet=outlet, text=text, speaker=speaker)
        for i, (text, speaker, outlet) in enumerate(rows)
    ]
    expected = run(found)
    ids = sorted(i for group in expected for i in group)
    assert ids == sorted(o.id for o in found)
    assert expected == sorted(expected, key=lambda group: group[0])
    assert all(list(group) == sorted(group) for group in expected)
    assert together(expected, 100, 107) and together(expected, 114, 121) and together(expected, 135, 142)
    shuffled = found[:]
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert run(shuffled) == expected


def test_approximate_search_finds_the_same_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    found = occurrences(
        ("to address in detail all existing and promising cooperation projects in the military field", "Shoigu", "a"),
        ("to address in detail all existing and promising cooperation projects in the military sphere", "Shoigu", "b"),
        ("addressed in detail the current state of bilateral military cooperation", "", "a"),
        ("Russia is willing to provide assistance to Cuba", "Shoigu", "c"),
    )
    exact = run(found)
    monkeypatch.setattr("quotes.neighbours.EXACT_SEARCH_MAX", 1)
    assert run(found) == exact == [(0, 1), (2,), (3,)]


def test_without_vectors_the_lexical_stages_still_group() -> None:
    found = occurrences(("we will see our rights taken away", "Ted Cruz", "a"), (CRUZ_FULL, "Ted Cruz", "b"))
    assert cluster(found, {}) == [(0, 1)]
    assert cluster([], {}) == []


# --- the real model ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia is the biggest threat to our national security", "Russia is not the biggest threat to our national security"),
        ("Climate change is the biggest threat we face", "Climate change is not the biggest threat we face"),
        ("The minimum wage should be raised to $15 an hour", "The minimum wage should not be raised to $15 an hour"),
        ("This has everything to do with Islam", "This has nothing to do with Islam"),
    ],
)
def test_a_statement_and_its_negation_are_never_merged(model, a: str, b: str) -> None:
    va, vb = model.encode([a, b])
    assert float(va @ vb) >= SIMILAR_COSINE  # cosine alone would merge them
    found = occurrences((a, "Jane Doe", "a"), (b, "Jane Doe", "b"), (a, "", "c"), (b, "", "d"))
    groups = run(found, model)
    assert not together(groups, 0, 1) and not together(groups, 2, 3)
    assert together(groups, 0, 2) and together(groups, 1, 3)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("may have violated the law", "may have been a violation of the law"),
        (
            "We assess it is possible that hostile actors gained access to Secretary Clinton's personal email account",
            "Hostile actors gained access to the private commercial email accounts of people with whom Secretary Clinton was in regular contact",
        ),
    ],
)
def test_two_speakers_statements_on_one_topic_stay_apart(model, a: str, b: str) -> None:
    va, vb = model.encode([a, b])
    assert float(va @ vb) >= SIMILAR_COSINE
    assert run(occurrences((a, "Harry Reid", "x"), (b, "Robby Mook", "y")), model) == [(0,), (1,)]


def test_the_same_speakers_similar_statements_join(model) -> None:
    a, b = "may have violated the law", "may have been a violation of the law"
    assert run(occurrences((a, "Harry Reid", "x"), (b, "Reid", "y")), model) == [(0, 1)]


def test_seed_articles(model) -> None:
    found = []
    for article in read_articles(["seeds/"]):
        for quote in quotes_in(article):
            if quote.kind == QUOTE:
                found.append(Occurrence(len(found), article.id, article.outlet, quote.text, quote.speaker))
    groups = run(found, model)
    group_of = {i: group for group in groups for i in group}
    by_text: dict[str, list[Occurrence]] = {}
    for occurrence in found:
        by_text.setdefault(normalise(occurrence.text), []).append(occurrence)
    shared = [members for members in by_text.values() if len({o.outlet for o in members}) == 2]
    assert len(shared) >= 9
    for members in shared:  # each quote both articles carry: one group, both outlets
        assert len({group_of[o.id] for o in members}) == 1

    def group(text: str) -> tuple[int, ...]:
        return group_of[by_text[normalise(text)][0].id]

    field = group("to address in detail all existing and promising cooperation projects in the military field.")
    sphere = group("to address in detail all existing and promising cooperation projects in the military sphere")
    assert field == sphere
    assert {found[i].outlet for i in field} == {"14ymedio", "Havana Times"}
    release = group("addressed in detail the current state of bilateral military cooperation and ways to continue developing it,")
    assert release != field
