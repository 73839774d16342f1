"""Benchmarks: latency, retrieval quality, cold start, build cost and scale, in one process.

    python -m benchmarks run            # full run, writes benchmarks/RESULTS.md and scale.png
    python -m benchmarks run --quick    # small samples, for tests and a first look

Every number in one report comes from the same run on the same machine, so the ratios
between a measurement and its floor are meaningful even when the absolute timings are noisy.
"""
