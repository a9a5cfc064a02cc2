"""Mentions -> canonical names within one article."""

from __future__ import annotations

import pytest

from quotes.layout import _Layout, mask
from quotes.extract import find_spans
from quotes import Article, quotes_in
from quotes.speakers import ArticleSpeakers, same_given_names


def people(text: str) -> ArticleSpeakers:
    masked = mask(text, find_spans(text))
    layout = _Layout(masked)
    return ArticleSpeakers(text, masked, layout.paragraph_starts, layout.sentence_starts + [len(masked)])


ARTICLE = (
    "The Russian head of Defense, Sergey Shoigu, received Álvaro López Miera. "
    "Retired Lt. Gen. Michael Flynn and Sen. Ted Cruz were not there. "
    "Later, when everything was over, Miguel Díaz-Canel issued a tweet."
)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Shoigu", "Sergey Shoigu"),
        ("Shoiguu", "Sergey Shoigu"),  # one letter off a known surname
        ("López Miera", "Álvaro López Miera"),
        ("Flynn", "Michael Flynn"),
        ("Retired Lt. Gen. Michael Flynn", "Michael Flynn"),
        ("Sen. Cruz", "Ted Cruz"),
        ("Putin", "Putin"),  # nobody fuller in this article: kept as written
        ("Shogun", "Shogun"),  # two letters off is another name
        ("Meanwhile", ""),  # a sentence adverb is no name
    ],
)
def test_names_resolve_to_their_fullest_form(written: str, canonical: str) -> None:
    assert people(ARTICLE).resolve_name(written) == canonical


def test_a_pronoun_goes_to_the_subject_of_the_sentence_before() -> None:
    text = ARTICLE + " He was pleased."
    assert people(text).antecedent(text.index("He was")) == "Miguel Díaz-Canel"


def test_a_pronoun_prefers_the_speaker_just_quoted() -> None:
    text = ARTICLE + " “We are ready,” Shoigu said. Then he left."
    found = people(text)
    found.add_speaker("Sergey Shoigu", text.index("Shoigu said"), text.index("Shoigu said") + 6)
    assert found.antecedent(text.index("he left")) == "Sergey Shoigu"


def test_a_pronoun_never_looks_past_itself() -> None:
    text = "He met Sergey Shoigu on Tuesday."
    assert people(text).antecedent(0) == ""


def test_a_description_of_several_words_matches_a_role() -> None:
    text = "The Russian defense minister spoke first. Later the Russian Defense Minister, Sergei Shoigu, left."
    assert people(text).described("The Russian defense minister", 0) == "Sergei Shoigu"


def test_a_vague_description_does_not_match_a_role_far_away() -> None:
    text = "The Minister of Defense of Belarus, Víktor Jrenin, met them.\n\nThe minister said more."
    # "the minister" alone is too vague for role matching: it takes the nearest person instead,
    # and here that is Jrenin only because nobody else was mentioned.
    assert people(text).described("The minister", text.index("The minister said")) == "Víktor Jrenin"


def test_a_slip_is_found_among_many_surnames() -> None:
    """Slips are looked up by halves of the known surnames: still the first one-edit match."""
    names = " ".join(f"Ann Name{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}x met them." for i in range(5000))
    found = people(names + " Sergey Shoigu came too.")
    assert found.resolve_name("Shoiguu") == "Sergey Shoigu"  # one letter added
    assert found.resolve_name("Shoigo") == "Sergey Shoigu"  # one letter changed
    assert found.resolve_name("Namebax") == "Ann Namebax"
    assert found.resolve_name("Shogun") == "Shogun"


def test_a_name_in_the_text_and_a_speaker_at_the_same_offset() -> None:
    text = "Sergey Shoigu spoke. Then he left."
    found = people(text)
    found.add_speaker("Someone Else", 0, 13)
    assert found.recent_person(text.index("Then")) == "Sergey Shoigu"  # the name as written wins
    found.add_speaker("Someone Else", text.index("spoke"), text.index("spoke") + 5)
    assert found.recent_person(text.index("Then")) == "Someone Else"  # a later speaker wins


@pytest.mark.parametrize(
    ("full", "name", "same"),
    [
        ("Hillary Clinton", "Clinton", True),
        ("Donald J. Trump", "Donald Trump", True),
        ("Álvaro López Miera", "López Miera", True),
        ("Bill de Blasio", "De Blasio", True),
        ("Hillary Clinton", "Bill Clinton", False),
        ("Ivanka Trump", "Ivana Trump", False),
        ("Donald Trump", "Eric Trump", False),
    ],
)
def test_a_given_name_keeps_people_apart(full: str, name: str, same: bool) -> None:
    assert same_given_names(full, name) is same


