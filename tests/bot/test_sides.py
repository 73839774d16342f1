"""Splitting two-figure questions is pure text work: no model needed."""

import pytest

from bot.sides import coordinated, split, stated_values


@pytest.mark.parametrize(
    "question, kind, phrases",
    [
        ("What share of DHS's 2014 deportations were returns?", "share", ("returns?", "DHS's 2014 deportations")),
        ("What share is the interior figure of all removals?", "share", ("the interior figure", "removals?")),
        ("How many more removals than returns were there?", "difference",
         ("How many more removals", "returns were there?")),
        ("How many times more drug convictions than homicide convictions?", "ratio",
         ("How many times more drug convictions", "homicide convictions?")),
        ("what share is that?", "share", None),
        ("what share of those were returns?", "share", None),
        ("What were combined removals and returns?", "sum", None),
    ],
)
def test_split(question, kind, phrases):
    assert split(question, kind) == phrases


@pytest.mark.parametrize(
    "phrase, values",
    [
        ("the 1,234 removals in 2015", [1234.0]),
        ("nearly 2.5 million people", [2500000.0]),
        ("removals in fiscal 2015", []),
    ],
)
def test_stated_values_are_figures_not_years(phrase, values):
    assert stated_values(phrase) == values


@pytest.mark.parametrize("question, first_reading", [
    # two nouns: each stands alone
    ("What do the agency's 2014 removals and returns add up to?",
     ("What do the agency's 2014 removals add up to?", "What do the agency's 2014 returns add up to?")),
    # two modifiers of one noun: the noun is shared
    ("Combined, how many had drug or DUI convictions?",
     ("Combined, how many had drug convictions?", "Combined, how many had DUI convictions?")),
])
def test_coordinated_first_reading(question, first_reading):
    assert coordinated(question)[0] == first_reading


def test_coordinated_noun_phrases_are_among_the_readings():
    readings = coordinated("Add together border removals and interior removals for 2014.")
    assert ("Add together border removals for 2014.", "Add together interior removals for 2014.") in readings


def test_coordination_does_not_run_across_a_calculation_word_or_a_period():
    assert coordinated("How many removals in 2013 and 2014?") == []
    readings = coordinated("By what percent did refugee and asylee adjustments fall?")
    assert all("fall" in a and "fall" in b for a, b in readings)


def test_a_side_that_points_back_takes_the_other_side_s_noun():
    from bot.sides import with_antecedent

    assert with_antecedent("those lodged after traffic stops", "detainer requests lodged after arrests") \
        == "detainer requests lodged after traffic stops"
    assert with_antecedent("returns", "removals") == "returns"
