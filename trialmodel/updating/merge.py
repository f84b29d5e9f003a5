"""Edit a round-trip YAML record in place so that its registry-owned values equal new ones.

Only what differs is touched: an equal value keeps its node (and so its comments and quoting), a
changed scalar is replaced under the same key, a new key is inserted after its nearest preceding
sibling in model order, and list items are paired as the change tracker pairs them, by the
identity the model declares (`trialmodel.updating.pairing`), so that a curator's comments and
curated sub-fields stay with their item. Keys that `OWNED` does not list are curated: never
touched. `OWNED` is derived from the model's ownership declarations.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from trialmodel.loading.core import join_path
from trialmodel.model.base import is_list, model_in
from trialmodel.model.record import TrialRecord
from trialmodel.updating.comments import attach_leading, detach_leading, keep_gap
from trialmodel.updating.pairing import describe, name_field, pair_list, unmatched
from trialmodel.writing import dump_yaml, styled

__all__ = ["OWNED", "Items", "Merger", "Spec", "from_round_trip"]


@dataclass(frozen=True)
class Items:
    """What the registry owns of a list: of each item, ``item`` (None: all of it); and, with
    ``keep_unmatched``, the items the registry does not give are the curator's and stay."""

    item: Spec | None
    keep_unmatched: bool = False


Spec = dict[str, "Spec | Items | None"]
"""Registry-owned keys of a mapping, each mapped to what it owns below: None for the whole
subtree, a Spec for some of a mapping's keys, Items for a list that is not owned whole."""


def owned_spec(model: type[BaseModel]) -> Spec | None:
    """What the registry owns in a ``model``, from the model's declarations (``curated``,
    ``keeps_curated_items``): None when it owns all of it, else a spec of its own fields."""
    spec: Spec = {}
    whole = True
    for name, info in model.model_fields.items():
        if name in getattr(model, "curated", ()):
            whole = False
            continue
        inner = model_in(info.annotation)
        sub = owned_spec(inner) if inner is not None else None
        if name in getattr(model, "keeps_curated_items", ()):
            spec[name] = Items(sub, keep_unmatched=True)
        elif sub is not None and is_list(info.annotation):
            spec[name] = Items(sub)
        else:
            spec[name] = sub
        whole = whole and spec[name] is None
    return None if whole else spec


OWNED: Spec = owned_spec(TrialRecord) or {}
"""What the registry owns in a record; everything else is the curator's. Derived from the model
(``Section.curated``, ``Section.keeps_curated_items``), never written out by hand."""

_PARTS = re.compile(r"[^.\[\]]+|\[[0-9]+\]")


