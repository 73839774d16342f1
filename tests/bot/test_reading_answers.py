"""What a figure is, read from its sentence, decides the answer: the two levels of a move, an
earlier level stated only as a change against it, a part set apart from its siblings, a rate, a
negated count. One short article written for these checks; real model, real index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import Bot
from bot.coverage import asked_words
from bot.match import MIN_SCORE, Scored
from bot.pipeline import _stated_whole
from documents import bot_beside_sources

SOURCES = Path(__file__).resolve().parents[2] / "sources"

pytestmark = pytest.mark.slow

ARTICLE = """---
title: "Peru county board raises transcript fee"
publisher: Test Gazette
published: 2024-03-14
---

The Peru county board voted on Tuesday to raise the fee for a certified court transcript from $48 to $75.

The county's transcription office handled 2,140 transcript requests in 2023, 380 more than in 2022.

Crews put up about 80 miles of fence in places that had none before: 47 miles of steel fence and 33 miles of wire fence.

The jail booked in 9,100 people in 2023, or about 25 a day. Of those 9,100 people, 6,200 had no criminal conviction.

In all, 1,400 people were held on drug or weapons charges.
"""

# Read beside the project's articles (`among`), so that its words are as rare as in any real collection.
OFFICE = """---
title: "Peru records office: fees, removals and its contractor"
publisher: Test Gazette
published: 2024-03-14
---

The sheriff said the people the Peru jail released in 2023 included 120 who were convicted of theft, 45 of fraud and 30 of assault.

The records office plans to raise its search fee from $40 to $65. Filers currently also pay a $30 stamping fee, for a total of $105.

Kenya Holdings Group plc, which runs the county's records contract, said revenue from its archive division rose 9 percent to $4.2m in the year to June 2023 (2022: $3.9m), as requests recovered from pandemic lows. Group revenue was $11.5m.
"""


# A register's yearly brief: a bulleted list, a plain-text table and a year told as a story.
REGISTER = """---
title: "Kenya's permit register, year by year"
publisher: Test Gazette
published: 2023-10-05
---

By kind of permit, the register's fiscal 2022 totals were:
- Fishing-boat licences: 4,215
- Trading-boat licences: 1,380
- Market stalls: 962

The register's yearly counts of ferry crossings to Lamu Island, by year.

Year     Crossed   Turned back
FY2021   2,491     450
FY2022   3,004     310

Fiscal 2023 was a hard year. No ferry could sail in October, and the harbour closed on March 19 for repairs. The harbour let through 7,120 ferries before the closure, 240 during it and 3,980 after it.

In July 2023, 2,950 ferries crossed to Lamu Island. Crossings declined through the rains, and in August the monthly count fell to 1,210.

The register refused 2.4 percent of permit applications in fiscal 2022. Refusal rates varied by applicant:

