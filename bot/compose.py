"""Compose answers from facts and sentences. Every figure in the text comes from a cited quote
or from a calculation the answer shows."""

from __future__ import annotations

import re

from bot.answer import Answer, Citation, Conflict, Highlight, Related
from bot.arithmetic import Result
from bot.agree import measure_unit, states_change
from bot.lexicon import words
from bot.moves import against_period
from index import vocab
from index.facts import Fact
from index.search import Hit
from index.sources import Article

REASON_TEXT = {
    "not_found": "The articles don't answer this.",
    "period_not_covered": "The articles don't give this figure for that period.",
    "ambiguous": "The question could mean more than one figure; please name what is counted, by whom and when.",
    "out_of_scope": "The articles don't cover this topic.",
    "invalid_input": "Please ask a question about the articles.",
    "unverified": "I found a figure but could not verify it against the articles, so I won't state it.",
}


class Citations:
    """Numbers citations in order of first use, one per sentence; every figure cited from a
    sentence is highlighted in it."""

    def __init__(self, articles: dict[str, Article]):
        self.articles = articles
        self.items: list[Citation] = []

    def cite_fact(self, fact: Fact) -> int:
        return self._cite(fact.source_id, fact.sentence_start, fact.sentence_end, Highlight(start=fact.start, end=fact.end))

    def cite_span(self, source_id: str, start: int, end: int) -> int:
        return self._cite(source_id, start, end, None)

    def _cite(self, source_id: str, start: int, end: int, mark: Highlight | None) -> int:
        for i, c in enumerate(self.items):
            if (c.source_id, c.start, c.end) == (source_id, start, end):
                if mark is not None and mark not in c.highlights:
                    self.items[i] = c.model_copy(update={"highlights": [*c.highlights, mark]})
                return c.n
        article = self.articles[source_id]
        n = len(self.items) + 1
        self.items.append(Citation(n=n, source_id=source_id, title=article.title, start=start, end=end,
                                   quote=article.body[start:end], highlights=[mark] if mark else []))
        return n


DATED_FROM_ARTICLE = "year taken from the article's date"


def describe_fact(fact: Fact, explain_date: bool = True) -> str:
    """ "**1,234** removals (ICE, 2015)". A year read from the article's date rather than the
    text says so when `explain_date`: "(ICE, 2015; year taken from the article's date)"."""
    period = fact.period.label() if fact.period.year or fact.period.month else ""
    if period and states_change(fact) and against_period(fact):
        period = f"compared with {period}"  # "N more than in fiscal 2018" is no 2018 level
    meta = ", ".join(x for x in (fact.actor, period) if x)
    if period and explain_date and fact.period.basis == "article":
        meta += f"; {DATED_FROM_ARTICLE}"
    thing = fact.thing_text if fact.thing_text and fact.thing_text != fact.thing else fact.thing
    if (fact.unit == "percent" and thing == "share") or not _names_something(thing):
        thing = ""  # the quote below says what it counts
    unit = measure_unit(fact)
    if unit and not re.match(rf"{re.escape(unit)}\b", thing, re.I):
        thing = f"{unit} {thing}".rstrip()  # "**2,340** pounds seized": the amount's unit
    text = f"**{fact.as_written}** {thing}".rstrip()
    return f"{text} ({meta})" if meta else text


def counted(fact: Fact) -> str:
    """What a figure counts, in words: its thing, else the words written after it ("eligible
    registrations"), else "figures"."""
    for thing in (fact.thing, fact.thing_text):
        if thing and _names_something(thing) and not (fact.unit == "percent" and thing == "share"):
            return thing
    return "figures"


def what_and_who(fact: Fact) -> str:
    """ "removals by ICE"; the parts the fact does not name are left out."""
    thing = fact.thing if _names_something(fact.thing) else "figure"
    return f"{thing} by {fact.actor}" if fact.actor else thing


def _names_something(thing: str) -> bool:
    """ "removals" names what a figure counts; "unspecified" or "in fiscal" do not."""
    if thing == "unspecified":
        return False
    return any(w not in vocab.STOPWORDS and w not in _NOT_A_THING for w in words(thing))


