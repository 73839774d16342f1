"""Composing answers: how a figure is described and how citations mark every figure they back."""

import pytest

from bot.answer import Highlight
from bot.compose import Citations, describe_fact, describe_facts
from index.facts import Fact
from index.periods import Period

SOURCE = "dhs-deportations-fiscal-2014"
OTHER = "ice-fiscal-2012-deportation-record"
SENTENCE = "According to the department's statistics"  # holds 577,295, 414,481 and 162,814


def fact(articles, number: str, source: str = SOURCE, opening: str = SENTENCE, basis: str = "sentence",
         year: int = 2014, actor: str | None = "DHS", thing: str = "deportations") -> Fact:
    """A fact for `number` as the real article writes it, in the sentence starting `opening`."""
    body = articles[source].body
    start = body.index(opening)
    at = body.index(number, start)
    end = body.index(".", at) + 1
    return Fact(id=f"{source}:{at}", source_id=source, value=float(number.replace(",", "")), as_written=number,
                unit="count", thing=thing, thing_text=thing, qualifier="exact",
                period=Period(kind="year", year=year, basis=basis), actor=actor, keywords=[], start=at,
                end=at + len(number), sentence_start=start, sentence_end=end, quote=body[start:end])


@pytest.mark.parametrize("basis, actor, expected", [
    ("sentence", "DHS", "**577,295** deportations (DHS, 2014)"),
    ("article", "DHS", "**577,295** deportations (DHS, 2014; year taken from the article's date)"),
    ("article", None, "**577,295** deportations (2014; year taken from the article's date)"),
])
def test_describe_fact_says_plainly_where_a_year_came_from(articles, basis, actor, expected):
    assert describe_fact(fact(articles, "577,295", basis=basis, actor=actor)) == expected


def test_a_year_taken_from_the_date_is_explained_once_per_article(articles):
    removals = fact(articles, "414,481", basis="article", thing="removals")
    returns = fact(articles, "162,814", basis="article", thing="returns")
    elsewhere = fact(articles, "410,000", source=OTHER, opening="The Obama administration hit", basis="article",
                     year=2012, actor="ICE")
    assert describe_facts([removals, returns, elsewhere]) == [
        "**414,481** removals (DHS, 2014; year taken from the article's date)",
        "**162,814** returns (DHS, 2014)",
        "**410,000** deportations (ICE, 2012; year taken from the article's date)",
    ]


def test_figures_cited_from_one_sentence_share_a_citation_and_are_all_highlighted(articles):
    cites = Citations(articles)
    removals, returns = fact(articles, "414,481"), fact(articles, "162,814")
    assert [cites.cite_fact(removals), cites.cite_fact(returns), cites.cite_fact(removals)] == [1, 1, 1]
    [c] = cites.items
    assert c.highlights == [Highlight(start=removals.start, end=removals.end), Highlight(start=returns.start, end=returns.end)]
    assert (c.highlight_start, c.highlight_end) == (removals.start, removals.end)  # the first, for one-figure clients
    body = articles[SOURCE].body
    assert c.quote == body[c.start:c.end] and [body[h.start:h.end] for h in c.highlights] == ["414,481", "162,814"]


def test_a_passage_citation_highlights_nothing(articles):
    cites = Citations(articles)
    f = fact(articles, "577,295")
    cites.cite_span(SOURCE, f.sentence_start, f.sentence_end)
    assert cites.items[0].highlights == [] and cites.items[0].highlight_start is None


def test_a_citation_rejects_a_highlight_outside_its_quote_or_a_quote_off_its_offsets(articles):
    from pydantic import ValidationError

    from bot.answer import Citation

    body = articles[SOURCE].body
    with pytest.raises(ValidationError, match="outside its quote"):
        Citation(n=1, source_id=SOURCE, title="t", start=0, end=10, quote=body[:10], highlights=[Highlight(start=8, end=12)])
    with pytest.raises(ValidationError, match="quote is 9 characters"):
        Citation(n=1, source_id=SOURCE, title="t", start=0, end=10, quote=body[:9])
