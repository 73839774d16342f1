"""Run every section in one process and write the report."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np

from benchmarks import build, cold, latency, retrieval, scale
from benchmarks.report import write_report
from benchmarks.timing import gold_questions, gold_turns, repeat_to

ROOT = Path(__file__).resolve().parent.parent


def run(sources: Path, out: Path, quick: bool = False, index_dir: Path | None = None, log=print) -> Path:
    """All six sections; returns the report's path. `index_dir` is reused for sections 2 to 4."""
    from bot import Bot
    from index import embed
    from index.store import Settings

    sources, out = Path(sources).resolve(), Path(out).resolve()
    samples = 20 if quick else 200
    questions = gold_questions()
    model = embed.default_model()
    results: dict = {"quick": quick, "load_before": os.getloadavg()}

    with tempfile.TemporaryDirectory(prefix="benchmarks-") as tmp:
        tmp = Path(tmp)
        log("1. floor: bare query embedding")
        asked = questions[:samples] if quick else repeat_to(questions, samples)
        results["floor"] = latency.floor(model, asked)

        log("5. index build")
        results["build"] = build.index_build(sources, tmp / "built", runs=1 if quick else 3)
        index_dir = Path(index_dir).resolve() if index_dir else tmp / "built"

        log("2. warm answer latency")
        bot = Bot.load(sources, index_dir, log=log)
        results["answer"] = latency.warm_answers(bot, asked)

        log("3. retrieval quality")
        results["retrieval"] = retrieval.compare(bot.corpus, gold_turns(), limit=samples if quick else None)
        results["retrieval_all"] = retrieval.compare_all(retrieval.corpora(index_dir, tmp, log=log),
                                                         limit=samples if quick else None, log=log)

        log("4. cold start")
        results["cold"] = cold.cold_start(sources, index_dir, runs=1 if quick else 3, cwd=ROOT)
        results["onnx"] = cold.onnx_check(model, questions)

        log("6. scale")
        texts = [s.text for s in bot.corpus.sentences]
        base = embed.encode(model, texts)
        rng = np.random.default_rng(1)
        queries = embed.encode(model, repeat_to(questions, 200)[:200])
        queries = queries + rng.normal(0.0, 0.01, queries.shape).astype(np.float32)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
        results["scale"], results["scale_skipped"] = scale.scale(
            base, texts, np.ascontiguousarray(queries, dtype=np.float32), sizes, budget_s=600.0, log=log)
        results["hnsw_threshold"] = Settings(model=model).hnsw_threshold
        results["dim"] = int(base.shape[1])

    results["load_after"] = os.getloadavg()
    return write_report(results, out)