def test_a_full_name_is_never_resolved_to_another_person_of_its_surname() -> None:
    text = ("Hillary Clinton spoke first. “We will win,” Bill Clinton said later. "
            "“He is right,” Clinton said.")
    quotes = quotes_in(Article(id="a", text=text))
    [bill] = [q for q in quotes if q.text.startswith("We will win")]
    assert bill.speaker == "Bill Clinton"


@pytest.mark.parametrize(
    ("written", "role", "name"),
    [
        ("Republican Donald Trump", "Republican", "Donald Trump"),
        ("Republican presidential nominee Donald Trump", "Republican presidential nominee", "Donald Trump"),
        ("RNC Chairman Reince Priebus", "RNC Chairman", "Reince Priebus"),
        ("harbour master Lena Ortiz", "harbour master", "Lena Ortiz"),
        ("Sen. Ted Cruz", "Sen.", "Ted Cruz"),
        ("Commentary’s Noah Rothman", "Commentary’s", "Noah Rothman"),
        ("Ross Eisenbrey of the Economic Policy Institute", "", "Ross Eisenbrey"),
        ("Like Donald Trump", "", "Donald Trump"),  # "like" is written in lower case below
        ("Last week Hope Hicks", "", "Hope Hicks"),
        ("Neither Cruz", "", "Cruz"),
        ("Should", "", ""),  # a sentence word alone names nobody
        ("Kevin D. Williamson", "", "Kevin D. Williamson"),  # an initial is no title
        ("New York Times", "", "New York Times"),  # "new" is written in lower case, "York" names nobody
        ("Broadcaster Piers Morgan", "Broadcaster", "Piers Morgan"),
        ("MP Penny Sharpe", "MP", "Penny Sharpe"),
        ("Ms Bauchtman", "Ms", "Bauchtman"),
        ("Co-developer Jing Wang", "Co-developer", "Jing Wang"),
        ("Mayor of London Sadiq Khan", "Mayor of London", "Sadiq Khan"),
        ("Representative Peter T. King of New York", "Representative", "Peter T. King"),
        ("University of Essex", "", "University of Essex"),  # a body's "of" is its name's
        ("Mr. Burman of the Tax Policy Center", "Mr.", "Burman"),
        ("Detective Inspector Darren Gough", "Detective Inspector", "Darren Gough"),
        ("Rep", "Rep", ""),  # a title alone names nobody
    ],
)
def test_a_name_is_split_from_its_role_and_trimmed_of_sentence_words(written: str, role: str, name: str) -> None:
    text = "It was like a new day. Voters should know it, Ted Cruz said."
    assert people(text).split(written) == (role, name)


CLINTONS = (
    "Hillary Clinton spoke in Ohio. Her husband, Bill Clinton, spoke in Iowa. "
    "Mr. Clinton was cheered. Mrs. Clinton was not.\n\nClinton went home."
)


@pytest.mark.parametrize(
    ("written", "at", "canonical"),
    [
        ("Mr. Clinton", CLINTONS.index("Mr. Clinton"), "Bill Clinton"),  # the title's gender decides
        ("Mrs. Clinton", CLINTONS.index("Mrs. Clinton"), "Hillary Clinton"),
        ("Clinton", CLINTONS.index("Clinton went"), "Bill Clinton"),  # the latest full mention
        ("Clinton", CLINTONS.index("Her husband"), "Hillary Clinton"),
        ("Clinton", 0, ""),  # before any full mention: nobody can tell
        ("Bill Clinton", 0, "Bill Clinton"),
        ("Chelsea Clinton", 0, "Chelsea Clinton"),  # a full name is never another person
    ],
)
def test_people_of_one_surname_are_told_apart_only_by_the_text(written: str, at: int, canonical: str) -> None:
    assert people(CLINTONS).resolve_name(written, at=at) == canonical


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Sergey Shoigu met reporters in Toronto. Whenever asked, he smiled.", "Sergey Shoigu"),
        ("Toronto was cold. He smiled.", ""),  # a place is nobody
        ("The White House said it would wait. He smiled.", ""),  # nor a body, for "he"
        ("Donald Trump met Hillary Clinton. Later she smiled.", "Hillary Clinton"),  # gender agrees
        ("Hillary Clinton met Donald Trump. Later he smiled.", "Donald Trump"),
    ],
)
def test_a_pronoun_goes_only_to_a_person_of_its_gender(text: str, speaker: str) -> None:
    pronoun = max(text.rfind(" he "), text.rfind(" she ")) + 1
    assert people(text).antecedent(pronoun) == speaker


