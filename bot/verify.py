"""Check an answer before it leaves: every number it states is cited or shown, every quote exact."""

from __future__ import annotations

import re

from bot.answer import Answer
from index.sources import Article

_MARKER = re.compile(r"\[\d+\]")
_FIGURE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def figures(text: str) -> list[str]:
    """Numbers in `text`, as digit strings without commas: "1,234 and 56.7%" -> ["1234", "56.7"]."""
    return [m.group(0).replace(",", "").rstrip(".") for m in _FIGURE.finditer(text)]


def problems(answer: Answer, articles: dict[str, Article], shown: list[str] = (), facts: list = ()) -> list[str]:
    """Why `answer` cannot be trusted; empty when it can.

    `shown` holds the other texts a number may come from: calculations the answer shows and
    the period labels of its cited facts (a year read from an article's date). `facts` are the
    figures the answer states; each must appear as written inside one of its citations, and the
    answer's value must be one of their values or a shown result."""
    out = []
    for c in answer.citations:
        article = articles.get(c.source_id)
        if article is None:
            out.append(f"citation [{c.n}] names unknown article {c.source_id!r}")
            continue
        if article.body[c.start : c.end] != c.quote:
            out.append(f"citation [{c.n}] quote differs from {c.source_id}[{c.start}:{c.end}]")
    if answer.abstained:
        if answer.value is not None:
            out.append("an abstention states a value")
        stated = figures(_MARKER.sub("", _without_quotes(answer.text)))
        if stated:
            out.append(f"an abstention states numbers: {', '.join(stated)}")
        return out
    allowed = set()
    for c in answer.citations:
        allowed.update(figures(c.quote))
    for text in shown:
        allowed.update(figures(text))
    for number in figures(_MARKER.sub("", answer.text)):
        if number not in allowed:
            out.append(f"number {number} is neither in a cited quote nor a shown result")
    for marker in re.findall(r"\[(\d+)\]", answer.text):
        if int(marker) not in {c.n for c in answer.citations}:
            out.append(f"marker [{marker}] has no citation")
    for fact in facts:
        if not any(c.source_id == fact.source_id and c.start <= fact.start and fact.end <= c.end
                   and c.quote[fact.start - c.start : fact.end - c.start] == fact.as_written for c in answer.citations):
            out.append(f"figure {fact.as_written!r} is not inside a citation")
    if answer.value is not None:
        from_facts = any(_close(answer.value, f.value) for f in facts)
        # a lookup states one of its facts; a calculation may also state a shown result
        shown_result = any(_close(abs(answer.value), float(a)) for a in allowed)
        if not from_facts and (answer.kind == "fact" or not shown_result):
            out.append(f"value {answer.value} is not a cited or shown number")
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9 * max(1.0, abs(a))


def _without_quotes(text: str) -> str:
    """Abstentions may quote the question back in `code`; figures there are the user's own."""
    return re.sub(r"`[^`]*`", "", text)
