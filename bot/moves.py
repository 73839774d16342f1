"""A move a sentence states with two levels: "raised the fee from $40 to $70", "fell to 1,200
from 3,400 in 2018".

A question about the size of that move ("how much would the fee increase?") is answered by
arithmetic on the two cited levels, never by either level alone.
"""

from __future__ import annotations

import re

from index import vocab
from index.facts import Fact
from index.periods import Period, find_periods

_HEDGE = r"(?:(?:about|nearly|some|roughly|around|almost|just|more than|less than|over|under)\s+)?"
_ASIDE = r"(?:\s+(?:in|during|for|on|at)\s+[^,;.()]{1,40}?)?,?"
_FROM_BEFORE = re.compile(rf"\bfrom\s+{_HEDGE}$", re.I)
_TO_BETWEEN = re.compile(rf"^{_ASIDE}\s+to\s+{_HEDGE}$", re.I)
_TO_BEFORE = re.compile(rf"\bto\s+{_HEDGE}$", re.I)
_FROM_BETWEEN = re.compile(rf"^{_ASIDE}\s+(?:(?:up|down)\s+)?from\s+{_HEDGE}$", re.I)


def from_to(fact: Fact, sentence: list[Fact]) -> tuple[Fact, Fact] | None:
    """The (from, to) levels of the move `fact` is one end of, among the figures of its sentence:
    "from A to B", "to B from A", "rose to B, up from A"; None when it is no end of one."""
    ordered = sorted((f for f in sentence if f.sentence_start == fact.sentence_start and f.unit == fact.unit),
                     key=lambda f: f.start)
    quote = fact.quote
    for x, y in zip(ordered, ordered[1:]):
        if fact.id not in (x.id, y.id):
            continue
        before = quote[:x.start - x.sentence_start]
        between = quote[x.end - x.sentence_start:y.start - y.sentence_start]
        if _FROM_BEFORE.search(before) and _TO_BETWEEN.match(between):
            return x, y
        if _TO_BEFORE.search(before) and _FROM_BETWEEN.match(between):
            return y, x
    return None


# Words of a question that ask for the level a move reached, or the one it started from.
_TO_WORDS = re.compile(r"\b(?:become|becomes|new|would be|will be|proposed|proposal|reach|reached|after|now|"
                       r"end(?:ed)? at|(?:" + "|".join(vocab.RISE_WORDS + vocab.FALL_WORDS) +
                       r"|go|goes|went|gone|come|came|up|down)\s+to)\b", re.I)
_FROM_WORDS = re.compile(r"\b(?:before|previous|previously|prior|old|original|originally|current|currently|used to|"
                         r"start(?:ed)? (?:at|from))\b", re.I)


def end_asked(question: str, move: tuple[Fact, Fact]) -> Fact | None:
    """Which end of `move` the question asks for: the level reached ("what would the fee become?"),
    the one it started from ("what was the fee before?"), or None when its words don't say.

    >>> end_asked("What would the fee become?", ("from", "to"))
    'to'
    >>> end_asked("What is the current fee?", ("from", "to"))
    'from'
    >>> end_asked("What is the fee?", ("from", "to"))
    """
    to, back = bool(_TO_WORDS.search(question)), bool(_FROM_WORDS.search(question))
    if to == back:
        return None
    return move[1] if to else move[0]


_THAN = re.compile(r"^\s*(?:[\w%-]+\s+){0,3}?(?:than|from|over|compared\s+(?:with|to))\s+(?:in\s+|during\s+|for\s+)?", re.I)
_FEWER = re.compile(r"\b(?:fewer|less|lower|below|down|decrease|drop|fall|decline|cut|reduction|fell|dropped|declined|"
                    r"decreased|shrank|lost)\b", re.I)


def _compared_with(fact: Fact) -> tuple[int, Period] | None:
    """The period the figure is stated against, named right after it ("N more than in fiscal
    2018", "up N from 2021"), with the offset in its sentence where that period's phrase starts."""
    end = fact.end - fact.sentence_start
    than = _THAN.match(fact.quote[end:])
    if than is None:
        return None
    periods = find_periods(fact.quote[end + than.end():])
    return (end + than.end(), periods[0].period) if periods and periods[0].start <= 2 else None


def against_period(fact: Fact) -> bool:
    """Whether the figure is stated against the period named right after it: that period is what
    it is compared with, not when it applies."""
    return _compared_with(fact) is not None


def level_before(change: Fact, sentence: list[Fact]) -> tuple[Fact, int, Period] | None:
    """For a change stated against an earlier period ("A people, N more than in fiscal 2018"),
    the level it is measured from (A), the sign of the move (+1 more, -1 fewer) and the earlier
    period: the earlier level is A - N for more, A + N for fewer. None when the sentence does
    not state both."""
    compared = _compared_with(change)
    if compared is None or compared[1].year is None:
        return None
    than_end, earlier = compared
    levels = [f for f in sentence if f.sentence_start == change.sentence_start and f.unit == change.unit
              and f.end <= change.start and f.id != change.id and f.period.label() != earlier.label()]
    if not levels:
        return None
    level = max(levels, key=lambda f: f.start)  # the nearest before it
    moved = change.quote[level.end - level.sentence_start:than_end]
    return level, -1 if _FEWER.search(moved) else 1, earlier


_BY_BEFORE = re.compile(rf"\b(?:{'|'.join(vocab.CHANGE_VERBS)}|up|down)\s+(?:by\s+)?{_HEDGE}[$£€¥]?$", re.I)
_TO_AFTER_CHANGE = re.compile(rf"^{_ASIDE}\s+to\s+{_HEDGE}[$£€¥]?$", re.I)


def reached_after(fact: Fact, sentence: list[Fact]) -> str | None:
    """What a level reached after a stated change measures: the change's subject ("revenue from
    the unit" in "revenue from the unit rose 14 percent to $3.4bn", "fell by 300 to 4,100"); None
    when the level follows no change.
    """
    earlier = [f for f in sentence if f.sentence_start == fact.sentence_start and f.end <= fact.start]
    if not earlier:
        return None
    change = max(earlier, key=lambda f: f.start)
    quote = fact.quote
    before = quote[:change.start - change.sentence_start]
    between = quote[change.end - change.sentence_start:fact.start - fact.sentence_start]
    verb = _BY_BEFORE.search(before)
    if verb is None or not _TO_AFTER_CHANGE.match(between):
        return None
    subject = before[:verb.start()]
    # the change's own clause, up to its verb
    at = subject.find(change.clause[:20]) if change.clause else -1
    return (subject[at:] if at >= 0 else subject).strip(" ,") or None


def bracketed_of(fact: Fact, sentence: list[Fact]) -> Fact | None:
    """The figure a bracketed earlier-period figure stands beside ("profit of $96m (2021: $88m)"):
    the same measure, so the same words; None when `fact` is no such figure."""
    at = fact.start - fact.sentence_start
    label = _BRACKET_LABEL.search(fact.quote[:at])
    if label is None:
        return None
    earlier = [f for f in sentence if f.sentence_start == fact.sentence_start and f.id != fact.id
               and f.end - f.sentence_start <= label.start()]
    if not earlier:
        return None
    # the nearest figure before the bracket, with only words between ("$96m in the year to March (2021: $88m)")
    host = max(earlier, key=lambda f: f.start)
    return host if host.unit == fact.unit else None


_BRACKET_LABEL = re.compile(r"\(\s*[\w/–-]{2,12}\s*:\s*[$£€¥]?$")
