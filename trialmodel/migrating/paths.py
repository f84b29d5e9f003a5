"""Record paths through a migration: where a 1.x value is in the 2.0 record.

Moves compose: each step's moves are in the coordinates of the tree that step received, so a
path is mapped through the steps in order. Within a step the longest old path that is a prefix
of the path wins (a move of ``interventions[0].product`` carries ``...product.donor``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from trialmodel.loading.core import format_path
from trialmodel.migrating.base import Move, RecordPath

__all__ = ["map_path", "map_text", "parse_path", "replaced_value", "rewrite_paths"]

_PART = re.compile(r"\[([0-9]+)\]|\.?([A-Za-z_][A-Za-z0-9_]*)")


def parse_path(text: str) -> RecordPath | None:
    """``arms[1].dose_levels`` -> ``("arms", 1, "dose_levels")``; None for text that is not a
    record path (a curation note's topic may be a subject: ``vocabulary``)."""
    parts: list[str | int] = []
    at = 0
    while at < len(text):
        match = _PART.match(text, at)
        if match is None or (at == 0 and text.startswith((".", "["))):
            return None
        index, key = match.groups()
        parts.append(int(index) if index is not None else key)
        at = match.end()
    return tuple(parts) or None


def map_path(path: RecordPath, steps: Sequence[Sequence[Move]]) -> RecordPath:
    """Where ``path`` of the old record is in the new one, through each step's moves in order."""
    for moves in steps:
        best: Move | None = None
        for move in moves:
            if path[: len(move.old)] == move.old and (
                best is None or len(move.old) > len(best.old)
            ):
                best = move
        if best is not None:
            path = best.new + path[len(best.old) :]
    return path


def replaced_value(path: RecordPath, value: Any, steps: Sequence[Sequence[Move]]) -> Any:
    """What the value ``value`` at ``path`` of the old record is in the new one: itself, unless a
    step said it replaced that very value at that very place (``Move.replaced``)."""
    for moves in steps:
        for move in moves:
            if move.replaced is not None and move.old == path and move.replaced[0] == value:
                value = move.replaced[1]
                break
        path = map_path(path, (moves,))
    return value


def map_text(text: str, steps: Sequence[Sequence[Move]]) -> str:
    """A written record path mapped like ``map_path``; other text as it is."""
    path = parse_path(text)
    return text if path is None else format_path(map_path(path, steps))


def rewrite_paths(document: CommentedMap, steps: Sequence[Sequence[Move]]) -> None:
    """The record paths the record itself holds, mapped to the new places: ``provenance``'s
    ``needs_review`` items (a duplicate made by two paths that now name one place is dropped),
    its curation notes' topics, its acknowledgments' paths and its values' paths."""
    if not any(steps):
        return
    provenance = document.get("provenance")
    if not isinstance(provenance, CommentedMap):
        return
    review = provenance.get("needs_review")
    if isinstance(review, CommentedSeq):
        for index, value in enumerate(review):
            review[index] = _mapped(value, steps)
        _dedupe(review)
    for key, field in (
        ("curation_notes", "topic"),
        ("acknowledgments", "path"),
        ("values", "path"),
    ):
        items = provenance.get(key)
        for item in items if isinstance(items, CommentedSeq) else ():
            if isinstance(item, CommentedMap) and field in item:
                item[field] = _mapped(item[field], steps)


def _mapped(value: Any, steps: Sequence[Sequence[Move]]) -> Any:
    return map_text(value, steps) if isinstance(value, str) else value


def _dedupe(items: CommentedSeq) -> None:
    """Later duplicates removed, unless a comment hangs on one (a comment is never lost)."""
    seen: set[Any] = set()
    index = 0
    while index < len(items):
        value = items[index]
        if isinstance(value, str) and value in seen and index not in items.ca.items:
            del items[index]
            continue
        seen.add(value)
        index += 1
