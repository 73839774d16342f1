"""Read a question: what kind of answer it wants and which thing, actor and period it names.

    >>> q = parse("How many removals did ICE carry out in fiscal 2012?", {"ICE": "ICE"})
    >>> (q.kind, q.things, q.actors, q.periods[0].label())
    ('numeric', ['removals'], ['ICE'], 'fiscal year 2012')
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from index import vocab
from index.facts import actors_in, thing_of
from index.periods import Period, find_periods, without_periods
from index.stems import stem
from index.text import tokenize

_PRONOUN = re.compile(r"\b(those|these|that|this|them|it|they|their|ones)\b", re.I)
_FOLLOWUP_START = re.compile(r"^\s*(and|what about|how about|and what about|what of|same for|also)\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
# a name may hold digits after its letters: "H-1B", "I-130", "COVID-19", "N-400"
_NAME = re.compile(r"[A-Za-z][A-Za-z'’.-]*(?:\d[A-Za-z\d]*(?:-[A-Za-z\d]+)*)?")
_QUESTION_WORDS = frozenset("how what which who whom whose when where why is are was were do does did can could "
                            "would should will tell give show list compare and or".split())


class Query(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    kind: str  # numeric | share | difference | change | sum | ratio | text
    things: list[str] = []
    actors: list[str] = []
    periods: list[Period] = []
    keywords: list[str] = []
    names: list[str] = []  # capitalized names in the question (checked against the sources)
    pronoun: bool = False
    followup_start: bool = False
    magnitude: bool = False  # "how much lower": a positive difference
    unit: str | None = None  # count | percent | duration, or None when the question doesn't say
    peak: bool = False  # "at the peak", "the highest": the extreme of a series, whatever its period
    total: bool = False  # "the total fee": the whole its parts add up to
    wh: str | None = None
    measure: str | None = None  # "tall" of "how tall", "long" of "how long is the border": a size is asked
    topic_text: str | None = None  # for a bare follow-up, the earlier question whose words it keeps

    @property
    def period(self) -> Period | None:
        return self.periods[0] if self.periods else None


def _has(text: str, cues) -> bool:
    """Whether `text` says one of `cues` as whole words."""
    return _cue_pattern(tuple(cues)).search(text) is not None


@lru_cache(maxsize=256)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(c) for c in cues) + r")(?![\w])")


# The first kind whose cues a question contains wins: "percent change" is a change, not a share.
KIND_CUES = (
    ("change", vocab.CHANGE_CUES),
    ("ratio", vocab.RATIO_CUES),
    ("share", vocab.SHARE_CUES),
    ("difference", vocab.DIFFERENCE_CUES),
    ("sum", vocab.SUM_CUES),
    ("numeric", vocab.NUMERIC_CUES),
)


# "by what percentage did X grow": a percent that a figure moved by is a change, not a share
_MOVED = ("grow", "grew", "rise", "rose", "fall", "fell", "increase", "increased", "decrease", "decreased", "decline",
          "declined", "drop", "dropped", "jump", "jumped", "climb", "climbed", "shrink", "shrank", "change", "changed")


_PARTICIPLES = ("grown", "risen", "fallen", "shrunk", "gone up", "gone down", "go up", "go down")
# "how much would the fee increase?", "how many did arrests drop by?": the size of a move
_HOW_MUCH_MOVED = re.compile(r"\bhow (?:much|many)\b[^?]*?\b(?:would|will|did|does|do|could|might|has|have|had)\s+"
                             r"(?P<subject>[^?]*?)\b(?P<verb>" + "|".join(_MOVED + _PARTICIPLES) + r")\b", re.I)
# "how many dollars would the proposed increase add?"
_MOVE_ADDS = re.compile(r"\bhow (?:much|many)\b[^?]*?\bthe\s+(?:\w+\s+)?(?:increase|rise|hike|cut|drop|decline|gain|"
                        r"jump|reduction)\s+(?:add|amount to|come to|cost|save)\b", re.I)
_TAIL_WORDS = frozenset("by from to between since over during in and the a an compared with than last this "
                        "year years fiscal percent per cent".split())
_DETERMINERS = frozenset("a an the this that its their his her our".split())


def kind_of(text: str) -> str:
    """
    >>> kind_of("By what percentage did removals grow from 2018 to 2019?")
    'change'
    >>> kind_of("What percentage of removals were returns?")
    'share'
    >>> kind_of("How much would the application fee increase?")
    'difference'
    >>> kind_of("How many removals did ICE carry out after the sharp rise in arrests?")
    'numeric'
    >>> kind_of("By how many days did the wait for a transcript shrink?")
    'difference'
    >>> kind_of("By how much, in percent, did visa issuance rise from FY2022 to FY2023?")
    'change'
    """
    low = text.lower()
    kind = next((kind for kind, cues in KIND_CUES if _has(low, cues)), "text")
    if kind == "share" and _has(low, _MOVED) and not _has(low, ("of the", "of all", "were", "was")):
        return "change"
    if kind == "numeric" and (_moved_by(text) or _MOVE_ADDS.search(text)):
        kind = "difference"
    if kind == "difference" and re.search(r"\b(?:in|as a)\s+(?:percent|percentage|per cent)\b|%", low):
        return "change"  # "by how much, in percent, did issuance rise?"
    return kind


def _moved_by(text: str) -> bool:
    """Whether a "how much/many" question's verb is a move ("did arrests fall"), not a noun ("the rise")."""
    match = _HOW_MUCH_MOVED.search(text)
    if match is None:
        return False
    # a determiner inside the words before it starts another noun phrase: "did ICE remove after
    # the rise" asks a level; "would the fee increase" has its determiner first, on the subject;
    # a move word that ends the question ("did the wait for a transcript shrink?") is its verb
    if not any(w in _DETERMINERS for w in match.group("subject").lower().split()[1:]):
        return True
    tail = without_periods(text[match.end():])
    # what may follow the verb: a period, an amount, a place ("in Peru")
    return all(w.lower() in _TAIL_WORDS or w[:1].isdigit() or w[:1].isupper() for w in re.findall(r"[\w'’.,%$-]+", tail))


