"""Build, save and load the index folder: spans, FAISS and BM25 indexes, facts, manifest.

Builds are incremental: each document's sentences, chunks, facts and vectors are kept in
`docs/`, and the manifest records each source file's hash, so adding or removing a document
encodes only that document. A build writes a new version folder under a lock and swaps it in
atomically, so an interrupted or failed build never damages the last good index. Loading checks
the manifest against the sources and the model, and says why an index is stale.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from index import embed, factindex
from index.sources import Article, SourceError, load_article, source_files
from index.split import Span, chunk_sentences, split_sentences

FORMAT_VERSION = 5  # 4: BM25 indexes saved with the build (`sentences.bm25/`, `chunks.bm25/`); 5: the fact table and its inverted indexes in facts.sqlite
DOCS_DIR = "docs"  # one document's spans, facts (`<id>.json`) and vectors (`<id>.npz`) each
DEFAULT_DIR = Path(".index")
DEFAULT_SOURCES = Path("sources")
FACTS_FILE = "facts.yaml"
HNSW_M = 32  # graph degree of the HNSW index used above `Settings.hnsw_threshold` chunks
HNSW_EF_CONSTRUCTION = 80
PROBES = 64  # sentences an ONNX export of the model must embed like torch does


class IndexError_(RuntimeError):
    """The index folder cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Settings:
    model: str
    max_tokens: int = 200
    overlap: int = 1
    hnsw_threshold: int = 50_000
    backend: str = "faiss"  # where retrieval runs: a name of `index.backends.BACKENDS`

    def __post_init__(self):
        from index.backends import check_name

        check_name(self.backend)

    def split_settings(self) -> dict:
        return {"max_tokens": self.max_tokens, "overlap": self.overlap}


def default_settings(model: str | None = None, backend: str | None = None) -> Settings:
    from index.backends import default_backend

    return Settings(model=model or embed.default_model(), backend=backend or default_backend())


@lru_cache(maxsize=1)
def reader_hash() -> str:
    """sha256 of the code that reads documents into spans and facts (this package): a change
    to how numbers, periods or clauses are read rebuilds the index, like a format change."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


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
    if manifest.get("reader") != reader_hash():
        return "the code that reads documents changed"
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
          progress: bool = False, full: bool = False, log=None) -> dict:
    """Bring the index at `out` up to date with `sources`; returns the manifest.

    Documents whose file is unchanged keep their stored sentences, chunks, facts and vectors;
    only new or changed files are read and encoded. Everything is encoded again when `full`
    is set or the index was made with another model, splitting settings or format (`log`
    is told why)."""
    with build_lock(out):
        return build_locked(sources, out, settings, progress=progress, full=full, log=log)


def build_locked(sources: Path, out: Path, settings: Settings | None = None, progress: bool = False,
                 full: bool = False, log=None) -> dict:
    """`build` for a caller that already holds `build_lock(out)`."""
    import faiss

    from index.backends.faiss_bm25 import save_bm25
    from index.facts import apply_curated
    from index.text import tokenize

    log = log or (lambda _message: None)
    settings = settings or default_settings()
    sources, out = Path(sources), Path(out)
    started = time.perf_counter()
    files = source_files(sources)
    if not files:
        raise SourceError([f"{sources}: no articles (.md, .txt, .html, .htm or .pdf files) found"])
    hashes = source_hashes(sources)
    previous, why_not = _reusable(out, settings)
    if full:
        previous, why_not = None, "a full rebuild was requested"
    if previous is None and why_not and (Path(out) / "manifest.json").exists():
        log(f"encoding every document again: {why_not}")
    tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / DOCS_DIR).mkdir(parents=True)
    try:
        docs = _documents(files, hashes, previous, tmp, settings, progress, log)
        articles = [d.article for d in docs]
        sentences: list[Span] = []
        chunks: list[Span] = []
        facts = []
        vectors = {"sentences": [], "chunks": []}
        for doc in docs:
            offset = len(sentences)
            sentences.extend(
                s if s.duplicate_of is None else s.model_copy(update={"duplicate_of": s.duplicate_of + offset})
                for s in doc.sentences
            )
            chunks.extend(doc.chunks)
            facts.extend(doc.facts)
            vectors["sentences"].append(doc.vectors["sentences"])
            vectors["chunks"].append(doc.vectors["chunks"])
        curated = sources / FACTS_FILE
        if curated.is_file():
            facts = apply_curated(facts, articles, sentences, curated)
        log(f"writing the index: {len(articles)} documents, {len(sentences)} sentences")
        written = []
        for name, spans in (("sentences", sentences), ("chunks", chunks)):
            matrix = np.concatenate(vectors[name]) if spans else np.zeros((0, _dimension(docs)), np.float32)
            faiss.write_index(_faiss_index(matrix, settings), str(tmp / f"{name}.faiss"))
            _write_jsonl(tmp / f"{name}.jsonl", [s.model_dump() for s in spans])
            save_bm25(tmp / f"{name}.bm25", [tokenize(s.text) for s in spans])
            written += [f"{name}.faiss", f"{name}.jsonl", f"{name}.bm25"]
        _write_jsonl(tmp / "articles.jsonl", [a.model_dump() for a in articles])
        _write_jsonl(tmp / "facts.jsonl", [f.model_dump(mode="json") for f in facts])
        factindex.write(tmp / factindex.FILE, articles, sentences, facts)
        written += ["articles.jsonl", "facts.jsonl", factindex.FILE]
        manifest = {
            "format_version": FORMAT_VERSION,
            "reader": reader_hash(),
            "model": embed.model_name(settings.model),
            "dimension": _dimension(docs),
            "split": settings.split_settings(),
            "index_type": "hnsw" if len(chunks) > settings.hnsw_threshold else "flat",
            "sources": hashes,
            "documents": {d.file: {"id": d.article.id, "sha256": d.sha256, "sentences": len(d.sentences),
                                   "chunks": len(d.chunks), "facts": len(d.facts), "encoded": d.encoded}
                          for d in docs},
            "counts": {"articles": len(articles), "sentences": len(sentences), "chunks": len(chunks),
                       "facts": len(facts)},
            "files": written,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(time.perf_counter() - started, 2),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
        _export_query_model(settings.model, [s.text for s in sentences[:PROBES]], log)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def _export_query_model(model: str, probes: list[str], log) -> None:
    """The ONNX export that embeds questions without torch, made once per model when onnxruntime
    is installed (`pip install 'newsnumbers[onnx]'`); a model it cannot reproduce keeps torch."""
    import importlib.util

    from index import onnx_embed

    if os.environ.get("NEWSNUMBERS_EMBED") == "torch" or importlib.util.find_spec("onnxruntime") is None:
        return
    try:
        onnx_embed.export(model, probes or ["a sentence"], log=log)
    except (onnx_embed.ExportError, OSError, RuntimeError) as err:  # an optional speed-up never fails a build
        log(f"questions are embedded with torch: {err}")


@dataclass(frozen=True)
class _Doc:
    """One document's part of the index: kept in `docs/` so an update re-encodes only new files."""

    file: str
    sha256: str
    article: Article
    sentences: list[Span]
    chunks: list[Span]
    facts: list
    vectors: dict[str, np.ndarray]
    encoded: bool  # whether this build computed the vectors (False: reused)


