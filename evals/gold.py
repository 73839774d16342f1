"""The gold set: questions with what a correct answer must contain, one item per JSONL line.

    {"id": "dhs-2014-total", "category": "lookup", "must_pass": true,
     "turns": [{"question": "How many deportations did DHS carry out in 2014?",
                "expect": {"value": 577295, "evidence": ["577,295 deportations"]}}]}

Every `expect` field is optional; unknown fields anywhere are ignored, so an item can carry notes.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

DEFAULT_GOLD = Path(__file__).resolve().parent / "gold.jsonl"
DEFAULT_TOLERANCE = 0.005  # relative


class Expect(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    value: float | None = None
    tolerance: float = Field(DEFAULT_TOLERANCE, ge=0)
    text: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    abstain: bool | None = None


class Turn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    question: str = Field(min_length=1)
    expect: Expect = Field(default_factory=Expect)


class GoldItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=1)
    category: str = Field(min_length=1)
    turns: list[Turn] = Field(min_length=1)
    must_pass: bool = False


class GoldError(ValueError):
    """A gold file that cannot be used; the message names the file and line."""


def load_gold(path: Path | str = DEFAULT_GOLD) -> list[GoldItem]:
    """Read and validate a gold file; every problem is reported at once, with its line number."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise GoldError(f"cannot read gold file {path}: {err.strerror or err}") from err
    items: list[GoldItem] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = GoldItem.model_validate(json.loads(line))
        except json.JSONDecodeError as err:
            problems.append(f"{path}:{number}: not valid JSON ({err.msg})")
            continue
        except ValidationError as err:
            fields = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'item'}: {e['msg']}" for e in err.errors())
            problems.append(f"{path}:{number}: {fields}")
            continue
        if item.id in seen:
            problems.append(f"{path}:{number}: duplicate id {item.id!r} (first on line {seen[item.id]})")
            continue
        seen[item.id] = number
        items.append(item)
    if problems:
        raise GoldError("\n".join(problems))
    if not items:
        raise GoldError(f"gold file {path} has no items; add one JSON object per line")
    return items
