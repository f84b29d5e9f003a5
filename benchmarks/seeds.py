"""The real records a benchmark corpus varies: curated records and imported registry data."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from trialmodel import TrialRecord

ROOT = Path(__file__).resolve().parent.parent
CTGOV = ROOT / "tests" / "data" / "ctgov"
"""The registry's API v2 study files that the tests import too."""

Record = dict[str, Any]


def read_yaml(path: Path) -> Any:
    """A YAML file as plain data, read the way ``trialmodel validate`` reads it (YAML 1.2)."""
    try:
        from trialmodel.loading import load_bytes
    except ImportError:  # before the fast loader exists: PyYAML, whose YAML 1.1 may differ
        return yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    loaded = load_bytes(path.read_bytes(), str(path))
    if loaded.data is None:
        problems = "; ".join(f.message for f in loaded.findings)
        raise ValueError(f"{path.name}: cannot be read: {problems}")
    return loaded.data


def _plain(record: TrialRecord) -> Record:
    """A validated record as the plain data a YAML file would hold."""
    data: Record = record.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data["schema_version"] = record.schema_version
    return data


def curated_seeds(records: Path) -> Iterator[Record]:
    """The curated records in ``records`` (not their history), each checked against the model."""
    for path in sorted(records.glob("*.yaml")):
        try:
            yield _plain(TrialRecord.model_validate(read_yaml(path)))
        except (ValueError, ValidationError) as exc:
            print(f"skipping seed {path.name}: {exc}", file=sys.stderr)


def imported_seeds(ctgov: Path = CTGOV) -> Iterator[Record]:
    """Records imported from the registry's API v2 files, when the importer is available."""
    try:
        from trialmodel.ctgov import CtgovError, import_file
    except ImportError:
        return
    for path in sorted(ctgov.glob("NCT*.json")):
        try:
            studies = import_file(path)
        except CtgovError as exc:
            print(f"skipping seed {path.name}: {exc}", file=sys.stderr)
            continue
        for study in studies:
            yield _plain(study.record)


def load_seeds(records: Path) -> list[Record]:
    """Every seed record, curated first; an error when there is none to vary."""
    seeds = [*curated_seeds(records), *imported_seeds()]
    if not seeds:
        raise SystemExit(f"no seed records in {records.name}/: the generator varies real records")
    return seeds


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def word_pool(seeds: list[Record]) -> list[str]:
    """The words of the seeds' texts, in order of first appearance, for lengthening text."""
    seen: dict[str, None] = {}
    for seed in seeds:
        for text in _strings(seed):
            for word in text.split():
                if word.isalpha() and len(word) > 2:
                    seen.setdefault(word.lower(), None)
    return list(seen) or ["cells", "dose", "trial"]
