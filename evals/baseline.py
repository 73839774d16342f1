"""The regression gate: a committed baseline of aggregates and per-item pass/fail.

`--check` fails when a must-pass item fails, when an item that passed in the baseline fails
now, or when an aggregate gets worse (tolerance 0; latency is never gated).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from evals.metrics import LOWER_IS_BETTER, NOT_GATED

DEFAULT_BASELINE = Path(__file__).resolve().parent / "baseline.json"
DIGITS = 6  # aggregates are rounded before storing and comparing, so float noise never flips the gate


def make_baseline(aggregates: dict, items: dict[str, dict]) -> dict:
    return {
        "aggregates": {k: _round(v) for k, v in aggregates.items() if not k.startswith("latency")},
        "items": {i: {"category": item["category"], "passed": item["passed"]} for i, item in sorted(items.items())},
    }


def _round(value):
    return round(value, DIGITS) if isinstance(value, float) else value


def load_baseline(path: Path | str) -> dict | None:
    path = Path(path)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ValueError(f"baseline {path} is not valid JSON (line {err.lineno}: {err.msg}); "
                         f"regenerate it with `python -m evals run --update-baseline`") from err


def save_baseline(path: Path | str, baseline: dict) -> None:
    Path(path).write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@dataclass
class Gate:
    """What changed against the baseline; `failed` when anything in `problems`."""

    problems: list[str] = field(default_factory=list)
    # category -> lines describing per-item changes (regressions, fixes, new, removed)
    diff: dict[str, list[str]] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def render(self) -> str:
        lines = []
        for category in sorted(self.diff):
            lines.append(f"[{category}]")
            lines.extend(f"  {line}" for line in self.diff[category])
        if self.problems:
            lines.append(f"FAILED: {len(self.problems)} problem(s)")
            lines.extend(f"  - {p}" for p in self.problems)
        else:
            lines.append("OK: no must-pass failures, no regressions against the baseline")
        return "\n".join(lines)


def compare(baseline: dict | None, aggregates: dict, items: dict[str, dict]) -> Gate:
    """Gate the current run against the baseline (a missing baseline only gates must-pass items)."""
    gate = Gate()
    before = (baseline or {}).get("items", {})
    for item_id, item in sorted(items.items()):
        was = before.get(item_id, {}).get("passed")
        now = item["passed"]
        line = None
        if item.get("must_pass") and not now:
            gate.problems.append(f"must-pass item {item_id} fails")
            line = f"{item_id}: FAIL (must pass)" + (" — was passing" if was else "")
        elif was is True and not now:
            gate.problems.append(f"{item_id} regressed: pass -> fail")
            line = f"{item_id}: pass -> FAIL"
        elif was is False and now:
            line = f"{item_id}: fail -> pass (update the baseline to keep it)"
        elif was is None and baseline is not None:
            line = f"{item_id}: new, {'pass' if now else 'fail'}"
        if line:
            gate.diff.setdefault(item["category"], []).append(line)
    for item_id in sorted(set(before) - set(items)):
        gate.diff.setdefault(before[item_id].get("category", "?"), []).append(f"{item_id}: no longer in the gold set")
    for name, old in sorted((baseline or {}).get("aggregates", {}).items()):
        new = _round(aggregates.get(name))
        if name in NOT_GATED or name.startswith("latency") or old is None or new is None:
            continue
        worse = new > old if name in LOWER_IS_BETTER else new < old
        if worse:
            gate.problems.append(f"{name} dropped: {old} -> {new}")
    if baseline is None:
        gate.diff.setdefault("baseline", []).append("no baseline yet: create it with `python -m evals run --update-baseline`")
    return gate
