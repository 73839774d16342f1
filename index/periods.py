"""Find time periods in text: "fiscal year 2013", "in 2014", "March 2011", "April", "this year".

Used on both sides: to date the facts in an article and to read the period a question asks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from index import vocab

_MONTH = "|".join(sorted(vocab.MONTHS, key=len, reverse=True))
_MONTH_CAPITALIZED = "|".join(sorted((m.capitalize() for m in vocab.MONTHS), key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_WORD_NUM = "|".join(vocab.NUMBER_WORDS)
_OF_YEAR = (rf"(?:(?P<fiscal>fiscal\s+(?:year\s+)?|fy\s*'?)(?P<year>{_YEAR}|\d\d)\b|(?P<plain>{_YEAR})\b(?!\s*(?:%|percent))"
            rf"|(?:the\s+|this\s+)?(?P<bare>fiscal\s+year|year)\b)")
PATTERNS: list[tuple[str, re.Pattern]] = [
    # "the first half of fiscal 2024", "the first six months of FY2024", "Q2 FY2024", "the third
    # quarter of 2023": a part of a year, whose figure is not the year's ("of the fiscal year"
    # without its number: a part of a year not known here)
    ("part", re.compile(rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|last|final)\s+"
                        rf"(?P<part>half|quarter|month|(?P<n>\d{{1,2}}|{_WORD_NUM})\s+months)\s+of\s+(?:the\s+)?{_OF_YEAR}", re.I)),
    ("part", re.compile(rf"\bQ(?P<q>[1-4])\s*(?:of\s+)?{_OF_YEAR}", re.I)),
    # "and in Q3?", "the first half": a part of a year the words do not name (a conversation may)
    ("part", re.compile(r"\bQ[1-4]\b|\b(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:half|quarter)\b(?!\s+of\b)",
                        re.I)),
    # "Jan-Mar 2024", "Oct.–Dec. 2023": the months of one quarter or stretch, named by its end
    ("months", re.compile(rf"\b(?P<month1>{_MONTH})\.?\s*[-–]\s*(?P<month>{_MONTH})\.?\s+(?P<year>{_YEAR})\b", re.I)),
    # "between Oct. 1, 2018, and Sept. 30, 2019" is the federal fiscal year 2019
    # ("from October 2021 through September 2022" likewise)
    ("fiscal_range", re.compile(rf"\b(?:between\s+|from\s+)?oct(?:ober|\.)?\s+(?:1,?\s+)?(?P<first>{_YEAR}),?\s+"
                                rf"(?:and|to|through|-|–)\s+sept?(?:ember|\.)?\s+(?:30,?\s+)?(?P<year>{_YEAR})\b", re.I)),
    # "the six fiscal years from 2012 through 2017", "over fiscal years 2012 to 2017", "FY2012-FY2017":
    # one span of years, whose figure (a total, an average rate) is not any one year's. "From A to
    # B" and "between A and B" without "years" before them are two points, as a change is read.
    ("span", re.compile(rf"\b(?:(?:fiscal\s+)?years\s+(?:from\s+)?(?:(?:fiscal\s+(?:year\s+)?|fy\s*)?(?P<first>{_YEAR}))"
                        rf"\s*(?:to|through|thru|-|–)\s*"
                        rf"|(?:(?:fiscal\s+(?:year\s+)?|fy\s*)?(?P<first2>{_YEAR}))\s*(?:through|thru|-|–)\s*)"
                        rf"(?:fiscal\s+(?:year\s+)?|fy\s*)?(?P<year>{_YEAR})\b(?!\s*(?:%|percent))", re.I)),
    # "2017/18", "2017-18": a year that spans two calendar years, named by the year it ends in
    ("split_year", re.compile(rf"\b(?:(?:fiscal\s+(?:year\s+)?|fy\s*))?(?P<first>{_YEAR})[/–-](?P<year>\d\d)\b(?![/–-]?\d)", re.I)),
    ("fiscal_year", re.compile(rf"\b(?:the\s+)?(?P<year>{_YEAR})\s+fiscal\s+year\b", re.I)),
    ("since", re.compile(rf"\bsince\s+(?:(?:fiscal(?:\s+year)?|fy)\s*)?(?P<year>{_YEAR})\b", re.I)),
    ("fiscal_year", re.compile(rf"\b(?:fiscal\s+years?|fiscal|fy)\s*'?(?P<year>{_YEAR}|\d\d)\b", re.I)),
    # "October 2023 through March 2024", "between Oct. 2023 and Mar. 2024": the months of one
    # stretch of at most a year, whose total is no one month's (a fiscal year is read above)
    ("months", re.compile(rf"\b(?:between\s+|from\s+)?(?P<month1>{_MONTH})\.?(?:\s+\d{{1,2}},?)?\s+(?P<first>{_YEAR}),?\s+"
                          rf"(?:and|to|through|thru|-|–)\s+(?P<month>{_MONTH})\.?(?:\s+\d{{1,2}},?)?\s+(?P<year>{_YEAR})\b",
                          re.I)),
    ("month", re.compile(rf"\b(?P<month>{_MONTH})\.?(?:\s+\d{{1,2}},?)?\s+(?P<year>{_YEAR})\b", re.I)),
    ("calendar_year", re.compile(rf"\bcalendar\s+(?:year\s+)?(?P<year>{_YEAR})\b", re.I)),
    ("year", re.compile(rf"(?<![\d,.$])\b(?P<year>{_YEAR})\b(?!\s*(?:%|percent|,\d))", re.I)),
    ("month", re.compile(r"\b(?P<month>(?:January|February|March|April|June|July|August|September|October|November|December))(?:['’]s)?\b(?!\s+\d)")),
    # "in May" (not the verb "may")
    ("month", re.compile(r"\b(?i:in|since|through|until|during|from|by|of|early|late|mid-)\s*(?P<month>May)\b(?!\s+\d)")),
    # "five years earlier", "a year later", "the year before", "the following fiscal year"
    ("years_offset", re.compile(rf"\b(?P<n>\d+|{_WORD_NUM}|a|an)\s+(?:fiscal\s+)?years?\s+(?P<dir>earlier|before|prior|later|after)\b"
                                rf"|\bthe\s+(?:fiscal\s+)?year\s+(?P<dir2>before|after|earlier|later)\b"
                                rf"|\bthe\s+(?P<dir3>previous|prior|preceding|following|next)\s+(?:fiscal\s+)?year\b", re.I)),
    # "the month before", "a month earlier", "the previous month": counted from a month named elsewhere
    ("months_offset", re.compile(rf"\b(?P<n>\d+|{_WORD_NUM}|a|an)\s+months?\s+(?P<dir>earlier|before|prior|later|after)\b"
                                 rf"|\bthe\s+month\s+(?P<dir2>before|after|earlier|later)\b"
                                 rf"|\bthe\s+(?P<dir3>previous|prior|preceding|following|next)\s+month\b", re.I)),
    ("relative", re.compile(r"\b(?:this|the\s+past|the\s+last|last|the\s+current|this\s+past)\s+(?:fiscal\s+)?year\b", re.I)),
    ("relative_month", re.compile(r"\b(?:this|last|the\s+past|the\s+previous)\s+month\b", re.I)),
    ("recent", re.compile(r"\b(?:in\s+)?recent\s+(?:months|weeks)\b", re.I)),
]

# "Jan. 4", "December 31": a day named without its year. It says when something happened ("released
# on Dec. 19"), so it dates a figure only when nothing else does ("the report dated Jan. 4 put the
# total at N").
_DAY = re.compile(rf"\b(?P<month>{_MONTH_CAPITALIZED})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d\d)(?![\d.,]\d)")


class Period(BaseModel):
    """When a number applies. `basis` says where it was read: the number's own clause, its
    sentence, its paragraph, or the article's date."""

    model_config = ConfigDict(frozen=True)

    kind: str = "unknown"  # fiscal_year | calendar_year | split_year | span | months | year | month | since | offset | unknown
    year: int | None = None
    first: int | None = None  # a span's first year ("2012" of "2012 through 2017"); `year` is its last
    offset: int | None = None  # an "offset" period: years after (+) or before (-) a period named elsewhere
    month: int | None = None
    first_month: int | None = None  # a stretch of months' first month ("October" of "October 2023 through March 2024")
    text: str = ""
    basis: str = "none"  # sentence | paragraph | article | question | none

    def label(self) -> str:
        if self.year is None and self.month is None:
            return "period not stated"
        month = _month_name(self.month) if self.month else ""
        if self.kind == "fiscal_year":
            return f"fiscal year {self.year}"
        if self.kind == "split_year":
            return f"{self.year - 1}/{self.year % 100:02d}"
        if self.kind == "span":
            return f"{'fiscal years ' if self._fiscal_span() else ''}{self.first}-{self.year}"
        if self.kind == "months":
            return f"{_month_name(self.first_month)} {self.first} to {month} {self.year}"
        if self.kind == "since":
            return f"since {self.text.split(' ', 1)[1] if ' ' in self.text else self.year}"
        if self.month:
            return f"{month} {self.year}" if self.year else month
        return str(self.year)

    def ends(self) -> list[Period]:
        """A span's first and last years, each a period of its own ("fiscal years 2012-2017" ->
        fiscal 2012, fiscal 2017); any other period is its own only end."""
        if self.kind == "months":
            return [Period(kind="month", year=y, month=m, text=f"{_month_name(m)} {y}", basis=self.basis)
                    for y, m in ((self.first, self.first_month), (self.year, self.month))]
        if self.kind != "span":
            return [self]
        kind = "fiscal_year" if self._fiscal_span() else "year"
        return [Period(kind=kind, year=y, text=str(y), basis=self.basis) for y in (self.first, self.year)]

    def _fiscal_span(self) -> bool:
        return re.search(r"fiscal|fy", self.text, re.I) is not None


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period: Period


