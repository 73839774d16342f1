"""The second check's reading of a figure: a change or gap, or a level."""

from __future__ import annotations

import pytest

from bot.agree import derived_disagreements, fact_disagreements, kind_disagreements, states_change
from bot.question import parse
from index.facts import Fact
from index.periods import Period


def disagreements(question: str, stated: Fact) -> list[str]:
    """The second check on `stated` for `question`, with every word accounted for and the agency agreeing."""
    return fact_disagreements(parse(question, {}), stated, [], [], True)


def fact(sentence: str, number: str) -> Fact:
    at = sentence.index(number)
    return Fact(id="story:0", source_id="story", value=1.0, as_written=number, unit="count", thing="unspecified",
                thing_text="", qualifier="exact", period=Period(), actor=None, keywords=[], start=at,
                end=at + len(number), sentence_start=0, sentence_end=len(sentence), quote=sentence)


@pytest.mark.parametrize("sentence, number, change", [
    ("Agents caught 9,100 people, 3,200 more than in fiscal 2018.", "3,200", True),
    ("Agents caught 9,100 people, 3,200 more than in fiscal 2018.", "9,100", False),
    ("The count rose from 5,036 in fiscal 2018.", "5,036", False),
    ("Removals were up 1,100 from 2019.", "1,100", True),
    ("It rose by 900 to 5,000.", "900", True),
    ("It rose by 900 to 5,000.", "5,000", False),
    ("That was an increase of 342 people.", "342", True),
    ("The office recorded 4,870 removals, up 8 percent.", "4,870", False),
    ("The office recorded 4,870 removals, up 8 percent.", "8 percent", True),
    ("Arrests rose 12 percent in May.", "12 percent", True),
    ("It was a 12 percent increase in arrests.", "12 percent", True),
    ("The fee would go from $640 to $1,170.", "$1,170", False),
    ("The rate was 1.33 percent.", "1.33 percent", False),
    ("Judges granted 1,900 claims and turned down 4,600.", "4,600", False),
    ("Arrests down 600 from May.", "600", True),
])
def test_a_change_or_a_level(sentence, number, change):
    assert states_change(fact(sentence, number)) is change


def test_one_figure_does_not_answer_for_two_periods():
    stated = fact("The company issued notes of 1,000 in fiscal 2018.", "1,000")
    found = disagreements("What was the total value of notes issued in fiscal 2018 and fiscal 2017?", stated)
    assert any("one period only" in d for d in found)


def test_a_comparison_across_periods_stays_within_one_article_unless_labelled_alike():
    from bot.arithmetic import compute

    query = parse("By what percent did removals grow from fiscal 2018 to fiscal 2019?", {})
    early = fact("The office recorded 4,000 removals in fiscal 2018.", "4,000")
    late = fact("The office recorded 5,000 removals in fiscal 2019.", "5,000")
    late = late.model_copy(update={"id": "other:0", "source_id": "other", "value": 5000.0})
    early = early.model_copy(update={"value": 4000.0})
    result = compute("change", early.value, late.value)
    assert any("different articles" in d for d in derived_disagreements(query, "change", result, early, late))
    same = late.model_copy(update={"source_id": "story", "id": "story:1", "start": late.start + 1})
    assert not any("different articles" in d for d in derived_disagreements(query, "change", result, early, same))
    labelled = {"actor": "ICE", "thing": "removals"}
    a, b = early.model_copy(update=labelled), late.model_copy(update=labelled)
    assert not any("different articles" in d for d in derived_disagreements(query, "change", result, a, b))


def test_one_level_does_not_answer_a_comparison_of_two():
    level = fact("Kenya contributed 43% and Peru contributed 31% in 2019.", "43%").model_copy(update={"unit": "percent"})
    compared = disagreements("By how many percent less did Peru contribute compared to Kenya in 2019?", level)
    assert any("compares two figures" in d for d in compared)
    rise = fact("Migration from countries other than Peru rose by 68 percent.", "68 percent").model_copy(
        update={"unit": "percent"})
    plain = disagreements("By what percent did migration from countries other than Peru increase?", rise)
    assert not any("compares two figures" in d for d in plain)


