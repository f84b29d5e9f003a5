"""The two promises of a migration, checked on every file before anything is written: every
value of the old record is at its mapped place in the new one, and every comment is still there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedBase
from ruamel.yaml.tokens import CommentToken

from trialmodel.loading.core import format_path
from trialmodel.migrating.base import Move, RecordPath
from trialmodel.migrating.paths import map_path, map_text, replaced_value

__all__ = ["comments", "lost_values"]

_MAPPED_PATHS = {
    ("provenance", "curation_notes", "topic"),
    ("provenance", "acknowledgments", "path"),
    ("provenance", "values", "path"),
}
"""Leaves that hold a record path: the new record holds the path mapped (``rewrite_paths``)."""
_REVIEW = ("provenance", "needs_review")


def leaves(data: Any, path: RecordPath = ()) -> Iterator[tuple[RecordPath, Any]]:
    """Every scalar of plain record data with its path; an empty mapping or list is a leaf."""
    if isinstance(data, dict) and data:
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list) and data:
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))
    else:
        yield path, data


def value_at(data: Any, path: RecordPath) -> tuple[bool, Any]:
    """(True, the value) at ``path`` of plain data, or (False, None) when nothing is there."""
    for part in path:
        in_list = isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data)
        if in_list or (isinstance(part, str) and isinstance(data, dict) and part in data):
            data = data[part]
        else:
            return False, None
    return True, data


def lost_values(
    old: dict[str, Any], new: dict[str, Any], steps: Sequence[Sequence[Move]], version: str
) -> list[str]:
    """Each value of ``old`` not found where the moves put it in ``new`` (``schema_version``
    must read ``version``; record paths the record holds must read their mapped form)."""
    lost: list[str] = []
    review = new.get("provenance", {}).get("needs_review", [])
    for path, value in leaves(old):
        keys = tuple(p for p in path if isinstance(p, str))
        if path == ("schema_version",):
            expected: Any = version
            there, found = value_at(new, path)
        elif path[:2] == _REVIEW and len(path) == 3:
            if map_text(value, steps) not in review:
                lost.append(f"{format_path(path)} ({value!r})")
            continue
        else:
            expected = map_text(value, steps) if keys in _MAPPED_PATHS else value
            expected = replaced_value(path, expected, steps)
            there, found = value_at(new, map_path(path, steps))
        if not there or found != expected or type(found) is not type(expected):
            lost.append(f"{format_path(path)} ({value!r})")
    return lost


def comments(node: Any) -> Counter[str]:
    """Every comment line in a round-trip tree, ``#`` and text, white space around it stripped."""
    found: Counter[str] = Counter()
    seen: set[int] = set()
    todo = [node]
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CommentToken):
            found.update(_lines(item.value))
        elif isinstance(item, list | tuple):
            todo.extend(item)
        if isinstance(item, CommentedBase):
            ca = item.ca
            todo.extend([ca.comment, ca.end, *ca.items.values()])
        if isinstance(item, dict):
            todo.extend(item.values())
    return found


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def lost_comments(old: Any, new: Any) -> list[str]:
    """The comments of tree ``old`` that tree ``new`` no longer has."""
    return sorted((comments(old) - comments(new)).elements())
