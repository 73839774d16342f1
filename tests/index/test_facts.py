"""index.facts: the fact table measured against hand-labelled gold, its offsets, and curated corrections.

evals/gold_facts.jsonl lists every numeric fact in the three articles as the article states it.
Labelling rules: `thing` is what the number counts, using the keys of index.vocab.THINGS
("removals or returns" is deportations; deportees "convicted of" something are convictions,
and so is the share of deportees who were convicted); `period` is when the number applies
("in the past year" in a fiscal-year report is that fiscal year; a practice with no date is
"period not stated"); `actor` is the agency that did what is counted (police hold people and
refuse requests; jurisdictions that decline detainers are local police). Vague amounts ("a few
hundred", "twice that number", "millions of") are not facts.

Run `pytest -s tests/index/test_facts.py` to see the report.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index import vocab
from index.facts import extract_facts
from index.periods import Period
from index.sources import SourceError, load_sources
from index.split import split_sentences

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"
GOLD = ROOT / "evals" / "gold_facts.jsonl"


def sentences_of(articles) -> list:
    return [s for a in articles for s in split_sentences(a.body, a.id)]


@pytest.fixture(scope="module")
def facts(articles):
    """What the extractor finds on its own, without curated corrections."""
    return extract_facts(list(articles.values()), sentences_of(articles.values()))


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]


def measure(facts, gold: list[dict]) -> dict:
    found = {(f.source_id, f.as_written): f for f in facts}
    wanted = {(g["source_id"], g["as_written"]): g for g in gold}
    matched = [(wanted[key], found[key]) for key in wanted if key in found and found[key].value == wanted[key]["value"]]
    n = len(matched)
    return {
        "gold": len(gold),
        "extracted": len(facts),
        "matched": n,
        "precision": n / len(facts),
        "recall": n / len(gold),
        "unit": sum(g["unit"] == f.unit for g, f in matched) / n,
        "thing": sum(g["thing"] == f.thing for g, f in matched) / n,
        "period": sum(g["period"] == f.period.label() for g, f in matched) / n,
        "actor": sum(g["actor"] == f.actor for g, f in matched) / n,
        "misses": sorted(set(wanted) - set(found)),
        "extra": sorted(set(found) - set(wanted)),
        "wrong": [
            (g["as_written"], field, g[field], got)
            for g, f in matched
            for field, got in (("thing", f.thing), ("period", f.period.label()), ("actor", f.actor))
            if g[field] != got
        ],
    }


def test_gold_is_well_formed(gold, articles):
    keys = {(g["source_id"], g["as_written"]) for g in gold}
    assert len(keys) == len(gold)
    for g in gold:
        assert set(g) == {"source_id", "as_written", "value", "unit", "thing", "period", "actor"}
        assert g["as_written"] in articles[g["source_id"]].body
        assert g["thing"] in set(vocab.THINGS) | {"share"}
        assert g["unit"] in {"count", "percent", "money", "duration"}
        assert g["actor"] in set(vocab.ACTORS) | {None}


def test_extraction_against_gold(facts, gold):
    m = measure(facts, gold)
    print(
        f"\nfacts: {m['matched']} of {m['gold']} gold matched, {m['extracted']} extracted"
        f"\n  value precision {m['precision']:.3f}  recall {m['recall']:.3f}"
        f"\n  over matched: unit {m['unit']:.3f}  thing {m['thing']:.3f}  period {m['period']:.3f}"
        f"  actor {m['actor']:.3f}"
    )
    for key in m["misses"]:
        print(f"  missed: {key}")
    for key in m["extra"]:
        print(f"  extra: {key}")
    for as_written, field, want, got in m["wrong"]:
        print(f"  {as_written!r}: {field} {got!r}, gold {want!r}")

    # Measured: 32 gold, 32 extracted, 32 matched -> precision 32/32 = 1.000, recall 32/32 = 1.000;
    # over matched: unit 32/32 = 1.000, thing 26/32 = 0.812, period 27/32 = 0.844, actor 23/32 = 0.719.
    assert m["precision"] >= 0.95
    assert m["recall"] >= 0.95
    assert m["unit"] >= 0.95
    assert m["thing"] >= 0.78
    assert m["period"] >= 0.80
    assert m["actor"] >= 0.68


@pytest.mark.parametrize(
    "source_id, as_written, value, unit, qualifier, thing, period, actor",
    [
        ("dhs-deportations-fiscal-2014", "577,295", 577_295, "count", "exact", "deportations", "2014", "DHS"),
        ("dhs-deportations-fiscal-2014", "486,651", 486_651, "count", "exact", "apprehensions", "2014", "CBP"),
        ("dhs-deportations-fiscal-2014", "10,182", 10_182, "count", "exact", "requests refused", "2014", "local police"),
        ("dhs-deportations-fiscal-2014", "14 percent", 14, "percent", "exact", "migration", "since fiscal year 2013",
         "DHS"),
        ("dhs-deportations-fiscal-2014", "1.6 million", 1_600_000, "count", "exact", "apprehensions", "2000",
         "Border Patrol"),
        ("detainer-holds-fall", "nearly 28,000", 28_000, "count", "approximate", "detainers", "March 2011",
         "local police"),
        ("detainer-holds-fall", "just under 8,000", 8_000, "count", "upper_bound", "detainers", "April 2015",
         "local police"),
        ("ice-fiscal-2012-deportation-record", "1,215", 1_215, "count", "exact", "convictions", "fiscal year 2012",
         "ICE"),
        ("ice-fiscal-2012-deportation-record", "less than 30 percent", 30, "percent", "upper_bound", "votes", "2012",
         None),
    ],
)
def test_known_facts(facts, source_id, as_written, value, unit, qualifier, thing, period, actor):
    [fact] = [f for f in facts if (f.source_id, f.as_written) == (source_id, as_written)]

    assert (fact.value, fact.unit, fact.qualifier, fact.thing, fact.period.label(), fact.actor) == (
        value, unit, qualifier, thing, period, actor
    )


def test_every_fact_quotes_its_article_exactly(facts, articles):
    for fact in facts:
        body = articles[fact.source_id].body
        assert fact.quote == body[fact.sentence_start : fact.sentence_end]
        assert fact.as_written == body[fact.start : fact.end]
        assert fact.sentence_start <= fact.start < fact.end <= fact.sentence_end
        assert fact.id == f"{fact.source_id}:{fact.start}"
    assert len({f.id for f in facts}) == len(facts)


@pytest.mark.slow
def test_built_fact_table_quotes_its_articles_exactly(corpus, articles):
    assert corpus.fact_rows
    for row in corpus.fact_rows:
        body = articles[row["source_id"]].body
        assert row["quote"] == body[row["sentence_start"] : row["sentence_end"]]
        assert row["as_written"] == body[row["start"] : row["end"]]


def copy_articles(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES, folder, ignore=shutil.ignore_patterns("README.md", "facts.yaml"))
    return folder


def extract_with(folder: Path, curated: str) -> list:
    (folder / "facts.yaml").write_text(curated, encoding="utf-8")
    articles = load_sources(folder)
    return extract_facts(articles, sentences_of(articles), folder / "facts.yaml")


def test_curated_entry_relabels_a_fact(tmp_path, facts):
    folder = copy_articles(tmp_path)
    curated = extract_with(folder, (
        "- source: detainer-holds-fall\n"
        "  quote: \"while April’s figures, the most recent\u00a0available, stood at just under 8,000\"\n"
        "  number: \"8,000\"\n"
        "  thing: detainers\n"
        "  thing_text: people held\n"
        "  period: {kind: month, year: 2015, month: 4}\n"
    ))
    [before] = [f for f in facts if f.as_written == "just under 8,000"]

    [after] = [f for f in curated if f.as_written == "just under 8,000"]

    assert after == before.model_copy(update={
        "thing": "detainers",
        "thing_text": "people held",
        "period": Period(kind="month", year=2015, month=4, basis="curated"),
        "curated": True,
    })
    assert len(curated) == len(facts)
    assert [f for f in curated if f.curated] == [after]


def test_curated_entry_adds_a_fact_the_extractor_skipped(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    body = "The county ranked No. 5 with 1,200 detainers. Officials said so."
    (folder / "county.md").write_text(body)

    facts = extract_with(folder, (
        "- source: county\n"
        "  quote: ranked No. 5\n"
        "  number: \"5\"\n"
        "  thing: jurisdictions\n"
        "  actor: local police\n"
    ))

    assert [(f.as_written, f.value, f.curated) for f in facts] == [("1,200", 1_200, False), ("5", 5, True)]
    added = facts[1]
    assert (added.id, added.start, added.end, added.thing, added.actor, added.period) == (
        "county:22", 22, 23, "jurisdictions", "local police", Period()
    )
    assert added.quote == body[added.sentence_start : added.sentence_end] == "The county ranked No. 5 with 1,200 detainers."


def test_bad_curated_entries_are_all_reported_with_file_and_entry(tmp_path):
    folder = copy_articles(tmp_path)
    path = folder / "facts.yaml"

    with pytest.raises(SourceError) as err:
        extract_with(folder, (
            "- source: dhs-deportations-fiscal-2014\n"
            "  quote: DHS conducted a total of 577,296 deportations\n"  # not what the article says
            "  number: \"577,296\"\n"
            "- source: dhs-deportations-fiscal-2014\n"
            "  quote: DHS conducted a total of 577,295 deportations\n"
            "  number: \"414,481\"\n"  # a real figure, but not in this quote
            "- source: no-such-article\n"
            "  quote: anything\n"
            "  number: \"1\"\n"
            "- source: dhs-deportations-fiscal-2014\n"
            "  quote: DHS conducted a total\n"
            "- source: dhs-deportations-fiscal-2014\n"
            "  quote: compared to 2000, when\n"
            "  number: \"2000\"\n"
        ))

    assert err.value.problems == [
        f"{path}: entry 1: quote is not verbatim in dhs-deportations-fiscal-2014",
        f"{path}: entry 2: number '414,481' is not in the quote",
        f"{path}: entry 3: unknown source 'no-such-article'",
        f"{path}: entry 4: needs 'source', 'quote' and 'number'",
        f"{path}: entry 5: '2000' is not a number",
    ]


@pytest.mark.parametrize(
    "content, problem",
    [
        ("source: x\nquote: y\n", "must be a list of facts"),
        ("- [unclosed\n", "not valid YAML ("),
    ],
)
def test_malformed_curated_file(tmp_path, content, problem):
    folder = copy_articles(tmp_path)

    with pytest.raises(SourceError) as err:
        extract_with(folder, content)

    [message] = err.value.problems
    assert message.startswith(f"{folder / 'facts.yaml'}: {problem}")


@pytest.mark.slow
def test_build_stops_on_a_bad_curated_quote(tmp_path):
    from index.store import build

    folder = tmp_path / "sources"
    folder.mkdir()
    shutil.copy(SOURCES / "detainer-holds-fall.md", folder)
    (folder / "facts.yaml").write_text("- source: detainer-holds-fall\n  quote: nearly 28,001 people\n  number: 28,001\n")

    with pytest.raises(SourceError) as err:
        build(folder, tmp_path / "index")

    assert err.value.problems == [f"{folder / 'facts.yaml'}: entry 1: quote is not verbatim in detainer-holds-fall"]
    assert not (tmp_path / "index").exists()


def test_the_parts_of_an_opening_whole_count_what_it_counts():
    from index.facts import extract_article
    from index.sources import Article
    from index.split import split_sentences

    body = ("Of the 4,800 removals the office carried out in 2023, 3,100 followed an arrest on criminal charges "
            "and 1,700 followed a traffic stop.")
    article = Article(id="note", title="A note", body=body, path="note.md", sha256="0")
    facts = {f.as_written: f for f in extract_article(article, split_sentences(body, "note"))}
    assert facts["4,800"].thing == "removals"
    assert facts["3,100"].thing == facts["1,700"].thing == "removals"


def test_a_month_named_alone_is_the_latest_before_the_article_s_date():
    from index.facts import extract_article
    from index.sources import Article
    from index.split import split_sentences

    body = "Arrests peaked in May, when agents made 1,100 of them, and fell to 700 in November."
    article = Article(id="note", title="A note", body=body, path="note.md", sha256="0", published="2020-02-10")
    facts = {f.as_written: f for f in extract_article(article, split_sentences(body, "note"))}
    assert facts["1,100"].period.label() == "May 2019"
    assert facts["700"].period.label() == "November 2019"


def test_a_day_without_its_year_dates_a_figure_only_when_nothing_else_does():
    from index.facts import extract_article
    from index.sources import Article
    from index.split import split_sentences

    def facts(body):
        article = Article(id="note", title="A note", body=body, path="note.md", sha256="0", published="2024-02-10")
        return {f.as_written: f for f in extract_article(article, split_sentences(body, "note"))}

    released = facts("The office removed 4,800 people in fiscal 2023, according to figures released on Dec. 19.")
    assert released["4,800"].period.label() == "fiscal year 2023"
    dated = facts("A status report dated Jan. 4 put the total at 452 miles.")
    assert dated["452"].period.label() == "January 2024"


def test_figures_joined_by_and_share_the_period_that_ends_their_sentence():
    from index.facts import extract_article
    from index.sources import Article
    from index.split import split_sentences

    body = ("Populations were 212 and 187 in 2023 and 2022, respectively. "
            "The county spent $2.4 million on beds and $0.9 million on transport in 2023.")
    article = Article(id="note", title="A note", body=body, path="note.md", sha256="0")
    facts = {f.as_written: f for f in extract_article(article, split_sentences(body, "note"))}
    assert facts["$2.4 million"].period.label() == facts["$0.9 million"].period.label() == "2023"


def test_a_clause_that_has_said_what_its_number_is_ends_at_it():
    from index.facts import extract_article
    from index.sources import Article
    from index.split import split_sentences

    body = "Group revenue was £3.1bn, so the Peru business now accounts for almost two-fifths of the total."
    article = Article(id="note", title="A note", body=body, path="note.md", sha256="0")
    facts = {f.as_written: f for f in extract_article(article, split_sentences(body, "note"))}
    assert facts["£3.1bn"].clause == "Group revenue was £3.1bn"


def test_a_parenthesized_list_item_is_labelled_by_the_name_before_it():
    from index.facts import list_label
    from index.numbers import find_numbers

    text = "It was followed by Peru (364,761), Kenya (111,194) and Chile (90,850)."
    mentions = find_numbers(text)
    assert [list_label(text, m, mentions) for m in mentions] == ["Peru", "Kenya", "Chile"]


def _facts_of(body: str, title: str) -> dict:
    from index.facts import extract_article
    from index.sources import Article

    article = Article(id="note", title=title, body=body, path="note.txt", sha256="0")
    return {f.as_written: f for f in extract_article(article, split_sentences(body, "note"))}


def test_the_lead_after_a_repeated_headline_dates_later_figures():
    # a .txt article repeats its headline as the body's first line; the lead is the paragraph after it
    body = ("Peru jail hands more people to ICE\n\nLIMA, Ga. - In fiscal year 2022, the jail turned 1,284 people "
            "over to ICE.\n\nOf the 1,284 people transferred, 702 had been booked only on misdemeanor charges.")
    facts = _facts_of(body, "Peru jail hands more people to ICE")
    assert facts["702"].period.label() == "fiscal year 2022" and facts["702"].period.basis == "lead"


@pytest.mark.parametrize("heading", ["# Peru jail hands more people to ICE", "## Highlights"])
def test_a_markdown_heading_is_not_the_lead(heading):
    # a Markdown article may repeat its headline as a "# " heading, or open with a section heading
    body = (f"{heading}\n\nThe Peru jail had its busiest year in 2022. Its officers booked 9,100 people.\n\n"
            "- Transfers to ICE: 1,284")
    facts = _facts_of(body, "Peru jail hands more people to ICE")
    assert facts["1,284"].period.label() == "2022" and facts["1,284"].period.basis == "lead"


@pytest.mark.parametrize(
    "lead",
    [
        "LIMA (Jan. 5, 2021) - The jail said it had turned over 450 people.",  # the day the story was filed
        "The tax rate was 19.0% (2017/18: 19.0%) for the period.",  # a bracketed earlier year's own figure
    ],
)
def test_a_dateline_or_a_bracketed_year_does_not_date_the_article(lead):
    body = f"A Peru note\n\n{lead}\n\nThe adjustments of £1.7m relate to prior periods."
    facts = _facts_of(body, "A Peru note")
    assert facts["£1.7m"].period.basis != "lead"


def test_a_month_that_opens_a_line_without_figures_is_the_latest_such_month_before_the_article():
    from index.facts import extract_article
    from index.sources import Article
    from index.split import split_sentences

    body = ("The Peru crossing had its busiest year in 2023.\n\n- October: officers began testing cameras.\n\n"
            "Officers refused entry to 3,260 travelers during the year.")
    article = Article(id="note", title="A note", body=body, path="note.md", sha256="0", published="2024-01-12")
    facts = {f.as_written: f for f in extract_article(article, split_sentences(body, "note"))}
    assert facts["3,260"].period.year == 2023


def test_a_byline_desk_and_an_updated_line_are_not_the_lead():
    from index.facts import byline
    assert byline("By the Peru Courier explainer desk.") and byline("Updated Nov. 20, 2023.")
    assert not byline("By 2023 the backlog had doubled.")


def test_a_figure_of_part_of_a_year_is_dated_by_that_part_and_the_full_year_by_the_year(tmp_path):
    text = ("---\ntitle: Sector quarters\npublished: 2024-11-20\n---\n\n"
            "Apprehensions in the sector fell in fiscal year 2024.\n\n"
            "In the first half of the fiscal year, agents made 1,155 apprehensions. For the full year, "
            "apprehensions totaled 2,260.\n\n"
            "In October 2023, the first month of the fiscal year, agents made 240 apprehensions.\n")
    (tmp_path / "sector.md").write_text(text)
    articles = load_sources(tmp_path)
    found = {f.as_written: f.period.label() for f in extract_facts(articles, sentences_of(articles))}
    assert found["1,155"] == "October 2023 to March 2024"
    assert found["2,260"] == "fiscal year 2024"
    assert found["240"] == "October 2023"
