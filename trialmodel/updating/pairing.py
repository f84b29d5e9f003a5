"""Which old item of a list is which new one, in an update: as the change tracker pairs them.

The model declares how an item of each list is recognised (``Section.identity``), and the change
matcher (`trialmodel.changes.matching.match_items`) pairs two versions of a list by it: equal
items, then its keys strongest first (a site by facility, city, state and country, then by less),
among repeats of a key the most alike, then renamed items by similarity. The update pairs items
the same way, so that a site's comments stay with the site the change report names, and a dose
level with its arm. A list of plain values (conditions, criteria) pairs by equal values, compared
as the tracker compares them.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError

from trialmodel.changes.events import collapse
from trialmodel.changes.matching import Matching, match_items
from trialmodel.loading.core import parse_path
from trialmodel.model.base import Section, is_list, model_in
from trialmodel.model.record import TrialRecord

__all__ = ["describe", "item_model", "name_field", "pair_list", "unmatched"]


def item_model(path: str) -> type[BaseModel] | None:
    """The model of the items of the list at a record path (``locations[3].contacts``:
    ``Contact``), or None when the list holds plain values or the path names no list."""
    parts = parse_path(path)
    model: type[BaseModel] | None = TrialRecord
    annotation: object = None
    for part in parts or ():
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        annotation = model.model_fields[part].annotation
        model = model_in(annotation)
    return model if parts and is_list(annotation) else None


def match_list(path: str, old: list[Any], new: list[Any]) -> Matching | None:
    """How the change tracker matches the old and new items of the list at ``path`` (plain data,
    the registry's part of each item), or None when they are plain values or not the model's."""
    model = item_model(path)
    if model is None:
        return None
    try:
        olds = [model.model_validate(x) for x in old]
        news = [model.model_validate(x) for x in new]
    except ValidationError:
        return None
    return match_items(olds, news)


def pair_list(path: str, old: list[Any], new: list[Any]) -> dict[int, int]:
    """Old index -> new index of the items that are one item in both versions: matched as the
    change tracker matches them (renamed items too); plain values when equal, as the tracker
    compares them (white space collapsed), a repeated value with its repeats in order."""
    matching = match_list(path, old, new)
    if matching is not None:
        return dict(matching.pairs) | dict(matching.renamed)
    return _equal_values(old, new)


def unmatched(path: str, old: list[Any], new: list[Any]) -> list[int]:
    """The old items that no new item matches by identity, in order: likeness does not count
    here, so that a curator's own item is never taken for a registry item renamed."""
    matching = match_list(path, old, new)
    paired = dict(matching.pairs) if matching is not None else _equal_values(old, new)
    return [j for j in range(len(old)) if j not in paired]


def _equal_values(old: list[Any], new: list[Any]) -> dict[int, int]:
    """Old index -> new index of equal values, each repeat of a value with the next one."""
    free: dict[str, list[int]] = {}
    for i, value in enumerate(new):
        free.setdefault(_compared(value), []).append(i)
    pairs = {}
    for j, value in enumerate(old):
        same = free.get(_compared(value))
        if same:
            pairs[j] = same.pop(0)
    return pairs


def describe(value: Any, path: str) -> str:
    """An item as a message names it: the fields that name it by the model (``{"id": ...}``),
    or all of it when it has none of them."""
    model = item_model(path)
    identity = model.identity if model is not None and issubclass(model, Section) else None
    names = identity.names if identity is not None else ()
    if isinstance(value, dict):
        value = {k: value[k] for k in names if k in value} or value
    return _text(value)


def name_field(path: str) -> str | None:
    """The field that names an item of the list at ``path`` (``label`` of an arm, ``name`` of an
    intervention), when one field does."""
    model = item_model(path)
    identity = model.identity if model is not None and issubclass(model, Section) else None
    return identity.names[0] if identity is not None and len(identity.names) == 1 else None


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _compared(value: Any) -> str:
    return collapse(value) if isinstance(value, str) else _text(value)
