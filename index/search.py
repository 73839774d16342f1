"""Hybrid retrieval over a built index: dense and BM25 (keyword) rankings, fused by RRF.

Sentences are what answers cite, so sentence hits fuse three rankings: dense over sentences,
BM25 over sentences, and dense over chunks (a sentence inherits its best chunk's rank). The
rankings come from a backend (`index.backends`): FAISS + bm25s by default, or Qdrant.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from index import embed
from index.backends import default_backend, open_backend
from index.backends.faiss_bm25 import HNSW_EF_SEARCH  # noqa: F401 (the benchmarks read it here)
from index.factindex import FILE as FACTS_FILE
from index.factindex import FactIndex
from index.sources import Article
from index.split import Span
from index.store import DEFAULT_DIR, IndexError_, live_folder, read_jsonl
from index.text import tokenize

RRF_K = 60


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

    def __init__(self, folder: Path | str = DEFAULT_DIR, model: str | None = None, backend: str | None = None):
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
        except (OSError, ValueError, TypeError, RuntimeError) as err:
            raise IndexError_(f"index at {self.folder} is unreadable ({err}); rebuild it with `python -m index build`") from err
        self.backend = open_backend(backend or default_backend(), root,
                                    {"sentences": self.sentences, "chunks": self.chunks}, folder=self.folder)
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

    @property
    def dense(self) -> dict:
        """The FAISS indexes by table (the default backend only)."""
        return self.backend.dense

    def dense_ranking(self, name: str, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        return self.backend.dense_ranking(name, vector, k)

    def bm25_ranking(self, name: str, query: str, k: int) -> list[tuple[int, float]]:
        return self.backend.keyword_ranking(name, tokenize(query), k)

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
            for rank, row in enumerate(self._distinct(ranking)):
                fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + rank + 1)
        for row in fused:  # only sentences already ranked gain from their chunk: the work follows the depth
            ranks = [chunk_rank[c] for c in self._chunks_of[row] if c in chunk_rank]
            if ranks:
                fused[row] += 0.5 / (RRF_K + min(ranks) + 1)
        ordered = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
        # (the rankings hold each repeated sentence once, as its first copy)
        return [Hit(span=self.sentences[row], score=score, rank=rank, index=row, dense=cosine.get(row, 0.0))
                for rank, (row, score) in enumerate(ordered[:k], 1)]

    def _distinct(self, ranking: list[tuple[int, float]]) -> list[int]:
        """The rows of a ranking with each repeated sentence (a caption printed twice) once, as
        its first copy: a copy takes no rank from the sentences below it."""
        rows, seen = [], set()
        for row, _ in ranking:
            span = self.sentences[row]
            key = span.duplicate_of if span.duplicate_of is not None else row
            if key not in seen:
                seen.add(key)
                rows.append(key)
        return rows

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
        return Corpus(folder, settings.model, settings.backend)
    except IndexError_ as err:
        log(f"{err}; rebuilding")
        build(sources, folder, settings)
        return Corpus(folder, settings.model, settings.backend)
