"""Writing records for people: the house YAML style, and files that are never half-written.

The style: the schema comment on the first line, 2-space indentation, block style, keys in model
order, every date and every string that a YAML 1.1 or 1.2 reader would take for something else
double-quoted (``schema_version: "1.0"``, ``date: "2021-05"``, ``"yes"``, ``"010"``), long
prose as a folded block (``>-``) and multi-line text as a literal block (``|-``), each only where
the block gives back exactly the same text.

Every write goes to a temporary file in the target's folder and is renamed into place, so a reader
sees the old file or the new one, never a part; an existing file is refused unless forced.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
)

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

__all__ = [
    "FOLD_AFTER",
    "SCHEMA_COMMENT",
    "WIDTH",
    "OverwriteRefusedError",
    "dump_yaml",
    "place_file",
    "record_data",
    "record_yaml",
    "round_trip_yaml",
    "round_trip_yaml_text",
    "styled",
    "write_file",
    "yaml_text",
]

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/trial-record.schema.json"
"""First line of every record: editors with the YAML language server validate as you type."""


class OverwriteRefusedError(FileExistsError):
    """The target file exists and overwriting was not asked for."""


def _folded(text: str, indent: int) -> FoldedScalarString:
    """``text`` as a folded block, lines broken at single spaces to fit WIDTH at ``indent``."""
    folded: FoldedScalarString = FoldedScalarString(text)
    # ruamel's slot: where the lines break
    folded.fold_pos = fold_positions(text, indent)  # type: ignore[attr-defined]
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
        if block_exact(value):
            return LiteralScalarString(value)
        if fold_exact(value):
            return _folded(value, indent)
        if misread(value):
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
    """A record as plain data -> its YAML text, schema comment first.

    Written by `trialmodel.emitting` (fast) where it can promise ruamel.yaml's bytes, else by
    `round_trip_yaml_text`: the text is the same either way.
    """
    text = emit_yaml(data)
    return round_trip_yaml_text(data) if text is None else f"{SCHEMA_COMMENT}\n{text}"


def round_trip_yaml_text(data: Mapping[str, Any]) -> str:
    """`yaml_text` written through ruamel.yaml: the reference the fast path is held to."""
    return f"{SCHEMA_COMMENT}\n{dump_yaml(styled(data, 0))}"


def record_data(record: TrialRecord) -> dict[str, Any]:
    """A record as plain data in model key order, holding only the fields its source set."""
    return record.model_dump(mode="json", exclude_unset=True)


def record_yaml(record: TrialRecord) -> str:
    """A record -> its YAML text in the house style."""
    return yaml_text(record_data(record))


def _file_mode(path: Path) -> int:
    with suppress(OSError):
        return path.stat().st_mode & 0o7777
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_file(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    Raises `OverwriteRefusedError` when ``path`` exists and ``force`` is false; the existing file
    is then untouched. Text is written as UTF-8 with the newlines given.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and not force:
        raise OverwriteRefusedError(f"{path} exists (use --force to overwrite)")
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.chmod(_file_mode(path))
        place_file(tmp, path, force=force)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()


def place_file(tmp: Path, path: Path, *, force: bool = False) -> None:
    """Move the finished file ``tmp`` to ``path`` on the same file system, atomically.

    With ``force`` an existing ``path`` is replaced (keeping its permissions); without, it is
    refused with `OverwriteRefusedError` and left untouched.
    """
    if force:
        with suppress(OSError):
            tmp.chmod(path.stat().st_mode & 0o7777)
        tmp.replace(path)
        return
    try:
        _link_no_clobber(tmp, path)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()


def _link_no_clobber(tmp: Path, path: Path) -> None:
    """Put ``tmp`` at ``path`` unless something is there (a hard link is atomic and exclusive)."""
    try:
        path.hardlink_to(tmp)
    except FileExistsError:
        raise OverwriteRefusedError(f"{path} exists (use --force to overwrite)") from None
    except OSError:  # a file system without hard links: fall back to a checked rename
        if path.exists():
            raise OverwriteRefusedError(f"{path} exists (use --force to overwrite)") from None
        tmp.replace(path)
