"""Reported speech (quotes/reported.py): who said what without quote marks."""

from __future__ import annotations

import json

import pytest

from quotes import Article
from quotes.extract import statements_in
from quotes.reported import indirect_in
from quotes.attribute import quotes_in
from quotes.types import INDIRECT, QUOTE


def reported(text: str) -> list[tuple[str, str]]:
    """(content, speaker) of each indirect row of ``text``."""
    return [(q.text, q.speaker) for q in statements_in(Article(id="a", text=text)) if q.kind == INDIRECT]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SPEAKER CUE (that) CONTENT
        ("The minister said the talks would resume in May.", [("the talks would resume in May", "The minister")]),
        ("The minister said that the talks would resume in May.", [("the talks would resume in May", "The minister")]),
        ("Jane Roe told reporters on Tuesday that the plan had failed.", [("the plan had failed", "Jane Roe")]),
        ("Jane Roe, the mayor, said the plan had failed.", [("the plan had failed", "Jane Roe")]),
        ("Jane Roe, director of the Center for Women and Politics at the Eagleton Institute of Politics at Rutgers "
         "University, said the plan had failed.", [("the plan had failed", "Jane Roe")]),
        ("Some voters say they will stay home in November.", [("they will stay home in November", "Some voters")]),
        # CONTENT, SPEAKER CUE / CONTENT, CUE SPEAKER
        ("Prices will rise next year, the bank warned.", [("Prices will rise next year", "the bank")]),
        ("The plan had failed, said John Smith.", [("The plan had failed", "John Smith")]),
        # ...with a time, a place or the one told after the cue
        ("The plan had failed, Jane Roe said on Saturday.", [("The plan had failed", "Jane Roe")]),
        ("Biofuels no longer stir up the same fervor among Iowans, Jane Roe told POLITICO.",
         [("Biofuels no longer stir up the same fervor among Iowans", "Jane Roe")]),
        ("The minister will visit Paris later this month, Israeli officials said Wednesday.",
         [("The minister will visit Paris later this month", "Israeli officials")]),
        # ...a part of the day, then a clause of time that is not the content
        ("The plan is an insult to all voters, top lawmakers said Friday afternoon, as they bristled at the questions.",
         [("The plan is an insult to all voters", "top lawmakers")]),
        # a part of the day after the cue is no content
        ("Jane Roe said Friday night that she would go ahead with the meeting.",
         [("she would go ahead with the meeting", "Jane Roe")]),
        ("Jane Roe said late Wednesday that she would go ahead with the meeting.",
         [("she would go ahead with the meeting", "Jane Roe")]),
        # According to SPEAKER, CONTENT / CONTENT, according to SPEAKER
        ("According to the agency, 40 people were hurt.", [("40 people were hurt", "the agency")]),
        ("Forty people were hurt in the blast, according to the agency.",
         [("Forty people were hurt in the blast", "the agency")]),
        ("According to the statement, Jane Roe met the mayor to discuss the plan, the first in a year.",
         [("Jane Roe met the mayor to discuss the plan, the first in a year", "the statement")]),
        ("The median family income rose by 0.8% from 1995 to 2005, according to U.S. Census data.",
         [("The median family income rose by 0.8% from 1995 to 2005", "U.S. Census data")]),
        # SPEAKER CUE to-infinitive / on-phrase
        ("Jane Roe promised to resign by the end of May.", [("to resign by the end of May", "Jane Roe")]),
        ("Jane Roe warned of delays at the border crossing.", [("of delays at the border crossing", "Jane Roe")]),
        # the content ends where its clause does, not at the first comma
        ("Jane Roe said the plan had failed; the markets fell sharply.", [("the plan had failed", "Jane Roe")]),
        # ...but goes on past a pair of dashes around an aside
        ("According to the agency, it is common for new governments — the last took office in July — to wait a year.",
         [("it is common for new governments — the last took office in July — to wait a year", "the agency")]),
        ("Jane Roe said the plan had failed — and then she left.", [("the plan had failed", "Jane Roe")]),
        ("Jane Roe said that if the talks failed, the plant would close.",
         [("if the talks failed, the plant would close", "Jane Roe")]),
        # a second reporting verb of the same subject opens a second statement
        ("Jane Roe said the plan had failed and insisted that the talks would go on.",
         [("the plan had failed", "Jane Roe"), ("the talks would go on", "Jane Roe")]),
        ("Jane Roe said the plan had failed, noting that the talks would go on.",
         [("the plan had failed", "Jane Roe"), ("the talks would go on", "Jane Roe")]),
        ("Jane Roe said the plan was dead, but she added that the talks would go on.",
         [("the plan was dead", "Jane Roe"), ("the talks would go on", "Jane Roe")]),
        ("Ted Cruz, who says Trump is attacking him because the polls have tightened, said voters should go with him.",
         [("Trump is attacking him because the polls have tightened", "Ted Cruz"), ("voters should go with him", "Ted Cruz")]),
        # ...of the same tense: another tense is the content's own verb (`say he posed a threat and refused`)
        ("Police say he posed a deadly threat and refused to drop the gun.",
         [("he posed a deadly threat and refused to drop the gun", "Police")]),
        ("Jane Roe said the plan had failed and the talks were over.",
         [("the plan had failed and the talks were over", "Jane Roe")]),
        # a participle's subject is its sentence's, past a long apposition
        ("Jane Roe, who faces a tough race in her home state, rescinded her endorsement, saying the plan had failed.",
         [("the plan had failed", "Jane Roe")]),
        # an attribution between commas inside its content: the sentence is the statement
        ("She was not surprised by the vote, her advisers said Friday, because she knows the anger of voters.",
         [("She was not surprised by the vote, her advisers said Friday, because she knows the anger of voters",
           "her advisers")]),
        # a subject after a subordinating conjunction opens its clause
        ("While the top candidates of both parties say the war must go on, they differ on the cost.",
         [("the war must go on", "the top candidates of both parties")]),
        # ...or the share of people right before it
        ("Voters still view her as more prepared, with 50 percent saying she is ready for the job.",
         [("she is ready for the job", "50 percent")]),
        # a participle's subject is its sentence's
        ("Donald Trump hit back at his critics on Monday, saying the election was rigged against him.",
         [("the election was rigged against him", "Donald Trump")]),
        # a closing attribution with a bare plural, or an apposition after the name
        ("The accounts were used by supporters of the group, experts said.",
         [("The accounts were used by supporters of the group", "experts")]),
        ("Federal mandates are a burden for schools, said Wilcox, an Orlando Republican.",
         [("Federal mandates are a burden for schools", "Wilcox")]),
        # a headline that names its speaker first
        ("Rush Limbaugh: Hillary Clinton Is Running Scared Of Trump\n\nThe host spoke on Monday.",
         [("Hillary Clinton Is Running Scared Of Trump", "Rush Limbaugh")]),
        ("Bernie Sanders Says He Has Started Writing His Inaugural Address\n\nHe spoke on Monday.",
         [("He Has Started Writing His Inaugural Address", "Bernie Sanders")]),
        ("Trump Could Address Clean Energy, Lindsey Graham Says.\n\nHe spoke on Monday.",
         [("Trump Could Address Clean Energy", "Lindsey Graham")]),
        # "they" goes to the body whose speaker was named last, close before
        ("The union said the talks had failed. They said the workers had not been paid.",
         [("the talks had failed", "The union"), ("the workers had not been paid", "The union")]),
        # a pronoun goes to the person it stands for, as with quotations
        ("Jane Roe visited the plant. She said the workers had been paid.", [("the workers had been paid", "Jane Roe")]),
        # a partial quotation stays inside the one reported statement
        ('Jane Roe said the plan was "a total failure" and would be dropped.',
         [('the plan was "a total failure" and would be dropped', "Jane Roe")]),
        # two words of its own and a quotation after them
        ('Jane Roe said Ted Cruz "caused the crisis."', [('Ted Cruz "caused the crisis."', "Jane Roe")]),
        ('Teachers are "looking to see who is on the ticket," Jane Roe said.',
         [('Teachers are "looking to see who is on the ticket,"', "Jane Roe")]),
        # a subject after a title in quote marks, or after the mark closing the last sentence
        ('Talks\n\nOn Sunday on CNN\'s "State of the Union," Jane Roe said the plan had failed.',
         [("the plan had failed", "Jane Roe")]),
        ('"We will go on," said Jane Roe. "She said the plan had failed." He said the talks would go on.',
         [("the talks would go on", "Jane Roe")]),
        # a bare plural opening a clause, a share of people, a subject with a relative clause
        ("Tunnels are hard to find, and security specialists say the smugglers have found new routes.",
         [("the smugglers have found new routes", "security specialists")]),
        ("Turnout was low; 46 percent said they were unenthusiastic about the race.",
         [("they were unenthusiastic about the race", "46 percent")]),
        ("The state officials whose laws were struck down say the courts have changed.",
         [("the courts have changed", "The state officials")]),
        ("Another voter who lives in Ohio said the plan had failed.", [("the plan had failed", "Another voter")]),
        # a share and the people it counts; a count; a conjunct with initials
        ("Six in 10 Virginia Democratic primary voters said Clinton is honest and trustworthy.",
         [("Clinton is honest and trustworthy", "Six in 10 Virginia Democratic primary voters")]),
        ("The union polled members online: 1,409 teachers said they wanted to endorse Sanders.",
         [("they wanted to endorse Sanders", "1,409 teachers")]),
        ("Cyber security experts and U.S. officials, however, said they believed Russia engineered the release.",
         [("they believed Russia engineered the release", "Cyber security experts and U.S. officials")]),
        # "there" after the subject
        ("Residents there told the press the officers claimed to be seeking a bomb.",
         [("the officers claimed to be seeking a bomb", "Residents")]),
        # people close to someone
        ("Those close to him say that he would have to consider other candidates.",
         [("he would have to consider other candidates", "Those close to him")]),
        # a participle after a quotation's attribution goes on with that speaker's words
        ('"We will win," Jane Roe said at a rally in Ohio, adding that the polls were wrong.',
         [("the polls were wrong", "Jane Roe")]),
        # a question asked, reported
        ("Jane Roe visited the plant. A reporter asked her whether the plant would close.",
         [("whether the plant would close", "A reporter")]),
        ("The mayor asked workers to sign up for the new plan.", [("to sign up for the new plan", "The mayor")]),
        # verbs of belief whose rows measured right on PolNeAR train
        ("Jane Roe believes the plan has failed.", [("the plan has failed", "Jane Roe")]),
        # "that" opens a clause whose first word could not open content right after the cue
        ("Jane Roe said that when the talks failed the plant would close.",
         [("when the talks failed the plant would close", "Jane Roe")]),
        # a cue in an opening subordinate clause; the main clause reports speech of its own
        ("Back when she wrote her book, Jane Roe said that she considered debt a last resort.",
         [("she considered debt a last resort", "Jane Roe")]),
        ("When Jane Roe announced the plant would close, Mr. Doe said the town was stunned.",
         [("the plant would close", "Jane Roe"), ("the town was stunned", "Doe")]),
        # "that" as the clause's subject, before its verb
        ("The budget deal ends the cuts. Jane Roe said that would permit the financing of more ships.",
         [("that would permit the financing of more ships", "Jane Roe")]),
        # a name after its role, with no comma; the press as the one told
        ("University of Ohio Student Association president Jane Roe said the feedback had helped her.",
         [("the feedback had helped her", "Jane Roe")]),
        ("Jane Roe told local media the plan had failed.", [("the plan had failed", "Jane Roe")]),
        # a cue in a relative clause whose content goes on with the antecedent as subject
        ("The agency delayed the launch, which Jane Roe said might take place this summer.",
         [("might take place this summer", "Jane Roe")]),
        ("The policy changes, which officials said will go into effect in May, will not apply to children.",
         [("will go into effect in May", "officials")]),
        # a be-verb before an -ing cue makes it the subject's own verb (progressive), not a participle
        ("Jane Roe is declaring that she is moving closer to the nomination.",
         [("she is moving closer to the nomination", "Jane Roe")]),
        ("The mayor was defending his plan to close the plant at a rally.",
         [("his plan to close the plant at a rally", "The mayor")]),
        # a wire story's dateline, an apposition between dashes, an aside before the verb
        ("MACAU (Reuters) – Top party donor Jane Roe said on Friday she met the candidate this week.",
         [("she met the candidate this week", "Jane Roe")]),
        ("Jane Roe — a teacher from Mount Pleasant — says she made up her mind last week.",
         [("she made up her mind last week", "Jane Roe")]),
        ("Jane Roe however said she would welcome the plan.", [("she would welcome the plan", "Jane Roe")]),
        # a particle that opens content is no phrasal verb's (`said down-ballot races`)
        ("The union said down-ballot races can also help unite teachers behind her.",
         [("down-ballot races can also help unite teachers behind her", "The union")]),
        # a dateline opening the sentence is no part of its content
        ("EFE/14ymedio, Minsk (Belarus), 30 June 2023 — The two ministers met today in Minsk, according to a "
         "press release.", [("The two ministers met today in Minsk", "a press release")]),
        ("WASHINGTON (Reuters) - The Chinese government likely hacked the computers, a congressional report said.",
         [("The Chinese government likely hacked the computers", "a congressional report")]),
        # a subject with an apposition, then the cue: not `CONTENT, CUE SPEAKER` with the subject as content
        ("Jane Roe, a Republican, said the Khan family deserved better.",
         [("the Khan family deserved better", "Jane Roe")]),
        # a past verb between two capitalised words makes a clause, not a name
        ("In a video message, Warren commended Biden for his empathy and said she was ready to campaign for him.",
         [("she was ready to campaign for him", "Warren")]),
        ("According to research published Wednesday by a team from University College London (UCL), the "
         "presence of water vapour was confirmed on the planet.",
         [("the presence of water vapour was confirmed on the planet",
           "research published Wednesday by a team from University College London")]),
        # an apposition after an opening "According to" source holds no be-verb
        ("According to the Cyprus Mail, the pipeline is to connect the fields with Crete, the Greek mainland, "
         "and would end in Italy.",
         [("the pipeline is to connect the fields with Crete, the Greek mainland, and would end in Italy",
           "Cyprus Mail")]),
        # a day before the subject, with no comma
        ("On Friday Ford Motor Company announced the inquiry had been closed.",
         [("the inquiry had been closed", "Ford Motor Company")]),
        # a verb of speech too rare in PolNeAR train to measure, before "that" and its clause
        ("Jane Roe remarked that the plan had failed in May.", [("the plan had failed in May", "Jane Roe")]),
        # the -s form of a verb of speech PolNeAR train wrote in the past (`denied`)
        ("The ministry denies the two explosions are related.", [("the two explosions are related", "The ministry")]),
        # a report in a relative clause inside a content is a statement of its own subject
        ("Jane Roe said she may declare an emergency, which she said would let her act without the council.",
         [("she may declare an emergency", "Jane Roe"), ("would let her act without the council", "Jane Roe")]),
        ("Jane Roe criticized the deal with the union, which officials said was signed in secret.",
         [("the deal with the union", "Jane Roe"), ("was signed in secret", "officials")]),
        # ...or one that parts the content's subject from its verb
        ("Mr. Obama, officials said, has become increasingly skeptical about the plan.",
         [("Mr. Obama, officials said, has become increasingly skeptical about the plan", "officials")]),
        # a participle right after an attribution inside its content opens a second statement
        ("The plant will close in May, Jane Roe said Tuesday, adding that the workers would be paid.",
         [("The plant will close in May", "Jane Roe"), ("the workers would be paid", "Jane Roe")]),
        ("A total of 39 are confirmed dead, officials told state media, adding that rescuers ended the search.",
         [("A total of 39 are confirmed dead", "officials"), ("rescuers ended the search", "officials")]),
        # "this" after a cue is a time only before a word of time (`said this week`)
        ("The governor said the officers were present, but said this too was unrelated to the blast.",
         [("the officers were present", "The governor"), ("this too was unrelated to the blast", "The governor")]),
        ("The governor said this week the officers were present at the blast.",
         [("the officers were present at the blast", "The governor")]),
        # a collective noun of people, and bodies the lexicon saw often, close a sentence as bare plurals
        ("The girl was hurt in the blast, police said.", [("The girl was hurt in the blast", "police")]),
        ("The plane was insured at a value of $35 million in 2011, records show.",
         [("The plane was insured at a value of $35 million in 2011", "records")]),
        ("The plant was sold the day before the fire, land records indicate.",
         [("The plant was sold the day before the fire", "land records")]),
        # a bare plural's subordinator is not part of it
        ("While campaign officials say the staff will grow, the office is still empty.",
         [("the staff will grow", "campaign officials")]),
        # "he" is never a plural spoken of before (`critics`): no one, rather than the critics
        ("When the president flew to Boise for a speech last winter, critics said the trip was a waste of money. "
         "Freeing the pastor, he promised, was one of his top priorities.",
         [("the trip was a waste of money", "critics")]),
        # a second cue whose words are a quotation ends the first content; the quotation is its own row
        ('Jane Roe cited the clause of the treaty and said, "They need to stand by us", while addressing the press.',
         [("the clause of the treaty", "Jane Roe")]),
        # the be-verb of an apposition is not a passive of the cue
        ("Jane Roe, who is 28, said the plan had failed.", [("the plan had failed", "Jane Roe")]),
        # "about" before a count opens a clause, not a topic
        ("Police said about half of the guests were hurt in the blast.",
         [("about half of the guests were hurt in the blast", "Police")]),
        # an unnamed source opening a sentence, and what ties it to what it knows
        ("People familiar with the talks said the deal was close.",
         [("the deal was close", "People familiar with the talks")]),
        # a relative clause between commas and the sentence's own verb: two statements, the second the antecedent's
        ("A White House official, who requested anonymity to discuss the talks, said the plan had failed.",
         [("the plan had failed", "A White House official")]),
        ("Jane Roe, who said she did not sign the deal, said that the plan had failed.",
         [("she did not sign the deal", "Jane Roe"), ("the plan had failed", "Jane Roe")]),
        # an honorific before a possessive name is part of the description
        ("Mrs. Roe's advisers said the upside of the plan would outweigh its cost.",
         [("the upside of the plan would outweigh its cost", "Mrs. Roe's advisers")]),
        # two who speak together: one row, both of them
        ("Jane Roe and Sen. John Smith say other changes to the plan are needed.",
         [("other changes to the plan are needed", "Jane Roe and John Smith")]),
        # a second verb after "and" takes the sentence's subject, read as the opening subject is
        ("Facebook co-founder Jane Roe tweeted to the mayor and said the plan had failed.", [("the plan had failed", "Jane Roe")]),
        # "according to" between a subject and its verb: the sentence is the content
        ("The rescuers, according to the ministry, recovered ten survivors from the debris.",
         [("The rescuers, according to the ministry, recovered ten survivors from the debris", "the ministry")]),
        ("Rescuers, working in the freezing cold, according to the ministry recovered at least ten survivors.",
         [("Rescuers, working in the freezing cold, according to the ministry recovered at least ten survivors", "the ministry")]),
        # ...where a participle inside a description is part of it
        ("The newly elected mayor said the plan had failed.", [("the plan had failed", "The newly elected mayor")]),
        # ...but "up to" is a count
        ("Police said up to 40 people were hurt in the blast.", [("up to 40 people were hurt in the blast", "Police")]),
        # a participle and its time or agent after the subject; two pollsters' names with a slash
        ("The latest Reuters/Ipsos poll released Friday shows that the mayor leads by five points.",
         [("the mayor leads by five points", "The latest Reuters/Ipsos poll")]),
        # a headline's poll "Shows" as its "Says"
        ("New Poll Shows Minor Bump For The Mayor\n\nThe mayor gained.", [("Minor Bump For The Mayor", "New Poll")]),
        # a scare quote and its comma inside a lead do not make the subject after them its attribution
        ('With the excitement and "the stress on my body", Jane Roe shared that she was prone to meltdowns.',
         [("she was prone to meltdowns", "Jane Roe")]),
        # "according to" closing its sentence with no comma before it
        ("The army entered the two towns yesterday according to state media.",
         [("The army entered the two towns yesterday", "state media")]),
        # initials joined by an ampersand are a name
        ("PG&E said it had scheduled the blackouts.", [("it had scheduled the blackouts", "PG&E")]),
        # a role's conjunction is no pair of speakers
        ("Vice President and Managing Editor Jane Roe said the plan had failed.", [("the plan had failed", "Jane Roe")]),
        # a clause of its own after the content: its words are its own subject's
        ("Jane Roe stressed that the plan had failed, and rights groups warned that the talks would end.",
         [("the plan had failed", "Jane Roe"), ("the talks would end", "rights groups")]),
        # a verb after "and" that follows a clause with a subject of its own is that subject's
        ("Jane Roe described the mayor as a disgrace after he attacked the police and blamed the shootings on bias.",
         [("the mayor as a disgrace after he attacked the police", "Jane Roe")]),
        # a phrase after the cue that runs on past its noun: the content opens after its "that"
        ("Jane Roe said at a news conference in Buffalo, New York, that the state is wrong to ban fracking.",
         [("the state is wrong to ban fracking", "Jane Roe")]),
        ("Jane Roe said in an interview with Rolling Stone she was open to the idea.",
         [("she was open to the idea", "Jane Roe")]),
        # a bare plural and the phrase that ties it to what it belongs to, after a clause of its own
        ("Although Scott lacks a signature policy achievement, elected officials from both parties say he is a hard worker.",
         [("he is a hard worker", "elected officials from both parties")]),
        # ...is a body of people, never the person spoken of last
        ("Jane Roe met the union leaders on Monday. People close to her say she is tired of the talks.",
         [("she is tired of the talks", "People close to her")]),
        ("Donald Trump met the data team. The team is new, according to multiple sources familiar with the effort.",
         [("The team is new", "multiple sources familiar with the effort")]),
        # a second cue after "though" and a pronoun: a second statement, the first content ends before it
        ("Jane Roe said the campaign planned a protest, though she acknowledged it was unlikely to work.",
         [("the campaign planned a protest", "Jane Roe"), ("it was unlikely to work", "Jane Roe")]),
        # a past cue and its "that" after a present one: a second statement of the same subject ...
        ("His aides say it is too early to discuss a run but noted that Scott won hard races.",
         [("it is too early to discuss a run", "His aides"), ("Scott won hard races", "His aides")]),
        # shares of people, however written, are many people: never the person named before them
        ("Jane Roe spoke in Ohio. In each of the five states, about half of voters say they prefer an outsider, "
         "while about 4 in 10 want one with political experience.",
         [("they prefer an outsider", "about half of voters"), ("one with political experience", "about 4 in 10")]),
        ("By the time those primaries ended, as many as 40 percent of Clinton voters said they could not support Obama.",
         [("they could not support Obama", "as many as 40 percent of Clinton voters")]),
        # a possessive of a full name, of a name with an apostrophe, and of a name in -s
        ("Hillary Clinton's campaign said it is looking for a progressive replacement.",
         [("it is looking for a progressive replacement", "Hillary Clinton's campaign")]),
        ("O’Malley’s campaign says it will shift staff to the early states.",
         [("it will shift staff to the early states", "O’Malley’s campaign")]),
        ("Sanders' spokesman Michael Briggs said Sharpton asked for the meeting.", [("Sharpton asked for the meeting", "Michael Briggs")]),
        # ...and a thing of someone's is not the person spoken of just before
        ("Ben Sasse spoke on Monday. Greenberg's research suggests moderate Republicans might cross party lines.",
         [("moderate Republicans might cross party lines", "Greenberg's research")]),
        # four appositions between the subject and its cue: age, town, state, a relative clause
        ("Jane Roe, 59, of Ashton, Md., who watched the ceremony on a screen on the Mall, said the event brought back memories.",
         [("the event brought back memories", "Jane Roe")]),
        # a site named with its domain
        ("Znak.com reported its source said that the tenant moved in the day before the blast.",
         [("its source said that the tenant moved in the day before the blast", "Znak.com")]),
        # a participle and its phrase opening the sentence are a lead, not a subject
        ("Speaking on a radio show last week, Kiedis said his band had written new songs.",
         [("his band had written new songs", "Kiedis")]),
        # a hyphen written as a dash before the subject opens its clause
        ("Fiorina was a microscopic planner - a former speechwriter said she demanded detailed analyses of her audiences.",
         [("she demanded detailed analyses of her audiences", "a former speechwriter")]),
        # a name and its place as the object of "told"
        ("Christine Todd Whitman told The Star-Ledger of Newark last week she would rather vote for Hillary Clinton.",
         [("she would rather vote for Hillary Clinton", "Christine Todd Whitman")]),
        # the one told at length, then "that": the content starts after it
        ("In his email, Jane Roe told members of the city council that the plan had failed.",
         [("the plan had failed", "Jane Roe")]),
        ("Jane Roe told a town hall in Salem, New Hampshire on Monday that the plan had failed.",
         [("the plan had failed", "Jane Roe")]),
        # ...but a "that" inside the content is the content's own
        ("Jane Roe told reporters the video was not from an angle that would show the plan.",
         [("the video was not from an angle that would show the plan", "Jane Roe")]),
        ("Jane Roe told him she believes the city must push policies that help the plan.",
         [("she believes the city must push policies that help the plan", "Jane Roe")]),
        # a role and a place before the name after the cue
        ("The group is $9 million short of its goal, said former Pennsylvania governor Ed Rendell.",
         [("The group is $9 million short of its goal", "Ed Rendell")]),
        # an apposition between hyphens written as dashes
        ("Jane Roe - the mayor's sister and co-host of her show - told The Washington Post that the plan had failed.",
         [("the plan had failed", "Jane Roe")]),
        # "whereas" opens a clause and its subject
        ("There was no intent in the case, whereas Jane Roe acknowledged that she knew the plan had failed.",
         [("she knew the plan had failed", "Jane Roe")]),
        # a body of people named by a plural is no one spoken of before
        ("Jane Roe spoke in Ohio. Democrats in Iowa said they were unfazed by the flap.",
         [("they were unfazed by the flap", "Democrats in Iowa")]),
        # a participle after a quotation's attribution is its speaker's, not a subordinate clause's subject
        ('After the Senate victories of Jane Roe in Colorado and Joe Bloggs in Iowa, "there is a sense of urgency," '
         "Joe Doe said, noting that donors feel the plan had failed.", [("donors feel the plan had failed", "Joe Doe")]),
        # ...and the last of a preposition's objects is no speaker: the subject is the whole phrase
        ("Because exit polls in New Hampshire and Iowa indicated that the plan had failed, the mayor resigned.",
         [("the plan had failed", "exit polls in New Hampshire and Iowa")]),
        # a possessive, a plural and a place are a body of people, not the place
        ("Jane Clinton won.\n\nWhen her double-digit lead slipped last fall, Clinton's biggest boosters in New Hampshire "
         "insisted it was a temporary dip.", [("it was a temporary dip", "Clinton's biggest boosters in New Hampshire")]),
        # a day opening the sentence before a pronoun subject
        ("Jane Roe spoke in Ohio. On Tuesday night she said the plan had failed.",
         [("the plan had failed", "Jane Roe")]),
        # the main clause after a subordinate one has a subject of one word
        ("While Comey has said that he makes recommendations on cases, Lewandowski said he does not do them publicly.",
         [("he makes recommendations on cases", "Comey"), ("he does not do them publicly", "Lewandowski")]),
        # ... but a bare verb after "and" is the content's own, "that" or no "that"
        ("Some Republican leaders said the mogul still has time to step up and show that he is worthy.",
         [("the mogul still has time to step up and show that he is worthy", "Some Republican leaders")]),
    ],
)
def test_shapes(text, expected):
    assert reported(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe said on Tuesday.",  # a cue with no content
        "Jane Roe did not say that the plan had failed.",  # negation: left out
        "Jane Roe never said the plan had failed.",
        "Did Jane Roe say that the plan had failed?",  # a question: left out
        'Jane Roe said: "The plan has failed completely."',  # only a quotation: the quote's row alone
        "Lazar was charged in the United States in 2014.",  # a passive, no speaker
        "Jane Roe is not declaring that the plan has failed.",  # a negated progressive
        "Jane Roe said that to reporters in Ohio on Tuesday.",  # "that" a pronoun, no clause
        "Jane Roe tweeted using her account.",  # only an adverbial after the cue
        "The papers that officials say were fake have been released.",  # where the relative ends is not told
        "This week saw a referendum on the new region in the south.",  # a time speaks for no one
        "A few days ago in an interview with the network he blasted the American media for lying.",
        "The premier signed a decree banning the sale of tobacco in public places.",  # an act, no speech
        # a quotation after the cue, then a tail: the quotation's row alone
        'Jane Roe visited the plant and said, "They need to stand by us", while addressing the press.',
        "The plan was backed by Jane Roe and her allies.",
        "Jane Roe arrived in Paris on Tuesday for the talks.",  # no reporting verb
        "Amongst reported incidents of abuse, two cardinals were convicted of crimes.",  # a preposition is no one
        "He crossed the Channel on a flying device propelled by turbines, called Flyboard Air.",  # a name given
        "The Coast Guard called off its search late on Tuesday.",  # a phrasal verb reports nothing
        "Jane Roe showed up at the debate in a red coat.",
        "Prices for the new tickets vary according to the region.",  # a verb that takes "according to"
        "The company starts the new plant in May.",  # the -s form of an act (`started`), no verb of speech
        "Jane Roe remarked the plan had failed in May.",  # a verb measured too little takes "that" only
        "Jane Roe took the view that the plan had failed.",  # a verb whose rows measured wrong on PolNeAR train
        "Jane Roe made the comments on Friday during a visit to the plant.",  # no verb of speech, however measured
        "Everything Jane Roe says is a lie unless proven otherwise.",  # a content with no subject of its own
        'Jane Roe said on Twitter: "The plan has failed completely."',  # a colon introduces the quotation
        'In a statement on Tuesday, Jane Roe said, "The plan has failed completely."',  # a lead, then the quotation
        '"The plan has failed," Jane Roe said at a rally in Ohio on Tuesday.',  # the quotation's attribution
        # ...with its comma outside the marks, and a long tail
        '"We will fight this to the end", Jane Roe said in a video statement released during a visit to the plant in Ohio.',
        'Jane Roe told the public via Twitter, "The plan has failed and the talks are over."',  # a lead, then the quotation
        'Jane Roe wrote of the mayor, "I noticed then that he was an anomaly."',
        'Jane Roe wrote of the mayor, "I noticed then that he was an anomaly", in her book.',
        # a noun that is also a cue, then a relative clause: "which" opens no content
        "The authors of the report, which include two advocacy groups, combed through the filings of the companies.",
        "He said the plan had failed.",  # a pronoun with no one before it
        "Talks\n\nThey said the workers had not been paid.",
        "The new plant fizzled out within a year, the service he ran closed.",
        "Analysis: The Race Is Tightening In Ohio\n\nVoters went to the polls.",  # a lone word is nobody
        # a past verb and its object are a clause, no description, before a noun that is also a cue
        "The event included a large show floor with hundreds of retailers and artists.",
        # a past verb after a name, and its object, are a clause, no description
        "Indeed, members of the Islamic State used technology created by a company in Germany to claim credit for the attacks.",
        # a noun's -s is no verb for a second verb to share the subject of
        "The presidential candidates briefly put away their policy papers and disclosed personal notes with People Magazine.",
        # the last of a list, or of a preposition's objects, is no speaker
        "Most Republican voters in Alabama, Georgia and Virginia said they felt betrayed by their party.",
        # ...or to no content at all
        'Democrats had "put the biggest crack" in the glass ceiling, Jane Roe said in a video message to the convention.',
        # a relative pronoun and a time are no bare plural
        "The mayor met Jane Roe, now the city's treasurer, who in 2010 said the plan had failed.",
    ],
)
def test_no_row(text):
    assert reported(text) == []


