"""bot.moves: the two levels of a move a sentence states."""

from __future__ import annotations

import pytest

from bot.moves import bracketed_of, end_asked, from_to, level_before, reached_after
from index.facts import Fact
from index.periods import Period


def figures(sentence: str, *written: str, unit: str = "count") -> list[Fact]:
    out = []
    for number in written:
        at = sentence.index(number)
        out.append(Fact(id=f"story:{at}", source_id="story", value=1.0, as_written=number, unit=unit,
                        thing="unspecified", thing_text="", qualifier="exact", period=Period(), actor=None,
                        keywords=[], start=at, end=at + len(number), sentence_start=0, sentence_end=len(sentence),
                        quote=sentence))
    return out


@pytest.mark.parametrize("sentence, written, expected", [
    ("The office proposed raising the fee from $640 to $1,170.", ("$640", "$1,170"), ("$640", "$1,170")),
    ("Arrests fell to 1,200 in 2019 from 3,400 in 2018.", ("1,200", "3,400"), ("3,400", "1,200")),
    ("Arrests rose to 1,200, up from 900 a year earlier.", ("1,200", "900"), ("900", "1,200")),
    ("Arrests went from about 900 in May to nearly 1,200 in June.", ("about 900", "nearly 1,200"),
     ("about 900", "nearly 1,200")),
])
def test_both_ends_of_a_move_find_the_pair(sentence, written, expected):
    facts = figures(sentence, *written)
    for fact in facts:
        assert tuple(f.as_written for f in from_to(fact, facts)) == expected


@pytest.mark.parametrize("sentence, written", [
    ("Agents caught 9,100 people, up from 7,000.", ("9,100", "7,000")),  # "up from" alone: the level moved to is not "to"
    ("The office removed 1,200 people and returned 900 to their countries.", ("1,200", "900")),
    ("Of the 4,800 removals, 3,100 went to Peru.", ("4,800", "3,100")),
])
def test_figures_that_are_not_two_ends_of_one_move(sentence, written):
    facts = figures(sentence, *written)
    assert all(from_to(f, facts) is None for f in facts)


def test_figures_of_other_units_are_not_a_pair():
    sentence = "The fee went from $640 to 1,170 applicants."
    fee = figures(sentence, "$640", unit="money")
    count = figures(sentence, "1,170")
    assert from_to(fee[0], fee + count) is None


@pytest.mark.parametrize("sentence, written, expected", [
    ("Agents apprehended 473,682 people in families, 366,470 more than in fiscal 2018, an increase of 342 percent.",
     ("473,682", "366,470"), ("473,682", 1, "fiscal year 2018")),
    ("The office removed 4,800 people, 700 fewer than in 2021.", ("4,800", "700"), ("4,800", -1, "2021")),
    ("The office removed 4,800 people, down 700 from 2021.", ("4,800", "700"), ("4,800", -1, "2021")),
])
def test_a_change_against_an_earlier_period_finds_its_level(sentence, written, expected):
    level, change = figures(sentence, *written)
    found, sign, period = level_before(change, [level, change])
    assert (found.as_written, sign, period.label()) == expected


def test_a_change_with_no_earlier_period_or_level_is_not_read():
    sentence = "The office removed 4,800 people, 700 more than the year's target."
    level, change = figures(sentence, "4,800", "700")
    assert level_before(change, [level, change]) is None
    alone = figures("That was 700 more than in 2021.", "700")
    assert level_before(alone[0], alone) is None


@pytest.mark.parametrize("sentence, written, expected", [
    ("Revenue from the unit rose 14 percent to $1.2bn in 2022.", ("14 percent", "$1.2bn"), "Revenue from the unit"),
    ("Arrests in the county fell by 300 to 4,100.", ("300", "4,100"), "Arrests in the county"),
    ("The office removed 1,200 people and returned 900 to Peru.", ("1,200", "900"), None),
    ("The fee went up to $75 from $48.", ("$75", "$48"), None),
])
def test_a_level_reached_after_a_change_takes_its_subject(sentence, written, expected):
    *earlier, level = figures(sentence, *written)
    assert reached_after(level, earlier) == expected


@pytest.mark.parametrize("sentence, written, unit, host", [
    ("Profit was $96m in the year to March (2021: $88m).", ("$96m", "$88m"), "money", "$96m"),
    ("Costs were $5m (2020/21: $8m), and staff 400.", ("$5m", "$8m"), "money", "$5m"),
    ("Profit was $96m, with 400 staff (2021: 380).", ("$96m", "400", "380"), "count", "400"),
    ("Profit was $96m and revenue $1bn in 2021.", ("$96m", "$1bn"), "money", None),
])
def test_a_bracketed_earlier_figure_stands_beside_the_one_before_it(sentence, written, unit, host):
    facts = figures(sentence, *written, unit=unit)
    found = bracketed_of(facts[-1], facts[:-1])
    assert (found.as_written if found else None) == host


@pytest.mark.parametrize("question, end", [
    ("What did the fee go up to in June 2023?", "to"),
    ("What did the fee rise to?", "to"),
    ("What was the fee before June 2023?", "from"),
    ("What was the fee?", None),
])
def test_a_question_asks_for_one_end_of_a_move(question, end):
    assert end_asked(question, ("from", "to")) == end
