"""The second check: does the answer mean what was asked?

The verifier (bot.verify) checks provenance: every number cited, every quote exact. This
checks sense, independently of how the figure was chosen: the stated figure's period, actor,
kind of number and measured thing agree with the (resolved) question; a calculation uses two
distinct figures, a part is not larger than its whole, a share stays within 0-100, and a
change has the sign the question's words expect. Each disagreement is a plain phrase the
abstention names.
"""

from __future__ import annotations

import re

from bot.arithmetic import Result
from bot.coverage import EXCEPT as _EXCEPT, NEGATED as _NEGATED
from bot.match import measured
from bot.question import Query, sized_noun
from index import vocab
from index.stems import stem
from index.facts import Fact
from index.periods import compatible

FALL = re.compile(r"\b(?:" + "|".join(vocab.FALL_WORDS) + r")\b", re.I)
RISE = re.compile(r"\b(?:" + "|".join(vocab.RISE_WORDS) + r")\b", re.I)


def fact_disagreements(query: Query, fact: Fact, missing: list[str], quoted: list[float],
                       actor_ok: bool) -> list[str]:
    """Why `fact` does not answer `query`; empty when it does."""
    out = []
    if query.unit and fact.unit != query.unit:
        out.append(f"the question asks for a {query.unit} and the figure found is a {fact.unit}")
    if query.measure and not measured(fact, query.measure):
        out.append("the question asks for a size and the figure found is not stated in a unit of size")
    sized = sized_noun(query.text) if query.measure else None
    if sized and sized not in {stem(w.lower()) for w in re.findall(r"[A-Za-z][\w-]*", fact.quote)}:
        # "how tall is the shelter?" is not answered by "the sea wall, 12 feet tall" of a story about one
        out.append(f"the figure's sentence gives the size of something other than the '{sized}'")
    if query.period is not None and not compatible(query.period, fact.period):
        out.append(f"the figure is for {fact.period.label()}, not {query.period.label()}")
    if query.actors and not actor_ok:
        out.append(f"the figure is reported for {fact.actor}, not {query.actors[0]}")
    if missing:
        out.append("nothing about the figure accounts for " + ", ".join(f"'{w}'" for w in missing))
    flipped = polarity_flip(query.text, fact)
    if flipped:
        out.append(POLARITY.format(word=flipped))
    per = _per(query.text)
    if per and not (per & per_stated(fact)):
        out.append(f"the question asks for a figure per {' or '.join(sorted(per))} and the figure found is not one")
    out += kind_disagreements(query, fact)
    if fact.value in quoted:
        out.append("the figure found is the one the question itself quotes")
    years = sorted({p.year for p in query.periods if p.year})
    if query.kind == "numeric" and len(years) >= 2:
        out.append(f"the question names {years[0]} and {years[-1]}, and one stated figure answers for one "
                   "period only")
    if query.kind == "numeric" and states_change(fact) and not names_move(query.text):
        # "how many in fiscal 2018?" is not answered by "N more than in fiscal 2018"
        out.append("the question asks for a level and the figure found is a change")
    if query.kind == "share" and states_change(fact) and not names_move(query.text):
        # "what share of revenue came from the unit?" is not answered by "revenue rose 14 percent"
        out.append("the question asks for a share and the figure found is a change")
    if query.kind in ("change", "difference") and _COMPARES.search(query.text) and not states_change(fact):
        # "how many points less did A contribute compared to B?": one stated level answers neither side
        out.append("the question compares two figures and the figure found is one level")
    elif query.kind in ("change", "difference") and not states_change(fact):
        out.append("the question asks how much a figure changed and the figure found is a level")
    return out


# "non-Peru Program countries", "outside the Peru Program": a negated name of several capitalized
# words negates all of them
_NEGATED_NAME = re.compile(r"\b(?:non-|(?i:" + _EXCEPT + r")\s+(?:(?i:the)\s+)?)\s*((?:[A-Z][\w]*[\s-]+)*[A-Z][\w]*)")


_NEGATED_OR = re.compile(r"\b(?:no|not|never|neither|without)\s+[^,.;:]*?\b(?:or|nor)\s+(?:(?:a|an|the|any)\s+)?([a-z]\w*)",
                         re.I)

def negated_words(text: str) -> set[str]:
    """Stems `text` negates: "had no criminal conviction or pending charge" -> crimin, pend.

    >>> sorted(negated_words("26 had no criminal conviction or pending charge"))
    ['crimin', 'pend']
    """
    out = {stem(m.group(1).lower()) for m in _NEGATED.finditer(text)}
    # "no criminal conviction or pending charge": the negation holds across the "or"
    out |= {stem(m.group(1).lower()) for m in _NEGATED_OR.finditer(text)}
    return out | {stem(w.lower()) for m in _NEGATED_NAME.finditer(text) for w in re.split(r"[\s-]+", m.group(1))}


