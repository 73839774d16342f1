"""Word stems shared by the fact index (built here) and the matching of questions to facts.

    >>> stem("Deportations"), words("family-unit arrests"), sorted(stems("the kids"))
    ('deport', ['family-unit', 'family', 'unit', 'arrests'], ['kid'])
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import simplemma
import snowballstemmer

from index import vocab

_WORD = re.compile(r"[a-z][a-z'’.-]*[a-z]|[a-z]")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """ "Deportations" -> "deport"; "kids" -> "kid"; an irregular form stems as its lemma:
    "stood" -> "stand", "fell" -> "fall"."""
    word = word.lower().replace("’", "'").strip("'.-")
    word = re.sub(r"'s$", "", word)
    out = _STEMMER.stemWord(word)
    if word.isalpha() and len(word) >= 3:
        lemma = simplemma.lemmatize(word, lang="en").lower()
        if lemma != word and lemma.isalpha() and lemma not in vocab.STOPWORDS:
            out = _STEMMER.stemWord(lemma)
    return out


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


def refers_back(sentence: str) -> bool:
    """Whether a sentence opens by pointing at the one before ("That was down from N", "The
    fiscal-year total was up from N"): its subject is that sentence's.

    >>> refers_back("That was down from 5 in 2018."), refers_back("Judges decided 5 cases.")
    (True, False)
    """
    return _REFERS_BACK.match(sentence.lstrip("\"'“ ")) is not None


_REFERS_BACK = re.compile(r"(?:" + "|".join(vocab.ANAPHORS) + r")\b|the (?:[\w-]+ ){0,3}(?:"
                          + "|".join(vocab.ANAPHORIC_NOUNS) + r")\b", re.I)


def phrases_to_words(text: str) -> str:
    """Multi-word synonyms become their group's first word: "got sent back" -> "got deported"."""
    low = text.lower()
    for pattern, word in _PHRASES:
        low = pattern.sub(word, low)
    return low


_PHRASES = [(re.compile(rf"\b{re.escape(phrase)}\b"), group[0])
            for group in vocab.SYNONYMS for phrase in group[1:] if " " in phrase]
