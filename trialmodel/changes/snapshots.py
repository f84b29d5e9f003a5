"""Two snapshots of many records compared file by file, at a cost that grows with what changed.

A snapshot is a list of record files, each with its name in the snapshot, a label (path, or
REV:path) and a way to read its bytes. Every file is first known by its git blob id: the one git
gives for a revision, or the same hash of the bytes of a file on disk. A new file whose id equals
an old file's (the same name first) is that trial unchanged, and is never parsed: its trial is
named by its file name (``NCT….yaml``; a file named otherwise is parsed once for its id). Only the
files whose bytes differ are parsed and validated: a file against the old file of the same name,
and what is left matched by the NCT id inside. Memory holds no record longer than one comparison.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from trialmodel.changes import TrialChanges, VersionRef, diff_records
from trialmodel.changes.versions import (
    VersionError,
    git_show,
    revision_entries,
    version_ref,
)
from trialmodel.loading.files import RECORD_SUFFIXES
from trialmodel.model.record import TrialRecord
from trialmodel.records import load_record

__all__ = ["compare_items", "folder_items", "load_record", "revision_items", "worktree_items"]

Reader = Callable[[], bytes]
_NCT_FILE = re.compile(r"NCT[0-9]{8}\Z", re.ASCII)


@dataclass(frozen=True, slots=True)
class RecordFile:
    """A record file of a snapshot."""

    name: str
    """Its name within the snapshot (a file name, or a path under the compared folder)."""
    label: str
    """How reports show it: a path, or ``REV:path``."""
    read: Reader
    blob: str | None = None
    """Git's blob id of its bytes, when git gave it without reading the file."""

    def blob_id(self) -> str:
        """Git's blob id of the file's bytes (read and hashed when git did not give it)."""
        return self.blob if self.blob is not None else blob_id(self.read())


def blob_id(content: bytes) -> str:
    """The id git gives these bytes as a blob: equal ids, equal files."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


def file_reader(path: Path | str, label: str) -> Reader:
    """Read a file's bytes later; ``VersionError`` when it cannot be read."""
    return partial(_read_file, os.fspath(path), label)


def _read_file(path: str, label: str) -> bytes:
    """A file's bytes now (plain ``open``: a snapshot reads thousands of files)."""
    try:
        with open(path, "rb", buffering=0) as stream:  # noqa: PTH123
            return stream.readall()
    except OSError as error:
        raise VersionError(f"{label}: cannot read: {error.strerror or error}") from None


def folder_items(directory: Path, label: str | None = None) -> list[RecordFile]:
    """The record files directly in a folder (not its subfolders), sorted by name."""
    shown = (str(directory) if label is None else label).rstrip("/")
    try:
        with os.scandir(directory) as entries:
            names = sorted(
                e.name
                for e in entries
                if e.name.endswith(RECORD_SUFFIXES) and not e.name.startswith(".") and e.is_file()
            )
    except OSError as error:
        raise VersionError(f"{shown}: cannot list: {error.strerror or error}") from None
    base = os.fspath(directory) + os.sep  # plain strings: thousands of files
    return [
        RecordFile(name, f"{shown}/{name}", file_reader(base + name, f"{shown}/{name}"))
        for name in names
    ]


def worktree_items(paths: Iterable[str], cwd: Path) -> list[RecordFile]:
    """The record files that ``paths`` name in the working tree (a file, or records in a folder)."""
    items: list[RecordFile] = []
    for path in paths:
        target = cwd / path
        if target.is_dir():
            items.extend(
                RecordFile(f"{path.rstrip('/')}/{f.name}", f.label, f.read)
                for f in folder_items(target, path)
            )
        elif target.is_file():
            items.append(RecordFile(path, path, file_reader(target, path)))
    return items


def revision_items(rev: str, paths: Iterable[str], cwd: Path) -> list[RecordFile]:
    """The record files that ``paths`` name at git revision ``rev``, with git's blob ids."""
    return [
        RecordFile(name, f"{rev}:{name}", _revision_reader(rev, name, cwd), blob)
        for path in paths
        for name, blob in revision_entries(rev, path, cwd)
    ]


def _revision_reader(rev: str, name: str, cwd: Path) -> Reader:
    return lambda: git_show(rev, name, cwd)


def compare_items(old: Iterable[RecordFile], new: Iterable[RecordFile]) -> list[TrialChanges]:
    """Every trial of either snapshot: added, removed, unchanged, or changed with its changes."""
    old_files = {f.name: f for f in old}
    new_files = {f.name: f for f in new}
    trials = Trials()
    for a, b in _identical(old_files, new_files):
        trials.add(_unchanged(old_files[a], new_files[b]), old_files[a].label, new_files[b].label)
        trials.add_files(a, b)
    _compare_changed(
        [f for name, f in old_files.items() if name not in trials.old_names],
        [f for name, f in new_files.items() if name not in trials.new_names],
        trials,
    )
    return [trials.by_id[trial_id] for trial_id in sorted(trials.by_id)]


def same_bytes(a: RecordFile, b: RecordFile) -> bool:
    """Whether two files hold the same bytes: by git's blob ids where git gave them, else read."""
    if a.blob is not None and b.blob is not None:
        return a.blob == b.blob
    if a.blob is not None or b.blob is not None:
        return a.blob_id() == b.blob_id()
    return a.read() == b.read()