_CANON = {stem(w): stem(group[0]) for group in vocab.SYNONYMS for w in group if " " not in w and " " not in group[0]}

POLARITY = "the figure counts what is not '{word}' where the question asks what is, or the reverse"


def polarity_flip(question: str, fact: Fact) -> str | None:
    """The word the question states and the figure negates, or the reverse; None when they agree."""
    return _polarity_differs(question, fact.clause or fact.quote, fact.quote, fact.context)


def _polarity_differs(question: str, clause: str, sentence: str = "", context: str = "") -> str | None:
    """A word one side negates and the other states plainly ("had no criminal conviction" for "had
    a criminal conviction", "non-visa-waiver countries" for "visa waiver countries"). A question's
    negation is held against a figure unless its sentence negates the same words or says "none"
    ("places that had none before: N miles of wall" may be what "where there was no wall" asks);
    the words it states are its clause's, or its sentence's where they are not negated there."""
    # (a synonym reads as its group's word: "without an attorney" is "with no lawyer")
    def negated(text):
        return {_CANON.get(w, w) for w in negated_words(text)}
    def plain(text):
        return {_CANON.get(stem(w), stem(w)) for w in re.findall(r"[a-z][\w-]*", text.lower())}

    sentence = sentence or clause
    asked_not, stated_not = negated(question), negated(clause)
    differs = (stated_not - asked_not) & plain(question)
    said_not = negated(sentence) | negated(context)
    if not _BARE_NEGATION.search(sentence) and not asked_not <= said_not:
        # a subset the question defines by what it lacks ("people without a lawyer") is one the
        # figure's sentence (or its list's lead-in) must set apart the same way: a sentence that
        # says nothing of lawyers, or says "Visitors from the Kenya Program countries, who can
        # enter without a visa" (the program stated plainly), counts someone else
        differs |= asked_not - said_not
    return min(differs) if differs else None


_BARE_NEGATION = re.compile(r"\b(?:none|neither|nor)\b", re.I)


# "per 100,000 residents", "per capita", "a day", "annually": the unit a rate is per
_PER = re.compile(r"\b(?:per|a|an|each|every|for every|out of every|in every)\s+(day|week|month|year|capita|person|head|"
                  r"resident|inhabitant|(?:one\s+)?(?:hundred|thousand|million)|\d[\d,]*)\b"
                  r"|\b(daily|weekly|monthly|annually|yearly)\b", re.I)
_PER_WORDS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year",
              "capita": "head", "person": "head", "resident": "head", "inhabitant": "head"}


def rate_units(text: str) -> set[str]:
    """The units of the rates a question asks for ("per 100,000 residents" -> {"100,000"})."""
    return _per(text) - {"day", "week", "month", "year"} if re.search(r"\bper\b|\bfor every\b", text, re.I) else set()


def _per(text: str) -> set[str]:
    """The units of the rates a text speaks of: {"day"} for "how many a day", {"100,000"} for
    "per 100,000 residents"; an average ("average daily population") is no rate."""
    return {_PER_WORDS.get(w, w) for m in _PER.finditer(text) for w in [(m.group(1) or m.group(2)).lower()]
            if not re.search(r"\b(?:average|avg|mean)\s*$", text[:m.start()], re.I)}


def per_stated(fact: Fact) -> set[str]:
    """The rate units said right after the figure ("25 a day", "40 per 100,000") or of the rate it
    is ("a daily rate of N")."""
    end = fact.end - fact.sentence_start
    after = re.match(r"^\s*(?:[\w%-]+\s+){0,3}?(?:(?:per|a|an|each|every|for every|out of every|in every)\s+[\w,]+"
                     r"|daily|weekly|monthly|annually|yearly)", fact.quote[end:], re.I)
    before = re.search(r"\b(?:daily|weekly|monthly|annual|yearly)\b[^.;,]{0,25}$", fact.quote[:fact.start - fact.sentence_start],
                       re.I)
    found = _per(after.group(0)) if after else set()
    if before:
        found |= _per(before.group(0).replace("annual", "annually"))
    return found


