"""Write a run to disk: answers.jsonl, report.json, report.md and two PNG charts."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from evals import metrics


def write_answers(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            row = {"id": r["id"], "turn": r["turn"], "question": r["question"], "answer": r["answer"],
                   "latency_ms": r["latency_ms"]}
            if r.get("error"):
                row["error"] = r["error"]
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def failures(records: list[dict]) -> list[dict]:
    """Failed turns with the checks that did not hold and what the bot said."""
    out = []
    for r in records:
        if r["passed"]:
            continue
        answer = r["answer"] or {}
        out.append({
            "id": r["id"], "category": r["category"], "turn": r["turn"], "must_pass": r["must_pass"],
            "question": r["question"], "resolved_question": answer.get("resolved_question"),
            "failed": [name for name, ok in r["checks"].items() if not ok],
            "expected_value": r["expect"].get("value"), "value": answer.get("value"),
            "abstained": answer.get("abstained"), "text": answer.get("text") or r.get("error"),
        })
    return out


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def _number(value: float | None) -> str:
    """A gold or answer value as a reporter writes it: 577295.0 -> 577,295; 28.2 -> 28.2."""
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}" if abs(value) < 1 else f"{value:,.2f}".rstrip("0")


def _cell(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def charts(out: Path, aggregates: dict, records: list[dict]) -> list[str]:
    """Accuracy by category and latency distribution, as PNG files in `out`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = []
    by_category = {k[len("accuracy["):-1]: v for k, v in aggregates.items() if k.startswith("accuracy[")}
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.bar(list(by_category), [v or 0 for v in by_category.values()], color="#4c72b0")
    ax.set_ylim(0, 1)
    ax.set_ylabel("items passing")
    ax.set_title("Accuracy by category")
    for i, v in enumerate(by_category.values()):
        ax.text(i, (v or 0) + 0.02, f"{(v or 0):.0%}", ha="center")
    fig.tight_layout()
    fig.savefig(out / "accuracy_by_category.png", dpi=100)
    plt.close(fig)
    names.append("accuracy_by_category.png")

    latencies = [r["latency_ms"] for r in records]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.hist(latencies, bins=min(30, max(5, len(latencies) // 3)), color="#55a868")
    for label, q, style in (("p50", 50, "--"), ("p95", 95, ":")):
        value = metrics.percentile(latencies, q)
        if value is not None:
            ax.axvline(value, color="black", linestyle=style, label=f"{label} {value:.0f} ms")
    ax.set_xlabel("latency per turn (ms)")
    ax.set_ylabel("turns")
    ax.set_title("Latency distribution")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=100)
    plt.close(fig)
    names.append("latency.png")
    return names


def markdown(aggregates: dict, records: list[dict], chart_names: list[str], gold: str,
             hidden: set[str] = frozenset()) -> str:
    items = metrics.items(records)
    lines = [f"# Evaluation report", "", f"Gold: `{gold}` — {len(items)} items, {len(records)} turns.", ""]
    lines += ["## Aggregates", "", "| metric | value |", "|---|---|"]
    lines += [f"| {k} | {_fmt(v)} |" for k, v in aggregates.items() if not k.startswith("accuracy[")]
    lines += ["", "## Accuracy by category", "", "| category | items | passing | accuracy |", "|---|---|---|---|"]
    by: dict[str, list[dict]] = defaultdict(list)
    for item in items.values():
        by[item["category"]].append(item)
    for category, group in sorted(by.items()):
        passing = sum(i["passed"] for i in group)
        lines.append(f"| {category} | {len(group)} | {passing} | {passing / len(group):.1%} |")
    lines += [""] + [f"![{name[:-4]}]({name})" for name in chart_names] + [""]
    multi = {i: item for i, item in items.items() if len(item["turns"]) > 1}
    if multi:
        lines += ["## Conversations", "", "| item | turns (pass/FAIL) |", "|---|---|"]
        lines += [f"| {i} | {' '.join('pass' if ok else 'FAIL' for ok in item['turns'])} |" for i, item in multi.items()]
        lines.append("")
    must = {i: item for i, item in items.items() if item["must_pass"]}
    if must:
        failing = sorted(i for i, item in must.items() if not item["passed"])
        lines += ["## Must-pass items", "", f"{len(must) - len(failing)} of {len(must)} pass."
                  + (f" Failing: {', '.join(failing)}." if failing else ""), ""]
    failed = [f for f in failures(records) if f["id"] not in hidden]
    lines += ["## Failures", ""]
    held = {r["id"] for r in records if r["id"] in hidden and not r["passed"]}
    if held:
        lines += [f"{len(held)} failing item(s) of held-out articles are counted above and not listed here.", ""]
    if not failed:
        lines.append("None.")
    by_fail: dict[str, list[dict]] = defaultdict(list)
    for f in failed:
        by_fail[f["category"]].append(f)
    for category, group in sorted(by_fail.items()):
        lines += [f"### {category}", "", "| item | turn | question | failed checks | expected | stated | answer |",
                  "|---|---|---|---|---|---|---|"]
        for f in group:
            name = f["id"] + (" (must pass)" if f["must_pass"] else "")
            lines.append(f"| {name} | {f['turn']} | {_cell(f['question'])} | {_cell(', '.join(f['failed']))} "
                         f"| {_number(f['expected_value'])} | {_number(f['value'])} | {_cell(f['text'])} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def write(out: Path, records: list[dict], aggregates: dict, gold: str, gate_text: str | None = None,
          hidden: set[str] = frozenset()) -> None:
    """answers.jsonl, report.json and report.md; items in `hidden` (held-out articles) are scored
    but their failures are not listed."""
    out.mkdir(parents=True, exist_ok=True)
    write_answers(out / "answers.jsonl", records)
    items = metrics.items(records)
    report = {
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "gold": gold,
        "aggregates": aggregates,
        "items": items,
        "failures": [f for f in failures(records) if f["id"] not in hidden],
        "hidden_items": sorted(hidden),
    }
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    text = markdown(aggregates, records, charts(out, aggregates, records), gold, hidden)
    if gate_text:
        text += "\n## Gate\n\n```\n" + gate_text + "\n```\n"
    (out / "report.md").write_text(text, encoding="utf-8")


SUMMARY_ROWS = ("items", "turns", "accuracy", "turn_accuracy", "confidently_wrong", "numeric_accuracy",
                "abstention_recall", "false_abstention_rate", "citation_validity", "evidence_recall",
                "holdout_accuracy", "latency_p50_ms")


def summary(results: list[dict]) -> str:
    """The corpora side by side: one column per corpus, one row per headline metric."""
    names = [r["corpus"].name for r in results]
    lines = ["# Evaluation summary", "", "| metric | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for row in SUMMARY_ROWS:
        values = [r["aggregates"].get(row) for r in results]
        if all(v is None for v in values):
            continue
        lines.append(f"| {row} | " + " | ".join(_fmt(v) for v in values) + " |")
    lines.append("| gate | " + " | ".join("FAILED" if r["gate"].failed else "ok" for r in results) + " |")
    return "\n".join(lines) + "\n"
