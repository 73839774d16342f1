"""Command line: `python -m bot ask "QUESTION"`, `python -m bot chat` (one question per line) and
`python -m bot check "TEXT"` (every figure of a claim checked against the sources)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from index.sources import SourceError
from index.store import DEFAULT_DIR, DEFAULT_SOURCES, IndexError_


def render(answer, as_json: bool) -> str:
    if as_json:
        return json.dumps(answer.model_dump(), ensure_ascii=False)
    lines = []
    if answer.resolved_question and answer.resolved_question != answer.question:
        lines.append(f"({answer.resolved_question})")
    lines.append(answer.text)
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.title} ({c.source_id} {c.start}:{c.end})")
    for r in answer.related:
        lines.append(f"related: {r.quote} ({r.source_id} {r.start}:{r.end})")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_ask = sub.add_parser("ask", help="answer one question")
    p_ask.add_argument("question")
    p_chat = sub.add_parser("chat", help="one conversation: a question per line on stdin")
    p_check = sub.add_parser("check", help="check every figure of a claim against the sources")
    p_check.add_argument("text", help="a sentence or a paragraph with figures in it ('-' reads stdin)")
    for p in (p_ask, p_chat, p_check):
        p.add_argument("--json", action="store_true", help="print the Answer JSON, one object per line")
        p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
        p.add_argument("--index", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    from bot import Bot

    try:
        bot = Bot.load(args.sources, args.index, log=lambda m: print(m, file=sys.stderr))
    except (SourceError, IndexError_) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(bot, sys.stdin.read() if args.text == "-" else args.text, args.json)
    chat = bot.chat()
    questions = [args.question] if args.command == "ask" else (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        if args.command == "chat" and not question.strip():
            continue
        sys.stdout.write(render(chat.ask(question), args.json) + ("\n" if args.json else ""))
        sys.stdout.flush()
    return 0


def _check(bot, text: str, as_json: bool) -> int:
    from bot.claim_receipt import report_text
    from bot.claims import check

    report = check(bot, text)
    if as_json:
        sys.stdout.write(json.dumps(report.model_dump(mode="json"), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(report_text(report, bot.articles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
