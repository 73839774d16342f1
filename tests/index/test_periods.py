"""index.periods: period expressions in article text and questions, and which periods can answer which."""

from __future__ import annotations

import pytest

from index.periods import Period, compatible, differs_in_type, find_periods, in_year


def found(text: str, reference_year: int | None = None) -> list[tuple]:
    return [(text[m.start : m.end], m.period.kind, m.period.year, m.period.month, m.period.label())
            for m in find_periods(text, reference_year)]


@pytest.mark.parametrize(
    "text, reference_year, expected",
    [
        ("deported in fiscal year 2013", None, [("fiscal year 2013", "fiscal_year", 2013, None, "fiscal year 2013")]),
        ("While the FY 2012 removals indicate", None, [("FY 2012", "fiscal_year", 2012, None, "fiscal year 2012")]),
        ("FY12 figures", None, [("FY12", "fiscal_year", 2012, None, "fiscal year 2012")]),
        ("fewer immigrants deported in 2014, but", None, [("2014", "year", 2014, None, "2014")]),
        ("calendar year 2014", None, [("calendar year 2014", "calendar_year", 2014, None, "2014")]),
        ("peaked in March 2011, when police", None, [("March 2011", "month", 2011, 3, "March 2011")]),
        ("released on Dec. 19, 2014, DHS said", None, [("Dec. 19, 2014", "month", 2014, 12, "December 2014")]),
        ("A\u00a0November\u00a02014\u00a0memorandum", None, [("November\u00a02014", "month", 2014, 11, "November 2014")]),
        # a month alone is dated by the article
        ("while April’s figures, the most recent", 2015, [("April’s", "month", 2015, 4, "April 2015")]),
        ("while April's figures", 2015, [("April's", "month", 2015, 4, "April 2015")]),
        ("while April’s figures", None, [("April’s", "month", None, 4, "April")]),
        ("deported from the U.S. this year.", 2014, [("this year", "year", 2014, None, "2014")]),
        ("nearly 410,000 in the past year", 2012, [("the past year", "year", 2012, None, "2012")]),
        ("in the last fiscal year", 2012, [("the last fiscal year", "fiscal_year", 2012, None, "fiscal year 2012")]),
        ("this year", None, [("this year", "unknown", None, None, "period not stated")]),
        ("fallen in recent months", 2015, [("in recent months", "year", 2015, None, "2015")]),
        ("a 14 percent drop in Mexican migration since fiscal year 2013",
         None, [("since fiscal year 2013", "since", 2013, None, "since fiscal year 2013")]),
        ("rising since 2008", None, [("since 2008", "since", 2008, None, "since 2008")]),
        # "five years earlier" counts back from the period before it
        ("peaked in March 2011, when police were holding nearly 28,000 people. In contrast, the figure five "
         "years earlier was just a few hundred",
         None, [("March 2011", "month", 2011, 3, "March 2011"), ("five years earlier", "year", 2006, None, "2006")]),
        # with nothing to count from, an offset stays an offset (a conversation may resolve it)
        ("the figure five years earlier was small", None,
         [("five years earlier", "offset", None, None, "period not stated")]),
        ("and the year before?", None, [("the year before", "offset", None, None, "period not stated")]),
        ("in fiscal 2019, up from the previous fiscal year", None,
         [("fiscal 2019", "fiscal_year", 2019, None, "fiscal year 2019"),
          ("the previous fiscal year", "fiscal_year", 2018, None, "fiscal year 2018")]),
        ("In 2014, two years later", None, [("2014", "year", 2014, None, "2014"), ("two years later", "year", 2016, None, "2016")]),
        ("in fiscal year 2008, which runs from October to September.", 2012,
         [("fiscal year 2008", "fiscal_year", 2008, None, "fiscal year 2008"),
          ("October", "month", 2012, 10, "October 2012"), ("September", "month", 2012, 9, "September 2012")]),
        # a span of years is one period, not its last year
        ("Looking at the six fiscal years from 2012 through 2017, the", None,
         [("fiscal years from 2012 through 2017", "span", 2017, None, "fiscal years 2012-2017")]),
        ("over fiscal years 2012 to 2017?", None, [("fiscal years 2012 to 2017", "span", 2017, None, "fiscal years 2012-2017")]),
        ("the FY2012-FY2017 average", None, [("FY2012-FY2017", "span", 2017, None, "fiscal years 2012-2017")]),
        ("admissions from 2015 through 2018", None, [("2015 through 2018", "span", 2018, None, "2015-2018")]),
        # "from A to B" and "between A and B" are two points, as a change reads them
        ("rose from fiscal 2012 to fiscal 2017", None,
         [("fiscal 2012", "fiscal_year", 2012, None, "fiscal year 2012"), ("fiscal 2017", "fiscal_year", 2017, None, "fiscal year 2017")]),
        ("between 2012 and 2017", None, [("2012", "year", 2012, None, "2012"), ("2017", "year", 2017, None, "2017")]),
        # the months of one federal fiscal year are that fiscal year; of two, two months
        ("which ran from October 2021 through September 2022,", None,
         [("from October 2021 through September 2022", "fiscal_year", 2022, None, "fiscal year 2022")]),
        ("from October 2020 to September 2022", None,
         [("October 2020", "month", 2020, 10, "October 2020"), ("September 2022", "month", 2022, 9, "September 2022")]),
        # amounts are not years
        ("a total of 2,014 people and 2014 percent and $2014", None, []),
        ("May officials agree?", None, []),
    ],
)
def test_find_periods(text, reference_year, expected):
    assert found(text, reference_year) == expected