def _month_name(month: int) -> str:
    return next(name.capitalize() for name, m in vocab.MONTHS.items() if m == month)


def find_periods(text: str, reference_year: int | None = None, reference_month: int | None = None) -> list[PeriodMention]:
    """Period expressions in `text`; relative ones ("last year", "last month") resolve against
    the date written, `reference_year` and `reference_month`."""
    # a question's text is read for periods several times while it is answered
    return list(_find_periods(text, reference_year, reference_month))


@lru_cache(maxsize=4096)
def _find_periods(text: str, reference_year: int | None, reference_month: int | None = None) -> tuple[PeriodMention, ...]:
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            period = _period(kind, match, found, reference_year, reference_month)
            if period is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(PeriodMention(match.start(), match.end(), period))
    found.sort(key=lambda m: m.start)
    return tuple(_resolve_earlier(found, text))


def without_periods(text: str) -> str:
    """`text` with its period expressions blanked out, offsets kept ("FY22" is a period, not a name).

    >>> without_periods("removals in fiscal 2019?")
    'removals in            ?'
    """
    for mention in find_periods(text):
        text = text[:mention.start] + " " * (mention.end - mention.start) + text[mention.end:]
    return text


def find_days(text: str) -> list[PeriodMention]:
    """Days named without a year, as month periods whose year is not yet known.

    >>> [(m.period.month, m.period.text) for m in find_days("The report dated Jan. 4 put the total at 300.")]
    [(1, 'Jan. 4')]
    >>> find_days("The report dated Jan. 4, 2021 put the total at 300.")
    []
    """
    return [PeriodMention(m.start(), m.end(), Period(kind="month", month=vocab.MONTHS[m.group("month").lower()],
                                                     text=m.group(0), basis="sentence"))
            for m in _DAY.finditer(text)]


