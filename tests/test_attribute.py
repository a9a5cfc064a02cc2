"""Speakers and cues, one table of real sentences per construction, with negative cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.attribute import WINDOW, quotes_in
from quotes.types import QUOTE, SCARE, Article, Quote


def attributed(text: str) -> list[Quote]:
    return quotes_in(Article(id="t", text=text))


def who(text: str, quote: str) -> tuple[str, str, str]:
    """(speaker, mention as written, cue as written) of the quote whose text starts so."""
    for found in attributed(text):
        if found.text.startswith(quote):
            mention = found.mention.text if found.mention else ""
            cue = found.cue.text if found.cue else ""
            return found.speaker, mention, cue
    raise AssertionError(f"no span starting {quote!r} in {text!r}")


SHOIGU = "The Russian head of Defense, Sergey Shoigu, received López Miera at his ministry. "


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        # speaker and cue after the quote, in either order
        (SHOIGU + "“We are partners,” Shoigu said.", "We are", ("Sergey Shoigu", "Shoigu", "said")),
        (SHOIGU + "“We are partners,” said Shoigu.", "We are", ("Sergey Shoigu", "Shoigu", "said")),
        ('"How many times do we have to see this?" Clinton asked.', "How many", ("Clinton", "Clinton", "asked")),
        ("''Tom is a real visionary,'' said Robert McAtee, a coal executive.", "Tom is", ("Robert McAtee", "Robert McAtee", "said")),
        # before the quote, after a colon or a cue
        (SHOIGU + "Shoigu said: “We are partners.”", "We are", ("Sergey Shoigu", "Shoigu", "said")),
        ("In one tweet, Trump said: “Did Crooked Hillary help her?”", "Did", ("Trump", "Trump", "said")),
        ("The New York Times reports: “Turnout is down.”", "Turnout", ("The New York Times", "The New York Times", "reports")),
        # reporting clauses around a partial quote
        (SHOIGU + "Shoigu proposed to his counterpart “to address in detail all existing projects.”", "to address", ("Sergey Shoigu", "Shoigu", "proposed")),
        ("According to the Russian agency Sputnik, “the talks went well.”", "the talks", ("the Russian agency Sputnik", "the Russian agency Sputnik", "According to")),
        # appositives and titles
        ("The Russian head of Defense, Sergey Shoigu, said “the army is ready.”", "the army", ("Sergey Shoigu", "Sergey Shoigu", "said")),
        ("Retired Lt. Gen. Michael Flynn said “there is a lot of frustration.”", "there is", ("Michael Flynn", "Retired Lt. Gen. Michael Flynn", "said")),
        ('"It was a mistake," Jane Smith, a doctor, said.', "It was", ("Jane Smith", "Jane Smith", "said")),
        ('"It\'s a dog whistle," Rep. Gwen Moore (D-Wis.) said Friday.', "It's a", ("Gwen Moore", "Rep. Gwen Moore", "said")),
        ("“It was demoralizing,” Clinton campaign spokesman Brian Fallon said.", "It was", ("Brian Fallon", "Clinton campaign spokesman Brian Fallon", "said")),
        # an apposition naming the person a description or an office stands for
        ("The study's lead author, doctoral candidate Ana Ruiz, said, “Emissions fell.”", "Emissions", ("Ana Ruiz", "Ana Ruiz", "said")),
        ("Director of Mid Wales Tourism, David Clay, called it “a retrograde step.”", "a retrograde", ("David Clay", "David Clay", "called")),
        ("“It was late,” said Vann R. Newkirk II, a writer for The Atlantic.", "It was", ("Vann R. Newkirk II", "Vann R. Newkirk II", "said")),
        ("Tom Rice, a speechwriter in George W. Bush's White House, calls it “a mistake.”", "a mistake", ("Tom Rice", "Tom Rice", "calls")),
        ("Another co-author, civil and environmental engineering professor Julian Marsh, said, “We agree.”", "We agree", ("Julian Marsh", "Julian Marsh", "said")),
        ("“Ice melts from below,” said study co-author Ted Scam of the Institute.", "Ice melts", ("Ted Scam", "study co-author Ted Scam of the Institute", "said")),
        # reported speech around a partial quote, and an opening cue
        ("On Tuesday, Comey said that while they had been “extremely careless” no charge was due.", "extremely", ("Comey", "Comey", "said")),
        ("Sen. Dianne Fein (D-Calif.) last week said there was no “top secret” email.", "top secret", ("Dianne Fein", "Sen. Dianne Fein", "said")),
        ("It was a hate crime. Said Comey, “The thought is wrong.”", "The thought", ("Comey", "Comey", "Said")),
        ("“We are anxious,” said another Twitter user, Johanna Bayer.", "We are", ("Johanna Bayer", "Johanna Bayer", "said")),
        ("As Ms. Simon put it in a statement in July, RT is “providing a perspective.”", "providing", ("Simon", "Ms. Simon", "put it")),
        ("“To be frank, it will never be normal,” said the Rev. Peter Wherry, of Mayfield Church.", "To be", ("Peter Wherry", "the Rev. Peter Wherry", "said")),
        ("“It is an invasion,” Scott Pru, the attorney general of Oklahoma, one of the states suing, said.", "It is", ("Scott Pru", "Scott Pru", "said")),
        ("Cruz himself said Tuesday that “the only way to win is hard work.”", "the only", ("Cruz", "Cruz", "said")),
        # a passive cue: its agent speaks
        ("That day he was told by Minister Yevgeny Zin of “up to 40 people under the rubble”.", "up to", ("Yevgeny Zin", "Minister Yevgeny Zin", "told")),
        # a second quotation joined to the first in its clause
        ("Chuck Shue said on Friday “We made a plea” and “He resisted.”", "He resisted", ("Chuck Shue", "Chuck Shue", "")),
        # a participle cue right after a name: that name's words
        ("Republicans objected, Ross Spano of Florida calling the process “a blatant coup”.", "a blatant", ("Ross Spano", "Ross Spano", "calling")),
        ("The spot ends with footage of Trump saying during the debate, “That makes me smart,” and more.", "That makes", ("Trump", "Trump", "saying")),
        ("It was a statement to Wired explaining “why he is speaking.”", "why he", ("", "", "")),
        # a text that "read" its quotation: its owner speaks
        ("The family's statement on the death read: “He was loved.”", "He was", ("The family", "The family", "read")),
        ("The decree signed by the Pope read “Abuse offends.”", "Abuse", ("the Pope", "the Pope", "read")),
        ("Facebook released a statement which read, in part, “This raises questions.”", "This raises", ("Facebook", "Facebook", "read")),
        # a cue noun a name's possessive owns
        ("Politifact checked Donald Trump’s claim that there were “thousands of shootings” there.", "thousands", ("Donald Trump", "Donald Trump", "claim")),
        # the person a cue quotes, and the speaker an outlet reports
        ("Politico quoted Tim Mann, a former FEMA official, as saying “FEMA has a role.”", "FEMA has", ("Tim Mann", "Tim Mann", "quoted")),
        ("Pelosi called the conduct a “breach of his duties,” according to NBC.", "breach", ("Pelosi", "Pelosi", "called")),
        ("The talks failed, “leaving no hope,” according to NBC.", "leaving", ("NBC", "NBC", "according to")),
        # a person named before the body they belong to, which is not the speaker
        ("Steve Pike of the University of Essex, speaking to the BBC, said, “It is unclear.”", "It is", ("Steve Pike", "Steve Pike", "said")),
        ("Peter Ford of worldwide victim group Ending Clergy Abuse said, “Bishops hide.”", "Bishops", ("Peter Ford", "Peter Ford", "said")),
        ("“Shelves are empty,” said Ann Lee per ABC News.", "Shelves", ("Ann Lee", "Ann Lee", "said")),
        # an attribution between two quotes that introduces the second
        ("Cardinal Jo Roe said, “Why should bishops be exempt?” Archbishop Sam Cole said, “People must know.”", "Why should", ("Jo Roe", "Cardinal Jo Roe", "said")),
        ("Cardinal Jo Roe said, “Why should bishops be exempt?” Archbishop Sam Cole said, “People must know.”", "People must", ("Sam Cole", "Archbishop Sam Cole", "said")),
        ("“Why not?” Jo Roe asked, “if it works.”", "Why not", ("Jo Roe", "Jo Roe", "asked")),
        # initials written together
        ("“This is a sad day,” said Rep. G.K. Butterfield (D-N.C.), the caucus chair.", "This is", ("G.K. Butterfield", "Rep. G.K. Butterfield", "said")),
        # a dash and a name closing a reader's comment
        ("“He represents our greatest shame.” ― Sonya Herridge\n", "He represents", ("Sonya Herridge", "Sonya Herridge", "―")),
    ],
)
def test_cue_and_speaker_positions(text: str, quote: str, expected: tuple[str, str, str]) -> None:
    assert who(text, quote) == expected


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # pronouns go to the person of the sentences before, not to a later or object name
        (SHOIGU + "Shoigu proposed “to meet again.” He praised Cuba as “an important partner.”", "an important", "Sergey Shoigu"),
        ("Hillary Clinton spoke in Ohio. She said “we will win.”", "we will", "Hillary Clinton"),
        ("Nikita Khrushchev pursued that policy. Correctly translated, he said:\n\n“We will dig you in.”", "We will", "Nikita Khrushchev"),
        # descriptions go to the speaker just quoted ...
        (SHOIGU + "Shoigu proposed “to meet again.” The minister assured there was “a wide variety of issues” to discuss.", "a wide", "Sergey Shoigu"),
        # ... never to the object of the same clause
        (SHOIGU + "Shoigu proposed “to meet again.”\n\n“Russia is willing to help Cuba,” the soldier promised López Miera.", "Russia is", "Sergey Shoigu"),
        # a description of several words matches the role the article gives someone, wherever
        ("The Russian defense minister proposed “to address all projects.”\n\nHe was received by the Russian Defense Minister, Sergei Shoigu, at his ministry.", "to address", "Sergei Shoigu"),
        # a surname alone, and a one-letter misspelling of it, after the full name
        (SHOIGU + "The dialogue, Shoiguu summarized, is good, and they “are taking measures.”", "are taking", "Sergey Shoigu"),
        # a sentence-final cue governs the quotes before it
        ("Putin thanked him for his “important contribution” to the “strengthening of cooperation,” Prensa Latina reported.", "strengthening", "Prensa Latina"),
        # an indefinite description is its own speaker
        ("“The program is being reviewed,” a spokesman for the agency said.", "The program", "a spokesman for the agency"),
        # ...and so are unnamed sources, however many, and the one who speaks for the person just named
        ("Chelsea Clinton left early. “She was tired,” the source added.", "She was", "the source"),
        ("Prime Minister David Cameron spoke. “He disagrees with them,” the prime minister's spokesman said.", "He disagrees",
         "the prime minister's spokesman"),
        # a report inside a report: the quotation is the inner subject's, not the outlet's
        ("Reuters reported a source said “three terrorists” were killed in a firefight.", "three terrorists", "a source"),
        # a person's noun is not the body quoted last: the Post reported what the judge said
        ("Judge Jane Roe ordered discovery. “Roe set a deadline,” the Washington Post reported. “There has been a "
         "constant drip of declarations,” the judge said.", "There has been", "Jane Roe"),
        # a relative pronoun hangs on the name before it
        ("Patti LaBelle, who joked of the museum, ''I haven't seen it yet.''", "I haven't", "Patti LaBelle"),
    ],
)
def test_mentions_resolve_to_the_person(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a participle or a second verb without a subject of its own takes the main verb's
        ("In a video message posted to Twitter, Warren commended Biden for his empathy and said she was "
         "\"proud to endorse Joe Biden.\"", "proud to endorse", "Warren"),
        ("Sen. Jack Reed (D-R.I.) had not read the plan, but called it a “starting point for talks.”", "starting", "Jack Reed"),
        ("Obama punctuated his list by saying “Too many.”", "Too many", "Obama"),
        ("Sanders stepped up his emphasis on justice, saying, \"We have got to achieve that day.\"", "We have", "Sanders"),
        ("On Friday, Ben Carson endorsed Donald Trump at a club in Florida, calling him ''a very intelligent man.''", "a very", "Ben Carson"),
        ("Speaking in Salem, New Hampshire, Trump went after Bush, calling him “a total stiff.”", "a total", "Trump"),
        # a verb that is a cue only before a quotation: "pledged to", "vowed to"
        ("Sanders also pledged to “bring our political revolution” to the convention.", "bring our", "Sanders"),
        # negative: the comma-participle is not the words of the name right before it
        ("In December, the prince called for Trump to quit, calling him “a disgrace.”", "a disgrace", "the prince"),
        # negative: another clause (a relative, another subject) stands between: nobody
        ("Clinton spoke down the street, where protesters had gathered, chanting “no contract, no peace.”", "no contract", ""),
        ("Wilkerson started the rant when he brought up the bombing and later said, “It is not just them.”", "It is", ""),
        ("Perez, who is the most animated on stage, saying “Zip codes should not decide destiny.”", "Zip codes", ""),
        # a date after the subject, an irregular past as the main verb
        ('Donald Trump on Thursday ratcheted up his attacks, saying he is "weak on immigration."', "weak on", "Donald Trump"),
        ('Trump shot back in a statement, saying he\'s "made a lot of money in down markets."', "made a lot", "Trump"),
        # a full name between commas, then its cue; a place there is not the speaker
        ('Another delegate on the slate, Jim Poolman, said he was only "leaning Cruz."', "leaning", "Jim Poolman"),
        ('A woman from Columbus, Ohio, said she was "going to vote for him."', "going to", "A woman from Columbus"),
        ('A man in Worcester, Massachusetts, told him he is "too nice" to win.', "too nice", "A man in Worcester"),
        # negative: a participle of no speech act is no cue
        ("She was joined on stage by Al Franken, drawing loud jeers and “BERNIE!” chants.", "BERNIE", ""),
    ],
)
def test_a_cue_shares_the_subject_of_its_sentence(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a quotation that goes on in its sentence after its attribution
        ('"This is a problem," said the Florida senator, "because it puts two rights in conflict."', "because", "the Florida senator"),
        ("“She is too far behind,” said an Iowa Democrat, “and Iowa was not a decisive win.”", "and Iowa", "an Iowa Democrat"),
        ('"It is not," said Raffaello Pantucci, director of studies at the institute in London, "but it is close."', "but it", "Raffaello Pantucci"),
        # ... and after the sentence that attributes it
        ("“We will win,” the mayor said to applause. “But it will be hard.”", "But it", "the mayor"),
        ('Merkel agreed. "We stand ready" tweeted Johnson "to provide whatever help we can."', "to provide", "Johnson"),
        # negative: someone else's cue between
        ('"It is not," said Ann Roe, while Bob Smith replied, "but it is."', "but it", "Bob Smith"),
        # negative: a new sentence with its own cue
        ('"It is not," said Ann Roe. Bob Smith disagreed: "It is."', "It is.", "Bob Smith"),
    ],
)
def test_a_quotation_goes_on_after_its_attribution(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a reporting verb, where or how it was said, then a comma or a colon
        ('Senator Lindsey Graham spoke on Fox News, "This is going to lead to a conflict."', "This is", "Lindsey Graham"),
        ('Rathbun stated, "Daniel was picked up by an investigator in a black car."', "Daniel", "Rathbun"),
        ('The ministry wrote in a statement: "The talks will go on next week."', "The talks", "The ministry"),
        ('Bolton gave a different account, also speaking via Twitter: "I offered to resign last night."', "I offered", "Bolton"),
        ('Mick Jagger of The Rolling Stones also reacted on Twitter, "Sad news that Ginger Baker has died."', "Sad news", "Mick Jagger"),
        # a clause with no cue closed by a colon: its subject's words, if a person
        ("NASA's Bill Gerstenmaier spoke of the work with SpaceX: \"It's fun working with a new partner.\"", "It's fun", "Bill Gerstenmaier"),
        ('The family\'s statement read: "Don loved and adored Deirdre."', "Don loved", "The family's statement"),
        ('Peers said it could search for variants, also observing, "there is no harmonised law".', "there is", "Peers"),
        # negative: not a person's, or an inverted cue that opens no clause
        ('An interfaith rally by the city\'s leaders had one message: "Dump Trump now and forever."', "Dump", ""),
        ("Donald Trump Praises Breitbart's Matthew Boyle: 'Very Good Reporter.'", "Very Good", "Donald Trump"),
        ('One sign along the road read, "Trust in the Force, but always buckle up."', "Trust", ""),
        # the name after "said" is the subject of what was said, not the speaker
        ("Mr. Slinker, whose firm uses data, said Mr. Trump was a candidate in the spirit of the valley: ''He's a start-up kind of guy.''", "He's a", "Slinker"),
        # negative: a participle and its comma take the sentence's subject, not the noun before it
        ("Trump, angry at the judge, issued a statement Tuesday saying, ''I do not feel that heritage matters.''", "I do not", "Trump"),
    ],
)
def test_a_verb_and_a_comma_or_colon_introduce_a_quote(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("John Kasich’s campaign is already claiming victory in the “so-called” race.", "so-called", ""),  # no cue noun
        ("Clinton: Trump's claim about the world is “dangerous.”\n\nHillary Clinton spoke.", "dangerous", "Hillary Clinton"),
    ],
)
def test_a_possessive_credits_only_the_cue_noun_it_owns(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a clause after "after" has its own subject; a time before it is nobody
        ("It came three days after Trump told the Post he was “not there yet.”", "not there", "Trump"),
        ("It was fined a year after the man had posted that “all is lost.”", "all is lost", ""),
        # sentence words before a name are no part of it
        ("Besides Clinton said “we will win.”", "we will", "Clinton"),
        # ...nor is a preposition opening the sentence a name a pronoun could stand for
        ("Actor John Rhys-Davies spoke on a panel on Saturday. Special effects costumer Ian Campbell had a "
         "booth at the convention. Amidst the bustle of activity, "
         "Campbell was working on a helmet. After the convention, he told Wikinews that \"it can be tough to "
         "maintain focus.\"", "it can be tough", "Ian Campbell"),
    ],
)
def test_time_phrases_and_sentence_words_are_nobody(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


def test_a_sign_that_read_names_nobody() -> None:
    assert who("One sign read “Lock her up.”", "Lock her")[0] == ""
    assert who("His daughter's sister read “A poem.”", "A poem")[0] != "His daughter"


def test_a_subordinate_clause_before_the_comma_does_not_introduce_the_quote() -> None:
    text = ("Mr. Trump is reckless, the vice president said, that if his son had planned to enlist"
            " in the army, ''I would have stopped him.''")
    assert who(text, "I would")[1:] == ("the vice president", "said")


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a Title Case headline: the capitalised words before its verb
        ("Governor Calls Budget 'A Disgrace'\n\nThe budget passed on Monday.", "A Disgrace", "Governor"),
        ("Chris Christie Slams Rival Over 'Reckless' Emails\n\nThe race goes on.", "Reckless", "Chris Christie"),
        ("United States Says Iran 'Lied' About Its Program\n\nTalks resume today.", "Lied", "United States"),
        ("Hillary Clinton Speaks 'Directly To Voters' After Debate\n\nClinton spoke Tuesday.", "Directly", "Hillary Clinton"),
        ("Trump 'The Dealmaker' Could Fix Energy, Lindsey Graham Says\n\nGraham spoke.", "The Dealmaker", "Lindsey Graham"),
        # a headline naming its speaker before a colon: with a topic, or as a source
        ("Obama on Climate Change: The Trends Are 'Terrifying'\n\nBarack Obama spoke.", "Terrifying", "Barack Obama"),
        ("A lesson from Loretta Lynch: 'Be the voice people hear'\n\nLoretta Lynch spoke.", "Be the voice", "Loretta Lynch"),
        ("Notes from Washington: 'A Quiet Week'\n\nCongress is away.", "A Quiet", ""),  # nobody named in full
        # negative: a plural noun is not the verb, and no verb means no speaker
        ("Trump Supporters Chant 'Lock Her Up' At Rally\n\nThe rally was loud.", "Lock Her Up", ""),
        ("Review: The Film 'Big Fish' Is A Delight\n\nIt opens today.", "Big Fish", ""),
        # negative: a quote before the verb is not the subject's
        ("'Crooked' Campaign Calls Rally Off\n\nThe rally was called off.", "Crooked", ""),
    ],
)
def test_a_title_case_headline_names_its_speaker_first(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # round-ups and transcripts: a name (an outlet, a party tag) and a colon open the paragraph
        ('Reactions came in.\n\nJane Roe, The Daily Planet: "This is the best thing."', "This is", "Jane Roe"),
        ('The hearing went on.\n\nRep. Trey Gowdy (R-S.C.): "I have not heard anyone cite that figure."', "I have", "Trey Gowdy"),
        ('Hillary Clinton spoke on Monday.\n\nClinton: "Our goal is not to contain ISIS."', "Our goal", "Hillary Clinton"),
        ('POLLS NOT WRONG, JUST EARLY - Mark Blumenthal: "Although the polls failed, they were right."', "Although", "Mark Blumenthal"),
        # "as X put it"
        ('Or, as Tom Ridge, a former secretary of homeland security, put it: "The barbarians are at the gate."', "The barbarians", "Tom Ridge"),
        ("As The Post's Dana Milbank puts it, \"Senate Republicans are unmoved.\"", "Senate", "Dana Milbank"),
        # negative: a lone word before a colon that names nobody in the article
        ('The hearing went on.\n\nUpdate: "The meeting is cancelled for today."', "The meeting", ""),
        # negative: a heading and a colon with no name
        ('The WSJ editorial: "Deport Nikki Haley."', "Deport", ""),
    ],
)
def test_round_ups_transcripts_and_as_x_put_it(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


def test_a_quote_paragraph_with_no_cue_continues_the_previous_speaker() -> None:
    text = (
        "“We're not just validating numbers,” Aaron Sharockman told reporters.\n\n"
        "“We're trying to provide context.”\n\n"
        "PolitiFact is run by a newspaper."
    )
    first, second = attributed(text)
    assert first.speaker == second.speaker == "Aaron Sharockman"
    assert second.cue is None and second.mention == first.mention


@pytest.mark.parametrize(
    "text",
    [
        # the sentence ends inside the closing mark of a programme's title
        '"It is too early," Mark Cuban said on NBC\'s "Meet the Press." "We will see in a year."',
        '"It is too early," Cuban said on ABC\'s "This Week with George Stephanopoulos." "We will see."',
        # the full stop of a state's initials ends the sentence before a quotation
        '"I understand them," said Sen. Lindsey Graham, R-S.C. "I get that. But it must stop."',
    ],
)
def test_a_quote_opening_the_next_sentence_continues_its_speaker(text: str) -> None:
    quotes = [q for q in attributed("Cuban weighs a run\n\n" + text) if q.kind == QUOTE]
    assert len(quotes) == 2
    assert quotes[0].speaker and quotes[1].speaker == quotes[0].speaker
    assert quotes[1].cue is None


def test_a_title_after_on_is_no_ones_words_even_with_small_words() -> None:
    text = 'Christie on Trump\n\n"We will see," Christie said on ABC\'s "This Week with George Stephanopoulos."'
    title = [q for q in attributed(text) if q.text.startswith("This Week")]
    assert title and title[0].kind != QUOTE and not title[0].speaker


def test_a_full_stop_inside_the_marks_before_a_lower_case_cue_ends_no_sentence() -> None:
    text = 'Line.\n\n"It is a sad day for the country." added Rep. Jim Clyburn, the assistant leader.'
    assert who(text, "It is a sad")[:2] == ("Jim Clyburn", "Rep. Jim Clyburn")


def test_a_dash_and_a_name_on_the_line_under_a_quotation_paragraph() -> None:
    text = 'The debate.\n\n"I will certainly look into it."\n\n- Hillary Clinton.\n\nClinton has not.'
    assert who(text, "I will")[0] == "Hillary Clinton"
    credit = 'The candidate called him "my African American."\n\n- Reuters.'
    assert who(credit, "my African")[0] != "Reuters"


def test_a_cue_far_back_in_its_clause_still_governs_a_partial_quote() -> None:
    text = ("April Mellody, a spokeswoman for the convention, said in a statement that the convention's "
            "security team would work with the Philadelphia police, the Pennsylvania state police, the "
            "transit police and the Secret Service ''to ensure the safety of all of our delegates.''")
    assert text.index("''to") - text.index("said") > 160
    assert who(text, "to ensure")[:2] == ("April Mellody", "April Mellody")


def test_a_clause_after_a_comma_is_no_apposition_of_the_name_before_it() -> None:
    text = ("Marco Rubio, whose hometown, Miami, is projected to be largely underwater within the "
            "decade, argues that government efforts to combat it will ''destroy our economy.''")
    assert who(text, "destroy")[0] != "Miami"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("In recent weeks, Harry Reid has gone after Trump as a “human leech” and worse.", "human", "Harry Reid"),
        ("Senate Minority Leader Harry Reid, in particular, has been steadily pounding Trump as a “spoiled brat.”",
         "spoiled", "Harry Reid"),
        ("PolitiFact rated 22% of Democratic claims as “false” last year.", "false", "PolitiFact"),
        # no one's words: a passive's subject, examples after "such as", a thing's description
        ("Mancini has been described by the Daily Hive as a \"squirrel whisperer\".", "squirrel", ""),
        ('Officials searched their records for words such as "ambassador," "attack" and more.', "ambassador", ""),
    ],
)
def test_words_given_as_what_someone_is_are_the_subjects(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Line.\n\n“The claims are unfounded,” said 9/11 widow Terry Strada.", "Terry Strada"),
        ("Line.\n\n“We left early,” said 29-year-old student Jo Roe.", "Jo Roe"),
    ],
)
def test_a_number_may_open_the_description_after_the_cue(text: str, speaker: str) -> None:
    assert attributed(text)[0].speaker == speaker


def test_a_quote_after_a_sentence_that_names_a_programme_takes_its_speaker() -> None:
    text = ('Headline\n\nOn "Face the Nation," Sen. Bernie Sanders (Vt.), who lost the primaries, identified '
            'exhaustion with bigotry as a reason. "The younger people are sick and tired of discrimination."')
    assert who(text, "The younger")[0] == "Bernie Sanders"


def test_a_name_given_with_called_is_no_ones_words() -> None:
    text = "Line.\n\nIt comes as a popular play called “Los Hijos de Trump” opens in Mexico City."
    assert who(text, "Los Hijos")[0] == ""
    spoken = "Line.\n\nTrump called him “Little Marco” again on Tuesday."
    assert who(spoken, "Little Marco")[0] == "Trump"


def test_a_gendered_description_never_goes_to_a_person_of_the_other_gender() -> None:
    text = ("David Turpin, alone, was also charged with making false statements.\n\n"
            "The father said \"I love my children.\"\n\nThe mother said \"I look forward to the day.\"")
    father, mother = attributed(text)
    assert father.speaker == "David Turpin"
    assert mother.speaker == "The mother"  # as written: the text names no woman
    wife = "Donald Trump spoke first.\n\nHis wife told the crowd, \"He is a good man.\""
    assert who(wife, "He is a good")[0] != "Donald Trump"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # the hearer of "told" is not the speaker
        ("Line.\n\nThe delegate to the House, Aumua Amata, told the press: \"The ruling is unwelcome.\"",
         "The ruling", "Aumua Amata"),
        # a body's description is the body, not the person the sentence before was about
        ("Line.\n\nFitisemanu had lived in Utah for twenty years.\n\nThe government of American Samoa "
         "issued a statement: \"Citizenship by judicial fiat would fail.\"", "Citizenship", "The government of American Samoa"),
        # an -s word before a colon is no verb after a description that ends in "the"
        ("Line.\n\nIt found that the prorogation was not a matter for the courts: \"In our view, it is not.\"",
         "In our view", ""),
    ],
)
def test_objects_and_bodies_are_not_taken_for_speakers(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a lower-case role before a full name is the role's, not the name's
        ('Line.\n\n"It is a better performance," Wynnum coach Matt Myers said.', "It is a", "Matt Myers"),
        # initials of a place, an organisation before "who": no one
        ('Trump made a statement at his golf club outside Washington, D.C. saying, "The simple fact is this."',
         "The simple", ""),
        ('Line.\n\nThe study was led by a marine ecologist and Regents Professor at GT, who said "There is a lot of argument."',
         "There is", ""),
    ],
)
def test_places_and_bodies_are_no_persons_speakers(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a later quotation of the clause a cue reports is that cue's speaker's
        ("Line.\n\nHarry Reid has gone after Trump as a “human leech who will bleed the country” and a "
         "“spoiled brat.”", "spoiled", "Harry Reid"),
        ("Line.\n\nRep. Mo Brooks has said that he would consider ''anything short of shooting'' migrants and "
         "that he favored heavy tariffs on China to ''level the playing field.''", "level the", "Mo Brooks"),
        # not across a sentence ended inside the marks, nor past another attribution
        ("Line.\n\nTrump attacked Romney, calling him “a failed candidate.” Romney fired back, attacking Trump "
         "for “the greed.”", "the greed", ""),
        ("Line.\n\nOne provided a document she identified as the benefits. \"Family Leave,\" the document states, "
         "becomes available \"after 1 year of employment.\"", "after 1 year", ""),
        # who was told did not say it
        ("Line.\n\nAccording to the playbook, his salespersons were told, \"You sell feelings.\"", "You sell", ""),
    ],
)
def test_quotations_of_one_reported_clause(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


@pytest.mark.parametrize("verb", ["shot back", "fired back", "hit back", "lashed out"])
def test_a_verb_of_retort_introduces_a_quote(verb: str) -> None:
    text = f'Line.\n\nClinton pressed him. Bernie Sanders {verb}, "Secretary Clinton called them out."'
    assert who(text, "Secretary")[0] == "Bernie Sanders"




@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("Line.\n\n“If she wants to be the next president, she should come to Louisiana,” the editorial read.",
         "If she", "the editorial"),
        # a description neither runs into the next sentence nor ends on a participle
        ("Line.\n\nThe party called it a measure of xenophobia. He condemned the plan as “a disgrace.”",
         "a disgrace", ""),
        ("Line.\n\nAccording to a civil complaint filed by the federal regulator, the developers ran a “massive "
         "fraudulent scheme.”", "massive", "a civil complaint"),
    ],
)
def test_documents_and_descriptions_as_written(text: str, quote: str, speaker: str) -> None:
    assert who(text, quote)[0] == speaker


def test_a_scare_quote_before_a_cue_that_reports_a_clause_is_no_ones_words() -> None:
    text = 'Line.\n\nAsked about the "deal," Jane Roe said the talks had failed.'
    assert who(text, "deal")[0] == ""
    assert who('Line.\n\n"nonsense," Jane Roe said.', "nonsense")[0] == "Jane Roe"


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ('Peel update\n\n"It\'s a sad day," said Const. Jenifferjit Sidhu, a Peel police spokesperson.',
         "Jenifferjit Sidhu", "Const."),
        ('Calgary update\n\n"We are monitoring it," a spokesperson for the City of Calgary said in an email.',
         "a spokesperson for the City of Calgary", ""),
    ],
)
def test_police_titles_and_spokespeople_of_a_named_body(text: str, speaker: str, role: str) -> None:
    (quote,) = attributed(text)
    assert (quote.speaker, quote.speaker_role) == (speaker, role)


def test_a_pronoun_goes_to_the_person_a_subject_description_names() -> None:
    text = ('Court\n\nJustice Rosalie Abella wrote for the majority. "The law fails," Abella wrote. '
            'Her colleague, Justice Russell Brown, dissented. "It does not," he wrote.')
    assert who(text, "It does not")[0] == "Russell Brown"
    local = ("Cruz spoke. One local woman, Karen Robison, pulled Rep. King aside after the event. "
             "“I’m so glad you don’t forget Osceola,” she told him.")
    assert who(local, "I’m so glad")[0] == "Karen Robison"


def test_a_quotation_over_several_paragraphs_gives_a_row_per_paragraph() -> None:
    text = (
        "Moore spoke first.\n\n"
        "“If indeed he is not intelligent, how can you feel good about yourself.\n"
        "“I have been doing a lot of thinking recently about where we are,” added Rep. Jim Clyburn."
    )
    rows = [q for q in attributed(text) if q.kind == QUOTE]
    assert [q.text[:10] for q in rows] == ["If indeed ", "I have bee"]
    assert all(q.speaker == "Jim Clyburn" and q.cue and q.cue.text == "added" for q in rows)
    assert [text[q.span.start : q.span.end] for q in rows] == [q.text for q in rows]
    assert rows[0].span.open_start == text.index("“If") and rows[1].span.open_start == text.index("“I have")


def test_a_transcript_in_quote_marks_credits_no_turn_to_the_interviewee() -> None:
    text = (
        "Pence spoke on Sunday.\n\n"
        "\"WALLACE: Let's start with the debate.\n\n"
        "\"PENCE: Well, the question really should be why.\n\n"
        "\"WALLACE: Do you see those two as equivalent?\" Pence said."
    )
    rows = [q for q in attributed(text) if q.kind == QUOTE]
    assert len(rows) == 3 and not any(q.speaker for q in rows)


def test_a_quote_after_the_sentence_that_introduces_its_speaker() -> None:
    text = "The plan is sound, said Leonard Burman, a tax expert. ''It does not make our problems worse.''"
    (quote,) = attributed(text)
    assert quote.speaker == "Leonard Burman"


@pytest.mark.parametrize(
    "text",
    [
        # datelines, photo credits and bylines are never speakers
        "WASHINGTON (AP) — “The economy is strong and getting stronger.”",
        "Getty/Instagram.\n\n“Donald Trump scares me and my family.”",
        "By 14ymedio\n\n“The talks went on for hours without a break.”",
        "HAVANA TIMES – “The minister arrived on Tuesday with all protocol.”",
        # no cue at all
        "The rally was loud. “This is a big year for our state.”",
        # a pronoun with nobody before it to stand for
        "“We will not back down from this fight,” they wrote.",
    ],
)
def test_no_speaker_rather_than_a_wrong_one(text: str) -> None:
    (quote,) = attributed(text)
    assert quote.speaker == ""
    assert quote.mention is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a scare quote stays one, even in a sentence with a cue in another clause
        # (the two seed articles' wordings)
        ("“Russia is willing to provide assistance to Cuba,” the soldier promised López Miera, although both"
         " Sputnik and other media that reported on the visit avoided defining the exact content of that"
         " “strategic” aid.", SCARE),
        ("“Russia is willing to provide assistance to Cuba,” the soldier promised López Miera, although both"
         " Sputnik and other media that reported the visit avoided defining the exact content of that"
         " “strategic” aid.", SCARE),
        # a fragment governed by a cue is someone's words
        ("The minister assured there was help, including “technical” aid to the army.", QUOTE),
    ],
)
def test_fragments_are_quotes_only_under_a_cue(text: str, kind: str) -> None:
    spans = [q for q in attributed(text) if q.text in ("strategic", "technical")]
    assert [q.kind for q in spans] == [kind]
    assert (spans[0].speaker != "") == (kind == QUOTE)


def test_offsets_point_at_the_mention_and_the_cue() -> None:
    text = SHOIGU + "“Russia is willing to help,” the soldier promised López Miera."
    quote = attributed(text)[-1]
    assert text[quote.span.start : quote.span.end] == quote.text
    assert quote.mention and text[quote.mention.start : quote.mention.end] == "the soldier"
    assert quote.cue and text[quote.cue.start : quote.cue.end] == "promised"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("Ab .,:\n\"“”‘’'—") + [" said ", " he ", "Smith", " the minister ", "According to "])
        | st.characters(),
        max_size=80,
    ).map("".join)
)
def test_attribution_never_raises_and_offsets_hold(text: str) -> None:
    for quote in attributed(text):
        assert text[quote.span.start : quote.span.end] == quote.text
        for mention in (quote.mention, quote.cue):
            if mention is not None:
                assert text[mention.start : mention.end] == mention.text


# ---------------------------------------------------------------------- linear in the text
# No timings here: on code that is not linear these texts take minutes to hours, so the test
# run hangs instead of passing (benchmarks/linear.py measures the times).


def test_fifty_thousand_quotes_without_a_speaker() -> None:
    quotes = attributed(" ".join('"ab cd."' for _ in range(50_000)))
    assert len(quotes) == 50_000
    assert all(quote.kind == QUOTE and quote.speaker == "" for quote in quotes)


def test_one_sentence_of_two_megabytes_full_of_quotes() -> None:
    talk = "the rain fell on the old roof of the hall and " * (WINDOW // 40)  # more than a cue's reach
    clause = f'Smith said "we will go on" and {talk}"we will not stop" and {talk}'
    text = clause * (2_000_000 // len(clause))
    quotes = attributed(text)
    assert len(quotes) == 2 * text.count("Smith said") and len(text) > 1_900_000
    found = [(quote.speaker, quote.cue.text if quote.cue else "") for quote in quotes]
    assert found == [("Smith", "said"), ("", "")] * text.count("Smith said")


FAR = "and the talks went on " * 50_000  # a megabyte of one sentence, with no name and no cue


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ('“We are partners,” Shoigu said, and he left.', "We are"),
        ('and Shoigu said: “We are partners.”', "We are"),
        ('and according to Reuters, “the deal is done.”', "the deal"),
        ('and “the deal is done,” said Maria Lopez.', "the deal"),
        ('and the deal, Prensa Latina reported, “is done.”', "is done"),
        ('and the deal “is done,” Prensa Latina reported.', "is done"),
    ],
)
def test_a_megabyte_earlier_in_the_sentence_changes_nothing(sentence: str, quote: str) -> None:
    """Every search around a quote has a bounded window: text far away in the same sentence
    (or paragraph) cannot change its attribution, and does not make it slower."""
    alone = next(q for q in attributed("Shoigu met Maria Lopez. " + sentence) if q.text.startswith(quote))
    shift = len(FAR)
    far = next(q for q in attributed("Shoigu met Maria Lopez. " + FAR + sentence) if q.text.startswith(quote))
    assert alone.speaker and far.speaker == alone.speaker
    assert (far.cue.start - shift, far.cue.text) == (alone.cue.start, alone.cue.text)
    assert (far.mention.start - shift, far.mention.text) == (alone.mention.start, alone.mention.text)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Republican Governor Jane Roe said “we are ready.”", "Republican Governor"),
        ("Jane Roe, the city's mayor, spoke. Later the city's mayor said “we are ready.”", "the city's mayor"),
        ("“We are ready,” said the Rev. Peter Wherry, of Mayfield Church.", "Rev."),
        ("“We are ready,” said Jane Roe.", ""),
    ],
)
def test_the_role_written_with_a_speaker_is_kept_apart(text: str, role: str) -> None:
    assert [q.speaker_role for q in attributed(text) if q.speaker] == [role]


def test_attribute_with_state_hands_on_what_attribution_read() -> None:
    """The quotes are attribute's own; the masked text blanks the quoted words (offsets kept),
    the layout splits its sentences, and the speakers hold the quote's, where it was named."""
    from quotes.attribute import attribute_with_state
    from quotes.extract import find_spans

    text = "Jane Roe met the board. “We will win,” Roe said. The vote is on Friday."
    article = Article(id="a", text=text)
    state = attribute_with_state(article, find_spans(text))
    assert state.quotes == quotes_in(article)
    assert len(state.masked) == len(text) and "We will win" not in state.masked and "Roe said." in state.masked
    assert [text[s : s + 4].strip() for s in state.layout.sentence_starts] == ["Jane", "“We", "The"]
    assert list(zip(state.people.speaker_names, state.people.speaker_starts)) == [("Jane Roe", text.index("Roe said"))]
    assert attribute_with_state(Article(id="b", text="No quote here."), find_spans("No quote here.")).masked is None
