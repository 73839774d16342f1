"""Command line: `python -m index build | search | facts`."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from index.sources import SourceError
from index.store import DEFAULT_DIR, DEFAULT_SOURCES, IndexError_, build, default_settings, stale_reason


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the index from the sources")
    p_search = sub.add_parser("search", help="print the best-matching sentences for a query")
    p_facts = sub.add_parser("facts", help="print or export the fact table")
    for p in (p_build, p_search, p_facts):
        p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
        p.add_argument("--out", "--index", dest="out", type=Path, default=DEFAULT_DIR)
        p.add_argument("--model", default=None, help="a local sentence-transformers model folder")
    p_build.add_argument("--if-stale", action="store_true", help="only build when the index is missing or stale")
    p_search.add_argument("query")
    p_search.add_argument("-k", type=int, default=5)
    p_facts.add_argument("--source", help="only this article id")
    p_facts.add_argument("--csv", type=Path, help="write the table to this CSV file")
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (SourceError, IndexError_) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def cmd_build(args) -> int:
    settings = default_settings(args.model)
    reason = stale_reason(args.out, args.sources, settings)
    if args.if_stale and reason is None:
        print(f"index at {args.out} is up to date")
        return 0
    print(f"building index: {reason or 'rebuild requested'}")
    started = time.perf_counter()
    manifest = build(args.sources, args.out, settings, progress=True)
    counts = manifest["counts"]
    print(f"{counts['articles']} articles, {counts['sentences']} sentences, {counts['chunks']} chunks, "
          f"{counts['facts']} facts in {time.perf_counter() - started:.1f} s -> {args.out}")
    return 0


def _corpus(args):
    from index.search import load_corpus

    return load_corpus(args.sources, args.out, default_settings(args.model), log=lambda m: print(m, file=sys.stderr))


def cmd_search(args) -> int:
    corpus = _corpus(args)
    for hit in corpus.search(args.query, k=args.k):
        span = hit.span
        print(f"{hit.rank}. [{span.source_id} {span.start}:{span.end}] score={hit.score:.4f}")
        print(f"   {span.text}")
    return 0


FACT_COLUMNS = ["source_id", "value", "as_written", "unit", "thing", "thing_text", "qualifier", "period", "actor",
                "start", "end", "quote"]


def fact_row(fact: dict) -> dict:
    from index.periods import Period

    row = {k: fact[k] for k in FACT_COLUMNS if k != "period"}
    row["period"] = Period(**fact["period"]).label()
    return row


def cmd_facts(args) -> int:
    corpus = _corpus(args)
    rows = [fact_row(f) for f in corpus.fact_rows if not args.source or f["source_id"] == args.source]
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=FACT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        print(f"{len(rows)} facts -> {args.csv}")
        return 0
    for r in rows:
        print(f"{r['source_id']}\t{r['as_written']}\t{r['unit']}\t{r['thing']}\t{r['period']}\t{r['actor'] or '-'}"
              f"\t{r['start']}:{r['end']}")
    return 0


COMMANDS = {"build": cmd_build, "search": cmd_search, "facts": cmd_facts}

if __name__ == "__main__":
    sys.exit(main())
