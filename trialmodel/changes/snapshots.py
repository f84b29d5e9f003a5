"""Two snapshots of many records compared file by file, in time linear and memory flat.

A snapshot is a list of record files, each a label and a way to read its bytes: the records in a
folder, or at a git revision. The old snapshot is read once and validated, keeping of each record
only its NCT id, its version reference and a digest of its bytes. A new file whose bytes match an
old file's is that trial unchanged, known without parsing it again; any other new file is read,
and diffed against its trial's old file, read a second time. Memory holds no record longer than
one comparison, and the work is one validation per file plus two per changed trial.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from trialmodel.changes import TrialChanges, diff_records
from trialmodel.changes.versions import (
    RECORD_SUFFIXES,
    RecordError,
    git_show,
    read_record,
    revision_files,
    version_ref,
)

Reader = Callable[[], bytes]
Item = tuple[str, Reader]
"""A record file of a snapshot: its label (path, or REV:path) and how to read its bytes."""


@dataclass(frozen=True, slots=True)
class Known:
    """A record of the old snapshot, as far as the comparison needs to remember it."""

    nct_id: str
    digest: bytes
    item: Item
    changes: TrialChanges
    """The trial as removed, until a new file names it."""


def digest(content: bytes) -> bytes:
    """A digest of a file's bytes: equal digests, equal files."""
    return hashlib.blake2b(content, digest_size=20).digest()


def file_reader(path: Path, label: str) -> Reader:
    """Read a file's bytes later; ``RecordError`` when it cannot be read."""

    def read() -> bytes:
        """The file's bytes now."""
        try:
            return path.read_bytes()
        except OSError as error:
            raise RecordError(f"{label}: cannot read: {error.strerror or error}") from None

    return read


def folder_items(directory: Path, label: str | None = None) -> list[Item]:
    """The record files directly in a folder (not its subfolders), sorted by name."""
    shown = str(directory) if label is None else label
    try:
        paths = sorted(p for p in directory.iterdir() if p.suffix in RECORD_SUFFIXES)
    except OSError as error:
        raise RecordError(f"{shown}: cannot list: {error.strerror or error}") from None
    return [
        (f"{shown.rstrip('/')}/{p.name}", file_reader(p, f"{shown.rstrip('/')}/{p.name}"))
        for p in paths
        if p.is_file() and not p.name.startswith(".")
    ]


def worktree_items(paths: Iterable[str], cwd: Path) -> list[Item]:
    """The record files that ``paths`` name in the working tree (a file, or records in a folder)."""
    items: list[Item] = []
    for path in paths:
        target = cwd / path
        if target.is_dir():
            items.extend(folder_items(target, path))
        elif target.is_file():
            items.append((path, file_reader(target, path)))
    return items


def revision_items(rev: str, paths: Iterable[str], cwd: Path) -> list[Item]:
    """The record files that ``paths`` name at git revision ``rev``."""
    return [
        (f"{rev}:{name}", _revision_reader(rev, name, cwd))
        for path in paths
        for name in revision_files(rev, path, cwd)
    ]


def _revision_reader(rev: str, name: str, cwd: Path) -> Reader:
    return lambda: git_show(rev, name, cwd)


def compare_items(old: Iterable[Item], new: Iterable[Item]) -> list[TrialChanges]:
    """Every trial of either snapshot: added, removed, unchanged, or changed with its changes."""
    known = _remember(old)
    by_digest = {k.digest: k for k in known.values()}
    seen: dict[str, str] = {}
    result: dict[str, TrialChanges] = {k: v.changes for k, v in known.items()}
    for label, read in new:
        content = read()
        same = by_digest.get(digest(content))
        if same is not None and same.changes.old is not None:
            new_ref = replace(same.changes.old, file=label)
            trial = replace(same.changes, status="unchanged", new=new_ref)
        else:
            trial = _compare_new(label, content, known)
        _once(seen, trial.nct_id, label)
        result[trial.nct_id] = trial
    return [result[nct_id] for nct_id in sorted(result)]


def _remember(items: Iterable[Item]) -> dict[str, Known]:
    """Read and validate the old snapshot, keeping no record."""
    known: dict[str, Known] = {}
    seen: dict[str, str] = {}
    for label, read in items:
        content = read()
        record = read_record(content, label)
        nct_id = record.identification.nct_id
        _once(seen, nct_id, label)
        removed = TrialChanges(nct_id, "removed", version_ref(label, record), None)
        known[nct_id] = Known(nct_id, digest(content), (label, read), removed)
    return known


def _compare_new(label: str, content: bytes, known: dict[str, Known]) -> TrialChanges:
    """A new file whose bytes match no old file: added, or diffed against its old file."""
    record = read_record(content, label)
    ref = version_ref(label, record)
    old = known.get(record.identification.nct_id)
    if old is None:
        return TrialChanges(record.identification.nct_id, "added", None, ref)
    old_label, old_read = old.item
    old_record = read_record(old_read(), old_label)
    changes = tuple(diff_records(old_record, record))
    if not changes:
        return TrialChanges(old.nct_id, "unchanged", old.changes.old, ref)
    return TrialChanges(old.nct_id, "changed", old.changes.old, ref, changes)


def _once(seen: dict[str, str], nct_id: str, label: str) -> None:
    """A snapshot holds one record per trial."""
    if nct_id in seen:
        raise RecordError(
            f"{label}: {nct_id} is also the trial of {seen[nct_id]}; "
            "a snapshot holds one record per trial"
        )
    seen[nct_id] = label
