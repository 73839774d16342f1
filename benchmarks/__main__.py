"""Command line: `python -m benchmarks run [--quick] [--out benchmarks/RESULTS.md]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.run import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="run every benchmark and write the report")
    p_run.add_argument("--quick", action="store_true", help="small samples: seconds instead of minutes")
    p_run.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS.md"),
                       help="report path; the plot is written beside it as scale.png")
    p_run.add_argument("--sources", type=Path, default=Path("sources"))
    p_run.add_argument("--index", type=Path, default=None,
                       help="a built index of the sources to reuse (default: build one in a temporary folder)")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"sources folder {args.sources} does not exist; pass --sources", file=sys.stderr)
        return 2
    path = run(args.sources, args.out, quick=args.quick, index_dir=args.index, log=lambda m: print(m, file=sys.stderr))
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
