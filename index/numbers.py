"""Find numeric mentions in text and normalize them: "nearly 1.6 million" -> 1600000, approximate.

Years, days of the month, ages and codes such as "287G" are recognized and left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index import vocab

_WORD_NUM = "|".join(sorted(vocab.NUMBER_WORDS, key=len, reverse=True))
_SCALE = "|".join(vocab.SCALES)
_FRACTION = "|".join(vocab.FRACTION_WORDS)
_QUALIFIER = "|".join(re.escape(q) for q in sorted(vocab.QUALIFIERS, key=len, reverse=True))

NUMBER = re.compile(
    rf"""
    (?P<money>\$\s?)?
    (?:
        (?P<digits>(?<![\w.,])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\w,]\d)|(?<![\w.,])\d+(?:\.\d+)?)
      | (?P<words>\b(?:{_WORD_NUM})(?:[- ](?:{_WORD_NUM}))?\b)
      | (?P<fraction>\b(?:{_FRACTION})\s+(?:a|an)\b(?=\s+(?:{_SCALE})))
    )
    (?P<scale>\s+(?:{_SCALE})\b)?
    (?P<percent>\s?%|\s+percentage\s+points?\b|\s+per\s?cent\b)?
    """,
    re.X | re.I,
)
QUALIFIER_BEFORE = re.compile(rf"\b(?P<q>{_QUALIFIER})\s+$", re.I)
_AFTER_ID = re.compile(r"[A-Za-z]")
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(vocab.MONTHS) + r")\.?\s+$", re.I)
_AGE_AFTER = re.compile(r"^(?:-|\s)year[s]?[- ]old\b|^\s+years?\s+old\b", re.I)
_DURATION_AFTER = re.compile(r"^\s+(" + "|".join(vocab.DURATION_UNITS) + r")\b", re.I)


@dataclass(frozen=True)
class Mention:
    start: int  # of the whole mention, qualifier included
    end: int
    number_start: int  # of the number itself
    value: float
    unit: str  # count | percent | money | duration
    qualifier: str  # exact | approximate | lower_bound | upper_bound
    qualifier_text: str

    def as_written(self, text: str) -> str:
        return text[self.start : self.end]


def _is_markup(text: str, start: int, end: int) -> bool:
    """Digits that are markup, not quantities: "[1]", "f(1)", "1.2.3.4", a URL or an address."""
    if text[start - 1 : start] in ("[", "(") and text[end : end + 1] in ("]", ")"):
        return True
    if re.match(r"\.\d", text[end:]):
        return True
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    token = text[left : right if right >= 0 else len(text)]
    return "://" in token or "@" in token or "www." in token


def parse_words(words: str) -> int | None:
    """ "Eighty-five" -> 85, "twenty" -> 20."""
    total = 0
    for part in re.split(r"[- ]", words.lower()):
        if part not in vocab.NUMBER_WORDS:
            return None
        total += vocab.NUMBER_WORDS[part]
    return total


def is_year(raw: str, after: str) -> bool:
    if not re.fullmatch(r"(1[89]|20)\d\d", raw):
        return False
    return not re.match(r"^\s*(%|percent|per cent|" + "|".join(vocab.SCALES) + r")\b", after, re.I)


def find_numbers(text: str, include_words: bool = True) -> list[Mention]:
    """Every quantity in `text` with its normalized value, unit and qualifier."""
    out: list[Mention] = []
    for match in NUMBER.finditer(text):
        after = text[match.end() :]
        before = text[: match.start()]
        scale = match.group("scale")
        percent = match.group("percent")
        if match.group("digits"):
            raw = match.group("digits")
            if _is_markup(text, match.start(), match.end()):
                continue
            if _AFTER_ID.match(after) or (not scale and not percent and is_year(raw, after)):
                continue
            if _MONTH_BEFORE.search(before) and not scale and not percent and len(raw) <= 2:
                continue
            if _AGE_AFTER.match(after) or before.endswith(("No. ", "#", "no. ")):
                continue
            value = float(raw.replace(",", ""))
        elif match.group("words"):
            if not include_words or not (scale or percent):
                continue
            value = parse_words(match.group("words"))
            if value is None:
                continue
        else:
            if not scale:
                continue
            value = vocab.FRACTION_WORDS[match.group("fraction").split()[0].lower()]
        if scale:
            value *= vocab.SCALES[scale.strip().lower()]
        unit = "percent" if percent else "money" if match.group("money") else "count"
        end = match.end()
        duration = _DURATION_AFTER.match(after) if unit == "count" else None
        if duration:
            unit, end = "duration", end + duration.end()
        start, qualifier, qualifier_text = match.start(), "exact", ""
        q = QUALIFIER_BEFORE.search(before)
        if q:
            start, qualifier_text = q.start("q"), q.group("q")
            qualifier = vocab.QUALIFIERS[qualifier_text.lower()]
        number_start = match.start("money") if match.group("money") else match.start()
        out.append(Mention(start, end, number_start, _clean(value), unit, qualifier, qualifier_text))
    return out


def _clean(value: float) -> float:
    return float(round(value, 6))


def format_number(value: float, decimals: int | None = None) -> str:
    """1234567 -> "1,234,567"; 28.24 -> "28.24" (or rounded to `decimals`)."""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
