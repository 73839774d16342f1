"""Receipts are built from an Answer and the articles' metadata alone: no model needed, except
for the last test, which takes a real calculation from the bot."""

import pytest

from bot import Answer, Citation, Highlight, Related
from bot.receipt import figures_as_written, receipt

SOURCE = "dhs-deportations-fiscal-2014"


DHS_TOTAL = "According to the department's statistics"  # the sentence of 577,295, 414,481 and 162,814
ICE_TOTAL = "U.S. Immigration and Customs Enforcement had"  # the sentence of 315,042


def sentence_citation(articles, opening: str, *numbers: str, n: int = 1) -> Citation:
    """The real sentence starting `opening`, each of `numbers` highlighted where it is written."""
    body = articles[SOURCE].body
    start = body.index(opening)
    end = body.index(".", max(body.index(x, start) for x in numbers)) + 1
    marks = [Highlight(start=body.index(x, start), end=body.index(x, start) + len(x)) for x in numbers]
    return Citation(n=n, source_id=SOURCE, title=articles[SOURCE].title, start=start, end=end,
                    quote=body[start:end], highlights=marks)


def test_a_lookup_receipt_gives_the_figure_quote_article_and_offsets(articles):
    c = sentence_citation(articles, DHS_TOTAL, "577,295")
    answer = Answer(question="How many deportations did DHS carry out in 2014?",
                    resolved_question="How many deportations did DHS carry out in 2014?",
                    text=f"**577,295** deportations (DHS, 2014) [1].\n\n> {c.quote} [1]", value=577295,
                    kind="fact", citations=[c])
    article = articles[SOURCE]
    assert receipt(answer, articles) == (
        "- Question: How many deportations did DHS carry out in 2014?\n"
        "- Answer: **577,295** deportations (DHS, 2014) [1].\n"
        "\n"
        f'[1] "{c.quote}"\n'
        f'- Figure as written: "577,295", characters {c.highlight_start}-{c.highlight_end}\n'
        f"- Article: {article.title}\n"
        "- Publisher: not given\n"
        f"- Date: {article.published}\n"
        f"- Date note: {article.published_note}\n"
        f"- Source id and offsets: {SOURCE}, start {c.start}, end {c.end}\n"
    )
    assert article.body[c.start:c.end] == c.quote


def test_a_calculation_receipt_gives_the_formula_and_every_operand_with_its_offsets(articles):
    c = sentence_citation(articles, DHS_TOTAL, "162,814", "577,295")
    # 162,814 / 577,295 = 0.2820 -> 28.2%
    answer = Answer(question="What share were returns?", resolved_question="What share of DHS's 2014 deportations were returns?",
                    text="**28.2%**\n\nCalculation: 162,814 [1] / 577,295 [1] = 28.2% (rounded to one decimal place).\n\n"
                         "Operands: **162,814** returns (DHS, 2014) [1]; **577,295** deportations (DHS, 2014) [1].",
                    value=28.2, unit="percent", kind="derived",
                    calculation="162,814 / 577,295 = 28.2% (rounded to one decimal place)", citations=[c])
    lines = receipt(answer, articles).splitlines()
    assert lines[:5] == [
        "- Question: What share were returns?",
        "- Read as: What share of DHS's 2014 deportations were returns?",
        "- Answer: **28.2%**",
        "- Formula: 162,814 [1] / 577,295 [1] = 28.2% (rounded to one decimal place).",
        "- Operands: **162,814** returns (DHS, 2014) [1]; **577,295** deportations (DHS, 2014) [1].",
    ]
    returns, total = c.highlights
    assert f'- Figures as written: "162,814", characters {returns.start}-{returns.end}; ' \
           f'"577,295", characters {total.start}-{total.end}' in lines


def test_figures_as_written_read_the_article_text_at_each_highlight(articles):
    c = sentence_citation(articles, DHS_TOTAL, "414,481", "162,814")
    body = articles[SOURCE].body
    assert figures_as_written(c) == [f'"{body[h.start:h.end]}", characters {h.start}-{h.end}' for h in c.highlights]
    assert [body[h.start:h.end] for h in c.highlights] == ["414,481", "162,814"]