_NOT_A_THING = frozenset(vocab.FISCAL_WORDS) | frozenset(vocab.MONTHS) | {"year", "years", "calendar", "fiscal"}


def describe_facts(facts: list[Fact]) -> list[str]:
    """`describe_fact` for each fact of one answer, saying once per article that a year was
    taken from its date (each article has its own date, so a second article says it again)."""
    explained: set[str] = set()
    out = []
    for fact in facts:
        out.append(describe_fact(fact, explain_date=fact.source_id not in explained))
        if fact.period.basis == "article" and (fact.period.year or fact.period.month):
            explained.add(fact.source_id)
    return out


def period_labels(facts: list[Fact]) -> list[str]:
    return [f.period.label() for f in facts]


def fact_answer(question: str, resolved: str, fact: Fact, articles, notes: list[str],
                conflicts: list[Fact] = ()) -> Answer:
    cites = Citations(articles)
    n = cites.cite_fact(fact)
    described = describe_facts([fact, *conflicts])
    lines = [f"{described[0]} [{n}]."]
    conflict_records = []
    if conflicts:
        others = []
        for other, text in zip(conflicts, described[1:]):
            m = cites.cite_fact(other)
            others.append(f"{text} [{m}]")
        lines.append("The sources disagree: they also give " + "; ".join(others) + ".")
        conflict_records.append(Conflict(
            description=f"{fact.thing} ({fact.actor}, {fact.period.label()}) is reported with different values",
            values=[fact.as_written] + [o.as_written for o in conflicts],
            citations=[n] + [cites.cite_fact(o) for o in conflicts],
        ))
    lines.append(f"> {fact.quote} [{n}]")
    lines += [f"Note: {note}." for note in notes]
    return Answer(
        question=question, resolved_question=resolved, text="\n\n".join(lines), value=fact.value, unit=fact.unit,
        approximate=fact.approximate, kind="fact", citations=cites.items, conflicts=conflict_records,
        warnings=list(notes),
    )


def derived_answer(question: str, resolved: str, result: Result, operands: list[Fact], articles,
                   warnings: list[str]) -> Answer:
    cites = Citations(articles)
    marks = [cites.cite_fact(f) for f in operands]
    shown = result.shown
    for fact, n in zip(operands, marks):
        shown = shown.replace(fact.as_written, f"{fact.as_written} [{n}]", 1) if fact.as_written in shown else shown
    lines = [f"**{result.result_text}**"]
    lines.append("Calculation: " + shown + f" ({result.rounding}).")
    lines.append("Operands: " + "; ".join(f"{text} [{n}]" for text, n in zip(describe_facts(operands), marks)) + ".")
    lines += [f"Note: {w}." for w in warnings]
    return Answer(
        question=question, resolved_question=resolved, text="\n\n".join(lines), value=result.value,
        unit=result.unit, approximate=any(f.approximate for f in operands), kind="derived",
        calculation=f"{result.shown} ({result.rounding})", citations=cites.items, warnings=list(warnings),
    )


def passage_answer(question: str, resolved: str, hits: list[Hit], articles) -> Answer:
    cites = Citations(articles)
    lines = []
    for hit in hits:
        n = cites.cite_span(hit.span.source_id, hit.span.start, hit.span.end)
        lines.append(f"> {hit.span.text} [{n}]")
    return Answer(question=question, resolved_question=resolved, text="\n\n".join(lines), kind="passage",
                  citations=cites.items)


def abstain(question: str, resolved: str, reason: str, related: list[Hit], articles, detail: str = "") -> Answer:
    text = REASON_TEXT[reason] + (f" {detail}" if detail else "")
    if related:
        text += " Related passages are listed below; they are context, not an answer."
    return Answer(
        question=question, resolved_question=resolved, text=text, kind="abstain", abstained=True, reason=reason,
        related=[Related(source_id=h.span.source_id, title=articles[h.span.source_id].title, start=h.span.start,
                         end=h.span.end, quote=h.span.text) for h in related],
    )
