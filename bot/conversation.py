"""Conversation state and follow-up resolution: "how many of those were returns?" carries the
thing, actor and period of the turn before, and "those" means the previous answer."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from bot.compose import counted
from bot import sides
from bot.coverage import own_segment
from bot.question import Query, names_in
from index import vocab
from index.facts import Fact
from index.periods import Period, find_periods, in_year, shifted, shifted_months, without_periods
from index.text import tokenize


class State(BaseModel):
    """What the next question may refer to."""

    model_config = ConfigDict(frozen=True)

    query: Query | None = None
    facts: list[Fact] = []  # the figures the last answer stated (the fact, or the operands)
    parent: Fact | None = None  # the figure the last answer was a part of ("of those")
    value: float | None = None
    unit: str | None = None
    kind: str | None = None
    topic: str = ""  # the last resolved question
    recent: list[Fact] = []  # figures stated in earlier turns, oldest first (at most four)


def is_followup(query: Query, state: State) -> bool:
    if state.query is None:
        return False
    if query.followup_start or (query.pronoun and query.kind != "text"):
        return True
    if state.query.names and not query.names and _PEOPLE_PRONOUN.search(query.text):
        return True  # "what was their rate?" after a question about "Kenyans"
    if state.facts and _CONTRAST.search(query.text):
        return True  # "what did the final bill fund instead?" sets itself against the last answer
    if query.wh == "why" and len(query.keywords) <= 2:
        return True
    if any(p.kind in ("offset", "month_offset", "part") for p in query.periods):
        return True  # "the following year" counts from the conversation's last period
    if query.kind in ("numeric", "share", "difference", "change", "sum", "ratio"):
        if not (query.things or query.actors) and query.names and query.periods:
            # "how many asylum seekers did Harbor City officials turn back in fiscal 2019?" names
            # its own subject and period, in words the vocabulary may not know
            return False
        return not (query.things or query.actors) or not (query.things and (query.actors or query.periods))
    return False


def _counted_from(anchor: Period | None, period: Period) -> Period:
    """An offset period ("the year before", "the month before") counted from `anchor`; the period
    itself when it is none, or when the anchor names no month to count months from."""
    if anchor is None:
        return period
    if period.kind == "offset":
        return shifted(anchor, period.offset, period.text).model_copy(update={"basis": "question"})
    if period.kind == "part":
        return in_year(period, anchor).model_copy(update={"basis": "question"})
    if period.kind == "month_offset":
        moved = shifted_months(anchor, period.offset, period.text)
        return moved.model_copy(update={"basis": "question"}) if moved is not None else period
    return period


_NOW = re.compile(r"\b(?:" + "|".join(sorted(vocab.NOW_WORDS)) + r"|today|at present)\b", re.I)


def resolve(query: Query, state: State) -> tuple[Query, bool]:
    """The question with what it leaves out filled in from the conversation."""
    if not is_followup(query, state):
        return query, False
    prev = state.query
    update: dict = {}
    if query.kind == "text" and query.wh == "why":
        update["keywords"] = list(dict.fromkeys(prev.keywords + query.keywords))
        return query.model_copy(update=update), True
    if not query.things:
        update["things"] = prev.things
    if not query.actors:
        update["actors"] = prev.actors
    if not query.periods and not query.peak and not _NOW.search(query.text):
        # ("how many judges does the court employ now?" names its own time: the present)
        update["periods"] = prev.periods
    elif any(p.kind in ("offset", "month_offset", "part") for p in query.periods):
        # "and the year before?", "and the month before?" count from the period of the turn before
        anchor = next((p for p in prev.periods if p.year), None)
        update["periods"] = [_counted_from(anchor, p) for p in query.periods]
    if query.kind == "text" and prev.kind != "text":
        update["kind"] = prev.kind if prev.kind == "numeric" else "numeric"
    if query.pronoun and query.unit is None and state.kind == "fact" and state.unit and \
            update.get("kind", query.kind) == "numeric":
        # "how much of that was X?" asks for a part of the figure just stated, in its unit
        update["unit"] = state.unit
    if state.facts and state.kind == "fact" and _CONTRAST.search(query.text):
        # "what did the final bill fund instead?" asks the measure just given, as someone else set it
        update["unit"] = state.unit
        update["topic_text"] = re.sub(r"\s+([?.,!])", r"\1", " ".join(_CONTRAST.sub(" ", query.text).split()))
    swapped = _swap_name(query, state)
    if swapped is not None:
        # "and for Kenyans?" after a question about Peruvians: the same question, for Kenyans
        update["topic_text"] = swapped
        update["keywords"] = list(dict.fromkeys(tokenize(swapped) + list(update.get("things", query.things))))
        if prev.unit and not query.unit:
            update["unit"] = prev.unit
        if query.kind == "text" and state.kind == "fact":
            update["kind"] = prev.kind if prev.kind != "text" else "numeric"
        return query.model_copy(update=update), True
    spoken = query.text
    for m in find_periods(spoken):  # "the year before" names a period, not a topic
        spoken = spoken[: m.start] + " " * (m.end - m.start) + spoken[m.end:]
    own = [k for k in tokenize(spoken) if k not in vocab.STOPWORDS and k not in vocab.THINGS
           and k not in vocab.TOPIC_NEUTRAL and k in query.keywords]
    if own and prev.names and not query.names and _PEOPLE_PRONOUN.search(query.text):
        # "what was their rate?" is about the people the last question named ("Kenyans")
        update["topic_text"] = f"{query.text} ({' '.join(prev.names)})"
    if not own:
        # a bare follow-up ("what about 2012?") keeps the previous topic words, and asks for the
        # measure just stated in its unit (a count is not answered with an amount of money)
        update["keywords"] = list(dict.fromkeys(query.keywords + [k for k in prev.keywords if k not in _carry_stop(prev)]))
        update["topic_text"] = prev.topic_text or prev.text
        if not query.unit and not update.get("unit") and state.kind == "fact" and state.unit:
            update["unit"] = state.unit
    return query.model_copy(update=update), True


_FOR_NAME = re.compile(r"^\s*(?:and|also|what about|how about|and what about|same)\s+(?:(?:for|in|among|of|with|about|"
                       r"from|to)\s+)?(?:the\s+)?(?P<named>[^?]+?)\s*\??\s*$", re.I)


def _swap_name(query: Query, state: State) -> str | None:
    """ "And for Kenyans?": the previous question (as resolved) with the name the last answer's
    figure was about put in the named one's place; None when the follow-up says more than a name,
    or no earlier name can be told to be the one it replaces."""
    match = _FOR_NAME.match(query.text)
    prev = state.query
    if match is None or not query.names or query.things or query.actors or prev is None:
        return None
    named = match.group("named")
    name_words = {w.lower() for n in query.names for w in tokenize(n)}
    if any(w not in name_words and w not in vocab.STOPWORDS for w in tokenize(without_periods(named))):
        return None  # "and for Kenyan students?" says what else is asked besides the name
    base = prev.topic_text or prev.text
    earlier = [n for n in dict.fromkeys(names_in(base, {}) + prev.names) if n not in query.names
               and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", base)]
    # the name the last figure's own clause says is the one the new name stands in for
    # (its part of the sentence: "Among Peruvians, N percent ...; for Kenyans the rate was M")
    said = [own_segment(f.quote, f.start - f.sentence_start)[0] for f in state.facts]
    replaced = [n for n in earlier if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", c) for c in said)]
    if not replaced and len(earlier) == 1:
        replaced = earlier
    if len(replaced) != 1:
        return None
    new = " ".join(query.names) if len(query.names) > 1 else named.strip()
    new = re.sub(r"^(?:for|in|among|of|with|about|from|to)\s+", "", without_periods(new)).strip()
    return re.sub(rf"(?<!\w){re.escape(replaced[0])}(?!\w)", new, base)


_CONTRAST = re.compile(r"\b(?:" + "|".join(map(re.escape, vocab.CONTRAST_WORDS)) + r")\b", re.I)
_PEOPLE_PRONOUN = re.compile(r"\b(?:their|they|them|those|these)\b", re.I)


def _carry_stop(prev: Query) -> set[str]:
    """Words of the previous question that name its period: they must not pull the old year along."""
    return {str(p.year) for p in prev.periods if p.year}


def _figure(fact: Fact) -> str:
    """The figure as written, lowercased when a headline capitalized its qualifier ("Almost")."""
    text = fact.as_written
    return text[0].lower() + text[1:] if fact.qualifier != "exact" and text[:1].isupper() else text


def resolved_text(query: Query, state: State, near: Fact | None) -> str:
    """A readable form of the resolved question."""
    thing = query.things[0] if query.things else "figures"
    actor = f" by {query.actors[0]}" if query.actors else ""
    period = f" in {query.period.label()}" if query.period else ""
    if query.kind == "share" and near is not None and not query.things[1:] and sides.split(query.text, "share") is None:
        return f"What share of {_figure(state.parent) if state.parent else 'the total'} is {_figure(near)}?"
    if query.kind == "text" and query.wh == "why":
        return f"Why? (about: {state.topic})"
    if near is not None and query.pronoun:
        return f"Of the {_figure(near)} {counted(near)}{actor}{period}: {query.text}"
    if query.kind == "numeric" and not query.things and query.topic_text:
        # a bare follow-up ("and the year before?") is the last question asked again for its period
        return _with_period(query.topic_text, query.period)
    if query.kind == "numeric":
        own = [k for k in tokenize(query.text) if k not in vocab.TOPIC_NEUTRAL and not k[0].isdigit()]
        detail = f" ({query.text.rstrip('?')})" if own else ""
        return f"How many {thing}{actor}{period}{detail}?"
    return query.text if not (actor or period) else f"{query.text.rstrip('?')} ({(actor + period).strip()})?"


def _with_period(text: str, period) -> str:
    """ "How many X in fiscal 2019?" asked for `period` instead."""
    if period is None:
        return text
    found = [m for m in find_periods(text) if m.period.year]
    if not found:
        return f"{text.rstrip('?')} in {period.label()}?"
    for m in reversed(found):
        text = text[: m.start] + period.label() + text[m.end:]
    return text
