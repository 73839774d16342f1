import pytest

from evals import metrics

BODY = "DHS conducted a total of 577,295 deportations -- comprising 414,481 removals and 162,814 returns."
BODIES = {"dhs": BODY}
WHOLE = {"source_id": "dhs", "start": 0, "end": len(BODY), "quote": BODY}
BAD_OFFSETS = {"source_id": "dhs", "start": 1, "end": 11, "quote": "DHS conduc"}
OTHER = {"source_id": "dhs", "start": 0, "end": 3, "quote": "DHS"}


def turn(id, turn=0, category="lookup", passed=True, expect=None, answer=None, checks=None, rank=None,
         latency=10.0, must_pass=False):
    return {"id": id, "turn": turn, "category": category, "passed": passed, "must_pass": must_pass,
            "expect": expect or {}, "answer": answer, "checks": checks or {}, "retrieval_rank": rank,
            "latency_ms": latency}


def answer(value=None, citations=(), abstained=False, text=""):
    return {"value": value, "citations": list(citations), "abstained": abstained, "text": text}


def test_items_and_accuracy():
    turns = [
        turn("a", passed=True),
        turn("b", 0, "conversation", True), turn("b", 1, "conversation", False), turn("b", 2, "conversation", True),
        turn("c", 0, "conversation", True), turn("c", 1, "conversation", True),
    ]
    assert metrics.items(turns)["b"] == {"category": "conversation", "must_pass": False,
                                         "turns": [True, False, True], "passed": False}
    # a and c pass, b fails: 2 of 3
    assert metrics.accuracy(turns) == pytest.approx(2 / 3)
    assert metrics.accuracy_by_category(turns) == {"conversation": 0.5, "lookup": 1.0}
    # multi-turn items b and c: 4 of 5 turns pass, 1 of 2 items pass every turn
    assert metrics.conversations(turns) == {"conversation_turn_accuracy": 0.8, "conversation_all_turns_pass": 0.5}


def test_numeric_accuracy_counts_only_turns_with_a_value():
    turns = [turn("a", expect={"value": 1}, checks={"value": True}),
             turn("b", expect={"value": 2}, checks={"value": False}),
             turn("c", expect={"text": ["x"]}, checks={"text:x": False})]
    assert metrics.numeric_accuracy(turns) == 0.5  # 1 of 2 numeric turns


def test_evidence_recall():
    turns = [turn("a", expect={"evidence": ["414,481 removals", "162,814 returns"]}, answer=answer(citations=[WHOLE])),
             turn("b", expect={"evidence": ["315,943"]}, answer=answer(citations=[WHOLE])),
             turn("c", expect={"evidence": ["577,295"]}, answer=None)]
    assert metrics.evidence_recall(turns) == 0.5  # 2 of 4 evidence strings covered


def test_citation_precision():
    turns = [
        # WHOLE covers the evidence; OTHER neither covers it nor holds the value
        turn("a", expect={"evidence": ["162,814 returns"]}, answer=answer(162814, [WHOLE, OTHER])),
        # no evidence expected, but WHOLE holds the stated value 577,295
        turn("b", expect={"value": 577295}, answer=answer(577295, [WHOLE])),
        # nothing to support: not counted
        turn("c", expect={"text": ["x"]}, answer=answer(None, [OTHER])),
    ]
    assert metrics.citation_precision(turns) == pytest.approx(2 / 3)  # WHOLE twice out of 3 counted citations


def test_citation_validity():
    turns = [turn("a", answer=answer(citations=[WHOLE, BAD_OFFSETS])),
             turn("b", answer=answer(citations=[{**OTHER, "source_id": "missing"}]))]
    assert metrics.citation_validity(turns, BODIES) == pytest.approx(1 / 3)  # only WHOLE matches the body


def test_abstention():
    turns = [
        turn("a", expect={"abstain": True}, answer=answer(abstained=True)),   # right abstention
        turn("b", expect={"abstain": True}, answer=answer(5)),                 # missed abstention
        turn("c", expect={"value": 1}, answer=answer(abstained=True)),         # false abstention
        turn("d", expect={"value": 1}, answer=answer(1)),
        turn("e", expect={}, answer=answer(1)),
    ]
    assert metrics.abstention(turns) == {
        "abstention_precision": 0.5,      # a of (a, c)
        "abstention_recall": 0.5,         # a of (a, b)
        "false_abstention_rate": pytest.approx(1 / 3),  # c of (c, d, e)
    }


def test_confidently_wrong():
    turns = [
        turn("a", expect={"value": 100}, answer=answer(200)),                     # wrong number
        turn("b", expect={"value": 100}, answer=answer(100.2)),                   # within 0.5%
        turn("c", expect={"value": 100}, answer=answer(None, abstained=True)),    # abstained: not confident
        turn("d", expect={"abstain": True}, answer=answer(5)),                    # a number where it should abstain
        turn("e", expect={"abstain": True}, answer=answer(text="There were 5,000 [1].")),
        turn("f", expect={"abstain": True}, answer=answer(abstained=True, text="Nothing for 2009.")),
    ]
    assert metrics.confidently_wrong(turns) == 3  # a, d, e


def test_retrieval():
    ev = {"evidence": ["x"]}
    turns = [turn("a", expect=ev, rank=1), turn("b", expect=ev, rank=2), turn("c", expect=ev, rank=5),
             turn("d", expect=ev, rank=None), turn("e", expect={}, rank=None)]
    assert metrics.retrieval(turns) == {
        "retrieval_hit@1": 0.25, "retrieval_hit@3": 0.5, "retrieval_hit@5": 0.75,
        "retrieval_mrr": pytest.approx((1 + 1 / 2 + 1 / 5 + 0) / 4),  # = 0.425
    }


@pytest.mark.parametrize("values, q, expected", [
    ([10, 20, 30, 40], 50, 25.0),
    ([10, 20, 30, 40], 95, 38.5),  # position 2.85: 30 + 0.85 * 10
    ([7], 95, 7.0),
    ([], 50, None),
])
def test_percentile(values, q, expected):
    assert metrics.percentile(values, q) == expected


def test_summarize_has_every_aggregate_and_handles_empty_denominators():
    out = metrics.summarize([turn("a", expect={"value": 1}, answer=answer(1), checks={"value": True})], BODIES)
    assert out["accuracy"] == 1.0
    assert out["abstention_precision"] is None and out["conversation_turn_accuracy"] is None
    assert out["accuracy[lookup]"] == 1.0 and out["latency_p50_ms"] == 10.0


def test_a_worked_out_answer_is_supported_by_its_operands_citations():
    removals = {"source_id": "dhs", "start": 0, "end": 10, "quote": "414,481 removals"}
    derived = {**answer(251667, [removals, OTHER]), "kind": "derived",
               "calculation": "414,481 - 162,814 = 251,667 (no rounding)"}
    turns = [turn("a", expect={"value": 251667}, answer=derived)]
    assert metrics.citation_precision(turns) == 0.5  # the operand's citation counts; OTHER does not
    stated = {**derived, "kind": "fact"}
    assert metrics.citation_precision([turn("a", expect={"value": 251667}, answer=stated)]) == 0.0
