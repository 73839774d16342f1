"""Compare a claimed figure with the figure the sources state, each read with its own qualifier.

Each figure stands for a range of values: "1,234" for itself, "more than N" for everything
above N, "nearly N" for a little under N, "about N" for N give or take five percent, and a
round figure written without a qualifier ("2.3 million") for what rounds to it (at most one
percent either way). The claim is supported when every value the sources allow lies inside
the claim's range, contradicted when no value does, and undecided when the ranges overlap.

    >>> compare(300000, "more than 300,000", "lower_bound", 312345, "312,345", "exact").verdict
    'supported'
    >>> r = compare(320000, "nearly 320,000", "approximate", 312345, "312,345", "exact")
    >>> (r.verdict, r.approximate)
    ('supported', True)
    >>> compare(320000, "320,000", "exact", 312345, "312,345", "exact").verdict
    'contradicted'
"""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from index import vocab
from index.numbers import format_number

Verdict = Literal["supported", "contradicted", "not_in_sources", "ambiguous"]

APPROXIMATE = 0.05  # "about N": N give or take five percent
ROUNDED = 0.01  # a round figure stands for at most one percent either way
_BELOW = ("nearly", "almost", "close to", "just under", "just shy of", "nearly a")  # a little under N


class Range(BaseModel):
    """The values a figure as written allows; `exact` when it allows one value only."""

    model_config = ConfigDict(frozen=True)

    low: float
    high: float
    exact: bool


class Comparison(BaseModel):
    model_config = ConfigDict(frozen=True)

    verdict: Verdict
    approximate: bool  # supported only approximately: a qualifier or rounding was needed
    difference: str | None = None  # the stated figure minus the claimed one, shown


def precision(as_written: str) -> float:
    """The place value of the last significant digit of a figure as written.

    >>> precision("312,345"), precision("312,000"), precision("2.3 million"), precision("41.7%")
    (1.0, 1000.0, 100000.0, 0.1)
    """
    m = re.search(r"\d[\d,]*(?:\.(\d+))?", as_written)
    if m is None:
        return 1.0
    digits = m.group(0).replace(",", "")
    scale = next((v for w, v in vocab.SCALES.items() if re.search(rf"\b{w}\b", as_written, re.I)), 1)
    if m.group(1):
        return scale * 10 ** -len(m.group(1))
    whole = digits.split(".")[0]
    zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
    return float(scale * 10 ** zeros)


def figure_range(value: float, as_written: str, qualifier: str, unit: str = "count", rounded: bool = True) -> Range:
    """The range of values `as_written` allows (`qualifier` as the number reader gives it).
    With `rounded`, a figure without a qualifier stands for what rounds to it: a percent for
    half its last digit ("41%" for 40.5 to 41.5), another figure for at most one percent of
    itself either way. The sources' own figures are taken as stated (`rounded=False`).

    >>> figure_range(200000, "nearly 200,000", "approximate")
    Range(low=190000.0, high=200000.0, exact=False)
    >>> figure_range(120, "more than 120", "lower_bound")
    Range(low=120.0, high=inf, exact=False)
    """
    if qualifier == "lower_bound":
        return Range(low=value, high=math.inf, exact=False)
    if qualifier == "upper_bound":
        return Range(low=-math.inf if value < 0 else 0.0, high=value, exact=False)
    if qualifier == "approximate":
        below = as_written.lower().lstrip().startswith(_BELOW)
        return Range(low=value * (1 - APPROXIMATE), high=value if below else value * (1 + APPROXIMATE), exact=False)
    if not rounded:
        return Range(low=value, high=value, exact=True)
    half = precision(as_written) / 2 if unit == "percent" else min(precision(as_written) / 2, abs(value) * ROUNDED)
    if half <= 0 or (unit != "percent" and precision(as_written) <= 1):
        return Range(low=value, high=value, exact=True)
    return Range(low=value - half, high=value + half, exact=False)


def _strict(qualifier_text: str) -> bool:
    """ "more than N" excludes N itself; "at least N" includes it."""
    return qualifier_text.lower().lstrip().startswith(("more than", "greater than", "over", "above", "exceeding",
                                                       "less than", "fewer than", "under", "below", "in excess of",
                                                       "upwards of", "slightly", "just"))


def compare(claimed: float, claimed_text: str, claimed_qualifier: str,
            stated: float, stated_text: str, stated_qualifier: str, unit: str = "count") -> Comparison:
    """The verdict on a claimed figure given the figure the sources state for the same thing."""
    claim = figure_range(claimed, claimed_text, claimed_qualifier, unit)
    found = figure_range(stated, stated_text, stated_qualifier, unit, rounded=False)
    difference = shown_difference(claimed, stated, claimed_text, stated_text)
    if claimed == stated and claimed_qualifier == stated_qualifier:
        return Comparison(verdict="supported", approximate=claimed_qualifier == "approximate")
    if claim.exact and found.exact:
        if claimed == stated:
            return Comparison(verdict="supported", approximate=False)
        return Comparison(verdict="contradicted", approximate=False, difference=difference)
    low_ok = found.low > claim.low or (found.low == claim.low and not (
        claimed_qualifier == "lower_bound" and _strict(claimed_text) and found.exact))
    high_ok = found.high < claim.high or (found.high == claim.high and not (
        claimed_qualifier == "upper_bound" and _strict(claimed_text) and found.exact))
    if low_ok and high_ok:
        return Comparison(verdict="supported", approximate=not found.exact or claimed_qualifier in ("approximate", "exact")
                          and not claim.exact)
    if found.high < claim.low or found.low > claim.high or (
            found.exact and (not low_ok or not high_ok)):
        return Comparison(verdict="contradicted", approximate=False, difference=difference)
    return Comparison(verdict="ambiguous", approximate=False, difference=difference)


def shown_difference(claimed: float, stated: float, claimed_text: str, stated_text: str) -> str | None:
    """The sources' figure against the claim's, as arithmetic on both as written.

    >>> shown_difference(320000, 312345, "320,000", "312,345")
    '312,345 - 320,000 = -7,655 (-2.4% of the claimed figure)'
    """
    if claimed == stated:
        return None
    diff = stated - claimed
    text = format_number(round(diff, 6))
    percent = f" ({100 * diff / claimed:+.1f}% of the claimed figure)" if claimed else ""
    return f"{_bare(stated_text)} - {_bare(claimed_text)} = {text}{percent}"


def _bare(as_written: str) -> str:
    """The figure without its qualifier: "nearly 320,000" -> "320,000"."""
    low = as_written.lower()
    for q in sorted(vocab.QUALIFIERS, key=len, reverse=True):
        if low.startswith(q + " "):
            return as_written[len(q) + 1:]
    return as_written
