"""How long the outputs take on the registry corpus, against `trialmodel validate` in the same run.

```sh
.venv/bin/python benchmarks/outputs.py [--repeats 3] [--corpus DIR]
```

The corpus is tests/data/ctgov-corpus (201 real registry records), imported into records with
``trialmodel.ctgov`` in a temporary folder, or a folder of records given with ``--corpus``. Each
command runs as a whole process, several times in turn; the table gives the median wall-clock
time, the ratio to the validate baseline and the peak memory. Results go to OUTPUTS.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import BIN, ROOT, Benchmark, measure

CORPUS = ROOT / "tests" / "data" / "ctgov-corpus"


def _records(out: Path) -> Path:
    from trialmodel.ctgov import import_files, write_records

    studies, errors = import_files(sorted(CORPUS.glob("NCT*.json")))
    if errors:
        raise SystemExit(f"the corpus does not import: {errors[0]}")
    write_records(studies, out)
    return out


def _benchmarks(records: Path, out: Path, files: int) -> list[Benchmark]:
    tm = str(BIN / "trialmodel")
    runs = [
        ("validate (baseline)", ["validate", "--quiet", str(records)]),
        ("table parquet", ["table", str(records), "--out", str(out / "t"), "--force"]),
        (
            "table csv",
            ["table", str(records), "--out", str(out / "c"), "--format", "csv", "--force"],
        ),
        ("report html", ["report", str(records), "--out", str(out / "r"), "--force"]),
        (
            "report markdown",
            ["report", str(records), "--out", str(out / "m"), "--format", "markdown", "--force"],
        ),
        ("export fhir", ["export", "fhir", str(records), "--out", str(out / "f"), "--force"]),
    ]
    return [
        Benchmark(label, [tm, *argv], files, "trialmodel " + " ".join(argv[:1]) + " DIR …")
        for label, argv in runs
    ]


def _table(benchmarks: list[Benchmark], files: int, repeats: int) -> str:
    base = benchmarks[0].median
    lines = [
        "# Outputs on the registry corpus",
        "",
        f"{files} records (tests/data/ctgov-corpus, imported), {repeats} runs each, whole",
        "processes, measured in one run by `benchmarks/outputs.py`; the ratio is to `trialmodel",
        "validate` on the same records, measured in the same run.",
        "",
        "| command | median s | ms per record | × validate | peak MiB |",
        "|---|---|---|---|---|",
    ]
    for b in benchmarks:
        lines.append(
            f"| {b.label} | {b.median:.2f} | {b.per_file_ms:.1f} | {b.median / base:.1f} "
            f"| {b.peak_mib:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    """Import the corpus, run every output several times, write OUTPUTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="a folder of records (default: the corpus)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        records = args.corpus or _records(Path(work) / "records")
        files = len(list(records.glob("*.yaml")))
        benchmarks = _benchmarks(records, Path(work) / "out", files)
        measure(benchmarks, args.repeats)
        for b in benchmarks:
            if b.failed:
                raise SystemExit(f"{b.label} failed: {b.failed}")
        text = _table(benchmarks, files, args.repeats)
    (Path(__file__).parent / "OUTPUTS.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