def test_a_mention_that_speaks_a_quotation_is_that_speaker_in_its_reported_statement():
    # Two people share the surname. Attribution reads the last "Clinton" as the one quoted
    # before; the reported words of the same sentence must go to the same person, not to the
    # Clinton whose reported statement came last.
    text = ('"We will win," Hillary Clinton said on Monday. Bill Clinton said the plan had failed. '
            '"I have made it clear that he voted against the law" and against the Brady bill, Clinton said.')
    rows = statements_in(Article(id="a", text=text))
    last = [q for q in rows if q.mention is not None and q.mention.start == text.rindex("Clinton")]
    assert sorted(q.kind for q in last) == [INDIRECT, QUOTE]
    assert len({q.speaker for q in last}) == 1


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("When Jane Roe announced that the plan had failed, the mayor resigned.", "Jane Roe"),
        ("And although former governor Jane Roe said that the plan had failed, the mayor resigned.", "former governor Jane Roe"),
        ("There was no intent in the case, whereas Jane Roe acknowledged that she knew the plan had failed.", "Jane Roe"),
    ],
)
def test_a_subordinating_conjunction_is_no_word_of_the_mention(text, mention):
    [row] = [q for q in statements_in(Article(id="a", text=text)) if q.kind == INDIRECT]
    assert row.mention.text == text[row.mention.start : row.mention.end] == mention


