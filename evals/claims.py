"""The claim-check evaluation: a gold set of claims, each with the verdict a careful reader gives.

`evals/claims.jsonl` holds one claim per line: its text, the corpus whose sources it is checked
against (a name from `evals/corpora.yaml`), its class (a true claim restated, a wrong figure,
year, agency or direction, an unsupported superlative, a claim the sources don't cover, a
share to compute), whether it is false, and the expected verdict. An item's verdict is the
worst verdict among the figures of its text (contradicted, then not in the sources, then
ambiguous, then supported). The gate fails on any "supported" verdict for a false claim,
on an item that passed in the baseline and fails now, and on a class whose accuracy drops.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from evals.baseline import Gate, load_baseline, save_baseline

DEFAULT_GOLD = Path(__file__).resolve().parent / "claims.jsonl"
DEFAULT_BASELINE = Path(__file__).resolve().parent / "claims_baseline.json"
CLASSES = ("true_restated", "wrong_figure", "wrong_year", "wrong_agency", "wrong_direction",
           "unsupported_superlative", "not_covered", "computed")
_ORDER = ("contradicted", "not_in_sources", "ambiguous", "supported")


class Expect(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    verdict: Literal["supported", "contradicted", "not_in_sources", "ambiguous"]
    approximate: bool | None = None
    computed: bool | None = None


class ClaimItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    text: str
    corpus: str
    false: bool
    expect: Expect
    class_: str = Field(alias="class")


def load_claims(path: Path | str = DEFAULT_GOLD) -> list[ClaimItem]:
    """The gold claims; a ValueError names the line that is wrong."""
    items, seen = [], set()
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = ClaimItem.model_validate(json.loads(line))
        except ValueError as err:
            raise ValueError(f"{path}, line {n}: {err}") from err
        if item.class_ not in CLASSES:
            raise ValueError(f"{path}, line {n}: class {item.class_!r}; choose from {', '.join(CLASSES)}")
        if item.id in seen:
            raise ValueError(f"{path}, line {n}: id {item.id!r} is used twice")
        seen.add(item.id)
        items.append(item)
    return items


def judge(item: ClaimItem, report) -> dict:
    """The record of one checked claim: its verdict, whether it is what the gold expects, and
    whether it is the failure that matters most (a false claim called supported)."""
    claims = report.claims
    verdict = min((c.verdict for c in claims), key=_ORDER.index) if claims else "not_in_sources"
    deciding = next((c for c in claims if c.verdict == verdict), None)
    passed = verdict == item.expect.verdict
    if passed and item.expect.computed is not None:
        passed = deciding is not None and deciding.computed == item.expect.computed
    if passed and item.expect.approximate is not None:
        passed = deciding is not None and deciding.approximate == item.expect.approximate
    return {"id": item.id, "class": item.class_, "corpus": item.corpus, "text": item.text, "false": item.false,
            "expected": item.expect.verdict, "verdict": verdict, "passed": passed,
            "false_supported": item.false and verdict == "supported",
            "figures": [{"text": c.text, "verdict": c.verdict, "detail": c.detail} for c in claims]}


def run_claims(bots: dict, items: list[ClaimItem], check) -> list[dict]:
    """Check each claim with the bot of its corpus (`bots` by corpus name); `check(bot, text)`
    is the bot's claim check (`bot.check_claim`)."""
    missing = sorted({i.corpus for i in items} - set(bots))
    if missing:
        raise ValueError(f"claims name corpora with no loaded sources: {', '.join(missing)}")
    return [judge(item, check(bots[item.corpus], item.text)) for item in items]


def aggregates(records: list[dict]) -> dict:
    out = {"claims_accuracy": round(sum(r["passed"] for r in records) / len(records), 6) if records else 0.0,
           "false_supported": sum(r["false_supported"] for r in records)}
    for cls in CLASSES:
        group = [r for r in records if r["class"] == cls]
        if group:
            out[f"accuracy_{cls}"] = round(sum(r["passed"] for r in group) / len(group), 6)
    return out


def gate(baseline: dict | None, records: list[dict]) -> Gate:
    """Fail on any false claim called supported, a pass -> fail flip, or a class accuracy drop."""
    result = Gate()
    for r in records:
        if r["false_supported"]:
            result.problems.append(f"{r['id']}: a false claim was called supported")
    before = (baseline or {}).get("items", {})
    for r in records:
        was = before.get(r["id"], {}).get("passed")
        if was is True and not r["passed"]:
            result.problems.append(f"{r['id']} regressed: pass -> fail ({r['expected']} expected, {r['verdict']} given)")
            result.diff.setdefault(r["class"], []).append(f"{r['id']}: pass -> FAIL")
        elif was is False and r["passed"]:
            result.diff.setdefault(r["class"], []).append(f"{r['id']}: fail -> pass (update the baseline to keep it)")
    now = aggregates(records)
    for name, old in sorted((baseline or {}).get("aggregates", {}).items()):
        new = now.get(name)
        if name == "false_supported" or new is None:
            continue
        if new < old:
            result.problems.append(f"{name} dropped: {old} -> {new}")
    return result


def make_baseline(records: list[dict]) -> dict:
    return {"aggregates": aggregates(records),
            "items": {r["id"]: {"class": r["class"], "passed": r["passed"]} for r in sorted(records, key=lambda r: r["id"])}}


def write_report(out: Path, records: list[dict]) -> str:
    """`claims.jsonl` (every record) and `claims.md` (accuracy per class, failures) under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "claims.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    agg = aggregates(records)
    lines = ["# Claim checks", "",
             f"{sum(r['passed'] for r in records)}/{len(records)} claims get the expected verdict "
             f"({agg['claims_accuracy']:.1%}); false claims called supported: {agg['false_supported']}.", "",
             "| class | claims | expected verdict |", "|---|---|---|"]
    for cls in CLASSES:
        group = [r for r in records if r["class"] == cls]
        if group:
            lines.append(f"| {cls} | {len(group)} | {sum(r['passed'] for r in group)} ({agg[f'accuracy_{cls}']:.0%}) |")
    failed = [r for r in records if not r["passed"]]
    if failed:
        lines += ["", "## Not as expected", ""]
        lines += [f"- `{r['id']}` ({r['class']}): expected {r['expected']}, got {r['verdict']}: {r['text']}" for r in failed]
    text = "\n".join(lines) + "\n"
    (out / "claims.md").write_text(text, encoding="utf-8")
    return text


__all__ = ["load_claims", "run_claims", "gate", "make_baseline", "write_report", "load_baseline", "save_baseline"]
