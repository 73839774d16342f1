"""Match a need (thing, actor, period, unit) against the fact table and rank the candidates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from bot.coverage import Asked, Fit
from index import vocab
from index.facts import Fact, thing_of
from index.periods import Period, compatible

THING_SCORE = 3.0
PARENT_SCORE = 1.0
MIN_SCORE = 2.5
MEANING_WEIGHT = 3.2  # a fact no vocabulary label fits that accounts for every word of the question
MIN_COVERAGE = 0.6
MEASURE_SCORE = 0.5  # a size stated as the size the question asks for
TOTAL_SCORE = 0.5  # a figure stated as the total, for a question that asks the total
_TOTAL = re.compile(r"\b(?:" + "|".join(vocab.TOTAL_CUES) + r")\b", re.I)


class Need(BaseModel):
    """What one number in an answer must be."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    thing: str | None = None
    actor: str | None = None
    period: Period | None = None
    unit: str | None = None  # count | percent | None (any)
    keywords: list[str] = []
    near: Fact | None = None  # prefer facts stated beside this one ("how many of those ...")
    peak: bool = False  # prefer a figure its source calls a peak or record
    total: bool = False  # prefer a figure its clause calls a total ("for a total of N")
    exclude: list[str] = []  # fact ids already used
    asked: list[Asked] = []  # the question's content words, matched by meaning
    measure: str | None = None  # a size asked with this adjective ("tall"): a count stated as one ("12 feet tall")


@dataclass
class Scored:
    fact: Fact
    score: float
    notes: list[str] = field(default_factory=list)
    fit: Fit | None = None  # how completely the fact accounts for the question's words


def actor_matches(asked: str, fact: Fact, aliases: dict[str, str]) -> bool:
    if fact.actor == asked:
        return True
    names = [n for n, a in aliases.items() if a == asked]
    return any(n in fact.quote for n in names)


def score_fact(fact: Fact, need: Need, aliases: dict[str, str], ranks: dict[tuple[str, int], int],
               meaning=None) -> Scored | None:
    """A score, or None when the fact cannot answer the need. `meaning(fact, asked)` -> Fit
    scores the fact by how completely it accounts for the question's words."""
    # a time is an answer only where the question leaves the kind of number open ("what was the
    # average wait?") or asks for one
    if fact.id in need.exclude or (fact.unit == "duration" and need.unit not in ("duration", None)):
        return None
    if need.unit and fact.unit != need.unit:
        return None
    if need.measure and not measured(fact, need.measure):
        return None
    notes: list[str] = []
    # a size stated with the dimension the question asks ("12 feet tall" for "how tall") says
    # what it measures in its own words
    score = MEASURE_SCORE if need.measure and says_size(fact, need.measure) else 0.0
    if need.period is not None and not compatible(need.period, fact.period):
        return None
    fit: Fit | None = meaning(fact, need.asked) if meaning is not None and need.asked else None
    if fit is not None and (fit.missing or fit.other_label):
        return None  # a word of the question nothing about this figure accounts for, or a part it is
    labelled = need.thing is not None and (fact.thing == need.thing or vocab.THING_PARENTS.get(fact.thing) == need.thing
                                           or vocab.THING_PARENTS.get(need.thing) == fact.thing)
    # a figure the vocabulary labels with another thing than the question's is judged the old way
    other_thing = need.thing is not None and not labelled and fact.thing not in ("unspecified", "people")
    if fit is not None and not labelled and not other_thing:
        # the figure's counted thing has no label the vocabulary knows: judge it by meaning alone
        if fit.coverage < MIN_COVERAGE:
            return None
        score += MEANING_WEIGHT * fit.score
    elif need.thing:
        if fact.thing == need.thing:
            score += THING_SCORE
        elif vocab.THING_PARENTS.get(fact.thing) == need.thing and need.near is None:
            score += PARENT_SCORE
            notes.append(f"this figure counts {fact.thing}, one kind of {need.thing}")
        elif vocab.THING_PARENTS.get(need.thing) == fact.thing and need.near is None:
            score += PARENT_SCORE
            notes.append(f"the source calls these {fact.thing}, which may include more than {need.thing}")
        elif need.thing in fact.keywords or any(w in fact.keywords for w in vocab.THINGS.get(need.thing, ())):
            # the clause mentions the thing, but the figure counts something narrower or unnamed
            score += 1.5 if fact.thing in ("unspecified", "people") else 0.0
        else:
            return None
    if need.actor:
        if actor_matches(need.actor, fact, aliases):
            score += 1.0
        elif fact.actor is None:
            # (an article about a parent agency's figures neither confirms nor rules out its part's)
            related = fact.context_actor is not None and vocab.ACTOR_PARENTS.get(need.actor) == fact.context_actor
            score += 0.5 if fact.context_actor == need.actor else 0.0 if related else -0.5
        else:
            return None
    by_meaning = fit is not None and not labelled
    topic = set(need.keywords) - set(vocab.THINGS)  # canonical things are scored above
    if need.thing and fact.thing != need.thing:
        # a figure of another thing earns nothing for words that name the asked thing ("deported")
        topic -= {w for w in topic if thing_of(w) == need.thing}
    if topic and not by_meaning:
        score += 2.0 * len(topic & set(fact.keywords)) / len(topic)
    rank = ranks.get((fact.source_id, fact.sentence_start))
    if rank is not None:
        score += (0.4 if by_meaning else 0.8) / rank
    if not fact.approximate:
        score += 0.3 if by_meaning else 1.0
    if need.near is not None:
        if fact.source_id == need.near.source_id and fact.sentence_start == need.near.sentence_start:
            score += 1.5
        elif fact.source_id == need.near.source_id:
            score += 0.3
        else:
            score -= 1.0
    if need.total and _TOTAL.search(fact.clause):
        score += TOTAL_SCORE
    if need.peak and re.search(r"\b(?:" + "|".join(vocab.PEAK_WORDS) + r")\b", fact.quote, re.I):
        score += 1.5
    if need.period is not None and fact.period.basis in ("article", "paragraph"):
        score -= 0.2
    return Scored(fact, score, notes, fit)


