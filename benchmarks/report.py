"""Turn measurements into ``benchmarks/RESULTS.md``: the table, the machine, the targets."""

from __future__ import annotations

import json
import os
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from imports_report import kept_section, splice
from measure import Benchmark

SERIAL_TARGET = 4.0
JOBS_TARGET = 7.0
MEMORY_TARGET_MIB = 100.0
BULK = 1_000
"""The smallest corpus on which bulk speed is judged; below it start-up dominates."""
PEERS = ("peer", "peer+libyaml")
"""check-jsonschema as installed (pure-Python YAML), and with ruamel.yaml's C parser."""
LINEAR_TOLERANCE = 1.25
"""Diff counts as linear when its per-record time grows by at most this factor."""


@dataclass(frozen=True)
class Context:
    """Everything one run measured."""

    counts: tuple[int, ...]
    corpora: dict[int, Path]
    repeats: int
    large_repeats: int
    quick: bool
    startup: list[Benchmark]
    results: dict[int, list[Benchmark]]
    heavy_imports: dict[str, str]
    stages: dict[str, float]
    """In-process timings from ``stages.py``."""


def _find(benches: list[Benchmark], label: str) -> Benchmark | None:
    return next((b for b in benches if b.label == label and b.samples), None)


def peer_seconds(context: Context, count: int, peer: str) -> tuple[float | None, bool]:
    """A peer's median on ``count`` records, and whether it is extrapolated from a smaller run."""
    bench = _find(context.results[count], f"{peer} {count:,}")
    if bench is not None and not bench.failed:
        return bench.median, False
    smaller = [c for c in context.counts if c < count]
    if smaller:
        measured, _ = peer_seconds(context, smaller[-1], peer)
        if measured is not None:
            return measured * count / smaller[-1], True
    return None, False


def best_peer(context: Context, count: int) -> tuple[str, float | None, bool]:
    """The fastest peer on ``count`` records: (name, median seconds, extrapolated)."""
    timed = [(name, *peer_seconds(context, count, name)) for name in PEERS]
    found = [t for t in timed if t[1] is not None]
    if not found:
        return PEERS[0], None, False
    return min(found, key=lambda t: t[1] or 0.0)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}×"


def _row(bench: Benchmark, peers: list[float | None], floor: float | None) -> str:
    if bench.failed:
        return f"| {bench.label} | `{bench.shown}` | {bench.failed} |{' |' * (3 + len(peers))}"
    ours = bench.label.startswith("validate")
    faster = [_ratio(p / bench.median if p and ours else None) for p in peers]
    floor_x = bench.median / floor if floor else None
    return (
        f"| {bench.label} | `{bench.shown}` | {bench.median:.2f} | {bench.per_file_ms:.2f} | "
        f"{' | '.join(faster)} | {_ratio(floor_x)} | {bench.peak_mib:.0f} |"
    )


def table(context: Context) -> list[str]:
    """The Markdown table of every benchmark."""
    lines = [
        "| benchmark | command | median s | per-file ms | "
        + " | ".join(f"× faster than {p}" for p in PEERS)
        + " | × floor time | peak MiB |",
        "|---|---|---:|---:|" + "---:|" * len(PEERS) + "---:|---:|",
    ]
    lines += [_row(b, [None] * len(PEERS), None) for b in context.startup if b.samples]
    for count in context.counts:
        benches = context.results[count]
        peers = [peer_seconds(context, count, p)[0] for p in PEERS]
        floor_bench = _find(benches, f"floor {count:,}")
        floor = floor_bench.median if floor_bench and not floor_bench.failed else None
        lines += [_row(b, peers, floor) for b in benches if b.samples]
        lines += _extrapolated_rows(context, count, floor)
    return lines