def test_a_question_about_a_move_is_not_answered_by_a_level_of_any_unit():
    level = fact("The office proposed raising the fee from $640 to $1,170.", "$1,170")
    assert any("is a level" in d for d in disagreements("How much would the application fee increase?", level))


def test_a_rate_per_head_is_not_answered_by_a_count():
    question = "What was Peru's detention rate per 100,000 residents in 2022?"
    sentence = "Peru held 6,170, and its rate was about 134 per 100,000, the highest of any state."
    assert any(" per " in d for d in disagreements(question, fact(sentence, "6,170")))
    assert not any(" per " in d for d in disagreements(question, fact(sentence, "about 134")))


@pytest.mark.parametrize("question, sentence, number, fits", [
    ("How many book-ins per day did Peru record?", "Peru recorded 274,100 book-ins, or about 751 a day.", "274,100", False),
    ("How many book-ins per day did Peru record?", "Peru recorded 274,100 book-ins, or about 751 a day.", "about 751", True),
    ("How much does Peru spend on detention per year?", "A bed costs $142 per day.", "$142", False),
    ("How much does a bed cost?", "A bed costs $142 per day.", "$142", True),
    ("How many people did Peru hold on an average day?", "Peru held 5,000 people on an average day.", "5,000", True),
])
def test_a_rate_is_answered_by_a_figure_per_the_same_unit(question, sentence, number, fits):
    found = disagreements(question, fact(sentence, number))
    assert (not any(" per " in d for d in found)) is fits


@pytest.mark.parametrize("question, clause, differs", [
    ("How many people booked in had a criminal conviction?", "198,650 had no criminal conviction", "crimin"),
    ("How many had no criminal conviction?", "198,650 had no criminal conviction", None),
    ("How many departures were from non-visa-waiver countries?", "the 38 visa waiver countries had 22,472,710", "visa"),
    ("How many requests came from people without a lawyer?", "requests from people without a lawyer fell to 610", None),
    ("How many requests came from people with a lawyer?", "requests from people without a lawyer fell to 610", "lawyer"),
])
def test_a_word_one_side_negates_and_the_other_states(question, clause, differs):
    from bot.agree import _polarity_differs

    assert _polarity_differs(question, clause) == differs


@pytest.mark.parametrize("question, clause, sentence, differs", [
    # the sentence negates "visa" elsewhere, not the program its subject names
    ("How many expected departures were from non-Kenya Program countries?", "of 22,000 expected departures",
     "Visitors from the 38 Kenya Program countries, who can enter without a visa, had a rate of 0.5 percent "
     "of 22,000 expected departures.", "kenya"),
    ("How many miles of wall went up where there was no wall?", "47 miles of primary wall",
     "About 80 miles went up in places that had none before: 47 miles of primary wall and 33 of secondary wall.", None),
    ("How many people without a lawyer were released?", "610 were released",
     "Of those without a lawyer, 610 were released.", None),
    # a subset defined by what it lacks is not answered by a sentence that says nothing of it
    ("What was the grant rate for people without a lawyer?", "was up from 65% the previous year",
     "The resulting denial rate of 69% was up from 65% the previous year.", "lawyer"),
    ("What was the rate for visitors from outside the Kenya Program?", "had a rate of 0.5 percent",
     "Visitors from the 38 Kenya Program countries, who can enter without a visa, had a rate of 0.5 percent.",
     "kenya"),
    ("How many cases other than asylum claims were decided?", "judges decided 4,100 cases",
     "Judges decided 4,100 cases, most of them asylum claims.", "asylum"),
    ("How many cases other than asylum claims were decided?", "4,100 cases",
     "Judges decided 4,100 cases other than asylum claims.", None),
])
def test_a_question_s_negation_is_held_against_the_figure_s_sentence(question, clause, sentence, differs):
    from bot.agree import _polarity_differs

    assert _polarity_differs(question, clause, sentence) == differs


