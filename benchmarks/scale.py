"""Section 6: flat and HNSW FAISS indexes on synthetic corpora of 1k, 10k and 100k chunks.

Synthetic chunks recombine two real sentences and vary their numbers, with distinct ids. Their
vectors are not embedded: each is the normalized mean of its two sentences' real embeddings plus
small gaussian noise, renormalized, so the benchmark measures the index, not the model.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
import time

import numpy as np

from benchmarks.timing import percentiles
# the project's own HNSW settings, so the benchmark measures the index as the project uses it
from index.search import HNSW_EF_SEARCH as EF_SEARCH
from index.store import HNSW_EF_CONSTRUCTION as EF_CONSTRUCTION
from index.store import HNSW_M

NOISE = 0.02  # per dimension; about 0.4 of a unit vector's length at 384 dimensions
_NUMBER = re.compile(r"\d[\d,]*")


def synthetic_chunks(texts: list[str], n: int, seed: int = 0) -> list[dict]:
    """`n` chunks of two recombined sentences each, numbers varied, ids distinct.

    Returns dicts with id, text and the two source rows (`rows`) for building the vector.
    """
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a, b = rng.randrange(len(texts)), rng.randrange(len(texts))
        text = _NUMBER.sub(lambda _: f"{rng.randrange(1, 999_999):,}", texts[a] + " " + texts[b])
        out.append({"id": f"synthetic-{i}:0", "text": text, "rows": (a, b)})
    return out


def synthetic_vectors(base: np.ndarray, chunks: list[dict], seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rows = np.array([c["rows"] for c in chunks])
    vectors = base[rows[:, 0]] + base[rows[:, 1]]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors += rng.normal(0.0, NOISE, vectors.shape).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors, dtype=np.float32)


def _make(kind: str, dim: int):
    import faiss

    if kind == "flat":
        return faiss.IndexFlatIP(dim)
    index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = EF_CONSTRUCTION
    return index


def measure(vectors: np.ndarray, queries: np.ndarray, k: int = 10) -> dict[str, dict]:
    """Build time, size on disk, one-query latency and (for HNSW) recall@k against flat."""
    import faiss

    results, found = {}, {}
    for kind in ("flat", "hnsw"):
        index = _make(kind, vectors.shape[1])
        started = time.perf_counter()
        index.add(vectors)
        build_s = time.perf_counter() - started
        if kind == "hnsw":
            index.hnsw.efSearch = EF_SEARCH
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, f"{kind}.faiss")
            faiss.write_index(index, path)
            size_mb = os.path.getsize(path) / 2**20
        index.search(queries[:1], k)
        seconds, rows = [], []
        for q in queries:
            started = time.perf_counter()
            _, ids = index.search(q[None, :], k)
            seconds.append(time.perf_counter() - started)
            rows.append(ids[0])
        found[kind] = rows
        results[kind] = {"build_s": build_s, "size_mb": size_mb, **percentiles(seconds)}
    overlap = [len(set(h) & set(f)) / k for h, f in zip(found["hnsw"], found["flat"])]
    results["hnsw"]["recall"] = float(np.mean(overlap))
    return results


def scale(base: np.ndarray, texts: list[str], queries: np.ndarray, sizes: list[int],
          budget_s: float, log=print) -> tuple[dict[int, dict], str | None]:
    """Measure every size in order; skip a size whose estimated time exceeds what is left of the budget.

    Returns the results by size and, when a size was skipped, why.
    """
    results, started, skipped = {}, time.perf_counter(), None
    last_n, last_s = None, None
    for n in sizes:
        if last_n is not None:
            # HNSW insertion grows a little faster than linearly; 1.5x per the size ratio is a margin
            estimate = last_s * (n / last_n) * 1.5
            left = budget_s - (time.perf_counter() - started)
            if estimate > left:
                skipped = (f"{n:,} chunks skipped: estimated {estimate:.0f} s from the {last_n:,} run, "
                           f"{left:.0f} s left of the {budget_s:.0f} s budget")
                log(skipped)
                break
        t0 = time.perf_counter()
        chunks = synthetic_chunks(texts, n)
        vectors = synthetic_vectors(base, chunks)
        results[n] = measure(vectors, queries)
        results[n]["distinct_ids"] = len({c["id"] for c in chunks})
        last_n, last_s = n, time.perf_counter() - t0
        log(f"scale {n:,}: {last_s:.1f} s")
    return results, skipped
