"""Apply a newer registry version to a curated record, keeping the curation and the curator's YAML.

The record file is edited in place with ruamel.yaml's round-trip mode: only the registry-owned
values that changed are replaced, inserted or removed, so comments, key order, quoting and every
curated field (cell_based, product, dose levels and design, background therapies, ethics reviews,
funding sources, result publications, curation notes) stay as they were. Lists are matched by
identity (label, name, measure, id, facility/city/country), not by position; arms and
interventions as the change engine matches them, so curation follows a renamed item
(`trialmodel.updating.carry`).

`plan_update` reads the record safely and computes the new text and what changed without touching
a file (`UpdateError` says why a record cannot be updated); `write_updates` keeps each previous
version as ``history/<NCT>/<its date>.yaml`` beside the record (history is append-only), then
replaces the records: all or nothing, and only records unchanged since they were read.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from trialmodel.atomic import OverwriteRefusedError, PlannedWrite, write_files
from trialmodel.changes import Change, ChangeReport, TrialChanges, VersionRef, diff_records
from trialmodel.ctgov import ImportedStudy
from trialmodel.findings import FileReport
from trialmodel.model.record import TrialRecord
from trialmodel.updating.locate import index_records
from trialmodel.updating.plan import (
    HISTORY_SCHEMA_COMMENT,
    Update,
    UpdateError,
    plan_update,
)

__all__ = [
    "HISTORY_SCHEMA_COMMENT",
    "Update",
    "UpdateError",
    "change_report",
    "plan_update",
    "plan_updates",
    "update_changes",
    "update_records",
    "write_update",
    "write_updates",
]

_VERSION_PATHS = ("status.last_update_posted", "provenance")
"""Paths that say which version a record is, not what the trial is: shown in the report's header
(old date -> new date), not as changes."""

MAX_HISTORY_COPIES = 1000
"""Versions filed under one date at most (``<date>.yaml``, ``<date>-2.yaml``, ...)."""


def _history_target(update: Update, *, force: bool) -> tuple[Path, bool]:
    """Where the previous version is filed, and whether it still has to be written there.

    History is append-only: a different file under the version's date is never replaced. Without
    ``force`` that is refused; with it, the version is filed under the next free name
    (``<date>-2.yaml``), so both are kept. A file holding the version byte for byte is used as is.
    """
    first = update.history_path
    for n in range(1, MAX_HISTORY_COPIES + 1):
        path = first if n == 1 else first.with_name(f"{first.stem}-{n}{first.suffix}")
        if not path.exists() and not path.is_symlink():
            return path, True
        if path.is_file() and path.read_bytes() == update.history_bytes:
            return path, False
        if not force:
            raise OverwriteRefusedError(
                f"{path}: a different version is filed under {update.old_version} (history is "
                "never overwritten; --force files this one beside it)"
            )
    raise OverwriteRefusedError(f"{first}: too many versions filed under {update.old_version}")


def write_updates(updates: list[Update], *, force: bool = False) -> list[Update]:
    """Write the updates that change a record, all or nothing.

    Each previous version goes to history first (a new file, never a replaced one); each record
    is replaced only if it still holds the bytes it was planned from (`FileChangedError`
    otherwise). Raises `OverwriteRefusedError` (naming every history clash, when ``force`` is
    false) or `OSError` (`WriteError`); then no file was written. Returns the updates, each with
    the ``history_path`` its previous version was filed under.
    """
    batch: list[PlannedWrite] = []
    filed: list[Update] = []
    refused: list[str] = []
    for update in updates:
        if not update.writes:
            filed.append(update)
            continue
        try:
            history, new = _history_target(update, force=force)
        except OverwriteRefusedError as exc:
            refused.append(str(exc))
            continue
        if new:
            batch.append(PlannedWrite(history, update.history_bytes, make_folder=True))
        record = update.record_path
        batch.append(PlannedWrite(record, update.new_bytes, True, update.old_digest))
        filed.append(replace(update, history_path=history))
    if refused:
        raise OverwriteRefusedError("; ".join(refused) + "; nothing was written")
    write_files(batch)
    return filed


def write_update(update: Update, *, force: bool = False) -> bool:
    """Write one update (see `write_updates`); False when the record does not change."""
    write_updates([update], force=force)
    return update.writes


def plan_updates(studies: list[ImportedStudy], folder: Path) -> list[Update]:
    """Plan the update of each study's record in ``folder`` (``<NCT id>.yaml``, or the record
    named after another registry that holds the NCT id: `trialmodel.updating.locate`); nothing
    is written.

    Raises `UpdateError` with every problem of every record when one cannot be updated.
    """
    plans: list[Update] = []
    problems: list[str] = []
    reports: list[FileReport] = []
    index = index_records(folder)
    for study in studies:
        try:
            plans.append(plan_update(index.record_of(study.nct_id), study))
        except UpdateError as exc:
            problems.extend(exc.problems)
            reports.extend(exc.reports)
    if problems:
        raise UpdateError(*problems, reports=reports)
    return plans


def update_records(
    studies: list[ImportedStudy], folder: Path, *, force: bool = False
) -> list[Update]:
    """Update each study's record in ``folder`` (see `plan_updates`): plan all first, then write
    all or none.

    Raises `UpdateError` (nothing written) when a record is missing or cannot be updated, and
    `OverwriteRefusedError` when a history file exists with other content and ``force`` is false.
    """
    return write_updates(plan_updates(studies, folder), force=force)


def update_changes(update: Update) -> list[Change]:
    """What changed in the trial between the previous and the updated record."""
    return [
        c
        for c in diff_records(update.old, update.new)
        if not any(c.path == p or c.path.startswith((f"{p}.", f"{p}[")) for p in _VERSION_PATHS)
    ]


def _ref(file: Path, record: TrialRecord) -> VersionRef:
    """The version as ``diff`` and ``history`` describe it (``changes.versions.version_ref``): a
    date from ``last_update_posted`` is labelled so, not as a snapshot."""
    from trialmodel.changes.versions import version_ref

    return version_ref(str(file), record)


def change_report(updates: list[Update]) -> ChangeReport:
    """The updates as a ``diff`` change report: previous version (in history) -> updated record."""
    trials = []
    for u in updates:
        changes = tuple(update_changes(u))
        trials.append(
            TrialChanges(
                trial_id=u.old.identification.record_id,
                status="changed" if changes else "unchanged",
                old=_ref(u.history_path if u.writes else u.record_path, u.old),
                new=_ref(u.record_path, u.new),
                changes=changes,
            )
        )
    return ChangeReport("diff", tuple(trials))
