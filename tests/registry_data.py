"""Reading the registry's JSON files in tests: the studies of a file, a value at a record path."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any


def studies_in(path: Path) -> list[dict[str, Any]]:
    """The studies of an API v2 file: one study object, or a page's ``studies``."""
    doc = json.loads(path.read_bytes())
    return list(doc["studies"]) if "studies" in doc else [doc]


def value_at(data: Any, path: str) -> Any:
    """The value at a dotted path with list indexes (``a.b[2].c``)."""
    for part in re.findall(r"[^.\[\]]+|\[[0-9]+\]", path):
        data = data[int(part[1:-1])] if part.startswith("[") else data[part]
    return data