* Fishers from the 12 Lamu Island villages, who may apply by post, had a refusal rate of 0.8 percent.
* Traders from the mainland had a refusal rate of 3.1 percent.
"""


def bot_over(tmp_path_factory, name: str, files: dict[str, str]) -> Bot:
    """A bot over `files` alone (name -> text), indexed in a folder of its own."""
    root = tmp_path_factory.mktemp(name)
    (root / "sources").mkdir()
    for filename, text in files.items():
        (root / "sources" / filename).write_text(text)
    return Bot.load(root / "sources", root / "index", log=lambda _: None)


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "reading", {"peru-board.md": ARTICLE})


def test_the_size_of_a_move_is_worked_out_from_its_two_levels(bot):
    answer = bot.ask("How much would the Peru transcript fee increase?")
    assert answer.value == 27 and answer.kind == "derived"
    assert {c.quote for c in answer.citations} == {
        "The Peru county board voted on Tuesday to raise the fee for a certified court transcript from $48 to $75."}


def test_the_level_a_move_reached_is_the_new_one(bot):
    assert bot.ask("What will the new Peru transcript fee be?").value == 75


def test_what_is_question_takes_the_end_of_a_move_its_words_ask_for(among):
    assert among.ask("What will the search fee at the Peru records office become?").value == 65
    assert among.ask("What is the current search fee at the Peru records office?").value == 40


def test_the_current_level_is_the_one_a_move_starts_from(among):
    # "current" places the question at the article's time; it is not a word the figure must say
    assert among.ask("How much is the current search fee?").value == 40


def test_an_earlier_level_stated_as_a_change_is_worked_out(bot):
    answer = bot.ask("How many transcript requests did the Peru office handle in 2022?")
    assert answer.value == 1760 and answer.kind == "derived"
    assert "2,140" in answer.calculation and "380" in answer.calculation


def test_a_part_set_apart_from_its_siblings_does_not_answer_for_the_whole(bot):
    answer = bot.ask("How many miles of fence went up where there had been none before in Peru?")
    assert answer.value != 47 and answer.value in (None, 80)


def test_a_rate_question_is_not_answered_with_a_total(bot):
    answer = bot.ask("How many people did the Peru jail book in per day in 2023?")
    assert answer.value != 9100 and answer.value in (None, 25)
    assert bot.ask("How many people did the Peru jail book in during 2023?").value == 9100


def test_a_negated_count_answers_the_plain_question_only_as_the_rest_of_its_whole(bot):
    answer = bot.ask("How many people booked into the Peru jail in 2023 had a criminal conviction?")
    assert answer.value == 2900 and answer.kind == "derived"  # 9,100 - 6,200
    assert answer.calculation.startswith("9,100 - 6,200 = 2,900")
    assert bot.ask("How many people booked into the Peru jail in 2023 had no criminal conviction?").value == 6200


def test_the_rest_of_a_negated_either_is_not_one_of_its_two(tmp_path):
    article = ("---\ntitle: Peru jail count\npublished: 2024-01-10\n---\n\n"
               "As of Jan. 7 the Peru jail held 3,900 people. Of those, 2,600 had no criminal conviction or "
               "pending criminal charge.\n")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "peru-jail.md").write_text(article)
    bot = Bot.load(tmp_path / "sources", tmp_path / "index", log=lambda *a: None)
    both = bot.ask("How many people in the Peru jail on Jan. 7, 2024 had a criminal conviction or a pending criminal charge?")
    assert both.value == 1300 and both.calculation.startswith("3,900 - 2,600 = 1,300")
    assert bot.ask("How many people in the Peru jail on Jan. 7, 2024 had a criminal conviction?").value is None
    assert bot.ask("How many people in the Peru jail on Jan. 7, 2024 had no pending criminal charge?").value is None
    neither = bot.ask("How many people in the Peru jail on Jan. 7, 2024 had neither a criminal conviction nor a "
                      "pending criminal charge?")
    assert neither.value == 2600



def test_the_rest_a_sentence_states_without_a_figure_is_the_whole_less_its_parts(tmp_path_factory):
    article = ("---\ntitle: Peru court decisions\npublished: 2024-01-10\n---\n\n"
               "Judges at the Peru court ruled on 5,000 asylum claims in 2023. They granted asylum to 1,200 "
               "applicants and turned down 3,100; the small remainder were allowed to stay under some other "
               "form of relief.\n")
    bot = bot_beside_sources(tmp_path_factory, "rest", {"peru-court.md": article})
    neither = bot.ask("How many Peru asylum claims in 2023 were neither granted nor denied?")
    assert neither.value == 700 and neither.calculation.startswith("5,000 - 1,200 - 3,100 = 700")
    assert bot.chat().ask("how many got some other form of relief at the Peru court in 2023").value == 700
    # "not granted" leaves the denied in: no question about the rest
    assert bot.ask("How many Peru asylum claims in 2023 were not granted?").value != 700


def test_three_listed_names_are_added_up_or_not_answered_by_one_or_two_of_them(tmp_path_factory):
    article = ("---\ntitle: Peru charter flights\npublished: 2024-01-10\n---\n\n"
               "The Peru agency flew 900 charter flights in 2023. Kenya received 310 charter flights in 2023, "
               "Chile received 205 charter flights in 2023 and Laos received 120 charter flights in 2023.\n")
    bot = bot_beside_sources(tmp_path_factory, "listed", {"peru-flights.md": article})
    total = bot.ask("How many Peru charter flights went to Kenya, Chile and Laos combined in 2023?")
    assert total.value == 635 and total.calculation.startswith("310 + 205 + 120 = 635")
    assert bot.ask("How many Peru charter flights went to Kenya, Chile and Laos in 2023?").value in (None, 635)
    assert bot.ask("How many Peru charter flights went to Kenya, Chile and Peru in 2023?").value is None
    assert bot.ask("How many Peru charter flights went to Chile in 2023?").value == 205


def test_a_gap_between_two_years_is_the_change_the_sentence_states(bot):
    answer = bot.ask("How many more transcript requests did the Peru office handle in 2023 than in 2022?")
    assert answer.value == 380 and answer.kind == "fact"
    assert "compared with 2022" in answer.text


def test_a_total_does_not_borrow_the_words_of_the_parts_it_lists(tmp_path):
    body = ("---\ntitle: Peru requests\npublished: 2024-02-01\n---\n\n"
            "Of the 4,812 detainer requests the Peru sheriff received in 2023, 3,105 followed an arrest on criminal "
            "charges and 1,707 followed a traffic stop. The total was up from 4,120 in 2022.\n")
    # beside the project's articles, so that "traffic" is a rare word, as in any real collection
    shutil.copytree(SOURCES, tmp_path / "sources")
    (tmp_path / "sources" / "peru-requests.md").write_text(body)
    bot = Bot.load(tmp_path / "sources", tmp_path / "index", log=lambda _: None)
    assert bot.ask("How many Peru detainer requests followed traffic stops in 2022?").value is None
    assert bot.ask("How many detainer requests did the Peru sheriff receive in 2022?").value == 4120


def test_a_figure_of_either_of_two_things_does_not_answer_for_one(bot):
    answer = bot.ask("How many people were held on drug charges in Peru?")
    assert answer.value is None and "'drug' and 'weapons' together" in answer.text
    assert bot.ask("How many people were held on drug or weapons charges in Peru?").value == 1400


@pytest.fixture(scope="module")
def among(tmp_path_factory):
    return bot_beside_sources(tmp_path_factory, "among", {"peru-office.md": OFFICE, "kenya-register.md": REGISTER})


def test_a_total_after_its_parts_does_not_answer_for_a_part(among):
    assert among.ask("How much is the stamping fee?").value == 30
    assert among.ask("What is the total fee filers pay?").value == 105


def test_a_level_reached_after_a_change_measures_the_changes_subject(among):
    # "revenue from its archive division rose 9 percent to $4.2m": the level is the division's revenue
    level = next(f for f in among.facts_of("peru-office") if f.as_written == "$4.2m")
    assert all(among.names(level, word) for word in asked_words("archive division revenue", among.lexicon))
    earlier = next(f for f in among.facts_of("peru-office") if f.as_written == "$3.9m")
    assert all(among.names(earlier, word) for word in asked_words("archive division revenue", among.lexicon))
    assert among.ask("What was the archive division's revenue in the year to June 2023?").value == 4200000



def test_a_part_that_names_its_own_kind_does_not_answer_for_a_related_one(among):
    # "120 who were convicted of theft" is about convictions, as misdemeanors are, but not misdemeanors
    answer = among.ask("How many people the Peru jail released in 2023 were convicted of misdemeanors?")
    assert answer.value is None and "'theft'" in answer.text
    assert among.ask("How many people the Peru jail released in 2023 were convicted of theft?").value == 120



def test_a_word_every_line_of_a_list_shares_does_not_set_one_line_apart(among):
    # "licences" is the list's word: the line is set apart by "fishing-boat"
    assert among.ask("How many fishing-boat licences did the Kenya register count in fiscal 2022?").value == 4215


def test_a_table_cell_is_about_what_the_prose_before_the_table_says(among):
    assert among.ask("How many ferry crossings to Lamu Island were there in fiscal 2022?").value == 3004


def test_a_figure_after_an_event_in_the_year_is_dated_by_the_year_not_the_event(among):
    answer = among.ask("How many ferries did the harbour let through in fiscal 2023 during the closure?")
    assert answer.value == 240
    before = among.ask("How many ferries did the harbour let through in fiscal 2023 before the closure?")
    assert before.value in (None, 7120)


def test_a_bare_count_that_fell_to_a_level_is_a_level_of_what_the_sentence_before_counts(among):
    # "the monthly count fell to N": the count is of the ferries of the sentence before
    assert among.ask("How many ferries crossed in August 2023?").value == 1210


def test_a_bulleted_line_is_about_the_subject_it_opens_with(among):
    # "* Fishers from ... villages had a refusal rate of N": N is the fishers' rate, not the register's
    assert among.ask("What was the refusal rate in fiscal 2022?").value == 2.4
    assert among.ask("What was the refusal rate for traders from the mainland in fiscal 2022?").value == 3.1


# A council story in AP style: small counts spelled out, a noun left out of a parallel clause, a
# name given once in the lead and taken up as "the shelter", a list of places and a definition.
def story(title: str, body: str) -> str:
    """A Markdown article of the Test Gazette, published 2024-05-02."""
    return f'---\ntitle: "{title}"\npublisher: Test Gazette\npublished: 2024-05-02\n---\n\n{body}'


LODGE = story("Lamu council renews ferry shelter contract", """LAMU - The council voted on Monday to renew its contract with the Kenya Lodge shelter.

