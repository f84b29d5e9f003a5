"""Records a user names, each with every registry version held and the changes between them.

A PATH is a record file or a folder of records (the ``*.yaml``/``*.yml`` files directly in it).
Earlier versions of a record ``DIR/<NCT>.yaml`` are the files in ``DIR/history/<NCT>/``, read and
ordered as ``trialmodel history`` reads them. Every path is read before anything is reported: one
bad file never hides the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from trialmodel.changes import Change, diff_records
from trialmodel.changes.versions import (
    HISTORY_DIR,
    Version,
    VersionError,
    find_versions,
    read_version,
)
from trialmodel.loading.files import RECORD_SUFFIXES
from trialmodel.model.identifiers import file_stem
from trialmodel.model.record import TrialRecord
from trialmodel.records import RecordError

__all__ = ["TrialHistory", "collect"]


@dataclass(frozen=True, slots=True)
class TrialHistory:
    """One trial: its versions oldest first (the named record last) and the changes between them."""

    trial_id: str
    """The record id (`Identification.record_id`)."""
    versions: tuple[Version, ...]
    steps: tuple[tuple[Change, ...], ...]
    """``steps[i]`` holds the changes from ``versions[i]`` to ``versions[i + 1]``."""

    @property
    def current(self) -> TrialRecord:
        """The record as named by the user: the latest version."""
        return self.versions[-1].record


@dataclass(frozen=True, slots=True)
class Collected:
    """What ``collect`` read: the trials, sorted by record id, and one message per unreadable
    input."""

    trials: tuple[TrialHistory, ...]
    errors: tuple[str, ...]


def record_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The record files that ``paths`` name, and a message for each path that names none."""
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_dir():
            try:
                found = sorted(
                    p for p in path.iterdir() if p.suffix in RECORD_SUFFIXES and p.is_file()
                )
            except OSError as error:
                errors.append(f"{path}: cannot list: {error.strerror or error}")
                continue
            if not found:
                errors.append(f"{path}: no record files (*.yaml, *.yml) in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{path}: no such file or directory")
    return files, errors


def trial_history(path: Path) -> TrialHistory:
    """One record file and, when it is ``DIR/<id>.yaml``, its versions in ``DIR/history/<id>``
    (the id's file stem, `file_stem`, in both names)."""
    current = read_version(path)
    trial_id = current.trial_id
    stem = file_stem(trial_id)
    versions = [current]
    if path.stem == stem and (path.parent / HISTORY_DIR / stem).is_dir():
        versions = find_versions(path.parent, trial_id)
    steps = tuple(tuple(diff_records(a.record, b.record)) for a, b in pairwise(versions))
    return TrialHistory(trial_id, tuple(versions), steps)


def collect(paths: Sequence[Path]) -> Collected:
    """Read every record that ``paths`` name, with its history; errors are values, not raised."""
    files, errors = record_files(paths)
    trials: dict[str, TrialHistory] = {}
    where: dict[str, Path] = {}
    for file in files:
        try:
            trial = trial_history(file)
        except VersionError as error:
            errors.append(str(error))
            continue
        except RecordError as error:
            errors.append(error.summary())
            continue
        if trial.trial_id in trials:
            if file.resolve() != where[trial.trial_id].resolve():
                errors.append(f"{file}: {trial.trial_id} is also {where[trial.trial_id]}")
            continue
        trials[trial.trial_id] = trial
        where[trial.trial_id] = file
    return Collected(tuple(trials[k] for k in sorted(trials)), tuple(errors))