def test_period_mentions_carry_where_they_were_read():
    [relative] = find_periods("this year", 2014)
    [stated] = find_periods("in 2014")

    assert relative.period == Period(kind="year", year=2014, text="this year", basis="article")
    assert stated.period == Period(kind="year", year=2014, text="2014", basis="sentence")


FY2013 = Period(kind="fiscal_year", year=2013)
Y2014 = Period(kind="year", year=2014)
MARCH_2011 = Period(kind="month", year=2011, month=3)
SINCE_FY2013 = Period(kind="since", year=2013, text="since fiscal year 2013")
UNSTATED = Period()


@pytest.mark.parametrize(
    "asked, stated, ok",
    [
        (UNSTATED, Y2014, True),  # a question with no period takes any fact
        (UNSTATED, UNSTATED, True),
        (Y2014, UNSTATED, False),  # a dated question never takes an undated fact
        (Y2014, Y2014, True),
        (Period(kind="year", year=2013), Y2014, False),
        (Period(kind="fiscal_year", year=2014), Y2014, True),
        (Period(kind="year", year=2011), MARCH_2011, True),
        (Period(kind="month", year=2011, month=3), MARCH_2011, True),
        (Period(kind="month", year=2011, month=4), MARCH_2011, False),
        (Period(kind="month", year=2011, month=3), Period(kind="year", year=2011), False),
        (Period(kind="month", month=4), Period(kind="month", year=2015, month=4), True),
        # "since fiscal year 2013" only answers a question that also asks "since"
        (FY2013, SINCE_FY2013, False),
        (Y2014, SINCE_FY2013, False),
        (Period(kind="since", year=2013), SINCE_FY2013, True),
        (Period(kind="since", year=2014), SINCE_FY2013, True),
        (Period(kind="since", year=2012), SINCE_FY2013, False),
        # a span's figure answers only that span: not its last year, and no year's figure answers it
        (Period(kind="span", first=2012, year=2017), Period(kind="span", first=2012, year=2017), True),
        (Period(kind="year", year=2017), Period(kind="span", first=2012, year=2017), False),
        (Period(kind="span", first=2012, year=2017), Period(kind="year", year=2017), False),
        (Period(kind="span", first=2013, year=2017), Period(kind="span", first=2012, year=2017), False),
        # a calendar year asked in so many words is other months than the fiscal year of that number
        (Period(kind="calendar_year", year=2025), Period(kind="fiscal_year", year=2025), False),
        (Period(kind="fiscal_year", year=2025), Period(kind="calendar_year", year=2025), False),
        (Period(kind="calendar_year", year=2025), Period(kind="year", year=2025), True),
    ],
)
def test_compatible(asked, stated, ok):
    assert compatible(asked, stated) is ok


