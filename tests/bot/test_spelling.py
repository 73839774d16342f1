"""Misspelt question words: the pure logic with a small dictionary, then the real bot."""

from __future__ import annotations

import pytest

from bot.spelling import known_form, respelled

ARTICLE_WORDS = ["refugee", "ceiling", "registration", "sector", "sealing", "border"]
STEMS = {"refuge", "ceil", "registr", "sector", "seal", "border"}
DICTIONARY = {"refugee", "ceiling", "registration", "sector", "border", "what", "was"}


@pytest.mark.parametrize("question, read_as", [
    ("What was the refugee ceilng?", "What was the refugee ceiling?"),
    ("How many registartions were picked?", "How many registrations were picked?"),
    ("encounters in the alamar sectr", "encounters in the alamar sector"),
    # two article words one slip away: no guess
    ("the cealing", "the cealing"),
    # a word the dictionary knows is no slip, though the articles never use it ("sector" is one away)
    ("the vector", "the vector"),
    # short words have too many neighbours
    ("the sael", "the sael"),
])
def test_a_word_nobody_knows_reads_as_the_one_article_word_a_slip_away(question, read_as):
    assert respelled(question, STEMS.__contains__, DICTIONARY | {"vector"}, lambda: ARTICLE_WORDS) == read_as


def test_a_dictionary_word_with_an_ending_is_known():
    assert known_form("registrations", {"registration"}) and not known_form("registartions", {"registration"})


def test_the_bot_answers_a_misspelt_question_and_shows_what_it_read(bot):
    answer = bot.chat().ask("How many deportatoins did DHS carry out in fiscal 2014?")
    assert "deportations" in answer.resolved_question
    assert answer.resolved_question != answer.question
