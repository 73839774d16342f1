"""Turn answers, facts and articles into safe Markdown and HTML for the UI.

Pure functions: no Gradio, no model. Every string that comes from a user or an article is
HTML-escaped here, so a question like `<img src=x onerror=...>` is shown as text.

Citation links: in a chat bubble or the sources panel each `[n]` becomes
`<a class="cite-link" href="#cite-<answer id>-<n>">`, and each related passage under an
abstention `#related-<answer id>-<k>`; `static/citations.js` turns a click on one into a server
event that opens the article. Rows of the fact table link with `#fact-<fact id>`.

Every figure a citation backs is marked in its quote (both operands of a calculation on one
sentence). A quote the chat bubble already shows in full appears in the sources panel as a
short excerpt around its figures. The panel's *Copy citation* button copies the answer's
receipt (`bot.receipt`), kept in the panel as text; `static/receipt.js` does the copying.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from html import escape

from bot.answer import Answer, Citation, Related
from bot.receipt import receipt
from index.facts import Fact
from index.sources import Article

CITED_ID = "cited-span"
EXCERPT_WORDS = 6  # words kept either side of a figure when the bubble already shows its quote
_LINK = re.compile(r"^#(cite|related)-([A-Za-z0-9]{1,32})-(\d{1,4})$")
_MARKER = re.compile(r"\[(\d{1,4})\]")

REASONS = {
    "not_found": "the articles do not give this number",
    "period_not_covered": "the articles do not cover that period",
    "ambiguous": "the question can be read more than one way",
    "out_of_scope": "the question is not about the articles",
    "invalid_input": "the question could not be read",
    "unverified": "the number could not be checked against its source",
}


def _same_question(a: str, b: str) -> bool:
    """True when two questions differ only in case, spacing or final punctuation.

    >>> _same_question("How many?", "how  many")
    True
    """
    norm = lambda s: re.sub(r"\s+", " ", s).strip().rstrip("?.!").strip().lower()  # noqa: E731
    return norm(a) == norm(b)


def answer_classes(answer: Answer) -> str:
    """CSS classes for an answer: its kind, plus `answer-conflict` when sources disagree."""
    classes = ["answer", f"answer-{answer.kind}"]
    if answer.abstained and answer.kind != "abstain":
        classes.append("answer-abstain")
    if answer.conflicts:
        classes.append("answer-conflict")
    return " ".join(classes)


def md_escape(text: str) -> str:
    """Make text safe for a Markdown bubble: no HTML tags and no links or images (an article
    may contain `![x](http://...)`); bold and > quotes are kept, and [n] still reads as [n].

    >>> md_escape("<img src=x> & **5** ![x](y) [1]")
    '&lt;img src=x> &amp; **5** !\\\\[x\\\\](y) \\\\[1\\\\]'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("[", "\\[").replace("]", "\\]")


def inline_text(text: str) -> str:
    """Text for inside an HTML tag within Markdown: escaped, and no character Markdown would
    read as emphasis, code or a link.

    >>> inline_text("a *b* [1] <i>")
    'a &#42;b&#42; &#91;1&#93; &lt;i&gt;'
    """
    out = escape(text, quote=True)
    for ch, entity in (("*", "&#42;"), ("_", "&#95;"), ("`", "&#96;"), ("[", "&#91;"), ("]", "&#93;"),
                       ("~", "&#126;"), ("\\", "&#92;"), ("|", "&#124;")):
        out = out.replace(ch, entity)
    return out


def cite_href(answer_id: str, n: int) -> str:
    return f"#cite-{answer_id}-{n}"


def related_href(answer_id: str, k: int) -> str:
    return f"#related-{answer_id}-{k}"


def parse_link(href: str) -> tuple[str, str, int] | None:
    """('cite' | 'related', answer id, number) from a link made here, or None.

    >>> parse_link("#cite-a1b2-3")
    ('cite', 'a1b2', 3)
    >>> parse_link("javascript:alert(1)") is None
    True
    """
    m = _LINK.match(href or "")
    return (m.group(1), m.group(2), int(m.group(3))) if m else None


