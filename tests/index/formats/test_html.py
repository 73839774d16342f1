"""index.formats.html: the article text of a saved news page, and the page's own metadata."""

from __future__ import annotations

import pytest

from documents import HTML_PARAGRAPHS, news_page
from index.formats import read
from index.formats.html import decode_html
from index.sources import load_article
from index.split import split_sentences


@pytest.mark.parametrize("date_style", ["iso", "printed"])
def test_main_text_and_metadata_without_boilerplate(date_style):
    page = read(news_page(date_style), "page.html")

    assert page.format == "html"
    assert page.text == "\n\n".join(["Crossing turn-backs climb"] + HTML_PARAGRAPHS) + "\n"
    for boilerplate in ("Politics", "Advertisement", "77,777", "99999", "5,555", "Copyright", "424242", "Privacy"):
        assert boilerplate not in page.text
    assert (page.title, page.author, page.publisher, page.published) == (
        "Crossing turn-backs climb", "Dana Whitfield", "The Harbor Ledger", "2019-11-05")


def test_loaded_article_offsets_point_into_the_extracted_text(tmp_path):
    path = tmp_path / "harbor.htm"
    path.write_bytes(news_page())

    article = load_article(path)
    sentences = split_sentences(article.body, article.id)

    assert (article.id, article.format, article.pages, article.year) == ("harbor", "html", [], 2019)
    assert article.title == "Crossing turn-backs climb" and article.publisher == "The Harbor Ledger"
    assert [s.text for s in sentences][1] == HTML_PARAGRAPHS[0]
    assert all(article.body[s.start:s.end] == s.text for s in sentences)
    assert article.page_at(sentences[1].start) is None


def test_declared_charset_is_honoured():
    page = news_page(charset="windows-1252").replace(b"Advocates said", "Café owners said".encode("cp1252"))

    assert "Café owners said" in read(page, "page.html").text
    assert decode_html("<p>naïve</p>".encode("utf-8")) == "<p>naïve</p>"


@pytest.mark.parametrize("raw, problem", [
    (b"<html><head><title>Empty</title><script>var n = 12345;</script></head><body><div> </div></body></html>",
     "no article text found in the HTML page"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "looks like a binary file (contains NUL bytes), not an article"),
    (b"%PDF-1.4\n%...", "named like an HTML page but its content is a PDF"),
])
def test_pages_without_an_article_are_refused(raw, problem):
    with pytest.raises(ValueError) as err:
        read(raw, "page.html")
    assert str(err.value) == problem


BUDGET_PAGE = b"""<!DOCTYPE html><html><head><title>Port budget</title>
<meta property="article:published_time" content="2023-03-01"></head><body><article>
<h1>Port budget</h1>
<p>The port office published its spending by program for fiscal 2022 on Tuesday.</p>
<table>
<tr><th>Program</th><th>Spending ($ thousands)</th><th>Staff</th></tr>
<tr><td>Ferry inspections</td><td>140</td><td>12</td></tr>
<tr><td>Harbor dredging</td><td>2,350</td><td>31</td></tr>
</table>
<p>Dredging took most of the money, as in earlier years.</p>
</article></body></html>"""


def test_a_table_is_one_paragraph_of_rows_each_cell_a_fact_of_its_row_and_column(tmp_path):
    from index.facts import extract_facts

    path = tmp_path / "budget.html"
    path.write_bytes(BUDGET_PAGE)
    article = load_article(path)
    sentences = split_sentences(article.body, article.id)
    facts = {f.as_written: f for f in extract_facts([article], sentences)}

    rows = [s for s in sentences if s.text.startswith("|")]
    assert len(rows) >= 3 and len({s.paragraph for s in rows}) == 1
    assert (facts["2,350"].value, facts["2,350"].unit, facts["2,350"].currency) == (2_350_000, "money", "$")
    assert facts["2,350"].clause == "Spending ($ thousands) Harbor dredging"
    assert (facts["31"].value, facts["31"].unit, facts["31"].thing_text) == (31, "count", "Staff")
    assert facts["140"].period.label() == "fiscal year 2022"

