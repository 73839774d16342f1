from evals.baseline import compare, make_baseline

ITEMS = {
    "a": {"category": "lookup", "must_pass": True, "passed": True, "turns": [True]},
    "b": {"category": "derived", "must_pass": False, "passed": False, "turns": [False]},
}
AGG = {"accuracy": 0.5, "confidently_wrong": 1, "latency_p50_ms": 100.0, "items": 2}


def test_unchanged_run_passes():
    gate = compare(make_baseline(AGG, ITEMS), AGG, ITEMS)
    assert not gate.failed and gate.diff == {}


def test_baseline_keeps_aggregates_but_not_latency():
    assert make_baseline(AGG, ITEMS) == {
        "aggregates": {"accuracy": 0.5, "confidently_wrong": 1, "items": 2},
        "items": {"a": {"category": "lookup", "passed": True}, "b": {"category": "derived", "passed": False}},
    }


def test_regressions_fail_the_gate():
    base = make_baseline(AGG, {**ITEMS, "c": {"category": "text", "must_pass": False, "passed": True}})
    now = {**ITEMS, "a": {**ITEMS["a"], "passed": False}, "b": {**ITEMS["b"], "passed": True},
           "c": {"category": "text", "must_pass": False, "passed": False}}
    gate = compare(base, {**AGG, "accuracy": 0.4, "confidently_wrong": 2, "latency_p50_ms": 900.0}, now)
    assert gate.problems == [
        "must-pass item a fails",
        "c regressed: pass -> fail",
        "accuracy dropped: 0.5 -> 0.4",
        "confidently_wrong dropped: 1 -> 2",
    ]
    assert gate.diff == {
        "lookup": ["a: FAIL (must pass) — was passing"],
        "derived": ["b: fail -> pass (update the baseline to keep it)"],
        "text": ["c: pass -> FAIL"],
    }
    assert gate.render().splitlines()[0] == "[derived]"


def test_without_a_baseline_only_must_pass_items_gate():
    failing = {"a": {**ITEMS["a"], "passed": False}}
    assert compare(None, AGG, failing).problems == ["must-pass item a fails"]
    assert not compare(None, AGG, ITEMS).failed


def test_new_and_removed_items_are_listed_but_do_not_fail():
    gate = compare(make_baseline(AGG, {"a": ITEMS["a"]}), AGG, {"b": ITEMS["b"]})
    assert not gate.failed
    assert gate.diff == {"derived": ["b: new, fail"], "lookup": ["a: no longer in the gold set"]}
