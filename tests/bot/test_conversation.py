"""Resolving a question against the conversation: the pure logic."""

from __future__ import annotations

from bot.conversation import State, resolve
from bot.question import parse


def test_a_year_counted_from_the_last_turn_resolves_without_a_follow_up_word():
    state = State(query=parse("What was the denial rate in fiscal 2018?", {}))
    query, followup = resolve(parse("Was the denial rate higher or lower the following year?", {}), state)
    assert followup
    assert [p.label() for p in query.periods] == ["fiscal year 2019"]


def test_a_question_with_its_own_year_is_not_resolved_against_the_last():
    state = State(query=parse("What was the denial rate in fiscal 2018?", {}))
    query, _ = resolve(parse("What was the denial rate for Peruvians in fiscal 2012?", {}), state)
    assert [p.label() for p in query.periods] == ["fiscal year 2012"]
