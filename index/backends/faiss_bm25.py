"""The embedded default: FAISS files for dense search and bm25s indexes for keyword search,
all saved in the index folder by the build and memory-loaded here."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index.backends import TABLES, canonical
from index.store import IndexError_

HNSW_EF_SEARCH = 128  # candidates an HNSW query visits: higher trades latency for recall


class FaissBM25:
    name = "faiss"

    def __init__(self, root: Path, spans: dict, folder: Path | None = None):
        import bm25s
        import faiss

        self.where = folder or root
        try:
            self.dense = {t: faiss.read_index(str(root / f"{t}.faiss")) for t in TABLES}
            self.bm25 = {t: bm25s.BM25.load(str(root / f"{t}.bm25")) for t in TABLES}
        except (OSError, ValueError, TypeError, RuntimeError, KeyError) as err:
            raise IndexError_(f"index at {self.where} is unreadable ({err}); rebuild it with `python -m index build`") from err
        for t in TABLES:
            if self.dense[t].ntotal != len(spans[t]):
                raise IndexError_(f"index at {self.where}: {t}.faiss has {self.dense[t].ntotal} rows for "
                                  f"{len(spans[t])} {t}; rebuild it with `python -m index build`")
        self.sizes = {t: len(spans[t]) for t in TABLES}

    def dense_ranking(self, table: str, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        index = self.dense[table]
        k = min(k, index.ntotal)
        if k <= 0:
            return []
        if hasattr(index, "hnsw"):
            index.hnsw.efSearch = max(HNSW_EF_SEARCH, k)
        scores, rows = index.search(vector, k)
        return canonical([(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0])

    def keyword_ranking(self, table: str, tokens: list[str], k: int) -> list[tuple[int, float]]:
        n = self.sizes[table]
        if not tokens or n == 0:
            return []
        rows, scores = self.bm25[table].retrieve([tokens], k=min(k, n), show_progress=False)
        return canonical([(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if s > 0])


def save_bm25(folder: Path, token_lists: list[list[str]]) -> None:
    """A bm25s index of `token_lists` (one per span; an empty span counts as one placeholder token),
    saved to `folder` so loading the index does not tokenize and index every span again."""
    import bm25s

    retriever = bm25s.BM25()
    retriever.index([tokens or ["_"] for tokens in token_lists], show_progress=False)
    retriever.save(str(folder))