@pytest.mark.parametrize("question, sentence, number, unit, fits", [
    ("What was the average stay in Peru jails?", "The average stay was 33.1 days.", "33.1 days", "duration", True),
    ("What was the average stay in Peru jails?", "A few were held for more than 12 months.", "more than 12 months",
     "duration", False),
    ("What was the average stay?", "Average stays were 30 days and 41 days in 2022 and 2021.", "41 days", "duration", True),
    ("What was the average cost?", "On average, a bed cost $142 per day.", "$142", "money", True),
    # an average count is often stated once for its paragraph: left to the words
    ("How many did Kenya hold on an average day?", "Kenya held 6,170.", "6,170", "count", True),
    ("How much of the Peru request was for detention?", "It asked $2.8 billion to keep 52,000 people in detention.",
     "52,000", "count", False),
    ("How much of the Peru request was for detention?", "It asked $2.8 billion to keep 52,000 people in detention.",
     "$2.8 billion", "money", True),
])
def test_the_kind_of_number_asked_for(question, sentence, number, unit, fits):
    stated = fact(sentence, number).model_copy(update={"unit": unit})
    found = disagreements(question, stated)
    assert (not any("average" in d or "how much" in d for d in found)) is fits


def test_a_share_question_is_not_answered_by_a_stated_change():
    rose = fact("Revenue from the Peru unit rose 14 percent to $1.2bn.", "14 percent").model_copy(update={"unit": "percent"})
    assert any("share" in d for d in disagreements("What share of revenue came from the Peru unit?", rose))
    assert not any("share" in d for d in disagreements("By what percent did revenue rise?", rose))


@pytest.mark.parametrize("question, sentence, number, total", [
    # a day's average of people held is not how many were held, booked or released over the year
    ("How many people did the Peru office book into its jail in 2021?",
     "On an average day in 2022, 2,480 people were held in the Peru jail, up from 1,980 in 2021.", "1,980", True),
    ("How many people were held in the Peru jail on an average day in 2021?",
     "On an average day in 2022, 2,480 people were held in the Peru jail, up from 1,980 in 2021.", "1,980", False),
    ("How many people were in the Peru jail each day in 2021?",
     "On an average day in 2022, 2,480 people were held in the Peru jail, up from 1,980 in 2021.", "1,980", False),
    # "an average of N beds" funded is the number of beds asked for
    ("How many beds did the Peru budget seek?", "The Peru budget sought funding for an average of 2,500 beds.", "2,500", False),
])
def test_a_days_average_does_not_answer_for_a_total(question, sentence, number, total):
    found = kind_disagreements(parse(question, {}), fact(sentence, number))
    assert found == (["the figure found is an average and the question asks for a total"] if total else [])


def test_a_share_restated_as_a_count_does_not_answer_for_the_total():
    sentence = "The plan cut approximately 11% of the Peru company's workforce, or 1,027 employees, last year."
    assert kind_disagreements(parse("What was the total number of Peru company employees?", {}), fact(sentence, "1,027")) == [
        "the figure found is a share of a total, and the question asks for the total"]
    assert kind_disagreements(parse("How many Peru company employees lost their jobs?", {}), fact(sentence, "1,027")) == []


def test_a_list_s_lead_in_may_set_the_subset_apart():
    from bot.agree import _polarity_differs

    question = "How many people without a lawyer were released?"
    assert _polarity_differs(question, "610 were released", "- Released: 610", "Among people without a lawyer:") is None
    assert _polarity_differs(question, "610 were released", "- Released: 610", "Among all people:") == "lawyer"


@pytest.mark.parametrize("sentence, number, how_much", [
    ("- Fentanyl seized: 1,180 pounds, most of it in cars", "1,180", True),
    ("Crews laid 30 tons of gravel.", "30", True),
    ("Officers seized 1,180 packages.", "1,180", False),
])
def test_a_count_in_a_unit_of_measure_answers_how_much(sentence, number, how_much):
    found = disagreements("How much was seized at the Peru port?", fact(sentence, number))
    assert (not any("how much" in d for d in found)) is how_much


def test_the_level_an_average_is_compared_with_is_an_average_too():
    from bot.agree import averaged

    sentence = "- Average wait for cars at peak hours: 74 minutes, against 52 minutes a year earlier"
    assert averaged(fact(sentence, "52 minutes"))
    assert not averaged(fact("Cars waited 52 minutes, against 74 at the other gate.", "74"))


