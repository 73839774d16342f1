import pytest

from bot import Answer, Citation, Conflict, Related
from bot import render
from index.facts import Fact
from index.periods import Period

SOURCE = "dhs-deportations-fiscal-2014"
XSS = "<img src=x onerror=alert(1)>"


def citation(articles, n=1, number="577,295", sentence_from="According to"):
    body = articles[SOURCE].body
    start = body.index(sentence_from)
    end = body.index(".", body.index(number)) + 1
    at = body.index(number)
    return Citation(n=n, source_id=SOURCE, title=articles[SOURCE].title, start=start, end=end,
                    quote=body[start:end], highlight_start=at, highlight_end=at + len(number))


def fact(thing="removals", actor="ICE", value=1.0, year=2014, kind="year", month=None, unit="count", qualifier="exact"):
    return Fact(id=f"x:{value}", source_id=SOURCE, value=value, as_written=str(value), unit=unit, thing=thing,
                thing_text=thing, qualifier=qualifier, period=Period(kind=kind, year=year, month=month),
                actor=actor, keywords=[], start=0, end=1, sentence_start=0, sentence_end=1, quote="x")


@pytest.mark.parametrize("text, spans, expected", [
    ("a < 5 b", [(4, 5, "")], "a &lt; <mark>5</mark> b"),
    ("12 and 34", [(7, 9, "t"), (0, 2, "")], '<mark>12</mark> and <mark title="t">34</mark>'),
    ("12345", [(0, 3, ""), (2, 5, "")], "<mark>123</mark>45"),  # overlapping span skipped
    ("<b>", [], "&lt;b&gt;"),
])
def test_highlight(text, spans, expected):
    assert render.highlight(text, spans) == expected


def test_highlight_marks_the_focus_span_for_scrolling():
    assert render.highlight("ab 7 cd", [(3, 4, "")], focus=(3, 4)) == \
        'ab <mark id="cited-span" class="cited">7</mark> cd'


def test_sources_panel_marks_the_cited_number(articles):
    answer = Answer(question="q", resolved_question="q", text="**577,295** [1]", value=577295, kind="fact",
                    citations=[citation(articles)])
    html = render.sources_html(answer, articles)
    assert "<mark>577,295</mark>" in html
    assert articles[SOURCE].title.replace("'", "&#x27;") in html
    assert articles[SOURCE].published in html


def test_cited_article_scrolls_to_the_number(articles):
    html = render.cited_article_html(citation(articles), articles)
    assert html.count('id="cited-span"') == 1
    assert '<mark id="cited-span" class="cited">577,295</mark>' in html


def test_chat_bubble_shows_the_resolved_question_only_when_it_differs():
    same = Answer(question="How many?", resolved_question="how many", text="5 [1]", kind="fact")
    other = same.model_copy(update={"resolved_question": "How many returns in 2014?"})
    assert "Read as" not in render.chat_markdown(same)
    assert "*Read as:* How many returns in 2014?" in render.chat_markdown(other)


def test_derived_conflict_and_abstention_look_different(articles):
    derived = Answer(question="q", resolved_question="q", text="**28.2%**", kind="derived", calculation="a / b = c")
    conflict = Answer(question="q", resolved_question="q", text="two figures", kind="fact",
                      conflicts=[Conflict(description="sources disagree", values=["1", "2"], citations=[1, 2])])
    abstain = Answer(question="q", resolved_question="q", text="not in the articles", kind="abstain",
                     abstained=True, reason="not_found",
                     related=[Related(source_id=SOURCE, title="T", start=0, end=4, quote="Some")])
    assert 'class="answer answer-derived"' in render.chat_markdown(derived)
    assert "*Calculation:* a / b = c" in render.chat_markdown(derived)
    assert '<div class="calculation">' in render.sources_html(derived, articles)
    assert "answer-conflict" in render.chat_markdown(conflict)
    assert '<div class="conflict">' in render.sources_html(conflict, articles)
    assert "answer-abstain" in render.chat_markdown(abstain)
    html = render.sources_html(abstain, articles)
    assert '<div class="abstain-note">' in html and "Related passages" in html and "Some" in html


def test_user_and_article_text_is_escaped():
    answer = Answer(question=XSS, resolved_question=XSS + " in 2014", text=XSS, kind="abstain", abstained=True,
                    related=[Related(source_id="s", title=XSS, start=0, end=3, quote=XSS)],
                    warnings=[XSS])
    for html in (render.chat_markdown(answer), render.sources_html(answer, {})):
        assert "<img" not in html
        assert "&lt;img" in html


def test_count_series_never_joins_unlike_definitions():
    facts = [fact(value=10, year=2012), fact(value=20, year=2014), fact(actor="DHS", value=30, year=2014),
             fact(thing="returns", value=5), fact(kind="fiscal_year", value=7),
             fact(kind="month", month=4, value=3, year=2015, qualifier="approximate"),
             fact(unit="percent", value=55), fact(thing="unspecified", value=9), fact(year=None, value=8),
             fact(kind="since", value=6)]
    assert render.count_series(facts) == {
        "removals · DHS · years": [(2014.0, 30, False)],
        "removals · ICE · fiscal years": [(2014.0, 7, False)],
        "removals · ICE · months": [(2015.25, 3, True)],  # April: 2015 + 3/12
        "removals · ICE · years": [(2012.0, 10, False), (2014.0, 20, False)],
        "returns · ICE · years": [(2014.0, 5, False)],
    }


def test_fact_rows_follow_the_columns(articles):
    [row] = render.fact_rows([fact(value=5)], articles)
    assert dict(zip(render.FACT_COLUMNS, row)) == {
        "thing": "removals", "value as written": "5", "period": "2014", "actor": "ICE",
        "article": articles[SOURCE].title, "quote": "x"}


def test_article_links_and_images_cannot_form_in_the_chat_bubble():
    from bot.render import md_escape

    text = "inspected 7,351 containers ![x](http://203.0.113.9/p.png) [see](javascript:alert(1))"
    escaped = md_escape(text)
    assert "![x](" not in escaped and "[see](" not in escaped
    assert escaped == "inspected 7,351 containers !\\[x\\](http://203.0.113.9/p.png) \\[see\\](javascript:alert(1))"
