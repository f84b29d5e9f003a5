"""Registry fields that map one to one onto record fields, declared once for import and export.

A `Field` pairs a record field with a registry path (dotted, relative to the registry node it is
read from) and says how to read the value: a kind of scalar, a vocabulary, or a group of fields
for an object. `read_fields` and `write_fields` walk the same declaration in both directions, so
what the import reads, the export writes back at the same place. An empty registry list is read
as an empty list ("none"), an absent one as nothing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from trialmodel.ctgov.reader import Node
from trialmodel.model import vocab as v

__all__ = ["Field", "merge", "read_fields", "write_fields"]

Data = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Field:
    """A record field and the registry path it is read from and written to."""

    record: str
    registry: str
    kind: str | type[v.Vocab] | tuple[Field, ...]
    """"text", "date", "flag", "count" or "number"; a vocabulary; or the fields of an object."""
    many: bool = False
    """The registry holds a list of such values."""


@functools.cache
def _split(dotted: str) -> tuple[tuple[str, ...], str]:
    """A dotted registry path as (its parents, its last key); looked up once per field."""
    *parents, last = dotted.split(".")
    return tuple(parents), last


def _parent(node: Node, dotted: str) -> tuple[Node | None, str]:
    parents, last = _split(dotted)
    current: Node | None = node
    for part in parents:
        current = current.obj(part) if current is not None else None
    return current, last


def _scalar(node: Node, key: str, kind: str | type[v.Vocab]) -> Any:
    if not isinstance(kind, str):
        return node.enum(key, kind)
    if kind == "date":
        return node.date(key)
    if kind == "flag":
        return node.flag(key)
    if kind == "count":
        return node.count(key)
    if kind == "number":
        return node.number(key)
    return node.text(key)


def _many(node: Node, key: str, kind: str | type[v.Vocab] | tuple[Field, ...]) -> Any:
    if isinstance(kind, tuple):
        found = [read_fields(item, kind) for item in node.items(key)]
        values: list[Any] | None = [x for x in found if x is not None]
    elif isinstance(kind, str):
        values = node.texts(key)
    else:
        values = node.enums(key, kind)
    if node.empty_list(key):
        return []
    return values or None


def read_fields(node: Node, fields: tuple[Field, ...]) -> Data | None:
    """The record fields ``fields`` declares, read from ``node``; None when none has a value."""
    out: Data = {}
    for field in fields:
        parent, key = _parent(node, field.registry)
        if parent is None:
            continue
        if field.many:
            value = _many(parent, key, field.kind)
        elif isinstance(field.kind, tuple):
            child = parent.obj(key)
            value = read_fields(child, field.kind) if child is not None else None
        else:
            value = _scalar(parent, key, field.kind)
        if value is not None:
            out[field.record] = value
    return out or None


def _put(out: Data, dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        out = out.setdefault(part, {})
    out[last] = value


def _registry_value(value: Any, kind: str | type[v.Vocab] | tuple[Field, ...]) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel) and isinstance(kind, tuple):
        return write_fields(value, kind) or {}
    return value


def write_fields(model: BaseModel | None, fields: tuple[Field, ...]) -> Data:
    """The registry data of ``model``'s fields that ``fields`` declares, nested by registry path."""
    out: Data = {}
    if model is None:
        return out
    for field in fields:
        value = getattr(model, field.record)
        if value is None:
            continue
        if field.many:
            _put(out, field.registry, [_registry_value(item, field.kind) for item in value])
        else:
            _put(out, field.registry, _registry_value(value, field.kind))
    return out


def merge(base: Data, extra: Data) -> Data:
    """``base`` with ``extra`` merged in, object by object (``extra`` wins on a leaf)."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out
