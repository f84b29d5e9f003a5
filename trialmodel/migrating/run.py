"""Migrating one record: load, run the steps, set the version, restyle, check, report the moves."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from trialmodel.errors import TrialmodelError
from trialmodel.migrating.base import Move, Step, StepError
from trialmodel.migrating.checks import comments, lost_values
from trialmodel.migrating.paths import rewrite_paths
from trialmodel.model.record import SCHEMA_VERSION

__all__ = ["FROM_MAJOR", "Migrated", "MigrationError", "migrate_file", "migrate_text"]

FROM_MAJOR = "1"
"""The major version ``migrate`` rewrites."""
_VERSION = re.compile(r"^([0-9]+)\.[0-9]+\Z")
_VERSION_LINE = re.compile(r"""^schema_version: +(["']?)1\.[0-9]+\1( +#.*)?$""", re.MULTILINE)
"""The version line of a 1.x record as the house style (or a quoting of its own) writes it."""


def _current_version_line(match: re.Match[str]) -> str:
    return f'schema_version: "{SCHEMA_VERSION}"{match.group(2) or ""}'


class MigrationError(TrialmodelError):
    """A file that cannot be migrated; the message names the file and, where known, the place.
    ``unreadable`` is true when the file could not be read at all (not a problem of its text)."""

    def __init__(self, message: str, *, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable


@dataclass(frozen=True, slots=True)
class Migrated:
    """A record's text before and after migration, and what moved."""

    path: Path | None
    before: str
    after: str
    version: str
    """The format the record was in (``1.2``); the current version for a record left alone."""
    moves: tuple[tuple[Move, ...], ...] = field(default=())
    """Each step's moves, in step order (``trialmodel.migrating.map_path`` reads them)."""

    @property
    def changed(self) -> bool:
        """True when the migration changes the file."""
        return self.before != self.after

    @property
    def current(self) -> bool:
        """True when the record was already in the current major version (left alone)."""
        return self.version.split(".")[0] == SCHEMA_VERSION.split(".")[0]


def migrate_text(
    text: str, file: str = "<record>", steps: Sequence[Step] | None = None
) -> Migrated:
    """``text`` (a 1.x record's YAML) as the current format. A record already in the current
    major version comes back unchanged. Raises ``MigrationError`` (nothing is written anywhere).
    """
    from trialmodel.migrating.steps import STEPS
    from trialmodel.writing import round_trip_yaml

    old = _data(text, file)
    version = _version(old, file)
    if version is None:
        return Migrated(None, text, text, SCHEMA_VERSION)
    chosen = STEPS if steps is None else steps
    if not any(step.applies(old) for step in chosen) and len(_VERSION_LINE.findall(text)) == 1:
        # No step has anything to rewrite: the version line is the whole migration.
        after = _VERSION_LINE.sub(_current_version_line, text, count=1)
        _check(file, after, old, (), [])
        return Migrated(None, text, after, version, ())
    rt = round_trip_yaml()
    document = _round_trip(rt, text, file)
    before = comments(document)
    moves = _run(document, chosen, file)
    rewrite_paths(document, moves)
    document["schema_version"] = DoubleQuotedScalarString(SCHEMA_VERSION)
    lost = [f"comment {c!r}" for c in sorted((before - comments(document)).elements())]
    after = _styled(text, _dump(rt, document), file)
    _check(file, after, old, moves, lost)
    return Migrated(None, text, after, version, moves)


def _styled(before: str, after: str, file: str) -> str:
    """``after`` in the house style when ``before`` was in it; else in the style of ``before``
    (its flow lists, its quotes), so that the migration's diff is the migration alone."""
    from trialmodel.formatting import FormatError, format_text

    try:
        formatted = format_text(after, file)
        if formatted == after or format_text(before, file, any_version=True) != before:
            return after
    except FormatError as exc:
        raise MigrationError(f"{exc}") from None
    return formatted


def migrate_file(path: str | os.PathLike[str], *, write: bool = False) -> Migrated:
    """Read ``path`` and migrate it; with ``write``, replace the file atomically when it changes
    (refused with ``FileChangedError`` if the file changed since it was read). Raises
    ``MigrationError`` for a file that cannot be migrated (then nothing is written)."""
    from trialmodel.atomic import PlannedWrite, digest, write_files
    from trialmodel.formatting import SourceError, read_source

    file = Path(path)
    try:
        raw, before = read_source(file)
    except SourceError as exc:
        raise MigrationError(f"{exc}; not migrated", unreadable=exc.unreadable) from None
    result = migrate_text(before, str(file))
    if write and result.changed:
        content = result.after.encode("utf-8")
        write_files([PlannedWrite(file, content, replace=True, expect=digest(raw))])
    return Migrated(file, result.before, result.after, result.version, result.moves)


def _data(text: str, file: str) -> dict[str, Any]:
    from trialmodel.formatting import record_to_rewrite

    return record_to_rewrite(text, file, MigrationError, "migrated")[0]


def _version(data: dict[str, Any], file: str) -> str | None:
    """The 1.x version to migrate from; None for a current record; refused otherwise."""
    version = data.get("schema_version")
    match = _VERSION.match(version) if isinstance(version, str) else None
    if match is not None and match.group(1) == FROM_MAJOR:
        return str(version)
    if match is not None and match.group(1) == SCHEMA_VERSION.split(".")[0]:
        return None
    shown = "no schema_version" if version is None else f"schema_version {version!r}"
    raise MigrationError(
        f"{file}: {shown}: trialmodel migrate rewrites format {FROM_MAJOR}.x records as "
        f"{SCHEMA_VERSION}; not migrated"
    )


def _round_trip(rt: Any, text: str, file: str) -> CommentedMap:
    """The round-trip tree, for text the loader passed; what it still cannot build is refused."""
    try:
        document = rt.load(text)
    except Exception as exc:  # ruamel.yaml raises many kinds (a 4,400-digit integer)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise MigrationError(
            f"{file}: cannot be read for rewriting: {reason}; not migrated"
        ) from None
    if not isinstance(document, CommentedMap):
        raise MigrationError(f"{file}: not a record; not migrated")
    return document


def _run(document: CommentedMap, steps: Sequence[Step], file: str) -> tuple[tuple[Move, ...], ...]:
    moves: list[tuple[Move, ...]] = []
    for step in steps:
        try:
            moves.append(tuple(step.run(document)))
        except StepError as exc:
            raise MigrationError(
                f"{file}:{exc.line}:{exc.column}: {exc.message}; not migrated"
            ) from None
    return tuple(moves)


def _dump(rt: Any, document: CommentedMap) -> str:
    import io

    out = io.StringIO()
    rt.dump(document, out)
    return out.getvalue()


def _check(
    file: str, after: str, old: dict[str, Any], moves: Sequence[Sequence[Move]], lost: list[str]
) -> None:
    """Refuses a migration that would lose a value or a comment (a bug in a step)."""
    lost = lost_values(old, _data(after, file), moves, SCHEMA_VERSION) + lost
    if lost:
        shown = "; ".join(lost[:3]) + (f"; and {len(lost) - 3} more" if len(lost) > 3 else "")
        raise MigrationError(f"{file}: migrating would lose {shown}; not migrated")