def rank(facts: list[Fact], need: Need, aliases: dict[str, str], ranks: dict[tuple[str, int], int],
         meaning=None) -> list[Scored]:
    scored = [s for f in facts if (s := score_fact(f, need, aliases, ranks, meaning)) is not None]
    return sorted(scored, key=order)


def order(scored: Scored) -> tuple:
    """Ranking order: score, then (equal scores) the figure whose words account for more of the
    question, then id."""
    return -scored.score, -(scored.fit.coverage if scored.fit else 0.0), scored.fact.id


_UNIT = r"(?:" + "|".join(vocab.MEASURE_UNITS) + r")\b"
_COMPOUND_SIZE = re.compile(r"^-" + _UNIT, re.I)  # "the 212-mile canal": the canal's length
_STATED_SIZE = re.compile(r"^\s+" + _UNIT + r"\s+(?P<adj>\w+)", re.I)  # "12 feet tall"


def measured(fact: Fact, adjective: str | None = None) -> bool:
    """Whether a count is the size of a thing: a unit joined to the noun it sizes ("the 212-mile
    canal") or a unit followed by the question's adjective ("up to 12 feet tall" for "how tall").
    "38 miles of the canal" is a stretch of the canal, not its size.

    >>> q = "The steel posts, up to 12 feet tall, line the 212-mile Lamu canal; 38 miles of it had fences."
    >>> [measured(Fact.model_construct(unit="count", end=e, quote=q, sentence_start=0), "tall") for e in (25, 49, 69)]
    [True, True, False]
    >>> measured(Fact.model_construct(unit="count", end=9, quote="It held 40 people.", sentence_start=0))
    False
    """
    if fact.unit != "count":
        return False
    after = fact.quote[fact.end - fact.sentence_start:]
    return _COMPOUND_SIZE.match(after) is not None or says_size(fact, adjective)


def says_size(fact: Fact, adjective: str | None) -> bool:
    """Whether a count is stated with the size's own adjective ("12 feet tall" for "tall")."""
    stated = _STATED_SIZE.match(fact.quote[fact.end - fact.sentence_start:])
    return stated is not None and adjective is not None and stated.group("adj").lower() == adjective.lower()


def list_item(fact: Fact) -> bool:
    """A figure read as a list item: its clause is its label ("Peru (N)", "- Visitors: N")."""
    return bool(fact.thing_text) and fact.clause == fact.thing_text


def conflicts_with(best: Fact, facts: list[Fact]) -> list[Fact]:
    """Other exact figures for the same thing, actor and period that disagree slightly: the
    same quantity reported two ways (a wide gap means a different subset, not a conflict)."""
    out = []
    for other in facts:
        if other.id == best.id or other.unit != best.unit or other.approximate or best.approximate:
            continue
        if (other.source_id, other.sentence_start) == (best.source_id, best.sentence_start):
            continue  # two figures of one sentence are two items ("Peru (A), Kenya (B)"), not one told twice
        if any(list_item(a) and a.thing_text.lower() not in b.clause.lower() for a, b in ((best, other), (other, best))):
            continue  # a list item ("Peru (N)") is told again only where its label is named
        if (other.thing, other.actor, other.period.year) != (best.thing, best.actor, best.period.year):
            continue
        gap = abs(other.value - best.value) / max(best.value, 1e-9)
        if 0 < gap <= 0.05:
            out.append(other)
    return out
