"""index.formats.pdf: page-by-page text with page offsets, metadata, and the refusals."""

from __future__ import annotations

import pytest

from documents import PDF_PAGES, pdf_report, scanned_pdf
from index.formats import ExtractionError, read
from index.formats.pdf import pdf_date, reflow
from index.sources import SourceError, load_article, load_sources
from index.split import split_sentences


def test_text_in_reading_order_with_page_starts():
    pdf = read(pdf_report(), "report.pdf")

    expected_pages = ["\n\n".join(page) + "\n\n" for page in PDF_PAGES]
    assert pdf.text == "".join(expected_pages)
    assert pdf.pages == [0, len(expected_pages[0])]
    assert (pdf.title, pdf.author, pdf.published) == ("Annual Enforcement Statistics", "Statistics Office", "2018-01-15")


def test_citable_sentences_and_their_pages(tmp_path):
    path = tmp_path / "enforcement-report.pdf"
    path.write_bytes(pdf_report())

    article = load_article(path)
    sentences = split_sentences(article.body, article.id)
    by_text = {s.text: s for s in sentences}

    assert article.format == "pdf" and article.year == 2018
    assert all(article.body[s.start:s.end] == s.text for s in sentences)
    assert article.page_at(by_text[PDF_PAGES[0][1]].start) == 1
    assert article.page_at(by_text[PDF_PAGES[1][1]].start) == 2
    assert article.page_at(by_text["Detention"].start) == 2


def test_without_metadata_the_title_is_the_first_line(tmp_path):
    path = tmp_path / "untitled.pdf"
    path.write_bytes(pdf_report(title=None, created=None))

    article = load_article(path)

    assert (article.title, article.published) == ("Annual Enforcement Statistics", None)


@pytest.mark.parametrize("name, raw, problem", [
    ("scan.pdf", scanned_pdf(), "no text layer; OCR it first"),
    ("random.pdf", bytes(range(256)) * 40, "looks like a binary file (contains NUL bytes), not an article"),
    ("page.pdf", b"<!DOCTYPE html><html><body><p>hello</p></body></html>",
     "named like a PDF but its content is an HTML page"),
    ("notes.pdf", b"Just some notes, not a PDF at all.", "named like a PDF but its content is plain text"),
    ("cut.pdf", pdf_report()[:400], "the PDF could not be read"),
])
def test_files_that_are_not_readable_pdfs_are_refused_by_name(tmp_path, name, raw, problem):
    (tmp_path / name).write_bytes(raw)
    (tmp_path / "fine.md").write_text("A fine article about nothing in particular.\n")

    with pytest.raises(SourceError) as err:
        load_sources(tmp_path)

    assert len(err.value.problems) == 1
    assert err.value.problems[0].startswith(f"{tmp_path / name}: {problem}")


def test_password_protected_pdf_is_refused():
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf_report())))
    writer.encrypt("secret")
    out = BytesIO()
    writer.write(out)

    with pytest.raises(ExtractionError, match="encrypted with a password"):
        read(out.getvalue(), "locked.pdf")


def test_reflow_joins_wrapped_lines_and_keeps_paragraphs():
    page = ("Heading of the page\n"
            "A paragraph that was wrapped by the layout engine across two lines of\n"
            "text, and a word that was hyphen-\n"
            "ated at the end of a line finishes it.\n"
            "\n"
            "A second paragraph.")

    assert reflow(page) == ("Heading of the page\n\n"
                            "A paragraph that was wrapped by the layout engine across two lines of text, and a word "
                            "that was hyphenated at the end of a line finishes it.\n\nA second paragraph.")


@pytest.mark.parametrize("value, date", [("D:20150302101500+00'00'", "2015-03-02"), ("D:2015", "2015"),
                                         ("201503", "2015-03"), ("garbage", None), (None, None)])
def test_pdf_dates(value, date):
    assert pdf_date(value) == date