@pytest.mark.parametrize(
    "a, b, differs",
    [
        (FY2013, Period(kind="calendar_year", year=2013), True),
        (FY2013, Period(kind="year", year=2013), False),
        (Period(kind="calendar_year", year=2013), Period(kind="calendar_year", year=2014), False),
    ],
)
def test_differs_in_type(a, b, differs):
    assert differs_in_type(a, b) is differs


@pytest.mark.parametrize(
    "period, label",
    [
        (UNSTATED, "period not stated"),
        (FY2013, "fiscal year 2013"),
        (SINCE_FY2013, "since fiscal year 2013"),
        (Period(kind="since", year=2008, text="since 2008"), "since 2008"),
        (MARCH_2011, "March 2011"),
        (Period(kind="month", month=4), "April"),
        (Y2014, "2014"),
    ],
)
def test_label(period, label):
    assert period.label() == label


@pytest.mark.parametrize(("text", "offset"), [("the year before", -1), ("a year later", 1), ("two years earlier", -2),
                                                ("the following fiscal year", 1), ("the prior year", -1)])
def test_offsets_keep_their_direction(text, offset):
    (mention,) = find_periods(text)
    assert (mention.period.kind, mention.period.offset) == ("offset", offset)


def test_one_month_does_not_answer_for_a_fiscal_year():
    from index.periods import Period, compatible

    fiscal = Period(kind="fiscal_year", year=2019)
    assert not compatible(fiscal, Period(kind="month", year=2019, month=5))
    assert compatible(fiscal, Period(kind="fiscal_year", year=2019))
    assert compatible(Period(kind="month", year=2019, month=5), Period(kind="month", year=2019, month=5))


def test_a_stretch_of_months_is_one_period_and_answers_only_itself():
    from index.periods import compatible
    [stretch] = find_periods("for October 2023 through March 2024?")
    assert stretch.period.kind == "months" and stretch.period.label() == "October 2023 to March 2024"
    assert [p.label() for p in stretch.period.ends()] == ["October 2023", "March 2024"]
    month = Period(kind="month", year=2024, month=3)
    assert not compatible(stretch.period, month) and not compatible(month, stretch.period)
    assert compatible(stretch.period, stretch.period)
    # two fiscal years' months are two months, compared
    assert [m.period.kind for m in find_periods("from October 2020 to September 2022")] == ["month", "month"]


def test_a_month_counted_from_another():
    from index.periods import shifted_months
    [before] = find_periods("and the month before?")
    assert before.period.kind == "month_offset" and before.period.offset == -1
    assert shifted_months(Period(kind="month", year=2024, month=1), -1).label() == "December 2023"


@pytest.mark.parametrize("text, label", [
    ("in the first half of fiscal 2024", "October 2023 to March 2024"),
    ("during the first six months of FY2024", "October 2023 to March 2024"),
    ("Q2 FY2024", "January 2024 to March 2024"),
    ("in Q3 of fiscal 2024", "April 2024 to June 2024"),
    ("in the third quarter of 2023", "July 2023 to September 2023"),
    ("the last quarter of FY2023", "July 2023 to September 2023"),
    ("(Oct-Dec 2023)", "October 2023 to December 2023"),
    ("in the first month of fiscal 2016", "October 2015"),
])
def test_a_part_of_a_year_is_the_months_it_covers(text, label):
    assert [m.period.label() for m in find_periods(text)] == [label]


def test_a_part_of_a_year_not_named_answers_nothing_until_a_year_is_given():
    (mention,) = find_periods("and in Q3?")
    assert mention.period.kind == "part" and not compatible(mention.period, Period(kind="fiscal_year", year=2024))
    assert in_year(mention.period, Period(kind="fiscal_year", year=2024)).label() == "April 2024 to June 2024"
    assert in_year(mention.period, Period(kind="year", year=2024)).label() == "July 2024 to September 2024"
