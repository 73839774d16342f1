from html import escape

import pytest

from bot import Answer, Citation, Conflict, Highlight, Related
from bot.receipt import receipt
from web import render
from index.facts import Fact
from index.periods import Period

SOURCE = "dhs-deportations-fiscal-2014"
XSS = "<img src=x onerror=alert(1)>"


def citation(articles, n=1, number="577,295", sentence_from="According to", *more: str):
    """The real sentence starting `sentence_from`, with `number` (and `more` figures) highlighted."""
    body = articles[SOURCE].body
    start = body.index(sentence_from)
    end = body.index(".", body.index(number)) + 1
    marks = [Highlight(start=body.index(x), end=body.index(x) + len(x)) for x in (number, *more)]
    return Citation(n=n, source_id=SOURCE, title=articles[SOURCE].title, start=start, end=end,
                    quote=body[start:end], highlights=marks)


def quoting(c: Citation, quote: str) -> Citation:
    """`c` made to quote `quote` (a made-up text at its start offset), no figure highlighted."""
    return Citation(**{**c.model_dump(), "quote": quote, "end": c.start + len(quote), "highlights": []})


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


def test_article_links_and_images_cannot_form_in_the_chat_bubble():
    from web.render import md_escape

    text = "inspected 7,351 containers ![x](http://203.0.113.9/p.png) [see](javascript:alert(1))"
    escaped = md_escape(text)
    assert "![x](" not in escaped and "[see](" not in escaped
    assert escaped == "inspected 7,351 containers !\\[x\\](http://203.0.113.9/p.png) \\[see\\](javascript:alert(1))"


def answer_with(articles, text="**577,295** deportations [1].\n\n> {quote} [1]"):
    c = citation(articles)
    return Answer(question="q", resolved_question="q", text=text.format(quote=c.quote), value=577295, kind="fact",
                  citations=[c])


def test_every_citation_marker_links_to_its_answer_and_number(articles):
    bubble = render.chat_markdown(answer_with(articles), "abc123")
    assert bubble.count('<a class="cite-link" href="#cite-abc123-1">[1]') == 2
    assert "\\[1\\]" not in bubble
    assert render.parse_link("#cite-abc123-1") == ("cite", "abc123", 1)


def test_citation_link_previews_the_quote_with_the_number_marked(articles):
    bubble = render.chat_markdown(answer_with(articles), "abc123")
    preview = bubble.split('<span class="cite-preview" role="tooltip">', 1)[1]
    assert preview.startswith(f'<span class="cite-preview-title">{render.inline_text(articles[SOURCE].title)}</span>')
    assert "<mark>577,295</mark>" in preview


def test_markers_the_answer_does_not_cite_and_markers_inside_a_quote_stay_text(articles):
    c = citation(articles)
    quoted = quoting(c, "as the report says [1] of them")
    answer = Answer(question="q", resolved_question="q", kind="passage", citations=[quoted],
                    text="> as the report says [1] of them [1]\n\nsee also [7]")
    bubble = render.chat_markdown(answer, "id1")
    assert bubble.count('class="cite-link"') == 1
    assert "as the report says \\[1\\] of them <a" in bubble
    assert "see also \\[7\\]" in bubble


def test_without_an_answer_id_markers_are_plain_text(articles):
    assert "cite-link" not in render.chat_markdown(answer_with(articles))


def test_previews_cannot_form_markup_or_markdown(articles):
    c = citation(articles)
    hostile = quoting(c, "*a* [x](javascript:1) " + XSS).model_copy(update={"title": XSS})
    bubble = render.chat_markdown(Answer(question="q", resolved_question="q", kind="passage", text="x [1]",
                                         citations=[hostile]), "id1")
    assert "<img" not in bubble and "*a*" not in bubble and "[x](" not in bubble
    assert "&lt;img src=x onerror=alert(1)&gt;" in bubble


@pytest.mark.parametrize("href", ["#cite-abc-0x1", "javascript:alert(1)", "#cite-a b-1", "#cite--1", "", "#fact-x"])
def test_only_links_made_here_parse(href):
    assert render.parse_link(href) is None


def test_sources_panel_links_citations_and_related_passages(articles):
    abstain = Answer(question="q", resolved_question="q", text="no", kind="abstain", abstained=True,
                     reason="not_found", related=[Related(source_id=SOURCE, title="T", start=0, end=4, quote="Some")])
    assert 'href="#related-a1-1"' in render.sources_html(abstain, articles, "a1")
    assert 'href="#cite-a1-1"' in render.sources_html(answer_with(articles), articles, "a1")


