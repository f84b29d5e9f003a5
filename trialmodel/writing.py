"""Writing records for people: the house YAML style, and files that are never half-written.

The style: the schema comment on the first line, 2-space indentation, block style, keys in model
order, every date and every string that a YAML 1.1 or 1.2 reader would take for something else
double-quoted (``schema_version: "1.0"``, ``date: "2021-05"``, ``"yes"``, ``"010"``), long
prose as a folded block (``>-``) and multi-line text as a literal block (``|-``), each only where
the block gives back exactly the same text.

Files are written by `trialmodel.atomic` (re-exported here): through a temporary file and a
rename, so a reader sees the old file or the new one, never a part; an existing file is refused
unless forced.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
)

from trialmodel.atomic import OverwriteRefusedError, write_file
from trialmodel.model.record import TrialRecord

__all__ = [
    "SCHEMA_COMMENT",
    "OverwriteRefusedError",
    "dump_yaml",
    "record_data",
    "record_yaml",
    "round_trip_yaml",
    "styled",
    "write_file",
    "yaml_text",
]

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/trial-record.schema.json"
"""First line of every record: editors with the YAML language server validate as you type."""

WIDTH = 100
"""Folded blocks are broken to fit this width, as the records in records/ are; nothing else is
re-wrapped, so a curator's long line stays one line."""
FOLD_AFTER = 80
"""One-line text longer than this is written as a folded block (``>-``) where that is exact."""

_DATE_LIKE = re.compile(r"^[0-9]{4}(?:-[0-9]{1,2}(?:-[0-9]{1,2})?)?$")
_NOT_IN_BLOCK = re.compile(r"[\r\t\x85\u2028\u2029\ufeff]|[ \t]\n|[^\S\n]$")
_STR_TAG = "tag:yaml.org,2002:str"
_YAML11 = yaml.resolver.Resolver()


def _misread(text: str) -> bool:
    """True when a YAML 1.1 reader would not read ``text`` unquoted as this string."""
    tag = _YAML11.resolve(yaml.nodes.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag != _STR_TAG or _DATE_LIKE.match(text) is not None


def _block_exact(text: str) -> bool:
    """True when a literal block scalar gives back exactly ``text``."""
    if "\n" not in text or text[:1] in (" ", "\n") or _NOT_IN_BLOCK.search(text):
        return False
    return all(c == "\n" or c.isprintable() for c in text)


def _fold_exact(text: str) -> bool:
    """True for long one-line prose that a folded block gives back exactly."""
    return (
        len(text) > FOLD_AFTER
        and text == text.strip()
        and "  " not in text
        and text.isprintable()
        and "\ufeff" not in text
    )


def _folded(text: str, indent: int) -> FoldedScalarString:
    """``text`` as a folded block, lines broken at single spaces to fit WIDTH at ``indent``."""
    folded: FoldedScalarString = FoldedScalarString(text)
    room = max(WIDTH - indent, 40)
    folds: list[int] = []
    start = 0
    while len(text) - start > room:
        cut = text.rfind(" ", start + 1, start + room + 1)
        if cut <= start:
            cut = text.find(" ", start + room)
        if cut < 0:
            break
        folds.append(cut)
        start = cut + 1
    folded.fold_pos = folds  # type: ignore[attr-defined]  # ruamel's slot: where lines break
    return folded


def styled(value: Any, indent: int = 0) -> Any:
    """Plain data -> ruamel.yaml nodes carrying the house style (quoting, blocks).

    ``indent`` is the column of the value's content (its keys, its dashes, or the lines of a
    block scalar): each level of nesting adds 2.
    """
    if isinstance(value, Mapping):
        return CommentedMap((k, styled(v, indent + 2)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return CommentedSeq(styled(v, indent + 2) for v in value)
    if isinstance(value, str) and not isinstance(value, ScalarString):
        if _block_exact(value):
            return LiteralScalarString(value)
        if _fold_exact(value):
            return _folded(value, indent)
        if _misread(value):
            return DoubleQuotedScalarString(value)
    return value


def round_trip_yaml() -> YAML:
    """A ruamel.yaml round-trip instance set to the house style (keeps comments and quotes)."""
    rt = YAML(typ="rt")
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 4096  # never re-wrap: folded blocks carry their own line breaks (fold_pos)
    rt.allow_unicode = True
    rt.preserve_quotes = True
    return rt


def dump_yaml(node: Any) -> str:
    """ruamel.yaml nodes -> YAML text in the house style (comments the nodes carry included)."""
    out = io.StringIO()
    round_trip_yaml().dump(node, out)
    return out.getvalue()


def yaml_text(data: Mapping[str, Any]) -> str:
    """A record as plain data -> its YAML text, schema comment first."""
    return f"{SCHEMA_COMMENT}\n{dump_yaml(styled(data, 0))}"


def record_data(record: TrialRecord) -> dict[str, Any]:
    """A record as plain data in model key order, holding only the fields its source set."""
    return record.model_dump(mode="json", exclude_unset=True)


def record_yaml(record: TrialRecord) -> str:
    """A record -> its YAML text in the house style."""
    return yaml_text(record_data(record))
