"""The whole loop on a small gold file with the real bot: run, report, baseline, gate."""

import json

import pytest

from evals.__main__ import main

pytestmark = pytest.mark.slow

SMALL_GOLD = [
    {"id": "total", "category": "lookup", "must_pass": True, "turns": [
        {"question": "How many deportations did DHS carry out in 2014?",
         "expect": {"value": 577295, "evidence": ["577,295 deportations"]}}]},
    {"id": "returns-share", "category": "conversation", "turns": [
        {"question": "How many deportations did DHS carry out in 2014?", "expect": {"value": 577295}},
        {"question": "how many of those were returns?", "expect": {"value": 162814, "evidence": ["162,814 returns"]}},
        {"question": "what share is that?", "expect": {"value": 28.2}},
        {"question": "what about 2009?", "expect": {"abstain": True}}]},
    {"id": "world-cup", "category": "unanswerable", "turns": [
        {"question": "Who won the 2014 World Cup?", "expect": {"abstain": True}}]},
]


class BrokenChat:
    """Answers with the citations dropped and every value doubled."""

    def __init__(self, chat):
        self.chat = chat

    def ask(self, question):
        answer = self.chat.ask(question)
        value = answer.value * 2 if answer.value is not None else None
        return answer.model_copy(update={"citations": [], "value": value})


class BrokenBot:
    def __init__(self, bot):
        self.bot, self.articles = bot, bot.articles

    def chat(self):
        return BrokenChat(self.bot.chat())

    def search(self, query, k=5):
        return self.bot.search(query, k)


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in SMALL_GOLD))
    return path


def test_run_writes_the_report_and_the_gate_catches_a_broken_answerer(bot, gold, tmp_path, capsys):
    out, baseline = tmp_path / "out", tmp_path / "baseline.json"
    args = ["run", "--gold", str(gold), "--out", str(out), "--baseline", str(baseline)]

    assert main(args + ["--update-baseline"], bot=bot) == 0
    captured = capsys.readouterr()
    assert "evals: 100%" in captured.err  # the progress bar goes to stderr
    assert captured.out.startswith("[gold] 3/3 items pass (accuracy 100.0%, 0 confidently wrong)")

    answers = [json.loads(line) for line in (out / "answers.jsonl").read_text().splitlines()]
    assert [(a["id"], a["turn"]) for a in answers] == [
        ("total", 0), ("returns-share", 0), ("returns-share", 1), ("returns-share", 2), ("returns-share", 3),
        ("world-cup", 0)]
    assert answers[3]["answer"]["value"] == 28.2 and answers[3]["latency_ms"] > 0
    report = json.loads((out / "report.json").read_text())
    assert report["aggregates"]["accuracy"] == 1.0
    assert report["aggregates"]["citation_validity"] == 1.0
    assert report["aggregates"]["retrieval_hit@5"] == 1.0
    assert report["failures"] == []
    for chart in ("accuracy_by_category.png", "latency.png"):
        assert (out / chart).read_bytes()[:4] == b"\x89PNG"
        assert f"]({chart})" in (out / "report.md").read_text()
    assert json.loads(baseline.read_text())["items"]["total"] == {"category": "lookup", "passed": True}

    assert main(args + ["--check", "--no-progress"], bot=bot) == 0
    assert "OK: no must-pass failures" in capsys.readouterr().out

    assert main(args + ["--check", "--no-progress"], bot=BrokenBot(bot)) == 1
    printed = capsys.readouterr().out
    assert "[conversation]\n  returns-share: pass -> FAIL" in printed
    assert "[lookup]\n  total: FAIL (must pass) — was passing" in printed
    assert "must-pass item total fails" in printed
    assert "evidence_recall dropped: 1.0 -> 0.0" in printed
    assert "confidently_wrong dropped: 0 -> 4" in printed  # 577,295 twice, 162,814 and 28.2 doubled


def test_a_bad_gold_file_is_reported_not_raised(tmp_path, capsys):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "x", "category": "lookup"}\n')
    assert main(["run", "--gold", str(path), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"error: {path}:1: turns: Field required\n"
