"""The floor: only parse every record file with libyaml, consuming its events, in one process.

``python benchmarks/floor.py DIR`` does no more than any YAML validator must do, so no whole-process
validation of the same files can be faster than this.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def parse_all(directory: Path) -> int:
    """Parse every ``*.yaml`` file under ``directory`` with libyaml; return the number of events."""
    events = 0
    for path in sorted(directory.glob("*.yaml")):
        for _ in yaml.parse(path.read_bytes(), Loader=yaml.CLoader):
            events += 1
    return events


if __name__ == "__main__":
    print(parse_all(Path(sys.argv[1])))