def test_offsets_are_the_content():
    text = "Talks\n\nThe minister said on Monday that the talks would resume in May."
    [row] = [q for q in statements_in(Article(id="a", text=text)) if q.kind == INDIRECT]
    span = row.span
    assert (span.open_start, span.close_end) == (span.start, span.end)
    assert text[span.start : span.end] == span.text == "the talks would resume in May"
    assert text[row.mention.start : row.mention.end] == "The minister"
    assert text[row.cue.start : row.cue.end] == "said"


def test_the_direct_quote_keeps_its_row():
    text = 'Jane Roe said the plan was "a total failure" and would be dropped.'
    rows = statements_in(Article(id="a", text=text))
    assert [(q.kind, q.text) for q in rows] == [
        (QUOTE, "a total failure"),
        (INDIRECT, 'the plan was "a total failure" and would be dropped'),
    ]


def test_indirect_false_leaves_them_out_and_quotes_come_first():
    text = ('Jane Roe said the plan had failed. "We will go on," she said. '
            'The union said the workers had been paid.')
    article = Article(id="a", text=text)
    assert statements_in(article, indirect=False) == quotes_in(article)
    rows = statements_in(article)
    assert [q.kind for q in rows] == [QUOTE, INDIRECT, INDIRECT]
    assert rows[1:] == indirect_in(article, quotes_in(article))
    assert [q.speaker for q in rows[1:]] == ["Jane Roe", "The union"]