def _extrapolated_rows(context: Context, count: int, floor: float | None) -> list[str]:
    """Rows for peers not run on this corpus, their time scaled from the smaller corpus."""
    rows = []
    for name in PEERS:
        seconds, guessed = peer_seconds(context, count, name)
        if seconds is None or not guessed:
            continue
        floor_x = _ratio(seconds / floor if floor else None)
        rows.append(
            f"| {name} {count:,} | not run: extrapolated from the smaller corpus | "
            f"{seconds:.2f} | {1000 * seconds / count:.2f} |{' — |' * len(PEERS)} {floor_x} | — |"
        )
    return rows


def _ok(met: bool | None) -> str:
    return "not measured" if met is None else ("met" if met else "**not met**")


def _speed_targets(context: Context) -> list[str]:
    rows = []
    for label, prefix, goal in (
        ("serial", "validate", SERIAL_TARGET),
        ("`--jobs 2`", "validate --jobs 2", JOBS_TARGET),
    ):
        parts, verdicts = [], []
        for count in context.counts:
            bench = _find(context.results[count], f"{prefix} {count:,}")
            name, peer, guessed = best_peer(context, count)
            if bench is None or bench.failed or peer is None:
                parts.append(f"{count:,}: not measured")
                continue
            ratio = peer / bench.median
            judged = count >= BULK
            if judged:
                verdicts.append(ratio >= goal)
            extra = " extrapolated" if guessed else ""
            aside = "" if judged else ", not judged: start-up dominates"
            parts.append(f"{count:,}: {ratio:.1f}× ({name}{extra}{aside})")
        met = all(verdicts) if verdicts else None
        rows.append(
            f"| bulk validation, {label}: ≥{goal:.0f}× the fastest peer | {'; '.join(parts)} "
            f"| {_ok(met)} |"
        )
    return rows


def _startup_target(context: Context) -> str:
    timed = [b for b in context.startup if b.samples and not b.failed]
    ours = next((b for b in timed if "validate" in b.label), None)
    peers = [b for b in timed if b is not ours]
    if ours is None or not peers:
        return "| start-up: `validate records/` faster than the peer on one record | not measured |"
    fastest = min(peers, key=lambda b: b.median)
    text = f"{ours.median:.3f} s vs {fastest.median:.3f} s ({fastest.label.split(': ')[1]})"
    return (
        f"| start-up: `validate records/` faster than the fastest peer on one record | {text} "
        f"| {_ok(ours.median < fastest.median)} |"
    )


def _memory_target(context: Context) -> str:
    large = context.results[max(context.counts)]
    memory = [b for b in large if b.label.startswith("validate") and not b.failed and b.samples]
    text = "; ".join(f"{b.label}: {b.peak_mib:.0f} MiB" for b in memory) or "not measured"
    met = all(b.peak_mib < MEMORY_TARGET_MIB for b in memory) if memory else None
    return (
        f"| peak memory of `validate` on {max(context.counts):,} records < "
        f"{MEMORY_TARGET_MIB:.0f} MiB | {text} | {_ok(met)} |"
    )


def _diff_target(context: Context) -> str:
    """Linear: each record beyond the small corpus costs no more than a record of the small one."""
    small, large = min(context.counts), max(context.counts)
    diffs = [_find(context.results[c], f"diff {c:,}") for c in (small, large)]
    if any(d is None or d.failed for d in diffs) or small == large:
        return "| diff linear in the number of records | not measured | not measured |"
    first, last = (d.median_cpu for d in diffs if d is not None)
    per_record = 1000 * first / small
    marginal = 1000 * (last - first) / (large - small)
    growth = marginal / per_record
    text = (
        f"CPU {per_record:.2f} ms per record at {small:,}; each further record to {large:,}: "
        f"{marginal:.2f} ms (×{growth:.2f})"
    )
    return (
        f"| diff linear: a further record costs ≤{LINEAR_TOLERANCE}× a record of the small "
        f"corpus | {text} | {_ok(growth <= LINEAR_TOLERANCE)} |"
    )


