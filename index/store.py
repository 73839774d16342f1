"""Build, save and load the index folder: spans, FAISS and BM25 indexes, facts, manifest.

A build writes a temporary folder and swaps it in under a lock, so an interrupted or failed
build never damages the last good index. Loading checks the manifest against the sources and
the model, and says why an index is stale.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import embed
from index.sources import SourceError, load_sources, source_files
from index.split import Span, chunk_sentences, split_sentences

FORMAT_VERSION = 2
DEFAULT_DIR = Path(".index")
DEFAULT_SOURCES = Path("sources")
FACTS_FILE = "facts.yaml"
HNSW_M = 32  # graph degree of the HNSW index used above `Settings.hnsw_threshold` chunks
HNSW_EF_CONSTRUCTION = 80


class IndexError_(RuntimeError):
    """The index folder cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Settings:
    model: str
    max_tokens: int = 200
    overlap: int = 1
    hnsw_threshold: int = 50_000

    def split_settings(self) -> dict:
        return {"max_tokens": self.max_tokens, "overlap": self.overlap}


def default_settings(model: str | None = None) -> Settings:
    return Settings(model=model or embed.default_model())


def source_hashes(sources: Path) -> dict[str, str]:
    """sha256 of every file the build reads: the articles and the curated facts."""
    files = list(source_files(sources))
    curated = Path(sources) / FACTS_FILE
    if curated.is_file():
        files.append(curated)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def stale_reason(out: Path, sources: Path, settings: Settings, check_sources: bool = True) -> str | None:
    """Why the index at `out` cannot serve `sources` with `settings`, or None when it can.
    With `check_sources=False`, only whether it is a complete index for this model and format."""
    manifest_path = Path(out) / "manifest.json"
    if not manifest_path.exists():
        return f"no index at {out}"
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError) as err:
        return f"{manifest_path} is unreadable ({err})"
    if manifest.get("format_version") != FORMAT_VERSION:
        return f"index format {manifest.get('format_version')} differs from {FORMAT_VERSION}"
    if manifest.get("model") != embed.model_name(settings.model):
        return f"index was built with model {manifest.get('model')!r}, not {embed.model_name(settings.model)!r}"
    if manifest.get("split") != settings.split_settings():
        return "splitting settings changed"
    old, new = (manifest.get("sources", {}), source_hashes(sources)) if check_sources else ({}, {})
    for name in sorted(set(old) | set(new)):
        if name not in new:
            return f"source {name} was removed"
        if name not in old:
            return f"source {name} was added"
        if old[name] != new[name]:
            return f"source {name} changed"
    for name in manifest.get("files", []):
        if not (Path(out) / name).exists():
            return f"index file {name} is missing"
    return None


@contextmanager
def build_lock(out: Path):
    """One build at a time per index folder; a second waits for the first."""
    lock_path = Path(str(out).rstrip("/") + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(sources: Path = DEFAULT_SOURCES, out: Path = DEFAULT_DIR, settings: Settings | None = None,
          progress: bool = False) -> dict:
    """Build the index for `sources` into `out`; returns the manifest."""
    import faiss

    from index.facts import extract_facts

    settings = settings or default_settings()
    sources, out = Path(sources), Path(out)
    started = time.perf_counter()
    articles = load_sources(sources)
    hashes = source_hashes(sources)
    count = embed.count_tokens(settings.model)
    sentences: list[Span] = []
    chunks: list[Span] = []
    for article in articles:
        article_sentences = split_sentences(article.body, article.id)
        offset = len(sentences)
        sentences.extend(
            s.model_copy(update={"duplicate_of": None if s.duplicate_of is None else s.duplicate_of + offset})
            for s in article_sentences
        )
        chunks.extend(chunk_sentences(article.body, article_sentences, settings.max_tokens, settings.overlap, count))
    facts = extract_facts(articles, sentences, sources / FACTS_FILE)

    with build_lock(out):
        tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        try:
            files = []
            for name, spans in (("sentences", sentences), ("chunks", chunks)):
                vectors = embed.encode(settings.model, [s.text for s in spans], progress=progress)
                faiss.write_index(_faiss_index(vectors, settings), str(tmp / f"{name}.faiss"))
                _write_jsonl(tmp / f"{name}.jsonl", [s.model_dump() for s in spans])
                files += [f"{name}.faiss", f"{name}.jsonl"]
            _write_jsonl(tmp / "articles.jsonl", [a.model_dump() for a in articles])
            _write_jsonl(tmp / "facts.jsonl", [f.model_dump(mode="json") for f in facts])
            files += ["articles.jsonl", "facts.jsonl"]
            manifest = {
                "format_version": FORMAT_VERSION,
                "model": embed.model_name(settings.model),
                "dimension": int(vectors.shape[1]),
                "split": settings.split_settings(),
                "index_type": "hnsw" if len(chunks) > settings.hnsw_threshold else "flat",
                "sources": hashes,
                "counts": {"articles": len(articles), "sentences": len(sentences), "chunks": len(chunks),
                           "facts": len(facts)},
                "files": files,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "build_seconds": round(time.perf_counter() - started, 2),
            }
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
            _swap(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return manifest


def _faiss_index(vectors: np.ndarray, settings: Settings):
    import faiss

    dim = vectors.shape[1]
    if len(vectors) > settings.hnsw_threshold:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    else:
        index = faiss.IndexFlatIP(dim)
    index.add(vectors)
    return index


def _swap(tmp: Path, out: Path) -> None:
    old = out.with_name(f"{out.name}.old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def ensure(sources: Path = DEFAULT_SOURCES, out: Path = DEFAULT_DIR, settings: Settings | None = None,
           log=print, progress: bool = False) -> Path:
    """Rebuild `out` when it is missing or stale (saying why); return its path."""
    settings = settings or default_settings()
    reason = stale_reason(out, sources, settings)
    if reason:
        log(f"building index: {reason}")
        try:
            build(sources, out, settings, progress=progress)
        except SourceError as err:
            if stale_reason(out, sources, settings, check_sources=False) is not None:
                raise
            # a broken new article must not take the service down: keep answering from the last good build
            log(f"the sources have problems, so the previous index stays in service until they are fixed:\n{err}")
    return Path(out)
