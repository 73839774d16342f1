"""The Facts chart: small multiples, one panel per series of comparable figures, each with its
own scales, drawn as inline SVG so every line and point carries the facts behind it.

A series is the set of figures that share `series_key`: the same unit, measured thing and
subset (the words the article used for it), actor and kind of period. A line joins the points
of one series only, and only when it has figures for two or more periods; otherwise its figures
are drawn as points. Labels come from the fact table, so they improve as extraction does.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from index.facts import Fact

PERIOD_KINDS = {"year": "years", "calendar_year": "calendar years", "fiscal_year": "fiscal years", "month": "months"}
UNITS = {"count": "count", "percent": "percent"}
MARKERS = {  # qualifier -> (shape, filled, what it means)
    "exact": ("circle", True, "exact"),
    "approximate": ("circle", False, "approximate (about, nearly)"),
    "lower_bound": ("up", True, "at least (more than, over)"),
    "upper_bound": ("down", True, "at most (under, less than)"),
}

W, H = 380, 210  # one panel, in SVG units
LEFT, RIGHT, TOP, BOTTOM = 70, 22, 14, 38


def subset(fact: Fact) -> str:
    """The article's own words for what is counted, when they say more than the thing's name:
    "immigrants deported" is not the same measure as "deportations".

    >>> from index.periods import Period
    >>> f = Fact(id="a:1", source_id="a", value=1, as_written="1", unit="count", thing="removals",
    ...          thing_text="Removals", qualifier="exact", period=Period(), actor=None, keywords=[],
    ...          start=0, end=1, sentence_start=0, sentence_end=1, quote="1")
    >>> subset(f)
    ''
    """
    words = re.sub(r"\s+", " ", (fact.thing_text or "")).strip().lower()
    return "" if words in ("", fact.thing.lower()) else words


def series_key(fact: Fact) -> tuple[str, str, str, str, str] | None:
    """What a figure measures: (unit, thing, subset, actor, kind of period). Figures with the
    same key may share a line; None when the figure can't be placed on a time axis."""
    if fact.unit not in UNITS or fact.thing in ("", "unspecified"):
        return None
    if fact.period.year is None or fact.period.kind not in PERIOD_KINDS:
        return None
    return (fact.unit, fact.thing, subset(fact), fact.actor or "", fact.period.kind)


def series_label(key: tuple[str, str, str, str, str]) -> str:
    """ 'deportations: "immigrants deported" · actor not stated · years (count)' """
    unit, thing, words, actor, kind = key
    what = f'{thing}: "{words}"' if words else thing
    return f"{what} · {actor or 'actor not stated'} · {PERIOD_KINDS[kind]} ({UNITS[unit]})"


@dataclass(frozen=True)
class Point:
    x: float  # the year, plus the month as a fraction for monthly figures
    value: float
    qualifier: str
    as_written: str
    period: str
    fact_id: str
    source_id: str


@dataclass
class Series:
    key: tuple[str, str, str, str, str]
    points: list[Point] = field(default_factory=list)

    @property
    def label(self) -> str:
        return series_label(self.key)

    @property
    def unit(self) -> str:
        return self.key[0]

    @property
    def periods(self) -> int:
        return len({p.x for p in self.points})

    @property
    def joined(self) -> bool:
        """Whether a line is drawn: only between figures for two or more periods."""
        return self.periods >= 2


def _x(fact: Fact) -> float:
    x = float(fact.period.year)
    if fact.period.kind == "month" and fact.period.month:
        x += (fact.period.month - 1) / 12
    return x


def build_series(facts: Iterable[Fact], key=series_key) -> list[Series]:
    """The chart's series, those with the most periods first. Identical figures (the same
    value for the same period, say one figure in two articles) appear once."""
    groups: dict[tuple, Series] = {}
    for fact in facts:
        k = key(fact)
        if k is None:
            continue
        series = groups.setdefault(k, Series(k))
        x = _x(fact)
        if any(p.x == x and p.value == fact.value for p in series.points):
            continue
        series.points.append(Point(x, fact.value, fact.qualifier, fact.as_written, fact.period.label(),
                                   fact.id, fact.source_id))
    for series in groups.values():
        series.points.sort(key=lambda p: (p.x, p.value))
    return sorted(groups.values(), key=lambda s: (-s.periods, -len(s.points), s.label))


def nice_max(value: float) -> float:
    """A round axis top at or above `value`, four round steps from zero.

    >>> nice_max(577295), nice_max(85), nice_max(15), nice_max(0)
    (800000.0, 100.0, 20.0, 1.0)
    """
    if value <= 0:
        return 1.0
    quarter = value / 4
    power = 10 ** math.floor(math.log10(quarter))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if quarter <= s * power)
    return float(step * 4)


def short_number(value: float, unit: str) -> str:
    """Axis labels: 600000 -> '600k', 1600000 -> '1.6M', 85 -> '85%'.

    >>> short_number(600000, "count"), short_number(1_600_000, "count"), short_number(85, "percent")
    ('600k', '1.6M', '85%')
    """
    if unit == "percent":
        return f"{value:g}%"
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:g}"


