"""The app as a client sees it: the real server over HTTP, asked through gradio_client."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import app_server
from web.layout import load_examples, too_long
from web.session import Conversations
from bot import Answer
from web import render

FIRST = "How many deportations did DHS carry out in 2014?"
FOLLOW_UP = "how many of those were returns?"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="session")
def server(request, index_dir, tmp_path_factory):
    return app_server.shared(request.config, index_dir, tmp_path_factory)


@pytest.fixture(scope="session")
def client(server):
    from gradio_client import Client

    return Client(server.url, verbose=False)


def cited_number(citation: dict) -> str:
    """The text a citation highlights, read back from its own quote."""
    start = citation["highlight_start"] - citation["start"]
    return citation["quote"][start:citation["highlight_end"] - citation["start"]]


def test_help_lists_every_flag():
    out = subprocess.run([sys.executable, "app.py", "--help"], cwd=app_server.ROOT, capture_output=True,
                         text=True, check=True).stdout
    for flag in ("--host", "--port", "--sources", "--index", "--db"):
        assert flag in out
    assert "127.0.0.1" in out


def test_conversations_drop_the_least_recently_used():
    conversations = Conversations(bot=None, size=2)
    a = conversations.get("a")
    conversations.get("b")
    assert conversations.get("a") is a  # "a" is now the most recent
    conversations.get("c")
    assert len(conversations) == 2
    assert conversations.get("b", create=False) is None
    assert conversations.get("a", create=False) is a


def test_new_conversations_get_fresh_ids():
    conversations = Conversations(bot=None)
    assert conversations.get("").id != conversations.get("").id


@pytest.mark.parametrize("length, refused", [(2_000, False), (2_001, True)])
def test_questions_over_2000_characters_are_refused(length, refused):
    assert (too_long("x" * length) is not None) is refused


def test_examples_come_from_the_sources_folder():
    assert load_examples(app_server.ROOT / "sources")[:2] == [FIRST, FOLLOW_UP]


@pytest.mark.slow
def test_ask_and_follow_up_in_one_conversation(client):
    first = client.predict(FIRST, "", api_name="/ask")
    assert first["value"] == 577_295
    assert first["kind"] == "fact"
    assert [cited_number(c) for c in first["citations"]][:1] == ["577,295"]

    follow = client.predict(FOLLOW_UP, first["conversation_id"], api_name="/ask")
    assert follow["conversation_id"] == first["conversation_id"]
    assert follow["value"] == 162_814
    assert "162,814" in [cited_number(c) for c in follow["citations"]]
    assert follow["resolved_question"] != FOLLOW_UP


@pytest.mark.slow
def test_ask_returns_a_receipt_with_the_quote_offsets_and_formula(client):
    answer = client.predict("What share of DHS's 2014 deportations were returns?", "", api_name="/ask")
    assert answer["value"] == 28.2  # 162,814 / 577,295 = 0.2820
    [c] = answer["citations"]  # both operands are in one sentence: one citation, two highlights
    figures = {c["quote"][h["start"] - c["start"]:h["end"] - c["start"]]: h for h in c["highlights"]}
    assert sorted(figures) == ["162,814", "577,295"]
    receipt = answer["receipt"]
    assert f'[1] "{c["quote"]}"\n' in receipt
    assert f"- Source id and offsets: {c['source_id']}, start {c['start']}, end {c['end']}\n" in receipt
    assert "- Formula: 162,814 [1] / 577,295 [1] = 28.2% (rounded to one decimal place).\n" in receipt
    for written, h in figures.items():
        assert f'"{written}", characters {h["start"]}-{h["end"]}' in receipt
    assert f"- Article: {c['title']}\n" in receipt


@pytest.mark.slow
def test_a_chosen_conversation_id_is_kept(client):
    answer = client.predict(FIRST, "my-conversation-1", api_name="/ask")
    assert answer["conversation_id"] == "my-conversation-1"


@pytest.mark.slow
def test_api_refuses_a_long_question(client):
    with pytest.raises(Exception, match="2,000 characters"):
        client.predict("x" * 2_001, "", api_name="/ask")


@pytest.mark.slow
def test_feedback_vote_is_stored(client, server):
    answer = client.predict(FIRST, "", api_name="/ask")
    row_id = client.predict(answer["conversation_id"], -1, "wrong period", -1, api_name="/feedback")["id"]
    with sqlite3.connect(server.db) as db:
        db.row_factory = sqlite3.Row
        row = dict(db.execute("SELECT * FROM feedback WHERE id = ?", (row_id,)).fetchone())
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert (row["conversation_id"], row["question"], row["vote"], row["comment"]) == (
        answer["conversation_id"], FIRST, -1, "wrong period")
    assert json.loads(row["answer_json"])["value"] == 577_295


@pytest.mark.slow
def test_feedback_needs_a_known_conversation(client):
    with pytest.raises(Exception, match="ask with that id first"):
        client.predict("never-asked", 1, "", -1, api_name="/feedback")


@pytest.mark.slow
def test_xss_question_comes_back_escaped(client, server):
    data = client.predict(XSS, "", api_name="/ask")
    data.pop("conversation_id")
    answer = Answer(**data)
    assert answer.question == XSS  # the API returns the question as typed; HTML is the UI's job
    for html in (render.chat_markdown(answer), render.chat_markdown(answer, "a1"), render.sources_html(answer, {}, "a1"),
                 render.md_escape(answer.question)):
        assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)>" == render.md_escape(XSS)


@pytest.mark.slow
@pytest.mark.parametrize("path", ["app.py", "pyproject.toml", "sources/examples.yaml"])
def test_project_files_are_not_served(server, path):
    target = app_server.ROOT / path
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{server.url}gradio_api/file={target}", timeout=10)
    assert err.value.code in (403, 404)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["index manifest", "index vectors", "outside the project"])
def test_index_and_system_files_are_not_served(server, index_dir, which):
    target = {"index manifest": index_dir / "manifest.json", "index vectors": index_dir / "sentences.faiss",
              "outside the project": Path("/etc/passwd")}[which]
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{server.url}gradio_api/file={target}", timeout=10)
    assert err.value.code in (403, 404)


@pytest.mark.slow
def test_api_calls_cannot_skip_the_queue(server):
    body = json.dumps({"data": [FIRST, ""]}).encode()
    request = urllib.request.Request(f"{server.url}gradio_api/run/ask", data=body,
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code == 404
    assert "join the queue" in err.value.read().decode()


@pytest.mark.slow
def test_feedback_database_is_not_served(server, client):
    client.predict(FIRST, "", api_name="/ask")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{server.url}gradio_api/file={server.db}", timeout=10)
    assert err.value.code in (403, 404)


@pytest.mark.slow
def test_server_listens_on_localhost_only_and_never_shares(server):
    tcp = Path("/proc/net/tcp")
    if not tcp.exists():
        pytest.skip("needs Linux /proc/net/tcp")
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    listening = [line.split()[1] for line in tcp.read_text().splitlines()[1:] if line.split()[3] == "0A"]
    assert [a for a in listening if int(a.split(":")[1], 16) == port] == ["0100007F:%04X" % port]
    assert "gradio.live" not in server.log.read_text()


@pytest.mark.slow
def test_readme_api_example_runs(server, capsys):
    readme = (app_server.ROOT / "README.md").read_text()
    section = readme.split("\n## API\n", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code.replace("http://127.0.0.1:7860/", server.url), "README.md", "exec"), {})
    printed = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("Loaded as API")]
    assert printed[0].startswith("577295.0 ")
    assert printed[1].endswith(" 162814.0")


def test_check_api_returns_each_figure_with_its_span_verdict_and_receipt(client):
    text = "Police refused 12,000 detainer requests in 2014, and DHS deported more than 500,000 people."
    result = client.predict(text, api_name="/check")
    claims = result["claims"]
    assert [(text[c["start"]:c["end"]], c["verdict"]) for c in claims] == [
        ("12,000", "contradicted"), ("more than 500,000", "supported")]
    first = claims[0]
    assert first["stated"] == "10,182" and "10,182 - 12,000 = -1,818" in first["difference"]
    assert first["citations"][0]["quote"] in first["receipt"]
