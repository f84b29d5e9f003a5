"""The import section of ``benchmarks/RESULTS.md``: the table and the targets of issue 10."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from measure import Benchmark

START = "<!-- import-benchmark:start (written by benchmarks/imports.py) -->"
END = "<!-- import-benchmark:end -->"
SPEED_TARGET = 8.0
"""Importing the corpus at least this many times faster than the baseline."""
VALIDATE_TARGET = 3.0
"""Importing takes at most this many times what validating the written records takes."""
MEMORY_TOLERANCE = 1.25
"""Peak memory counts as independent of the page's size when the largest page stays within this
factor of the smallest."""


@dataclass(frozen=True)
class Row:
    """One measured command, summarised."""

    label: str
    shown: str
    records: int
    wall: float
    cpu: float
    peak_mib: float
    runs: int
    failed: str | None

    @classmethod
    def of(cls, bench: Benchmark) -> Row:
        """The summary of a benchmark's samples."""
        return cls(
            bench.label,
            bench.shown,
            bench.files,
            bench.median,
            bench.median_cpu,
            bench.peak_mib,
            len(bench.samples),
            bench.failed,
        )

    def per_record(self, cpu: bool = False) -> float:
        """Milliseconds per record, wall-clock or CPU."""
        return 1000 * (self.cpu if cpu else self.wall) / self.records


def _find(rows: list[Row], label: str) -> Row:
    return next(r for r in rows if r.label == label)


def _table(rows: list[Row]) -> list[str]:
    out = [
        "| benchmark | command | runs | median s | median CPU s | ms per record "
        "| CPU ms per record | peak MiB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        note = f" ({r.failed})" if r.failed else ""
        out.append(
            f"| {r.label}{note} | `{r.shown}` | {r.runs} | {r.wall:.2f} | {r.cpu:.2f} | "
            f"{r.per_record():.1f} | {r.per_record(cpu=True):.1f} | {r.peak_mib:.0f} |"
        )
    return out


def _targets(rows: list[Row], common: int) -> list[str]:
    base, ours = _find(rows, f"baseline import {common}"), _find(rows, f"import {common}")
    check = _find(rows, f"validate {common}")
    speed, speed_cpu = base.wall / ours.wall, base.cpu / ours.cpu
    ratio, ratio_cpu = ours.wall / check.wall, ours.cpu / check.cpu
    pages = sorted((r for r in rows if r.label.startswith("page ")), key=lambda r: r.records)
    grew = pages[-1].peak_mib / pages[0].peak_mib
    base_pages = sorted(
        (r for r in rows if r.label.startswith("baseline page ")), key=lambda r: r.records
    )
    base_grew = ", ".join(f"{r.records} studies {r.peak_mib:.0f} MiB" for r in base_pages)
    ours_grew = ", ".join(f"{r.records} studies {r.peak_mib:.0f} MiB" for r in pages)

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    return [
        "| target | measured | verdict |",
        "|---|---|---|",
        f"| import the corpus ≥{SPEED_TARGET:.0f}× faster than {{baseline}} (wall-clock and CPU) "
        f"| {speed:.1f}× wall-clock ({base.wall:.2f} s → {ours.wall:.2f} s), {speed_cpu:.1f}× CPU "
        f"({base.cpu:.2f} s → {ours.cpu:.2f} s) "
        f"| {verdict(min(speed, speed_cpu) >= SPEED_TARGET)} |",
        f"| import ≤{VALIDATE_TARGET:.0f}× the time of `validate` on the records it wrote "
        f"(wall-clock and CPU) | {ratio:.2f}× wall-clock ({ours.wall:.2f} s vs "
        f"{check.wall:.2f} s), {ratio_cpu:.2f}× CPU "
        f"| {verdict(max(ratio, ratio_cpu) <= VALIDATE_TARGET)} |",
        f"| peak memory independent of the studies in a page (largest ≤{MEMORY_TOLERANCE}× "
        f"smallest) | {ours_grew} (×{grew:.2f}); the baseline: {base_grew} | "
        f"{verdict(grew <= MEMORY_TOLERANCE)} |",
    ]


def render_section(rows: list[Row], *, baseline: str, common: int, total: int) -> str:
    """The import section, markers included."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.system()} {platform.machine()}, Python {platform.python_version()}"
    lines = [
        START,
        "## Import (issue 10)",
        "",
        f"Measured by `python benchmarks/imports.py` on {now} ({machine}). The baseline is "
        f"commit `{baseline}` (the session start: records written by ruamel.yaml's pure-Python "
        "emitter), installed from `git archive` into its own virtual environment and run in turn "
        "with this tree, whole processes, the same files, both from compiled bytecode (as "
        "`pip install` leaves the baseline; this tree's is compiled first); a target counts as "
        "met only when both "
        "the wall-clock and the CPU ratio meet it (the machine is shared: wall-clock ratios move "
        "with the load). The corpus is `tests/data/ctgov-corpus` "
        f"(real registry records): {common} files both versions import (the baseline refuses "
        f"{total - common}), and all {total} for this tree. Each run imports with `--force` into "
        "the same folder, so every run writes every record. Times are medians; the machine is "
        "shared, so CPU times (user + system of the process) are given beside wall-clock ones. "
        'Pages are one `{"studies": [...]}` file of N corpus studies (cycled, with unissued NCT '
        "ids); peak memory is the process's maximum resident set.",
        "",
        *_table(rows),
        "",
        "### Targets (issue 10)",
        "",
        *[line.replace("{baseline}", f"`{baseline}`") for line in _targets(rows, common)],
        END,
    ]
    return "\n".join(lines) + "\n"


def write_section(path: Path, rows: list[Row], *, baseline: str, common: int, total: int) -> str:
    """Put the import section into RESULTS.md (replacing an earlier one); return the section."""
    section = render_section(rows, baseline=baseline, common=common, total=total)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    text = splice(text, section)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return section


def splice(text: str, section: str) -> str:
    """``text`` with its import section replaced by ``section`` (appended when it has none)."""
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        return before + section + (f"\n{after}" if after else "")
    return text.rstrip("\n") + "\n\n" + section if text else section


def kept_section(path: Path) -> str | None:
    """The import section of an existing RESULTS.md, for ``run.py`` to keep."""
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return None
    return START + text.split(START, 1)[1].split(END, 1)[0] + END + "\n"
