"""Incremental index: adding one article to an index of N articles against encoding that one
article alone. `python -m benchmarks.incremental [--sizes 15 1000] [--runs 3] [--out FILE]`.

The articles are synthetic (numbered reports with figures), about 20 sentences each, so any N
can be made. For each N: a full build of N articles, then `index.documents.add` of one more
article, timed, against a bare `embed.encode` of that article's sentences and chunks with the
model already loaded. The ratio is the add's time over the bare encoding; 1.0 would mean the
update costs nothing beyond encoding the new article. Loading the updated index (which
re-creates BM25 over every sentence) is timed separately.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

AGENCIES = ["the bureau", "the port office", "the county board", "the review panel", "the state office"]
THINGS = ["removals", "returns", "arrests", "applications", "hearings", "detentions", "visas", "appeals"]


def synthetic_article(n: int, sentences: int = 20) -> str:
    rng = random.Random(n)
    lines = [f"---\nid: synthetic-{n:05d}\ntitle: \"Synthetic report {n}\"\npublished: \"{2000 + n % 20}\"\n---"]
    paragraph = []
    for i in range(sentences):
        agency, thing = rng.choice(AGENCIES), rng.choice(THINGS)
        year = 2000 + rng.randrange(20)
        paragraph.append(f"In fiscal year {year}, {agency} recorded {rng.randrange(1000, 900000):,} {thing} "
                         f"in district {rng.randrange(1, 90)}, report {n} says in section {i + 1}.")
        if len(paragraph) == 4:
            lines.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        lines.append(" ".join(paragraph))
    return "\n\n".join(lines) + "\n"


def measure(size: int, runs: int, root: Path, log=print) -> dict:
    from index import embed
    from index.documents import add
    from index.search import Corpus
    from index.split import chunk_sentences, split_sentences
    from index.store import build, default_settings

    settings = default_settings()
    sources, out = root / f"sources-{size}", root / f"index-{size}"
    sources.mkdir(parents=True)
    for n in range(size):
        (sources / f"synthetic-{n:05d}.md").write_text(synthetic_article(n))
    log(f"N={size}: full build")
    started = time.perf_counter()
    build(sources, out, settings)
    full_s = time.perf_counter() - started
    count = embed.count_tokens(settings.model)
    adds, encodes, reloads = [], [], []
    for run in range(runs):
        n = size + run
        text = synthetic_article(n)
        body = text.split("---\n", 2)[2]
        sentences = split_sentences(body)
        chunks = chunk_sentences(body, sentences, settings.max_tokens, settings.overlap, count)
        started = time.perf_counter()
        embed.encode(settings.model, [s.text for s in sentences])
        embed.encode(settings.model, [c.text for c in chunks])
        encodes.append(time.perf_counter() - started)
        started = time.perf_counter()
        outcome = add([(f"synthetic-{n:05d}.md", text.encode())], sources, out, settings)
        adds.append(time.perf_counter() - started)
        assert outcome.encoded == 1 and not outcome.refused, outcome
        started = time.perf_counter()
        Corpus(out, settings.model)
        reloads.append(time.perf_counter() - started)
        log(f"N={size} run {run + 1}: add {adds[-1]:.3f} s, bare encode {encodes[-1]:.3f} s, reload {reloads[-1]:.3f} s")
    add_s, encode_s = statistics.median(adds), statistics.median(encodes)
    return {"articles": size, "full_build_s": full_s, "add_s": add_s, "encode_s": encode_s,
            "reload_s": statistics.median(reloads), "ratio": add_s / encode_s,
            "full_over_add": full_s / add_s}


def report(results: list[dict]) -> str:
    lines = ["# Incremental index: adding one article", "",
             "Median of the runs. *add* is `python -m index add` of one synthetic article of about 20 "
             "sentences (checking, encoding, writing and swapping the new index version); *bare encode* is "
             "`embed.encode` of the same article's sentences and chunks with the model loaded; *reload* "
             "is loading the updated index (BM25 rebuilt over all sentences), which the app does after an add.",
             "", "| articles | full build (s) | add one (s) | bare encode (s) | add / encode | reload (s) |",
             "|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['articles']:,} | {r['full_build_s']:.1f} | {r['add_s']:.3f} | {r['encode_s']:.3f} "
                     f"| {r['ratio']:.2f}x | {r['reload_s']:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.incremental", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[15, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "INCREMENTAL.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="incremental-") as tmp:
        results = [measure(size, args.runs, Path(tmp)) for size in args.sizes]
    text = report(results)
    args.out.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