# just before: a capitalized word (not an initialism) that does not open the question
_IN_NAME = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-z][\w'’-]*\s+$")


def parse(text: str, aliases: dict[str, str]) -> Query:
    low = text.lower()
    things: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        if _IN_NAME.search(text[:match.start()]) and word[:1].isupper():
            continue  # "Larch County": a word of a name, not what is counted
        # "family-unit apprehensions": a compound names what its parts name
        thing = thing_of(word) or next(filter(None, map(thing_of, word.split("-"))), None)
        if thing and thing not in things:
            things.append(thing)
    actors = []
    for _, actor in actors_in(text, aliases):
        if actor not in actors:
            actors.append(actor)
    mentions = [m for m in find_periods(text) if m.period.kind != "unknown"]
    # "going by the fiscal 2019 report, how many ... in fiscal 2018?": the report's year names
    # the source; the other period is the one asked about
    asked = [m for m in mentions if not _SOURCE_AFTER.match(text[m.end:])] or mentions
    # "the 2018-19 government shutdown": a period that names an event, not one a figure is of;
    # a figure with no period of its own may answer for it
    periods = [m.period.model_copy(update={"basis": "named" if _NAMES_EVENT.match(text[m.end:])
                                             and re.search(r"\bthe\s+$", text[:m.start], re.I) else "question"})
               for m in asked]
    wh = question_word(text)
    kind = kind_of(text)
    if kind in ("change", "difference"):
        # "how much did X change from 2012 through 2017?" compares the span's two ends
        periods = [end for p in periods for end in p.ends()]
    if kind == "text" and things and wh is None and not _FOLLOWUP_START.match(text):
        kind = "numeric"  # "ICE removals 2014?"
    measure = asks_size(text) if kind in ("text", "numeric") else None  # "how far did it drop" asks a change
    if kind == "text" and measure:
        kind = "numeric"  # "how tall are the bollards?": a figure
    return Query(
        text=text,
        kind=kind,
        things=things,
        actors=actors,
        periods=periods,
        keywords=list(dict.fromkeys(tokenize(text) + things)),
        names=names_in(text, aliases),
        pronoun=bool(_PRONOUN.search(text)),
        followup_start=bool(_FOLLOWUP_START.match(text)),
        magnitude=_has(low, vocab.MAGNITUDE_CUES) and not _has(low, vocab.CHANGE_CUES),
        unit="count" if measure else unit_asked(low),
        measure=measure,
        peak=_has(low, vocab.PEAK_CUES),
        total=_has(low, vocab.TOTAL_CUES),
        wh=wh,
    )


_OPENING = re.compile(r"\s*(?:(?:" + "|".join(vocab.QUESTION_PREPOSITIONS) + r")\s+)?"
                      r"(?P<wh>who|whom|whose|when|why|where|which|what|how)\b", re.I)
_SAME_WH = {"whom": "who", "whose": "who"}


def question_word(text: str) -> str | None:
    """The question word a question opens with, after a preposition if any ("until when", "on
    what date"); "whom" and "whose" ask who.

    >>> question_word("Until when does the Lamu contract run?"), question_word("On what date did it open?")
    ('when', 'what')
    >>> question_word("Whose report was it?"), question_word("Peru removals 2014?"), question_word("How many?")
    ('who', None, 'how')
    """
    match = _OPENING.match(text)
    if match is None:
        return None
    wh = match.group("wh").lower()
    return _SAME_WH.get(wh, wh)


_NAMES_EVENT = re.compile(r"^\s+(?!(?:" + "|".join(sorted(vocab.STOPWORDS)) + r")\b)[a-z][a-z-]+\s+[a-z][a-z-]+\b"
                          r"(?!\s*[?.!]*$)")
_SOURCE_AFTER = re.compile(r"^['’]?s?\s+(?:[A-Za-z-]+\s+){0,2}?(?:report|reports|data|release|statistics|study|survey|"
                           r"yearbook|analysis|audit|filing)\b", re.I)
_DURATION = re.compile(r"\bhow long\b|\bhow many (?:" + "|".join(vocab.DURATION_UNITS) + r")\b"
                       r"|\b(?:what|which) (?:duration|length of time|time period)\b"
                       r"|\blength of (?:stay|detention|time|wait)|\b(?:waiting|wait|processing) times?\b")
_QUOTED_FIGURE = re.compile(r"[$£€¥]\s?\d[\d,.]*(?:\s*(?:million|billion|thousand|bn|m|k)\b)?")
# "how many miles", "how many people": a count of something other than money
_COUNTED = re.compile(r"\bhow many\s+(?!(?:dollars?|pounds?|euros?|yuan|yen)\b)[a-z]")


_MONEY = re.compile(r"[$£€¥]|\b(?:dollars?|pounds?|euros?|spen[dt]|spending|cost|costs|budget|fees?|paid|pay|"
                    r"revenue|funding|funded|money|price|worth|deposits?|salary|income|profit|loss|cash)\b")


_SIZE = re.compile(r"\bhow\s+(?P<adj>" + "|".join(vocab.MEASURE_QUESTION) + r")\b(?P<rest>.*)", re.I)
_TIME_VERBS = re.compile(r"\b(?:was|were|did|does|do|had|has|have|will|would|last(?:s|ed)?|take|took|wait(?:ed|ing)?|stay(?:ed)?|"
                         r"held|pending|run|ran|go|went|spend|spent)\b", re.I)


def asks_size(text: str) -> str | None:
    """The adjective of a question that asks a size ("how tall are the bollards?", "how long is
    the border?"), not a time or a count; else None.

    >>> asks_size("How tall are the new steel bollards?"), asks_size("How long is the southwest border?")
    ('tall', 'long')
    >>> asks_size("How long did the shutdown last?"), asks_size("How long was the wait?"), asks_size("How many miles?")
    (None, None, None)
    """
    match = _SIZE.search(text)
    if match is None:
        return None
    adjective = match.group("adj").lower()
    return adjective if adjective != "long" or not _TIME_VERBS.search(match.group("rest")) else None


_SIZED = re.compile(r"\bhow\s+\w+\s+(?:is|are|was|were|will)\s+(?P<noun>[^?]+)", re.I)


def sized_noun(text: str) -> str | None:
    """The stem of the thing whose size a size question asks ("How tall is the lodge's sea wall?"
    -> "wall"), else None.

    >>> sized_noun("How tall is the lodge's new sea wall?"), sized_noun("How long is the border in Peru?")
    ('wall', 'border')
    """
    match = _SIZED.search(text)
    if match is None:
        return None
    phrase = re.split(r"\s+(?:in|at|on|of|for|from|near|by|along|between|under)\s+", match.group("noun"))[0]
    words = re.findall(r"[A-Za-z][\w-]*", phrase)
    return stem(words[-1].lower()) if words else None


# a rate per something ("per 100,000", "per-diem", "a day", "daily") is no percent
_PER_UNIT = re.compile(r"\bper[\s-]+\w|\b(?:a|an|each|every)\s+(?:day|night|week|month|year|hour|head)\b"
                       r"|\b(?:daily|nightly|weekly|monthly|hourly|annual|yearly)\b")


def unit_asked(low: str) -> str | None:
    """ "how many hours" -> duration, "what percent" -> percent, "how much did it cost" -> money,
    "how many" -> count; "by how much" or "what was the ceiling" leave it open."""
    # a figure the question quotes ("will the $1.375 billion pay for") says nothing of what it asks
    low = _QUOTED_FIGURE.sub(" ", low)
    if _DURATION.search(low):
        return "duration"
    if _has(low, ("percent", "percentage", "share", "proportion", "fraction", "%", "per cent", "how often")):
        return "percent"
    if _has(low, ("rate",)) and not _PER_UNIT.search(low):
        return "percent"
    if _COUNTED.search(low):
        return "count"  # "how many miles of barrier ... for the money?"
    if _MONEY.search(low):
        return "money"
    if _has(low, ("how many",)):
        return "count"
    return None


def names_in(text: str, aliases: dict[str, str]) -> list[str]:
    """Capitalized words or acronyms that name something: "Canada", "FBI" (not "How" or "DHS")."""
    out = []
    text = without_periods(text)  # "FY22" is a period, not a name
    words = list(_NAME.finditer(text))
    for i, match in enumerate(words):
        word = re.sub(r"['’]s$", "", match.group(0)).strip(".'’-")
        if len(word) < 2 or not word[0].isupper() or word.lower() in _QUESTION_WORDS or word.lower() in vocab.STOPWORDS:
            continue
        if i == 0 and not word.isupper():
            continue
        if any(word in name.split() for name in aliases) or word.lower() in vocab.MONTHS:
            continue
        out.append(word)
    return out
