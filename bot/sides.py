"""Split a two-figure question into the phrases that name each figure.

    >>> split("What share of the agency's removals were returns?", "share")
    ('returns?', "the agency's removals")
    >>> split("How many more removals than returns were there?", "difference")
    ('How many more removals', 'returns were there?')
"""

from __future__ import annotations

import re

from index.numbers import find_numbers

_THAN = re.compile(r"^(?P<a>.+?)\bthan\b(?P<b>.+)$", re.I)
# "what share of WHOLE were PART" and "what share of WHOLE is that"
_SHARE_OF = re.compile(r"\bof\s+(?P<whole>.+?)\s+(?:were|was|are|is|had|have|did|came)\s+(?P<part>.+)$", re.I)
# "what share is PART of WHOLE", "what percentage are PART of WHOLE"
_SHARE_IS = re.compile(r"\b(?:is|are|were|was)\s+(?P<part>.+?)\s+of\s+(?:the\s+|all\s+)?(?P<whole>.+)$", re.I)


def split(text: str, kind: str) -> tuple[str, str] | None:
    """(first, second) phrases in the order `compute` takes them: share -> (part, whole);
    difference and ratio -> (the side before "than", the side after)."""
    if kind == "share":
        for pattern in (_SHARE_OF, _SHARE_IS):
            match = pattern.search(text)
            if match and _names_something(match.group("part")) and _names_something(match.group("whole")):
                return match.group("part").strip(), match.group("whole").strip()
        return None
    if kind in ("difference", "ratio"):
        match = _THAN.match(text)
        if match and _names_something(match.group("b")):
            return match.group("a").strip(), match.group("b").strip()
    return None


def _names_something(phrase: str) -> bool:
    """More than a pronoun: "that" or "those" alone leave the figure to the conversation."""
    words = re.findall(r"[A-Za-z0-9,.]+", phrase.lower())
    return bool([w for w in words if w not in ("that", "this", "those", "these", "it", "them", "the", "total")])


def stated_values(phrase: str) -> list[float]:
    """Figures a question quotes ("the 1,234 removals"), not years."""
    return [m.value for m in find_numbers(phrase) if m.unit in ("count", "percent", "money")]
