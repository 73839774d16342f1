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

_CURRENCY = r"US\$|A\$|C\$|HK\$|S\$|\$|£|€|¥|₹|RMB\s?|USD\s?|GBP\s?|EUR\s?"
NUMBER = re.compile(
    rf"""
    (?P<money>(?:{_CURRENCY})\s?)?
    (?:
        (?P<digits>(?:(?<=RMB|USD|GBP|EUR)|(?<![\w.,]))\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\w,]\d)|(?:(?<=RMB|USD|GBP|EUR)|(?<![\w.,]))\d+(?:\.\d+)?)
      | (?P<words>\b(?:{_WORD_NUM})(?:[- ](?:{_WORD_NUM}))?\b)
      | (?P<fraction>\b(?:{_FRACTION})\s+(?:a|an)\b(?=\s+(?:{_SCALE})))
    )
    (?P<scale>\s+(?:{_SCALE})\b|(?<=\d)(?:bn|mn|m|k)\b)?
    (?P<percent>\s?%|\s+percentage\s+points?\b|\s+per\s?cent\b)?
    """,
    re.X | re.I,
)
QUALIFIER_BEFORE = re.compile(rf"\b(?P<q>{_QUALIFIER})\s+$", re.I)
_AFTER_ID = re.compile(r"[A-Za-z]")
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(vocab.MONTHS) + r")\.?\s+$", re.I)
_AGE_AFTER = re.compile(r"^(?:-|\s)year[s]?[- ]old\b|^\s+years?\s+old\b", re.I)
_DURATION_AFTER = re.compile(r"^(?:\s+|-)(" + "|".join(vocab.DURATION_UNITS) + r")\b", re.I)
_DAY_BEFORE_MONTH = re.compile(r"^\s+(?:" + "|".join(vocab.MONTHS) + r")\b", re.I)
_SHORT_SCALES = {"bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}
# A number inside a code or name: "I-589", "287(g)", "COVID-19", "3:22-cv", "H-1B", a 3-2 vote.
_CODE_LEFT = re.compile(r"(?:[A-Za-z]-|[A-Za-z]|\d[-:/]|[:/#])$")
_CODE_RIGHT = re.compile(r"^(?:\([A-Za-z0-9]{1,3}\)|[-:/]\d|-[A-Z]|[-:/][a-z]{1,3}\b(?!-))")
_AGED_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+$", re.I)


@dataclass(frozen=True)
class Mention:
    start: int  # of the whole mention, qualifier included
    end: int
    number_start: int  # of the number itself
    value: float
    unit: str  # count | percent | money | duration
    qualifier: str  # exact | approximate | lower_bound | upper_bound
    qualifier_text: str
    currency: str = ""  # "$", "£", "RMB" ... for money

    def as_written(self, text: str) -> str:
        return text[self.start : self.end]


def _is_markup(text: str, start: int, end: int) -> bool:
    """Digits that are markup, not quantities: "[1]", "f(1)", "1.2.3.4", a URL or an address."""
    if text[start - 1 : start] == "[" and text[end : end + 1] == "]":
        return True
    if not text[:start].strip() and end - start <= 2 and re.match(r"[.)]\s", text[end:end + 2]):
        return True  # "1. How many arrived?": a numbered line's marker
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        # "f(1)" or a list marker "(2) ..." is markup; "Peru (1,234)" is a list item's figure
        before = text[: start - 1]
        return not before.strip() or not before[-1:].isspace() or (end - start <= 2 and before.rstrip()[-1:] in ".:;")
    return _is_address(text, start, end)


def _is_address(text: str, start: int, end: int) -> bool:
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
            if _AGE_AFTER.match(after) or before.endswith(("No. ", "#", "no. ")) or _AGED_BEFORE.search(before):
                continue
            if not scale and not percent and len(raw) <= 2 and _DAY_BEFORE_MONTH.match(after):
                continue  # the day of "31 December 2019"
            if is_identifier(text, match.start("digits"), match.end("digits"), bool(match.group("money"))):
                continue
            value = float(raw.replace(",", ""))
        elif match.group("words"):
            if not include_words:
                continue
            value = parse_words(match.group("words"))
            if value is None or not (scale or percent or spelled_count(value, after)):
                continue
        else:
            if not scale:
                continue
            value = vocab.FRACTION_WORDS[match.group("fraction").split()[0].lower()]
        if scale:
            word = scale.strip().lower()
            if word in _SHORT_SCALES and not match.group("money"):
                continue  # "5m" is five metres or minutes unless it is money
            value *= vocab.SCALES.get(word) or _SHORT_SCALES[word]
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
        currency = (match.group("money") or "").strip()
        out.append(Mention(start, end, number_start, _clean(value), unit, qualifier, qualifier_text, currency))
    return out


_SPELLED_FRACTION = re.compile(r"^-(?:halve|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)s?\b", re.I)
_WORD_AFTER = re.compile(r"^[ -](?!(?:another|other|or|and|to)\b)[A-Za-z]")


def spelled_count(value: float, after: str) -> bool:
    """Whether a number written as a word counts something: news style spells out small counts
    ("six spoke in favor", "five ports"). "One" is too often not a count ("one of the", "no
    one"), and a word number before a fraction ("two-fifths") or with nothing after it ("the
    two") is not a count.

    >>> spelled_count(9, " spoke in favor"), spelled_count(2, "-fifths of the total"), spelled_count(2, ".")
    (True, False, False)
    """
    return value >= 2 and not _SPELLED_FRACTION.match(after) and bool(_WORD_AFTER.match(after))


_PART_BEFORE = re.compile(r"\b(?:Table|Figure|Fig\.|Section|Chart|Appendix|Exhibit|Chapter|Annex|Part|Item)\s+$")


def is_identifier(text: str, start: int, end: int, money: bool = False) -> bool:
    """Whether the digits at [start, end) name something rather than count it: a form ("I-589"),
    a statute ("287(g)"), an order or route number after a capitalized noun ("Executive Order
    13768", "Route 17"), a case number, a score ("3-2").

    >>> is_identifier("under Executive Order 13768, issued", 22, 27)
    True
    >>> is_identifier("The agency removed 13,768 people", 19, 25)
    False
    """
    if money:
        return False
    if _CODE_LEFT.search(text[max(0, start - 2):start]) or _CODE_RIGHT.match(text[end:end + 6]):
        return True
    raw = text[start:end]
    if _PART_BEFORE.search(text[max(0, start - 12):start]):
        return True  # "Table 4.1", "Section 4": a part of the document, not a quantity
    if "," in raw or "." in raw:
        return False
    words = re.findall(r"[A-Za-z][\w.'’-]*", text[max(0, start - 30):start])
    if not words or not text[:start].rstrip().endswith(words[-1]):
        return False
    prev = words[-1].rstrip(".")
    if not prev[:1].isupper() or prev.lower() in vocab.MONTHS or prev.isupper():
        return False
    if _GAPPED.search(text[:start]):
        # "Peru Refugee Services resettled 642 people, Lamu Aid Alliance 498 and Kenya
        # Family Services 307": the verb and noun are left out, each name is followed by its count
        return False
    # a capitalized word right before a bare number names it ("Order 13768", "Room 204"), unless
    # it is a function word starting the sentence ("In 2019", "Of 1200")
    return prev.lower() not in vocab.STOPWORDS and prev not in vocab.SENTENCE_STARTERS


_NAME_RUN = r"(?:[A-Z][\w.&'’-]*\s+){1,5}"
# a count and its noun, then a comma and a name: the name's count follows with the noun left out
_GAPPED = re.compile(rf"\d[\d,.]*\s+[a-z]+\s*,\s+(?:and\s+)?{_NAME_RUN}$"
                     rf"|\d[\d,.]*\s+[a-z]+\s*,\s+{_NAME_RUN}\d[\d,.]*\s*,?\s+(?:and\s+)?{_NAME_RUN}$")


def _clean(value: float) -> float:
    return float(round(value, 6))


def format_number(value: float, decimals: int | None = None) -> str:
    """1234567 -> "1,234,567"; 28.24 -> "28.24" (or rounded to `decimals`)."""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
