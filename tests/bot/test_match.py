"""Matching's pure rules: which figures are the same quantity told twice."""

from __future__ import annotations

import pytest

from bot.match import Need, conflicts_with, score_fact
from index.facts import Fact
from index.periods import Period


def fact(sentence: str, number: str, clause: str, thing_text: str, source: str = "story") -> Fact:
    at = sentence.index(number)
    return Fact(id=f"{source}:{at}", source_id=source, value=float(number.replace(",", "")), as_written=number,
                unit="count", thing="people", thing_text=thing_text, qualifier="exact",
                period=Period(kind="year", year=2019), actor="DHS", keywords=[], start=at, end=at + len(number),
                sentence_start=0, sentence_end=len(sentence), quote=sentence, clause=clause)


def test_list_items_with_other_labels_are_not_one_figure_told_twice():
    listed = "It was followed by Peru (364,761), Kenya (111,194) and Chile (90,850)."
    peru = fact(listed, "364,761", "Peru", "Peru")
    other = "By region, Laos led with 370,860 new residents."
    laos = fact(other, "370,860", "Laos led with 370,860 new residents", "new residents", source="other")
    assert conflicts_with(peru, [laos]) == []
    told_again = "Peru accounted for 364,900 new residents."
    again = fact(told_again, "364,900", "Peru accounted for 364,900 new residents", "new residents", source="third")
    assert conflicts_with(peru, [again]) == [again]


def test_an_article_about_a_parent_agency_neither_confirms_nor_rules_out_its_parts_figure():
    sentence = "Agents made 7,945 apprehensions in the sector."
    base = fact(sentence, "7,945", "Agents made 7,945 apprehensions", "apprehensions").model_copy(
        update={"actor": None, "thing": "apprehensions"})
    need = Need(thing="apprehensions", actor="Border Patrol", period=None, unit="count", keywords=["apprehensions"])

    def scored(context_actor):
        return score_fact(base.model_copy(update={"context_actor": context_actor}), need, {}, {}).score

    assert scored("Border Patrol") - scored("CBP") == pytest.approx(0.5)  # +0.5 against 0.0
    assert scored("CBP") - scored("ICE") == pytest.approx(0.5)  # 0.0 against -0.5
