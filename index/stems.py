"""Word stems shared by the fact index (built here) and the matching of questions to facts.

    >>> stem("Deportations"), words("family-unit arrests"), sorted(stems("the kids"))
    ('deport', ['family-unit', 'family', 'unit', 'arrests'], ['kid'])
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import snowballstemmer

from index import vocab

_WORD = re.compile(r"[a-z][a-z'’.-]*[a-z]|[a-z]")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """ "Deportations" -> "deport"; "kids" -> "kid"."""
    word = word.lower().replace("’", "'").strip("'.-")
    word = re.sub(r"'s$", "", word)
    return _STEMMER.stemWord(word)


def words(text: str) -> list[str]:
    """Lowercase words of `text`, with hyphenated words also split ("family-unit" -> both parts)."""
    out = []
    for w in _WORD.findall(text.lower().replace("’", "'")):
        w = w.strip("'.-")
        if not w:
            continue
        out.append(w)
        if "-" in w:
            out.extend(p for p in w.split("-") if p)
    return out


def stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in vocab.STOPWORDS}


def stem_counts(texts: list[str]) -> tuple[Counter, dict[str, str]]:
    """How many of `texts` use each stem, and each stem's most common written form.

    >>> df, surface = stem_counts(["Kids arrived", "a kid"])
    >>> df["kid"], surface["kid"]
    (2, 'kids')
    """
    df: Counter = Counter()
    surface: dict[str, Counter] = {}
    for text in texts:
        seen = set()
        for w in words(text):
            if w in vocab.STOPWORDS or len(w) < 2:
                continue
            s = stem(w)
            surface.setdefault(s, Counter())[w] += 1
            seen.add(s)
        df.update(seen)
    return df, {s: c.most_common(1)[0][0] for s, c in surface.items()}
