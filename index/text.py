"""Keyword tokens shared by the BM25 index, fact keywords and question parsing."""

from __future__ import annotations

import re

from index import vocab

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[a-z]+")


def tokenize(text: str) -> list[str]:
    """Lowercased words without stopwords, crude plural folding; numbers keep their commas.

    >>> tokenize("The 1,234 removals in 2015")
    ['1,234', 'removal', '2015']
    """
    out = []
    for token in _TOKEN.findall(text.lower().replace("’", "'")):
        if token in vocab.STOPWORDS:
            continue
        if token[0].isalpha() and len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        out.append(token)
    return out
