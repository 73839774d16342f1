"""Command line: `python -m index build | add | remove | search | facts`."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from index.documents import DocumentError, add, remove
from index.formats import MAX_BYTES
from index.sources import SourceError
from index.store import DEFAULT_DIR, DEFAULT_SOURCES, IndexError_, build, default_settings, stale_reason


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the index from the sources")
    p_add = sub.add_parser("add", help="add documents (.md, .txt, .html, .htm, .pdf) to the sources and the index")
    p_remove = sub.add_parser("remove", help="remove a document by id from the sources and the index")
    p_search = sub.add_parser("search", help="print the best-matching sentences for a query")
    p_facts = sub.add_parser("facts", help="print or export the fact table")
    for p in (p_build, p_add, p_remove, p_search, p_facts):
        p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
        p.add_argument("--out", "--index", dest="out", type=Path, default=DEFAULT_DIR)
        p.add_argument("--model", default=None, help="a local sentence-transformers model folder")
    p_build.add_argument("--if-stale", action="store_true", help="only build when the index is missing or stale")
    p_build.add_argument("--full", action="store_true", help="encode every document again")
    p_add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p_remove.add_argument("id")
    p_search.add_argument("query")
    p_search.add_argument("-k", type=int, default=5)
    p_search.add_argument("--backend", default=None, help="where retrieval runs: faiss (default) or qdrant")
    p_facts.add_argument("--source", help="only this article id")
    p_facts.add_argument("--csv", type=Path, help="write the table to this CSV file")
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (SourceError, IndexError_, DocumentError) as err:
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
    manifest = build(args.sources, args.out, settings, progress=True, full=args.full, log=print)
    counts = manifest["counts"]
    encoded = sum(d["encoded"] for d in manifest["documents"].values())
    print(f"{counts['articles']} articles ({encoded} encoded), {counts['sentences']} sentences, {counts['chunks']} "
          f"chunks, {counts['facts']} facts in {time.perf_counter() - started:.1f} s -> {args.out}")
    return 0


def _bring_up_to_date(args) -> None:
    settings = default_settings(args.model)
    reason = stale_reason(args.out, args.sources, settings)
    if reason:
        print(f"updating index first: {reason}")
        build(args.sources, args.out, settings, log=print)


def cmd_add(args) -> int:
    files = []
    for path in args.files:
        if not path.is_file():
            print(f"error: {path}: no such file", file=sys.stderr)
            return 2
        if path.stat().st_size > MAX_BYTES:
            files.append((path.name, b"x" * (MAX_BYTES + 1)))  # refused by size without reading it all
            continue
        files.append((path.name, path.read_bytes()))
    _bring_up_to_date(args)
    started = time.perf_counter()
    outcome = add(files, args.sources, args.out, default_settings(args.model), log=print)
    for a in outcome.added:
        print(f"added {a.name} as {args.sources / a.file} (id {a.id}): {a.title}")
    for r in outcome.refused:
        print(f"refused {r.name}: {r.reason}", file=sys.stderr)
    if outcome.added:
        _print_counts(outcome, started)
    return 0 if not outcome.refused else 1


def cmd_remove(args) -> int:
    _bring_up_to_date(args)
    started = time.perf_counter()
    outcome = remove(args.id, args.sources, args.out, default_settings(args.model), log=print)
    print(f"removed {args.id}")
    _print_counts(outcome, started)
    return 0


def _print_counts(outcome, started: float) -> None:
    c = outcome.counts
    print(f"index: {c['articles']} articles, {c['sentences']} sentences, {c['facts']} facts "
          f"({outcome.encoded} document{'s' * (outcome.encoded != 1)} encoded) in {time.perf_counter() - started:.1f} s")


def _corpus(args):
    from index.search import load_corpus

    try:
        settings = default_settings(args.model, getattr(args, "backend", None))
        return load_corpus(args.sources, args.out, settings, log=lambda m: print(m, file=sys.stderr))
    except (ValueError, ImportError) as err:  # an unknown backend name, or its client not installed
        raise IndexError_(str(err)) from err


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


COMMANDS = {"build": cmd_build, "add": cmd_add, "remove": cmd_remove, "search": cmd_search, "facts": cmd_facts}

if __name__ == "__main__":
    sys.exit(main())
