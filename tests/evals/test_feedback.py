import json
import sqlite3

import pytest

from web.feedback import FeedbackStore
from evals.__main__ import main
from evals.feedback import candidates, read_rows
from evals.gold import load_gold


def answer(question, resolved, text, value=None):
    return {"question": question, "resolved_question": resolved, "text": text, "value": value, "kind": "fact",
            "abstained": False, "citations": [{"n": 1, "source_id": "dhs", "start": 0, "end": 3, "quote": "DHS"}]}


def test_export_writes_thumbs_down_rows_as_gold_candidates(tmp_path, capsys):
    db = tmp_path / "feedback.sqlite"
    store = FeedbackStore(db)
    store.add(answer("How many deportations did DHS carry out in 2014?", "How many deportations did DHS carry out in 2014?",
                     "**577,295** deportations [1].", 577295), vote=1, conversation_id="c1")
    store.add(answer("how many of those were returns?", "Of the 577,295 deportations, how many were returns?",
                     "**414,481** removals [1].", 414481), vote=-1, conversation_id="c1", comment="asked for returns")
    store.add(answer("and in 2013?", "How many returns by DHS in 2013?", "No figure."), vote=-1, conversation_id="c2")
    out = tmp_path / "candidates.jsonl"

    assert main(["feedback", "--db", str(db), "--export", str(out)]) == 0
    assert capsys.readouterr().out == f"2 thumbs-down answer(s) written to {out} for review\n"
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["feedback-2", "feedback-3"]
    # the follow-up replays the recorded conversation; the lone follow-up stands on its resolved question
    assert [t["question"] for t in rows[0]["turns"]] == ["How many deportations did DHS carry out in 2014?",
                                                         "how many of those were returns?"]
    assert [t["question"] for t in rows[1]["turns"]] == ["How many returns by DHS in 2013?"]
    assert rows[0]["review"]["comment"] == "asked for returns" and rows[0]["review"]["value"] == 414481
    assert [item.id for item in load_gold(out)] == ["feedback-2", "feedback-3"]  # valid gold, ready to fill in


def test_export_reads_a_plain_sqlite_file_with_the_ui_schema(tmp_path):
    db = tmp_path / "raw.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE feedback (id INTEGER PRIMARY KEY, created_at TEXT, conversation_id TEXT,"
                     " question TEXT, resolved_question TEXT, answer_json TEXT, vote INTEGER, comment TEXT)")
        conn.execute("INSERT INTO feedback VALUES (7, '2026-01-01T00:00:00', NULL, 'ICE removals 2014?',"
                     " 'ICE removals 2014?', 'not json', -1, 'only one figure')")
    [item] = candidates(read_rows(db))
    assert item["turns"] == [{"question": "ICE removals 2014?", "expect": {}}]
    assert item["review"]["answer_text"] is None and item["review"]["comment"] == "only one figure"


def test_missing_database_is_a_plain_error(tmp_path, capsys):
    assert main(["feedback", "--db", str(tmp_path / "none.sqlite"), "--export", str(tmp_path / "x.jsonl")]) == 2
    assert "no feedback database at" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_a_file_that_is_not_the_feedback_database_is_a_plain_error(tmp_path):
    db = tmp_path / "other.sqlite"
    sqlite3.connect(db).close()
    with pytest.raises(ValueError, match="cannot read the feedback table"):
        read_rows(db)
