"""Measure trialmodel against its floor and its peer, in one run: ``python benchmarks/run.py``.

Builds the corpora if needed (``generate.py``), then times whole processes, each several times
round-robin, and writes ``benchmarks/RESULTS.md``: medians, per-file times, ratios to the peer
(check-jsonschema with our exported schema) and to the floor (libyaml parsing only), peak memory,
and the targets of issue 6, met or not. ``--quick`` uses small corpora and one repeat.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DEFAULT_OUT, build_corpus, corpus_ready
from measure import BIN, ROOT, Benchmark, heavy_imports, measure
from report import Context, write_results

SCHEMA = ROOT / "schemas" / "trial-record.schema.json"
PEER = "peer"
"""check-jsonschema as installed beside trialmodel (ruamel.yaml parsing in pure Python)."""
FAST_PEER = "peer+libyaml"
"""The same check-jsonschema with ruamel.yaml's C parser."""
HEAVY = ("deepdiff", "ruamel", "jsonschema")
"""Modules ``trialmodel validate`` should not import."""


def _rel(path: Path) -> str:
    """A path relative to the repository root, as the table shows it."""
    return path.resolve().relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def ensure_corpus(count: int, seed: int) -> Path:
    """The corpus of ``count`` records, generated if missing or stale."""
    out = DEFAULT_OUT / str(count)
    if not corpus_ready(out, count, seed):
        print(f"generating {count:,} records into {_rel(out)}/ …", flush=True)
        build_corpus(out, count, seed=seed)
    return out


def schema_file(scratch: Path) -> tuple[str, str]:
    """Our exported JSON Schema, as (path to run with, name to show): the committed file, or one
    rendered from the model now."""
    if SCHEMA.is_file():
        return _rel(SCHEMA), _rel(SCHEMA)
    target = scratch / "trial-record.schema.json"
    try:
        from trialmodel.schema.build import render_schema

        target.write_bytes(render_schema())
    except ImportError:
        from trialmodel import TrialRecord

        target.write_text(json.dumps(TrialRecord.model_json_schema()), encoding="utf-8")
    return str(target), "trial-record.schema.json (rendered from the model)"


def fast_peer() -> Path | None:
    """check-jsonschema with ruamel.yaml's libyaml parser (``ruamel.yaml.clib``), in its own venv.

    ruamel.yaml 0.19 no longer pulls in its C extension, so the peer as installed parses YAML in
    pure Python; the issue's planning figures are for the C parser. The same versions are installed
    with the extension beside the corpus (git-ignored), once; None if that cannot be done.
    """
    venv = DEFAULT_OUT / "peer-libyaml"
    script = venv / "bin" / "check-jsonschema"
    if script.is_file():
        return script
    print("installing check-jsonschema with ruamel.yaml.clib for the libyaml peer …", flush=True)
    pins = [f"{name}=={version(name)}" for name in ("check-jsonschema", "ruamel.yaml")]
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, *pins, "ruamel.yaml.clib"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"the libyaml peer is not available: {exc}", file=sys.stderr)
        return None
    return script


def _peer(label: str, script: Path, schema: str, files: list[str], shown: str) -> Benchmark:
    return Benchmark(label, [str(script), "--schemafile", schema, *files], len(files), shown)


def corpus_benchmarks(
    count: int, corpus: Path, schema: tuple[str, str], peers: dict[str, Path]
) -> list[Benchmark]:
    """Validate serially and with --jobs 2, the floor, the peer and diff, on one corpus."""
    a, b = _rel(corpus / "a"), _rel(corpus / "b")
    tm = str(BIN / "trialmodel")
    n = f"{count:,}"
    benches = [
        Benchmark(f"validate {n}", [tm, "validate", a], count, f"trialmodel validate {a}"),
        Benchmark(
            f"validate --jobs 2 {n}",
            [tm, "validate", "--jobs", "2", a],
            count,
            f"trialmodel validate --jobs 2 {a}",
        ),
        Benchmark(
            f"floor {n}",
            [sys.executable, "benchmarks/floor.py", a],
            count,
            f"python benchmarks/floor.py {a}",
        ),
        Benchmark(
            f"diff {n}", [tm, "diff", a, b], count, f"trialmodel diff {a} {b}", ok_codes=(0, 1)
        ),
    ]
    files = sorted(_rel(p) for p in (corpus / "a").glob("*.yaml"))
    for name, script in peers.items():
        shown = f"check-jsonschema --schemafile {schema[1]} {a}/*.yaml"
        benches.append(_peer(f"{name} {n}", script, schema[0], files, shown))
    return benches


