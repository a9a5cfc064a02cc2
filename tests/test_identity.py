"""Speaker identities across articles: one person one row, two people never one, corrections."""

from __future__ import annotations

import pytest

from quotes.identity import Correction, Identity, Written, conflicting, identify, matching
from quotes.names import vocabulary

# The articles' texts: what they name besides their speakers, and the corpus's lower-case words.
TEXTS = {
    "a": "Donald Trump spoke in Ohio. Like Donald Trump, the crowd was loud. Last week it rained.",
    "b": "Mr. Trump spoke again in Iowa.",
    "c": "Hillary Clinton and Bill Clinton campaigned. Clinton said it was like old times.",
    "d": "Ivanka Trump spoke. Donald Trump Jr. spoke. Another speech followed.",
    "e": "Ivana Trump, his first wife, wrote a book.",
    "f": "Republican National Committee chairman Rence Priebus spoke.",
    "g": "Republican National Committee Chairman Reince Priebus spoke.",
    "h": "Hillary Clinton spoke. Mrs. Clinton then left. Neither Cruz nor anyone spoke.",
    "i": "Ted Cruz spoke. Rafael Cruz, his father, spoke too.",
    "j": "A White House spokesman spoke.",
}
LOWER = vocabulary(TEXTS.values()) | {"last", "like", "neither", "another", "white", "house"}


def rows(*written: Written, corrections: tuple[Correction, ...] = ()) -> dict[tuple[str, str], Identity | None]:
    found = identify(written, texts=TEXTS, lower=LOWER, corrections=corrections)
    return {key: None if i is None else found.identities[i] for key, i in found.assigned.items()}


def name_of(found: dict[tuple[str, str], Identity | None], article: str, name: str) -> str | None:
    row = found[(article, name)]
    return None if row is None else row.name


def test_forms_of_one_person_are_one_row() -> None:
    found = rows(
        Written("a", "Donald Trump", 5), Written("a", "Like Donald Trump", 2),
        Written("b", "Trump", 3, ("Mr. Trump",), ("Mr.",)), Written("e", "Republican Donald Trump", 1),
        Written("e", "Donald J. Trump", 1),
    )
    assert {name_of(found, *key) for key in found} == {"Donald Trump"}
    row = found[("a", "Donald Trump")]
    assert row is not None and row.kind == "person" and not row.ambiguous
    assert {"Trump", "Mr. Trump", "Donald J. Trump"} <= set(row.aliases)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Hillary Clinton", "Bill Clinton"),  # different given names
        ("Ivanka Trump", "Ivana Trump"),  # one letter apart, no role in common
        ("Ted Cruz", "Rafael Cruz"),
        ("Donald Trump", "Donald Trump Jr."),  # a suffix is part of the name
        ("George W. Bush", "George H.W. Bush"),  # middle names that differ
    ],
)
def test_two_people_are_never_one_row(one: str, other: str) -> None:
    found = rows(Written("a", one, 9), Written("e", other, 1))
    assert (name_of(found, "a", one), name_of(found, "e", other)) == (one, other)


def test_a_given_name_one_edit_apart_joins_when_a_role_agrees() -> None:
    found = rows(
        Written("g", "Reince Priebus", 9, roles=("Republican National Committee Chairman",)),
        Written("f", "Rence Priebus", 1, roles=("Republican National Committee chairman",)),
    )
    assert name_of(found, "f", "Rence Priebus") == "Reince Priebus"


def test_a_surname_one_edit_apart_joins_when_the_given_name_agrees() -> None:
    minister = ("Russian Defense Minister",)
    found = rows(Written("a", "Sergei Shoigu", 9, roles=minister), Written("b", "Sergei Shoiguu", 1, roles=minister),
                 Written("c", "Anna Shoiguu", 1, roles=minister),
                 Written("d", "Michael McCaul", 3, roles=("Texas Rep.",)),
                 Written("e", "Michael McFaul", 1, roles=("former ambassador to Russia",)))
    assert name_of(found, "b", "Sergei Shoiguu") == "Sergei Shoigu"
    assert name_of(found, "c", "Anna Shoiguu") == "Anna Shoiguu"
    assert name_of(found, "e", "Michael McFaul") == "Michael McFaul"  # no role in common: two people