def test_related_passage_opens_with_the_passage_marked(articles):
    body = articles[SOURCE].body
    r = Related(source_id=SOURCE, title="T", start=0, end=20, quote=body[:20])
    html = render.related_article_html(r, articles)
    assert f'<mark id="cited-span" class="cited">{escape(body[:20])}</mark>' in html


@pytest.mark.parametrize("text, marks, words, expected", [
    ("one two three four five six seven", [(14, 18)], 1, [(8, 23)]),
    ("one two three four five six seven", [(14, 18)], 9, [(0, 33)]),
    ("one two three four five six seven", [(0, 3), (28, 33)], 1, [(0, 7), (24, 33)]),
    ("one two three four five six seven", [(4, 7), (14, 18)], 1, [(0, 23)]),  # windows that meet merge
    ("one two three four five six seven", [], 2, [(0, 18)]),
    ("", [], 2, [(0, 0)]),
])
def test_excerpt_keeps_words_around_each_figure(text, marks, words, expected):
    assert render.excerpt(text, marks, words) == expected


def test_a_quote_the_bubble_shows_in_full_is_an_excerpt_in_the_panel(articles):
    answer = answer_with(articles)
    c = answer.citations[0]
    html = render.sources_html(answer, articles, "a1").split('<div class="citation"', 1)[1]
    assert escape(c.quote) not in html and c.quote[:40] not in html
    quote = html.split('<blockquote class="cite-quote excerpt">', 1)[1].split("</blockquote>", 1)[0]
    # six words either side of the figure, the cuts shown
    assert quote == "… 19, DHS conducted a total of <mark>577,295</mark> deportations -- comprising 414,481 removals and …"


def test_a_quote_the_bubble_does_not_show_is_given_in_full(articles):
    c = citation(articles)
    answer = Answer(question="q", resolved_question="q", text="**577,295** [1]", value=577295, kind="fact", citations=[c])
    html = render.sources_html(answer, articles)
    assert 'class="cite-quote excerpt"' not in html
    assert render.highlight(c.quote, [(c.marked()[0][0], c.marked()[0][1], "")]) in html


def test_every_operand_of_a_calculation_is_marked_in_preview_panel_and_article(articles):
    c = citation(articles, 1, "162,814", "According to", "577,295")
    derived = Answer(question="q", resolved_question="q", kind="derived", value=28.2, unit="percent",
                     text="**28.2%**\n\nCalculation: 162,814 [1] / 577,295 [1] = 28.2%.",
                     calculation="162,814 / 577,295 = 28.2%", citations=[c])
    preview = render.chat_markdown(derived, "a1").split('role="tooltip">', 1)[1].split("</a>", 1)[0]
    assert [m.split("</mark>")[0] for m in preview.split("<mark>")[1:]] == ["577,295", "162,814"]
    panel = render.sources_html(derived, articles, "a1")
    assert "<mark>577,295</mark>" in panel and "<mark>162,814</mark>" in panel
    assert 'class="cite-quote"' in panel  # the bubble does not quote it: given in full
    article = render.cited_article_html(c, articles)
    assert '<mark id="cited-span" class="cited">162,814</mark>' in article  # the first operand is scrolled to
    assert '<mark class="cited">577,295</mark>' in article


def test_the_panel_carries_the_answers_receipt_behind_copy_citation(articles):
    answer = answer_with(articles)
    html = render.sources_html(answer, articles, "a1")
    assert '<button type="button" class="copy-receipt">Copy citation</button>' in html
    pre = html.split('<pre class="receipt-text">', 1)[1].split("</pre>", 1)[0]
    assert pre == escape(receipt(answer, articles), quote=False)
    abstain = Answer(question="q", resolved_question="q", text="no", kind="abstain", abstained=True, reason="not_found")
    assert "copy-receipt" not in render.sources_html(abstain, articles, "a1")


def test_a_receipt_cannot_form_markup(articles):
    c = quoting(citation(articles), XSS + " </pre><script>x</script>")
    html = render.receipt_html(Answer(question=XSS, resolved_question=XSS, text="> q [1]", kind="passage",
                                      citations=[c]), articles)
    assert "<img" not in html and "<script>" not in html and html.count("</pre>") == 1


def test_a_facts_table_cut_short_says_how_many_there_are(bot, articles):
    from web.facts import table_html

    shown = bot.first_facts(2)
    assert "Showing the first 2 of" in table_html(shown, articles, total=bot.fact_count())
    assert "Showing the first" not in table_html(shown, articles, total=2)
