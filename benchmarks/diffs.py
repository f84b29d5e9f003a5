"""The snapshot diff against a baseline commit, side by side: ``python benchmarks/diffs.py``.

Checks out the baseline (default ``4275d47``, the commit before the diff learnt to skip identical
files) into a temporary git worktree with its own virtualenv, then times, in turn, the baseline's
``trialmodel diff A B`` and ours on the 10,000-record corpus (306 changed), and ours on second
snapshots with 0, 30, 100 and 306 of the changed records (hard links into ``benchmarks/.corpus``),
to show the time growing with the changed records rather than the total. Writes the section
between the ``snapshot-diff`` markers of ``benchmarks/RESULTS.md``. Nothing of the baseline is kept.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import BIN, ROOT, Benchmark, measure

CORPUS = ROOT / "benchmarks" / ".corpus"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
START, END = "<!-- snapshot-diff:start -->", "<!-- snapshot-diff:end -->"
TARGET = 8.0
"""Issue 12: the 10,000-record snapshot diff at least this many times faster than the baseline."""


def baseline_venv(commit: str, scratch: Path) -> Path:
    """The baseline's ``trialmodel`` script, installed from a temporary worktree at ``commit``."""
    tree = scratch / "baseline"
    subprocess.run(
        ["git", "worktree", "add", "--detach", "-q", str(tree), commit], cwd=ROOT, check=True
    )
    venv = scratch / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, str(tree)], check=True, capture_output=True)
    return venv / "bin" / "trialmodel"


def remove_worktree(scratch: Path) -> None:
    """Forget the temporary worktree (its files go with the scratch folder)."""
    subprocess.run(
        ["git", "worktree", "remove", "--force", str(scratch / "baseline")],
        cwd=ROOT,
        check=False,
        capture_output=True,
    )


def variants(corpus: Path, counts: list[int]) -> dict[int, Path]:
    """Second snapshots with only the first ``k`` changed records of ``b/`` changed (hard links)."""
    a, b = corpus / "a", corpus / "b"
    changed = sorted(
        p.name for p in b.glob("*.yaml") if p.read_bytes() != (a / p.name).read_bytes()
    )
    made = {}
    for k in counts:
        target = corpus / f"b-{k}"
        if not target.is_dir() or len(list(target.glob("*.yaml"))) != len(list(a.glob("*.yaml"))):
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            chosen = set(changed[:k])
            for path in a.glob("*.yaml"):
                source = b / path.name if path.name in chosen else path
                os.link(source, target / path.name)
        made[k] = target
    return made


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def benchmarks(baseline: Path, corpus: Path, made: dict[int, Path], commit: str) -> list[Benchmark]:
    """The baseline and ours on the full second snapshot, then ours on each variant."""
    a, b = _rel(corpus / "a"), _rel(corpus / "b")
    count = len(list((corpus / "a").glob("*.yaml")))
    ours = str(BIN / "trialmodel")
    rows = [
        Benchmark(
            f"baseline {commit}",
            [str(baseline), "diff", a, b],
            count,
            f"trialmodel diff {a} {b}",
            (0, 1),
        ),
        Benchmark("this commit", [ours, "diff", a, b], count, f"trialmodel diff {a} {b}", (0, 1)),
    ]
    for k, path in sorted(made.items()):
        shown = f"trialmodel diff {a} {_rel(path)}"
        rows.append(
            Benchmark(
                f"this commit, {k} changed", [ours, "diff", a, _rel(path)], count, shown, (0, 1)
            )
        )
    return rows


def section(rows: list[Benchmark], commit: str, repeats: int) -> str:
    """The Markdown section: the table, the target and its verdict."""
    base, ours, *scaled = rows
    ratio = base.median / ours.median
    cpu_ratio = base.median_cpu / ours.median_cpu
    lines = [
        START,
        "## Snapshot diff against the baseline (issue 12)",
        "",
        f"Measured by `python benchmarks/diffs.py` (baseline `{commit}` in a temporary git "
        f"worktree with its own virtualenv, this commit from the repository), {repeats} runs "
        "each, in turn. "
        "Corpus: 10,000 records; the second snapshot changes 306 of them, and the variants "
        "change only the first k of those 306 (the rest hard links to the first snapshot).",
        "",
        "| run | command | median s | CPU s | peak MiB |",
        "|---|---|---:|---:|---:|",
    ]
    for row in rows:
        times = f"{row.median:.2f} | {row.median_cpu:.2f} | {row.peak_mib:.0f}"
        lines.append(f"| {row.label} | `{row.shown}` | {times} |")
    lines += [
        "",
        f"- Target: at least {TARGET:g}× faster than `{commit}` on 10,000 records, 306 changed: "
        f"**{ratio:.1f}×** wall-clock ({base.median:.2f} s → {ours.median:.2f} s), "
        f"{cpu_ratio:.1f}× in CPU time ({base.median_cpu:.2f} s → {ours.median_cpu:.2f} s): "
        f"{'met' if ratio >= TARGET else 'NOT met'}.",
    ]
    if len(scaled) >= 2:
        low, high = scaled[0], scaled[-1]
        k_low, k_high = (int(r.label.split(", ")[1].split()[0]) for r in (low, high))
        per = (high.median_cpu - low.median_cpu) / max(1, k_high - k_low) * 1000
        lines.append(
            f"- Growing with the changed records, not the total: {low.median:.2f} s with {k_low} "
            f"changed, {high.median:.2f} s with {k_high}; each changed record adds about "
            f"{per:.1f} ms of CPU; the 10,000 unchanged files cost what reading and hashing them "
            "costs."
        )
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_section(text: str, path: Path = RESULTS) -> None:
    """Put the section in RESULTS.md, replacing an earlier one."""
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if START in current and END in current:
        head, rest = current.split(START, 1)
        current = head + text.rstrip("\n") + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + text
    path.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Install the baseline, measure, write the section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="4275d47", help="the commit to compare with")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--changed", default="0,30,100,306", help="variants: changed records")
    args = parser.parse_args(argv)
    corpus = CORPUS / "10000"
    if not (corpus / "a").is_dir():
        print("no 10,000-record corpus: run `python benchmarks/generate.py 10000` first")
        return 2
    made = variants(corpus, [int(k) for k in args.changed.split(",")])
    with tempfile.TemporaryDirectory() as scratch:
        try:
            print(f"installing the baseline {args.baseline} …", flush=True)
            baseline = baseline_venv(args.baseline, Path(scratch))
            rows = benchmarks(baseline, corpus, made, args.baseline)
            measure(rows, args.repeats)
        finally:
            remove_worktree(Path(scratch))
    text = section(rows, args.baseline, args.repeats)
    write_section(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