def _reusable(out: Path, settings: Settings) -> tuple[dict | None, str | None]:
    """The current manifest when its documents can be reused with `settings`, else why not."""
    manifest_path = Path(out) / "manifest.json"
    if not manifest_path.exists():
        return None, f"no index at {out}"
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError) as err:
        return None, f"{manifest_path} is unreadable ({err})"
    if not isinstance(manifest, dict):
        return None, f"{manifest_path} is unreadable (not a JSON object)"
    if manifest.get("format_version") != FORMAT_VERSION:
        return None, f"index format {manifest.get('format_version')} differs from {FORMAT_VERSION}"
    if manifest.get("reader") != reader_hash():
        return None, "the code that reads documents changed"
    if manifest.get("model") != embed.model_name(settings.model):
        return None, f"index was built with model {manifest.get('model')!r}, not {embed.model_name(settings.model)!r}"
    if manifest.get("split") != settings.split_settings():
        return None, "splitting settings changed"
    return {**manifest, "folder": os.path.realpath(out)}, None


def _documents(files: list[Path], hashes: dict[str, str], previous: dict | None, tmp: Path, settings: Settings,
               progress: bool, log) -> list[_Doc]:
    """Every document, reused from `previous` when its file is unchanged, else read and encoded;
    raises SourceError naming every unreadable file and duplicate id before anything is encoded."""
    from index.facts import extract_facts

    known = (previous or {}).get("documents", {})
    docs: dict[str, _Doc] = {}
    fresh: list[tuple[Path, Article]] = []
    problems = []
    for path in files:
        entry = known.get(path.name)
        if entry and entry.get("sha256") == hashes[path.name]:
            doc = _load_doc(Path(previous["folder"]) / DOCS_DIR, entry["id"], path)
            if doc is not None:
                docs[path.name] = doc
                continue
        try:
            fresh.append((path, load_article(path)))
        except SourceError as err:
            problems.extend(err.problems)
    seen: dict[str, Path] = {}
    for path in files:
        article = docs[path.name].article if path.name in docs else next((a for p, a in fresh if p == path), None)
        if article is None:
            continue
        if article.id in seen:
            problems.append(f"{path}: duplicate id {article.id!r} (also used by {seen[article.id]})")
        seen.setdefault(article.id, path)
    if problems:
        raise SourceError(problems)
    if fresh:
        count = embed.count_tokens(settings.model)
        parts = []
        for path, article in fresh:
            log(f"reading {path.name}")
            sentences = split_sentences(article.body, article.id)
            chunks = chunk_sentences(article.body, sentences, settings.max_tokens, settings.overlap, count)
            parts.append((path, article, sentences, chunks))
        n_sentences = sum(len(p[2]) for p in parts)
        n_chunks = sum(len(p[3]) for p in parts)
        log(f"encoding {len(parts)} document{'s' * (len(parts) != 1)}: {n_sentences} sentences, {n_chunks} chunks")
        matrices = {}
        for name, column in (("sentences", 2), ("chunks", 3)):
            matrices[name] = embed.encode(settings.model, [s.text for p in parts for s in p[column]],
                                          progress=progress, via="torch")
        at = {"sentences": 0, "chunks": 0}
        for path, article, sentences, chunks in parts:
            vectors = {}
            for name, spans in (("sentences", sentences), ("chunks", chunks)):
                vectors[name] = matrices[name][at[name]:at[name] + len(spans)]
                at[name] += len(spans)
            doc = _Doc(file=path.name, sha256=hashes[path.name], article=article, sentences=sentences,
                       chunks=chunks, facts=extract_facts([article], sentences), vectors=vectors, encoded=True)
            docs[path.name] = doc
    out = []
    for path in files:
        doc = docs[path.name]
        _save_doc(tmp / DOCS_DIR, doc, previous)
        out.append(doc)
    return out