During the hearing, 14 residents spoke in favor of the renewal and six spoke against it.

The shelter took in 1,300 people in 2023. Most of them came from two cities: Mombasa (700) and Malindi (400).

The council's contract capped intake at 1,320 people for 2023.

Across the region, Peru's shelters held 640 people on an average day in 2023, or about 53 per 100,000 residents.

A "transit stay," as the contract calls it, is a stay of up to two nights.

The lodge's new sea wall, 12 feet tall, guards the 14-mile ferry route, and 3 miles of the route run along the reef.
""")


@pytest.fixture(scope="module")
def lodge(tmp_path_factory):
    return bot_over(tmp_path_factory, "lodge", {"lamu-lodge.md": LODGE})


def test_a_spelled_out_count_takes_the_noun_of_its_parallel_clause(lodge):
    against = lodge.ask("How many residents spoke against the renewal?")
    assert against.value == 6 and against.citations[0].quote.endswith("six spoke against it.")
    assert lodge.ask("How many residents spoke in favor of the renewal?").value == 14


def test_a_name_in_the_lead_is_the_one_the_sentence_takes_up(lodge):
    # "the Kenya Lodge shelter" in the lead, then "The shelter took in ..."; "during 2023" is "in 2023"
    assert lodge.ask("How many people did the Kenya Lodge shelter take in during 2023?").value == 1300


def test_a_share_of_a_list_item_is_of_the_whole_not_of_a_sibling(lodge):
    chat = lodge.chat()
    assert chat.ask("How many people did the shelter take in in 2023?").value == 1300
    assert chat.ask("and how many of them came from Malindi?").value == 400
    share = chat.ask("what share is that?")
    # 400 / 1,300 = 30.8 %, never 400 / 700 (Mombasa, the item beside it)
    assert share.value == pytest.approx(30.8) and "1,300" in share.calculation


def test_a_share_of_places_is_not_a_share_of_people(lodge):
    from bot.pipeline import _part_counts_another
    from bot.question import parse

    facts = {f.as_written: f for f in lodge.facts}
    query = parse("What share of the people the shelter took in came from cities?", lodge.aliases)
    # "two cities" counts places (typed by meaning): no part of 1,300 people; Malindi's 400 is
    assert _part_counts_another(lodge, query, facts["two"], facts["1,300"]) == "cities"
    assert _part_counts_another(lodge, query, facts["400"], facts["1,300"]) is None


def test_what_is_a_term_is_answered_by_the_sentence_that_defines_it(lodge):
    answer = lodge.ask("What is a transit stay?")
    assert answer.kind == "passage" and "up to two nights" in answer.citations[0].quote


def test_a_size_is_the_figure_stated_as_that_size(lodge):
    # "the 14-mile ferry route" is the route's length; "3 miles of the route" is a stretch of it
    assert lodge.ask("How long is the ferry route?").value == 14
    assert lodge.ask("How tall is the lodge's new sea wall?").value == 12
    # a size is never a count of something else
    assert lodge.ask("How tall is the shelter?").value is None


def test_a_figure_near_in_value_is_no_conflict_unless_it_answers_the_question(lodge):
    # a cap of 1,320 people is close to the 1,300 people taken in, and measures something else
    answer = lodge.ask("How many people did the Kenya Lodge shelter take in during 2023?")
    assert answer.value == 1300 and answer.conflicts == []


def test_a_rate_per_residents_is_the_figure_stated_per_that_unit(lodge):
    # "rate" and "residents" name the kind of number; the figure is the one stated "per 100,000",
    # never the count beside it nor the denominator the question quotes
    answer = lodge.ask("What was the Peru shelters' rate per 100,000 residents in 2023?")
    assert answer.value == 53


def test_a_word_only_in_a_company_s_name_is_not_said_of_the_figure(among):
    # "Kenya Holdings Group plc said revenue from its archive division rose to $4.2m (2022: $3.9m)";
    # "Group revenue was $11.5m" is the only group figure: 2022's group revenue is not given
    answer = among.ask("What was Kenya Holdings' group revenue in 2022?")
    assert answer.value is None and answer.abstained
    assert among.ask("What was revenue at Kenya Holdings' archive division in 2022?").value == 3_900_000


def test_a_figure_for_one_named_place_does_not_answer_for_all(lodge):
    # "Peru's shelters held 640 people on an average day": Peru's part, not every shelter's
    assert lodge.ask("How many people did shelters hold on an average day in 2023?").value is None
    assert lodge.ask("How many people did Peru's shelters hold on an average day in 2023?").value == 640


REGION = story("Lamu region shelters fill up",
               "On an average day in 2023, 1,150 people were held in the region's shelters, up from 980 in 2022. "
               "The region paid its shelters $4.2m in 2022.\n")


def test_a_bare_follow_up_asks_the_same_kind_of_number_in_its_unit(tmp_path_factory):
    chat = bot_over(tmp_path_factory, "region", {"lamu-region.md": REGION}).chat()
    assert chat.ask("How many people were held in the region's shelters on an average day in 2023?").value == 1150
    # "and in 2022?" asks the same average count: not "$4.2m in 2022", and "up from 980" is
    # an average as its question asked
    assert chat.ask("and in 2022?").value == 980


CROSSING = story("A record year at the Lamu crossing", """The Lamu land port had its busiest year in 2023.

