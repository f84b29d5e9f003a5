"""Where validation time goes, stage by stage, in one process: ``benchmarks/stages.py DIR``.

Prints JSON: CPU milliseconds per file (best of three passes over the files, read into memory
first) for libyaml's events alone, the loader (events, walk, source map), and the whole of
``validate_bytes`` (loader, model, rules); and the seconds it takes to import the validator.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from yaml._yaml import CParser

START = time.perf_counter()
from trialmodel.loading import load_bytes  # noqa: E402 - the import itself is being timed
from trialmodel.validation.files import validate_bytes  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - START


def per_file_ms(contents: list[bytes], work: Callable[[bytes], object]) -> float:
    """Best of three passes: CPU milliseconds per file."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for content in contents:
            work(content)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(contents)


def _events(content: bytes) -> int:
    """libyaml's events pulled as the loader pulls them (``get_event``, no generator)."""
    get = CParser(content).get_event
    count = 1
    while get().__class__ is not yaml.StreamEndEvent:
        count += 1
    return count


def main(directory: Path) -> dict[str, float]:
    """The stage timings for the record files in ``directory``."""
    contents = [path.read_bytes() for path in sorted(directory.glob("*.yaml"))]
    return {
        "files": len(contents),
        "import_s": IMPORT_SECONDS,
        "events_ms": per_file_ms(contents, _events),
        "load_ms": per_file_ms(contents, lambda c: load_bytes(c, "record.yaml")),
        "validate_ms": per_file_ms(contents, lambda c: validate_bytes(c, "record.yaml")),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
