"""Turn answers, facts and articles into safe Markdown and HTML for the UI.

Pure functions: no Gradio, no model. Every string that comes from a user or an article is
HTML-escaped here, so a question like `<img src=x onerror=...>` is shown as text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from html import escape

from bot.answer import Answer, Citation
from index.facts import Fact
from index.sources import Article

CITED_ID = "cited-span"

REASONS = {
    "not_found": "the articles do not give this number",
    "period_not_covered": "the articles do not cover that period",
    "ambiguous": "the question can be read more than one way",
    "out_of_scope": "the question is not about the articles",
    "invalid_input": "the question could not be read",
    "unverified": "the number could not be checked against its source",
}

# Period kinds that can share one line on the chart: a series never mixes these.
SERIES_KINDS = {"year": "years", "calendar_year": "calendar years", "fiscal_year": "fiscal years", "month": "months"}


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
    '&lt;img src=x> &amp; **5** !\\[x\\](y) \\[1\\]'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("[", "\\[").replace("]", "\\]")


def chat_markdown(answer: Answer) -> str:
    """The chat bubble for one answer: its text with the [n] markers, the question as the bot
    read it (when that differs from what was typed) and the calculation if the text lacks it.
    Conflicts, abstentions and derived answers get their own CSS class (`answer_classes`)."""
    parts = [md_escape(answer.text)]
    if not _same_question(answer.question, answer.resolved_question):
        parts.append(f"*Read as:* {md_escape(answer.resolved_question)}")
    if answer.calculation and "calculation" not in answer.text.lower():
        parts.append(f"*Calculation:* {md_escape(answer.calculation)}")
    body = "\n\n".join(parts)
    return f'<div class="{answer_classes(answer)}">\n\n{body}\n\n</div>'


def highlight(text: str, spans: Iterable[tuple[int, int, str]], offset: int = 0, focus: tuple[int, int] | None = None) -> str:
    """Escape `text` and wrap each (start, end, title) span in <mark>; offsets count from `offset`.

    Overlapping spans after the first are skipped. The span equal to `focus` gets the id
    `cited-span` so the page can scroll to it.

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
            attrs += f' id="{CITED_ID}" class="cited"'
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


def _citation_span(c: Citation) -> tuple[int, int]:
    if c.highlight_start is not None and c.highlight_end is not None:
        return c.highlight_start, c.highlight_end
    return c.start, c.end


def citation_html(c: Citation, articles: Mapping[str, Article]) -> str:
    article = articles.get(c.source_id)
    meta = escape(article_meta(article)) if article else escape(c.source_id)
    if c.page is not None:
        meta += f' · <span class="cite-page">page {c.page}</span>'
    start, end = _citation_span(c)
    quote = highlight(c.quote, [(start, end, "")], offset=c.start) if (start, end) != (c.start, c.end) \
        else f"<mark>{escape(c.quote)}</mark>"
    return (
        f'<div class="citation" id="citation-{c.n}">'
        f'<div class="cite-head"><span class="cite-n">[{c.n}]</span> '
        f'<span class="cite-title">{escape(c.title)}</span></div>'
        f'<div class="cite-meta">{meta}</div>'
        f'<blockquote class="cite-quote">{quote}</blockquote></div>'
    )


def sources_html(answer: Answer | None, articles: Mapping[str, Article]) -> str:
    """The sources panel for the latest answer: each citation, or for an abstention the
    related passages it found."""
    if answer is None:
        return '<div class="sources empty">Ask a question: the sentences behind the answer appear here.</div>'
    parts = [f'<div class="sources {answer_classes(answer)}">']
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
    parts.extend(citation_html(c, articles) for c in answer.citations)
    if answer.related:
        parts.append('<div class="related-head">Related passages (context, not an answer)</div>')
        for r in answer.related:
            parts.append(f'<div class="related"><div class="cite-title">{escape(r.title)}</div>'
                         f'<blockquote class="cite-quote">{escape(r.quote)}</blockquote></div>')
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
                 note: str = "") -> str:
    """The whole article body (exact text, line breaks kept) with `spans` marked."""
    kind = {"html": " · text read from a web page", "pdf": f" · text read from a PDF of {len(article.pages)} pages"}
    return (
        f'<article class="article-view"><h3>{escape(article.title)}</h3>'
        f'<div class="cite-meta">{escape(article_meta(article) + kind.get(article.format, ""))}{note}</div>'
        f'<div class="article-body">{highlight(article.body, spans, focus=focus)}</div></article>'
    )


def cited_article_html(c: Citation, articles: Mapping[str, Article]) -> str:
    """The article behind citation `c`, its sentence marked and the cited number as #cited-span."""
    article = articles.get(c.source_id)
    if article is None:
        return f'<div class="sources empty">Article {escape(c.source_id)} is not loaded.</div>'
    focus = _citation_span(c)
    spans = [focus]
    if focus != (c.start, c.end):
        spans = [(c.start, focus[0]), focus, (focus[1], c.end)]
    marked = [(a, b, "") for a, b in spans if a < b]
    note = f' · <b class="cite-page">cited on page {c.page}</b>' if c.page is not None else ""
    return article_html(article, marked, focus=focus, note=note).replace("<mark>", '<mark class="context">')


def facts_html(article: Article, facts: Iterable[Fact]) -> str:
    """An article with every extracted fact marked; hovering shows what it counts and when."""
    spans = [(f.start, f.end, fact_title(f)) for f in facts if f.source_id == article.id]
    return article_html(article, spans)


FACT_COLUMNS = ["thing", "value as written", "period", "actor", "article", "quote"]


def fact_rows(facts: Iterable[Fact], articles: Mapping[str, Article]) -> list[list[str]]:
    """One table row per fact, in FACT_COLUMNS order (plain text: the table escapes it)."""
    rows = []
    for f in facts:
        title = articles[f.source_id].title if f.source_id in articles else f.source_id
        rows.append([f.thing, f.as_written, f.period.label(), f.actor or "", title, f.quote])
    return rows


def count_series(facts: Iterable[Fact]) -> dict[str, list[tuple[float, float, bool]]]:
    """Count facts grouped into comparable series: same thing, same actor, same kind of period.

    Returns {label: [(x, value, approximate), ...]} sorted by x, where x is the period's year
    (plus the month as a fraction for monthly figures) and the label names the definition,
    e.g. "removals · ICE · fiscal years". Facts without a thing, year or countable period
    are left out; identical points (one figure in two articles) appear once.
    """
    series: dict[str, set[tuple[float, float, bool]]] = defaultdict(set)
    for f in facts:
        kind = f.period.kind
        if f.unit != "count" or f.thing in ("", "unspecified") or f.period.year is None or kind not in SERIES_KINDS:
            continue
        x = float(f.period.year)
        if kind == "month" and f.period.month:
            x += (f.period.month - 1) / 12
        label = " · ".join([f.thing, f.actor or "actor not stated", SERIES_KINDS[kind]])
        series[label].add((x, f.value, f.approximate))
    return {label: sorted(points) for label, points in sorted(series.items())}