- Passenger cars: 2.3 million
- Pedestrians: 900,000

"We are doing more with less," said the port director. She said the crossing needs at least 60 more officers.
""")


def test_a_calculation_question_that_names_its_own_thing_is_not_about_the_last_two_figures(tmp_path_factory):
    chat = bot_beside_sources(tmp_path_factory, "crossing", {"lamu-crossing.md": CROSSING}).chat()
    assert chat.ask("How many passenger cars crossed at Lamu in 2023?").value == 2_300_000
    assert chat.ask("How many pedestrians crossed at Lamu in 2023?").value == 900_000
    # not 2.3 million - 900,000: the question asks about officers, which neither figure counts
    assert chat.ask("How many more officers does the port director say Lamu needs?").value != 1_400_000
    # naming nothing but the calculation, it is about them
    assert chat.ask("How many more cars than pedestrians is that?").value == 1_400_000


PORT = story("By the numbers: a year at the Lamu crossing", """# By the numbers: a year at the Lamu crossing

The Lamu land port had its busiest year in 2023.

- Officers on staff at year end: 310, or 45 fewer than the port is authorized to have
- Average wait for cars at peak hours: 74 minutes, against 52 minutes a year earlier
- Fentanyl seized: 1,180 pounds
""")


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    return bot_beside_sources(tmp_path_factory, "port", {"lamu-port.md": PORT})


def test_a_stated_difference_is_no_rival_for_the_level_asked(port):
    assert port.ask("How many officers were on staff at the Lamu port at the end of 2023?").value == 310


def test_a_time_answers_a_question_that_leaves_the_kind_of_number_open(port):
    assert port.ask("What was the average wait for cars at peak hours at Lamu in 2023?").value == 74
    assert port.ask("What was the average wait for cars at peak hours at Lamu in 2022?").value == 52
    # "how many" still asks for a count, not a time
    assert port.ask("How many cars waited at peak hours at Lamu?").value != 74


def test_an_amount_in_a_unit_of_measure_answers_how_much_and_says_its_unit(port):
    answer = port.ask("How much fentanyl was seized at the Lamu port?")
    assert answer.value == 1180 and answer.text.startswith("**1,180** pounds")


@pytest.mark.parametrize("question, word", [
    ("How much cocaine was seized at the Lamu port?", None),  # the project's articles speak of drugs
    ("How many giraffes were seized at the Lamu port?", "giraffes"),
    ("What was the number of giraffes seized at Lamu?", "giraffes"),
])
def test_a_counted_thing_no_word_of_the_articles_is_like_gets_no_figure(port, question, word):
    # the articles count fentanyl; nothing in them is like the thing asked for
    answer = port.ask(question)
    assert answer.abstained and answer.value is None
    assert word is None or f"They don't mention {word}" in answer.text


LEVEES = story("Peru levee work reaches 450 miles", """The Lima administration said it had finished 452 miles of levee work by January.