def test_two_names_one_article_uses_side_by_side_are_two_people() -> None:
    found = rows(Written("g", "Reince Priebus", 9, roles=("RNC Chairman Party",)),
                 Written("g", "Rence Priebus", 1, roles=("RNC Chairman Party",)))
    assert name_of(found, "g", "Rence Priebus") == "Rence Priebus"


def test_a_surname_goes_to_the_person_its_article_names() -> None:
    found = rows(
        Written("a", "Donald Trump", 5), Written("d", "Ivanka Trump", 2), Written("e", "Ivana Trump", 1),
        Written("b", "Trump", 3),  # article b names nobody of that surname: three Trumps in the corpus
        Written("e", "Trump", 1),  # article e names Ivana Trump in its text
        Written("d", "Trump", 1),  # article d names two Trumps: Ivanka and Donald Jr.
    )
    assert name_of(found, "e", "Trump") == "Ivana Trump"
    assert found[("b", "Trump")] is not None and found[("b", "Trump")].ambiguous
    assert name_of(found, "b", "Trump") == name_of(found, "d", "Trump") == "Trump"


def test_a_surname_goes_to_the_only_person_of_that_surname_in_the_corpus() -> None:
    found = rows(Written("i", "Ted Cruz", 5), Written("b", "Cruz", 2))
    assert name_of(found, "b", "Cruz") == "Ted Cruz"


def test_a_role_tells_which_of_two_people_a_surname_is() -> None:
    found = rows(Written("a", "Barack Obama", 5, roles=("President",)), Written("b", "Michelle Obama", 2, roles=("first lady",)),
                 Written("e", "Obama", 3, ("President Obama",), ("President",)), Written("f", "Obama", 1))
    assert name_of(found, "e", "Obama") == "Barack Obama"
    assert found[("f", "Obama")].ambiguous  # nothing tells which


def test_a_title_tells_which_of_two_people_a_surname_is() -> None:
    found = rows(Written("c", "Hillary Clinton", 5), Written("c", "Bill Clinton", 2),
                 Written("h", "Clinton", 1, ("Mrs. Clinton",), ("Mrs.",)),
                 Written("c", "Clinton", 1, ("Clinton",)))
    assert name_of(found, "h", "Clinton") == "Hillary Clinton"
    assert found[("c", "Clinton")] is not None and found[("c", "Clinton")].ambiguous


def test_sentence_words_name_nobody_and_bodies_stand_as_written() -> None:
    found = rows(Written("i", "Ted Cruz", 5), Written("h", "Neither Cruz", 1), Written("a", "Last", 2),
                 Written("j", "White House", 1), Written("j", "a spokesman", 1))
    assert name_of(found, "h", "Neither Cruz") == "Ted Cruz"
    assert found[("a", "Last")] is None
    assert (found[("j", "White House")].name, found[("j", "White House")].kind) == ("White House", "organisation")
    assert (found[("j", "a spokesman")].name, found[("j", "a spokesman")].kind) == ("a spokesman", "unknown")


PEOPLE = (Written("a", "Donald Trump", 5), Written("b", "Trump", 3), Written("d", "Ivanka Trump", 2),
          Written("e", "Ivana Trump", 1), Written("c", "Hillary Clinton", 4))


def test_corrections_merge_split_rename_and_set_kind_and_id() -> None:
    found = rows(*PEOPLE, corrections=(
        Correction("merge", "Donald Trump", "Trump"),
        Correction("merge", "Ivanka Trump", "Ivana Trump"),
        Correction("split", "Ivana Trump"),  # the user changes their mind: the alias alone again
        Correction("rename", "Hillary Clinton", "Hillary Rodham Clinton"),
        Correction("kind", "Ivana Trump", "organisation"),
        Correction("link", "Donald Trump", "Q22686"),
    ))
    assert name_of(found, "b", "Trump") == "Donald Trump" and not found[("b", "Trump")].ambiguous
    assert found[("a", "Donald Trump")].external_id == "Q22686"
    assert name_of(found, "e", "Ivana Trump") == "Ivana Trump" and found[("e", "Ivana Trump")].kind == "organisation"
    assert name_of(found, "d", "Ivanka Trump") == "Ivanka Trump"
    assert name_of(found, "c", "Hillary Clinton") == "Hillary Rodham Clinton"


