"""Change reports from what a user names: two files, two snapshot folders, a git revision, trials.

These are the library calls behind ``trialmodel diff`` and ``trialmodel history``; each raises
``VersionError`` (from ``trialmodel.changes.versions``) for input it cannot read, and
``RecordError`` (``trialmodel.load_record``'s) for a record that does not validate.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from trialmodel.changes import ChangeReport, TrialChanges, diff_records
from trialmodel.changes.snapshots import compare_items, folder_items, revision_items, worktree_items
from trialmodel.changes.versions import (
    Version,
    VersionError,
    check_revision,
    find_versions,
    read_version,
    records_folder,
    revision_files,
)
from trialmodel.model.identifiers import TRIAL_ID_PATTERN, file_stem
from trialmodel.model.types import NCT_ID_PATTERN, python_regex

__all__ = ["compare_paths", "compare_revision", "history"]

DEFAULT_RECORDS = "records"
_TRIAL_ID = python_regex(TRIAL_ID_PATTERN)
_NCT_ID = python_regex(NCT_ID_PATTERN)


def compare(old: Version | None, new: Version | None) -> TrialChanges:
    """One trial in two versions (either may be missing: added or removed)."""
    if old is None and new is None:
        raise ValueError("compare needs at least one version")
    if old is None:
        assert new is not None
        return TrialChanges(new.trial_id, "added", None, new.ref)
    if new is None:
        return TrialChanges(old.trial_id, "removed", old.ref, None)
    changes = tuple(diff_records(old.record, new.record))
    return TrialChanges(
        new.trial_id, "changed" if changes else "unchanged", old.ref, new.ref, changes
    )


def compare_paths(old: Path, new: Path) -> ChangeReport:
    """Two record files, or two folders of records (snapshots)."""
    for path in (old, new):
        if not path.exists():
            raise VersionError(f"{path}: no such file or directory")
    if old.is_dir() and new.is_dir():
        return ChangeReport("diff", tuple(compare_items(folder_items(old), folder_items(new))))
    if old.is_dir() or new.is_dir():
        raise VersionError(f"cannot compare a folder with a file: {old} and {new}")
    return ChangeReport("diff", (compare(read_version(old), read_version(new)),))


def compare_revision(rev: str, paths: Iterable[str], cwd: Path) -> ChangeReport:
    """The records that ``paths`` name at git revision ``rev`` against the working tree."""
    check_revision(rev, cwd)
    names = list(paths) or [records_folder(cwd, DEFAULT_RECORDS)]
    for name in names:
        if not (cwd / name).exists() and not revision_files(rev, name, cwd):
            raise VersionError(f"{name}: neither in the working tree nor at {rev}")
    old, new = revision_items(rev, names, cwd), worktree_items(names, cwd)
    return ChangeReport("diff", tuple(compare_items(old, new)))


def history(trial_ids: Iterable[str], records: Path) -> ChangeReport:
    """Every known version of each trial, oldest first, with the changes between neighbours.

    A trial is named by its record id (NCT04544215, ChiCTR2600126854, CTRI/2020/05/025318)."""
    trial_ids = list(trial_ids)
    for trial_id in trial_ids:
        # The id names files and a folder under records/: '..' or '../../x' must not reach out.
        # An id that starts like an NCT id must be one: NCT0454421 is a typing slip.
        nct_like = trial_id.startswith("NCT") and _NCT_ID.match(trial_id) is None
        if _TRIAL_ID.match(trial_id) is None or nct_like:
            shown = trial_id.encode("unicode_escape").decode("ascii")
            raise VersionError(
                f"'{shown}' is not a trial id: expected a registry's id such as NCT04544215 "
                "or ChiCTR2600126854"
            )
    if not records.is_dir():
        raise VersionError(f"{records}: no such records folder")
    steps: list[TrialChanges] = []
    for trial_id in trial_ids:
        versions = find_versions(records, trial_id)
        if not versions:
            stem = file_stem(trial_id)
            raise VersionError(
                f"{trial_id}: no record in {records} nor in {records}/history/{stem}"
            )
        steps.append(compare(None, versions[0]))
        steps.extend(compare(a, b) for a, b in pairwise(versions))
    return ChangeReport("history", tuple(steps))