_AVERAGE = re.compile(r"\b(?:average|averages|averaged|avg|mean|median|typical|typically)\b", re.I)
_PER_DAY = re.compile(r"\b(?:a|per|each|every|any|one|given)\s+(?:day|night|week|month)\b|\bdaily\b|\bat (?:a|any) time\b", re.I)
_SHARE_RESTATED = re.compile(r"\d[\d.]*\s*(?:%|percent|per cent)\s+of\s+[^,;]{1,80},\s*or\s+(?:about\s+|some\s+|nearly\s+|roughly\s+)?[$£€]?$",
                             re.I)
_ONE_DAY = re.compile(r"\bon (?:an? )?(?:average|typical|given|any) day\b", re.I)
_HOW_MUCH = re.compile(r"\bhow much\b", re.I)
_HOW_MANY = re.compile(r"\bhow many\b", re.I)
_PERCENT_ASKED = re.compile(r"\b(?:percent|percentage|per cent|share|proportion|rate|fraction)\b|%", re.I)


# A figure stated as wanted, planned or possible rather than as what happened: "asked Congress for
# $3.4bn", "plans to admit at most 7,500", "directed staff to price a $135,000 allocation",
# "the request included $2.8 billion", "would add 300 beds". ("Requests" in the plural is most often
# a counted thing, "4,000 detainer requests", so only the verb and the singular noun say it.)
_INTENDED = (r"request(?:ed|ing)?\b(?!s)|asks?\s+(?:[\w.'’]+\s+){0,3}?for|asked\s+(?:[\w.'’]+\s+){0,3}?(?:for|to)|"
             r"asking\s+(?:[\w.'’]+\s+){0,3}?for|sought|seeks?|seeking|propos\w*|plans?\s+to|planned|planning\s+to|"
             r"wants?\s+(?:[\w.'’]+\s+){0,3}?to|wanted|would|could|might|will|intends?\s+to|intended|aims?\s+to|"
             r"hopes?\s+to|expects?\s+to|expected\s+to|projected|forecasts?|forecast|to\s+price|priced|"
             r"calls?\s+for|called\s+for")
_INTENDED_BEFORE = re.compile(r"\b(?:" + _INTENDED + r")\b", re.I)
# ...and a question that asks for such a figure names the wish, plan or possibility in its own words
_INTENT_ASKED = re.compile(r"\b(?:" + _INTENDED + r"|requests|ask|asking|plan|plans|proposal|want|budget request|"
                           r"aim|hope|expect|intend|price|estimate[sd]?|ceiling|cap|limit|maximum|most|target|goal)\b", re.I)
_LEFT_LEVEL = re.compile(r"\b(?:up\s+|down\s+)?from\s+(?:about\s+|nearly\s+|some\s+|roughly\s+|around\s+)?$", re.I)
_CLAUSE_BREAK = re.compile(r";|\b(?:but|while|whereas|although|though)\b", re.I)


def intended(fact: Fact) -> str | None:
    """The words that state the figure as wanted, planned or possible rather than as what happened
    ("has asked Congress for"), read in its sentence before it; None when it is stated as fact."""
    before = _CLAUSE_BREAK.split(fact.quote[:fact.start - fact.sentence_start])[-1]
    if _LEFT_LEVEL.search(before):
        return None  # "proposed raising the fee from $40 to $70": $640 is the fee as it is
    found = list(_INTENDED_BEFORE.finditer(before))
    return found[-1].group(0) if found else None


def kind_disagreements(query: Query, fact: Fact) -> list[str]:
    """Why the figure is not the kind of number asked for (an average, an amount, what happened
    rather than what was asked for); empty when it is.
    A bare follow-up ("and in fiscal 2021?") asks the kind its topic question asked."""
    out = []
    asked = query.topic_text or query.text
    wished = intended(fact)
    if wished and not _INTENT_ASKED.search(asked):
        # "how much did Congress appropriate?" is not answered by what a department asked Congress for
        out.append(f"the figure is what was {_wish_word(wished)}, not what happened")
    if fact.unit != "count" and _AVERAGE.search(asked) and not averaged(fact):
        # an average count ("held on an average day") is often stated once for a paragraph; an
        # average stay or cost is said of its own figure
        out.append("the question asks for an average and the figure found is not one")
    if fact.unit == "count" and _ONE_DAY.search(fact.quote) and averaged(fact) and not _AVERAGE.search(asked) \
            and not _PER_DAY.search(asked) and query.kind not in ("share", "ratio"):
        # "on an average day, N were held" is not how many were held over the year
        out.append("the figure found is an average and the question asks for a total")
    if query.total and _SHARE_RESTATED.search(fact.quote[:fact.start - fact.sentence_start]):
        # "11 percent of the workforce, or N employees": N is a part of the total asked for
        out.append("the figure found is a share of a total, and the question asks for the total")
    if query.kind == "numeric" and fact.unit == "percent" and query.unit != "percent" and _HOW_MUCH.search(asked) \
            and not _PERCENT_ASKED.search(asked):
        # "how much were R&D expenses?" is not answered by "increased $1.7 billion or 13%"
        out.append("the question asks how much and the figure found is a percent")
    if query.kind == "numeric" and fact.unit == "count" and query.unit != "count" and _HOW_MUCH.search(query.text) \
            and not _HOW_MANY.search(query.text) and measure_unit(fact) is None:
        # (a count's unit is the question's when it asks "how much of that" about a count)
        out.append("the question asks how much and the figure found is a count")
    return out


