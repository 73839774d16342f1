import pytest

from evals.gold import Expect
from evals.judge import check_turn, covered, normalize, numbers_in, states_figure, text_has, value_matches


@pytest.mark.parametrize("raw, expected", [
    ("known by ICE as \u201cdetainers.\u201d", 'known by ICE as "detainers."'),
    ("April\u2019s figures", "April's figures"),
    ("just\u00a0under \n 8,000", "just under 8,000"),
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("text, expected", [
    ("The articles don't give this figure for 2009.", False),
    ("No figure for fiscal year 2013 [1] or FY2012 [2].", False),
    ("DHS carried out 577,295 deportations [1].", True),
    ("about 28.2%", True),
    ("**48** hours", True),
])
def test_states_figure(text, expected):
    assert states_figure(text) is expected


def test_numbers_in():
    assert numbers_in("Border Patrol reported 1.6 million apprehensions, 10,182 refused, 48 hours") == [
        1_600_000.0, 10_182.0, 48.0]


@pytest.mark.parametrize("actual, expected, tolerance, ok", [
    (28.2, 162_814 / 577_295 * 100, 0.005, True),  # 28.2 vs 28.2029: off by 0.01%
    (139.3, 28.2, 0.005, False),
    (None, 28.2, 0.005, False),
    (0.0, 0.0, 0.005, True),
    (28_000, 28_100, 0.005, True),  # 100 / 28,100 = 0.36%
    (28_000, 28_200, 0.005, False),  # 200 / 28,200 = 0.71%
])
def test_value_matches(actual, expected, tolerance, ok):
    assert value_matches(actual, expected, tolerance) is ok


def test_text_alternatives_are_case_insensitive():
    assert text_has("Released on **Dec. 19** [1].", "December 19|dec. 19")
    assert not text_has("Released in December.", "December 19|Dec. 19")


def test_covered_normalizes_quotes_and_spaces():
    citations = [{"quote": "Those held are known by ICE as \u201cdetainers.\u201d"}]
    assert covered('known by ICE as "detainers."', citations)
    assert not covered("detainers were refused", citations)


ANSWER = {
    "text": "**162,814** returns [1].", "value": 162814.0, "abstained": False,
    "citations": [{"quote": "DHS conducted a total of 577,295 deportations -- comprising 414,481 removals and 162,814 returns."}],
}
ABSTAIN = {"text": "The articles don't give this figure for 2009.", "value": None, "abstained": True, "citations": []}


@pytest.mark.parametrize("expect, answer, checks", [
    (Expect(value=162814, evidence=["162,814 returns"]), ANSWER,
     {"answered": True, "value": True, "evidence:162,814 returns": True}),
    (Expect(value=414481, text=["returns"]), ANSWER, {"answered": True, "value": False, "text:returns": True}),
    (Expect(abstain=True), ABSTAIN, {"answered": True, "abstain": True}),
    (Expect(abstain=True), {**ABSTAIN, "text": "No 2009 figure; 2014 had 577,295."}, {"answered": True, "abstain": False}),
    (Expect(abstain=True), ANSWER, {"answered": True, "abstain": False}),
    (Expect(value=1), None, {"answered": False, "value": False}),
])
def test_check_turn(expect, answer, checks):
    assert check_turn(expect, answer) == checks
