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
_HOW_MUCH = re.compile(r"\b(?:how (?:many|much)|(?:number|amount|count|quantity|share|percentage) of(?: the)?)\s+(.*)", re.I)


def _words(phrase: str) -> list[str]:
    """The words of `phrase`, lower-cased, without single letters ("U.S." read as letters)."""
    return [w.lower() for w in re.findall(r"[A-Za-z][\w'’-]*", phrase) if len(w) > 1]


def _opening_run(phrase: str) -> list[str]:
    """The words that open `phrase`, up to a verb or preposition, lower-cased."""
    run = []
    for low in _words(phrase):
        # "visitors overstayed", "miles went up": a verb with no auxiliary
        if low in _STOP or (run and (low.endswith("ed") or low in vocab.IRREGULAR_PAST)):
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


def counted_words(question: str) -> list[str]:
    """The words of the noun phrase a "how many" or "how much" question asks about, lower-cased
    ("How many giraffes were seized?" -> ["giraffes"], "how much cocaine ..." -> ["cocaine"],
    "what was the number of giraffes seized?" -> ["giraffes"]).

    >>> counted_words("How many unaccompanied children were caught?"), counted_words("How much was spent?")
    (['unaccompanied', 'children'], [])
    """
    match = _HOW_MUCH.search(question)
    return _opening_run(match.group(1)) if match else []


def asked_noun(question: str) -> str | None:
    """The noun a "how many" question counts ("how many visa overstays did ..." -> "overstay")."""
    match = _HOW_MANY.search(question)
    return head_noun(match.group(1)) if match else None


_PREPOSITIONS = frozenset("from of in at on with among".split())
_VERBS = frozenset("were was is are did do does had have has would will could can who that".split())


def _describing(question: str) -> set[str]:
    """Stems of the prepositional phrase right after the noun a "how many" question counts: they
    say which of those things, not what is counted ("how many visitors from Peru countries
    overstayed": "peru", "countri").

    >>> sorted(_describing("How many visitors from Kenya Program countries overstayed in 2017?"))
    ['countri', 'kenya', 'program']
    >>> sorted(_describing("How many single adults were apprehended?"))
    []
    """
    match = _HOW_MANY.search(question)
    if match is None:
        return set()
    words = _words(match.group(1))
    at = len(_opening_run(match.group(1)))
    if at >= len(words) or words[at] not in _PREPOSITIONS:
        return set()
    out = set()
    for low in words[at + 1:]:
        if low in _VERBS or low.endswith("ed") or low in _PREPOSITIONS:
            break
        if low not in _STOP:
            out.add(stem(low))
    return out


def counts_another(question: str, thing_text: str, sentence: str, asked_for) -> str | None:
    """The noun a count counts when it is not the one the question asks about, though the figure's
    sentence names that one too ("Visitors from the 38 ... countries" for "how many visitors");
    `asked_for(stem)` says whether some word of the question may mean it ("apprehensions" for
    "how many single adults were apprehended")."""
    asked, counted = asked_noun(question), head_noun(thing_text)
    if asked is None or counted is None or asked == counted:
        return None
    if asked_for(counted) and counted not in _describing(question):
        return None
    outside = {stem(w.lower()) for w in re.findall(r"[A-Za-z][\w'’-]*", sentence.replace(thing_text, " "))}
    return counted if asked in outside else None
