"""Command line: `python -m benchmarks run [--quick] [--out benchmarks/RESULTS.md]` and
`python -m benchmarks scale [--quick] [--sizes N ...]` (the end-to-end scale section)."""

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
    p_scale = sub.add_parser("scale", help="build, load and answer over synthetic archives of growing size")
    p_scale.add_argument("--quick", action="store_true", help="small archives: a minute instead of hours")
    p_scale.add_argument("--sizes", type=int, nargs="+", default=None,
                         help="numbers of articles (default: 15 1000 10000; quick: 15 60)")
    p_scale.add_argument("--check", type=int, default=20, help="questions per size checked against a full scan")
    p_scale.add_argument("--workdir", type=Path, default=None,
                         help="keep the synthetic archives and their indexes here; a later run reuses their builds")
    p_scale.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS.md"),
                         help="report whose end-to-end section is replaced")
    args = parser.parse_args(argv)
    if args.command == "scale":
        return _scale(args)
    if not args.sources.is_dir():
        print(f"sources folder {args.sources} does not exist; pass --sources", file=sys.stderr)
        return 2
    path = run(args.sources, args.out, quick=args.quick, index_dir=args.index, log=lambda m: print(m, file=sys.stderr))
    print(path)
    return 0


def _scale(args) -> int:
    import tempfile

    from benchmarks import endtoend

    sizes = args.sizes or ([15, 60] if args.quick else [15, 1_000, 10_000])
    if min(sizes) < 1:
        print(f"--sizes must be positive numbers of articles, not {min(sizes)}", file=sys.stderr)
        return 2
    def write(results):  # after every size: a run stopped during the largest still reports the others
        endtoend.write_section(endtoend.section(results, args.quick, sizes), args.out)

    log = lambda m: print(m, file=sys.stderr)  # noqa: E731
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        endtoend.scale(sizes, args.workdir, check=args.check, log=log, done=write)
    else:
        with tempfile.TemporaryDirectory(prefix="benchmarks-scale-") as tmp:
            endtoend.scale(sizes, Path(tmp), check=args.check, log=log, done=write)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
