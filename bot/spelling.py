"""Misspelt question words read as the article word they are one slip away from.

A word is taken for a slip only when neither the articles nor the embedding model's own
dictionary knows it ("ceilng"), and exactly one word of the articles is one insertion, deletion,
substitution or swap away ("ceiling"). The question is then read with that word, and the answer
shows what it was read as, so a reader sees the correction.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from bot.lexicon import edit1, stem
from index import vocab

MIN_LENGTH = 5  # shorter words have too many neighbours one letter away
_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]+(?![\w'’-])")
_PLAIN = vocab.STOPWORDS | vocab.QUESTION_FILLER
_ENDINGS = ("s", "es", "ed", "d", "ing", "ly")


def known_form(word: str, dictionary: set[str]) -> bool:
    """Whether `word`, or `word` less a common ending, is a dictionary word.

    >>> known_form("registrations", {"registration"}), known_form("ceilng", {"ceiling"})
    (True, False)
    """
    if word in dictionary:
        return True
    return any(word.endswith(e) and word[:-len(e)] in dictionary for e in _ENDINGS)


def respelled(text: str, knows: Callable[[str], bool], dictionary: set[str],
              vocabulary: Callable[[], Iterable[str]]) -> str:
    """`text` with each lowercase word nobody knows replaced by the one article word (of
    `vocabulary()`, called only then) one slip from it. `knows` says whether the articles have a
    word's stem.

    >>> respelled("What was the refugee ceilng?", lambda w: w in {"refuge", "ceil"}, {"refugee"},
    ...           lambda: ["refugee", "ceiling"])
    'What was the refugee ceiling?'
    >>> respelled("the ceilng or cealing?", lambda w: False, set(), lambda: ["ceiling", "sealing"])
    'the ceiling or cealing?'
    """
    def fix(match: re.Match) -> str:
        word = match.group(0)
        if len(word) < MIN_LENGTH or word in _PLAIN or knows(stem(word)) or known_form(word, dictionary):
            return word
        near = set()
        for ending in ("", "s", "es"):  # "registartions" is "registration" plus its plural
            base = word[:len(word) - len(ending)]
            if word.endswith(ending) and len(base) >= MIN_LENGTH - 1:
                near |= {s.lower() + ending for s in vocabulary()
                         if abs(len(s) - len(base)) <= 1 and edit1(base, s.lower())}
        if len({stem(n) for n in near}) != 1:
            return word  # none, or two words it might be: no guess
        return min(near, key=len)

    return _WORD.sub(fix, text)