def test_corrections_hold_when_articles_are_added() -> None:
    kept = (Correction("merge", "Donald Trump", "Trump"), Correction("rename", "Donald Trump", "Donald J. Trump"))
    later = rows(*PEOPLE, Written("f", "Trump", 4), Written("f", "Donald Trump", 9), corrections=kept)
    assert {name_of(later, a, n) for a, n in (("a", "Donald Trump"), ("b", "Trump"), ("f", "Trump"))} == {"Donald J. Trump"}
    assert name_of(later, "d", "Ivanka Trump") == "Ivanka Trump"


def test_a_correction_of_a_row_that_is_gone_changes_nothing() -> None:
    before = rows(*PEOPLE)
    assert rows(*PEOPLE, corrections=(Correction("merge", "Nobody Here", "Trump"),
                                      Correction("split", "Not Written"))) == before


def test_two_who_spoke_together_are_a_row_of_their_own_found_by_either_name() -> None:
    found = rows(Written("i", "Ted Cruz", 3), Written("i", "Rafael Cruz and Ted Cruz", 1), Written("a", "Donald Trump", 2),
                 Written("a", "Donald Trump and Mike Pence", 1))
    assert name_of(found, "i", "Rafael Cruz and Ted Cruz") == "Rafael Cruz and Ted Cruz"  # not Ted Cruz's row
    assert name_of(found, "a", "Donald Trump") == "Donald Trump"
    identities = [row for row in found.values() if row is not None]
    assert matching(identities, "Pence") == {"Donald Trump and Mike Pence"}
    assert matching(identities, "Donald Trump") == {"Donald Trump", "Donald Trump and Mike Pence"}


def test_matching_finds_a_row_by_any_alias_or_its_surname() -> None:
    found = identify(PEOPLE, texts=TEXTS, lower=LOWER).identities
    assert matching(found, "donald trump") == {"Donald Trump"}
    assert matching(found, "Ivanka Trump") == {"Ivanka Trump"}
    assert matching(found, "Trump") == {"Donald Trump", "Ivanka Trump", "Ivana Trump", "Trump"}
    assert matching(found, "Nobody") == set()


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        (Written("a", "Donald Trump", 1), "person"),  # a given name
        (Written("a", "Sergei Shoigu", 1, roles=("Defense Minister",)), "person"),  # a person's role
        (Written("a", "Acosta", 1, ("Mr. Acosta",)), "person"),  # a person's title
        (Written("a", "Oliveira", 1, ("she",)), "person"),  # she
        (Written("a", "Prensa Latina", 1), "unknown"),  # nothing tells
        (Written("a", "CNN", 1), "organisation"),
        (Written("j", "White House", 1), "organisation"),
    ],
)
def test_a_row_is_a_person_only_where_something_tells(written: Written, kind: str) -> None:
    assert rows(written)[(written.article, written.name)].kind == kind


def test_a_job_title_written_into_a_name_leaves_one_person() -> None:
    """"city engineer Amal Haddad" and "engineer Amal Haddad": one row, so a claim that both
    outlets carry credits one person, not two."""
    found = rows(Written("a", "city engineer Amal Haddad", 2), Written("b", "engineer Amal Haddad", 1),
                 Written("c", "Haddad", 1, ("Haddad",)))
    assert {name_of(found, *key) for key in found} == {"Amal Haddad"}


def test_conflicting_speakers_are_two_people_not_a_surname_one_of_them_goes_by() -> None:
    found = identify((Written("c", "Hillary Clinton", 5), Written("c", "Bill Clinton", 2), Written("c", "Clinton", 1),
                      Written("i", "Ted Cruz", 3)), texts=TEXTS, lower=LOWER).identities
    rows = {row.name: row for row in found}
    assert rows["Clinton"].ambiguous
    assert not conflicting(["Hillary Clinton", "Clinton", "Hillary Clinton"], rows)
    assert conflicting(["Hillary Clinton", "Bill Clinton"], rows)
    assert conflicting(["Clinton", "Ted Cruz"], rows)  # Ted Cruz does not go by Clinton
    assert not conflicting(["Ted Cruz", ""], rows)