def test_according_to_which_is_a_relative_clause_not_a_source():
    rows = statements_in(Article(id="a", text="The two states signed a deal in May, according to which the border would move north."))
    assert all(q.cue is None or q.cue.text.lower() != "according to" for q in rows)


def test_said_lists_reported_speech_marked_as_reported(tmp_path):
    from quotes import track
    from quotes.store import Store
    from helpers import WordEncoder, run

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "talks.txt").write_text(
        'Talks stall\n\n"We will go on," said Jane Roe. Jane Roe said the plan had failed. '
        "The union said the workers had been paid.\n", encoding="utf-8")
    db = tmp_path / "quotes.db"
    with Store(db) as store:
        track.add([folder], store, encoder=WordEncoder(), indirect=True)
    rows = [json.loads(line) for line in run("said", "Roe", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert [(row["kind"], row["quote"], row["speaker"]) for row in rows] == [
        ("quote", "We will go on,", "Jane Roe"),
        ("reported", "the plan had failed", "Jane Roe"),
    ]
    assert rows[1]["claim"] is None  # reported speech joins no claim of verbatim quotes
    with Store(db) as store:
        assert [o.text for o in store.occurrences()] == ["We will go on,"]


def test_adding_again_with_indirect_stores_the_reported_speech_it_lacked(tmp_path):
    from quotes import track
    from quotes.store import Store
    from helpers import WordEncoder

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "talks.txt").write_text('Talks stall\n\n"We will go on," said Jane Roe. Jane Roe said the plan had failed.\n',
                                      encoding="utf-8")
    with Store(tmp_path / "quotes.db") as store:
        first = track.add([folder], store, encoder=WordEncoder())
        quote_ids = store.quote_ids()
        again = track.add([folder], store, encoder=WordEncoder(), indirect=True)
        assert (first.reported, again.unchanged, again.reported) == (0, 1, 1)
        assert "1 reported statement" in again.line()
        assert [(o.text, o.speaker) for o in store.occurrences(reported=True)] == [
            ("We will go on,", "Jane Roe"), ("the plan had failed", "Jane Roe")]
        assert store.quote_ids() == quote_ids  # the quotation keeps its row (and its claim)
        third = track.add([folder], store, encoder=WordEncoder(), indirect=True)
        assert third.reported == 0 and len(store.reported_ids()) == 1  # stored once


def test_add_stores_no_reported_speech_unless_asked(tmp_path):
    from quotes import track
    from quotes.store import Store
    from helpers import WordEncoder

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "talks.txt").write_text("Talks stall\n\nJane Roe said the plan had failed.\n", encoding="utf-8")
    with Store(tmp_path / "quotes.db") as store:
        track.add([folder], store, encoder=WordEncoder())
        assert store.reported_ids() == frozenset() and store.occurrences(reported=True) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the direct pass's speakers are taken back: "Cruz" is the Cruz spoken of so far, not
        # the one a later quotation credits
        ('Ted Cruz met Heidi Cruz in Texas on Monday.\n\nCruz said he could not back the plan this year.\n\n'
         '"We will win," Heidi Cruz said.', [("he could not back the plan this year", "Ted Cruz")]),
        # a quotation over two paragraphs does not carry the content across its break
        ('Jane Roe said the site was not "ready for the crowds.\n\n"It has now gone elsewhere."\n\n'
         "The new sale opens on Friday.", [('the site was not "ready for the crowds', "Jane Roe")]),
    ],
)
def test_reading_the_direct_pass_state_changes_no_row(text, expected):
    """``statements_in`` hands the reported pass the direct pass's masked text, layout and
    speakers; the rows are those it finds on its own."""
    article = Article(id="a", text=text)
    assert reported(text) == expected
    assert [(q.text, q.speaker) for q in indirect_in(article, quotes_in(article))] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The plan had failed, Jane Roe, the mayor, said.",
        "The plan had failed, said John Smith, an adviser.",
        "The plan, officials warned, had failed, according to the report.",
        "The deal was done, the minister added, and the talks ended.",
        "The deal was done _____ the union said, and the talks ended.",
        "The plan had failed, Jane Roe said, and Smith, who led it, resigned.",
    ],
)
def test_closing_attributions_are_those_of_the_whole_scan(sentence):
    """The comma-by-comma reading of the closing shape finds what a scan of every offset finds."""
    from quotes.layout import SENTENCE_ATTRIBUTION
    from quotes.reported_closing import _attributions

    every = [m.span() for m in SENTENCE_ATTRIBUTION.finditer(sentence, 0, len(sentence))]
    assert [m.span() for m in _attributions(sentence, 0, len(sentence))] == every
    assert every  # each sentence has one to find
    assert list(_attributions("The plan had failed, and the city, which paid for it, was angry.", 0, 64)) == []


