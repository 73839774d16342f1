"""`python -m evals run [--check | --update-baseline]` and `python -m evals feedback --export FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from evals import baseline as gate
from evals import feedback, metrics, report
from evals.gold import DEFAULT_GOLD, GoldError, load_gold
from evals.runner import run


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m evals", description="Evaluate the bot against the gold set.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="ask every gold question, score the answers, write a report")
    r.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSONL file (default: %(default)s)")
    r.add_argument("--sources", type=Path, default=Path("sources"), help="articles folder (default: %(default)s)")
    r.add_argument("--index", type=Path, default=Path(".index"), help="index folder (default: %(default)s)")
    r.add_argument("--out", type=Path, default=Path("out/evals"), help="report folder (default: %(default)s)")
    r.add_argument("--baseline", type=Path, default=gate.DEFAULT_BASELINE, help="baseline file (default: %(default)s)")
    mode = r.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="exit 1 on a must-pass failure, a pass->fail flip or a worse aggregate")
    mode.add_argument("--update-baseline", action="store_true", help="rewrite the baseline from this run")
    r.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    f = sub.add_parser("feedback", help="export thumbs-down feedback as gold candidates")
    f.add_argument("--db", type=Path, default=feedback.DEFAULT_DB, help="feedback SQLite file (default: %(default)s)")
    f.add_argument("--export", type=Path, required=True, metavar="FILE", help="JSONL file to write")
    return p


def cmd_run(args: argparse.Namespace, bot: Any = None) -> int:
    try:
        gold = load_gold(args.gold)
    except GoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if bot is None:
        from bot import Bot

        bot = Bot.load(sources=args.sources, index_dir=args.index, log=lambda m: print(m, file=sys.stderr))
    records = run(bot, gold, progress=not args.no_progress)
    bodies = {i: a.body for i, a in bot.articles.items()}
    aggregates = metrics.summarize(records, bodies)
    items = metrics.items(records)
    result = gate.compare(gate.load_baseline(args.baseline), aggregates, items)
    report.write(args.out, records, aggregates, str(args.gold), gate_text=result.render())
    passing = sum(i["passed"] for i in items.values())
    print(f"{passing}/{len(items)} items pass (accuracy {aggregates['accuracy']:.1%}); report in {args.out / 'report.md'}")
    if args.update_baseline:
        gate.save_baseline(args.baseline, gate.make_baseline(aggregates, items))
        print(f"baseline written to {args.baseline}")
        return 0
    if args.check:
        print(result.render())
        return 1 if result.failed else 0
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    try:
        count = feedback.export(args.db, args.export)
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"{count} thumbs-down answer(s) written to {args.export} for review")
    return 0


def main(argv: list[str] | None = None, bot: Any = None) -> int:
    """Entry point; `bot` lets tests pass an already loaded (or deliberately broken) bot."""
    args = parser().parse_args(argv)
    if args.command == "run":
        return cmd_run(args, bot)
    return cmd_feedback(args)


if __name__ == "__main__":
    sys.exit(main())