def _period(kind: str, match: re.Match, found: list[PeriodMention], reference_year: int | None,
            reference_month: int | None = None) -> Period | None:
    text = match.group(0).strip()
    groups = match.groupdict()
    year = groups.get("year")
    if year and len(year) == 2:
        year = "20" + year
    year = int(year) if year else None
    month = vocab.MONTHS.get((groups.get("month") or "").lower().rstrip("."))
    if kind == "fiscal_range":
        if int(groups["first"]) + 1 != year:
            return None  # "from October 2020 to September 2022" spans two fiscal years
        kind = "fiscal_year"
    if kind == "part":
        return part_of_year(groups, text)
    if kind == "months":
        first_month = vocab.MONTHS.get(groups["month1"].lower().rstrip("."))
        if groups.get("first"):
            first = int(groups["first"])
        elif first_month is None or month is None:
            return None
        else:  # "Oct-Dec 2023" ends in the year named; "Nov-Feb 2024" began the year before
            first = year if first_month <= month else year - 1
        length = (year - first) * 12 + month - first_month
        if first_month is None or not 0 < length < 12:
            return None  # "from October 2020 to September 2022": two months, compared
        return Period(kind="months", year=year, month=month, first=first, first_month=first_month, text=text,
                      basis="sentence")
    if kind == "span":
        first = int(groups.get("first") or groups.get("first2"))
        if not 0 < year - first <= 50:
            return None  # "2017 to 2012" is no span; a year named twice is that year
        return Period(kind="span", year=year, first=first, text=text, basis="sentence")
    if kind == "split_year":
        first = int(groups["first"])
        if (first + 1) % 100 != int(groups["year"]):
            return None  # "2015-17" is a range of years, not one year
        return Period(kind="split_year", year=first + 1, text=text, basis="sentence")
    if kind in ("years_offset", "months_offset"):
        n = (groups.get("n") or "one").lower()
        n = int(n) if n.isdigit() else vocab.NUMBER_WORDS.get(n, 1)
        direction = (groups.get("dir") or groups.get("dir2") or groups.get("dir3")).lower()
        sign = 1 if direction in ("later", "after", "following", "next") else -1
        return Period(kind="offset" if kind == "years_offset" else "month_offset", text=text, year=None,
                      offset=sign * n, basis="sentence")
    if kind == "relative_month":
        if reference_year is None or reference_month is None:
            return Period(kind="unknown", text=text, basis="sentence")
        back = 1 if re.match(r"(?:last|the\s+(?:past|previous))\b", text, re.I) else 0
        year, month = (reference_year, reference_month - back) if reference_month > back else (reference_year - 1, 12)
        return Period(kind="month", year=year, month=month, text=text, basis="article")
    if kind in ("relative", "recent"):
        if reference_year is None:
            return Period(kind="unknown", text=text, basis="sentence")
        is_fiscal = "fiscal" in text.lower()
        # written in October 2023, "this fiscal year" is fiscal 2024; "last year" is the one before
        # the year written in ("the past year" runs up to the date: the year written in)
        now = reference_year + 1 if is_fiscal and reference_month and reference_month >= 10 else reference_year
        back = 1 if re.match(r"(?:in\s+)?last\b", text, re.I) else 0
        return Period(kind="fiscal_year" if is_fiscal else "year", year=now - back, text=text, basis="article")
    if kind == "month" and year is None:
        return Period(kind="month", month=month, year=reference_year, text=text,
                      basis="article" if reference_year else "sentence")
    return Period(kind=kind, year=year, month=month, text=text, basis="sentence")


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def part_of_year(groups: dict, text: str) -> Period:
    """A half, quarter or first N months of a year as the months it covers; the months of a
    fiscal year start in October of the year before. Without the year's number ("the first half of
    the fiscal year") a part of a year not known here.

    >>> part_of_year({"ord": "first", "part": "half", "fiscal": "fiscal ", "year": "2024"}, "").label()
    'October 2023 to March 2024'
    >>> part_of_year({"q": "3", "plain": "2023"}, "").label()
    'July 2023 to September 2023'
    """
    number = groups.get("year") or groups.get("plain")
    if not number:
        return Period(kind="part", text=text, basis="sentence")
    year = int(number) if len(number) == 4 else 2000 + int(number)
    fiscal = bool(groups.get("fiscal"))
    if groups.get("q"):
        length, index = 3, int(groups["q"]) - 1
    else:
        part = groups["part"].lower()
        n = groups.get("n")
        length = 6 if part == "half" else 3 if part == "quarter" else 1 if part == "month" else \
            int(n) if n and n.isdigit() else vocab.NUMBER_WORDS.get((n or "").lower(), 0)
        if not 0 < length < 12:
            return Period(kind="part", text=text, basis="sentence")
        ordinal = groups["ord"].lower()
        index = 12 // length - 1 if ordinal in ("last", "final") else _ORDINALS[ordinal] - 1
        if (index + 1) * length > 12:
            return Period(kind="part", text=text, basis="sentence")
    start = (year - 1) * 12 + 9 if fiscal else year * 12  # months since year 0: October before, or January
    first, last = start + index * length, start + (index + 1) * length - 1
    if first == last:
        return Period(kind="month", year=last // 12, month=last % 12 + 1, text=text, basis="sentence")
    return Period(kind="months", year=last // 12, month=last % 12 + 1, first=first // 12, first_month=first % 12 + 1,
                  text=text, basis="sentence")


def in_year(part: Period, anchor: Period | None) -> Period:
    """A part of a year named without its year ("Q3", "the first half") in the year of `anchor`,
    the period a conversation was about: a fiscal year's quarters for a fiscal year or a part of
    one; `part` itself when there is no year to put it in.

    >>> in_year(Period(kind="part", text="Q3"), Period(kind="fiscal_year", year=2024)).label()
    'April 2024 to June 2024'
    """
    if part.kind != "part" or anchor is None or anchor.year is None:
        return part
    fiscal = anchor.kind == "fiscal_year" or (anchor.kind == "months" and re.search(r"fiscal|\bfy", anchor.text, re.I))
    year = anchor.year + 1 if fiscal and anchor.kind != "fiscal_year" and (anchor.month or 0) >= 10 else anchor.year
    named = f"{part.text} of {'FY' if fiscal else ''}{year}"
    found = [m.period for m in find_periods(named) if m.period.kind == "months" or m.period.kind == "month"]
    return found[0].model_copy(update={"text": part.text, "basis": part.basis}) if found else part


def _resolve_earlier(found: list[PeriodMention], text: str) -> list[PeriodMention]:
    """ "five years earlier" resolves against the nearest dated period before it; one with
    nothing to count from stays an offset (a conversation may resolve it: "and the year before?")."""
    out = []
    for i, mention in enumerate(found):
        period = mention.period
        if period.kind == "offset":
            anchor = next((m.period for m in reversed(found[:i]) if m.period.year), None)
            if anchor is None and re.search(r"\b(?:before|prior|after)\b", period.text, re.I):
                # "five years before March 2011" counts from the period that follows
                anchor = next((m.period for m in found[i + 1 :] if m.period.year), None)
            if anchor is not None:
                period = shifted(anchor, period.offset, period.text)
        out.append(PeriodMention(mention.start, mention.end, period))
    return out


def shifted_months(anchor: Period, months: int, text: str = "") -> Period | None:
    """`anchor`, a month, moved by `months`: December 2023 and -1 is November 2023; None when
    the anchor names no month."""
    if anchor.month is None or anchor.year is None or anchor.kind != "month":
        return None
    index = anchor.year * 12 + anchor.month - 1 + months
    return Period(kind="month", year=index // 12, month=index % 12 + 1, text=text or anchor.text, basis="sentence")


def shifted(anchor: Period, years: int, text: str = "") -> Period:
    """`anchor` moved by `years`: fiscal 2019 and -1 is fiscal 2018; a month's date keeps only its year."""
    kind = anchor.kind if anchor.kind in ("fiscal_year", "calendar_year") else "year"
    return Period(kind=kind, year=anchor.year + years, text=text or anchor.text, basis="sentence")


def compatible(asked: Period, stated: Period) -> bool:
    """Whether a fact stated for `stated` can answer a question about `asked`."""
    if asked.kind == "part":
        return False  # a part of a year not named: no figure is known to be of it
    if asked.year is None and asked.month is None:
        return True
    if stated.year is None:
        return asked.basis == "named"  # "the 2018-19 shutdown" named in a story that dates nothing
    if "months" in (asked.kind, stated.kind):
        # a stretch of months' figure answers only that stretch, and a month's figure no stretch
        return (asked.kind, asked.first, asked.first_month, asked.year, asked.month) == \
            (stated.kind, stated.first, stated.first_month, stated.year, stated.month)
    if "span" in (asked.kind, stated.kind):
        # a span's figure answers only that span, and a year's figure no span
        return (asked.kind, asked.first, asked.year) == (stated.kind, stated.first, stated.year)
    if stated.kind == "since":
        return asked.year is not None and asked.year >= stated.year and asked.kind == "since"
    if asked.year is not None and asked.year != stated.year:
        return False
    if differs_in_type(asked, stated) and asked.month is None:
        return False  # "calendar year 2025" asked, "fiscal 2025" stated: other months
    if asked.month is not None and stated.month != asked.month:
        return False
    if asked.month is None and stated.month is not None and asked.kind in ("fiscal_year", "split_year"):
        return False  # one month's figure is not the fiscal year's
    return True


def differs_in_type(a: Period, b: Period) -> bool:
    """True when one period is a fiscal year and the other a calendar year."""
    kinds = {a.kind, b.kind}
    return "fiscal_year" in kinds and "calendar_year" in kinds


# "N more than in fiscal 2018", "up from N in fiscal 2018", "compared with 2017": a
# period named as the point of comparison dates that one figure, never the figures that follow
_COMPARED = re.compile(
    r"\b(?:than|from|since|versus|vs\.?|compar(?:ed|es|e|ing) (?:with|to)|relative to|against)\s+"
    r"(?:(?:about|nearly|some|roughly|around|just|only|over|under)\s+)?"
    r"(?:[$£€]?\d[\d.,]*\s*(?:%|percent|million|billion|thousand|[a-z-]+)?\s+){0,1}(?:in|during|for|the|of)?\s*$",
    re.I)


def labels_next_figure(text: str, start: int) -> bool:
    """Whether the period at `start` opens a bracketed label ("N (2017/18: M)", "(2021: M)"):
    it dates only the figure after its colon.

    >>> labels_next_figure("costs of 5m (2017/18: 8m)", 13), labels_next_figure("5m in 2018", 6)
    (True, False)
    """
    return text[:start].rstrip().endswith("(") and re.match(r"[\w/–-]{2,12}\s*:", text[start:]) is not None


def is_comparison(text: str, start: int) -> bool:
    """Whether the period at `start` in `text` is a point of comparison ("more than in 2018")."""
    if re.match(r"since\b", text[start:], re.I):
        return True
    return _COMPARED.search(text[max(0, start - 60):start]) is not None


def governs(text: str, start: int) -> bool:
    """Whether the period at `start` dates the sentences that follow it: not a point of comparison,
    a bracketed earlier year ("(2021: M)") or the later-listed of "for 2022 and 2021, respectively",
    each of which dates only its own figure.

    >>> governs("profit of 96m (2021: 88m)", 15), governs("were A and B for 2022 and 2021, respectively", 26)
    (False, False)
    >>> governs("were A and B for 2022 and 2021, respectively", 17)
    True
    """
    if is_comparison(text, start) or labels_next_figure(text, start):
        return False
    return not (re.match(r"[\w/–-]{2,12}\s*,?\s+respectively\b", text[start:], re.I)
                and re.search(r"\band\s+$", text[:start]))