@pytest.mark.parametrize(
    ("stretch", "blocked_at"),
    [
        ("Jane Roe, the mayor, ", -1),  # nothing a subject cannot run over
        ('the "_____" Jane Roe ', 9),  # a quotation's blank: a subject starts after it
        ("the deal; Jane Roe ", 8),
        ("Rep. Jane Roe (D-N.Y.; at large) ", -1),  # inside a party tag a semicolon may stand
        ("the deal\nJane Roe ", 8),
    ],
)
def test_a_subject_is_tried_only_after_what_it_cannot_run_over(stretch, blocked_at):
    from quotes.reported_subjects import last_blocking

    assert last_blocking(stretch, 0, len(stretch), "\n") == blocked_at


# Texts whose words stand after what may or may not open a word: a letter outside ASCII, an
# apostrophe, a hyphen, a digit, a quotation's blank, the text's start and a line break.
WORD_EDGES = (
    "said the minister, who déclared nothing; l’said and re-said it, 2said, "
    '"_____," said Jane Roe.\nsaid again, she told them (says he) "warned" — added\n'
    "ésaid Josésays Çsaid ¿said ²said"
)


def test_the_cue_words_are_those_a_reading_of_every_word_finds():
    """``find_cues`` reads only the cue words, with one trie: the same words, at the same
    offsets, as reading every lower-case word (``LOWER_WORD``) and keeping the cue words."""
    from quotes.reported_cues import LOWER_WORD, _cue_words, _cue_words_in

    for text in (WORD_EDGES, WORD_EDGES[5:], "said it", "Asked, he said no"):
        every = [(m.group(), m.start(), m.end()) for m in LOWER_WORD.finditer(text) if m.group() in _cue_words()]
        assert _cue_words_in(text) == every
        assert every  # each text has some to find
    assert [w for w, _, _ in _cue_words_in("l’said re-said 2said ésaid")] == []


