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
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trialmodel.atomic import OverwriteRefusedError, PlannedWrite, write_file, write_files
from trialmodel.emitting import (
    FOLD_AFTER,
    WIDTH,
    block_exact,
    emit_yaml,
    fold_exact,
    fold_positions,
    misread,
)
from trialmodel.model.record import TrialRecord

if TYPE_CHECKING:  # ruamel.yaml is imported where it is used: a new record is written without it
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import FoldedScalarString

__all__ = [
    "FOLD_AFTER",
    "SCHEMA_COMMENT",
    "WIDTH",
    "OverwriteRefusedError",
    "dump_yaml",
    "record_data",
    "record_texts",
    "record_yaml",
    "round_trip_yaml",
    "round_trip_yaml_text",
    "schema_comment_for",
    "styled",
    "write_file",
    "write_record_files",
    "yaml_text",
]

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/trial-record.schema.json"
"""First line of every record: editors with the YAML language server validate as you type."""


def _folded(text: str, indent: int) -> FoldedScalarString:
    """``text`` as a folded block, lines broken at single spaces to fit WIDTH at ``indent``."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    folded: FoldedScalarString = FoldedScalarString(text)
    # ruamel's slot: where the lines break
    folded.fold_pos = fold_positions(text, indent)  # type: ignore[attr-defined]
    return folded


def styled(value: Any, indent: int = 0) -> Any:
    """Plain data -> ruamel.yaml nodes carrying the house style (quoting, blocks).

    ``indent`` is the column of the value's content (its keys, its dashes, or the lines of a
    block scalar): each level of nesting adds 2.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        LiteralScalarString,
        ScalarString,
    )

    if isinstance(value, Mapping):
        return CommentedMap((k, styled(v, indent + 2)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return CommentedSeq(styled(v, indent + 2) for v in value)
    if isinstance(value, str) and not isinstance(value, ScalarString):
        if block_exact(value):
            return LiteralScalarString(value)
        if fold_exact(value):
            return _folded(value, indent)
        if misread(value) or "\x85" in value:
            # ruamel.yaml writes a NEL (U+0085) raw inside single quotes, where a reader folds it
            # to a space: only the double-quoted escape \N reads back as the character.
            return DoubleQuotedScalarString(value)
    return value


def round_trip_yaml() -> YAML:
    """A ruamel.yaml round-trip instance set to the house style (keeps comments and quotes)."""
    from ruamel.yaml import YAML

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


def yaml_text(data: Mapping[str, Any], comment: str | None = SCHEMA_COMMENT) -> str:
    """A record as plain data -> its YAML text, ``comment`` (the schema comment) first.

    Written by `trialmodel.emitting` (fast) where it can promise ruamel.yaml's bytes, else by
    `round_trip_yaml_text`: the text is the same either way.
    """
    text = emit_yaml(data)
    if text is None:
        return round_trip_yaml_text(data, comment)
    return text if comment is None else f"{comment}\n{text}"


def round_trip_yaml_text(data: Mapping[str, Any], comment: str | None = SCHEMA_COMMENT) -> str:
    """`yaml_text` written through ruamel.yaml: the reference the fast path is held to."""
    text = dump_yaml(styled(data, 0))
    return text if comment is None else f"{comment}\n{text}"


SCHEMA_FILE = "schemas/trial-record.schema.json"


def schema_comment_for(folder: Path) -> str | None:
    """The schema comment for a record written in ``folder``: the path to the nearest
    ``schemas/trial-record.schema.json`` in it or a folder above, relative to ``folder``; else,
    for a folder named ``records``, the repository layout's ``../schemas/...`` (the schema not
    generated yet); else None (no comment: a wrong path would mislead the editor)."""
    start = folder.absolute()
    for above in (start, *start.parents):
        if (above / SCHEMA_FILE).is_file():
            return f"{_MODELINE}{Path(os.path.relpath(above / SCHEMA_FILE, start)).as_posix()}"
        if (above / ".git").exists():
            break
    return SCHEMA_COMMENT if start.name == "records" else None


_MODELINE = "# yaml-language-server: $schema="


def record_data(record: TrialRecord) -> dict[str, Any]:
    """A record as plain data in model key order, holding only the fields its source set."""
    return record.model_dump(mode="json", exclude_unset=True)


def record_yaml(record: TrialRecord) -> str:
    """A record -> its YAML text in the house style."""
    return yaml_text(record_data(record))


def record_texts(records: Mapping[str, Mapping[str, Any]], out: Path) -> dict[str, bytes]:
    """Each record (plain data, by NCT id) as the bytes of its file in ``out``: the house style,
    with the schema comment for that folder (`schema_comment_for`)."""
    comment = schema_comment_for(out)
    return {nct_id: yaml_text(data, comment).encode("utf-8") for nct_id, data in records.items()}


def write_record_files(
    texts: Mapping[str, bytes], out: Path, *, force: bool = False
) -> dict[str, Path]:
    """Write each record's text (by NCT id) as ``out/<NCT id>.yaml``; returns the files by NCT id.

    All or nothing: every target is checked before anything is written (one that exists without
    ``force``, a folder, a symbolic link: `OverwriteRefusedError` names them all); then each
    write goes through a temporary file, ``fsync`` and a rename (`trialmodel.atomic`).
    """
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} is not a folder")
    targets = {nct_id: out / f"{nct_id}.yaml" for nct_id in texts}
    out.mkdir(parents=True, exist_ok=True)
    write_files([PlannedWrite(targets[k], text, replace=force) for k, text in texts.items()])
    return targets
