"""The Check a claim tab: the pasted text with each figure underlined in its verdict's colour,
a panel per figure (verdict, reasons, arithmetic, citations, a copyable receipt) and the cited
article beside it, opened at the sentence as for chat answers (`web.render`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape

from bot.claim_receipt import VERDICT_TEXT, claim_receipt, verdict_label
from bot.claims import CheckReport, ClaimCheck
from bot.answer import Citation
from index.sources import Article
from web import render

CLAIM_PROMPT = '<div class="sources empty">Paste a sentence or a paragraph and press Check: each figure in it is checked against the sources.</div>'
_LINK = re.compile(r"^#claim-(\d{1,3})-(?:w(\d{1,3})-)?(\d{1,3})$")


def claim_href(k: int, n: int, word: int | None = None) -> str:
    return f"#claim-{k}-{'' if word is None else f'w{word}-'}{n}"


def cited(report: CheckReport | None, href: str) -> Citation | None:
    """The citation a claim link points at, or None.

    >>> cited(None, "#claim-0-1") is None
    True
    """
    m = _LINK.match(href or "")
    if report is None or m is None:
        return None
    k, word, n = int(m.group(1)), m.group(2), int(m.group(3))
    if k >= len(report.claims):
        return None
    claim = report.claims[k]
    if word is not None:
        if int(word) >= len(claim.words):
            return None
        citations = claim.words[int(word)].citations
    else:
        citations = claim.citations
    return next((c for c in citations if c.n == n), None)


def marked_text(report: CheckReport) -> str:
    """The checked text, escaped, each figure underlined with its verdict's class."""
    out, pos = [], 0
    for k, c in enumerate(report.claims):
        if c.start < pos:
            continue
        out.append(escape(report.text[pos:c.start]))
        out.append(f'<a class="claim-mark verdict-{c.verdict}" href="#claim-panel-{k}" '
                   f'title="{escape(VERDICT_TEXT[c.verdict])}">{escape(report.text[c.start:c.end])}</a>')
        pos = c.end
    out.append(escape(report.text[pos:]))
    return f'<div class="claim-text">{"".join(out)}</div>'


def _citation_html(c: Citation, articles: Mapping[str, Article], href: str) -> str:
    article = articles.get(c.source_id)
    meta = escape(render.article_meta(article)) if article else escape(c.source_id)
    head = f'<span class="cite-n">[{c.n}]</span> <span class="cite-title">{escape(c.title)}</span>'
    return (f'<div class="citation"><div class="cite-head"><a class="claim-cite" href="{href}">{head}</a></div>'
            f'<div class="cite-meta">{meta}</div><blockquote class="cite-quote">{render.quote_html(c)}</blockquote></div>')


def panel_html(k: int, claim: ClaimCheck, articles: Mapping[str, Article]) -> str:
    verdict = verdict_label(claim)
    parts = [f'<div class="claim-head"><span class="claim-figure">{escape(claim.text)}</span> '
             f'<span class="claim-verdict verdict-{claim.verdict}">{escape(verdict)}</span></div>',
             f'<p class="claim-detail">{escape(claim.detail)}</p>',
             f'<p class="claim-question">Asked of the sources: <i>{escape(claim.question)}</i></p>']
    if claim.calculation:
        parts.append(f'<p class="claim-calc">Calculation: {escape(claim.calculation)}</p>')
    if claim.difference:
        parts.append(f'<p class="claim-diff">Difference: {escape(claim.difference)}</p>')
    parts += [_citation_html(c, articles, claim_href(k, c.n)) for c in claim.citations]
    for j, w in enumerate(claim.words):
        parts.append(f'<p class="claim-word verdict-{w.verdict}">“{escape(w.word)}”: {escape(VERDICT_TEXT[w.verdict])}. '
                     f'{escape(w.detail)}{" Calculation: " + escape(w.calculation) if w.calculation else ""}</p>')
        parts += [_citation_html(c, articles, claim_href(k, c.n, j)) for c in w.citations]
    if claim.related:
        parts.append('<p class="claim-related-head">Related passages (context, not evidence):</p>')
        parts += [f'<blockquote class="related">{escape(r.quote)} <span class="cite-meta">({escape(r.title)})</span></blockquote>'
                  for r in claim.related]
    receipt = claim_receipt(claim, articles)
    parts.append(f'<details class="claim-receipt"><summary>Receipt</summary>'
                 f'<button class="copy-claim" type="button">Copy receipt</button><pre>{escape(receipt)}</pre></details>')
    return f'<div class="claim-panel verdict-{claim.verdict}" id="claim-panel-{k}">{"".join(parts)}</div>'


def report_html(report: CheckReport | None, articles: Mapping[str, Article]) -> str:
    if report is None:
        return CLAIM_PROMPT
    if not report.claims:
        return f'<div class="sources empty">{escape(report.message)}</div>'
    return marked_text(report) + "".join(panel_html(k, c, articles) for k, c in enumerate(report.claims))
