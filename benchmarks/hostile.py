"""Hostile files against an ordinary one of the same size: every check linear, memory bounded.

Each shape is a file built to make one check do as much work as it can (many tabs after many
``#``, a million findings, thousands of unknown keys, 4,000-digit numbers, ...). Each is validated
by a whole ``trialmodel validate`` process at two sizes, half the size limit and just under it;
the table gives the median wall-clock and CPU time, the ratio to an ordinary record of the same
size (a valid record with a long description), how the time grows when the size doubles (about 2
for a linear check, 4 for a quadratic one) and the peak resident memory. Measured here, never
asserted by a timed test.

    .venv/bin/python benchmarks/hostile.py [--repeat 3] [--out benchmarks/HOSTILE.md]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import BIN, Sample, run_once

from trialmodel.loading import MAX_FILE_BYTES, MAX_NODES

ROOT = Path(__file__).resolve().parent.parent
HEAD = (ROOT / "tests" / "examples" / "valid" / "small.yaml").read_text(encoding="utf-8")


def _fill(size: int, head: str, unit: str, tail: str = "") -> str:
    """``head``, then ``unit`` repeated to about ``size`` bytes, then ``tail``."""
    count = max(1, (size - len(head) - len(tail)) // len(unit.encode("utf-8")))
    return head + unit * count + tail


def baseline(size: int) -> str:
    """A valid record whose description makes up the size: the ordinary file."""
    line = "    An ordinary sentence of a long detailed description, as registries hold.\n"
    return _fill(size - 200, HEAD + "description:\n  detailed: |\n", line)


_AT_LIMIT = MAX_NODES - 1000
"""Items that keep a file just under the node limit (the small record around them has fewer
than 1,000 nodes)."""


def _half(size: int) -> int:
    return (size - 100) // 2


SHAPES: dict[str, Callable[[int], str]] = {
    "tabs after many # (one line)": lambda n: "a: b" + "#" * _half(n) + " #" + "\t" * _half(n),
    "tabs in comments (many lines)": lambda n: _fill(n, "a: 1\n", "b: c  #" + "\t" * 40 + "\n"),
    "list of wrong items": lambda n: _fill(n, HEAD + "conditions: [1", ",1", "]\n"),
    "list of empty mappings": lambda n: _fill(n, HEAD + "arms: [{}", ",{}", "]\n"),
    "unknown keys": lambda n: HEAD + "".join(f"k{i}: 1\n" for i in range(n // 9)),
    # Just under the node limit, where the model runs: the most errors one file can make.
    "wrong items at the node limit": lambda n: HEAD + "conditions: [1" + ",1" * _AT_LIMIT + "]\n",
    "empty mappings at the node limit": lambda n: HEAD + "arms: [{}" + ",{}" * _AT_LIMIT + "]\n",
    "unknown keys at the node limit": lambda n: (
        HEAD + "".join(f"k{i}: 1\n" for i in range(_AT_LIMIT // 2))
    ),
    "4,000-digit numbers": lambda n: _fill(n, "a: 1\n", "x: 0" + "1" * 3990 + "\n"),
    "long digit keys": lambda n: "".join(f"0{i:0>900}: 1\n" for i in range(n // 906)),
    "one long quoted text": lambda n: HEAD + 'note: "' + "x" * (n - len(HEAD) - 20) + '"\n',
    "one long enum value": lambda n: HEAD.replace(
        "overall: RECRUITING", "overall: " + "SUSPENDD" * ((n - len(HEAD)) // 8)
    ),
    "one long unknown key": lambda n: HEAD + "dose_levl" * ((n - len(HEAD)) // 9) + ": 1\n",
    "escaped control characters": lambda n: _fill(n, "a: 1\n", 'x: "\\e[31m\\0"\n'),
    "nesting at the depth limit": lambda n: _fill(n, "a:\n", "- " + "[" * 60 + "]" * 60 + "\n"),
    "duplicate keys": lambda n: _fill(n, HEAD, "sex: ALL\n"),
}


def _unique_keys(text: str) -> str:
    """Number repeated ``x:`` keys, so that a shape about values is not about duplicates."""
    parts = text.split("\nx")
    return parts[0] + "".join(f"\nx{i}{part}" for i, part in enumerate(parts[1:]))


def _measure(path: Path, repeat: int) -> list[Sample]:
    argv = [str(BIN / "trialmodel"), "validate", str(path)]
    return [run_once(argv)[0] for _ in range(repeat)]


def _row(name: str, small: list[Sample], large: list[Sample], base: float) -> str:
    cpu_small = statistics.median(s.cpu_seconds for s in small)
    cpu_large = statistics.median(s.cpu_seconds for s in large)
    wall = statistics.median(s.seconds for s in large)
    peak = max(s.max_rss_mib for s in large + small)
    growth = cpu_large / cpu_small if cpu_small else float("nan")
    return (
        f"| {name} | {wall:.2f} | {cpu_large:.2f} | {cpu_large / base:.1f}× | "
        f"{growth:.1f}× | {peak:.0f} |"
    )


def main(argv: list[str] | None = None) -> int:
    """Build each shape at two sizes, validate each ``--repeat`` times, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args(argv)
    large = MAX_FILE_BYTES - 1024
    small = large // 2
    lines = [
        f"Files of {small:,} and {large:,} bytes (the limit is {MAX_FILE_BYTES:,}); "
        f"median of {args.repeat} runs of `trialmodel validate FILE`.",
        "",
        "| shape | wall s | CPU s | CPU vs ordinary | CPU growth ×2 size | peak MiB |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        samples: dict[str, tuple[list[Sample], list[Sample]]] = {}
        for name, build in {"ordinary record (baseline)": baseline, **SHAPES}.items():
            measured = []
            for size in (small, large):
                path = Path(folder) / f"{len(samples)}-{size}.yaml"
                text = _unique_keys(build(size))
                data = text.encode("utf-8")[: MAX_FILE_BYTES - 1]
                path.write_bytes(data)
                measured.append(_measure(path, args.repeat))
            samples[name] = (measured[0], measured[1])
            print(f"measured {name}", file=sys.stderr)
        base = statistics.median(s.cpu_seconds for s in samples["ordinary record (baseline)"][1])
        lines.extend(_row(name, *pair, base) for name, pair in samples.items())
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    if args.out is not None:
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
