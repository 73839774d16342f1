"""Scores over judged turns: pure functions of plain records, no bot and no I/O.

A turn record is one dict per asked question, as the runner writes it:

    {"id": "dhs-2014-total", "category": "lookup", "turn": 0, "must_pass": True,
     "expect": {...Expect fields...}, "answer": {...Answer JSON...} or None,
     "checks": {"answered": True, "value": True, ...}, "passed": True,
     "retrieval_rank": 1 or None, "latency_ms": 41.0}

Ratios are None when nothing qualifies for the denominator (no conversations, no abstentions).
"""

from __future__ import annotations

from collections import defaultdict

from evals.judge import covered, numbers_in, states_figure, value_matches

# Aggregates where a smaller number is better; every other aggregate is better larger.
LOWER_IS_BETTER = frozenset({"false_abstention_rate", "confidently_wrong"})
# Aggregates that describe speed, not quality: reported, never gated.
NOT_GATED = frozenset({"latency_p50_ms", "latency_p95_ms", "turns", "items"})


def ratio(hits: int, total: int) -> float | None:
    return hits / total if total else None


def items(turns: list[dict]) -> dict[str, dict]:
    """Turns grouped into items: an item passes when every one of its turns passes.

    >>> items([{"id": "a", "category": "x", "turn": 0, "passed": True},
    ...        {"id": "a", "category": "x", "turn": 1, "passed": False}])["a"]["passed"]
    False
    """
    out: dict[str, dict] = {}
    for t in sorted(turns, key=lambda t: t["turn"]):
        item = out.setdefault(t["id"], {"category": t["category"], "must_pass": bool(t.get("must_pass")), "turns": []})
        item["turns"].append(bool(t["passed"]))
    for item in out.values():
        item["passed"] = all(item["turns"])
    return out


def accuracy(turns: list[dict]) -> float | None:
    """Share of items whose every turn passes."""
    grouped = items(turns)
    return ratio(sum(i["passed"] for i in grouped.values()), len(grouped))


def accuracy_by_category(turns: list[dict]) -> dict[str, float]:
    by: dict[str, list[dict]] = defaultdict(list)
    for t in turns:
        by[t["category"]].append(t)
    return {category: accuracy(group) for category, group in sorted(by.items())}


def numeric_accuracy(turns: list[dict]) -> float | None:
    """Share of turns with an expected value whose answer value matches it."""
    numeric = [t for t in turns if t["expect"].get("value") is not None]
    return ratio(sum(bool(t["checks"].get("value")) for t in numeric), len(numeric))


def evidence_recall(turns: list[dict]) -> float | None:
    """Share of all expected evidence strings that some citation of their turn covers."""
    total = hit = 0
    for t in turns:
        citations = (t["answer"] or {}).get("citations") or []
        for evidence in t["expect"].get("evidence") or []:
            total += 1
            hit += covered(evidence, citations)
    return ratio(hit, total)


def _supports(citation: dict, evidence: list[str], value: float | None, operands: list[float] = ()) -> bool:
    if any(covered(e, [citation]) for e in evidence):
        return True
    quoted = numbers_in(citation.get("quote", ""))
    wanted = ([value] if value is not None else []) + list(operands)
    return any(value_matches(n, v, 1e-9) for n in quoted for v in wanted)


def citation_precision(turns: list[dict]) -> float | None:
    """Share of citations that cover some expected evidence or contain the stated value.

    Only turns with something to support (expected evidence or an expected value) count."""
    total = good = 0
    for t in turns:
        expect, answer = t["expect"], t["answer"] or {}
        if not expect.get("evidence") and expect.get("value") is None:
            continue
        # a worked-out answer is supported by the citations of its operands, the figures its
        # calculation shows ("|98,760 - 211,870| = 113,110")
        operands = numbers_in(answer.get("calculation") or "") if answer.get("kind") == "derived" else []
        for citation in answer.get("citations") or []:
            total += 1
            good += _supports(citation, expect.get("evidence") or [], answer.get("value"), operands)
    return ratio(good, total)


