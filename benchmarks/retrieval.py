"""Section 3: which sentence each gold turn's evidence is in, and how high each search ranks it."""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
KS = (1, 3, 5)


def normalize(text: str) -> str:
    """Straight quotes, plain spaces, single spaces, lower case.

    >>> normalize("It\u2019s  \u00a0577,295")
    "it's 577,295"
    """
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower()


def evidence_targets(sentences, turns: list[dict]) -> list[tuple[str, set[int]]]:
    """(question, rows of the sentences holding its evidence) for turns whose evidence is found.

    Duplicated sentences count as one: a row stands for itself or for the sentence it repeats.
    """
    texts = [normalize(s.text) for s in sentences]
    out = []
    for turn in turns:
        evidence = turn.get("expect", {}).get("evidence") or []
        rows = {_key(sentences, i) for e in evidence for i, t in enumerate(texts) if normalize(e) in t}
        if rows:
            out.append((turn["question"], rows))
    return out


def _key(sentences, row: int) -> int:
    duplicate = sentences[row].duplicate_of
    return row if duplicate is None else duplicate


def evaluate(search, sentences, targets: list[tuple[str, set[int]]], k: int = 5) -> dict:
    """hit@1/3/5, MRR@k and latency of `search(question, k=k)` over the targets."""
    ranks, seconds = [], []
    for question, rows in targets:
        started = time.perf_counter()
        hits = search(question, k=k)
        seconds.append(time.perf_counter() - started)
        rank = next((i + 1 for i, h in enumerate(hits) if _key(sentences, h.index) in rows), None)
        ranks.append(rank)
    n = max(1, len(ranks))
    result = {f"hit@{j}": sum(1 for r in ranks if r is not None and r <= j) / n for j in KS}
    result["mrr"] = sum(1.0 / r for r in ranks if r is not None) / n
    result["p50"] = float(np.percentile(np.asarray(seconds) * 1000.0, 50)) if seconds else float("nan")
    result["n"] = len(ranks)
    return result


def compare(corpus, turns: list[dict], limit: int | None = None) -> dict[str, dict]:
    """Hybrid, dense-only and BM25-only search on the same targets (the first `limit` of them)."""
    targets = evidence_targets(corpus.sentences, turns)[:limit]
    corpus.search("warm up")
    return {
        "hybrid (search)": evaluate(corpus.search, corpus.sentences, targets),
        "dense only (search_dense)": evaluate(corpus.search_dense, corpus.sentences, targets),
        "BM25 only (search_bm25)": evaluate(corpus.search_bm25, corpus.sentences, targets),
    }


def corpora(seed_index, tmp, log=print) -> dict:
    """(Corpus, gold turns) of the seed corpus (its built index) and the dev corpus (built in `tmp`)."""
    from evals.corpora import load_corpora, sources_folder
    from index.search import Corpus
    from index.store import build

    out = {"seed": (Corpus(seed_index, backend="faiss"), _turns(ROOT / "evals" / "gold.jsonl"))}
    dev = next(c for c in load_corpora() if c.name == "devset")
    log("3. retrieval quality: building the dev corpus index")
    folder = sources_folder(dev, tmp / "devset")
    build(folder, tmp / "devset-index")
    out["devset"] = (Corpus(tmp / "devset-index", backend="faiss"), _turns(dev.gold))
    return out


def _turns(path) -> list[dict]:
    import json

    turns = []
    for line in open(path, encoding="utf-8"):
        if line.strip():
            turns.extend(json.loads(line).get("turns", []))
    return turns


def compare_all(corpora_: dict, limit: int | None = None, log=print) -> dict[str, dict[str, dict]]:
    """Per corpus: the project's searches on each backend, then each installed peer, on the same targets."""
    from benchmarks import peers
    from index import embed
    from index.backends import BACKENDS
    from index.search import Corpus

    out: dict[str, dict[str, dict]] = {}
    for name, (corpus, turns) in corpora_.items():
        targets = evidence_targets(corpus.sentences, turns)[:limit]
        corpus.search("warm up")
        rows = {
            "project hybrid (faiss, default)": evaluate(corpus.search, corpus.sentences, targets),
            "project dense only (faiss)": evaluate(corpus.search_dense, corpus.sentences, targets),
            "project BM25 only (bm25s)": evaluate(corpus.search_bm25, corpus.sentences, targets),
        }
        for backend in sorted(set(BACKENDS) - {"faiss"}):
            try:
                other = Corpus(corpus.folder, corpus.model, backend=backend)
            except ImportError as err:
                rows[f"project hybrid ({backend})"] = {"skipped": str(err)}
                continue
            other.search("warm up")
            rows[f"project hybrid ({backend})"] = evaluate(other.search, other.sentences, targets)
            rows[f"project dense only ({backend})"] = evaluate(other.search_dense, other.sentences, targets)
            rows[f"project BM25 only ({backend})"] = evaluate(other.search_bm25, other.sentences, targets)
        if not peers.missing():
            for make in (peers.llama_index, peers.haystack):
                log(f"3. retrieval quality: {make.__name__} on {name}")
                for label, search in make(corpus.sentences, embed.default_model()).items():
                    search("warm up")
                    rows[label] = evaluate(search, corpus.sentences, targets)
        out[name] = rows
    return out
