"""One-record validation beside check-jsonschema on the same file: ``python benchmarks/startup.py``.

A pre-commit hook validates a few records per commit, so its time is start-up. Issue 13's target:
``trialmodel validate`` on one record in at most half the time check-jsonschema takes on the same
file with the exported schema. Both run in turn, ``--repeats`` times each (whole processes, from
the repository root), with a bare ``python -c pass`` as the floor every Python tool pays. Medians
of wall-clock and CPU time (CPU is less disturbed by other work on the machine); the target is
judged on CPU. Also prints where trialmodel's import time goes (``python -X importtime``). Writes
the section between the ``startup`` markers of ``benchmarks/RESULTS.md``.

``trialmodel validate`` reads the record's validator from its cache
(``trialmodel.validation.validator``), here a temporary folder filled by one run before the timing,
as a hook's is after its first commit; a second row times it with nothing cached (every run builds
the validator), which is what the first run pays. The floors end as ``validate`` does, without
tearing the interpreter down (``os._exit``), so that the differences between them say where
``validate``'s time goes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import BIN, ROOT, Benchmark, measure

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
START, END = "<!-- startup:start -->", "<!-- startup:end -->"
RECORD = "records/NCT04544215.yaml"
SCHEMA = "schemas/trial-record.schema.json"
TARGET = 0.5
"""Issue 13: one-record validation in at most this fraction of check-jsonschema's time."""


def benchmarks(cache: Path) -> list[Benchmark]:
    """Ours (with its cache in ``cache``, and with nothing cached), the peer and the floors,
    each on the same record."""
    ours = [str(BIN / "trialmodel"), "validate", RECORD]
    peer = [str(BIN / "check-jsonschema"), "--schemafile", SCHEMA, RECORD]
    python = [sys.executable, "-c"]
    bare = "import os; os._exit(0)"
    pydantic = "import os, pydantic.main, pydantic.fields; os._exit(0)"
    model = "import os, trialmodel.model.record; os._exit(0)"
    blocked = cache / "a file" / "cache"  # a folder that cannot be made: nothing is stored
    return [
        Benchmark("trialmodel validate", ours, 1, f"trialmodel validate {RECORD}", env=_at(cache)),
        Benchmark("check-jsonschema", peer, 1, f"check-jsonschema --schemafile {SCHEMA} {RECORD}"),
        Benchmark(
            "trialmodel validate, nothing cached",
            ours,
            1,
            f"TRIALMODEL_CACHE_DIR=(cannot be made) trialmodel validate {RECORD}",
            env=_at(blocked),
        ),
        Benchmark("python", [*python, bare], 1, f"python -c '{bare}'"),
        Benchmark("import pydantic", [*python, pydantic], 1, f"python -c '{pydantic}'"),
        Benchmark("import the model", [*python, model], 1, f"python -c '{model}'"),
    ]


def _at(cache: Path) -> dict[str, str]:
    return {"TRIALMODEL_CACHE_DIR": str(cache)}


def import_costs(cache: Path, top: int = 8) -> list[tuple[str, float]]:
    """The largest cumulative import times (ms) of ``trialmodel validate`` on the record."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "trialmodel", "validate", "-q", RECORD],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **_at(cache)},
    )
    rows = []
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                rows.append((name.strip(), int(cumulative) / 1000))
    return sorted(rows, key=lambda row: -row[1])[:top]


def section(measured: list[Benchmark], repeats: int, costs: list[tuple[str, float]]) -> str:
    """The Markdown section for RESULTS.md."""
    ours, peer, uncached, floor, pydantic, model = measured
    ratio = ours.median_cpu / peer.median_cpu
    verdict = "met" if ratio <= TARGET else "**not met**"
    rows = [
        f"| {b.label} | `{b.shown}` | {b.median:.3f} | {b.median_cpu:.3f} | {b.peak_mib:.0f} |"
        for b in measured
    ]
    imports = ", ".join(f"`{name}` {ms:.0f} ms" for name, ms in costs)
    return "\n".join(
        [
            START,
            "## Start-up: one record beside check-jsonschema (issue 13)",
            "",
            f"Measured by `python benchmarks/startup.py`: {repeats} runs of each, in turn, "
            "from the repository root. `trialmodel validate` reads the record's validator from "
            "its cache (filled by one run before the timing, as a pre-commit hook's is after "
            "its first commit); the row below it has nothing cached, as a first run. The "
            "floors end with `os._exit(0)`, as `validate` ends, without tearing the "
            "interpreter down.",
            "",
            "| run | command | median s | median CPU s | peak MiB |",
            "|---|---|---:|---:|---:|",
            *rows,
            "",
            f"- Target: one-record validation in at most {TARGET:.0%} of check-jsonschema's "
            f"time on the same file: {ratio:.0%} of its CPU time ({ours.median_cpu:.3f} s vs "
            f"{peer.median_cpu:.3f} s; wall {ours.median:.3f} s vs {peer.median:.3f} s): "
            f"{verdict}. With nothing cached: "
            f"{uncached.median_cpu / peer.median_cpu:.0%} ({uncached.median_cpu:.3f} s).",
            f"- Where trialmodel's time goes (median CPU): Python itself {floor.median_cpu:.3f} s; "
            f"importing pydantic (what a model class needs of it) "
            f"{pydantic.median_cpu - floor.median_cpu:.3f} s more; creating the model's classes "
            f"{model.median_cpu - pydantic.median_cpu:.3f} s more; everything after (PyYAML and "
            "the loader, the rules, reading the record's validator from the cache, the "
            "configuration, the command line and the record) "
            f"{ours.median_cpu - model.median_cpu:.3f} s. Building the validator when nothing "
            "is cached costs "
            f"{uncached.median_cpu - ours.median_cpu:.3f} s more. {_budget(peer, model)}",
            f"- The largest imports of `trialmodel validate` (`python -X importtime`, "
            f"cumulative, one run): {imports}.",
            "",
            END,
        ]
    )


def _budget(peer: Benchmark, model: Benchmark) -> str:
    """What half of the peer's time leaves once Python, pydantic and the classes are loaded."""
    half = TARGET * peer.median_cpu
    left = half - model.median_cpu
    if left <= 0:
        return (
            f"Half of check-jsonschema's time is {half:.3f} s, less than Python, pydantic and "
            "the model's classes cost before a record is read."
        )
    return (
        f"Half of check-jsonschema's time is {half:.3f} s: Python, pydantic and the model's "
        f"classes leave {left:.3f} s of it for everything after."
    )


def write_section(text: str) -> None:
    """Put ``text`` between the markers of RESULTS.md (at its end the first time)."""
    current = RESULTS.read_text(encoding="utf-8")
    if START in current and END in current:
        before, rest = current.split(START, 1)
        current = before + text + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    RESULTS.write_text(current, encoding="utf-8")


def main() -> None:
    """Measure, print and write the section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trialmodel-startup-") as folder:
        cache = Path(folder)
        (cache / "a file").write_text("in the way of a cache folder\n", encoding="utf-8")
        measured = benchmarks(cache)
        warm = {**os.environ, **_at(cache)}
        subprocess.run(measured[0].argv, cwd=ROOT, env=warm, check=True, capture_output=True)
        measure(measured, args.repeats, quiet=True)
        text = section(measured, args.repeats, import_costs(cache))
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
