"""Hybrid retrieval over a built index: FAISS (dense) and BM25 (keywords), fused by RRF.

Sentences are what answers cite, so sentence hits fuse three rankings: dense over sentences,
BM25 over sentences, and dense over chunks (a sentence inherits its best chunk's rank).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from index import embed
from index.factindex import FILE as FACTS_FILE
from index.factindex import FactIndex
from index.sources import Article
from index.split import Span
from index.store import DEFAULT_DIR, IndexError_, live_folder, read_jsonl
from index.text import tokenize

RRF_K = 60
HNSW_EF_SEARCH = 128  # candidates an HNSW query visits: higher trades latency for recall


@dataclass(frozen=True)
class Hit:
    span: Span
    score: float
    rank: int
    index: int  # row in the sentence or chunk table
    dense: float = 0.0  # cosine similarity to the query

    @property
    def source_id(self) -> str:
        return self.span.source_id


class Corpus:
    """Everything a built index folder holds, loaded once."""

    def __init__(self, folder: Path | str = DEFAULT_DIR, model: str | None = None):
        import bm25s
        import faiss

        self.folder = Path(folder)
        self.model = model or embed.default_model()
        root = live_folder(self.folder)  # one version throughout, even if an update swaps in another
        self.version = root.name
        self.root = root
        try:
            self.articles = {a["id"]: Article(**a) for a in read_jsonl(root / "articles.jsonl")}
            self.sentences = [Span(**s) for s in read_jsonl(root / "sentences.jsonl")]
            self.chunks = [Span(**s) for s in read_jsonl(root / "chunks.jsonl")]
            self.facts = FactIndex(root / FACTS_FILE)
            self.dense = {name: faiss.read_index(str(root / f"{name}.faiss")) for name in ("sentences", "chunks")}
        except (OSError, ValueError, TypeError, RuntimeError) as err:
            raise IndexError_(f"index at {self.folder} is unreadable ({err}); rebuild it with `python -m index build`") from err
        for name, spans in (("sentences", self.sentences), ("chunks", self.chunks)):
            if self.dense[name].ntotal != len(spans):
                raise IndexError_(f"index at {self.folder}: {name}.faiss has {self.dense[name].ntotal} rows for "
                                  f"{len(spans)} {name}; rebuild it with `python -m index build`")
        self.bm25 = {}
        for name, spans in (("sentences", self.sentences), ("chunks", self.chunks)):
            retriever = bm25s.BM25()
            retriever.index([tokenize(s.text) or ["_"] for s in spans], show_progress=False)
            self.bm25[name] = retriever
        self._chunks_of = self._sentence_chunks()

    @cached_property
    def fact_rows(self) -> list[dict]:
        """Every fact as stored (read on first use: answering queries `facts` instead)."""
        return read_jsonl(self.root / "facts.jsonl")

    def _sentence_chunks(self) -> list[list[int]]:
        by_source: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            by_source.setdefault(c.source_id, []).append(i)
        out = []
        for s in self.sentences:
            out.append([i for i in by_source.get(s.source_id, []) if self.chunks[i].start <= s.start and s.end <= self.chunks[i].end])
        return out

    def embed_query(self, query: str) -> np.ndarray:
        return embed.encode(self.model, [query])

    def dense_ranking(self, name: str, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        index = self.dense[name]
        k = min(k, index.ntotal)
        if k <= 0:
            return []
        if hasattr(index, "hnsw"):
            index.hnsw.efSearch = max(HNSW_EF_SEARCH, k)
        scores, rows = index.search(vector, k)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]

    def bm25_ranking(self, name: str, query: str, k: int) -> list[tuple[int, float]]:
        tokens = tokenize(query)
        n = len(self.sentences if name == "sentences" else self.chunks)
        if not tokens or n == 0:
            return []
        rows, scores = self.bm25[name].retrieve([tokens], k=min(k, n), show_progress=False)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if s > 0]

    def search(self, query: str, k: int = 5, vector: np.ndarray | None = None, depth: int = 200) -> list[Hit]:
        """Sentences ranked by reciprocal rank fusion of dense, keyword and chunk rankings."""
        if not query.strip() or not self.sentences:
            return []
        vector = self.embed_query(query) if vector is None else vector
        dense_s = self.dense_ranking("sentences", vector, depth)
        bm25_s = self.bm25_ranking("sentences", query, depth)
        dense_c = self.dense_ranking("chunks", vector, depth)
        chunk_rank = {row: rank for rank, (row, _) in enumerate(dense_c)}
        fused: dict[int, float] = {}
        cosine = {row: score for row, score in dense_s}
        for ranking in (dense_s, bm25_s):
            for rank, (row, _) in enumerate(ranking):
                fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + rank + 1)
        for row in fused:  # only sentences already ranked gain from their chunk: the work follows the depth
            ranks = [chunk_rank[c] for c in self._chunks_of[row] if c in chunk_rank]
            if ranks:
                fused[row] += 0.5 / (RRF_K + min(ranks) + 1)
        ordered = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
        hits, seen = [], set()
        for row, score in ordered:
            span = self.sentences[row]
            key = span.duplicate_of if span.duplicate_of is not None else row
            if key in seen:
                continue
            seen.add(key)
            hits.append(Hit(span=span, score=score, rank=len(hits) + 1, index=row, dense=cosine.get(row, 0.0)))
            if len(hits) >= k:
                break
        return hits

    def search_dense(self, query: str, k: int = 5) -> list[Hit]:
        return [Hit(self.sentences[r], s, i + 1, r, s) for i, (r, s) in enumerate(self.dense_ranking("sentences", self.embed_query(query), k))]

    def search_bm25(self, query: str, k: int = 5) -> list[Hit]:
        return [Hit(self.sentences[r], s, i + 1, r) for i, (r, s) in enumerate(self.bm25_ranking("sentences", query, k))]


def load_corpus(sources: Path, folder: Path, settings, log=print) -> Corpus:
    """The index for `sources`: rebuilt first when stale, and rebuilt again when its files turn
    out to be unreadable (a truncated or corrupted FAISS file, a damaged table)."""
    from index.store import build, ensure

    ensure(sources, folder, settings, log=log)
    try:
        return Corpus(folder, settings.model)
    except IndexError_ as err:
        log(f"{err}; rebuilding")
        build(sources, folder, settings)
        return Corpus(folder, settings.model)
