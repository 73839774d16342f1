"""Load on the real server over loopback: many API conversations at once, then many votes at once.

Each client is a thread with its own gradio_client and conversation id. Clients alternate
between two scripts whose first questions differ, and every turn starts at a barrier, so the
server answers both kinds of conversation interleaved; a follow-up that resolved against
another client's conversation would come back with the other script's figure.

Sizes come from the environment; the defaults keep CI short. The full run quoted in the
README:

    LOAD_CLIENTS=32 LOAD_QUESTIONS=25 LOAD_VOTES=32 .venv/bin/python -m pytest tests/test_load.py -s
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

import app_server
from app import QUEUE_SIZE

CLIENTS = int(os.environ.get("LOAD_CLIENTS", "8"))
QUESTIONS = int(os.environ.get("LOAD_QUESTIONS", "6"))
VOTES = int(os.environ.get("LOAD_VOTES", "16"))
DEADLINE = float(os.environ.get("LOAD_DEADLINE", "600"))  # seconds for the whole conversation phase

# (question, expected value, expected kind, a figure the bot's reading must name or None).
# Each script opens with a standalone question, so a client that asks more than six questions
# starts the script again and every expectation still holds.
DHS = [
    ("How many deportations did DHS carry out in 2014?", 577_295, "fact", None),
    ("how many of those were returns?", 162_814, "fact", "577,295"),
    ("what share is that?", 28.2, "derived", "577,295"),  # 162,814 / 577,295 = 28.2 %
    ("How many apprehensions did Customs and Border Protection make in 2014?", 486_651, "fact", None),
    ("Who ended the Secure Communities program?", None, "passage", None),
    ("How many deportations did DHS carry out in 2009?", None, "abstain", None),
]
ICE = [
    ("How many deportations did ICE carry out in fiscal 2012?", 410_000, "fact", None),
    ("How many of those were convicted of felonies or misdemeanors?", 225_390, "fact", "410,000"),
    ("what share is that?", 55.0, "derived", "410,000"),  # 225,390 / 410,000 = 55.0 %
    ("How many people deported in fiscal 2012 had drug convictions?", 40_448, "fact", None),
    ("and for driving under the influence?", 36_166, "fact", None),
    ("what's the difference?", 4_282, "derived", None),  # 40,448 - 36,166
]
SCRIPTS = {"dhs": DHS, "ice": ICE}
# The figure each script's follow-ups must never name: the other script's first answer.
FOREIGN = {"dhs": "410,000", "ice": "577,295"}

pytestmark = pytest.mark.slow


@dataclass
class Run:
    """What one client saw: its answers, its latencies and any errors, in order."""

    script: str
    conversation_id: str
    answers: list[dict] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def loopback_only(monkeypatch):
    """Fail any connection this process opens to an address other than this machine's."""
    real_connect = socket.socket.connect
    refused = []

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost"):
            refused.append(host)
            raise ConnectionRefusedError(f"the load test only talks to 127.0.0.1, not {host}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    yield
    assert refused == []


@pytest.fixture(scope="module")
def load_server(index_dir, tmp_path_factory):
    """A server of its own, so its feedback file holds only this test's votes."""
    server = app_server.start(index_dir, tmp_path_factory.mktemp("load"))
    yield server
    server.process.terminate()
    server.process.wait(timeout=30)


def connect(url: str):
    from gradio_client import Client

    return Client(url, verbose=False, analytics_enabled=False, download_files=False)


def failures(log) -> str:
    """The server's logged answering failures, for an assertion message."""
    lines = log.read_text(errors="replace").splitlines() if log.is_file() else []
    return "\n".join(line for line in lines if "failed" in line or "Error" in line)[-3000:]


def percentile(values: list[float], p: int) -> float:
    """The p-th percentile, interpolated between ranks (`statistics.quantiles`, inclusive)."""
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def converse(url: str, run: Run, turns: threading.Barrier) -> None:
    """Ask QUESTIONS questions of this run's script, each turn released with every other client's."""
    try:
        client = connect(url)
    except Exception as err:  # counted, not raised: the other clients still need this one at the barrier
        client, run.errors = None, [f"connect: {err!r}"]
    script = SCRIPTS[run.script]
    for turn in range(QUESTIONS):
        question = script[turn % len(script)][0]
        try:
            turns.wait(timeout=120)
        except threading.BrokenBarrierError:
            pass  # a client stalled; keep asking so the failure shows up as errors, not a hang
        if client is None:
            continue
        started = time.perf_counter()
        try:
            answer = client.predict(question, run.conversation_id, api_name="/ask")
        except Exception as err:
            run.errors.append(f"turn {turn} {question!r}: {err!r}")
            continue
        run.seconds.append(time.perf_counter() - started)
        run.answers.append(answer)


def vote(url: str, conversation_id: str, value: int, comment: str, start: threading.Barrier, out: list) -> None:
    try:
        client = connect(url)
        start.wait(timeout=120)
        out.append(client.predict(conversation_id, value, comment, -1, api_name="/feedback")["id"])
    except Exception as err:
        out.append(err)


def run_threads(threads: list[threading.Thread], deadline: float) -> None:
    for thread in threads:
        thread.start()
    end = time.monotonic() + deadline
    for thread in threads:
        thread.join(max(0.0, end - time.monotonic()))
    stuck = sum(thread.is_alive() for thread in threads)
    assert stuck == 0, f"{stuck} of {len(threads)} clients still waiting after {deadline:.0f} s"


def test_sizes_fit_the_queue():
    # every client has one request in flight at a time, so the queue never refuses one
    assert max(CLIENTS, VOTES) <= QUEUE_SIZE


def test_concurrent_conversations_and_votes(load_server, loopback_only):
    url = load_server.url
    assert url.startswith("http://127.0.0.1:")
    runs = [Run(script="dhs" if i % 2 == 0 else "ice", conversation_id=f"load-{i}") for i in range(CLIENTS)]
    turns = threading.Barrier(CLIENTS)
    run_threads([threading.Thread(target=converse, args=(url, run, turns), daemon=True) for run in runs], DEADLINE)

    errors = [e for run in runs for e in run.errors]
    seconds = [s for run in runs for s in run.seconds]
    print(f"\nload: {CLIENTS} clients x {QUESTIONS} questions = {len(seconds)} answers, {len(errors)} errors")
    assert errors == []
    if len(seconds) > 1:
        print(f"latency p50 {percentile(seconds, 50) * 1000:.0f} ms, p95 {percentile(seconds, 95) * 1000:.0f} ms, "
              f"max {max(seconds) * 1000:.0f} ms")

    for run in runs:
        script = SCRIPTS[run.script]
        assert len(run.answers) == QUESTIONS
        for turn, answer in enumerate(run.answers):
            question, value, kind, names = script[turn % len(script)]
            assert answer["conversation_id"] == run.conversation_id
            assert (answer["question"], answer["value"], answer["kind"]) == (question, value, kind), \
                (run.conversation_id, answer["reason"], answer["text"][:300], failures(load_server.log))
            if names:  # a follow-up: read against this client's own earlier answer, never another's
                assert names in answer["resolved_question"], (run.conversation_id, answer["resolved_question"])
                assert FOREIGN[run.script] not in answer["resolved_question"], run.conversation_id

    # every vote lands on a conversation asked above; all are released at once
    ids: list = []
    start = threading.Barrier(VOTES)
    voters = [threading.Thread(target=vote, daemon=True,
                               args=(url, runs[j % CLIENTS].conversation_id, 1 if j % 2 == 0 else -1,
                                     f"load vote {j}", start, ids))
              for j in range(VOTES)]
    run_threads(voters, 300)

    assert [i for i in ids if isinstance(i, Exception)] == []
    with sqlite3.connect(load_server.db) as db:
        rows = db.execute("SELECT id, conversation_id, vote, comment FROM feedback ORDER BY id").fetchall()
    assert sorted(ids) == [row[0] for row in rows]
    expected = sorted((runs[j % CLIENTS].conversation_id, 1 if j % 2 == 0 else -1, f"load vote {j}")
                      for j in range(VOTES))
    assert sorted(row[1:] for row in rows) == expected


def test_a_full_queue_turns_requests_away(load_server):
    """More requests than the queue holds, sent faster than they are answered: the queue takes
    QUEUE_SIZE and answers the rest with 503 at once, instead of growing without bound."""
    config = json.loads(urllib.request.urlopen(load_server.url + "config", timeout=10).read())
    fn_index = next(d["id"] for d in config["dependencies"] if d["api_name"] == "ask")
    burst = QUEUE_SIZE * 3

    def join(i: int) -> int:
        body = json.dumps({"data": [DHS[0][0], ""], "fn_index": fn_index, "session_hash": f"burst-{i}"}).encode()
        request = urllib.request.Request(load_server.url + "gradio_api/queue/join", data=body,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as err:
            assert b"Queue is full" in err.read()
            return err.code

    with ThreadPoolExecutor(16) as pool:
        codes = Counter(pool.map(join, range(burst)))
    print(f"\nburst of {burst} requests: {codes[200]} queued, {codes[503]} turned away")

    assert set(codes) == {200, 503}
    assert QUEUE_SIZE <= codes[200] < burst
