import math

import pytest

from bot.verdict import compare, figure_range, precision, shown_difference


@pytest.mark.parametrize("claimed, text, qualifier, stated, stated_text, stated_q, verdict, approximate", [
    (500000, "more than 500,000", "lower_bound", 577295, "577,295", "exact", "supported", False),
    (600000, "more than 600,000", "lower_bound", 577295, "577,295", "exact", "contradicted", False),
    (600000, "nearly 600,000", "approximate", 577295, "577,295", "exact", "supported", True),
    (560000, "nearly 560,000", "approximate", 577295, "577,295", "exact", "contradicted", False),  # nearly is under
    (577295, "577,295", "exact", 577295, "577,295", "exact", "supported", False),
    (577296, "577,296", "exact", 577295, "577,295", "exact", "contradicted", False),
    (577000, "577,000", "exact", 577295, "577,295", "exact", "supported", True),  # a round figure
    (600000, "600,000", "exact", 577295, "577,295", "exact", "contradicted", False),  # rounding is at most 1%
    (700000, "fewer than 700,000", "upper_bound", 577295, "577,295", "exact", "supported", False),
    (500000, "fewer than 500,000", "upper_bound", 577295, "577,295", "exact", "contradicted", False),
    (275, "more than 275", "lower_bound", 275, "More than 275", "lower_bound", "supported", False),
    (300, "300", "exact", 275, "more than 275", "lower_bound", "ambiguous", False),  # neither confirmed nor ruled out
    (28, "28 percent", "exact", 28.2, "28.2%", "exact", "supported", True),
    (40, "about 40 percent", "approximate", 28.2, "28.2%", "exact", "contradicted", False),
    (500000, "at least 500,000", "lower_bound", 500000, "500,000", "exact", "supported", False),
    (500000, "more than 500,000", "lower_bound", 500000, "500,000", "exact", "contradicted", False),
])
def test_a_claim_is_judged_under_both_qualifiers(claimed, text, qualifier, stated, stated_text, stated_q, verdict,
                                                 approximate):
    unit = "percent" if "percent" in text else "count"
    result = compare(claimed, text, qualifier, stated, stated_text, stated_q, unit)
    assert (result.verdict, result.approximate) == (verdict, approximate)


@pytest.mark.parametrize("text, place", [("577,295", 1), ("577,000", 1000), ("1.6 million", 100000), ("28.2%", 0.1),
                                         ("600", 100), ("0", 1)])
def test_precision_is_the_last_significant_digit(text, place):
    assert precision(text) == pytest.approx(place)


def test_ranges():
    assert figure_range(100, "more than 100", "lower_bound").high == math.inf
    # "about 100": 100 give or take 5 percent
    assert (figure_range(100, "about 100", "approximate").low, figure_range(100, "about 100", "approximate").high) \
        == pytest.approx((95, 105))
    assert figure_range(577295, "577,295", "exact").exact


def test_a_difference_is_shown_as_arithmetic_on_both_figures():
    # 10,182 - 12,000 = -1,818, which is -15.15% of 12,000
    assert shown_difference(12000, 10182, "12,000", "10,182") == "10,182 - 12,000 = -1,818 (-15.2% of the claimed figure)"
    assert shown_difference(5, 5, "5", "5") is None
