"""Real documents made for the tests: saved news pages and PDFs written with reportlab.

The articles are invented; their figures appear nowhere in `sources/`.
"""

from __future__ import annotations

import io
from datetime import datetime

HTML_PARAGRAPHS = [
    "Harbor City officials turned back 48,213 asylum seekers at the northern crossing in fiscal year 2019, "
    "the port authority said in its year-end report on Tuesday.",
    "That was up from 31,870 people turned back in fiscal year 2018. The authority said staffing at the "
    "crossing had not changed.",
    "Advocates said the rise reflected a new screening rule rather than more arrivals.",
]

_DATE_META = {
    # two ways pages carry their date: an Open Graph ISO timestamp, and a printed date in a <time> tag
    "iso": '<meta property="article:published_time" content="2019-11-05T09:30:00+00:00">',
    "printed": "",
}
_DATE_BODY = {"iso": "", "printed": '<p class="byline">Published <time datetime="2019-11-05">November 5, 2019</time></p>'}


def news_page(date_style: str = "iso", charset: str = "utf-8") -> bytes:
    """A saved news page: navigation, a script, an ad, comments and a footer around the article."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Crossing turn-backs climb | The Harbor Ledger</title>
<meta name="author" content="Dana Whitfield">
<meta property="og:site_name" content="The Harbor Ledger">
<meta property="og:title" content="Crossing turn-backs climb">
{_DATE_META[date_style]}
<script>window.adConfig = {{slots: 3, price: 99999}}; document.write("Subscribe now for 77,777 points");</script>
<style>.ad {{ color: red; }}</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sports">Sports</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<div class="ad">Advertisement: win 1,000,000 dollars today</div>
<main><article>
<h1>Crossing turn-backs climb</h1>
{_DATE_BODY[date_style]}
{paragraphs}
</article></main>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>I saw 5,555 cars there yesterday, total chaos.</p></div></section>
<footer><p>Copyright 2019 The Harbor Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script>track("pageview", 424242);</script>
</body></html>"""
    return page.encode(charset)


PDF_PAGES = [
    ["Annual Enforcement Statistics",
     "The bureau completed 64,905 removals in fiscal year 2017, according to this annual report of the "
     "statistics office, which counts every removal the bureau carried out during the year.",
     "Voluntary returns fell to 12,480 in fiscal year 2017, continuing a decline that began several years "
     "earlier as the bureau shifted its priorities toward removals ordered by a judge."],
    ["Detention",
     "The bureau held an average of 27,316 people in detention each day in fiscal year 2017, the office said."],
]


def pdf_report(pages=PDF_PAGES, title: str | None = "Annual Enforcement Statistics",
               created: datetime | None = datetime(2018, 1, 15)) -> bytes:
    """A text PDF: one list of paragraphs per page; the first paragraph of each page is a heading."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=letter, title=title or "", author="Statistics Office",
                            creator="tests", invariant=1)
    story = []
    for n, page in enumerate(pages):
        if n:
            story.append(PageBreak())
        story.append(Paragraph(page[0], styles["Heading1"]))
        story.extend(Paragraph(p, styles["Normal"]) for p in page[1:])
    doc.build(story)
    # reportlab's invariant mode stamps a fixed date; write the one asked for, or none
    return _set_creation_date(buffer.getvalue(), created)


def _set_creation_date(data: bytes, created: datetime | None) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    info = writer._info.get_object()
    for key in ("/CreationDate", "/ModDate"):
        info.pop(key, None)
    if created is not None:
        info[NameObject("/CreationDate")] = TextStringObject(created.strftime("D:%Y%m%d%H%M%S+00'00'"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A PDF like a scan: every page is a picture of text, with no text layer."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    for _ in range(2):
        for row in range(40):  # grey bars where the lines of a scanned page would be
            c.setFillGray(0.3)
            c.rect(72, 700 - row * 15, 400 + (row * 37) % 60, 8, fill=1, stroke=0)
        c.showPage()
    c.save()
    return buffer.getvalue()


def bot_beside_sources(tmp_path_factory, name: str, articles: dict[str, str]):
    """A bot over the project's articles plus `articles` (file name -> text), so that the invented
    articles' words are as rare as in any real collection."""
    import shutil
    from pathlib import Path

    from bot import Bot

    root = tmp_path_factory.mktemp(name)
    shutil.copytree(Path(__file__).resolve().parent.parent / "sources", root / "sources")
    for file_name, text in articles.items():
        (root / "sources" / file_name).write_text(text)
    return Bot.load(root / "sources", root / "index", log=lambda _: None)