def _save_doc(folder: Path, doc: _Doc, previous: dict | None) -> None:
    stem = folder / doc.article.id
    if not doc.encoded:  # unchanged: share the previous build's files instead of writing them again
        source = Path(previous["folder"]) / DOCS_DIR / doc.article.id
        try:
            for suffix in (".json", ".npz"):
                os.link(f"{source}{suffix}", f"{stem}{suffix}")
            return
        except OSError:
            pass
    record = {"file": doc.file, "sha256": doc.sha256, "article": doc.article.model_dump(),
              "sentences": [s.model_dump() for s in doc.sentences], "chunks": [c.model_dump() for c in doc.chunks],
              "facts": [f.model_dump(mode="json") for f in doc.facts]}
    Path(f"{stem}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    with open(f"{stem}.npz", "wb") as handle:
        np.savez(handle, **doc.vectors)


def _load_doc(folder: Path, doc_id: str, path: Path) -> _Doc | None:
    """A stored document, or None when its files are missing or damaged (it is then encoded again)."""
    from index.facts import Fact

    try:
        record = json.loads(Path(folder / f"{doc_id}.json").read_text(encoding="utf-8"))
        with np.load(folder / f"{doc_id}.npz") as data:
            vectors = {name: np.ascontiguousarray(data[name], dtype=np.float32) for name in ("sentences", "chunks")}
        sentences = [Span(**s) for s in record["sentences"]]
        chunks = [Span(**c) for c in record["chunks"]]
        if len(vectors["sentences"]) != len(sentences) or len(vectors["chunks"]) != len(chunks):
            return None
        article = Article(**record["article"]).model_copy(update={"path": str(path)})
        return _Doc(file=record["file"], sha256=record["sha256"], article=article, sentences=sentences,
                    chunks=chunks, facts=[Fact(**f) for f in record["facts"]], vectors=vectors, encoded=False)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _dimension(docs: list[_Doc]) -> int:
    for doc in docs:
        if doc.vectors["sentences"].ndim == 2 and doc.vectors["sentences"].shape[1]:
            return int(doc.vectors["sentences"].shape[1])
    return 0


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
    """Make the finished folder `tmp` the index at `out` in one atomic step.

    `out` is a symbolic link to a versioned folder beside it (`index.v7`); the new version is
    renamed into place, then a new link replaces the old one with a single rename. A reader
    resolves the link once and reads one whole version; a crash at any point leaves `out`
    pointing at a complete index. The version before stays for readers still loading it."""
    versions = _versions(out)
    new = out.with_name(f"{out.name}.v{max(versions, default=0) + 1}")
    os.replace(tmp, new)
    previous = os.path.realpath(out) if out.is_symlink() else None
    link = out.with_name(f"{out.name}.link-{os.getpid()}-{threading.get_ident()}")
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(new.name, link)
    if out.exists() and not out.is_symlink():  # a folder written by an older version: set it aside first
        legacy = out.with_name(f"{out.name}.old-{os.getpid()}")
        os.replace(out, legacy)
        os.replace(link, out)
        shutil.rmtree(legacy, ignore_errors=True)
    else:
        os.replace(link, out)
    keep = {new.name, os.path.basename(previous) if previous else None}
    for n in versions:
        folder = out.with_name(f"{out.name}.v{n}")
        if folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def _versions(out: Path) -> list[int]:
    pattern = re.compile(rf"^{re.escape(out.name)}\.v(\d+)$")
    if not out.parent.is_dir():
        return []
    return [int(m.group(1)) for p in out.parent.iterdir() if (m := pattern.match(p.name)) and p.is_dir()]


def live_folder(out: Path) -> Path:
    """The version folder `out` points at now (`out` itself for a plain folder)."""
    return Path(os.path.realpath(out))


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
