"""Section 4: a fresh process answering one question vs a fresh process embedding one sentence."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

QUESTION = "How many deportations did DHS carry out in 2014?"
BARE = """
import os
os.environ.setdefault("HF_HUB_OFFLINE", "1")
from sentence_transformers import SentenceTransformer
from index.embed import default_model
SentenceTransformer(default_model(), device="cpu", local_files_only=True).encode(["one sentence"])
"""


def _wall(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return seconds, done.stdout


def cold_start(sources: Path, index_dir: Path, runs: int, cwd: Path) -> dict:
    """Median wall seconds of each command over `runs` runs, alternating so drift hits all of them:
    `bot ask` as installed (ONNX Runtime for the question when the model is exported), `bot ask`
    forced onto torch (NEWSNUMBERS_EMBED=torch), and the bare torch model load and encode."""
    import os

    from index import embed

    ask = [sys.executable, "-m", "bot", "ask", QUESTION, "--index", str(index_dir), "--sources", str(sources)]
    bare = [sys.executable, "-c", BARE]
    torch_env = {**os.environ, "NEWSNUMBERS_EMBED": "torch"}
    asks, torch_asks, bares, answers = [], [], [], set()
    for _ in range(runs):
        bares.append(_wall(bare, cwd)[0])
        for times, env in ((asks, None), (torch_asks, torch_env)):
            seconds, printed = _wall(ask, cwd, env)
            times.append(seconds)
            answers.add(printed)
    return {"ask": statistics.median(asks), "ask_torch": statistics.median(torch_asks),
            "bare": statistics.median(bares), "runs": runs, "same_answer": len(answers) == 1,
            "engine": embed.engine(embed.default_model())}


def onnx_check(model: str, questions: list[str]) -> dict:
    """Largest 1 - cosine between the torch and ONNX vectors of `questions`, one at a time and batched."""
    from index import onnx_embed

    if not onnx_embed.available(model):
        return {"available": False}
    worst = onnx_embed.check(model, onnx_embed.export_folder(model), questions)
    return {"available": True, "worst": worst, "n": len(questions), "tolerance": onnx_embed.TOLERANCE}
