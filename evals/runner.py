"""Ask every gold item's turns in one chat per item and judge each answer.

The bot is anything with `chat().ask(question) -> Answer`, `search(query, k) -> [Hit]` and
`articles` (id -> Article), so tests can wrap the real bot to break it on purpose.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Iterable

from tqdm import tqdm

from evals.gold import GoldItem
from evals.judge import check_turn, normalize

SEARCH_K = 5


def retrieval_rank(bot: Any, query: str, evidence: list[str], k: int = SEARCH_K) -> int | None:
    """1-based rank of the first search hit that holds one of the evidence strings, else None."""
    needles = [normalize(e) for e in evidence]
    for position, hit in enumerate(bot.search(query, k), 1):
        text = normalize(hit.span.text)
        if any(n in text for n in needles):
            return position
    return None


def run_item(bot: Any, item: GoldItem) -> list[dict]:
    """One conversation: every turn of the item asked in the same chat, in order."""
    chat = bot.chat()
    records = []
    for number, turn in enumerate(item.turns):
        started = time.perf_counter()
        error = None
        try:
            answer = chat.ask(turn.question).model_dump(mode="json")
        except Exception as err:  # a crash is a failed turn, not a failed run
            answer, error = None, f"{type(err).__name__}: {err}"
        latency_ms = (time.perf_counter() - started) * 1000
        rank = None
        if turn.expect.evidence:
            query = (answer or {}).get("resolved_question") or turn.question
            rank = retrieval_rank(bot, query, turn.expect.evidence)
        checks = check_turn(turn.expect, answer)
        records.append({
            "id": item.id,
            "category": item.category,
            "turn": number,
            "must_pass": item.must_pass,
            "question": turn.question,
            "expect": turn.expect.model_dump(exclude_defaults=False),
            "answer": answer,
            "error": error,
            "checks": checks,
            "passed": all(checks.values()),
            "retrieval_rank": rank,
            "latency_ms": round(latency_ms, 2),
        })
    return records


def run(bot: Any, gold: Iterable[GoldItem], progress: bool = True) -> list[dict]:
    """Judged turn records for the whole gold set, in gold order."""
    gold = list(gold)
    records: list[dict] = []
    bar = tqdm(total=sum(len(i.turns) for i in gold), desc="evals", unit="turn",
               file=sys.stderr, disable=not progress)
    with bar:
        for item in gold:
            item_records = run_item(bot, item)
            records.extend(item_records)
            bar.update(len(item_records))
    return records
