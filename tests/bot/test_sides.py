"""Splitting two-figure questions is pure text work: no model needed."""

import pytest

from bot.sides import split, stated_values


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
