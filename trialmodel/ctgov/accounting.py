"""What the importer left unread of a study: each registry path holding values it did not read,
skipped by design or with no place in the record (a loss), and how many values each holds.

The importer's `Node` records every path it reads (`reader.py`); this module walks the study
against that set afterwards, so nothing the registry gives is dropped silently.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["account"]

_INDEX = re.compile(r"\[[0-9]+\]")


def generic_path(path: str) -> str:
    """A concrete path with its list indices dropped: ``a.b[3].c`` -> ``a.b[].c``."""
    return _INDEX.sub("[]", path)


def _touched(used: set[str], skip: frozenset[str]) -> Callable[[str], bool]:
    """Whether a path was read, lies above a path read (``a.b``, ``a.b[3]`` above ``a.b[3].c``),
    or lies above a skipped path: looked up for the unread parts alone, never built for every
    path read."""
    ordered = sorted(used)
    above_skips = _ancestors(skip)

    def touched(path: str) -> bool:
        if path in used or path in above_skips:
            return True
        # the paths that start with ``path`` stand together in sorted order, from its place on
        size, end = len(path), len(ordered)
        at = bisect.bisect_left(ordered, path)
        while at < end and ordered[at].startswith(path):
            below = ordered[at]
            if len(below) > size and below[size] in ".[":
                return True
            at += 1
        return False

    return touched


def _leaves(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    return 0 if value is None else 1


def _ancestors(paths: Iterable[str]) -> frozenset[str]:
    return frozenset(p[: m.start()] for p in paths for m in re.finditer(r"[.\[]", p))


@dataclass(frozen=True, slots=True)
class Account:
    """What was not read of a study: skipped by design, or with no place in the record (a loss)."""

    skipped: dict[str, int]
    """Generic registry paths left out by design (see ``SKIPPED``), with their value counts."""
    unmapped: dict[str, int]
    """Generic registry paths with no place in the record, with their value counts."""


def account(study: dict[str, Any], used: set[str], skips: Iterable[str] = ()) -> Account:
    """Registry paths holding values that were not read, with how many values each holds.

    A path in ``skips`` (generic, such as ``resultsSection.adverseEventsModule``) is counted as
    skipped. Any other part with nothing read is reported at its own path (at least module deep,
    such as ``resultsSection.baselineCharacteristicsModule``), with list indices dropped.
    """
    skip = frozenset(skips)
    touched = _touched(used, skip)
    counts: Counter[str] = Counter()
    skipped: Counter[str] = Counter()

    def walk(value: Any, path: str, generic: str, depth: int) -> None:
        # ``generic`` is ``generic_path(path)``, built along the way
        if path in used:
            return
        if generic in skip:
            if n := _leaves(value):
                skipped[generic] += n
            return
        at_depth = depth >= 2 or not isinstance(value, dict | list)
        if at_depth and not touched(path) and (generic == path or not touched(generic)):
            if n := _leaves(value):
                counts[generic] += n
            return
        if isinstance(value, dict):
            for key, child in value.items():
                below = f"{path}.{key}" if path else key
                if below in used:
                    continue  # read: the most common case, decided without a call
                # a key holding ``[digits]`` itself is generalised as the whole path would be
                gkey = _INDEX.sub("[]", key) if "[" in key else key
                walk(child, below, f"{generic}.{gkey}" if path else gkey, depth + 1)
        elif isinstance(value, list):
            listed = f"{generic}[]"
            for i, child in enumerate(value):
                walk(child, f"{path}[{i}]", listed, depth)

    walk(study, "", "", 0)
    return Account(dict(sorted(skipped.items())), dict(sorted(counts.items())))


def unmapped_paths(study: dict[str, Any], used: set[str]) -> dict[str, int]:
    """Registry paths holding values that were not read (nothing skipped), with their counts."""
    return account(study, used).unmapped
