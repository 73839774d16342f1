import json
from collections import Counter

import pytest

from evals.gold import DEFAULT_GOLD, GoldError, load_gold
from evals.judge import normalize

GOLD = load_gold(DEFAULT_GOLD)


def test_gold_size_and_coverage():
    assert len(GOLD) >= 80
    categories = Counter(item.category for item in GOLD)
    assert set(categories) >= {"lookup", "derived", "text", "unanswerable", "conversation", "conflict"}
    assert 12 <= sum(item.must_pass for item in GOLD) <= 18
    assert any(len(item.turns) >= 3 and item.turns[-1].expect.abstain for item in GOLD if item.category == "conversation")


def test_every_evidence_string_is_verbatim_in_the_sources(articles):
    bodies = [normalize(a.body) for a in articles.values()]
    missing = [(item.id, e) for item in GOLD for t in item.turns for e in t.expect.evidence
               if not any(normalize(e) in body for body in bodies)]
    assert missing == []


def test_the_headline_share_is_exact():
    item = next(i for i in GOLD if i.id == "returns-share-2014")
    assert item.turns[0].expect.value == pytest.approx(162_814 / 577_295 * 100, rel=0.005)  # 28.2029...


def test_loader_reports_every_problem_with_its_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    good = {"id": "a", "category": "lookup", "turns": [{"question": "q", "expect": {"value": 1}}], "note": "ignored"}
    path.write_text("\n".join([
        json.dumps(good),
        "{not json",
        json.dumps({"id": "b", "category": "lookup", "turns": []}),
        json.dumps(good),
    ]) + "\n")
    with pytest.raises(GoldError) as err:
        load_gold(path)
    lines = str(err.value).splitlines()
    assert lines[0] == f"{path}:2: not valid JSON (Expecting property name enclosed in double quotes)"
    assert lines[1].startswith(f"{path}:3: turns:")
    assert lines[2] == f"{path}:4: duplicate id 'a' (first on line 1)"


def test_loader_names_a_missing_file(tmp_path):
    with pytest.raises(GoldError, match="cannot read gold file .*nope.jsonl"):
        load_gold(tmp_path / "nope.jsonl")
