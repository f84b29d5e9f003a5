"""Build a registry-sized benchmark corpus from real records: ``python benchmarks/generate.py``.

Every generated record is a variation of a real one (``records/*.yaml``, and the registry files in
``tests/data/ctgov/`` once ``trialmodel import ctgov`` can read them): a new NCT id in a range the
registry has not issued (NCT90000000 and up), lists lengthened or shortened, text lengthened or cut,
so that files vary around a mean of about 14 KB. Each record says in its provenance that it is
synthetic. Record ``i`` depends only on the seed and ``i``, so the corpus is deterministic and a
small corpus is the prefix of a large one.

A second snapshot (``b/``) is the same corpus with a few per cent of records changed the way
registry records change: status, enrollment, a date slip, an outcome's time frame.

Layout: ``<out>/<count>/a/*.yaml`` and ``<out>/<count>/b/*.yaml``, with ``manifest.json``.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seeds import load_seeds, word_pool
from variation import CHANGES, change_record, fit_size, stretch_lists

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / ".corpus"
FIRST_ID = 90_000_000
"""Generated ids start here: well above any id the registry has issued."""

Record = dict[str, Any]


@dataclass(frozen=True)
class CorpusInfo:
    """What was generated, for the manifest and the results table."""

    count: int
    seed: int
    changed_fraction: float
    seeds: list[str]
    seeds_digest: str
    """SHA-256 of the seed records as written: a corpus is stale once a seed record changes."""
    mean_bytes: float
    changed: int
    sample_checked: int
    sample_errors: int


def nct_id(index: int) -> str:
    """The synthetic NCT id of record ``index``."""
    return f"NCT{FIRST_ID + index:08d}"


_YAML12_NOT_STRING = re.compile(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
"""Plain scalars that the YAML 1.2 core schema reads as null, a boolean or a number."""


class _Dumper(yaml.CSafeDumper):
    """PyYAML's C dumper, quoting what YAML 1.2 would read as other than a string (``02905``).

    It never writes anchors: a record may not hold them, and copied list items share objects.
    """

    def ignore_aliases(self, data: Any) -> bool:
        """Write every value out in full."""
        return True


def _represent_str(dumper: _Dumper, value: str) -> yaml.Node:
    quote = _YAML12_NOT_STRING.fullmatch(value) is not None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'" if quote else None)


_Dumper.add_representer(str, _represent_str)


def render(data: Record) -> str:
    """A record as YAML text, in the order of its keys, read the same by YAML 1.1 and 1.2."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return text


def usable_seeds(records: Path) -> list[Record]:
    """The seed records that validate without errors once written out (warnings are kept)."""
    from trialmodel.validation.files import validate_bytes

    usable = []
    for seed in load_seeds(records):
        name = seed["identification"]["nct_id"]
        report = validate_bytes(render(seed).encode("utf-8"), f"{name}.yaml")
        if report.errors:
            codes = sorted({f.code for f in report.findings})
            print(f"skipping seed {name}: {', '.join(codes)}", file=sys.stderr)
        else:
            usable.append(seed)
    if not usable:
        raise SystemExit("no seed record validates: the generator varies valid records")
    return usable


def digest(seeds: list[Record]) -> str:
    """A fingerprint of the seed records' content."""
    return hashlib.sha256("".join(render(s) for s in seeds).encode("utf-8")).hexdigest()


def make_record(seeds: list[Record], words: list[str], seed: int, index: int) -> Record:
    """Record ``index`` of the corpus: a varied copy of one seed record."""
    rng = random.Random(f"{seed}:{index}")
    base = seeds[index % len(seeds)]
    data = copy.deepcopy(base)
    origin = data["identification"]["nct_id"]
    data["identification"]["nct_id"] = nct_id(index)
    for registration in data["identification"].get("registrations", []):
        if registration["id"] == origin:  # a ClinicalTrials.gov registration repeats the NCT id
            registration["id"] = nct_id(index)
    provenance = data["provenance"]
    # which source gave which value is the seed's; the lists stretched below move the values
    provenance.pop("values", None)
    notes = provenance.setdefault("curation_notes", [])
    notes.append(
        {
            "topic": "benchmark",
            "note": f"Synthetic record made by benchmarks/generate.py from {origin}; "
            "not a real trial.",
        }
    )
    stretch_lists(data, rng)
    target = round(rng.triangular(6_000, 24_000, 11_000))
    return fit_size(data, target, words, rng, render)