About 80 miles went up in places that had none before: 47 miles of earth berm and 33 miles of concrete wall.

When Mayor Lima took office in January 2017, 654 miles of the river already had some kind of levee: 354 miles of earth berms and 300 miles of concrete walls.
""")


@pytest.fixture(scope="module")
def levees(tmp_path_factory):
    return bot_beside_sources(tmp_path_factory, "levees", {"peru-levees.md": LEVEES})


@pytest.mark.parametrize("question", [
    # a part of a breakdown of the 80 new miles is no total
    "How many miles of earth berm were built in total under Lima?",
    # what already stood when the mayor took office was not built under the mayor
    "How many miles of earth berms were built under Lima?",
    # a rate no figure gives is not answered with a passage that has other numbers in it
    "What was the levee failure rate in Peru?",
])
def test_a_figure_that_does_not_mean_what_was_asked_is_not_stated(levees, question):
    answer = levees.ask(question)
    assert answer.abstained and answer.value is None


INSPECTIONS = story("Lamu boat checks rise", """Inspectors of the Lamu Office of Ferry Safety Inspection checked 412 boats in 2023.

The Port Health Authority, which checks galleys, inspected 96 boats in 2023.
""")


@pytest.fixture(scope="module")
def inspections(tmp_path_factory):
    return bot_beside_sources(tmp_path_factory, "inspections", {"lamu-inspections.md": INSPECTIONS})


@pytest.mark.parametrize("question, value", [
    # an initialism the article never writes stands for the name it spells out
    ("How many boats did the PHA inspect in 2023?", 96),
    ("How many boats did the OFSI check in 2023?", 412),
])
def test_an_initialism_is_the_name_it_spells_out(inspections, question, value):
    assert inspections.ask(question).value == value


def test_an_initialism_no_name_spells_is_not_mentioned(inspections):
    answer = inspections.ask("How many boats did the KPA inspect in 2023?")
    assert answer.abstained and "They don't mention KPA" in answer.text


FERRY = story("Lamu ferry traffic grows", """LAMU - Traffic on the Lamu ferry grew again last year, the port office's yearly figures show.

| Fiscal year | Travelers (millions) | Vehicles carried |
|---|---|---|
| 2021 | 2.9 | 18,400 |
| 2022 | 4.1 | 21,950 |

The office expects the growth to slow in 2023.
""")


@pytest.fixture(scope="module")
def ferry(tmp_path_factory):
    return bot_over(tmp_path_factory, "ferry", {"lamu-ferry.md": FERRY})


def test_a_cell_is_the_amount_its_column_states(ferry):
    answer = ferry.ask("How many travelers used the Lamu ferry in fiscal 2021?")
    assert answer.value == 2_900_000
    assert "**2.9** Travelers (millions)" in answer.text  # stated as written, its unit beside it
    assert ferry.ask("How many vehicles did the ferry carry in fiscal 2022?").value == 21_950


def test_arithmetic_on_cells_shows_the_amounts_not_the_digits(ferry):
    answer = ferry.ask("How many more travelers used the ferry in fiscal 2022 than in fiscal 2021?")
    assert answer.value == 1_200_000
    assert "4,100,000" in answer.text and "2,900,000" in answer.text


DRAW = story("Lamu berth draw", """LAMU - The port office ran its yearly draw for ferry berths in March.

