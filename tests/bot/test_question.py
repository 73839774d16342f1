"""Question parsing is pure logic over text: no model needed."""

import pytest

from bot.question import names_in, parse
from index.facts import actor_aliases

ALIASES = actor_aliases("The Transactional Records Access Clearinghouse (TRAC) said so.")


@pytest.mark.parametrize(
    "question, kind, things, actors, period",
    [
        ("How many people did DHS deport in 2014?", "numeric", ["deportations"], ["DHS"], "2014"),
        ("how many of those were returns?", "numeric", ["returns"], [], None),
        ("what share is that?", "share", [], [], None),
        ("what about fiscal 2012?", "text", [], [], "fiscal year 2012"),
        ("How many more removals than returns did ICE make?", "difference", ["removals", "returns"], ["ICE"], None),
        ("What was the percent change in people held from March 2011 to April?", "change", ["detainers"], [], "March 2011"),
        ("What were combined removals and returns?", "sum", ["removals", "returns"], [], None),
        ("Who ended the program?", "text", [], [], None),
        ("How many apprehensions did Customs and Border Protection make?", "numeric", ["apprehensions"], ["CBP"], None),
        ("What did TRAC report?", "text", [], ["TRAC"], None),
    ],
)
def test_parse(question, kind, things, actors, period):
    q = parse(question, ALIASES)
    assert (q.kind, q.things, q.actors) == (kind, things, actors)
    assert (q.period.label() if q.period else None) == period


@pytest.mark.parametrize(
    "question, names",
    [
        ("How many deportations did Canada carry out?", ["Canada"]),
        ("How many people did the FBI arrest in March?", ["FBI"]),
        ("How many removals did ICE carry out?", []),
        ("What did TRAC report?", []),
    ],
)
def test_names_outside_the_vocabulary_are_kept_for_checking(question, names):
    assert parse(question, ALIASES).names == names


@pytest.mark.parametrize("question, names", [
    ("How many removals did the field office record in FY2022?", []),
    ("how many ppl were handed over in FY22 and fy 2021?", []),
    ("How many Hondurans crossed in fiscal 2019?", ["Hondurans"]),
])
def test_a_period_is_not_a_name(question, names):
    assert names_in(question, {}) == names


@pytest.mark.parametrize("question, names", [
    ("How many H-1B registrations were selected?", ["H-1B"]),
    ("How many I-130 petitions were pending?", ["I-130"]),
    ("How many refugees arrived during the COVID-19 pause?", ["COVID-19"]),
    ("How many Peru-based officers were there?", ["Peru-based"]),
])
def test_a_name_with_digits_is_read_whole(question, names):
    assert names_in(question, {}) == names


@pytest.mark.parametrize("question, kind", [
    ("By what percentage did asylum decisions grow from fiscal 2018 to fiscal 2019?", "change"),
    ("By how much did naturalizations grow between fiscal 2018 and fiscal 2019?", "difference"),
    ("What percentage of removals were returns?", "share"),
])
def test_a_percent_a_figure_moved_by_is_a_change(question, kind):
    assert parse(question, {}).kind == kind


def test_how_often_asks_for_a_percent():
    from bot.question import unit_asked

    assert unit_asked("how often did applicants win asylum?") == "percent"


@pytest.mark.parametrize("question, unit", [
    ("what was the denial rate in peru?", "percent"),
    ("what is the federal per-diem rate for peru county?", None),
    ("what was the detention rate per 100,000 residents?", None),
    ("what is the daily rate for a bed?", None),
    ("what rate does the county pay a night?", "money"),
])
def test_a_rate_per_something_is_no_percent(question, unit):
    from bot.question import unit_asked

    assert unit_asked(question) == unit


@pytest.mark.parametrize(
    "question, kind, labels",
    [
        ("What was the denial rate for Peruvians over fiscal years 2012 to 2017?", "text", ["fiscal years 2012-2017"]),
        # a change across a span compares its two ends
        ("How much did removals change from fiscal 2012 through fiscal 2017?", "change", ["fiscal year 2012", "fiscal year 2017"]),
    ],
)
def test_a_span_of_years_is_one_period_unless_a_change_is_asked(question, kind, labels):
    q = parse(question, ALIASES)
    assert (q.kind, [p.label() for p in q.periods]) == (kind, labels)


@pytest.mark.parametrize(
    "question, total",
    [("What is the total fee filers pay?", True), ("How many were held in all?", True), ("How much is the stamping fee?", False)],
)
def test_a_question_may_ask_for_the_total(question, total):
    assert parse(question, ALIASES).total is total


@pytest.mark.parametrize("text, things", [
    ("How many immigration checks did Tamarack County jailers run?", []),  # "County" is the name's
    ("How much did Larch County detainer requests rise from 2022 to 2023?", ["detainers"]),
    ("How many ICE Removals?", ["removals"]),  # after an initialism, a word is still a word
    ("Detainers in 2019?", ["detainers"]),  # the first word of a question is capitalized anyway
])
def test_a_word_of_a_name_does_not_say_what_is_counted(text, things):
    assert parse(text, {}).things == things


def test_a_period_that_names_an_event_is_marked_as_such():
    from bot.question import parse
    named = parse("How many days did the 2018-19 government shutdown over border funding last?", {})
    assert named.period.basis == "named"
    assert parse("How many refugees were admitted in fiscal 2019?", {}).period.basis == "question"


def test_a_named_period_accepts_a_figure_its_story_does_not_date():
    from index.periods import Period, compatible
    named = Period(kind="split_year", year=2019, basis="named")
    assert compatible(named, Period())
    assert not compatible(named, Period(kind="year", year=2013, basis="sentence"))
    assert not compatible(named.model_copy(update={"basis": "question"}), Period())