def _identical(old: dict[str, RecordFile], new: dict[str, RecordFile]) -> list[tuple[str, str]]:
    """Pairs of old and new file names with equal bytes: the same name first, then any name."""
    pairs = [(name, name) for name, f in new.items() if name in old and same_bytes(old[name], f)]
    taken = {name for name, _ in pairs}
    by_blob: dict[str, list[str]] = {}
    for name, f in old.items():
        if name not in taken:
            by_blob.setdefault(f.blob_id(), []).append(name)
    for name, f in new.items():
        if name not in taken and by_blob:
            names = by_blob.get(f.blob_id())
            if names:
                pairs.append((names.pop(0), name))
    return pairs


def _unchanged(old: RecordFile, new: RecordFile) -> TrialChanges:
    """A trial whose file is the same bytes in both snapshots, named by its file name when that
    is an NCT id (its version's date and status are then not read: null in the report)."""
    stem = _stem(new.name)
    if _NCT_FILE.match(stem) and _stem(old.name) == stem:
        return TrialChanges(stem, "unchanged", VersionRef(old.label), VersionRef(new.label))
    record = load_record(old.read(), name=old.label)
    ref = version_ref(old.label, record)
    new_ref = VersionRef(new.label, ref.date, ref.date_basis, ref.overall_status, ref.title)
    return TrialChanges(record.identification.record_id, "unchanged", ref, new_ref)


def _stem(name: str) -> str:
    return name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


class Trials:
    """The trials found so far, each at most once per snapshot."""

    def __init__(self) -> None:
        self.by_id: dict[str, TrialChanges] = {}
        self._labels: dict[tuple[str, str], str] = {}
        self.old_names: set[str] = set()
        self.new_names: set[str] = set()
        """The names of the files accounted for, in each snapshot."""

    def add_files(self, old: str | None, new: str | None) -> None:
        """Note the files (by name) that a trial accounts for."""
        if old is not None:
            self.old_names.add(old)
        if new is not None:
            self.new_names.add(new)

    def add(self, trial: TrialChanges, old: str | None, new: str | None) -> None:
        """Record a trial; ``VersionError`` when a snapshot holds two records of it."""
        for side, label in (("old", old), ("new", new)):
            if label is not None:
                seen = self._labels.setdefault((side, trial.trial_id), label)
                if seen != label:  # named in file order, whichever was met first
                    raise _twice(max(label, seen), trial.trial_id, min(label, seen))
        self.by_id[trial.trial_id] = trial


def _twice(label: str, trial_id: str, seen: str) -> VersionError:
    return VersionError(
        f"{label}: {trial_id} is also the trial of {seen}; a snapshot holds one record per trial"
    )


def _put(files: dict[str, RecordFile], trial_id: str, file: RecordFile) -> None:
    if trial_id in files:
        raise _twice(file.label, trial_id, files[trial_id].label)
    files[trial_id] = file


def _record_id(file: RecordFile) -> str:
    """Parse and validate a file for its trial's id (the record itself is not kept)."""
    return load_record(file.read(), name=file.label).identification.record_id


def _compare_changed(old: list[RecordFile], new: list[RecordFile], trials: Trials) -> None:
    """Files whose bytes changed: against the old file of the same name when it is the same
    trial (two parses), the rest matched by the record id inside (read again to compare)."""
    new_by_name = {f.name: f for f in new}
    left_old: dict[str, RecordFile] = {}
    left_new: dict[str, RecordFile] = {}
    for a in old:
        a_record = load_record(a.read(), name=a.label)
        a_id = a_record.identification.record_id
        b = new_by_name.pop(a.name, None)
        if b is not None:
            b_record = load_record(b.read(), name=b.label)
            if b_record.identification.record_id == a_id:
                trials.add(_diffed(a, a_record, b, b_record), a.label, b.label)
                continue
            _put(left_new, b_record.identification.record_id, b)
        _put(left_old, a_id, a)
    for b in new_by_name.values():
        _put(left_new, _record_id(b), b)
    for trial_id, a in left_old.items():
        a_record = load_record(a.read(), name=a.label)
        b = left_new.pop(trial_id, None)
        if b is None:
            removed = TrialChanges(trial_id, "removed", version_ref(a.label, a_record), None)
            trials.add(removed, a.label, None)
        else:
            trials.add(
                _diffed(a, a_record, b, load_record(b.read(), name=b.label)), a.label, b.label
            )
    for trial_id, b in left_new.items():
        added = version_ref(b.label, load_record(b.read(), name=b.label))
        trials.add(TrialChanges(trial_id, "added", None, added), None, b.label)


def _diffed(
    a: RecordFile, a_record: TrialRecord, b: RecordFile, b_record: TrialRecord
) -> TrialChanges:
    """One trial in both snapshots, its records compared."""
    changes = tuple(diff_records(a_record, b_record))
    old_ref, new_ref = version_ref(a.label, a_record), version_ref(b.label, b_record)
    trial_id = a_record.identification.record_id
    if not changes:
        return TrialChanges(trial_id, "unchanged", old_ref, new_ref)
    return TrialChanges(trial_id, "changed", old_ref, new_ref, changes)
