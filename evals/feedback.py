"""Turn thumbs-down votes from the UI into gold-format candidate items for review.

Each candidate replays the conversation as far as the feedback table recorded it, ends with
the disputed question, and carries the bot's answer and the voter's comment under `review`
(ignored by the gold loader). Its `expect` is empty: a reviewer fills it in from the article.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

DEFAULT_DB = Path("data/feedback.sqlite")


def read_rows(db: Path | str) -> list[dict]:
    """Every feedback row, oldest first. Opened read-only, so a missing file is an error, not a new database."""
    db = Path(db)
    if not db.is_file():
        raise FileNotFoundError(f"no feedback database at {db}; pass its path with --db")
    try:
        with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("SELECT * FROM feedback ORDER BY created_at, id")]
    except sqlite3.DatabaseError as err:
        raise ValueError(f"cannot read the feedback table in {db} ({err}); is it the UI's feedback database?") from err


def _answer(row: dict) -> dict:
    try:
        return json.loads(row.get("answer_json") or "{}")
    except json.JSONDecodeError:
        return {}


def candidates(rows: list[dict]) -> list[dict]:
    """One gold candidate per thumbs-down row.

    >>> rows = [{"id": 1, "created_at": "t1", "conversation_id": "c", "question": "DHS deportations 2014?",
    ...          "resolved_question": "DHS deportations 2014?", "answer_json": "{}", "vote": 1, "comment": None},
    ...         {"id": 2, "created_at": "t2", "conversation_id": "c", "question": "and returns?",
    ...          "resolved_question": "DHS returns 2014?", "answer_json": "{}", "vote": -1, "comment": "wrong"}]
    >>> [t["question"] for t in candidates(rows)[0]["turns"]]
    ['DHS deportations 2014?', 'and returns?']
    """
    out = []
    for row in rows:
        if row.get("vote") != -1:
            continue
        earlier = [r for r in rows if row.get("conversation_id") and r.get("conversation_id") == row["conversation_id"]
                   and (r["created_at"], r["id"]) < (row["created_at"], row["id"])]
        question = row.get("question") or row.get("resolved_question") or ""
        if not earlier and row.get("resolved_question") and row["resolved_question"] != question:
            # The earlier turns were never recorded; the resolved question stands on its own.
            question = row["resolved_question"]
        answer = _answer(row)
        out.append({
            "id": f"feedback-{row['id']}",
            "category": "feedback",
            "turns": [{"question": r.get("question") or "", "expect": {}} for r in earlier]
                     + [{"question": question, "expect": {}}],
            "review": {
                "feedback_id": row["id"],
                "created_at": row.get("created_at"),
                "conversation_id": row.get("conversation_id"),
                "question": row.get("question"),
                "resolved_question": row.get("resolved_question"),
                "comment": row.get("comment"),
                "answer_text": answer.get("text"),
                "value": answer.get("value"),
                "kind": answer.get("kind"),
                "abstained": answer.get("abstained"),
                "citations": [{k: c.get(k) for k in ("source_id", "start", "end", "quote")}
                              for c in answer.get("citations") or []],
            },
        })
    return out


def export(db: Path | str, path: Path | str) -> int:
    """Write the candidates as JSONL; returns how many were written."""
    items = candidates(read_rows(db))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    return len(items)
