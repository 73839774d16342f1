"""What a count counts: the noun right after the number ("38 Kenya Program countries"), and
the noun a "how many" question asks about ("how many visitors ...").

A count of countries does not answer "how many visitors", even when its sentence is about visitors.
"""

from __future__ import annotations

import re

from index import vocab
from index.stems import stem

_STOP = frozenset(vocab.STOPWORDS | {"were", "was", "is", "are", "who", "that", "had", "have", "has", "did", "do",
                                     "does", "would", "will", "could", "can", "there", "in", "of", "among", "as"}
                   | vocab.TIME_WORDS | vocab.CONJUNCTIONS)
_GENERIC = frozenset(stem(w) for w in vocab.THINGS["people"] + ("people", "persons", "individuals", "figure", "number",
                                                                "total", "cases", "times", "more", "fewer"))
_HOW_MANY = re.compile(r"\bhow many\s+(.*)", re.I)


def _opening_run(phrase: str) -> list[str]:
    """The words that open `phrase`, up to a verb or preposition, lower-cased."""
    run = []
    for word in re.findall(r"[A-Za-z][\w'’-]*", phrase):
        low = word.lower()
        if len(low) == 1:
            continue  # "U.S." read as letters
        if low in _STOP or (run and low.endswith("ed")):  # "visitors overstayed": a verb with no auxiliary
            break
        run.append(low)
    return run


def modifiers(phrase: str) -> list[str]:
    """The words before the head noun of the noun phrase that opens `phrase`: what sets one
    thing apart from others of its kind.

    >>> modifiers("Kenya stamping fee, for a total of")
    ['kenya', 'stamping']
    >>> modifiers("fee")
    []
    """
    return _opening_run(phrase)[:-1]


def head_noun(phrase: str) -> str | None:
    """The last noun of the words that open `phrase`, up to a verb or preposition; None when they
    name nothing ("as suspected ...") or only people in general.

    >>> head_noun("Kenya Program countries, who can enter")
    'countri'
    >>> head_noun("expected departures were suspected")
    'departur'
    >>> head_noun("people naturalized during") is None
    True
    >>> head_noun("new U.S. citizens in fiscal 2019")
    'citizen'

    """
    run = _opening_run(phrase)
    if not run:
        return None
    head = stem(run[-1])
    return None if head in _GENERIC else head


def asked_noun(question: str) -> str | None:
    """The noun a "how many" question counts ("how many visa overstays did ..." -> "overstay")."""
    match = _HOW_MANY.search(question)
    return head_noun(match.group(1)) if match else None


def counts_another(question: str, thing_text: str, sentence: str, asked_for) -> str | None:
    """The noun a count counts when it is not the one the question asks about, though the figure's
    sentence names that one too ("Visitors from the 38 ... countries" for "how many visitors");
    `asked_for(stem)` says whether some word of the question may mean it ("apprehensions" for
    "how many single adults were apprehended")."""
    asked, counted = asked_noun(question), head_noun(thing_text)
    if asked is None or counted is None or asked == counted or asked_for(counted):
        return None
    outside = {stem(w.lower()) for w in re.findall(r"[A-Za-z][\w'’-]*", sentence.replace(thing_text, " "))}
    return counted if asked in outside else None
