"""Evaluation suite: ask the gold questions, score the answers, gate regressions.

    python -m evals run                      # writes out/evals/{answers.jsonl,report.json,report.md,*.png}
    python -m evals run --check              # exit 1 on a must-pass failure or a regression vs baseline.json
    python -m evals run --update-baseline    # accept the current results as the new baseline
    python -m evals feedback --export candidates.jsonl   # thumbs-down votes as gold candidates

The gold set is `evals/gold.jsonl` (schema in `evals/gold.py`); scores are in `evals/metrics.py`.
"""