# "654 miles already had some kind of barrier", "300 beds were already in place": a stock that was
# there before the time spoken of, not something done in it
def _wish_word(cue: str) -> str:
    word = cue.split()[0].lower()
    if word in ("would", "could", "might", "will"):
        return "expected or possible"
    return "asked for or planned"


_ALREADY = re.compile(r"\balready\s+(?:had|has|have|existed|exists|existing|in place|stood|there|on hand|held|"
                      r"(?:were|was|are|is|had been)\s+(?:in place|there|built|standing|on the books))\b", re.I)
_ALREADY_ASKED = re.compile(r"\b(?:already|existing|existed|exist|in place|on hand|before|previously|had)\b", re.I)
# "were built", "was deported", "were taken": something done, asked in the passive
_DONE_ASKED = re.compile(r"\b(?:were|was|been|be|being|got)\s+(?:\w+ly\s+)?(?!(?:on|in|at|there|still|left)\b)"
                         r"(\w+(?:ed|en|lt|de|ght|wn|ne))\b", re.I)


def already_there(fact: Fact, whole: Fact | None = None) -> bool:
    """Whether the figure (or the whole it is listed as a part of) is stated as what already
    existed ("654 miles already had a barrier: 354 miles of fencing and 300 of ...")."""
    if _ALREADY.search(fact.clause or ""):
        return True
    # (what the whole is said to be runs from its figure to its parts)
    between = fact.quote[whole.end - whole.sentence_start:fact.start - fact.sentence_start] if whole is not None else ""
    return _ALREADY.search(between) is not None


def asks_what_was_done(question: str) -> bool:
    """Whether a question asks for something done ("how many miles were built") rather than what
    existed ("how many miles had a barrier", "were on the border", "existing fencing")."""
    return _DONE_ASKED.search(question) is not None and _ALREADY_ASKED.search(question) is None


_MEASURE_UNIT = re.compile(r"^\s*(?:" + "|".join(vocab.MEASURE_UNITS) + r")\b", re.I)


def measure_unit(fact: Fact) -> str | None:
    """The unit of measure a count is an amount in ("2,340 pounds" -> "pounds"), else None: such a
    count answers "how much", as money does."""
    found = _MEASURE_UNIT.match(fact.quote[fact.end - fact.sentence_start:]) if fact.unit == "count" else None
    return found.group(0).strip() if found else None



_COMPARED_LEVEL = re.compile(r"^\W*(?:against|(?:up |down )?from|versus|vs\.?|compared (?:with|to))\s+(?:about |nearly |some )?$",
                             re.I)


def averaged(fact: Fact) -> bool:
    """Whether the figure is stated as an average: "an average of N", "the average stay was N",
    "on an average day, N were held"."""
    at = fact.start - fact.sentence_start
    # the words before the figure back to a clause break ("Average stays were 30 and 40 days")
    cut = max(0, at - 120, *(fact.quote.rfind(c, 0, at) for c in ",;:"))
    before = fact.quote[cut:at]
    if _COMPARED_LEVEL.search(before):
        # "Average wait: 74 minutes, against 52 minutes a year earlier": the level it is compared
        # with is of the same measure as the figure before it
        before = fact.quote[max(0, cut - 120):at]
    return bool(_AVERAGE.search(fact.clause) or _AVERAGE.search(before)
                or re.match(r"\W*(?:on (?:an )?average|on (?:a|an) (?:typical|average) day)\b", fact.quote, re.I))


_COMPARES = re.compile(r"\b(?:compared (?:to|with)|versus|vs\.?|relative to)\b", re.I)
_CHANGE_NOUNS = "increase|decrease|rise|drop|fall|decline|gain|jump|cut|reduction|hike|growth"
# "N more than in 2018", "a 12 percent increase", "a 12-point drop"
_CHANGE_AFTER = re.compile(rf"^(?:\s*(?:\w+\s+){{0,2}}?(?:more|fewer|less|higher|lower|above|below)\b"
                           rf"|[\s-]*(?:point\s+|percentage[\s-]point\s+)?(?:{_CHANGE_NOUNS})\b)", re.I)
