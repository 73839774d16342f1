"""Questions that ask for words (who, when, why, where) are answered by quoting a sentence that holds
what they ask for and doesn't only repeat the question: pure logic on invented sentences, then a
short article read beside the project's articles with the real model and index."""

from __future__ import annotations


import pytest

from bot.passages import (answer_type, asked_noun, asked_periods, coverage, fits, new_cause, new_dates, new_names,
                          noun_type, period_agrees, unquoted, without_dateline)
from index.periods import find_periods
from documents import bot_beside_sources



# --- the answer type --------------------------------------------------------------------------------

@pytest.mark.parametrize("question, kind", [
    ("Who ended the Peru program?", "who"),
    ("Whose report counted the Lamu ferries?", "who"),
    ("When did Peru open the office?", "when"),
    ("Why did Lamu crossings fall?", "why"),
    ("Where did the Kenya board meet?", "where"),
    ("Until when does the Kenya contract run?", "when"),
    ("Since when has Peru counted crossings?", "when"),
    ("On what date did the Lamu harbour close?", "when"),
    ("In what year did the Peru office open?", "when"),
    ("Which group said the Peru count rose?", "who"),
    ("Which officials presented the Lamu figures?", "who"),
    ("For what reason did the Kenya board raise the fee?", "why"),
    ("What was the reason for the Lamu closure?", "why"),
    ("What was the Peru total in 2019?", None),
    ("What is the Lamu ferry programme?", None),
    ("How many ferries crossed to Lamu?", None),
])
def test_the_answer_type_comes_from_the_question_word_or_the_asked_noun(question, kind):
    assert answer_type(question) == kind


def test_the_asked_noun_is_the_head_of_the_phrase_after_which_or_what():
    assert asked_noun("Which executive order preceded the Peru vote?") == "order"
    assert asked_noun("Which official presented the Lamu figures?") == "official"
    assert asked_noun("What was the average daily ferry count in Lamu?") == "count"
    assert asked_noun("What did the Peru office say?") is None


def test_a_noun_not_listed_is_typed_by_the_closest_prototypes_only_when_clearly_closest():
    def similar(word, prototypes):
        near = {"spokeswoman": "spokesperson", "tollbooth": "place"}.get(word)
        return [0.8 if p == near else 0.2 for p in prototypes]

    assert noun_type("spokeswoman") is None  # not listed, and no meaning to go by
    assert noun_type("spokeswoman", similar) == "who"
    assert noun_type("tollbooth", similar) == "where"
    assert noun_type("ledger", similar) is None
    # a noun closest to a figure's nouns asks for a number, not words
    assert noun_type("tally", lambda word, ps: [0.8 if p == "count" else 0.2 for p in ps]) is None


# --- what a sentence must hold ------------------------------------------------------------------------

def test_a_dateline_is_not_a_name_nor_a_date_the_sentence_states():
    text = "LAMU, Kenya (Oct. 2, 2019) - Ferries crossed the channel."
    assert without_dateline(text) == "Ferries crossed the channel."
    assert new_names(text, "Who counted the ferries?") == []
    assert new_dates(text, "When did the ferries cross?") == []


def test_a_name_must_be_one_the_question_does_not_already_say():
    text = "Harbour Commissioner Amina Otieno presented the figures in Lamu Town."
    assert new_names(text, "Which official presented the figures in Lamu Town?") == [
        "Harbour Commissioner Amina Otieno"]
    assert new_names("The Lamu Port Authority counted them.", "Who counted them?",
                     known=("Lamu Port Authority",)) == []


def test_a_name_inside_a_quotation_is_not_who_spoke():
    text = 'The fact that 300 crews sat idle should end the Lamu Jetty Programme."'
    assert unquoted(text) == ""
    assert new_names(text, "Which group said 300 crews sat idle?") == []
    assert new_names('"Crews sat idle," said Amina Otieno.', "Who said crews sat idle?") == ["Amina Otieno"]


def test_a_when_answer_states_a_date_the_question_does_not():
    question = "When did the Lamu authority release its fiscal 2023 report?"
    assert new_dates("The Lamu authority's fiscal 2023 report counted 48,120 passengers.", question) == []
    assert new_dates("The fiscal 2023 report was released Aug. 14.", question) == ["Aug. 14"]
    assert new_dates("The previous report, for fiscal 2022, counted fewer.", question) == ["fiscal 2022"]


def test_a_cause_must_say_something_the_question_does_not():
    question = "Why did Lamu crossings fall after March 2023?"
    assert new_cause("Crossings fell after March 2023.", question) is None
    assert new_cause("Crossings fell after the county closed the northern jetty.", question) == \
        "after the county closed the northern jetty"
    assert new_cause("It was the highest count since 2007.", "Why did the count rise?") is None
    assert new_cause("After the vote, crossings fell.", "Why did crossings fall?") is None


def test_the_cause_of_a_move_is_stated_with_a_move_the_same_way():
    question = "Why did Lamu crossings fall?"
    assert not fits("why", "Crossings peaked in March, when the ferries carried 6,210 people.", question)
    assert not fits("why", "Crossings rose because the county opened a jetty.", question)
    assert fits("why", "Crossings declined because the county closed a jetty.", question)
    assert fits("why", "The county closed a jetty because of storms.", "Why did the county close a jetty?")