def _marker(p: Point, cx: float, cy: float) -> str:
    shape, filled, _ = MARKERS.get(p.qualifier, MARKERS["approximate"])
    fill = "currentColor" if filled else "white"
    if shape == "circle":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{fill}" stroke="currentColor" stroke-width="2"/>'
    d = 6 if shape == "up" else -6
    return (f'<polygon points="{cx:.1f},{cy - d:.1f} {cx - 6:.1f},{cy + d * 0.8:.1f} {cx + 6:.1f},{cy + d * 0.8:.1f}" '
            f'fill="{fill}" stroke="currentColor" stroke-width="2"/>')


def panel_svg(series: Series) -> str:
    """One series on its own axes: x spans its own periods, y runs from zero to a round top."""
    xs = sorted({p.x for p in series.points})
    lo, hi = (xs[0] - 1, xs[-1] + 1) if len(xs) == 1 else (xs[0] - (xs[-1] - xs[0]) * 0.12, xs[-1] + (xs[-1] - xs[0]) * 0.12)
    top = nice_max(max(p.value for p in series.points))
    if series.unit == "percent":
        top = min(top, 100.0) if max(p.value for p in series.points) <= 100 else top
    px = lambda x: LEFT + (x - lo) / (hi - lo) * (W - LEFT - RIGHT)  # noqa: E731
    py = lambda v: TOP + (1 - v / top) * (H - TOP - BOTTOM)  # noqa: E731
    out = [f'<svg class="chart-svg" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(series.label)}">']
    for i in range(5):  # y grid and labels
        v = top * i / 4
        out.append(f'<line class="grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{py(v):.1f}" y2="{py(v):.1f}"/>')
        out.append(f'<text class="tick" x="{LEFT - 6}" y="{py(v) + 4:.1f}" text-anchor="end">'
                   f"{escape(short_number(v, series.unit))}</text>")
    labels = {}
    for p in series.points:
        labels.setdefault(p.x, p.period)
    for x, label in labels.items():  # x ticks: the series' own periods
        out.append(f'<text class="tick" x="{px(x):.1f}" y="{H - BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>')
    if series.joined:
        ids = json.dumps([p.fact_id for p in series.points])
        coords = " ".join(f"{px(p.x):.1f},{py(p.value):.1f}" for p in series.points)
        out.append(f'<polyline class="series-line" data-facts="{escape(ids)}" points="{coords}"/>')
    for p in series.points:
        cx, cy = px(p.x), py(p.value)
        what = MARKERS.get(p.qualifier, MARKERS["approximate"])[2]
        out.append(f'<g class="point" data-fact="{escape(p.fact_id)}"><title>{escape(p.as_written)} · '
                   f"{escape(p.period)} · {escape(what)}</title>{_marker(p, cx, cy)}"
                   f'<text class="value" x="{cx + 8:.1f}" y="{cy - 8:.1f}">{escape(p.as_written)}</text></g>')
    out.append("</svg>")
    return "".join(out)


def legend_html() -> str:
    items = []
    for qualifier in MARKERS:
        p = Point(0, 0, qualifier, "", "", "", "")
        items.append(f'<span class="legend-item"><svg viewBox="-8 -8 16 16" width="16" height="16">'
                     f"{_marker(p, 0, 0)}</svg>{escape(MARKERS[qualifier][2])}</span>")
    return f'<div class="chart-legend">{"".join(items)}</div>'


def chart_html(facts: Iterable[Fact]) -> str:
    """The whole chart: a series picker, the marker legend and one panel per series."""
    series = build_series(facts)
    if not series:
        return '<div class="sources empty">No dated counts or percentages in the fact table.</div>'
    picks, panels = [], []
    for i, s in enumerate(series):
        note = f"{s.periods} periods, joined" if s.joined else (
            "1 period, points only" if s.periods == 1 else f"{s.periods} periods")
        picks.append(f'<label class="series-pick"><input type="checkbox" value="{i}" checked '
                     f'data-joined="{str(s.joined).lower()}"> {escape(s.label)} <small>({note})</small></label>')
        panels.append(f'<figure class="chart-panel" data-series="{i}" data-key="{escape(json.dumps(s.key))}">'
                      f'<figcaption>{escape(s.label)}</figcaption>{panel_svg(s)}</figure>')
    joined = sum(s.joined for s in series)
    return (
        '<div class="facts-chart">'
        f'<details class="series-picker"><summary>Choose series to compare ({len(series)} series, '
        f"{joined} with figures for two or more periods)</summary>"
        '<div class="picker-buttons"><button type="button" data-pick="all">All</button>'
        '<button type="button" data-pick="joined">Only series with 2+ periods</button>'
        '<button type="button" data-pick="none">None</button></div>'
        f'<div class="picker-list">{"".join(picks)}</div></details>'
        f"{legend_html()}"
        f'<div class="chart-grid">{"".join(panels)}</div></div>'
    )
