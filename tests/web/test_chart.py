"""The Facts chart joins only figures of one measure, each measure in its own panel."""

import json
import re
from html import unescape

from index.facts import Fact
from index.periods import Period
from web import chart

SOURCE = "s"


def fact(value, year=2014, thing="removals", thing_text="removals", actor="ICE", kind="year", month=None,
         unit="count", qualifier="exact", id=None):
    return Fact(id=id or f"{SOURCE}:{value}:{year}", source_id=SOURCE, value=value, as_written=f"{value:,}",
                unit=unit, thing=thing, thing_text=thing_text, qualifier=qualifier,
                period=Period(kind=kind, year=year, month=month), actor=actor, keywords=[], start=0, end=1,
                sentence_start=0, sentence_end=1, quote="x")


def test_a_subset_is_its_own_measure():
    """The chart's old failure: all deportations in one year and only non-criminal deportees two
    years later were joined into a collapse that did not happen."""
    facts = [fact(410_000, 2012, thing="deportations", thing_text="", actor=None),
             fact(15_000, 2014, thing="deportations", thing_text="immigrants deported", actor=None)]
    series = chart.build_series(facts)
    assert len(series) == 2
    assert not any(s.joined for s in series)
    assert 'class="series-line"' not in chart.chart_html(facts)


def test_same_measure_in_two_periods_is_joined_in_order():
    series = chart.build_series([fact(20, 2014), fact(10, 2012), fact(7, 2013, actor="DHS")])
    joined = [s for s in series if s.joined]
    assert [(p.x, p.value) for p in joined[0].points] == [(2012.0, 10), (2014.0, 20)]
    assert len(series) == 2 and series[0] is joined[0]  # joined series come first


def test_unit_actor_and_kind_of_period_each_split_a_series():
    facts = [fact(1, 2012), fact(2, 2013, actor="DHS"), fact(3, 2014, kind="fiscal_year"),
             fact(4, 2015, kind="month", month=4), fact(5, 2016, unit="percent"), fact(6, 2017, thing="returns")]
    assert len(chart.build_series(facts)) == 6
    month = next(s for s in chart.build_series(facts) if s.key[4] == "month")
    assert month.points[0].x == 2015.25  # April: 2015 + 3/12


def test_undated_and_unplaceable_figures_are_left_out():
    facts = [fact(1, None), fact(2, 2014, kind="since"), fact(3, unit="duration"), fact(4, thing="unspecified")]
    assert chart.build_series(facts) == []
    assert "No dated" in chart.chart_html(facts)


def test_the_same_figure_twice_is_one_point():
    [series] = chart.build_series([fact(5, 2014, id="a:1"), fact(5, 2014, id="b:1")])
    assert len(series.points) == 1 and not series.joined


def test_every_line_carries_the_facts_it_joins_and_they_share_a_key():
    facts = [fact(10, 2012), fact(20, 2014), fact(30, 2014, actor="DHS"), fact(40, 2013, actor="DHS")]
    html = chart.chart_html(facts)
    by_id = {f.id: f for f in facts}
    lines = [json.loads(unescape(m)) for m in re.findall(r'class="series-line" data-facts="([^"]*)"', html)]
    assert len(lines) == 2
    for ids in lines:
        assert len({chart.series_key(by_id[i]) for i in ids}) == 1


def test_markers_tell_qualifiers_apart():
    html = chart.panel_svg(chart.build_series([fact(1, 2012, qualifier="approximate"), fact(2, 2013),
                                               fact(3, 2014, qualifier="lower_bound")])[0])
    assert 'fill="white"' in html and "<circle" in html and "<polygon" in html


def test_each_panel_has_its_own_scale():
    big, small = chart.build_series([fact(600_000, 2012), fact(500_000, 2013), fact(15, 2014, thing="returns")])
    assert ">800k<" in chart.panel_svg(big)
    assert ">20<" in chart.panel_svg(small) and "k<" not in chart.panel_svg(small)