def startup_benchmarks(schema: tuple[str, str], peers: dict[str, Path]) -> list[Benchmark]:
    """``trialmodel validate records/`` against check-jsonschema on one record."""
    records = sorted((ROOT / "records").glob("*.yaml"))
    one = _rel(records[0]) if records else "records/missing.yaml"
    ours = Benchmark(
        "start-up: validate records/",
        [str(BIN / "trialmodel"), "validate", "records/"],
        len(records),
        "trialmodel validate records/",
    )
    shown = f"check-jsonschema --schemafile {schema[1]} {one}"
    theirs = [
        _peer(f"start-up: {name} on one record", script, schema[0], [one], shown)
        for name, script in peers.items()
    ]
    return [ours, *theirs]


def stage_times(directory: Path) -> dict[str, float]:
    """Where validation time goes, measured in its own process by ``stages.py``."""
    command = [sys.executable, "benchmarks/stages.py", _rel(directory)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    times: dict[str, float] = json.loads(done.stdout)
    return times


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 and 1,000 records, one repeat")
    parser.add_argument("--repeats", type=int, help="repeats per benchmark (default 3; quick 1)")
    parser.add_argument(
        "--large-repeats", type=int, help="repeats on the large corpus (default: --repeats)"
    )
    parser.add_argument(
        "--peer-large",
        action="store_true",
        help="also run the pure-Python peer on the large corpus (slow) instead of extrapolating",
    )
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    return parser.parse_args(argv)


def _measure_corpus(
    count: int,
    corpus: Path,
    schema: tuple[str, str],
    peers: dict[str, Path],
    repeats: int,
    *,
    large: bool,
) -> list[Benchmark]:
    """Every benchmark on one corpus, in turn, so that other load on the machine falls on all.

    On the small corpus the libyaml peer takes its turn with ours; the pure-Python peer, and
    every peer on the large corpus, run once (each takes as long as all the rest together).
    """
    benches = corpus_benchmarks(count, corpus, schema, peers)
    in_turn = [
        b for b in benches if not b.label.startswith("peer") or (not large and FAST_PEER in b.label)
    ]
    print(f"{count:,} records", flush=True)
    measure(in_turn, repeats)
    measure([b for b in benches if b not in in_turn], 1)
    return benches


def main(argv: list[str] | None = None) -> int:
    """Build the corpora, measure everything, write RESULTS.md."""
    args = _arguments(argv)
    counts = (200, 1_000) if args.quick else (1_000, 10_000)
    repeats = args.repeats or (1 if args.quick else 3)
    large_repeats = args.large_repeats or repeats
    corpora = {count: ensure_corpus(count, args.seed) for count in counts}
    peers = {PEER: BIN / "check-jsonschema"}
    fast = fast_peer()
    if fast is not None:
        peers[FAST_PEER] = fast
    with tempfile.TemporaryDirectory() as scratch:
        schema = schema_file(Path(scratch))
        startup = startup_benchmarks(schema, peers)
        print("start-up", flush=True)
        measure(startup, max(5, repeats))
        results: dict[int, list[Benchmark]] = {}
        for count, corpus in corpora.items():
            large = count == max(counts)
            here = {n: p for n, p in peers.items() if not large or n != PEER or args.peer_large}
            times = large_repeats if large else repeats
            results[count] = _measure_corpus(count, corpus, schema, here, times, large=large)
    context = Context(
        counts=counts,
        corpora=corpora,
        repeats=repeats,
        large_repeats=large_repeats,
        quick=args.quick,
        startup=startup,
        results=results,
        heavy_imports=heavy_imports(["-m", "trialmodel", "validate", "records/"], HEAVY),
        stages=stage_times(corpora[min(counts)] / "a"),
    )
    print(write_results(args.output, context))
    return 0


if __name__ == "__main__":
    sys.exit(main())
