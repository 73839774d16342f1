"""Dense and keyword search served by Qdrant, in this process or on a cluster, with the same calls.

Where: $NEWSNUMBERS_QDRANT_URL, or the `location` given. An `http://` or `https://` address
talks to a Qdrant server or cluster (with $NEWSNUMBERS_QDRANT_API_KEY when it needs a key);
`:memory:` (the default) runs Qdrant's local mode inside this process, with no server; any other
value is a folder for local mode on disk (one process at a time).

Each table ("sentences", "chunks") of an index version is one collection named after what the
index was built from (sources, model, reader, format), so every process serving the same build
shares it, and a new build gets new collections. The first process to load a build uploads it
from the index folder; later ones find it complete and upload nothing.

Keyword search uses Qdrant sparse vectors with the IDF modifier, not the full-text payload index:
a full-text index filters (a match or not), it does not rank. Each span's sparse vector holds, per
token of `index.text.tokenize`, BM25's term-frequency part tf / (tf + k1 (1 - b + b dl / avgdl));
the query's holds each token's count; Qdrant multiplies in ln(1 + (N - df + 0.5) / (df + 0.5))
from the live collection. That sum is the same BM25 ("lucene" variant, k1 = 1.5, b = 0.75) that
bm25s computes for the embedded default, so both backends rank keywords the same way.
Tokens become sparse indices through a stable 32-bit hash, so no vocabulary needs to be shared.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
from collections import Counter
from pathlib import Path

import numpy as np

from index.backends import TABLES, canonical
from index.store import IndexError_
from index.text import tokenize

K1, B = 1.5, 0.75  # bm25s's defaults
PREFIX = "newsnumbers"
BATCH = 512
DENSE, SPARSE = "dense", "bm25"


class QdrantBackend:
    name = "qdrant"

    def __init__(self, root: Path, spans: dict, folder: Path | None = None, location: str | None = None):
        try:
            from qdrant_client import models
        except ImportError as err:
            raise ImportError("the qdrant backend needs qdrant-client: pip install 'newsnumbers[qdrant]'") from err
        self.models = models
        self.where = folder or root
        self.client = client(location or os.environ.get("NEWSNUMBERS_QDRANT_URL") or ":memory:")
        key = build_key(root)
        self.collections = {t: f"{PREFIX}-{key}-{t}" for t in TABLES}
        for t in TABLES:
            self._publish(root, t, spans[t])

    def _publish(self, root: Path, table: str, spans: list) -> None:
        """Upload `table` unless its collection already holds every row."""
        name = self.collections[table]
        if self.client.collection_exists(name) and self.client.count(name, exact=True).count == len(spans):
            return
        import faiss

        try:
            dense = faiss.read_index(str(root / f"{table}.faiss"))
        except RuntimeError as err:
            raise IndexError_(f"index at {self.where} is unreadable ({err}); rebuild it with `python -m index build`") from err
        if dense.ntotal != len(spans):
            raise IndexError_(f"index at {self.where}: {table}.faiss has {dense.ntotal} rows for {len(spans)} {table}; "
                              "rebuild it with `python -m index build`")
        vectors = dense.reconstruct_n(0, dense.ntotal) if dense.ntotal else np.zeros((0, dense.d), np.float32)
        sparse = bm25_vectors([tokenize(s.text) or ["_"] for s in spans])
        m = self.models
        if self.client.collection_exists(name):
            self.client.delete_collection(name)
        self.client.create_collection(
            name,
            vectors_config={DENSE: m.VectorParams(size=int(dense.d), distance=m.Distance.DOT)},
            sparse_vectors_config={SPARSE: m.SparseVectorParams(modifier=m.Modifier.IDF)},
        )
        for start in range(0, len(spans), BATCH):
            points = [m.PointStruct(id=row, vector={DENSE: vectors[row].tolist(),
                                                    SPARSE: m.SparseVector(indices=sparse[row][0], values=sparse[row][1])})
                      for row in range(start, min(start + BATCH, len(spans)))]
            self.client.upsert(name, points=points, wait=True)

    def dense_ranking(self, table: str, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if k <= 0:
            return []
        found = self.client.query_points(self.collections[table], query=np.asarray(vector[0], dtype=float).tolist(),
                                         using=DENSE, limit=k).points
        return canonical([(int(p.id), float(p.score)) for p in found])

    def keyword_ranking(self, table: str, tokens: list[str], k: int) -> list[tuple[int, float]]:
        if not tokens or k <= 0:
            return []
        counts = Counter(token_id(t) for t in tokens)
        query = self.models.SparseVector(indices=list(counts), values=[float(c) for c in counts.values()])
        found = self.client.query_points(self.collections[table], query=query, using=SPARSE, limit=k).points
        return canonical([(int(p.id), float(p.score)) for p in found if p.score > 0])


_CLIENTS: dict = {}


def client(location: str):
    """One client per location and process (local mode on disk allows only one), closed at exit."""
    from qdrant_client import QdrantClient

    if location not in _CLIENTS:
        if location == ":memory:":
            made = QdrantClient(location=":memory:")
        elif location.startswith(("http://", "https://")):
            made = QdrantClient(url=location, api_key=os.environ.get("NEWSNUMBERS_QDRANT_API_KEY") or None, timeout=30)
        else:
            made = QdrantClient(path=location)
        if not _CLIENTS:
            atexit.register(_close_all)
        _CLIENTS[location] = made
    return _CLIENTS[location]


def _close_all() -> None:
    while _CLIENTS:
        _CLIENTS.popitem()[1].close()


def build_key(root: Path) -> str:
    """12 hex digits naming what the index at `root` was built from."""
    try:
        manifest = json.loads((Path(root) / "manifest.json").read_text())
    except (OSError, ValueError) as err:
        raise IndexError_(f"index at {root} has no readable manifest ({err}); rebuild it with `python -m index build`") from err
    identity = {k: manifest.get(k) for k in ("format_version", "reader", "model", "split", "sources")}
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:12]


def token_id(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=4).digest(), "big")


def bm25_vectors(token_lists: list[list[str]]) -> list[tuple[list[int], list[float]]]:
    """Each span's (indices, values): BM25's term-frequency part per distinct token."""
    lengths = [len(tokens) for tokens in token_lists]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    out = []
    for tokens, length in zip(token_lists, lengths):
        norm = K1 * (1 - B + B * length / average)
        weights: dict[int, float] = {}
        for token, tf in Counter(tokens).items():
            index = token_id(token)
            weights[index] = weights.get(index, 0.0) + tf / (tf + norm)
        out.append((list(weights), list(weights.values())))
    return out
