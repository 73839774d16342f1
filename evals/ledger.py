"""The ledger: one line per recorded run and corpus (date, commit, accuracy, wrong numbers)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

DEFAULT_LEDGER = Path(__file__).resolve().parent / "ledger.md"
HEADER = ("| date | commit | corpus | items passing | accuracy | turns passing | confidently wrong |\n"
          "|---|---|---|---|---|---|---|\n")


def commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True,
                             cwd=DEFAULT_LEDGER.parent)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def line(name: str, aggregates: dict, items: dict, when: str, rev: str) -> str:
    passing = sum(i["passed"] for i in items.values())
    turns = round((aggregates.get("turn_accuracy") or 0) * aggregates["turns"])
    return (f"| {when} | {rev} | {name} | {passing}/{len(items)} | {aggregates['accuracy']:.3f} "
            f"| {turns}/{aggregates['turns']} | {aggregates['confidently_wrong']} |\n")


def append(results: list[dict], path: Path = DEFAULT_LEDGER) -> None:
    when, rev = date.today().isoformat(), commit()
    text = path.read_text(encoding="utf-8") if path.exists() else "# Eval ledger\n\n" + HEADER
    for r in results:
        text += line(r["corpus"].name, r["aggregates"], r["items"], when, rev)
    path.write_text(text, encoding="utf-8")