def test_a_quoted_passage_points_at_its_citation_and_has_no_figure_line(articles):
    c = sentence_citation(articles, DHS_TOTAL, "577,295").model_copy(update={"highlights": []})
    answer = Answer(question="q", resolved_question="q", text=f"> {c.quote} [1]", kind="passage", citations=[c])
    text = receipt(answer, articles)
    assert "- Answer: the passage quoted in [1].\n" in text
    assert "as written" not in text
    assert text.count(c.quote) == 1


def test_an_abstention_lists_its_related_passages_as_context(articles):
    body = articles[SOURCE].body
    related = Related(source_id=SOURCE, title=articles[SOURCE].title, start=0, end=40, quote=body[:40])
    answer = Answer(question="What is the population of Canada?", resolved_question="What is the population of Canada?",
                    text="The articles don't cover this topic.", kind="abstain", abstained=True,
                    reason="out_of_scope", related=[related])
    text = receipt(answer, articles)
    assert "- No answer: The articles don't cover this topic.\n" in text
    assert f'Related passages (context, not an answer):\n\n(1) "{body[:40]}"\n' in text
    assert f"- Source id and offsets: {SOURCE}, start 0, end 40\n" in text


def test_a_date_note_is_given_once_per_article(articles):
    first, second = sentence_citation(articles, DHS_TOTAL, "577,295"), sentence_citation(articles, ICE_TOTAL, "315,042", n=2)
    answer = Answer(question="q", resolved_question="q", text="**1** [1] [2]", kind="fact", citations=[first, second])
    text = receipt(answer, articles)
    assert text.count("- Date note: ") == 1
    assert text.count(f"- Date: {articles[SOURCE].published}\n") == 2


def test_a_missing_article_still_gives_the_citation_and_its_offsets():
    c = Citation(n=1, source_id="gone", title="Gone", start=3, end=8, quote="12 up", highlights=[Highlight(start=3, end=5)])
    answer = Answer(question="q", resolved_question="q", text="**12** [1]", kind="fact", citations=[c])
    assert receipt(answer, {}).splitlines()[3:] == [
        '[1] "12 up"', '- Figure as written: "12", characters 3-5', "- Article: Gone", "- Publisher: not given",
        "- Date: not given", "- Source id and offsets: gone, start 3, end 8"]


def test_a_pdf_citation_gives_its_page_and_says_the_offsets_are_in_the_text_read_from_it():
    from index.sources import Article

    body = "Heading\nPage one text.\nRemovals reached 5,000 in 2017."
    start = body.index("Removals")
    article = Article(id="report", title="Annual report", body=body, path="report.pdf", sha256="0", format="pdf",
                      pages=[0, start])
    c = Citation(n=1, source_id="report", title="Annual report", start=start, end=len(body), quote=body[start:],
                 highlights=[Highlight(start=body.index("5,000"), end=body.index("5,000") + 5)], page=2)
    answer = Answer(question="q", resolved_question="q", text="**5,000** [1]", kind="fact", value=5000, citations=[c])
    assert receipt(answer, {"report": article}).splitlines()[-3:] == [
        "- Date: not given", "- Page: 2",
        f"- Source id and offsets: report, start {start}, end {len(body)} (in the text read from the PDF)"]


@pytest.mark.slow
def test_a_real_calculation_on_one_sentence_highlights_and_receipts_both_operands(bot):
    # 414,481 - 162,814 = 251,667: both operands come from one sentence, so one citation
    answer = bot.ask("How many more removals than returns did DHS carry out in 2014?")
    assert (answer.kind, answer.value) == ("derived", 251667)
    [c] = answer.citations
    body = bot.articles[c.source_id].body
    assert sorted(body[h.start:h.end] for h in c.highlights) == ["162,814", "414,481"]
    text = receipt(answer, bot.articles)
    assert "- Formula: |162,814 [1] - 414,481 [1]| = 251,667 (no rounding).\n" in text
    for h in c.highlights:
        assert f'"{body[h.start:h.end]}", characters {h.start}-{h.end}' in text
    assert f"- Source id and offsets: {c.source_id}, start {c.start}, end {c.end}\n" in text


@pytest.mark.slow
def test_the_readme_receipt_is_the_one_the_bot_gives(bot):
    from pathlib import Path
    from textwrap import dedent

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("**Copying a citation**", 1)[1]
    example = dedent(section.split("```text\n", 1)[1].split("```", 1)[0])
    question = example.splitlines()[0].removeprefix("- Question: ")
    assert receipt(bot.ask(question), bot.articles) == example
