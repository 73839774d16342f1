"""The verifier rejects answers whose numbers or quotes don't match the articles."""

import pytest

from bot.verify import figures, problems

pytestmark = pytest.mark.slow


def test_figures():
    assert figures("577,295 and 28.2% [1] in 2014.") == ["577295", "28.2", "1", "2014"]


def _stated(bot, answer):
    """The fact a lookup answer states, found by its value and citation."""
    c = answer.citations[0]
    return [f for f in bot.facts if f.value == answer.value and f.source_id == c.source_id and f.sentence_start == c.start]


def test_a_real_answer_passes(bot):
    answer = bot.ask("How many deportations did DHS carry out in 2014?")
    assert problems(answer, bot.articles, ["2014"], _stated(bot, answer)) == []


def test_a_fact_answer_needs_its_fact(bot):
    answer = bot.ask("How many deportations did DHS carry out in 2014?")
    assert problems(answer, bot.articles, ["2014"]) == ["value 577295.0 is not a cited or shown number"]


def test_a_changed_number_is_caught(bot):
    answer = bot.ask("How many deportations did DHS carry out in 2014?")
    tampered = answer.model_copy(update={"text": answer.text.replace("**577,295**", "**587,295**")})
    assert problems(tampered, bot.articles, ["2014"], _stated(bot, answer)) == [
        "number 587295 is neither in a cited quote nor a shown result"
    ]


def test_shifted_offsets_are_caught(bot):
    answer = bot.ask("How many deportations did DHS carry out in 2014?")
    c = answer.citations[0]
    shifted = c.model_copy(update={"start": c.start + 1, "end": c.end + 1})
    tampered = answer.model_copy(update={"citations": [shifted]})
    found = problems(tampered, bot.articles, ["2014"])
    assert any("quote differs" in p for p in found)


def test_an_abstention_with_a_number_is_caught(bot):
    answer = bot.ask("How many deportations did DHS carry out in 2009?")
    tampered = answer.model_copy(update={"text": answer.text + " Maybe 1,000,000."})
    assert problems(tampered, bot.articles) == ["an abstention states numbers: 1000000"]
