"""End-to-end scale: build, load and answer over synthetic archives of growing size.

For each size the synthetic articles (`benchmarks.synthetic`) are written to a folder and built
into an index by `python -m index build` in a child process (really embedded; its wall time and
peak memory are the build's). Then, in this process, with the model already loaded: the load
time of `Bot.load` (the first load also encodes the corpus's words once and caches them in the
index folder; the load after it is what a restart costs), the warm answer latency over questions
about the first articles (the same questions at every size), and whether a sample of answers
equals a full scan of the fact table (`benchmarks.fullscan`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.synthetic import write_corpus
from benchmarks.timing import percentiles, time_each

HEADER = "## 7. End-to-end scale"
TARGETS = {"p50_ratio": 1.5, "load_s": 5.0}
ROOT = Path(__file__).resolve().parent.parent
QUESTION_ARTICLES = 10  # questions are asked about the first articles, present at every size


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()) / 2**20


def build_child(sources: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of `python -m index build` in a fresh process."""
    import tempfile

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # the build's log goes to a file: a pipe nobody reads fills up and stops a long build
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "index", "build", "--sources", str(sources), "--index", str(out)],
                                 cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise RuntimeError(f"building {sources} failed:\n{log.read().decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def measure(n: int, tmp: Path, check: int, log=print) -> dict:
    """Every number of one size."""
    from benchmarks.fullscan import same_answers
    from bot import Bot
    from index.search import load_corpus
    from index.store import default_settings

    sources, out = tmp / f"sources-{n}", tmp / f"index-{n}"
    articles = write_corpus(sources, n)
    questions = [q for a in articles[:QUESTION_ARTICLES] for q in a.questions]
    build_s, build_mb = _built(sources, out, n, log)
    manifest_counts = _counts(out)
    started = time.perf_counter()
    Bot.load(sources, out, log=lambda _: None)
    first_load_s = time.perf_counter() - started
    started = time.perf_counter()
    corpus = load_corpus(sources, out, default_settings(), log=lambda _: None)  # what Bot.load does
    corpus.embed_query("warm up")
    corpus_s = time.perf_counter() - started
    bot = Bot(corpus)
    load_s = time.perf_counter() - started
    log(f"scale {n:,}: built in {build_s:.0f} s, loads in {load_s:.2f} s; answering")
    # warm: each question's words and facts are read once
    answered = sum(bot.ask(q).kind != "abstain" for q in questions)
    answers = percentiles(time_each(bot.ask, questions))
    sample = questions[::max(1, len(questions) // check)][:check]
    different = same_answers(bot, sample)
    return {"articles": n, **manifest_counts, "build_s": build_s, "build_peak_mb": build_mb,
            "size_mb": folder_mb(Path(os.path.realpath(out))), "first_load_s": first_load_s, "load_s": load_s,
            "corpus_s": corpus_s,
            **answers, "questions": len(questions), "answered": answered, "checked": len(sample),
            "different": different}


def _built(sources: Path, out: Path, n: int, log) -> tuple[float, float]:
    """Build the archive, or reuse a build kept in the folder (with the time and memory it measured)."""
    import json

    record = out.parent / f"build-{n}.json"
    if record.exists() and (out / "manifest.json").exists():
        kept = json.loads(record.read_text())
        log(f"scale {n:,}: reusing the kept build ({kept['build_s']:.0f} s when it was built)")
        return kept["build_s"], kept["build_peak_mb"]
    log(f"scale {n:,}: building")
    build_s, build_mb = build_child(sources, out)
    record.write_text(json.dumps({"build_s": build_s, "build_peak_mb": build_mb}))
    return build_s, build_mb


def _counts(out: Path) -> dict:
    import json

    counts = json.loads((Path(out) / "manifest.json").read_text())["counts"]
    return {"sentences": counts["sentences"], "chunks": counts["chunks"], "facts": counts["facts"]}


def scale(sizes: list[int], tmp: Path, check: int = 30, log=print, done=None) -> dict[int, dict]:
    """`measure` for every size, smallest first (the first is the baseline of the ratios);
    `done(results)` is called after each size, so a long run reports what it has measured."""
    from index import embed

    embed.encode(embed.default_model(), ["warm up"])  # the model loads once, before any timing
    results = {}
    for n in sorted(sizes):
        results[n] = measure(n, tmp, check, log)
        if done is not None:
            done(results)
    return results


def section(results: dict[int, dict], quick: bool, planned: list[int] = ()) -> list[str]:
    """The report's section: the table and one verdict per target (`planned`: sizes asked for)."""
    from benchmarks.report import _table

    sizes = sorted(results)
    base = results[sizes[0]]["p50"]
    lines = [HEADER, "", f"`python -m benchmarks scale{' --quick' if quick else ''}`: synthetic articles "
             "(`benchmarks/synthetic.py`: nine or ten short sentences from templates with varied agencies, years, "
             "measured things, places, figures and phrasings), built by `python -m index build` in a child process "
             "(really embedded; build time and peak resident memory are that process's), then loaded and asked in "
             f"this process with the model already loaded. The questions are the same at every size: six about each "
             f"of the first {QUESTION_ARTICLES} articles, each answered once to warm up and then timed. "
             "Load is `Bot.load` on the built index as a restart sees it; the first load after a build also encodes "
             "the corpus's words once (cached in the index folder); 'of which corpus' is `index.search.load_corpus` (the staleness check, spans, FAISS and BM25), the rest is the bot's own start. Identical: a sample of the questions answered "
             "with the fact index and with a full scan of the fact table (`benchmarks/fullscan.py`) gives equal "
             "answers, citations and all.", ""]
    rows = []
    for n in sizes:
        m = results[n]
        rows.append([m["articles"], m["sentences"], m["facts"], m["build_s"], m["build_peak_mb"], m["size_mb"],
                     m["first_load_s"], m["load_s"], m["corpus_s"], m["p50"], m["p95"], m["p50"] / base,
                     f"{m['answered']}/{m['questions']}", f"{m['checked'] - len(m['different'])}/{m['checked']}"])
    lines += _table(["articles", "sentences", "facts", "build s", "build peak MB", "index MB", "first load s",
                     "load s", "of which corpus s", "answer p50 ms", "answer p95 ms", "p50 / smallest p50", "answered", "identical"], rows)
    largest = results[sizes[-1]]
    ratio = largest["p50"] / base
    lines += ["Targets (at the largest size measured):", ""]
    lines.append(f"- {'MET' if ratio <= TARGETS['p50_ratio'] else 'NOT MET'}: warm answer p50 at "
                 f"{sizes[-1]:,} articles / p50 at {sizes[0]:,} = {ratio:.3f} (target <= {TARGETS['p50_ratio']}).")
    lines.append(f"- {'MET' if largest['load_s'] < TARGETS['load_s'] else 'NOT MET'}: load time at {sizes[-1]:,} "
                 f"articles = {largest['load_s']:.2f} s (target < {TARGETS['load_s']:.0f} s).")
    wrong = [q for n in sizes for q in results[n]["different"]]
    lines.append(f"- {'MET' if not wrong else 'NOT MET'}: answers identical to a full scan on "
                 f"{sum(results[n]['checked'] for n in sizes)} sampled questions over all sizes"
                 + (f"; differing: {wrong}" if wrong else "") + ".")
    missing = [n for n in planned if n not in results]
    if missing:
        lines.append(f"- Not measured: {', '.join(f'{n:,}' for n in missing)} articles (the run had not finished "
                     "them when this was written).")
    if quick:
        lines.append("- Quick mode measures small sizes only; the full run measures 15, 1,000 and 10,000 articles.")
    return lines + [""]


def write_section(lines: list[str], out: Path) -> Path:
    """Put the section into the report at `out`, replacing the one there (the rest is kept)."""
    out = Path(out)
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    out.write_text(with_section(text, lines), encoding="utf-8")
    return out


def with_section(text: str, lines: list[str]) -> str:
    """`text` with the end-to-end section replaced by `lines` (or added before the targets).

    >>> with_section("# B\\n\\n## 7. End-to-end scale\\n\\nold\\n\\n## Targets\\n\\n- x\\n", ["## 7. End-to-end scale", "new", ""])
    '# B\\n\\n## 7. End-to-end scale\\nnew\\n\\n## Targets\\n\\n- x\\n'
    """
    block = "\n".join(lines) + "\n"
    if HEADER in text:
        head, rest = text.split(HEADER, 1)
        after = rest.find("\n## ")
        return head + block + (rest[after + 1:] if after >= 0 else "")
    if "\n## Targets" in text:
        head, rest = text.split("\n## Targets", 1)
        return head + "\n" + block + "## Targets" + rest
    return text.rstrip("\n") + "\n\n" + block


def kept_section(text: str) -> list[str]:
    """The end-to-end section of an existing report, so a rewrite of the other sections keeps it."""
    if HEADER not in text:
        return []
    rest = HEADER + text.split(HEADER, 1)[1]
    after = rest.find("\n## ", 1)
    return (rest[:after] if after >= 0 else rest).rstrip("\n").split("\n") + [""]