def test_what_already_existed_is_not_what_was_done():
    from bot.agree import already_there, asks_what_was_done

    sentence = ("When the mayor took office, 654 miles of the river already had some kind of levee: "
                "354 miles of earth berms and 300 miles of concrete walls.")
    whole, part = fact(sentence, "654"), fact(sentence, "354")
    whole = whole.model_copy(update={"clause": "654 miles of the"})
    assert already_there(part, whole) and not already_there(part, None)
    assert asks_what_was_done("How many miles of earth berms were built under the mayor?")
    assert not asks_what_was_done("How many miles of earth berms existed when the mayor took office?")
    assert not asks_what_was_done("How many miles of concrete walls were on the river in 2017?")


@pytest.mark.parametrize("question, sentence, number, happened", [
    # what was asked for, planned or priced is not what happened, unless the question asks for it
    ("How much did Congress appropriate for consular IT in fiscal 2025?",
     "The department has asked Congress for $1.2bn in fiscal 2025 to modernise its IT.", "$1.2bn", False),
    ("How much did the department ask Congress for in fiscal 2025?",
     "The department has asked Congress for $1.2bn in fiscal 2025 to modernise its IT.", "$1.2bn", True),
    ("How much has the county budgeted for legal aid?",
     "The committee directed staff to price a $475,000 legal-aid allocation.", "$475,000", False),
    ("How many refugees were admitted in fiscal 2021?",
     "The administration said it plans to admit at most 15,000 refugees in fiscal 2021.", "15,000", False),
    ("What is the most refugees the administration said it would admit in fiscal 2021?",
     "The administration said it plans to admit at most 15,000 refugees in fiscal 2021.", "15,000", True),
    # the level a proposed move leaves is the level as it stands
    ("What is the current fee?", "The agency proposed raising the fee from $640 to $1,170.", "$640", True),
    ("What is the current fee?", "The agency proposed raising the fee from $640 to $1,170.", "$1,170", False),
    # "detainer requests" are counted things, not a request for them
    ("How many detainers did ICE issue?", "Of the 4,000 requests received, 3,000 were refused.", "3,000", True),
    ("How far has the rate fallen?", "The rate of people targeted for deportation has fallen by 30 percent.",
     "30 percent", True),
])
def test_a_figure_asked_for_or_planned_does_not_answer_for_what_happened(question, sentence, number, happened):
    found = kind_disagreements(parse(question, {}), fact(sentence, number))
    assert (not any("not what happened" in d for d in found)) is happened


def test_a_difference_of_levels_does_not_answer_for_a_percent():
    from bot.arithmetic import Result
    a = fact("Posts issued 27,415 visas, up from 23,980 the year before.", "27,415")
    b = fact("Posts issued 27,415 visas, up from 23,980 the year before.", "23,980").model_copy(update={"id": "story:1", "start": 40})
    found = derived_disagreements(parse("By how much, in percent, did visa issuance rise?", {}), "difference",
                                  Result(operation="difference", value=3435.0, unit="count", shown="27,415 - 23,980",
                                         result_text="3,435", rounding="no rounding"), b, a)
    assert any("asks for a percent" in d for d in found)


def test_a_restated_percent_of_a_change_does_not_answer_how_much():
    stated = fact("Research expenses increased $1.7 billion or 13%, due to cloud investments.", "13%").model_copy(
        update={"unit": "percent"})
    found = kind_disagreements(parse("How much were the research expenses in 2018?", {}), stated)
    assert any("asks how much" in d for d in found)
    assert not any("asks how much" in d for d in kind_disagreements(
        parse("By what percent did research expenses increase in 2018?", {}), stated))


@pytest.mark.parametrize("question, sentence, flipped", [
    # a contraction negates what is had, and a synonym reads as its group's word
    ("How many people don't have an attorney?", "Nearly 900 people have no lawyer.", None),
    ("How many people have an attorney?", "Nearly 900 people have no lawyer.", "lawyer"),
    ("How many people didn't get a lawyer?", "Nearly 900 people had a lawyer.", "lawyer"),
])
def test_a_negation_is_read_through_contractions_and_synonyms(question, sentence, flipped):
    from bot.agree import polarity_flip
    fact = Fact.model_construct(clause=sentence.rstrip("."), quote=sentence, context="")
    assert polarity_flip(question, fact) == flipped