def test_who_when_and_where_need_their_kind_of_answer():
    assert fits("who", "The count was given by Amina Otieno.", "Who gave the count?")
    assert not fits("who", "The count was given on Tuesday.", "Who gave the count?")
    assert fits("when", "The count was given on Tuesday.", "When was the count given?")
    assert not fits("when", "The count was given by Amina Otieno.", "When was the count given?")
    assert fits(None, "Anything at all.", "What is the Lamu programme?")


# --- periods ------------------------------------------------------------------------------------------

def _periods(text):
    return [m.period for m in find_periods(text)]


def test_a_period_the_question_names_may_be_stated_by_the_paragraph_or_the_article():
    asked = asked_periods("Which official presented the fiscal 2023 figures?")
    assert period_agrees(asked, [[], [], _periods("Ferries carried 48,120 people in fiscal 2023.")])
    assert not period_agrees(asked, [_periods("in fiscal 2022"), [], _periods("in 2021")])


def test_a_period_that_only_bounds_a_time_agrees_with_any_period_of_its_year():
    asked = asked_periods("Why did crossings fall after March 2023?")
    assert [bound for _, bound in asked] == [True]
    assert period_agrees(asked, [_periods("in June 2023")])
    assert not period_agrees(asked, [_periods("in June 2022")])


def test_a_rare_word_of_the_question_counts_more_than_a_common_one():
    weights = {"present": 6.0, "border": 2.0}
    assert coverage(weights, {"present": 1.0}) > coverage(weights, {"border": 1.0})
    assert coverage(weights, {}) == 0.0


# --- end to end ---------------------------------------------------------------------------------------

ARTICLE = """---
title: "Lamu ferries carry a record number of passengers in fiscal 2023, port authority says"
publisher: Test Gazette
published: 2023-11-02
---

LAMU, Kenya (Nov. 2, 2023) - Ferries carried 48,120 passengers across the Lamu channel in fiscal 2023, the highest count on record, the Lamu Port Authority said Thursday.

Harbour Commissioner Amina Otieno presented the year-end ferry figures at a briefing in Shela village. She said the new timetable had worked.

Ferry crossings peaked in March, when the boats carried 6,210 passengers. The numbers declined through the rainy season after the county closed the northern jetty for repairs, and in June the monthly count fell to 2,040.

The Lamu Boatmen's Union released a statement saying: "Crews want to work. The fact that 312 crews sat idle this year should end the Jetty Works Programme."

The authority published its annual ferry report on Aug. 14, 2023.
"""


@pytest.fixture(scope="module")
def lamu(tmp_path_factory):
    return bot_beside_sources(tmp_path_factory, "lamu", {"lamu-ferries.md": ARTICLE})


def _quote(answer) -> str:
    assert answer.kind == "passage", answer.text
    return answer.citations[0].quote


@pytest.mark.slow
@pytest.mark.parametrize("question, holds", [
    # an official named beside the article's period answers "which official"
    ("Which official presented the fiscal 2023 ferry figures in Shela?", "Amina Otieno"),
    # the group is named in the sentence before the one that matches
    ("Which group said 312 crews sat idle?", "Lamu Boatmen's Union"),
    # the cause is in the sentence after the one that matches
    ("Why did Lamu ferry crossings fall after March 2023?", "closed the northern jetty"),
    # a "when" question is answered by a date it does not state
    ("When did the Lamu Port Authority publish its fiscal 2023 ferry report?", "Aug. 14, 2023"),
])
def test_a_text_question_quotes_the_sentence_that_holds_what_it_asks_for(lamu, question, holds):
    assert holds in _quote(lamu.ask(question))


@pytest.mark.slow
def test_a_noun_typed_by_meaning_asks_who(lamu):
    assert answer_type("Which spokeswoman gave the Lamu figures?") is None
    assert answer_type("Which spokeswoman gave the Lamu figures?", lamu.lexicon.cosines) == "who"


@pytest.mark.slow
def test_nothing_that_fits_is_an_abstention(lamu):
    answer = lamu.ask("Why did Lamu ferry crossings rise after March 2023?")
    assert answer.abstained and answer.reason == "out_of_scope"


def test_a_who_question_s_verb_is_the_role_its_answer_names():
    from bot.passages import who_role
    assert who_role("Who chaired the Peru committee hearing?") == "chaired"
    assert who_role("Who is the Peru port director?") is None


def test_what_brought_something_down_asks_for_a_cause():
    from bot.passages import answer_type
    assert answer_type("What did the embassy say brought interview waits down?") == "why"
    assert answer_type("What did the embassy say about waits?") != "why"


def test_a_cause_said_as_one_comes_before_a_time_that_may_be_one():
    from bot.passages import _plain_cause
    question = "What brought the Peru waits down?"
    assert _plain_cause("The embassy says the improvement came after it added Saturday sessions.", question)
    assert not _plain_cause("The embassy issued 9,840 visas, more than a year earlier, when it issued 8,630.", question)


def test_a_month_named_alone_is_dated_by_its_article():
    from bot.passages import dated
    assert [p.label() for p in dated("Encounters fell sharply in January after inspections rose.", "2024-04-16")] == \
        ["January 2024"]