def from_round_trip(value: Any) -> Any:
    """ruamel.yaml round-trip nodes -> plain dicts, lists, str, int, float, bool (as loaded)."""
    if isinstance(value, dict):
        return {str(k): from_round_trip(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_round_trip(v) for v in value]
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()  # an unquoted date: the record loader reads it as this text
    for kind in (str, int, float):
        if isinstance(value, kind):
            return kind(value)
    return value


def indent_of(path: str) -> int:
    """Column of the content of the value at a record path (``status.overall``: 4)."""
    return 2 * len(_PARTS.findall(path))


def _owned_part(value: Any, spec: Spec) -> Any:
    """What of an item (plain data) the registry owns: a mapping's owned keys, else all of it."""
    return {k: v for k, v in value.items() if k in spec} if isinstance(value, dict) else value


def _carries_curation(value: Any, spec: Spec | None) -> bool:
    if spec is None or not isinstance(value, dict):
        return False
    return any(k not in spec for k in value)


@dataclass
class Merger:
    """Applies new registry data to a round-trip record; collects what it changed."""

    changed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    """Curation that could not be carried: the record must not be written."""
    moves: dict[str, dict[int, int | None]] = field(default_factory=dict)
    """For each list merged (by its new path): old index -> new index, None when removed."""
    renamed: dict[str, dict[str, str]] = field(default_factory=dict)
    """For each list merged: old name -> new name of the items paired under another identity."""

    def merge_record(self, doc: CommentedMap, new: dict[str, Any]) -> None:
        """Make the registry-owned parts of ``doc`` equal those of ``new`` (an imported record)."""
        self.merge_map(doc, new, OWNED, "")

    def merge_map(
        self, node: CommentedMap, new: dict[str, Any], spec: Spec | None, path: str
    ) -> None:
        """Edit ``node`` so that its owned keys (all, when ``spec`` is None) equal ``new``'s."""
        for key in list(spec or {**dict.fromkeys(node), **dict.fromkeys(new)}):
            sub = spec.get(key) if spec else None
            where = join_path(path, key)
            if key in new and key in node:
                self._merge_value(node, key, new[key], sub, where)
            elif key in new:
                node.insert(self._position(node, new, key), key, styled(new[key], indent_of(where)))
                self.changed.append(where)
            elif key in node:
                self._drop(node, key, sub, where)

    def _drop(self, node: CommentedMap, key: str, sub: Spec | Items | None, where: str) -> None:
        """The registry no longer gives ``key``: remove what it owned, keep what is curated."""
        value = node[key]
        if isinstance(sub, dict) and isinstance(value, CommentedMap):
            self.merge_map(value, {}, sub, where)
            if len(value):
                return
        elif isinstance(sub, Items) and isinstance(value, CommentedSeq):
            self.merge_seq(node, key, [], sub, where)
            if len(value):
                return
        del node[key]
        self.changed.append(where)

    @staticmethod
    def _position(node: CommentedMap, new: dict[str, Any], key: str) -> int:
        order = list(new)
        existing = list(node)
        for before in reversed(order[: order.index(key)]):
            if before in node:
                return existing.index(before) + 1
        return 0

    def _merge_value(
        self, parent: Any, key: Any, new: Any, sub: Spec | Items | None, where: str
    ) -> None:
        old = parent[key]
        if sub is None and from_round_trip(old) == new:
            return
        if isinstance(old, CommentedMap) and isinstance(new, dict) and not isinstance(sub, Items):
            self.merge_map(old, new, sub, where)
        elif isinstance(old, CommentedSeq) and isinstance(new, list):
            self.merge_seq(parent, key, new, sub, where)
        else:
            parent[key] = styled(new, indent_of(where))
            keep_gap(parent, key, old, parent[key], _one_line)
            self.changed.append(where)

    def merge_seq(
        self, parent: Any, key: Any, new: list[Any], spec: Spec | Items | None, path: str
    ) -> None:
        """Edit ``parent[key]`` to hold ``new``'s items, pairing old and new items."""
        seq: CommentedSeq = parent[key]
        item = spec.item if isinstance(spec, Items) else None
        keep = isinstance(spec, Items) and spec.keep_unmatched
        kept = self._detach_unmatched(seq, new, path) if keep else []
        self._merge_items(parent, key, new, item, path)
        for value in kept:
            seq.append(value)

    def _detach_unmatched(self, seq: CommentedSeq, new: list[Any], path: str) -> list[Any]:
        """Take out the items the registry does not give, to put back after its own, with a note."""
        gone = unmatched(path, [from_round_trip(x) for x in seq], new)
        for j in gone:
            self.notes.append(
                f"{path}[{j}] ({describe(from_round_trip(seq[j]), path)}) is not in the registry "
                "data: kept as the curator's; remove it by hand if the registry withdrew it"
            )
        return [seq.pop(j) for j in reversed(gone)][::-1]

    @staticmethod
    def _pairs(seq: list[Any], new: list[Any], item: Spec | None, path: str) -> dict[int, int]:
        """Old index -> new index of the items that are one item in both versions, compared on
        what the registry owns of them (``item``; all of them when None)."""
        old = [from_round_trip(x) for x in seq]
        if item is not None:
            old = [_owned_part(x, item) for x in old]
        return pair_list(path, old, new)

    def _merge_items(
        self, parent: Any, key: Any, new: list[Any], item: Spec | None, path: str
    ) -> None:
        """Put the paired old items (with their comments) in the new order, then merge each."""
        seq: CommentedSeq = parent[key]
        pairs = self._pairs(seq, new, item, path)
        self.moves[path] = {j: pairs.get(j) for j in range(len(seq))}
        old_items, old_comments = list(seq), dict(seq.ca.items)
        leading, after_last = (
            detach_leading(parent, key) if isinstance(parent, CommentedMap) else ([], "")
        )
        for j, value in enumerate(old_items):
            if j not in pairs:
                self._note_dropped(value, item, f"{path}[{j}]")
                self.changed.append(f"{path}[{j}]")
        by_new = {i: j for j, i in pairs.items()}
        if sorted(pairs.values()) != [pairs[j] for j in sorted(pairs)]:
            self.changed.append(path)  # reordered by the registry: follow its order
        del seq[:]
        seq.ca.items.clear()
        for i, value in enumerate(new):
            if i not in by_new:
                seq.append(styled(value, indent_of(f"{path}[{i}]")))
                self.changed.append(f"{path}[{i}]")
                continue
            seq.append(old_items[by_new[i]])
            if by_new[i] in old_comments:
                seq.ca.items[i] = old_comments[by_new[i]]
        for i, j in sorted(by_new.items()):
            self._note_renamed(old_items[j], new[i], path)
            self._merge_value(seq, i, new[i], item, f"{path}[{i}]")
        if leading or after_last:  # after the merge: an item's last line may have changed
            lead = [leading[by_new[i]] if i in by_new else "" for i in range(len(new))]
            attach_leading(parent, key, lead, after_last)

    def _note_renamed(self, old: Any, new: Any, path: str) -> None:
        name = name_field(path)
        if isinstance(old, CommentedMap) and isinstance(new, dict) and name in new:
            before, after = from_round_trip(old.get(name)), new[name]
            if before is not None and before != after:
                self.renamed.setdefault(path, {})[before] = after

    def _note_dropped(self, value: Any, item: Spec | None, where: str) -> None:
        if _carries_curation(value, item):
            curated = ", ".join(k for k in value if item is not None and k not in item)
            self.refusals.append(
                f"{where} ({describe(from_round_trip(value), where)}) is not in the registry "
                f"version and carries curated fields ({curated}) that have nowhere to go: move or "
                "remove them by hand (the record keeps them until then), then update again"
            )


def _one_line(value: Any) -> str | None:
    """How a scalar is written after ``key: ``, or None when it takes more than one line."""
    if isinstance(value, CommentedMap | CommentedSeq):
        return None
    text = dump_yaml(CommentedMap([("k", value)]))
    lines = text.splitlines()
    return lines[0][3:] if len(lines) == 1 and lines[0].startswith("k: ") else None
