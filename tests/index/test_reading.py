"""Numbers read with their document: periods carried through paragraphs, points of comparison,
'respectively', relative periods. Each test reads a short made-up article."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.facts import extract_facts
from index.periods import find_periods, is_comparison
from index.sources import load_article
from index.split import split_sentences


def read(tmp_path: Path, body: str, date: str = "2020-01-15") -> dict[str, object]:
    path = tmp_path / "story.md"
    path.write_text(f"---\ntitle: A made-up story\npublished: {date}\n---\n{body}\n", encoding="utf-8")
    article = load_article(path)
    facts = extract_facts([article], split_sentences(article.body, article.id))
    return {f.as_written: f for f in facts}


@pytest.mark.parametrize(
    "text, compared",
    [
        ("4,000 more than in fiscal 2018", True),
        ("rose from 2,500 in fiscal 2018", True),
        ("down from 20 percent in 2015", True),
        ("the highest annual total since 2007", True),
        ("compared with 2017", True),
        ("In all, in fiscal 2019", False),
        ("Agents apprehended 9,000 people in fiscal 2019", False),
    ],
)
def test_a_period_named_as_the_point_of_comparison(text, compared):
    mention = find_periods(text)[-1]
    assert is_comparison(text, mention.start) is compared


def test_a_point_of_comparison_does_not_date_the_next_sentence(tmp_path):
    facts = read(tmp_path, "In fiscal 2019, agents caught 9,100 families, 3,200 more than in fiscal 2018. "
                           "In all, the agency recorded 15,400 arrests at the border.")
    assert facts["9,100"].period.label() == "fiscal year 2019"
    assert facts["15,400"].period.label() == "fiscal year 2019"


def test_a_period_after_another_figure_dates_that_figure(tmp_path):
    facts = read(tmp_path, "The count rose to 7,600 in fiscal 2019 from 5,000 in fiscal 2018.\n\n"
                           "Officials said the count rose to 8,100 from 6,300 in fiscal 2016.")
    assert facts["5,000"].period.label() == "fiscal year 2018"
    assert facts["6,300"].period.label() == "fiscal year 2016"
    assert facts["8,100"].period.label() != "fiscal year 2016"


def test_respectively_pairs_figures_with_periods_in_order(tmp_path):
    facts = read(tmp_path, "The agency approved 1,200 and 1,450 requests in 2018 and 2019, respectively.")
    assert facts["1,200"].period.year == 2018
    assert facts["1,450"].period.year == 2019


def test_the_previous_fiscal_year_resolves_against_the_governing_year(tmp_path):
    facts = read(tmp_path, "Judges decided 4,100 cases in fiscal 2019.\n\n"
                           "They had decided 3,900 cases in the previous fiscal year.")
    assert facts["3,900"].period.label() == "fiscal year 2018"


def test_a_labelled_list_line_says_what_its_figure_counts(tmp_path):
    facts = read(tmp_path, "In fiscal 2019 the totals were:\n- Family-sponsored preferences: 204,139\n"
                           "- Employment-based preferences: 139,458\n\nMexico (1,200) and Peru (300) led.")
    assert facts["139,458"].clause == "Employment-based preferences"
    assert facts["1,200"].clause == "Mexico"


def test_a_bracketed_period_dates_only_the_figure_after_its_colon(tmp_path):
    facts = read(tmp_path, "In the year to March 2020 the trust spent £4.2m on agency staff. "
                           "Adjustments to prior periods were £1.3m (2018/19: £2.6m).")
    assert facts["£2.6m"].period.label() == "2018/19"
    assert facts["£1.3m"].period.label() != "2018/19"


def test_a_year_that_spans_two_calendar_years():
    (mention,) = find_periods("in 2018/19 the ceiling was lower")
    assert (mention.period.kind, mention.period.year, mention.period.label()) == ("split_year", 2019, "2018/19")
    assert [m.period.label() for m in find_periods("between 2015-17 and then")] == ["2015"]


def test_a_table_cell_is_described_by_its_header_row_label_and_the_prose_that_introduces_it(tmp_path):
    facts = read(tmp_path, "The board's yearly counts of Peruvian visitors, by year.\n\n"
                           "Year     Admitted   Turned away\nFY2018   2,491     4,500\nFY2019   3,000     3,100\n\n"
                           "Kenya sent 700 people.")
    assert facts["2,491"].clause == "Admitted FY2018"
    assert "Peruvian visitors" in facts["2,491"].context
    assert "Turned away" in facts["3,100"].context and "Peruvian visitors" in facts["3,100"].context
    assert "Peruvian" not in facts["700"].context  # prose is not a table


def test_a_table_inside_a_paragraph_is_introduced_by_the_line_above_its_header(tmp_path):
    facts = read(tmp_path, "Kenya's arrivals, by year:\nYear     Arrived\nFY2018   2,491\nFY2019   3,000")
    assert "Kenya's arrivals" in facts["3,000"].context


def test_a_month_inside_a_sentence_with_no_figure_does_not_date_the_figures_after_it(tmp_path):
    facts = read(tmp_path, "Fiscal 2020 set a new low. No one could enter in October, and the office closed on "
                           "March 19. The office admitted 7,380 people before the closure.\n\n"
                           "In May, the count peaked. Agents caught 1,475 people.", date="2020-10-07")
    assert facts["7,380"].period.label() == "fiscal year 2020"
    assert facts["1,475"].period.label() == "May 2020"


def test_a_verb_of_change_names_no_counted_thing_but_a_refusal_does(tmp_path):
    facts = read(tmp_path, "Agents caught 11,475 Peruvians in May. The numbers declined through the summer, "
                           "and in August the monthly count fell to 3,729.\n\nPolice declined to honor 5,000 detainers.")
    assert facts["3,729"].thing == facts["11,475"].thing == "apprehensions"
    assert facts["5,000"].thing == "detainers"


def test_a_table_column_is_described_by_the_prose_that_restates_one_of_its_cells(tmp_path):
    facts = read(tmp_path, "Peru's permit office, by year.\n\nYear     Received   Completed\n"
                           "FY2021   9,876      4,125\nFY2022   18,793     6,847\n\n"
                           "Clerks finished 6,847 boat permits in FY2022, more than the year before.")
    assert facts["4,125"].clause == "Completed FY2021" and "boat permits" in facts["4,125"].context
    assert "boat permits" not in facts["9,876"].context  # another column


def test_the_words_after_and_that_lead_into_the_next_figure_are_that_figure_s(tmp_path):
    facts = read(tmp_path, "Judges granted asylum in 1,492 and denied it in 2,931.")
    assert "denied" not in facts["1,492"].clause and "denied" in facts["2,931"].clause


def test_a_byline_is_not_the_lead_that_dates_the_article_s_figures(tmp_path):
    facts = read(tmp_path, "By the Peru Migration Lab, policy brief, Feb. 6, 2023\n\n"
                           "The courts took in 18,793 new applications in fiscal 2022.\n\n"
                           "Clerks closed 4,125 files.", date="2023-02-06")
    assert facts["4,125"].period.label() == "fiscal year 2022"


def test_a_list_of_words_and_a_year_named_by_its_end_stay_with_their_figure(tmp_path):
    # "research, development and engineering" is one phrase; "during the year ended December 31,
    # 2019" is 2019, not the year the sentence compared with
    facts = read(tmp_path, "Costs rose $3.7 million to $7.5 million for the year ended December 31, 2019 compared to "
                           "$3.8 million for the year ended December 31, 2018 due to $2.7 million of research, "
                           "development and engineering expense of the Peru unit during the year ended December 31, 2019.")
    assert "Peru unit" in facts["$2.7 million"].clause
    assert facts["$2.7 million"].period.label() == "December 2019"


def test_a_list_set_off_from_its_introduction_is_dated_by_it(tmp_path):
    facts = read(tmp_path, "The board refused 2.4 percent of permits in fiscal 2017. Rates varied by kind:\n\n"
                           "* Traders from the coast had a rate of 3.1 percent.", date="2018-08-08")
    assert facts["3.1 percent"].period.label() == "fiscal year 2017"


def test_a_markdown_table_row_is_read_cell_by_cell_in_the_unit_its_column_states(tmp_path):
    facts = read(tmp_path, "The ferry's yearly traffic.\n\n| Fiscal year | Travelers (millions) | Vehicles |\n"
                           "|---|---|---|\n| 2021 | 2.9 | 18,400 |\n| 2022 | 4.1 | 21,950 |", date="2023-02-10")
    assert (facts["2.9"].value, facts["2.9"].as_written, facts["2.9"].scale) == (2_900_000, "2.9", 1e6)
    assert facts["2.9"].period.label() == "fiscal year 2021"  # a bare year under "Fiscal year"
    assert facts["21,950"].value == 21_950 and facts["21,950"].clause == "Vehicles 2022"
    assert "---" not in " ".join(facts)  # the rule under the header is no row


def test_a_figure_that_names_its_own_thing_does_not_take_the_paragraph_s_earlier_one(tmp_path):
    facts = read(tmp_path, "Officers removed 300 people from the camp in May. "
                           "The office also counted 474 eligible registrations for the draw.")
    assert facts["300"].thing == "removals"
    assert facts["474"].thing != "removals" and facts["474"].thing_text == "eligible registrations"


def test_an_undated_article_s_figures_go_on_in_the_last_period_it_dated(tmp_path):
    path = tmp_path / "explainer.txt"
    path.write_text("Who are Lamu's newest arrivals? Your questions, answered\n\n"
                    "Q: How many arrived last year?\n\n"
                    "A: In fiscal year 2022, which ran from October 2021 through September 2022, 913 people "
                    "were resettled in Lamu.\n\nQ: Where did they come from?\n\n"
                    "A: The largest group came from Peru, with 318 arrivals.\n", encoding="utf-8")
    article = load_article(path)
    facts = {f.as_written: f for f in extract_facts([article], split_sentences(article.body, article.id))}
    assert article.year is None
    assert facts["913"].period.label() == "fiscal year 2022"  # not September 2022
    assert facts["318"].period.label() == "fiscal year 2022"



def test_relative_periods_count_from_the_article_s_date_and_from_each_other(tmp_path):
    facts = read(tmp_path, "In the prior fiscal year (the government's year to 30 September), posts issued 27,415 "
                           "visas, up from 23,980 the year before that. Of the 27,415, 6,905 were for transfers.\n\n"
                           "Last month the embassy issued 9,840 visas. Last year it issued 101,200.",
                 date="2024-03-14")
    assert facts["23,980"].period.label() == "fiscal year 2022"
    assert facts["6,905"].period.label() == "fiscal year 2023"  # the aside's September dates nothing
    assert facts["9,840"].period.label() == "February 2024"
    assert facts["101,200"].period.label() == "2023"


def test_an_article_written_in_october_is_in_the_next_fiscal_year(tmp_path):
    facts = read(tmp_path, "Officials said 4,120 cases were closed in the previous fiscal year.", date="2023-10-20")
    assert facts["4,120"].period.label() == "fiscal year 2023"


def test_the_fiscal_year_of_an_october_month_is_the_next_one(tmp_path):
    facts = read(tmp_path, "In October 2015, officials set the ceiling for the fiscal year at 85,000.")
    assert facts["85,000"].period.label() == "fiscal year 2016"


def test_a_period_that_only_says_what_the_one_before_it_is_dates_nothing(tmp_path):
    facts = read(tmp_path, "In October 2015, the first month of the fiscal year, 1,704 refugees were admitted.")
    assert facts["1,704"].period.label() == "October 2015"


def test_the_day_a_move_happened_dates_the_level_it_reached(tmp_path):
    facts = read(tmp_path, "The fee rose to US$215 from US$190 on 17 June 2023, and goes up again next year.",
                 date="2024-03-14")
    assert facts["US$215"].period.label() == facts["US$190"].period.label() == "June 2023"



def test_a_numbered_list_is_read_item_by_item_under_its_introduction(tmp_path):
    facts = read(tmp_path, "The five largest groups in fiscal 2023 were:\n\n"
                           "1. Democratic Republic of the Congo — 612 (up from 401)\n2. Afghanistan — 388 (up from 297)",
                 date="2023-11-20")
    assert "1" not in facts and "2" not in facts  # the markers are no figures
    assert facts["612"].clause == "Democratic Republic of the Congo"
    assert facts["612"].period.label() == "fiscal year 2023"
    assert facts["297"].period.label() == "fiscal year 2022"  # the level it rose from: the year before


def test_names_followed_by_their_counts_with_the_verb_left_out_are_counts(tmp_path):
    facts = read(tmp_path, "Peru Refugee Services resettled 842 people, New Roots Alliance 598 and "
                           "St. Brendan Family Services 407. Hearings moved to Room 204.")
    assert {"842", "598", "407"} <= set(facts) and "204" not in facts


def test_a_table_s_total_row_is_of_the_months_above_it_and_its_cells_of_their_column_s_agency(tmp_path):
    facts = read(tmp_path, "| Month | Apprehensions (Border Patrol) | Inadmissibles (OFO) |\n|---|---:|---:|\n"
                           "| Oct 2023 | 18,420 | 3,115 |\n| Nov 2023 | 17,960 | 3,240 |\n"
                           "| **Total** | **36,380** | **6,355** |", date="2024-04-16")
    assert facts["36,380"].period.label() == "October 2023 to November 2023"
    assert facts["18,420"].actor != facts["3,115"].actor and facts["36,380"].actor == facts["18,420"].actor


def test_a_section_heading_a_table_number_and_a_term_s_acronym(tmp_path):
    facts = read(tmp_path, "Section 4. Temporary Protected Status (TPS) assistance\n\n"
                           "The Office of Immigrant Affairs (OIA) helps residents apply. Table 4.1 shows the filings.\n\n"
                           "The OIA helped file 1,205 re-registrations in fiscal 2019.")
    assert "4.1" not in facts and "4" not in facts  # a table's and a section's numbers name them
    assert facts["1,205"].actor == "OIA"


def test_an_acronym_in_brackets_is_an_agency_only_when_its_name_is_an_organization_s():
    from index.facts import actor_aliases
    found = actor_aliases("The Office of Immigrant Affairs (OIA) files for Temporary Protected Status (TPS).")
    assert found.get("Office of Immigrant Affairs") == "OIA" and "TPS" not in found


def test_a_short_heading_paragraph_is_not_the_lead(tmp_path):
    from index.facts import lead_sentences
    path = tmp_path / "story.md"
    path.write_text("---\ntitle: A report\npublished: 2023-10-16\n---\nSection 4. Protected status assistance\n\n"
                    "The office helps residents apply for status.\n", encoding="utf-8")
    article = load_article(path)
    assert [s.text for s in lead_sentences(article, split_sentences(article.body, article.id))] == [
        "The office helps residents apply for status."]


def test_a_period_compared_with_does_not_date_what_follows_and_an_as_of_day_dates_its_figure(tmp_path):
    facts = read(tmp_path, "In fiscal 2023 we conducted 9,840 interviews. That compares with 7,215 the year before. "
                           "On top of that, officers did 3,460 screenings. As of Dec. 31 we had 41,300 cases pending.",
                 date="2024-02-14")
    assert facts["7,215"].period.label() == "fiscal year 2022"
    assert facts["3,460"].period.label() == "fiscal year 2023"
    assert facts["41,300"].period.label() == "December 2023"
