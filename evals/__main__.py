"""`python -m evals run [--check | --update-baseline]` and `python -m evals feedback --export FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from evals import baseline as gate
from evals import claims as claim_evals
from evals import corpora, feedback, ledger, metrics, report
from evals.gold import GoldError, load_gold
from evals.runner import run


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m evals", description="Evaluate the bot against the gold set.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="ask every gold question, score the answers, write a report")
    r.add_argument("--corpus", action="append", metavar="NAME",
                   help="run only this corpus of evals/corpora.yaml (repeatable; default: all)")
    r.add_argument("--gold", type=Path, help="run one gold JSONL file instead of the corpora")
    r.add_argument("--sources", type=Path, default=Path("sources"), help="articles folder for --gold (default: %(default)s)")
    r.add_argument("--index", type=Path, default=Path(".index"), help="index folder for --gold (default: %(default)s)")
    r.add_argument("--out", type=Path, default=Path("out/evals"), help="report folder (default: %(default)s)")
    r.add_argument("--baseline", type=Path, default=gate.DEFAULT_BASELINE, help="baseline file for --gold (default: %(default)s)")
    r.add_argument("--ledger", action="store_true", help=f"append this run's scores to {ledger.DEFAULT_LEDGER.name}")
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
    if args.gold is not None:
        corpus = corpora.EvalCorpus(name="gold", gold=args.gold, sources=[args.sources], index=args.index,
                                    baseline=args.baseline)
        return _finish(args, [_run_corpus(args, corpus, args.out, bot)])
    try:
        chosen = corpora.pick(corpora.load_corpora(), args.corpus)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    results = [_run_corpus(args, corpus, args.out / corpus.name, None) for corpus in chosen]
    if all(r is not None for r in results):
        summary = report.summary(results)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "summary.md").write_text(summary, encoding="utf-8")
        print(summary)
    code = _finish(args, results)
    if not args.corpus and all(r is not None for r in results):
        code = max(code, _run_claims(args, {r["corpus"].name: r["bot"] for r in results}))
    return code


def _run_claims(args: argparse.Namespace, bots: dict) -> int:
    """The claim checks over the corpora just run, written beside them and gated."""
    try:
        items = claim_evals.load_claims()
        from bot import check_claim

        records = claim_evals.run_claims(bots, items, check_claim)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(claim_evals.write_report(args.out, records))
    if args.update_baseline:
        claim_evals.save_baseline(claim_evals.DEFAULT_BASELINE, claim_evals.make_baseline(records))
        print(f"baseline written to {claim_evals.DEFAULT_BASELINE}")
        return 0
    if args.check:
        result = claim_evals.gate(claim_evals.load_baseline(claim_evals.DEFAULT_BASELINE), records)
        print(f"[claims]\n{result.render()}")
        return 1 if result.failed else 0
    return 0


def _run_corpus(args: argparse.Namespace, corpus: "corpora.EvalCorpus", out: Path, bot: Any) -> dict | None:
    """Ask one corpus's gold questions over its own sources; write its report; gate it."""
    try:
        gold = load_gold(corpus.gold)
    except GoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return None
    folder = corpora.sources_folder(corpus, out)
    if bot is None:
        from bot import Bot

        bot = Bot.load(sources=folder, index_dir=corpus.index or out / "index",
                       log=lambda m: print(m, file=sys.stderr))
    records = run(bot, gold, progress=not args.no_progress)
    bodies = {i: a.body for i, a in bot.articles.items()}
    aggregates = metrics.summarize(records, bodies)
    items = metrics.items(records)
    hidden = corpora.holdout_items(corpus, gold, folder)
    if hidden:
        aggregates["holdout_accuracy"] = metrics.ratio(sum(items[i]["passed"] for i in hidden), len(hidden))
    result = gate.compare(gate.load_baseline(corpus.baseline), aggregates, items)
    report.write(out, records, aggregates, str(corpus.gold), gate_text=result.render(), hidden=hidden)
    passing = sum(i["passed"] for i in items.values())
    print(f"[{corpus.name}] {passing}/{len(items)} items pass (accuracy {aggregates['accuracy']:.1%}, "
          f"{aggregates['confidently_wrong']} confidently wrong); report in {out / 'report.md'}")
    return {"corpus": corpus, "aggregates": aggregates, "items": items, "gate": result, "bot": bot}


def _finish(args: argparse.Namespace, results: list[dict | None]) -> int:
    if any(r is None for r in results):
        return 2
    if args.ledger:
        ledger.append(results)
    if args.update_baseline:
        for r in results:
            gate.save_baseline(r["corpus"].baseline, gate.make_baseline(r["aggregates"], r["items"]))
            print(f"baseline written to {r['corpus'].baseline}")
        return 0
    if args.check:
        failed = False
        for r in results:
            print(f"[{r['corpus'].name}]\n{r['gate'].render()}")
            failed |= r["gate"].failed
        return 1 if failed else 0
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