Applicants sent in 780 registrations; after the office removed duplicates, 700 remained eligible. That was more than the 474 eligible registrations for the 2023 draw, when the office selected 127.
""")


@pytest.fixture(scope="module")
def draw(tmp_path_factory):
    return bot_over(tmp_path_factory, "draw", {"lamu-draw.md": DRAW})


def test_a_follow_up_is_shown_as_asked_of_what_the_figure_counts(draw):
    chat = draw.chat()
    assert chat.ask("How many eligible registrations were there for the 2023 draw?").value == 474
    answer = chat.ask("How many of them got selected?")
    assert answer.value == 127
    assert "eligible registrations" in answer.resolved_question and "removals" not in answer.resolved_question
    assert "removals" not in answer.text



STRIKE = story("Lamu ferry strike ends", """LAMU - Ferry crews returned to work on Friday after a strike that halted crossings for 12 days, the longest stoppage in the port's history.

Repairs to the damaged landing stage took three weeks, and the council paid $40,000 for them.
""")


@pytest.fixture(scope="module")
def strike(tmp_path_factory):
    return bot_over(tmp_path_factory, "strike", {"lamu-strike.md": STRIKE})


def test_how_long_something_lasted_is_the_one_time_stated_of_it(strike):
    answer = strike.ask("How long did the ferry strike last?")
    assert (answer.value, answer.unit) == (12, "duration") and "**12 days**" in answer.text
    assert strike.ask("How long did the repairs take?").value == 3
    assert strike.ask("How long did the port's dredging last?").value is None


JAIL = story("Lamu jail renews federal contract", """LAMU - The council voted on Tuesday to renew the jail's agreement to hold people for ICE, raising the daily rate ICE pays per detainee to $96 from $82.

Commissioners said a separate agreement with the U.S. Marshals Service was not before the council.
""")


@pytest.fixture(scope="module")
def jail(tmp_path_factory):
    return bot_over(tmp_path_factory, "jail", {"lamu-jail.md": JAIL})


def test_a_passage_with_another_body_s_figure_does_not_answer_for_a_named_one(jail):
    answer = jail.ask("What daily rate does Lamu get for holding Marshals Service prisoners?")
    assert answer.value is None and "$96" not in answer.text.split("Related")[0]



# A client note dated in its front matter: relative dates, two places named together, a code among
# categories, a request and a fee change on a day.
NOTE = """---
title: "Mobility note: Peru visa posts"
publisher: Test Gazette
published: 2024-03-14
---

Last month the embassy in Lima and the consulate in Cusco issued 9,840 visitor visas, 14 per cent more than a year earlier.

In the prior fiscal year, posts in Peru issued 27,415 work visas in the H, L, O and E categories, up from 23,980 the year before that.

The fee for petition visas such as the H-1B and L-1 rose to US$215 from US$190 on 17 June 2023.

The State Department has asked Congress for $1.2bn in fiscal 2025 to modernise its consular systems.
"""


@pytest.fixture(scope="module")
def note(tmp_path_factory):
    return bot_over(tmp_path_factory, "note", {"peru-note.md": NOTE})


def test_a_relative_date_counts_from_the_article_s_date(note):
    assert note.ask("How many visitor visas did the embassy in Lima and the consulate in Cusco issue in "
                    "February 2024?").value == 9840
    assert note.ask("How many work visas did posts in Peru issue in fiscal 2022?").value == 23980


def test_a_figure_of_two_places_together_does_not_answer_for_one(note):
    answer = note.ask("How many visitor visas did the consulate in Cusco issue in February 2024?")
    assert answer.value is None and "together" in answer.text


def test_a_code_the_figure_s_passage_does_not_say_rules_it_out(note):
    answer = note.ask("How many L-1 visas did posts in Peru issue in fiscal 2022?")
    assert answer.value is None


def test_the_level_a_move_reached_on_a_day_is_of_that_day_s_month(note):
    assert note.ask("What did the fee for petition visas go up to in June 2023?").value == 215


def test_what_was_asked_for_does_not_answer_what_was_given(note):
    assert note.ask("How much did Congress appropriate in fiscal 2025 for consular systems?").value is None
    assert note.ask("How much did the State Department ask Congress for in fiscal 2025?").value == 1.2e9


LIST_NOTE = """---
title: "Peru City refugees: your questions answered"
publisher: Test Gazette
published: 2023-11-20
---

By the Test Gazette explainer desk.

Peru City resettled more refugees in fiscal 2023 than in any year since 2016.

Which agencies do the work?

Peru Refugee Services resettled 842 people, New Roots Alliance 598 and St. Brendan Family Services 407 in fiscal 2023.
"""


def test_a_lowercase_name_and_a_count_with_its_verb_left_out(tmp_path_factory):
    bot = bot_over(tmp_path_factory, "list-note", {"peru-list.md": LIST_NOTE})
    assert bot.recased("how many did new roots alliance resettle in peru city?") == \
        "how many did New Roots Alliance resettle in Peru City?"
    assert bot.ask("How many people did New Roots Alliance resettle in fiscal 2023?").value == 598
    assert bot.ask("how many people did st. brendan family services resettle in fiscal 2023").value in (407, None)


FLIGHTS = """---
title: "Flight monitor: removal flights in fiscal 2023"
publisher: Test Gazette
published: 2024-01-12
---

