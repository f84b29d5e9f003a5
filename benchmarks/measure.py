"""Time whole processes and read their peak memory: the measuring half of ``benchmarks/run.py``."""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None
"""GNU time, to read a command's peak memory without this process's own (see ``run_once``)."""
BIN = Path(sys.executable).parent
"""The virtualenv's scripts: trialmodel and check-jsonschema are installed beside this Python."""


@dataclass(frozen=True)
class Sample:
    """One run of a command: wall-clock seconds, peak resident memory, exit code."""

    seconds: float
    max_rss_mib: float
    returncode: int
    cpu_seconds: float = 0.0
    """User and system CPU time of the command and everything it waited for."""


@dataclass
class Benchmark:
    """A command measured several times on ``files`` files."""

    label: str
    argv: list[str]
    files: int
    shown: str
    """The command as the table shows it (file lists abbreviated)."""
    ok_codes: tuple[int, ...] = (0,)
    samples: list[Sample] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    """Environment variables set for this command, on top of the common ones."""

    @property
    def median(self) -> float:
        """Median wall-clock seconds."""
        return statistics.median(s.seconds for s in self.samples)

    @property
    def median_cpu(self) -> float:
        """Median CPU seconds: less disturbed than wall-clock time by other work on the machine."""
        return statistics.median(s.cpu_seconds for s in self.samples)

    @property
    def per_file_ms(self) -> float:
        """Median milliseconds per file."""
        return 1000 * self.median / self.files if self.files else 0.0

    @property
    def peak_mib(self) -> float:
        """Largest peak resident memory of any run, MiB (the largest single process)."""
        return max(s.max_rss_mib for s in self.samples)

    @property
    def failed(self) -> str | None:
        """A description of an unexpected exit code, or None."""
        bad = sorted({s.returncode for s in self.samples} - set(self.ok_codes))
        return f"exit {', '.join(map(str, bad))}" if bad else None


def run_once(argv: Sequence[str], *, env: dict[str, str] | None = None) -> tuple[Sample, str]:
    """Run ``argv`` from the repository root; return its Sample and the tail of its output.

    Peak memory comes from ``/usr/bin/time``: a child forked from this Python would inherit its
    high-water mark (the kernel keeps it across exec), so it is read from a small launcher's child.
    """
    with tempfile.TemporaryFile() as output, tempfile.NamedTemporaryFile("r") as rss:
        launcher = [TIME, "-f", "%M", "-o", rss.name] if TIME else []
        start = time.perf_counter()
        process = subprocess.Popen(
            [*launcher, *argv], cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(max(0, output.seek(0, os.SEEK_END) - 2000))
        tail = output.read().decode("utf-8", "replace")
        reported = rss.read().strip().splitlines()
    # both figures are KiB on Linux; /usr/bin/time's covers the command's largest process
    kib = int(reported[-1]) if TIME and reported and reported[-1].isdigit() else usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, kib / 1024, process.returncode, cpu), tail


def compile_package(folder: Path = ROOT / "trialmodel") -> None:
    """Compile the package's bytecode (``__pycache__``, which git ignores) before it is timed.

    ``pip install`` compiles an installed package's bytecode: check-jsonschema's, pydantic's and
    the baselines' (installed from ``git archive``) are compiled. This tree is installed editable,
    which compiles nothing, and its commands run with PYTHONDONTWRITEBYTECODE (below; some
    environments set it too), so without this every run would compile trialmodel's modules from
    source, a cost no installed copy pays. Compiled, every command runs the same way.
    """
    compileall.compile_dir(folder, quiet=1)


def measure(benchmarks: Sequence[Benchmark], repeats: int, *, quiet: bool = False) -> None:
    """Run every benchmark ``repeats`` times, round-robin, so drift spreads over all of them
    (trialmodel's bytecode compiled first, as an installed copy has it: `compile_package`)."""
    compile_package()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    for _ in range(repeats):
        for bench in benchmarks:
            sample, tail = run_once(bench.argv, env={**env, **bench.env})
            bench.samples.append(sample)
            if sample.returncode not in bench.ok_codes:
                print(f"  {bench.label}: exit {sample.returncode}\n{tail}", file=sys.stderr)
            elif not quiet:
                print(f"  {bench.label}: {sample.seconds:.2f} s, {sample.max_rss_mib:.0f} MiB")


def heavy_imports(argv: Sequence[str], modules: Sequence[str]) -> dict[str, str]:
    """Which of ``modules`` the command imports, each with the trialmodel module that pulled it in.

    Reads ``python -X importtime`` output: a module is listed after everything it imports, one
    indentation step deeper than its importer.
    """
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], cwd=ROOT, capture_output=True, text=True
    )
    rows: list[tuple[int, str]] = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        name_part = line.rsplit("|", 1)[1]
        depth = len(name_part) - len(name_part.lstrip())
        rows.append((depth, name_part.strip()))
    found: dict[str, str] = {}
    for index, (depth, name) in enumerate(rows):
        top = name.split(".")[0]
        if top not in modules or top in found:
            continue
        found[top] = _importer(rows, index, depth)
    return found


def _importer(rows: list[tuple[int, str]], index: int, depth: int) -> str:
    """The innermost trialmodel module among the importers of ``rows[index]``."""
    for later_depth, later_name in rows[index + 1 :]:
        if later_depth < depth:
            depth = later_depth
            if later_name.startswith("trialmodel"):
                return later_name
    return "(not a trialmodel module)"
