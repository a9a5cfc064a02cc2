"""One speaker name: its parts, and what before it is no part of it."""

from __future__ import annotations

import pytest

from quotes.names import Cleaner, parse, titled_form, vocabulary

TEXT = ("Like the others, it felt like rain last week, three times. It is now what he says. Another day came, and neither side moved; "
        "a ward of the state. Grant funding fell, said Grant. Visit politico.com daily.")
LOWER = vocabulary([TEXT])
KNOWN = ["Donald Trump", "Ted Cruz", "John Ward Anderson", "Bill Clinton", "Brian Fallon"]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Like Donald Trump", "Donald Trump"),  # a sentence word before a full name
        ("Republican Donald Trump", "Donald Trump"),  # a party label
        ("Sen. Ted Cruz", "Ted Cruz"),  # an abbreviated title
        ("Neither Cruz", "Cruz"),  # a sentence word before a known surname
        ("Another Trump", "Trump"),
        ("Clinton campaign spokesman Brian Fallon", "Brian Fallon"),  # a role, lower case inside it
        ("John Ward Anderson", "John Ward Anderson"),  # a middle name that is also a word stays
        ("Bill Clinton", "Bill Clinton"),  # a given name that is also a word stays
        ("Jeffrey M. Jones", "Jeffrey M. Jones"),  # an initial is no sentence word
        ("James A. Baker", "James A. Baker"),  # nor the article "a"
        ("the Trump campaign", "the Trump campaign"),  # a description stays as written
        ("the Times", "the Times"),  # though "times" alone is a word
        ("Donald Trump Is Now", "Donald Trump"),  # a headline's words after a known name
        ("Bill Clinton Says", "Bill Clinton"),
        ("Like", None),  # a sentence word alone names nobody
        ("Last", None),
        ("Sen.", None),  # a title alone
        ("Trump", "Trump"),
        ("Grant", "Grant"),  # capitalised mid-sentence more than written in lower case
        ("Politico", "Politico"),  # lower case only in a web address
        ("Ted Cruz and Bill Clinton", "Ted Cruz and Bill Clinton"),  # two who spoke together: not the second alone
    ],
)
def test_what_comes_before_a_name_falls_away(written: str, name: str | None) -> None:
    assert Cleaner([*KNOWN, written], LOWER).clean(written) == name


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Donald Trump Jr.", ("donald", "", "trump", "jr")),
        ("Hillary Rodham Clinton", ("hillary", "rodham", "clinton", "")),
        ("George H.W. Bush", ("george", "h.w.", "bush", "")),
        ("Bill de Blasio", ("bill", "", "de blasio", "")),
        ("Bozell III", ("", "", "bozell", "iii")),
        ("Trump", ("", "", "trump", "")),
    ],
)
def test_a_name_in_parts(name: str, parts: tuple[str, str, str, str]) -> None:
    parsed = parse(name)
    assert (parsed.given, parsed.middle, parsed.surname, parsed.suffix) == parts


@pytest.mark.parametrize(
    ("written", "name", "alias"),
    [
        ("Sen. Ted Cruz", "Ted Cruz", True),
        ("Texas Sen. Ted Cruz", "Ted Cruz", True),
        ("Republican presidential candidate Donald Trump", "Donald Trump", True),
        ("Mr. Trump", "Donald Trump", True),  # the surname alone, after a title
        ("Besides Clinton", "Hillary Clinton", False),  # a sentence word run into it
        ("a Bloomberg interview Trump", "Donald Trump", False),
        ("Donald Trump Is Now", "Donald Trump", False),
        ("he", "Donald Trump", False),
    ],
)
def test_an_alias_is_the_name_after_titles_only(written: str, name: str, alias: bool) -> None:
    lower = vocabulary(["besides the point, in a long interview, he said so"])
    assert titled_form(written, name, lower) is alias
