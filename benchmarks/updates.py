"""A no-op ``import ctgov --update`` against a baseline commit: ``python benchmarks/updates.py``.

Imports the registry corpus (``tests/data/ctgov-corpus``) into records in a scratch folder, then
times, in turn, the baseline's and this tree's ``trialmodel import ctgov CORPUS --update RECORDS``
with the same registry data again, so that no record changes (the common case of a sync). The
baseline (default ``98a8cad^``, the update before it tried the merge on the record's data first)
runs from a temporary git worktree on this virtualenv's packages (``PYTHONPATH``, with ``-P`` so
that the current folder does not come first). Prints the
medians and the ratio as a Markdown table; nothing of the baseline is kept.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, Benchmark, measure

CORPUS = ROOT / "tests" / "data" / "ctgov-corpus"


def _update(python: str, files: list[str], records: Path, tree: Path | None) -> list[str]:
    """The update command, run from the baseline's worktree when ``tree`` is given."""
    code = "import sys; from trialmodel.cli import main; sys.exit(main(sys.argv[1:]))"
    argv = [python, "-P", "-c", code, "import", "ctgov", *files, "--update", str(records)]
    return ["env", f"PYTHONPATH={tree}", *argv] if tree is not None else argv


def main() -> int:
    """Build the records, time both updates, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="98a8cad^", help="the commit to compare with")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each (default 3)")
    args = parser.parse_args()
    files = sorted(str(p) for p in CORPUS.glob("*.json"))
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        tree = scratch / "baseline"
        git = ["git", "worktree", "add", "--detach", "-q", str(tree), args.baseline]
        subprocess.run(git, cwd=ROOT, check=True)
        try:
            records = scratch / "records"
            made = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "trialmodel",
                    "import",
                    "ctgov",
                    *files,
                    "--out",
                    str(records),
                ],
                cwd=ROOT,
                capture_output=True,
            )
            if made.returncode not in (0, 1):
                print(made.stderr.decode(), file=sys.stderr)
                return 2
            shown = f"import ctgov <{len(files)} studies> --update <records>"
            benches = [
                Benchmark(
                    "baseline",
                    _update(sys.executable, files, records, tree),
                    len(files),
                    shown,
                    (0, 1),
                ),
                Benchmark(
                    "this tree",
                    _update(sys.executable, files, records, None),
                    len(files),
                    shown,
                    (0, 1),
                ),
            ]
            measure(benches, args.repeats)
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True
            )
    base, ours = benches
    cores = os.cpu_count()
    print(f"\nNo-op update of {len(files)} records, median of {args.repeats} ({cores} cores)\n")
    print("| run | median s | ms per record | peak MiB |\n|---|---:|---:|---:|")
    for bench in benches:
        row = [f"{bench.median:.2f}", f"{bench.per_file_ms:.0f}", f"{bench.peak_mib:.0f}"]
        print(f"| {bench.label} | {' | '.join(row)} |")
    print(f"\nthis tree is {base.median / ours.median:.1f}x faster than {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