ICE operated 1,742 removal flights in fiscal 2023, the monitor said. Guatemala received the most flights, 512, followed by Honduras with 431 and Peru with 227, or 13% of the total.

On Jan. 9, a single charter from Harlingen to Lima carried 135 people.
"""


def test_a_share_the_sentence_states_of_a_figure_answers_what_share_is_that(tmp_path_factory):
    bot = bot_over(tmp_path_factory, "flights", {"peru-flights.md": FLIGHTS})
    chat = bot.chat()
    assert chat.ask("How many ICE removal flights went to Peru in fiscal 2023?").value == 227
    answer = chat.ask("What share of all removal flights that year is that?")
    assert answer.value in (13, None) and answer.value != 44.3


def test_a_number_that_names_something_is_not_answered_with_a_count(tmp_path_factory):
    bot = bot_over(tmp_path_factory, "flight-number", {"peru-flights.md": FLIGHTS})
    answer = bot.ask("What was the flight number of the Jan. 9 charter from Harlingen to Lima?")
    assert answer.value is None and answer.abstained


PLANS = """---
title: "Peru Holdings annual report: stock compensation"
publisher: Test Gazette
published: 2020-02-20
---

As of December 31, 2019, there was $50.5 million unrecognized stock-based compensation expense of which $12.5 million is related to stock options and ESPP and $38.0 million is related to RSUs.
"""


def test_a_figure_of_another_named_part_of_its_sentence_does_not_answer(tmp_path_factory):
    bot = bot_over(tmp_path_factory, "plans", {"peru-plans.md": PLANS})
    answer = bot.ask("What was the amount of unrecognized stock-based compensation expense related to RSUs "
                     "as of December 31, 2019?")
    assert answer.value in (38.0e6, None) and answer.value != 12.5e6


HARBOUR = story("Lamu harbour office reports its fiscal 2023 permits", """LAMU - The harbour office received 4,800 eligible mooring applications for fiscal 2023, and it approved 1,200 of them.

Traffic grew fastest at the Kilifi Creek landing, which serves the northern villages. Crossings there climbed from 310 in fiscal 2022 to 560 in fiscal 2023.

The Malindi landing stayed busy all year.
""")


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    return bot_beside_sources(tmp_path_factory, "harbour", {"lamu-harbour.md": HARBOUR})


def test_there_is_the_place_the_sentence_before_names(harbour):
    # "Traffic grew fastest at the Kilifi Creek landing ... Crossings there climbed from A to B"
    assert harbour.ask("How many crossings were there at the Kilifi Creek landing in fiscal 2023?").value == 560
    assert harbour.ask("How many crossings were there at the Kilifi Creek landing in fiscal 2022?").value == 310
    assert harbour.ask("How many crossings were there at the Malindi landing in fiscal 2023?").value is None


def test_a_rate_named_by_what_the_last_figure_counts_is_its_share_of_the_whole(harbour):
    chat = harbour.chat()
    assert chat.ask("How many eligible mooring applications did the harbour office receive for fiscal 2023?").value == 4800
    assert chat.ask("How many of them did it approve?").value == 1200
    rate = chat.ask("So what was the approval rate?")
    assert rate.value == 25 and rate.kind == "derived"
    # a rate of something the last figure does not count is not its share
    chat = harbour.chat()
    chat.ask("How many eligible mooring applications did the harbour office receive for fiscal 2023?")
    chat.ask("How many of them did it approve?")
    assert chat.ask("So what was the refusal rate?").value is None


BRIEF = story("Lamu Sector encounters fall again", """LAMU (Test Wire) - Agents in the Lamu Sector recorded 8,100 encounters in May, down from 9,300 in April; single adults rose to 6,050 from 5,800; members of family units fell 41% to 1,460; and unaccompanied children slipped to 705 from 790.

ICE said 97 people were arrested at the Kilifi packing plant in May.

The May total was the lowest for any month since July 2020, when agents logged 7,020 encounters.
""")


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    return bot_beside_sources(tmp_path_factory, "brief", {"lamu-brief.md": BRIEF})


def test_what_a_lead_series_says_of_its_figures_is_not_said_of_a_figure_below(brief):
    # "... members of family units fell 41% to 1,460; ..." in the lead says nothing of the 7,020
    answer = brief.ask("How many family unit members did Lamu Sector agents encounter in May?")
    assert answer.value in (1460, None) and answer.value != 7020


def test_what_sets_apart_the_part_asked_must_be_said_of_the_figure(brief):
    assert brief.ask("How many people were arrested at the Kilifi packing plant?").value == 97
    # "criminal" is near "arrested" in meaning, but no figure counts those with criminal records
    assert brief.ask("How many of the people arrested at the Kilifi plant had criminal records?").value is None


# A release whose bullets take up its subject ("- The program ...") and a chat that names both
# sides of a share in words.
CLINIC = story("Lamu ferry clinic reports a record year", """LAMU - The Lamu Ferry Clinic program released its results for fiscal year 2024.

