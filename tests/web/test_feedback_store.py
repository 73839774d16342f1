import json
import sqlite3
import threading

import pytest

from bot import Answer
from web.feedback import FeedbackStore

ANSWER = Answer(question="how many?", resolved_question="how many removals in 2014?", text="**5** [1]",
                value=5, kind="fact")


def test_vote_is_stored_with_the_answer(tmp_path):
    store = FeedbackStore(tmp_path / "sub" / "feedback.sqlite")
    row_id = store.add(ANSWER, -1, conversation_id="c1", comment="  wrong year ")
    [row] = store.rows()
    assert row["id"] == row_id
    assert (row["conversation_id"], row["question"], row["resolved_question"], row["vote"], row["comment"]) == (
        "c1", "how many?", "how many removals in 2014?", -1, "wrong year")
    assert json.loads(row["answer_json"])["value"] == 5
    assert row["created_at"].endswith("+00:00")


def test_table_has_the_agreed_columns(tmp_path):
    FeedbackStore(tmp_path / "f.sqlite")
    with sqlite3.connect(tmp_path / "f.sqlite") as db:
        columns = [(r[1], r[2]) for r in db.execute("PRAGMA table_info(feedback)")]
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert columns == [("id", "INTEGER"), ("created_at", "TEXT"), ("conversation_id", "TEXT"),
                       ("question", "TEXT"), ("resolved_question", "TEXT"), ("answer_json", "TEXT"),
                       ("vote", "INTEGER"), ("comment", "TEXT")]
    assert mode == "wal"


@pytest.mark.parametrize("vote", [0, 2, -2])
def test_only_up_or_down(tmp_path, vote):
    with pytest.raises(ValueError, match="vote must be 1"):
        FeedbackStore(tmp_path / "f.sqlite").add(ANSWER, vote)


def test_empty_comment_is_null_and_rows_filter_by_vote(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite")
    store.add(ANSWER, 1, comment="")
    store.add(ANSWER.model_dump(), -1)
    assert [(r["vote"], r["comment"]) for r in store.rows()] == [(1, None), (-1, None)]
    assert [r["vote"] for r in store.rows(vote=-1)] == [-1]


def test_concurrent_writers_lose_nothing(tmp_path):
    path = tmp_path / "f.sqlite"
    stores = [FeedbackStore(path) for _ in range(4)]  # separate stores, as separate processes would be

    def write(store):
        for _ in range(25):
            store.add(ANSWER, 1)

    threads = [threading.Thread(target=write, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(FeedbackStore(path).rows()) == 100  # 4 writers x 25 votes
