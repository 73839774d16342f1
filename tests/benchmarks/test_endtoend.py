"""The end-to-end scale benchmark on tiny archives: every column measured, answers checked."""

from __future__ import annotations

import re

import pytest

from benchmarks import endtoend
from benchmarks.synthetic import article, write_corpus


def test_synthetic_articles_are_fixed_by_their_number_and_differ_from_each_other(tmp_path):
    written = write_corpus(tmp_path, 5)

    assert [a.text for a in written] == [article(i).text for i in range(5)]
    assert len({a.text.split("---", 2)[2] for a in written}) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"synthetic-{i}.md" for i in range(5)]
    assert all(len(a.questions) == 6 for a in written)


def test_the_section_replaces_the_one_in_the_report_and_keeps_the_rest(tmp_path):
    out = tmp_path / "RESULTS.md"
    out.write_text("# Benchmarks\n\n## 6. Scale\n\nkept\n\n## Targets\n\n- kept too\n")

    endtoend.write_section([endtoend.HEADER, "", "first", ""], out)
    endtoend.write_section([endtoend.HEADER, "", "second", ""], out)

    assert out.read_text() == ("# Benchmarks\n\n## 6. Scale\n\nkept\n\n" + endtoend.HEADER
                               + "\n\nsecond\n\n## Targets\n\n- kept too\n")
    assert endtoend.kept_section(out.read_text()) == [endtoend.HEADER, "", "second", ""]


@pytest.mark.slow
def test_two_tiny_sizes_are_measured_and_answer_as_a_full_scan(tmp_path):
    results = endtoend.scale([2, 4], tmp_path, check=4, log=lambda _: None)

    assert sorted(results) == [2, 4]
    for n, m in results.items():
        assert m["articles"] == n and m["facts"] > 0 and m["size_mb"] > 0
        assert m["build_s"] > 0 and m["build_peak_mb"] > 100  # the child process loads the model
        assert 0 < m["p50"] <= m["p95"]
        assert m["questions"] == 6 * n and m["checked"] == 4 and m["different"] == []
    lines = endtoend.section(results, quick=True)
    assert lines[0] == endtoend.HEADER
    rows = [line for line in lines if re.match(r"\| [24] \|", line)]
    assert len(rows) == 2 and re.search(r"\| 1\.000 \| \d+/12 \| 4/4 \|$", rows[0])
    assert "- MET: answers identical to a full scan on 8 sampled questions over all sizes." in lines
