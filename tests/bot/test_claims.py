"""Checking claims over the real index of the seed articles."""

import json

import pytest

from bot.claim_receipt import claim_receipt
from bot.claims import check, implied_question, read_claims

pytestmark = pytest.mark.slow


def test_the_claim_text_is_read_by_the_article_number_reader():
    facts = read_claims("In 2014 the agency removed more than 1,200 people. It returned 56 others.")
    assert [(f.as_written, f.qualifier, f.period.year) for f in facts] == [
        ("more than 1,200", "lower_bound", 2014), ("56", "exact", 2014)]
    assert implied_question(facts[0], {}) == "In 2014 the agency removed how many people"


def verdicts(bot, text):
    return [(c.text, c.verdict) for c in check(bot, text).claims]


@pytest.mark.parametrize("text, expected", [
    ("DHS deported more than 500,000 people in 2014.", [("more than 500,000", "supported")]),
    ("DHS carried out 577,295 deportations in 2014, including 162,814 returns.",
     [("577,295", "supported"), ("162,814", "supported")]),
    ("Police refused 12,000 detainer requests in 2014.", [("12,000", "contradicted")]),
    ("DHS carried out 577,295 deportations in 2013.", [("577,295", "not_in_sources")]),
    ("ICE made 486,651 apprehensions in 2014.", [("486,651", "contradicted")]),
    ("DHS deportations rose to 577,295 in 2014.", [("577,295", "contradicted")]),
    ("DHS deported a record 577,295 people in 2014.", [("577,295", "not_in_sources")]),
    ("Canada deported 12,000 people in 2014.", [("12,000", "not_in_sources")]),
])
def test_verdicts_over_the_seed_articles(bot, text, expected):
    assert verdicts(bot, text) == expected


def test_a_supported_claim_cites_the_sentence_with_the_figure(bot):
    [claim] = check(bot, "Homeland Security carried out 577,295 deportations in fiscal 2014.").claims
    assert claim.verdict == "supported" and not claim.approximate
    c = claim.citations[0]
    body = bot.articles[c.source_id].body
    assert c.quote == body[c.start:c.end]
    assert [body[h.start:h.end] for h in c.highlights] == ["577,295"]


def test_a_contradicted_figure_shows_the_difference(bot):
    [claim] = check(bot, "Police refused 12,000 detainer requests in 2014.").claims
    assert claim.stated == "10,182"
    assert claim.difference == "10,182 - 12,000 = -1,818 (-15.2% of the claimed figure)"


def test_a_share_is_computed_from_cited_operands(bot):
    [claim] = check(bot, "Returns made up about 28 percent of DHS deportations in 2014.").claims
    assert (claim.verdict, claim.computed, claim.approximate) == ("supported", True, True)
    assert claim.calculation == "162,814 / 577,295 = 28.2% (rounded to one decimal place)"
    [wrong] = check(bot, "Returns made up about 40 percent of DHS deportations in 2014.").claims
    assert (wrong.verdict, wrong.computed) == ("contradicted", True)


def test_a_direction_word_is_checked_against_the_sources_words(bot):
    [claim] = check(bot, "DHS deportations rose to 577,295 in 2014.").claims
    [word] = claim.words
    assert (word.word, word.verdict) == ("rose", "contradicted")
    c = word.citations[0]
    assert c.quote == bot.articles[c.source_id].body[c.start:c.end]


def test_nothing_to_check_is_said_plainly(bot):
    assert check(bot, "Deportations remain high.").message == "No figure was found in the text to check."
    assert check(bot, "   ").message.startswith("Paste a sentence")
    assert "at most 4,000" in check(bot, "1 " * 3000).message


def test_spans_and_json(bot):
    text = "Of the deportations, 162,814 were returns. Canada deported 12,000 people in 2014."
    report = check(bot, text)
    for claim in report.claims:
        assert text[claim.start:claim.end] == claim.text
    data = json.loads(report.model_dump_json())
    assert [c["verdict"] for c in data["claims"]] == ["supported", "not_in_sources"]


def test_the_receipt_quotes_each_citation_with_its_offsets(bot):
    [claim] = check(bot, "Customs and Border Protection made 486,651 apprehensions in 2014.").claims
    text = claim_receipt(claim, bot.articles)
    c = claim.citations[0]
    assert text.startswith('- Claim: "486,651" in ')
    assert "- Verdict: supported\n" in text
    assert f'[1] "{c.quote}"' in text
    assert f"- Source id and offsets: {c.source_id}, start {c.start}, end {c.end}" in text


def test_the_readme_example_is_what_the_bot_prints(bot, capsys):
    from pathlib import Path

    from bot.claim_receipt import report_text

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("## Check a claim", 1)[1]
    command = section.split("```bash\n", 1)[1].split("```", 1)[0].strip()
    claim = command.split(" check ", 1)[1].strip().strip('"')
    printed = section.split("```text\n", 1)[1].split("```", 1)[0]
    assert report_text(check(bot, claim), bot.articles) == printed