def _protected(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Where article text is quoted inside `text`: an article's own "[1]" there is not a marker."""
    spans = []
    for quote in quotes:
        if not quote:
            continue
        at = text.find(quote)
        while at != -1:
            spans.append((at, at + len(quote)))
            at = text.find(quote, at + 1)
    return spans


def cite_link(c: Citation, answer_id: str) -> str:
    """`[n]` as a link to its article; hovering or focusing it previews the quote with every
    figure it backs marked."""
    preview, pos = [], 0
    for a, b in sorted(c.marked()):
        preview += [inline_text(c.quote[pos:a]), f"<mark>{inline_text(c.quote[a:b])}</mark>"]
        pos = b
    preview = "".join(preview) + inline_text(c.quote[pos:])
    return (f'<a class="cite-link" href="{cite_href(answer_id, c.n)}">[{c.n}]'
            f'<span class="cite-preview" role="tooltip"><span class="cite-preview-title">'
            f'{inline_text(c.title)}</span> {preview}</span></a>')


def link_markers(answer: Answer, answer_id: str) -> str:
    """The answer text as Markdown with each citation marker `[n]` a link (see `cite_link`);
    all other text passes through `md_escape`."""
    text = answer.text
    by_n = {c.n: c for c in answer.citations}
    protected = _protected(text, [c.quote for c in answer.citations])
    out, pos = [], 0
    for m in _MARKER.finditer(text):
        n = int(m.group(1))
        if n not in by_n or any(a <= m.start() < b for a, b in protected):
            continue
        out.append(md_escape(text[pos:m.start()]))
        out.append(cite_link(by_n[n], answer_id))
        pos = m.end()
    out.append(md_escape(text[pos:]))
    return "".join(out)


def chat_markdown(answer: Answer, answer_id: str | None = None) -> str:
    """The chat bubble for one answer: its text with the [n] markers, the question as the bot
    read it (when that differs from what was typed) and the calculation if the text lacks it.
    Conflicts, abstentions and derived answers get their own CSS class (`answer_classes`).
    With an `answer_id` every marker is a link that opens its article (`link_markers`)."""
    parts = [link_markers(answer, answer_id) if answer_id else md_escape(answer.text)]
    if not _same_question(answer.question, answer.resolved_question):
        parts.append(f"*Read as:* {md_escape(answer.resolved_question)}")
    if answer.calculation and "calculation" not in answer.text.lower():
        parts.append(f"*Calculation:* {md_escape(answer.calculation)}")
    body = "\n\n".join(parts)
    return f'<div class="{answer_classes(answer)}">\n\n{body}\n\n</div>'


def highlight(text: str, spans: Iterable[tuple[int, int, str]], offset: int = 0, focus: tuple[int, int] | None = None,
              cited: Collection[tuple[int, int]] = ()) -> str:
    """Escape `text` and wrap each (start, end, title) span in <mark>; offsets count from `offset`.

    Overlapping spans after the first are skipped. The span equal to `focus` gets the id
    `cited-span` so the page can scroll to it; it and the spans in `cited` get the class `cited`.

    >>> highlight("a < 5 b", [(4, 5, "")])
    'a &lt; <mark>5</mark> b'
    """
    out, pos = [], 0
    for start, end, title in sorted(spans):
        a, b = start - offset, end - offset
        if a < pos or b > len(text) or a >= b:
            continue
        attrs = f' title="{escape(title)}"' if title else ""
        if focus is not None and (start, end) == focus:
            attrs += f' id="{CITED_ID}"'
        if (start, end) == focus or (start, end) in cited:
            attrs += ' class="cited"'
        out.append(escape(text[pos:a]))
        out.append(f"<mark{attrs}>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def article_meta(article: Article) -> str:
    """'Publisher · Author · date' with whatever the front matter gives, or 'no publisher given'."""
    bits = [article.publisher, article.author, article.published]
    text = " · ".join(b for b in bits if b)
    return text or "no publisher or date given"


def excerpt(text: str, marks: Iterable[tuple[int, int]], words: int = EXCERPT_WORDS) -> list[tuple[int, int]]:
    """The parts of `text` worth showing again: `words` words either side of each mark, windows
    that meet merged; with no marks, the opening `2 * words` words. (start, end) offsets.

    >>> excerpt("one two three four five six seven", [(14, 18)], words=1)
    [(8, 23)]
    >>> excerpt("one two three four five six seven", [(0, 3), (28, 33)], words=1)
    [(0, 7), (24, 33)]
    >>> excerpt("one two three four five six seven", [], words=1)
    [(0, 7)]
    """
    tokens = [m.span() for m in re.finditer(r"\S+", text)]
    if not tokens:
        return [(0, len(text))]
    marks = sorted(marks)
    if not marks:
        return [(0, tokens[min(len(tokens), 2 * words) - 1][1])]
    windows: list[list[int]] = []  # [first token, last token]
    for a, b in marks:
        first = next((i for i, (_, e) in enumerate(tokens) if e > a), len(tokens) - 1)
        last = max((i for i, (s, _) in enumerate(tokens) if s < b), default=first)
        lo, hi = max(0, first - words), min(len(tokens) - 1, last + words)
        if windows and lo <= windows[-1][1] + 1:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    return [(tokens[lo][0], tokens[hi][1]) for lo, hi in windows]


def quote_html(c: Citation, short: bool = False) -> str:
    """A citation's quote, escaped, each figure it backs in <mark> (the whole quote when it backs
    none). `short`: only the `excerpt` around the figures, cuts shown as "…"."""
    marks = c.marked()
    windows = excerpt(c.quote, marks) if short else [(0, len(c.quote))]
    out = []
    for i, (a, b) in enumerate(windows):
        if a > 0 or i:
            out.append("… " if i == 0 else " … ")
        inside = [(x, y, "") for x, y in marks if a <= x and y <= b] or [(a, b, "")]
        out.append(highlight(c.quote[a:b], inside, offset=a))
    if windows[-1][1] < len(c.quote.rstrip()):
        out.append(" …")
    return "".join(out)


def citation_html(c: Citation, articles: Mapping[str, Article], answer_id: str | None = None,
                  short: bool = False) -> str:
    """One citation in the sources panel; with an `answer_id` its head links to the article.
    `short` when the chat bubble already quotes it in full: the panel shows an excerpt."""
    article = articles.get(c.source_id)
    meta = escape(article_meta(article)) if article else escape(c.source_id)
    if c.page is not None:
        meta += f' · <span class="cite-page">page {c.page}</span>'
    quote = quote_html(c, short)
    head = f'<span class="cite-n">[{c.n}]</span> <span class="cite-title">{escape(c.title)}</span>'
    if answer_id:
        head = f'<a class="cite-link cite-open" href="{cite_href(answer_id, c.n)}">{head}</a>'
    return (
        f'<div class="citation" id="citation-{c.n}">'
        f'<div class="cite-head">{head}</div>'
        f'<div class="cite-meta">{meta}</div>'
        f'<blockquote class="cite-quote{" excerpt" if short else ""}">{quote}</blockquote></div>'
    )


def receipt_html(answer: Answer, articles: Mapping[str, Article]) -> str:
    """The *Copy citation* button with the receipt it copies, which can also be opened and read."""
    return ('<div class="receipt"><button type="button" class="copy-receipt">Copy citation</button>'
            '<span class="copy-status" role="status" aria-live="polite"></span>'
            '<details class="receipt-details"><summary>Show receipt</summary>'
            f'<pre class="receipt-text">{escape(receipt(answer, articles), quote=False)}</pre></details></div>')


def related_html(r: Related, k: int, answer_id: str | None = None) -> str:
    title = f'<span class="cite-title">{escape(r.title)}</span>'
    if answer_id:
        title = f'<a class="cite-link cite-open" href="{related_href(answer_id, k)}">{title}</a>'
    return f'<div class="related">{title}<blockquote class="cite-quote">{escape(r.quote)}</blockquote></div>'


def sources_html(answer: Answer | None, articles: Mapping[str, Article], answer_id: str | None = None) -> str:
    """The sources panel for one answer: each citation, or for an abstention the related
    passages it found. With an `answer_id` each one links to its place in the article."""
    if answer is None:
        return '<div class="sources empty">Ask a question: the sentences behind the answer appear here.</div>'
    parts = [f'<div class="sources {answer_classes(answer)}">']
    parts.append(f'<div class="sources-for">For: {escape(answer.question)}</div>')
    if answer.citations:
        parts.append(receipt_html(answer, articles))
    if answer.calculation:
        parts.append(f'<div class="calculation"><b>Calculation</b><code>{escape(answer.calculation)}</code></div>')
    for conflict in answer.conflicts:
        values = ", ".join(escape(v) for v in conflict.values)
        markers = " ".join(f"[{n}]" for n in conflict.citations)
        parts.append(f'<div class="conflict"><b>Sources disagree:</b> {escape(conflict.description)} '
                     f"({values}) {markers}</div>")
    if answer.abstained:
        reason = REASONS.get(answer.reason or "", "no answer")
        parts.append(f'<div class="abstain-note"><b>No answer</b>: {escape(reason)}.</div>')
    parts.extend(citation_html(c, articles, answer_id, short=c.quote in answer.text) for c in answer.citations)
    if answer.related:
        parts.append('<div class="related-head">Related passages (context, not an answer)</div>')
        parts.extend(related_html(r, k, answer_id) for k, r in enumerate(answer.related, 1))
    for warning in answer.warnings:
        parts.append(f'<div class="warning">{escape(warning)}</div>')
    if not answer.citations and not answer.related and not answer.abstained:
        parts.append('<div class="sources empty">No citations for this answer.</div>')
    parts.append("</div>")
    return "".join(parts)


def fact_title(fact: Fact) -> str:
    bits = [fact.thing, fact.period.label(), fact.actor or ""]
    return " · ".join(b for b in bits if b)


def article_html(article: Article, spans: Iterable[tuple[int, int, str]] = (), focus: tuple[int, int] | None = None,
                 cited: Collection[tuple[int, int]] = (), note: str = "") -> str:
    """The whole article body (exact text, line breaks kept) with `spans` marked (see `highlight`);
    `note` is HTML added to its byline."""
    kind = {"html": " · text read from a web page", "pdf": f" · text read from a PDF of {len(article.pages)} pages"}
    return (
        f'<article class="article-view"><h3>{escape(article.title)}</h3>'
        f'<div class="cite-meta">{escape(article_meta(article) + kind.get(article.format, ""))}{note}</div>'
        f'<div class="article-body">{highlight(article.body, spans, focus=focus, cited=cited)}</div></article>'
    )


def _missing(source_id: str) -> str:
    return f'<div class="sources empty">Article {escape(source_id)} is not loaded.</div>'


def span_article_html(source_id: str, start: int, end: int, figures: Sequence[tuple[int, int]],
                      articles: Mapping[str, Article]) -> str:
    """The article with the sentence [start, end) marked and each of `figures` (or, without
    them, the whole sentence) marked as cited; the first is #cited-span, where the view scrolls."""
    article = articles.get(source_id)
    if article is None:
        return _missing(source_id)
    figures = list(figures) or [(start, end)]
    spans, pos = [], start
    for a, b in sorted(figures):
        spans += [(pos, a), (a, b)]
        pos = b
    spans.append((pos, end))
    marked = [(a, b, "") for a, b in spans if a < b]
    page = article.page_at(figures[0][0])
    note = f' · <b class="cite-page">cited on page {page}</b>' if page is not None else ""
    html = article_html(article, marked, focus=figures[0], cited=figures, note=note)
    return html.replace("<mark>", '<mark class="context">')


def cited_article_html(c: Citation, articles: Mapping[str, Article]) -> str:
    """The article behind citation `c`, its sentence marked and every number it backs as cited,
    the first as #cited-span."""
    return span_article_html(c.source_id, c.start, c.end, [(h.start, h.end) for h in c.highlights], articles)


def related_article_html(r: Related, articles: Mapping[str, Article]) -> str:
    """The article behind a related passage, the passage marked as #cited-span."""
    return span_article_html(r.source_id, r.start, r.end, [], articles)


def fact_article_html(fact: Fact, articles: Mapping[str, Article]) -> str:
    """The article behind a fact, its sentence marked and the number as #cited-span."""
    return span_article_html(fact.source_id, fact.sentence_start, fact.sentence_end, [(fact.start, fact.end)], articles)


def facts_html(article: Article, facts: Iterable[Fact]) -> str:
    """An article with every extracted fact marked; hovering shows what it counts and when."""
    spans = [(f.start, f.end, fact_title(f)) for f in facts if f.source_id == article.id]
    return article_html(article, spans)