# "up N", "rose by N", "rose N", "an increase of N"
_CHANGE_BEFORE = re.compile(rf"\b(?:by|up|down|added|(?:{_CHANGE_NOUNS})\s+of|{'|'.join(vocab.CHANGE_VERBS)})\s+"
                            r"(?:(?:about|nearly|some|roughly|around|almost|more than|less than|just|another|a further)\s+)?$",
                            re.I)


def _same_series(a: Fact, b: Fact) -> bool:
    """Whether two figures from different articles are labelled as one measure: the same agency
    and the same counted thing, both named."""
    return a.actor is not None and a.actor == b.actor and a.thing == b.thing and a.thing not in ("unspecified", "people")


_PARTICLE = re.compile(r"(?:up|down)\b", re.I)
_VERB_BEFORE = re.compile(r"\b(?:[a-z]{2,}ed|(?:turn|pick|take|set|put|shut|lock|sign|round|mop|end)(?:s|ing)?|took|broke)\s+$",
                          re.I)


def states_change(fact: Fact) -> bool:
    """Whether the figure is a change or a gap ("N more than in 2018", "up N", "rose by N"),
    not a level ("N removals", "rose from N", "fell to N")."""
    at, end = fact.start - fact.sentence_start, fact.end - fact.sentence_start
    before = _CHANGE_BEFORE.search(fact.quote[:at])
    if before and _PARTICLE.match(before.group(0)) and _VERB_BEFORE.search(fact.quote[:before.start()]):
        before = None  # "turned down N", "picked up N": a verb's particle, not a change
    return bool(_CHANGE_AFTER.match(fact.quote[end:]) or before)


def _level_and_its_change(a: Fact, b: Fact) -> bool:
    """Whether one operand is a level and the other its stated change in one sentence ("A ..., N
    more than in 2018"): the earlier level is worked out from exactly these two."""
    return a.source_id == b.source_id and a.sentence_start == b.sentence_start and states_change(a) != states_change(b)


def names_move(text: str) -> bool:
    """Whether the words say a figure rose or fell."""
    return bool(FALL.search(text) or RISE.search(text))


def direction(text: str) -> int:
    """+1 when the question's words expect a rise, -1 a fall, 0 when they don't say."""
    fall, rise = bool(FALL.search(text)), bool(RISE.search(text))
    return 0 if fall == rise else (-1 if fall else 1)


_IN_PERCENT = re.compile(r"\b(?:in|as a|by what)\s+(?:percent|percentage|per cent)\b|%|\bpercent(?:age)?\s+(?:change|increase|decrease|rise|fall|drop|growth)\b", re.I)


def derived_disagreements(query: Query, kind: str, result: Result, a: Fact, b: Fact) -> list[str]:
    """Why a calculation on `a` and `b` does not answer `query`; empty when it does."""
    out = []
    if a.id == b.id or (a.source_id, a.start) == (b.source_id, b.start):
        out.append("both operands are the same figure")
    if kind in ("share", "ratio") and a.value == b.value and a.id != b.id:
        # two cells or clauses that say the same number (a ceiling and its slots) make a
        # share of 100 percent out of one quantity stated twice
        out.append("the part and the whole are the same number")
    if kind == "share":
        if a.unit == b.unit == "count" and a.value > b.value:
            out.append("the part is larger than the whole")
        if not 0 <= result.value <= 100:
            out.append("a share must lie between 0 and 100 percent")
    if kind in ("change", "share", "ratio", "difference", "sum") and any(states_change(f) for f in (a, b)) \
            and not _level_and_its_change(a, b):
        out.append("an operand is itself a change, not a level")
    if kind in ("change", "difference") and len({p.label() for p in query.periods}) >= 2 and a.source_id != b.source_id \
            and not _same_series(a, b):
        out.append("the two figures come from different articles and may not count the same thing")
    if kind in ("difference", "sum") and _IN_PERCENT.search(query.text) and not (a.unit == b.unit == "percent"):
        # "by how much, in percent, did it rise?" is not answered by a difference of two counts
        out.append("the question asks for a percent and the calculation gives a difference of levels")
    if kind in ("change", "difference") and result.value != 0:
        expected = direction(query.text)
        if expected and (result.value > 0) != (expected > 0) and not query.magnitude:
            out.append("the figures moved the other way from what the question says")
    return out