@pytest.mark.parametrize(
    ("text", "description", "speaker"),
    [
        ("Mayor Jane Roe opened the fair. Later the mayor spoke.", "the mayor", "Jane Roe"),  # a title
        ("Jane Roe, the city's mayor, opened the fair. Later the mayor spoke.", "the mayor", "Jane Roe"),
        ("Sen. Ted Cruz came. Then the senator spoke.", "the senator", "Ted Cruz"),  # "Sen." is a senator
        ("Jane Roe opened the fair. Later the mayor spoke.", "the mayor", "Jane Roe"),  # just spoken of
        ("Jane Roe, a baker, opened the fair. It rained. The tents were wet. Then the mayor spoke.",
         "the mayor", ""),  # nothing ties the mayor to anyone: the description stands
        # a deputy's office is not the office: "the governor" is not the Deputy Governor
        ("Deputy Governor Jane Roe opened the fair. It rained. The tents were wet. Then the governor spoke.",
         "the governor", ""),
        # ...nor is the person just spoken of who holds another office
        ("Deputy Minister Jane Roe opened the fair. Then the governor spoke.", "the governor", ""),
        ("Deputy Minister Jane Roe opened the fair. Then the minister spoke.", "the minister", ""),
        ("Minister Jane Roe opened the fair. Then the minister spoke.", "the minister", "Jane Roe"),
        ("Jane Roe, a study co-author, opened the fair. Then the professor spoke.", "the professor", "Jane Roe"),
        # one who speaks for another is not the one spoken of just before, unless a role says so
        ("Prime Minister Jane Roe will work with him, the prime minister's spokesman said. Then the spokesman spoke.",
         "the spokesman", ""),
        ("Jane Roe, the mayor's spokeswoman, opened the fair. Then the spokeswoman spoke.", "the spokeswoman", "Jane Roe"),
    ],
)
def test_a_description_goes_to_the_person_the_article_ties_it_to(text: str, description: str, speaker: str) -> None:
    assert people(text).described(description, text.index(description)) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Kyriakos Mitsotakis spoke of Northern Cyprus. He was firm.", "Kyriakos Mitsotakis"),  # a region
        ("Carl Lipo works at Binghamton University. He was firm.", "Carl Lipo"),  # a body
        ("The storm hit hard in Toronto Springs. He was firm.", ""),  # a place named only as one
        ("The policy that Nikita Khrushchev pursued failed. He said so.", "Nikita Khrushchev"),  # "that", not "at"
    ],
)
def test_places_and_bodies_are_nobodys_he(text: str, speaker: str) -> None:
    assert people(text).antecedent(text.index("He ")) == speaker


@pytest.mark.parametrize(
    ("description", "speaker"),
    [
        ("The Miami Herald", "Miami Herald"),  # a body: its name, not the person just named
        ("the Holocaust Memorial Museum in Washington", "Holocaust Memorial Museum"),
        ("the Russian agency Sputnik", ""),  # a one-word body: the description stands as written
        ("his campaign manager Jeff Weaver", "Jeff Weaver"),  # a person: resolved
    ],
)
def test_a_description_ending_in_a_name_is_that_name(description: str, speaker: str) -> None:
    text = "Bernie Sanders spoke in Ohio.\n\nIt rained. Jeff Weaver came. " + description + " said more."
    assert people(text).described(description, text.index(description)) == speaker


def test_a_headline_role_before_a_preposition_names_nobody() -> None:
    assert people("Donald Trump spoke.").split("CNN President On Trump") == ("CNN President", "")


def test_a_speaker_credited_through_she_is_nobodys_he() -> None:
    text = "Robin Vale met Sam Okoro. “It went well,” she said. The talks ended. Later he left."
    found = people(text)
    found.add_speaker("Robin Vale", text.index("she said"), text.index("she said") + 3)
    assert found.gender("Robin Vale") == "female"
    assert found.antecedent(text.index("he left")) == "Sam Okoro"