def test_a_closer_after_a_comma_is_what_the_pattern_finds():
    """``_after_comma`` reads `, said` by slicing as ``CLOSER_AFTER_COMMA`` does, line break included."""
    from quotes.reported_cues import CLOSER_AFTER_COMMA, _after_comma

    for text in (WORD_EDGES, ", \nsaid", ",said", "_  said", ",       said", "x ,\n said"):
        for at in range(len(text) + 1):
            assert _after_comma(text, at) == bool(CLOSER_AFTER_COMMA.search(text, max(0, at - 6), at)), (text, at)


@pytest.mark.parametrize(
    "window",
    [
        "The plan had failed, Jane Roe said.",
        "The plan had failed, Jane Roe said  ,  and Smith resigned.",
        "It rained, the mayor noted; then the agency reported",
        "It rained, the mayor said\n",
        "They left, the aide added 2said, and SAID. Then it ended",
        "the deal, Roe told it²said, then added.",
    ],
)
def test_the_last_clause_word_is_that_of_a_scan_of_every_word(window):
    """``_last_clause_word`` reads back from the stops what a scan of every word after a space
    and before a stop finds last: the start of the last cue or -ed word closing a clause."""
    import re

    from quotes.reported_closing import _cue_words, _last_clause_word

    every_word = re.compile(r"(?<=[ ])[^\W\d_]+(?=[ ]*(?:[,.!?;]|$))")
    last_words = _cue_words()[1]
    found = 0
    for start in range(len(window)):
        for end in (len(window), len(window) - 1, len(window) // 2):
            expected = -1
            for m in every_word.finditer(window, start, end):
                if m.group().islower() and (m.group() in last_words or len(m.group()) >= 4 and m.group().endswith("ed")):
                    expected = m.start()
            assert _last_clause_word(window, start, end, last_words) == expected, (window, start, end)
            found += expected >= 0
    assert found  # each window has one to find


@pytest.mark.parametrize(
    "before",
    ["Jane Roe, the mayor, ", "left ballots in a town in so ", "they met, and ", "the aide said ", '"the Union," ',
     "In Ohio ", "Meanwhile ", "x,\n", "the deal (", "and he ", ""],
)
def test_what_opens_a_clause_is_read_from_the_end_as_from_the_start(before):
    """``opens_clause`` reads its patterns back from the subject's start: they find a match
    there exactly when a reading from the window's start finds one, the same closing mark."""
    import regex

    from quotes.reported_cues import CLAUSE_BEFORE
    from quotes.reported_subjects import AFTER_CLOSING_MARK, CLAUSE_BEFORE_AT_END

    assert (CLAUSE_BEFORE_AT_END.search(before) is None) == (CLAUSE_BEFORE.search(before) is None)
    forward = regex.compile(AFTER_CLOSING_MARK.pattern.removeprefix("(?r)")).search(before)
    backward = AFTER_CLOSING_MARK.search(before)
    assert (forward and forward.span("mark")) == (backward and backward.span("mark"))


@pytest.mark.parametrize(
    ("text", "subject", "opens"),
    [("Fiorina was a planner - a former aide said so.", "a former", True),
     ("It drew Trump's ire - he called her weak.", "he called", True),
     ("Inside the mosque - which looks like a church - Adel Nefzi said so.", "Adel Nefzi", True),
     ("The director of the Council on American - Islamic Relations Alia Salem said so.", "Islamic", False)],
)
def test_a_hyphen_as_a_dash_opens_a_clause_but_not_inside_a_name(text, subject, opens):
    from quotes.reported_subjects import opens_clause

    assert opens_clause(text, 0, text.index(subject), frozenset()) is opens


@pytest.mark.parametrize(
    ("mention", "speaks"),
    [("That's a small fraction of the minimum", False), ("most recently", False), ("A few days ago", False),
     ("Megyn Kelly", True), ("the family", True), ("Sen. Jo Reilly", True), ("the agency", True)],
)
def test_what_is_no_subject(mention, speaks):
    from quotes.reported_cues import NOT_SUBJECT

    assert (NOT_SUBJECT.fullmatch(mention) is None) is speaks
