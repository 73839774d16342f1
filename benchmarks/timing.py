"""Timing helpers and the gold questions the benchmarks replay."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

import numpy as np

GOLD = Path(__file__).resolve().parent.parent / "evals" / "gold.jsonl"


def percentiles(seconds: list[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds.

    >>> percentiles([0.001, 0.002, 0.003])["p50"]
    2.0
    """
    ms = np.asarray(seconds, dtype=float) * 1000.0
    return {"p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95)), "n": len(ms)}


def time_each(fn: Callable[[str], object], items: list[str]) -> list[float]:
    """Wall seconds of `fn(item)` for every item, in order."""
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - started)
    return out


def repeat_to(items: list, n: int) -> list:
    """`items` cycled until there are at least `n` of them (all of them at least once).

    >>> repeat_to(["a", "b"], 3)
    ['a', 'b', 'a', 'b']
    """
    if not items:
        return []
    rounds = max(1, -(-n // len(items)))
    return items * rounds


def gold_turns(path: Path = GOLD) -> list[dict]:
    """Every turn of every gold case, in file order."""
    turns = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                turns.extend(json.loads(line)["turns"])
    return turns


def gold_questions(path: Path = GOLD) -> list[str]:
    return [t["question"] for t in gold_turns(path)]
