"""The floor of the registry benchmarks: the same GET requests, bare httpx, nothing done with them.

python benchmarks/registry_floor.py BASE_URL PATHS_FILE
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx


def main() -> None:
    base, listing = sys.argv[1], Path(sys.argv[2])
    with httpx.Client(base_url=base) as client:
        for path in listing.read_text(encoding="utf-8").splitlines():
            response = client.get(path)
            response.json()


if __name__ == "__main__":
    main()
