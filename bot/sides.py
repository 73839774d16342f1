"""Split a two-figure question into the phrases that name each figure.

    >>> split("What share of the agency's removals were returns?", "share")
    ('returns?', "the agency's removals")
    >>> split("What share of the cases judges completed in 2023 ended in a grant?", "share")
    ('ended in a grant?', 'the cases judges completed in 2023')
    >>> split("How many more removals than returns were there?", "difference")
    ('How many more removals', 'returns were there?')
    >>> split("What is the ratio of interior removals to returns in 2014?", "ratio")
    ('interior removals', 'returns in 2014?')
    >>> [r for r in coordinated("How many had drug or DUI convictions?")][:2]
    [('How many had drug convictions?', 'How many had DUI convictions?'), ('How many had drug?', 'How many had DUI convictions?')]
"""

from __future__ import annotations

import re

from index import vocab
from index.numbers import find_numbers

_THAN = re.compile(r"^(?P<a>.+?)\bthan\b(?P<b>.+)$", re.I)
# "what share of WHOLE were PART" and "what share of WHOLE is that"
_SHARE_OF = re.compile(r"\bof\s+(?P<whole>.+?)\s+(?:were|was|are|is|had|have|did|came)\s+(?P<part>.+)$", re.I)
# "what share of the cases completed in 2023 ended in a grant": the part is said by the last verb
# in the past tense and what follows it (the whole's own verb comes before: "completed")
_SHARE_OF_VERB = re.compile(r"\bof\s+(?P<whole>.+)\s+(?P<part>(?:[a-z]{3,}ed|got|won|led)\s+\w.*)$", re.I)
# "what share is PART of WHOLE", "what percentage are PART of WHOLE"
_RATIO_OF = re.compile(r"\bratio of\s+(?P<a>.+?)\s+to\s+(?P<b>.+)$", re.I)
_SHARE_IS = re.compile(r"\b(?:is|are|were|was)\s+(?P<part>.+?)\s+of\s+(?:the\s+|all\s+)?(?P<whole>.+)$", re.I)


def split(text: str, kind: str) -> tuple[str, str] | None:
    """(first, second) phrases in the order `compute` takes them: share -> (part, whole);
    difference and ratio -> (the side before "than", the side after)."""
    if kind == "share":
        for pattern in (_SHARE_OF, _SHARE_IS, _SHARE_OF_VERB):
            match = pattern.search(text)
            if match and names_something(match.group("part")) and names_something(match.group("whole")):
                return match.group("part").strip(), match.group("whole").strip()
        return None
    if kind == "ratio":
        match = _RATIO_OF.search(text)
        if match and names_something(match.group("a")) and names_something(match.group("b")):
            return match.group("a").strip(), match.group("b").strip()
    if kind in ("difference", "ratio"):
        match = _THAN.match(text)
        if match and names_something(match.group("b")):
            return match.group("a").strip(), match.group("b").strip()
    return None


def names_something(phrase: str) -> bool:
    """More than a pronoun: "that" or "those" alone leave the figure to the conversation."""
    words = re.findall(r"[A-Za-z0-9,.]+", phrase.lower())
    return bool([w for w in words if w not in ("that", "this", "those", "these", "it", "them", "the", "total")])


def stated_values(phrase: str) -> list[float]:
    """Figures a question quotes ("the 1,234 removals"), not years."""
    return [m.value for m in find_numbers(phrase) if m.unit in ("count", "percent", "money")]


_TOKEN = re.compile(r"[^\s,;:?!()]+")
_CONJUNCTION = {"and", "or", "plus"}
# words a conjunct does not run across: prepositions, verbs of the question, determiners
_BOUNDARY = frozenset("""in for during from by at of on with to since between into under over about
    did do does were was are is had have has be been get got how many much what which who the a an
    their its his her this that these those all each both combined together add sum total""".split())
MAX_CONJUNCT_WORDS = 3


def coordinated(text: str) -> list[tuple[str, str]]:
    """Readings of the first "A and B" (or "A or B") that joins two things: for each, the question
    as it reads for A alone and for B alone. Where the conjuncts end is not always plain ("drug or
    DUI convictions", "border removals and interior removals"), so every extent up to
    MAX_CONJUNCT_WORDS is a reading, the ones that keep a shared last word first; the caller
    keeps the reading whose two figures the sources match best."""
    tokens = list(_TOKEN.finditer(text))
    for i, token in enumerate(tokens):
        if token.group(0).lower() not in _CONJUNCTION or i == 0 or i == len(tokens) - 1:
            continue
        left = _run(text, tokens, i - 1, -1)
        right = _run(text, tokens, i + 1, +1)
        if not left or not right:
            continue
        readings = []
        for n_right in range(1, len(right) + 1):
            for n_left in range(1, len(left) + 1):
                start, end = tokens[i - n_left].start(), tokens[i + n_right].end()
                a, b = text[start:tokens[i - 1].end()], text[tokens[i + 1].start():end]
                readings.append((text[:start] + a + text[end:], text[:start] + b + text[end:]))
        return list(dict.fromkeys(readings))
    return []


def _run(text: str, tokens, at: int, step: int) -> list[str]:
    """Up to MAX_CONJUNCT_WORDS words from `at` in the direction `step` that can belong to a conjunct."""
    out = []
    while 0 <= at < len(tokens) and len(out) < MAX_CONJUNCT_WORDS:
        word = tokens[at].group(0)
        if word.lower() in _BOUNDARY or word.lower() in _CONJUNCTION or word.lower() in vocab.OPERATION_WORDS \
                or re.search(r"\d", word) \
                or re.search(r"['’]s$", word):
            break
        out.append(word)
        # a comma, question mark or full stop ends the phrase
        gap = text[tokens[at].end():tokens[at + 1].start()] if step > 0 and at + 1 < len(tokens) else \
            text[tokens[at - 1].end():tokens[at].start()] if step < 0 and at > 0 else ""
        if re.search(r"[,;:?!.]", gap):
            break
        at += step
    return out


_POINTS_BACK = re.compile(r"^\s*(?:those|these|the ones|ones|that|them)\b\s*", re.I)


def with_antecedent(phrase: str, other: str) -> str:
    """A side that points back ("those lodged after Y") with the other side's head noun in place.

    >>> with_antecedent("those lodged after traffic stops", "detainer requests lodged after arrests")
    'detainer requests lodged after traffic stops'
    >>> with_antecedent("returns in 2014", "removals")
    'returns in 2014'
    """
    match = _POINTS_BACK.match(phrase)
    if not match:
        return phrase
    head = []
    for word in other.split():
        low = word.lower().strip("?,.")
        if low in _BOUNDARY or low in vocab.OPERATION_WORDS or re.search(r"(?:ed|ing)$", low) or re.search(r"\d", low):
            break
        head.append(word.strip("?,."))
    return " ".join(head + [phrase[match.end():]]) if head else phrase