Over the fiscal year, the program's four clinic sites served 2,400 clients, compared with 1,900 clients the previous year.

Key results for fiscal year 2024:

- Clinics filed 510 permit applications, up from 430 the previous year.
- The program assisted 306 stranded fishers, most referred by harbour masters.

"We made 900 referrals during the year," said Tomas Reyes, who runs the intake desk. "Of those, 270 were shelter placements."
""")


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    return bot_over(tmp_path_factory, "clinic", {"lamu-clinic.md": CLINIC})


def test_a_bullet_that_takes_up_the_subject_of_the_article_is_no_list_label(clinic):
    # "- The program assisted N": "program" is the article's subject, not which item N is
    assert clinic.ask("How many stranded fishers did the Lamu clinics help in FY2024?").value == 306


def test_a_share_follow_up_takes_the_part_and_whole_it_names_from_the_chat(clinic):
    chat = clinic.chat()
    assert chat.ask("How many stranded fishers did the Lamu clinics help in FY2024?").value == 306
    assert chat.ask("And how many clients did they serve overall that year?").value == 2400
    share = chat.ask("what percent of all clients were stranded fishers")
    assert share.value == 12.8 and share.calculation is not None
    assert share.calculation.startswith("306 / 2,400 =")


def test_a_share_takes_the_whole_the_part_s_sentence_points_back_to(clinic):
    # "Staff made 900 referrals during the year. Of those, 270 were ...": the whole's own
    # sentence names neither the clinic nor the year, but the part's says it is of that figure
    share = clinic.ask("What percentage of the Lamu Ferry Clinic's FY2024 referrals were shelter placements?")
    assert share.value == 30.0 and share.calculation.startswith("270 / 900 =")
    # the whole is the figure the part's sentence points back to, whatever its own words score
    part = next(f for f in clinic.facts if f.value == 270)
    scored = [Scored(part, MIN_SCORE + 1.0)]
    found = _stated_whole(clinic, scored, "the Lamu Ferry Clinic's FY2024 referrals")
    assert [f.value for f in found] == [270, 900]
    assert _stated_whole(clinic, scored, "the Lamu Ferry Clinic's FY2024 clients") is None


def test_an_initialism_may_stand_for_a_lowercase_phrase_the_articles_write(clinic):
    # "PAs" for the "permit applications" the release writes in lowercase
    answer = clinic.ask("How many PAs did the Lamu clinics file in FY2024?")
    assert answer.value == 510 and "permit applications" in answer.resolved_question
    # of two phrases ("program assisted"), the one a figure counts; no phrase, no reading
    assert clinic.spelled_out("SPs") == "shelter placements"
    assert clinic.spelled_out("QZ") is None


# A court story with a partitive opener, a list whose lead-in names who it counts, and a share
# whose part is said with a verb other than "were".
DOCKET = story("Lamu court clears a record docket", """LAMU - The Lamu immigration court completed 3,200 cases in fiscal year 2024, a record.

Of the 3,200 cases completed in fiscal year 2024, judges granted relief in 800 and denied it in 1,900. The remainder ended in other ways.

The people deported from the Lamu district in fiscal year 2024 included 40 who were convicted of arson, 120 of burglary, and 66 of driving under the influence.

Of the 5,000 removals from the district, 3,100 were apprehended shortly after arriving, with 1,900 removed from the interior.
""")


@pytest.fixture(scope="module")
def docket(tmp_path_factory):
    return bot_over(tmp_path_factory, "docket", {"lamu-docket.md": DOCKET})


def test_a_share_of_those_is_of_the_last_figure(docket):
    # "what share of those ended in a grant": the last figure is the whole, the rest names the part
    chat = docket.chat()
    assert chat.ask("How many cases did the Lamu court complete in fiscal 2024?").value == 3200
    share = chat.ask("What share of those ended in a grant of relief?")
    assert share.value == 25.0 and share.calculation.startswith("800 / 3,200 =")


def test_a_share_whose_part_is_said_with_another_verb(docket):
    share = docket.ask("What share of the cases the Lamu court completed in fiscal 2024 ended in a denial?")
    assert share.value == 59.4 and share.calculation.startswith("1,900 / 3,200 =")


def test_a_word_the_list_s_lead_in_says_names_its_whole_not_a_kind(docket):
    # "deportees" is said by "the people deported ... included", not by one item of the list
    assert docket.ask("How many 2024 deportees had burglary convictions?").value == 120
    # a kind no item names is still no item
    assert docket.ask("How many 2024 deportees had fraud convictions?").value is None


def test_an_initialism_may_give_a_letter_to_a_preposition(docket):
    answer = docket.ask("How many 2024 deportees had DUI convictions?")
    assert answer.value == 66 and "driving under the influence" in answer.resolved_question


def test_the_set_a_partitive_opener_names_is_every_part_s(docket):
    # "Of the N removals, A were apprehended ..., with B removed from ...": "removals" is A's too
    part = next(f for f in docket.facts if f.value == 3100)
    words = docket.words_of(part)
    assert "remov" in words.sentence and "remov" not in words.not_mine
    assert "interior" in words.not_mine
