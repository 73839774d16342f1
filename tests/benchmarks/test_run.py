"""The quick benchmark run end to end: every section is reported with numeric ratios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.report import HEADERS
from benchmarks.run import run

SOURCES = Path(__file__).resolve().parents[2] / "sources"


@pytest.mark.slow
def test_quick_run_writes_every_section(tmp_path, index_dir):
    out = run(SOURCES, tmp_path / "RESULTS.md", quick=True, index_dir=index_dir, log=lambda _: None)

    text = out.read_text()
    assert [h for h in HEADERS if h not in text] == []
    assert (tmp_path / "scale.png").stat().st_size > 0
    targets = text.split("## Targets", 1)[1]
    verdicts = re.findall(r"^- (MET|NOT MET): .*? = (\d+\.\d+) \(target", targets, re.M)
    assert [name for name, _ in verdicts] != [] and len(verdicts) == 6
    assert all(float(ratio) >= 0 for _, ratio in verdicts)
    for corpus in ("seed", "devset"):
        for search in ("project hybrid (faiss, default)", "project hybrid (qdrant)", "project BM25 only (qdrant)"):
            assert re.search(rf"^\| {corpus} \| {re.escape(search)} \| \d+ \| [01]\.\d+ \|", text, re.M), (corpus, search)
