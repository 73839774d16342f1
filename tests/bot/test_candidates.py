"""Facts from the index answer exactly as a scan of the whole fact table does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.fullscan import FullScan
from bot.candidates import candidates
from bot.match import Need, rank
from index.periods import Period

GOLD = Path(__file__).resolve().parents[2] / "evals" / "gold.jsonl"


def _cases() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def full_scan(bot):
    return FullScan(bot.corpus)


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["id"])
def test_every_gold_conversation_is_answered_as_by_a_full_scan(bot, full_scan, case):
    indexed, scanned = bot.chat(), full_scan.chat()
    for turn in case["turns"]:
        assert indexed.ask(turn["question"]).model_dump() == scanned.ask(turn["question"]).model_dump()


@pytest.mark.parametrize("need", [
    Need(unit="count"),
    Need(unit="percent", period=Period(kind="fiscal_year", year=2014)),
    Need(thing="deportations", actor="DHS", unit="count"),
    Need(thing="detainers", period=Period(kind="month", year=2015, month=4)),
    Need(period=Period(kind="month", month=3)),
    Need(thing="removals", actor="ICE", unit="percent", period=Period(kind="year", year=2014)),
])
def test_candidates_hold_every_fact_that_scores(bot, need):
    everything = rank(bot.facts, need, bot.aliases, {})
    kept = candidates(bot.corpus.facts, need, bot.aliases, by_meaning=False)

    assert everything != []
    assert [s.fact.id for s in rank(kept, need, bot.aliases, {})] == [s.fact.id for s in everything]


def test_a_dated_question_reads_only_the_facts_of_its_year(bot):
    need = Need(unit="count", period=Period(kind="fiscal_year", year=2014))

    kept = candidates(bot.corpus.facts, need, bot.aliases, by_meaning=False)

    assert {f.period.year for f in kept} == {2014}
    assert len(kept) < len([f for f in bot.facts if f.unit == "count"])


@pytest.mark.parametrize("name", ["Homeland", "homeland security", "Secure Communities", "Syracuse", "Canada",
                                  "Homelands", "U.S", "FBI"])
def test_mentions_agrees_with_a_search_of_all_text(bot, full_scan, name):
    assert bot.mentions(name) == full_scan.mentions(name)
