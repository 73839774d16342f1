"""Section 5: building the index vs bare batch encoding of the same texts."""

from __future__ import annotations

import resource
import statistics
import time
from pathlib import Path

from index import embed
from index.store import build, default_settings, read_jsonl


def index_build(sources: Path, out: Path, runs: int) -> dict:
    """Seconds per chunk of `index.store.build` and of encoding its sentence and chunk texts.

    The model is already loaded when this runs, so neither side pays for loading it.
    """
    settings = default_settings()
    builds = []
    for _ in range(runs):
        started = time.perf_counter()
        manifest = build(sources, out, settings, full=True)  # a second run would otherwise reuse the first
        builds.append(time.perf_counter() - started)
    texts = [r["text"] for name in ("sentences", "chunks") for r in read_jsonl(out / f"{name}.jsonl")]
    encodes = []
    for _ in range(runs):
        started = time.perf_counter()
        embed.encode_torch(settings.model, texts)
        encodes.append(time.perf_counter() - started)
    chunks = manifest["counts"]["chunks"]
    return {
        "chunks": chunks,
        "sentences": manifest["counts"]["sentences"],
        "texts": len(texts),
        "build_s": statistics.median(builds),
        "encode_s": statistics.median(encodes),
        "build_per_chunk_ms": 1000 * statistics.median(builds) / chunks,
        "encode_per_chunk_ms": 1000 * statistics.median(encodes) / chunks,
        # ru_maxrss is in KiB on Linux and covers the whole process, not the build alone
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "runs": runs,
    }
