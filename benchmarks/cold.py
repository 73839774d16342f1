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


def _wall(cmd: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return seconds


def cold_start(sources: Path, index_dir: Path, runs: int, cwd: Path) -> dict:
    """Median wall seconds of each command over `runs` runs, alternating so drift hits both."""
    ask = [sys.executable, "-m", "bot", "ask", QUESTION, "--index", str(index_dir), "--sources", str(sources)]
    bare = [sys.executable, "-c", BARE]
    asks, bares = [], []
    for _ in range(runs):
        bares.append(_wall(bare, cwd))
        asks.append(_wall(ask, cwd))
    return {"ask": statistics.median(asks), "bare": statistics.median(bares), "runs": runs}
