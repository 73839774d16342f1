"""The Facts table: one compact row per extracted figure, sortable by any column (the value
column by size), filterable, each row linking to its sentence in the article."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from index.facts import Fact
from index.sources import Article
from web.chart import subset

# (header, sort type) in table order; `fact_row` fills the cells in the same order.
COLUMNS = [("value", "number"), ("as written", "text"), ("counts", "text"), ("period", "text"),
           ("actor", "text"), ("sentence", "text")]
FACT_HREF = "#fact-"


def fact_href(fact: Fact) -> str:
    return FACT_HREF + fact.id


def _value(fact: Fact) -> str:
    if fact.unit == "percent":
        return f"{fact.value:g}%"
    return f"{fact.value:,.0f}" if fact.value == int(fact.value) else f"{fact.value:,g}"


def fact_row(fact: Fact, articles: Mapping[str, Article]) -> list[tuple[str, str]]:
    """The row's cells as (sort key, HTML), in COLUMNS order."""
    article = articles.get(fact.source_id)
    title = article.title if article else fact.source_id
    words = subset(fact)
    counts = escape(fact.thing) + (f' <span class="subset">“{escape(words)}”</span>' if words else "")
    if fact.unit not in ("count", "percent"):
        counts += f' <span class="subset">({escape(fact.unit)})</span>'
    period_sort = f"{fact.period.year or 0:04d}-{fact.period.month or 0:02d}"
    link = (f'<a class="fact-link" href="{escape(fact_href(fact))}" title="Open the sentence in its article">'
            f'{escape(fact.quote)}</a><span class="fact-article">{escape(title)}</span>')
    return [
        (repr(fact.value), f'{_value(fact)}'),
        (fact.as_written.lower(), escape(fact.as_written)),
        (f"{fact.thing} {words}", counts),
        (period_sort, escape(fact.period.label())),
        ((fact.actor or "").lower(), escape(fact.actor or "")),
        (f"{title} {fact.quote}".lower(), link),
    ]


SHOWN = 5_000  # rows a browser table holds; a larger archive shows its first facts and says so


def table_html(facts: Iterable[Fact], articles: Mapping[str, Article], total: int | None = None) -> str:
    """The table with a filter box; `static/facts_table.js` sorts on a header click and filters.
    `total`: the size of the whole fact table when `facts` are only its first rows."""
    facts = list(facts)
    more = (f'<p class="facts-more">Showing the first {len(facts):,} of {total:,} facts; ask a question to '
            "search them all.</p>") if total is not None and total > len(facts) else ""
    head = "".join(
        f'<th scope="col" data-type="{kind}" aria-sort="none" class="col-{name.replace(" ", "-")}">'
        f'<button type="button" class="sort">{escape(name)}<span class="arrow" aria-hidden="true"></span></button></th>'
        for name, kind in COLUMNS)
    rows = []
    for f in facts:
        cells = "".join(f'<td data-sort="{escape(key)}" class="col-{name.replace(" ", "-")}">{html}</td>'
                        for (name, _), (key, html) in zip(COLUMNS, fact_row(f, articles)))
        rows.append(f'<tr data-fact="{escape(f.id)}">{cells}</tr>')
    return (
        '<div class="facts-table-wrap">'
        '<div class="facts-tools"><input type="search" class="facts-filter" placeholder="Filter facts…" '
        'aria-label="Filter facts"> '
        f'<span class="facts-count" aria-live="polite">{len(facts)} of {len(facts)} facts</span></div>'
        f'{more}<div class="facts-scroll"><table class="facts-table">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></div>"
    )