def citation_validity(turns: list[dict], bodies: dict[str, str]) -> float | None:
    """Share of all citations whose quote equals the article body at its offsets."""
    total = good = 0
    for t in turns:
        for c in (t["answer"] or {}).get("citations") or []:
            total += 1
            body = bodies.get(c.get("source_id"))
            good += body is not None and body[c["start"]:c["end"]] == c.get("quote")
    return ratio(good, total)


def abstention(turns: list[dict]) -> dict[str, float | None]:
    """Precision and recall of abstaining, and how often the bot abstains when it should answer.

    A turn should abstain when its gold says `abstain: true`; every other turn should answer."""
    should = [t for t in turns if t["expect"].get("abstain") is True]
    should_not = [t for t in turns if t["expect"].get("abstain") is not True]
    abstained = [t for t in turns if (t["answer"] or {}).get("abstained")]
    return {
        "abstention_precision": ratio(sum(t["expect"].get("abstain") is True for t in abstained), len(abstained)),
        "abstention_recall": ratio(sum(bool((t["answer"] or {}).get("abstained")) for t in should), len(should)),
        "false_abstention_rate": ratio(sum(bool((t["answer"] or {}).get("abstained")) for t in should_not), len(should_not)),
    }


def is_confidently_wrong(turn: dict) -> bool:
    """A number stated where the gold value differs, or any number where the gold abstains."""
    expect, answer = turn["expect"], turn["answer"] or {}
    stated = answer.get("value")
    if expect.get("abstain") is True:
        return stated is not None or (not answer.get("abstained") and states_figure(answer.get("text") or ""))
    if expect.get("value") is not None and stated is not None:
        return not value_matches(stated, expect["value"], expect.get("tolerance", 0.005))
    return False


def confidently_wrong(turns: list[dict]) -> int:
    return sum(is_confidently_wrong(t) for t in turns)


def conversations(turns: list[dict]) -> dict[str, float | None]:
    """Per-turn accuracy and all-turns-pass rate over multi-turn items."""
    multi = [i for i in items(turns).values() if len(i["turns"]) > 1]
    return {
        "conversation_turn_accuracy": ratio(sum(sum(i["turns"]) for i in multi), sum(len(i["turns"]) for i in multi)),
        "conversation_all_turns_pass": ratio(sum(i["passed"] for i in multi), len(multi)),
    }


def retrieval(turns: list[dict], ks: tuple[int, ...] = (1, 3, 5)) -> dict[str, float | None]:
    """hit@k and MRR of the first evidence sentence, over turns with expected evidence.

    `retrieval_rank` is the 1-based rank of the first hit holding an evidence string, None when
    none of the hits does (counts as a miss, reciprocal rank 0)."""
    ranked = [t for t in turns if t["expect"].get("evidence")]
    out = {f"retrieval_hit@{k}": ratio(sum(t.get("retrieval_rank") is not None and t["retrieval_rank"] <= k
                                           for t in ranked), len(ranked)) for k in ks}
    out["retrieval_mrr"] = ratio(0, 0) if not ranked else sum(
        1 / t["retrieval_rank"] for t in ranked if t.get("retrieval_rank")) / len(ranked)
    return out


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks.

    >>> percentile([10, 20, 30, 40], 50)
    25.0
    """
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def summarize(turns: list[dict], bodies: dict[str, str]) -> dict[str, float | int | None]:
    """Every aggregate in one flat dict (what the baseline stores and the gate compares)."""
    latencies = [t["latency_ms"] for t in turns if t.get("latency_ms") is not None]
    grouped = items(turns)
    out: dict[str, float | int | None] = {
        "items": len(grouped),
        "turns": len(turns),
        "accuracy": accuracy(turns),
        "must_pass_accuracy": ratio(sum(i["passed"] for i in grouped.values() if i["must_pass"]),
                                    sum(i["must_pass"] for i in grouped.values())),
        "turn_accuracy": ratio(sum(bool(t["passed"]) for t in turns), len(turns)),
        "numeric_accuracy": numeric_accuracy(turns),
        "evidence_recall": evidence_recall(turns),
        "citation_precision": citation_precision(turns),
        "citation_validity": citation_validity(turns, bodies),
        **abstention(turns),
        "confidently_wrong": confidently_wrong(turns),
        **conversations(turns),
        **retrieval(turns),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }
    out.update({f"accuracy[{c}]": a for c, a in accuracy_by_category(turns).items()})
    return out
