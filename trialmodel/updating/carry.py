"""Curation that follows its item across a registry version: renamed arms and interventions.

The update pairs the items of every list as the change engine does
(`trialmodel.updating.pairing`): an arm by its label, an intervention by its type, name and arms,
with case and white space folded, then renamed items by similarity. An item paired so keeps its
node, so its curated fields (``dose_levels``, ``dose_design``, ``cell_based``, ``product``) and
its comments go with it. Then what refers to an
item by name or by position follows it: a dose level's ``intervention`` takes the intervention's
new name, and a ``provenance.needs_review`` path its item's new index. Whatever cannot follow (a
dose of an intervention the registry no longer lists, a review path into an item that is gone) is
a refusal: the record is not updated, and the reason says what to do.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from trialmodel.updating.comments import keep_gap
from trialmodel.updating.merge import Merger

__all__ = ["carry_curation"]

_SEGMENT = re.compile(r"\[([0-9]+)\]|\.?([^.\[\]]+)")


def carry_curation(doc: CommentedMap, merger: Merger, old: dict[str, Any]) -> None:
    """Point the curation's references at the items' new names and places (after the merge).

    ``old`` is the record before the merge, as plain data.
    """
    names = [i.get("name") for i in old.get("interventions") or [] if isinstance(i, dict)]
    _follow_interventions(doc, merger, [n for n in names if isinstance(n, str)])
    _follow_review_paths(doc, merger, old)


def _follow_interventions(doc: CommentedMap, merger: Merger, old_names: list[str]) -> None:
    renamed = merger.renamed.get("interventions", {})
    moves = merger.moves.get("interventions", {})
    gone = {name for j, name in enumerate(old_names) if j in moves and moves[j] is None}
    for a, arm in enumerate(doc.get("arms") or []):
        levels = arm.get("dose_levels") if isinstance(arm, CommentedMap) else None
        for d, level in enumerate(levels if isinstance(levels, CommentedSeq) else []):
            named = level.get("intervention") if isinstance(level, CommentedMap) else None
            if not isinstance(named, str):
                continue
            name = str(level["intervention"])
            where = f"arms[{a}].dose_levels[{d}].intervention"
            if name in renamed:
                old = level["intervention"]
                level["intervention"] = type(old)(renamed[name]) if isinstance(old, str) else old
                keep_gap(level, "intervention", old, level["intervention"], _plain_width)
                merger.changed.append(where)
            elif name in gone:
                merger.refusals.append(
                    f"{where} doses '{name}', an intervention the registry version no longer "
                    "lists: point the dose level at one it lists, or remove it, then update again"
                )


def _plain_width(value: Any) -> str:
    return str(value)


def _follow_review_paths(doc: CommentedMap, merger: Merger, old: dict[str, Any]) -> None:
    provenance = doc.get("provenance")
    paths = provenance.get("needs_review") if isinstance(provenance, CommentedMap) else None
    if not isinstance(paths, CommentedSeq):
        return
    for k, path in enumerate(paths):
        if not isinstance(path, str):
            continue
        moved = moved_path(path, merger.moves)
        if moved is None or (_resolves(old, path) and not _resolves(doc, moved)):
            merger.refusals.append(
                f"provenance.needs_review[{k}] ({path}) points at a value the registry version "
                "no longer has: review it and remove the entry, then update again"
            )
        elif moved != path:
            paths[k] = type(path)(moved)
            merger.changed.append(f"provenance.needs_review[{k}]")


def _resolves(data: Any, path: str) -> bool:
    """True when ``path`` names a value in ``data`` (plain data or round-trip nodes)."""
    for match in _SEGMENT.finditer(path):
        index, name = match.groups()
        if index is not None:
            if not isinstance(data, list) or int(index) >= len(data):
                return False
            data = data[int(index)]
        elif isinstance(data, dict) and name in data:
            data = data[name]
        else:
            return False
    return True


def moved_path(path: str, moves: dict[str, dict[int, int | None]]) -> str | None:
    """A record path with each list index replaced by the item's new index (None: item gone).

    ``moves`` is `Merger.moves`: for each list merged, by its new path, old index -> new index.
    """
    out = ""
    for match in _SEGMENT.finditer(path):
        index, name = match.groups()
        if index is None:
            out = f"{out}.{name}" if out else name
            continue
        mapping = moves.get(out)
        new = int(index) if mapping is None or int(index) not in mapping else mapping[int(index)]
        if new is None:
            return None
        out = f"{out}[{new}]"
    return out
