"""Arithmetic on cited facts, with the calculation spelled out.

    >>> compute("share", 250, 1000).shown
    '250 / 1,000 = 25.0%'
    >>> compute("change", 4000, 3000).shown
    '(3,000 - 4,000) / 4,000 = -25.0%'
"""

from __future__ import annotations

from dataclasses import dataclass

from index.numbers import format_number

OPERATIONS = ("share", "difference", "change", "sum", "ratio")


@dataclass(frozen=True)
class Result:
    operation: str
    value: float
    unit: str  # percent | count | ratio
    shown: str  # the calculation, operands as written in the sources
    result_text: str  # the result as the answer states it
    rounding: str


def operand_text(fact) -> str:
    """How a figure is shown in a calculation: as written, or, for a table cell whose column states
    its unit ("2.9" under "Travelers (millions)"), its value ("2,900,000")."""
    return fact.as_written if fact.scale == 1.0 else format_number(fact.value)


def compute(operation: str, a: float, b: float, a_text: str | None = None, b_text: str | None = None,
            magnitude: bool = False) -> Result:
    """`share`: a as a percent of b. `difference`: b - a (later minus earlier), or |b - a| when
    `magnitude`. `change`: (b - a) / a as a percent. `sum`: a + b. `ratio`: a / b.
    """
    if operation not in OPERATIONS:
        raise ValueError(f"unknown operation {operation!r}; expected one of {', '.join(OPERATIONS)}")
    x = a_text or format_number(a)
    y = b_text or format_number(b)
    if operation == "share":
        if b == 0:
            raise ZeroDivisionError("share of zero")
        value = round(100 * a / b, 1)
        text = f"{value:.1f}%"
        return Result(operation, value, "percent", f"{x} / {y} = {text}", text, "rounded to one decimal place")
    if operation == "difference":
        value = abs(b - a) if magnitude else b - a
        text = format_number(round(value, 6))
        shown = f"|{y} - {x}| = {text}" if magnitude else f"{y} - {x} = {text}"
        return Result(operation, value, "count", shown, text, "no rounding")
    if operation == "change":
        if a == 0:
            raise ZeroDivisionError("change from zero")
        value = round(100 * (b - a) / a, 1)
        if magnitude:
            value = abs(value)
        text = f"{value:.1f}%"
        shown = f"({y} - {x}) / {x} = {text}" if not magnitude else f"|{y} - {x}| / {x} = {text}"
        return Result(operation, value, "percent", shown, text, "rounded to one decimal place")
    if operation == "sum":
        value = a + b
        text = format_number(round(value, 6))
        return Result(operation, value, "count", f"{x} + {y} = {text}", text, "no rounding")
    if b == 0:
        raise ZeroDivisionError("ratio to zero")
    value = round(a / b, 2)
    text = f"{value:.2f}"
    return Result(operation, value, "ratio", f"{x} / {y} = {text}", text, "rounded to two decimal places")