def changed_copy(data: Record, seed: int, index: int, fraction: float) -> Record | None:
    """The second-snapshot version of a record, or None when it stays the same."""
    rng = random.Random(f"{seed}:{index}:changed")
    if rng.random() >= fraction:
        return None
    return change_record(data, rng)


def write_text(path: Path, text: str) -> None:
    """Write a file through a temporary file in the same folder."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def build_corpus(
    out: Path,
    count: int,
    *,
    seed: int = 6,
    changed_fraction: float = 0.03,
    records: Path | None = None,
) -> CorpusInfo:
    """Write ``count`` records to ``out/a`` and their second snapshot to ``out/b``."""
    seeds = usable_seeds(records or ROOT / "records")
    words = word_pool(seeds)
    for side in ("a", "b"):
        (out / side).mkdir(parents=True, exist_ok=True)
    total = changed = 0
    for index in range(count):
        data = make_record(seeds, words, seed, index)
        text = render(data)
        total += len(text.encode("utf-8"))
        name = f"{nct_id(index)}.yaml"
        write_text(out / "a" / name, text)
        later = changed_copy(data, seed, index, changed_fraction)
        changed += later is not None
        write_text(out / "b" / name, text if later is None else render(later))
    checked, errors = check_sample(out, count)
    info = CorpusInfo(
        count=count,
        seed=seed,
        changed_fraction=changed_fraction,
        seeds=sorted(s["identification"]["nct_id"] for s in seeds),
        seeds_digest=digest(seeds),
        mean_bytes=total / count if count else 0.0,
        changed=changed,
        sample_checked=checked,
        sample_errors=errors,
    )
    write_text(out / "manifest.json", json.dumps(asdict(info), indent=2) + "\n")
    return info


def check_sample(out: Path, count: int, every: int = 50) -> tuple[int, int]:
    """Validate every ``every``-th record of both snapshots; return (files checked, errors)."""
    from trialmodel.validation.files import validate_serially as validate_paths

    names = [f"{nct_id(index)}.yaml" for index in range(0, count, every)]
    report = validate_paths([out / side / name for side in ("a", "b") for name in names])
    return len(report.files), report.errors


def corpus_ready(out: Path, count: int, seed: int) -> bool:
    """True when ``out`` already holds this corpus (same count and seed, seeds unchanged)."""
    manifest = out / "manifest.json"
    if not manifest.is_file():
        return False
    info = json.loads(manifest.read_text(encoding="utf-8"))
    wanted = {"count": count, "seed": seed, "seeds_digest": digest(usable_seeds(ROOT / "records"))}
    return all(info.get(key) == value for key, value in wanted.items())


def shown(path: Path) -> str:
    """A path for messages: relative to the working directory where it can be."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.name


def main(argv: list[str] | None = None) -> int:
    """Generate the corpora named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1_000, 10_000])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--changed", type=float, default=0.03, help="fraction changed in b/")
    parser.add_argument("--force", action="store_true", help="regenerate an existing corpus")
    args = parser.parse_args(argv)
    for count in args.counts:
        out = args.out / str(count)
        if not args.force and corpus_ready(out, count, args.seed):
            print(f"{shown(out)}: up to date")
            continue
        foreign = out.is_dir() and any(out.iterdir()) and not (out / "manifest.json").exists()
        if foreign and not args.force:
            print(f"{shown(out)} is not a corpus; use --force to overwrite it", file=sys.stderr)
            return 2
        info = build_corpus(out, count, seed=args.seed, changed_fraction=args.changed)
        print(
            f"{shown(out)}: {info.count} records, mean {info.mean_bytes / 1024:.1f} KiB, "
            f"{info.changed} changed in b/ ({', '.join(CHANGES)}); "
            f"{info.sample_errors} errors in a sample of {info.sample_checked} files"
        )
        if info.sample_errors:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
