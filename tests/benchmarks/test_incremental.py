"""The incremental benchmark at a small N: one add encodes one article and is reported as a ratio."""

from __future__ import annotations

import pytest

from benchmarks.incremental import measure, report, synthetic_article
from index.split import split_sentences


def test_synthetic_articles_differ_and_have_about_twenty_sentences():
    bodies = [synthetic_article(n).split("---\n", 2)[2] for n in range(3)]
    assert len(set(bodies)) == 3
    assert all(18 <= len(split_sentences(b)) <= 22 for b in bodies)


@pytest.mark.slow
def test_quick_measure_reports_a_ratio(tmp_path):
    result = measure(15, runs=1, root=tmp_path, log=lambda _: None)

    assert result["articles"] == 15 and result["encode_s"] > 0
    assert result["ratio"] > 0
    assert "| 15 |" in report([result])
