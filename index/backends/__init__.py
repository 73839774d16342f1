"""Where the rankings that `index.search.Corpus` fuses are computed: one small interface.

A backend answers two questions about a table of spans ("sentences" or "chunks"): which rows are
nearest a query vector (dense), and which rows best match a list of keyword tokens (BM25). The
fusion, the span tables and everything an answer cites stay in the index folder; a backend only
ranks rows by number. `faiss` (FAISS + bm25s files in the index folder) is the embedded default;
`qdrant` serves the same rankings from a Qdrant collection, in-process or on a cluster.
"""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path
from typing import Protocol

import numpy as np

BACKENDS = {
    "faiss": "index.backends.faiss_bm25:FaissBM25",
    "qdrant": "index.backends.qdrant:QdrantBackend",
}
DEFAULT_BACKEND = "faiss"
TABLES = ("sentences", "chunks")


class Backend(Protocol):
    name: str

    def dense_ranking(self, table: str, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(row, cosine) of the `k` rows nearest the normalized query `vector` (shape 1 x dim), best first."""

    def keyword_ranking(self, table: str, tokens: list[str], k: int) -> list[tuple[int, float]]:
        """(row, BM25 score) of at most `k` rows matching some of `tokens`, best first; no row scores 0."""


SCORE_DIGITS = 5  # scores equal to this many decimals are ties


def canonical(ranking: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """A ranking in an order that does not hang on float noise: scores rounded to SCORE_DIGITS
    decimals, ties with the later row first (as FAISS's flat index orders exact ties). Two
    sentences whose similarity differs in the seventh decimal, as the same model gives on
    different CPUs or library builds, no longer swap places between machines.

    >>> canonical([(3, 0.5), (7, 0.5000001), (9, 0.9)])
    [(9, 0.9), (7, 0.5), (3, 0.5)]
    """
    rounded = [(row, round(score, SCORE_DIGITS)) for row, score in ranking]
    return sorted(rounded, key=lambda item: (-item[1], -item[0]))


def default_backend() -> str:
    """The backend setting: $NEWSNUMBERS_BACKEND, else the embedded default."""
    return os.environ.get("NEWSNUMBERS_BACKEND") or DEFAULT_BACKEND


def check_name(name: str) -> str:
    if name not in BACKENDS:
        raise ValueError(f"unknown retrieval backend {name!r} (from the settings or NEWSNUMBERS_BACKEND): "
                         f"valid names are {', '.join(sorted(BACKENDS))}")
    return name


def open_backend(name: str, root: Path, spans: dict, folder: Path | None = None) -> Backend:
    """The backend `name` serving the index version folder `root`, whose span tables are `spans`;
    errors name `folder` (the index folder as the user gave it)."""
    module, cls = BACKENDS[check_name(name)].split(":")
    return getattr(import_module(module), cls)(Path(root), spans, folder=folder)
