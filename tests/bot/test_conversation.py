"""Resolving a question against the conversation: the pure logic, and follow-ups answered by a real
index over an invented article."""

from __future__ import annotations


import pytest

from bot.conversation import State, resolve
from bot.question import parse
from documents import bot_beside_sources



def test_a_year_counted_from_the_last_turn_resolves_without_a_follow_up_word():
    state = State(query=parse("What was the denial rate in fiscal 2018?", {}))
    query, followup = resolve(parse("Was the denial rate higher or lower the following year?", {}), state)
    assert followup
    assert [p.label() for p in query.periods] == ["fiscal year 2019"]


def test_a_question_with_its_own_year_is_not_resolved_against_the_last():
    state = State(query=parse("What was the denial rate in fiscal 2018?", {}))
    query, _ = resolve(parse("What was the denial rate for Peruvians in fiscal 2012?", {}), state)
    assert [p.label() for p in query.periods] == ["fiscal year 2012"]


def test_and_for_a_name_asks_the_last_question_again_for_that_name():
    state = State(query=parse("What was the overstay rate for Peruvians who came by ferry in fiscal 2021?", {}),
                  kind="fact", unit="percent")
    query, followup = resolve(parse("And for Kenyans?", {}), state)
    assert followup
    assert query.topic_text == "What was the overstay rate for Kenyans who came by ferry in fiscal 2021?"
    assert query.unit == "percent" and query.kind == "numeric"
    assert [p.label() for p in query.periods] == ["fiscal year 2021"]


def test_a_follow_up_that_says_more_than_a_name_is_not_the_last_question_for_it():
    state = State(query=parse("What was the overstay rate for Peruvians who came by ferry in fiscal 2021?", {}))
    query, _ = resolve(parse("And for Kenyan students?", {}), state)
    assert "Peruvians" not in (query.topic_text or "") and "Kenyan" not in (query.topic_text or "")


def test_a_part_of_the_last_figure_is_asked_for_in_its_unit():
    state = State(query=parse("How many miles of the Lamu coast had a seawall in 2021?", {}), kind="fact", unit="count")
    query, _ = resolve(parse("How much of that was concrete wall?", {}), state)
    assert query.unit == "count"


COAST = """---
title: "Lamu coast report: seawalls and visitor overstays"
publisher: Test Gazette
published: 2024-03-14
---

When the new governor took office in March 2021, 500 miles of the 2,000-mile Lamu coast already had some kind of seawall: 410 miles of concrete wall and 90 miles of rock barriers.

In fiscal 2021, among Peruvians who arrived by ferry, 1.20 percent of 8,000 expected departures were suspected overstays; for Kenyans the rate was 2.50 percent of 3,000.

For fiscal 2022 the governor asked the assembly to fund 6,000 shelter beds in Lamu. The final budget funds 4,500 shelter beds, fewer than the governor wanted.
"""


@pytest.fixture(scope="module")
def coast(tmp_path_factory):
    return bot_beside_sources(tmp_path_factory, "coast", {"lamu-coast.md": COAST})


@pytest.mark.slow
def test_how_much_of_that_is_a_part_of_the_last_figure(coast):
    chat = coast.chat()
    assert chat.ask("How many miles of the Lamu coast already had a seawall when the governor took office?").value == 500
    answer = chat.ask("How much of that was concrete wall?")
    assert answer.value == 410 and answer.citations


@pytest.mark.slow
def test_and_for_a_name_answers_with_that_names_figure_not_the_last_one(coast):
    chat = coast.chat()
    assert chat.ask("What was the suspected overstay rate for Peruvians who arrived by ferry in fiscal 2021?").value == 1.2
    answer = chat.ask("And for Kenyans?")
    assert answer.value == 2.5
    assert answer.resolved_question == "What was the suspected overstay rate for Kenyans who arrived by ferry in fiscal year 2021?"


@pytest.mark.slow
def test_and_for_a_name_after_their_rate_swaps_the_people_the_rate_was_about(coast):
    chat = coast.chat()
    chat.ask("How many Peruvians who arrived by ferry were expected to leave in fiscal 2021?")
    assert chat.ask("What was their suspected overstay rate?").value == 1.2
    assert chat.ask("And for Kenyans?").value == 2.5


@pytest.mark.slow
def test_instead_asks_the_last_measure_as_someone_else_set_it_and_the_gap_uses_both(coast):
    chat = coast.chat()
    assert chat.ask("How many shelter beds did the Lamu governor ask the assembly to fund for fiscal 2022?").value == 6000
    assert chat.ask("What did the final budget fund instead?").value == 4500
    gap = chat.ask("What's the gap between the two?")
    assert gap.value == 1500 and gap.kind == "derived"


def test_a_quarter_named_without_its_year_takes_the_conversations_year():
    state = State(query=parse("How many apprehensions in Q2 of FY2024?", {}))
    query, followup = resolve(parse("and in Q3?", {}), state)
    assert followup and [p.label() for p in query.periods] == ["April 2024 to June 2024"]


def test_a_question_about_now_does_not_take_the_last_turns_year():
    state = State(query=parse("How many naturalization applications did USCIS complete in fiscal 2023?", {}))
    query, _ = resolve(parse("how many immigration judges does EOIR employ now", {}), state)
    assert query.periods == []
