"""Judge one answer against one gold turn. Answers are plain dicts (the Answer JSON)."""

from __future__ import annotations

import re

from evals.gold import Expect

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
_SPACE = re.compile(r"\s+")  # \s covers the non-breaking space (U+00A0) and friends

_MARKER = re.compile(r"\[\d+\]")
# A figure: digits, with thousands separators or decimals, unless it is a plain year.
_FIGURE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s+(thousand|million|billion))?", re.I)


def normalize(text: str) -> str:
    """Collapse whitespace and straighten curly quotes.

    >>> normalize("the \u201cdetainers\u201d\u00a0 held")
    'the "detainers" held'
    """
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def states_figure(text: str) -> bool:
    """Whether text states a number, ignoring citation markers and years.

    >>> states_figure("The articles have no figure for 2009 [1].")
    False
    >>> states_figure("DHS carried out 577,295 deportations.")
    True
    """
    text = _MARKER.sub(" ", text)
    return any(not _YEAR.fullmatch(m.group()) for m in _FIGURE.finditer(text))


def numbers_in(text: str) -> list[float]:
    """Numbers written in text, with thousands separators and scale words.

    >>> numbers_in("1.6 million apprehensions and 10,182 requests")
    [1600000.0, 10182.0]
    """
    out = []
    for whole, frac, scale in _NUMBER.findall(text):
        value = float(whole.replace(",", "") + frac)
        out.append(value * _MULTIPLIERS.get(scale.lower(), 1) if scale else value)
    return out


def value_matches(actual: float | None, expected: float, tolerance: float) -> bool:
    """Relative tolerance; an expected zero needs an absolute match within `tolerance`.

    >>> value_matches(28.2029, 28.2, 0.005)
    True
    """
    if actual is None:
        return False
    return abs(actual - expected) <= tolerance * (abs(expected) or 1.0)


def text_has(answer_text: str, wanted: str) -> bool:
    """Case-insensitive containment; `a|b` accepts either."""
    haystack = normalize(answer_text).lower()
    return any(normalize(option).lower() in haystack for option in wanted.split("|"))


def covered(evidence: str, citations: list[dict]) -> bool:
    """Whether some citation's quote contains the evidence string."""
    needle = normalize(evidence)
    return any(needle in normalize(c.get("quote", "")) for c in citations)


def check_turn(expect: Expect, answer: dict | None) -> dict[str, bool]:
    """Each expectation of a turn and whether it holds; the turn passes when all do.

    An answer of None (the bot raised) fails every expectation, and a turn without
    expectations still needs an answer."""
    checks: dict[str, bool] = {"answered": answer is not None}
    answer = answer or {}
    text = answer.get("text") or ""
    citations = answer.get("citations") or []
    if expect.value is not None:
        checks["value"] = value_matches(answer.get("value"), expect.value, expect.tolerance)
    for wanted in expect.text:
        checks[f"text:{wanted}"] = text_has(text, wanted)
    for evidence in expect.evidence:
        checks[f"evidence:{evidence}"] = covered(evidence, citations)
    if expect.abstain is True:
        checks["abstain"] = bool(answer.get("abstained")) and not states_figure(text) and answer.get("value") is None
    elif expect.abstain is False:
        checks["abstain"] = not answer.get("abstained", True)
    return checks
