"""Thumbs up or down on an answer, kept in SQLite so evals can export the thumbs-down rows.

Every call opens its own connection (WAL mode, a busy timeout), so any number of server
threads or processes can write at once without sharing a connection.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from bot.answer import Answer

DEFAULT_PATH = Path("data/feedback.sqlite")

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    conversation_id TEXT,
    question TEXT,
    resolved_question TEXT,
    answer_json TEXT,
    vote INTEGER NOT NULL CHECK (vote IN (1, -1)),
    comment TEXT
)
"""


class FeedbackStore:
    """Append-only votes on answers.

    >>> store = FeedbackStore("data/feedback.sqlite")  # doctest: +SKIP
    >>> store.add(answer, vote=-1, conversation_id="c1", comment="wrong year")  # doctest: +SKIP
    1
    """

    def __init__(self, path: Path | str = DEFAULT_PATH, timeout: float = 10.0):
        self.path = Path(path)
        self.timeout = timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.timeout)
        db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        db.row_factory = sqlite3.Row
        return db

    def add(self, answer: Answer | dict, vote: int, conversation_id: str | None = None,
            comment: str | None = None) -> int:
        """Store one vote (1 up, -1 down) on `answer`; returns the new row id."""
        if vote not in (1, -1):
            raise ValueError(f"vote must be 1 (up) or -1 (down), not {vote!r}")
        data = answer.model_dump(mode="json") if isinstance(answer, Answer) else dict(answer)
        row = (
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
            conversation_id,
            data.get("question"),
            data.get("resolved_question"),
            json.dumps(data, ensure_ascii=False),
            vote,
            (comment or "").strip() or None,
        )
        with closing(self._connect()) as db, db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, conversation_id, question, resolved_question,"
                " answer_json, vote, comment) VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return cursor.lastrowid

    def rows(self, vote: int | None = None) -> list[dict]:
        """Every stored vote, oldest first; only up (1) or down (-1) votes when `vote` is given."""
        query, params = "SELECT * FROM feedback", ()
        if vote is not None:
            query, params = query + " WHERE vote = ?", (vote,)
        with closing(self._connect()) as db:
            return [dict(r) for r in db.execute(query + " ORDER BY id", params)]