@pytest.mark.parametrize(
    ("text", "written", "canonical"),
    [
        ("On Monday President of Argentina Alberto Ruiz spoke.", "Ruiz", "Alberto Ruiz"),
        ("The talks included Secretary of State John Kerry.", "Kerry", "John Kerry"),
        ("Mayor of New York Bill de Blasio spoke.", "Blasio", "Bill de Blasio"),
    ],
)
def test_an_office_before_a_full_name_is_its_title(text: str, written: str, canonical: str) -> None:
    assert people(text).resolve_name(written) == canonical


@pytest.mark.parametrize(
    ("text", "description", "speaker"),
    [
        ("The plan was criticised by archbishop Jorge Ruiz. Later the archbishop said so.", "the archbishop", "Jorge Ruiz"),
        ("“Ice melts,” said study co-author Karen Ault. Then the co-author left.", "the co-author", "Karen Ault"),
        # words of the sentence before a name are no role of it
        ("The plan was criticised by Jorge Ruiz. Later the archbishop said so.", "the archbishop", ""),
    ],
)
def test_a_role_written_in_lower_case_before_a_name_is_theirs(text: str, description: str, speaker: str) -> None:
    assert people(text).described(description, text.index(description)) == speaker


def test_a_title_case_headline_names_its_people_apart() -> None:
    text = ("Hillary Clinton Goes After Donald Trump In Debate\n\n"
            "On Monday night, Clinton leaned in. She then attacked him.\n\n"
            "“Why won’t he release his tax returns?” she said.")
    speakers = people(text)
    assert speakers.resolve_name("Clinton") == "Hillary Clinton"
    assert speakers.resolve_name("Trump") == "Donald Trump"
    assert [q.speaker for q in quotes_in(Article(id="t", text=text))] == ["Hillary Clinton"]


def test_an_acronym_the_text_defines_is_its_expansion() -> None:
    text = "Late on Sunday, the Kurdish-led Syrian Democratic Forces (SDF) announced a deal."
    speakers = people(text)
    assert speakers.resolve_name("SDF") == "Syrian Democratic Forces"
    assert speakers.described("the SDF", len(text)) == "Syrian Democratic Forces"
    assert people("The Syrian Democratic Forces (SDFA) met.").resolve_name("SDFA") == "SDFA"  # other initials


def test_an_acronym_spelt_out_past_the_small_words_a_name_stops_at_is_its_expansion() -> None:
    text = "At midnight the utility Pacific Gas and Electric Company (PG&E) began turning off power."
    assert people(text).resolve_name("PG&E") == "Pacific Gas and Electric Company"
    text = "Officials of the Department of Health and Human Services (HHS) met."
    assert people(text).resolve_name("HHS") == "Health and Human Services"
    assert people("A storm hit Green Bay and Eastern Ohio (GBO) today.").resolve_name("GBO") == "GBO"  # (no and/of between)


def test_he_goes_to_the_one_person_acting_in_the_sentence_before() -> None:
    text = ("Michael Flynn was on stage while Trump flew over. “Great,” Trump said. "
            "This was the first time Flynn made a speech since he was pardoned by Trump. "
            "He said “That is pretty cool.”")
    assert [q.speaker for q in quotes_in(Article(id="t", text=text))] == ["Trump", "Michael Flynn"]


def test_a_weekday_is_no_part_of_a_name() -> None:
    assert people("Later on Tuesday Kyriakos Mitsotakis met the press.").resolve_name("Mitsotakis") == "Kyriakos Mitsotakis"


def test_an_acronym_office_before_of_is_a_title_and_a_sentence_is_no_round_up() -> None:
    from quotes import quotes_in
    from quotes.types import Article

    text = 'Asylum\n\nAfter the leak, CEO of the Refugee Council Enver Solomon told Sky News: "Moves are welcome."'
    assert [q.speaker for q in quotes_in(Article(id="t", text=text))] == ["Enver Solomon"]
    text = ('Asylum\n\nThe scheme was paused.\n\nOn Wednesday, Home Secretary Suella Braverman told GB News: '
            '"We have an unsustainable system."')
    assert [q.speaker for q in quotes_in(Article(id="t", text=text))] == ["Suella Braverman"]


def test_which_hangs_on_the_name_before_it_unless_that_name_is_a_complement_of_its_phrase() -> None:
    text = "Officials in Ohio praised the Ford Motor Company, which said it would hire. Then the Supreme Court of the United States, which rejected the suit, met."
    speakers = people(text)
    assert speakers.named_before(text.index(", which said") + 2) == "Ford Motor Company"
    assert speakers.named_before(text.index(", which rejected") + 2) == ""  # the court's, not the United States'
