"""index.numbers: quantities found in text, normalized, with their qualifiers; non-quantities left out."""

from __future__ import annotations

import pytest

from index.numbers import find_numbers, format_number, parse_words


def mentions(text: str) -> list[tuple]:
    return [(m.as_written(text), m.value, m.unit, m.qualifier) for m in find_numbers(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Border Patrol reported 1.6 million apprehensions.", [("1.6 million", 1_600_000, "count", "exact")]),
        ("Eighty-five percent of the removals", [("Eighty-five percent", 85, "percent", "exact")]),
        ("having deported nearly 600,000 immigrants", [("nearly 600,000", 600_000, "count", "approximate")]),
        ("carried out over half a million deportations", [("over half a million", 500_000, "count", "lower_bound")]),
        ("stood at just under 8,000.", [("just under 8,000", 8_000, "count", "upper_bound")]),
        ("a budget of $5 million", [("$5 million", 5_000_000, "money", "exact")]),
        ("holding the person for 48 hours without a warrant", [("48 hours", 48, "duration", "exact")]),
        ("a total of 577,295 deportations", [("577,295", 577_295, "count", "exact")]),
        ("More than 275 jurisdictions", [("More than 275", 275, "count", "lower_bound")]),
        ("Almost 410,000", [("Almost 410,000", 410_000, "count", "approximate")]),
        ("claims only around 15,000 immigrants", [("around 15,000", 15_000, "count", "approximate")]),
        ("the 68 percent increase", [("68 percent", 68, "percent", "exact")]),
        ("rose 2.5% last year", [("2.5%", 2.5, "percent", "exact")]),
        ("fell three percentage points", [("three percentage points", 3, "percent", "exact")]),
        ("received less than 30 percent", [("less than 30 percent", 30, "percent", "upper_bound")]),
        ("slightly more than 70 percent", [("slightly more than 70 percent", 70, "percent", "lower_bound")]),
        ("nearly half a million people", [("nearly half a million", 500_000, "count", "approximate")]),
        ("twenty thousand arrests", [("twenty thousand", 20_000, "count", "exact")]),
        ("2,000 people", [("2,000", 2_000, "count", "exact")]),
        ("About 55 percent, or 225,390 people deported",
         [("About 55 percent", 55, "percent", "approximate"), ("225,390", 225_390, "count", "exact")]),
        ("414,481 removals and 162,814 returns",
         [("414,481", 414_481, "count", "exact"), ("162,814", 162_814, "count", "exact")]),
        ("1,215 who were convicted of homicide, 5,557 of sexual offenses",
         [("1,215", 1_215, "count", "exact"), ("5,557", 5_557, "count", "exact")]),
    ],
)
def test_quantities_are_normalized(text, expected):
    assert mentions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "fewer immigrants deported in 2014",
        "compared to 2000, when",
        "released on Dec. 19, DHS conducted",
        "The deadline is Sept. 30.",
        "as part of Secure Communities and 287G, have said",
        "a 45-year-old man",
        "a 45 year-old man",
        "he was 45 years old",
        "It ranked No. 5 in the state.",
        "He wore #23.",
        "one of the officers said no one knew",  # "one" is seldom a count
        "the gap between the two.",  # a number word with nothing after it counts nothing
        "almost two-fifths of the total",  # a fraction, not a count of two
        "since fiscal year 2013",
        "The FY 2012 removals",
        "millions of undocumented immigrants",
        "",
    ],
)
def test_years_dates_ages_codes_and_words_are_not_returned(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # news style spells out small counts: they are counts like any other
        ("two men and three women", [("two", 2, "count", "exact"), ("three", 3, "count", "exact")]),
        ("23 residents spoke against it and nine spoke in favor",
         [("23", 23, "count", "exact"), ("nine", 9, "count", "exact")]),
        ("Seven families stayed longer than 90 days", [("Seven", 7, "count", "exact"), ("90 days", 90, "duration", "exact")]),
        ("Twenty-five people died", [("Twenty-five", 25, "count", "exact")]),
    ],
)
def test_spelled_out_counts_are_quantities(text, expected):
    assert mentions(text) == expected


def test_offsets_point_into_the_text():
    text = "DHS deported nearly 600,000 immigrants."

    [mention] = find_numbers(text)

    assert (mention.start, mention.number_start, mention.end) == (13, 20, 27)
    assert (text[mention.start : mention.end], mention.qualifier_text) == ("nearly 600,000", "nearly")


def test_money_mention_starts_at_the_dollar_sign():
    text = "It cost $5 million."

    [mention] = find_numbers(text)

    assert (mention.number_start, mention.as_written(text)) == (8, "$5 million")


def test_a_year_with_a_percent_or_scale_is_a_quantity():
    assert mentions("2014 percent of 2000 million") == [
        ("2014 percent", 2014, "percent", "exact"),
        ("2000 million", 2_000_000_000, "count", "exact"),
    ]


def test_word_numbers_can_be_turned_off():
    assert mentions("Eighty-five percent and 85 percent") == [
        ("Eighty-five percent", 85, "percent", "exact"),
        ("85 percent", 85, "percent", "exact"),
    ]
    assert [m.value for m in find_numbers("Eighty-five percent and 85 percent", include_words=False)] == [85]


@pytest.mark.parametrize("words, value", [("Eighty-five", 85), ("twenty", 20), ("ninety nine", 99), ("dozen", None)])
def test_parse_words(words, value):
    assert parse_words(words) == value


@pytest.mark.parametrize(
    "value, decimals, text",
    [(1_234_567, None, "1,234,567"), (28.24, None, "28.24"), (1_600_000.0, None, "1,600,000"), (28.245, 1, "28.2"),
     (0.5, None, "0.5"), (1234.5, 0, "1,234")],
)
def test_format_number(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    "text",
    [
        "as the report said [1], nothing more",
        "the script ran alert(1) twice",
        "served from http://203.0.113.9/p.png today",
        "version 1.2.3 shipped",
        "write to desk42@example.org now",
    ],
)
def test_markup_digits_are_not_quantities(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize("text", [
    "under Executive Order 13768, issued", "Form I-589 was filed", "Section 287(g) agreements",
    "case No. 3:22-cv-00318", "a 3-2 vote", "Room 204 on the second floor", "COVID-19 cases",
    "U.S. Highway 441 and State Route 17", "on 31 December 2019", "those aged 29 and older",
])
def test_identifiers_codes_and_day_first_dates_are_not_quantities(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize("text, value, currency, written", [
    ("revenue of £3.5m in the year", 3_500_000, "£", "£3.5m"),
    ("spent $8.82bn on it", 8_820_000_000, "$", "$8.82bn"),
    ("RMB77 million in deposits", 77_000_000, "RMB", "RMB77 million"),
    ("€1.2 billion", 1_200_000_000, "€", "€1.2 billion"),
])
def test_money_in_any_currency(text, value, currency, written):
    [m] = find_numbers(text)
    assert (m.value, m.unit, m.currency, text[m.start:m.end]) == (value, "money", currency, written)


def test_list_items_in_parentheses_are_quantities_but_markers_are_not():
    text = "(1) Mexico (127,492), Guatemala (54,919)"
    assert [m.value for m in find_numbers(text)] == [127492, 54919]