def _other_targets(context: Context) -> list[str]:
    heavy = ", ".join(f"{m} (imported by {by})" for m, by in context.heavy_imports.items())
    return [
        _startup_target(context),
        f"| `validate` imports none of deepdiff, ruamel.yaml, jsonschema | "
        f"{heavy or 'none imported'} | {_ok(not heavy)} |",
        _memory_target(context),
        _diff_target(context),
    ]


def breakdown(context: Context) -> list[str]:
    """Where one file's validation time goes, from ``stages.py``."""
    st = context.stages
    serial = _find(context.results[max(context.counts)], f"validate {max(context.counts):,}")
    whole = f"{serial.per_file_ms:.2f} ms" if serial and not serial.failed else "not measured"
    return [
        f"In one process, CPU time per file, best of three passes over {int(st['files']):,} "
        "files already in memory (`benchmarks/stages.py`):",
        "",
        "| stage | ms per file |",
        "|---|---:|",
        f"| libyaml's events, pulled as the loader pulls them | {st['events_ms']:.2f} |",
        f"| the loader's walk and source map (`load_bytes` less the events) | "
        f"{st['load_ms'] - st['events_ms']:.2f} |",
        f"| the model and the rules (`validate_bytes` less `load_bytes`) | "
        f"{st['validate_ms'] - st['load_ms']:.2f} |",
        f"| all of `validate_bytes` | {st['validate_ms']:.2f} |",
        "",
        f"Importing the validator takes {st['import_s']:.2f} s of every run; the whole serial "
        f"process on {max(context.counts):,} records costs {whole} per file, start-up, reading "
        "the files and the report included.",
    ]


def _versions() -> str:
    parts = []
    for package in ("trialmodel", "check-jsonschema", "pydantic", "PyYAML", "ruamel.yaml"):
        try:
            parts.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package} (not installed)")
    return ", ".join(parts)


def _corpus_line(context: Context) -> str:
    sizes = []
    for count, path in context.corpora.items():
        info = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        sizes.append(
            f"{count:,} records (mean {info['mean_bytes'] / 1024:.1f} KiB per file, "
            f"{info['changed']} changed in the second snapshot)"
        )
    return "; ".join(sizes)


def render(context: Context) -> str:
    """RESULTS.md as text."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    mode = " --quick" if context.quick else ""
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `python benchmarks/run.py{mode}` on {now}.",
        f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}; {_versions()}.",
        f"Corpus (`benchmarks/generate.py`, seed records varied): {_corpus_line(context)}.",
        f"Times are medians of {context.repeats} whole-process runs ({max(context.counts):,} "
        f"records: {context.large_repeats}; start-up: {max(5, context.repeats)}), run in turn; "
        f"the peers run once per corpus, except `peer+libyaml` on {min(context.counts):,} "
        "records, which takes its turn with ours. The peer is check-jsonschema "
        "with our exported schema: `peer` as installed beside trialmodel, whose ruamel.yaml 0.19 "
        "parses YAML in pure Python, and `peer+libyaml` with ruamel.yaml's C parser "
        "(ruamel.yaml.clib), as the planning figures assumed; targets are checked against the "
        "faster. A peer time marked extrapolated scales the smaller corpus's run linearly. "
        "The floor only parses the files with libyaml. Peak memory is the largest single process "
        "(with `--jobs`, the largest of parent and workers).",
        "",
        *table(context),
        "",
        "## Targets (issue 6)",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        *_speed_targets(context),
        *_other_targets(context),
        "",
        "## Where the time goes",
        "",
        *breakdown(context),
        "",
    ]
    return "\n".join(lines)


def write_results(path: Path, context: Context) -> str:
    """Write RESULTS.md through a temporary file, keeping the sections ``diffs.py`` and
    ``imports.py`` write; return its text."""
    text = render(context)
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    for name in ("snapshot-diff", "startup"):  # written by diffs.py and startup.py
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        if start in current and end in current:
            kept = start + current.split(start, 1)[1].split(end, 1)[0] + end
            text = text.rstrip("\n") + "\n\n" + kept + "\n"
    imports = kept_section(path)
    if imports is not None:
        text = splice(text, imports)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return text
