"""Two versions of a record, or two snapshots of many, become typed Change events.

Lists are matched by identity (``trialmodel.changes.matching``), text is compared with white
space collapsed, and the kinds people watch for (status, date slips, enrollment, outcome switching)
get events of their own (``trialmodel.changes.milestones``). A snapshot diff first compares whole
records for equality, so unchanged records cost one comparison and the diff stays linear.

deepdiff is not used here: every list needs an identity key and every difference a domain name,
and a walk over the model's own fields gives both with nothing of a third-party format leaking
out. deepdiff is the tests' independent oracle of this walk (``tests/unit/test_changes_oracle.py``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from trialmodel.changes.doses import dose_changes
from trialmodel.changes.events import (
    POSSIBLE_OUTCOME_SWITCHING,
    RETROACTIVE_REGISTRATION,
    Category,
    Change,
    Significance,
)
from trialmodel.changes.milestones import (
    enrollment_changes,
    registered_retrospectively,
    registration_changes,
    status_changes,
)
from trialmodel.changes.outcomes import outcome_changes
from trialmodel.changes.rules import ROOT_RULE
from trialmodel.changes.walk import Handlers, Out, walk_model
from trialmodel.model.people import CurationNote
from trialmodel.model.product import DoseLevel
from trialmodel.model.record import Design, TrialRecord

__all__ = [
    "POSSIBLE_OUTCOME_SWITCHING",
    "RETROACTIVE_REGISTRATION",
    "Category",
    "Change",
    "ChangeReport",
    "Significance",
    "SnapshotDiff",
    "TrialChanges",
    "VersionRef",
    "by_weight",
    "diff_records",
    "diff_snapshots",
]

HANDLERS: Handlers = {
    (TrialRecord, "status"): status_changes,
    (Design, "enrollment"): enrollment_changes,
    (TrialRecord, "outcomes"): outcome_changes,
    (DoseLevel, "dose"): dose_changes,
    (DoseLevel, "cumulative_dose"): dose_changes,
    (DoseLevel, "concentration"): dose_changes,
}
"""The fields the walker hands to a handler of their own, in one explicit table."""

TrialStatus = Literal["added", "removed", "changed", "unchanged"]


def diff_records(
    old: TrialRecord | str | os.PathLike[str], new: TrialRecord | str | os.PathLike[str]
) -> list[Change]:
    """The changes from ``old`` to ``new``, in record order; empty when nothing changed.

    Each is a record, or the path of a record file, loaded with ``trialmodel.load_record``
    (which raises ``RecordError`` with every finding of a file that does not pass).
    """
    old, new = _record(old), _record(new)
    if old == new:
        return []
    found = Out(HANDLERS)
    walk_model("", old, new, ROOT_RULE, found)
    out = [*found, *registration_changes(old, new)]
    if registered_retrospectively(new):
        out = [_flag_retroactive(c) for c in out]
    return [_as_curation(c, new) for c in out]


def _record(value: TrialRecord | str | os.PathLike[str]) -> TrialRecord:
    if isinstance(value, TrialRecord):
        return value
    from trialmodel.records import load_record

    return load_record(value)


def _as_curation(change: Change, new: TrialRecord) -> Change:
    """Provenance and curation are about our copy, not the registry: never above info. A field
    left absent in the newer version, where a curation note of that version says why, is curation
    too (the curator's sources do not show it), not a registry change."""
    if change.category is Category.CURATION:
        if change.significance is Significance.INFO:
            return change
        return replace(change, significance=Significance.INFO)
    if change.kind != "field_removed":
        return change
    note = explaining_note(change.path, new)
    if note is None:
        return change
    message = f"{change.message}; left absent by the curator (curation note on {note.topic})"
    return replace(
        change, category=Category.CURATION, significance=Significance.INFO, message=message
    )


def explaining_note(path: str, record: TrialRecord) -> CurationNote | None:
    """The curation note that explains why the field at ``path`` is absent: a note on that path,
    or on a section containing it that names the field (``sponsors`` naming "responsible party")."""
    name = path.rsplit(".", 1)[-1].split("[", 1)[0].replace("_", " ")
    for note in record.provenance.curation_notes or []:
        topic = note.topic.strip()
        if topic == path:
            return note
        inside = path.startswith((f"{topic}.", f"{topic}["))
        if inside and name in " ".join(note.note.split()).casefold():
            return note
    return None


def _flag_retroactive(change: Change) -> Change:
    """A start or submission date first seen in this version that shows the trial started before
    it was submitted for registration."""
    if change.kind == "first_seen" and change.path in _REGISTRATION_PATHS:
        return replace(change, flags=(*change.flags, RETROACTIVE_REGISTRATION))
    return change


_REGISTRATION_PATHS = frozenset({"status", "status.start", "status.first_submitted"})


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    """Two snapshots of many records, matched by NCT id."""

    added: tuple[str, ...]
    """NCT ids only in the new snapshot."""
    removed: tuple[str, ...]
    """NCT ids only in the old snapshot."""
    changed: Mapping[str, tuple[Change, ...]]
    """Changes of each trial in both snapshots whose record changed, by NCT id."""
    unchanged: tuple[str, ...]
    """NCT ids whose records are the same in both (white space and order aside)."""


def diff_snapshots(old: Mapping[str, TrialRecord], new: Mapping[str, TrialRecord]) -> SnapshotDiff:
    """Compare two snapshots keyed by NCT id; unchanged records cost one equality test."""
    changed: dict[str, tuple[Change, ...]] = {}
    unchanged: list[str] = []
    for nct_id in sorted(old.keys() & new.keys()):
        changes = diff_records(old[nct_id], new[nct_id])
        if changes:
            changed[nct_id] = tuple(changes)
        else:
            unchanged.append(nct_id)
    return SnapshotDiff(
        added=tuple(sorted(new.keys() - old.keys())),
        removed=tuple(sorted(old.keys() - new.keys())),
        changed=changed,
        unchanged=tuple(unchanged),
    )


@dataclass(frozen=True, slots=True)
class VersionRef:
    """Which version of a record a side of a comparison is."""

    file: str
    """Where it was read: a path, or ``REV:path`` for a git revision."""
    date: str | None = None
    """The registry date the version reflects, or its bound (see ``date_basis``)."""
    date_basis: str | None = None
    """How ``date`` was established: snapshot, not_after, not_before or last_update_posted."""
    overall_status: str | None = None
    """The trial's overall status in this version."""
    title: str | None = None
    """The trial's brief title in this version."""
    registry_version: int | None = None
    """The registry's number for this version (``provenance.snapshot.version``), when known."""
    registry_submitted: str | None = None
    """The date this version was submitted to the registry (``provenance.snapshot.submitted``):
    with ``registry_version``, the version's identity."""


@dataclass(frozen=True, slots=True)
class TrialChanges:
    """One trial in a report: added, removed, or its changes between two versions."""

    trial_id: str
    """The trial's record id (`Identification.record_id`): its NCT id, or its primary
    registration's id."""
    status: TrialStatus
    old: VersionRef | None
    new: VersionRef | None
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeReport:
    """What a ``diff`` or a ``history`` found, ready for a reporter."""

    command: Literal["diff", "history"]
    trials: tuple[TrialChanges, ...] = field(default_factory=tuple)
    shown_from: Significance = Significance.INFO
    """The least significance the report lists (``at_least``): info lists everything."""

    @property
    def has_changes(self) -> bool:
        """True when a trial was added, removed, or changed (the ``--exit-code`` test)."""
        if self.command == "history":
            return any(t.changes for t in self.trials)
        return any(t.status != "unchanged" for t in self.trials)

    def at_least(self, level: Significance) -> ChangeReport:
        """The report with only the changes of ``level`` or weightier; emptied trials dropped."""
        kept = []
        for trial in self.trials:
            changes = tuple(c for c in trial.changes if c.significance.rank <= level.rank)
            if self.command == "diff" and trial.status == "changed" and not changes:
                continue
            kept.append(replace(trial, changes=changes))
        return ChangeReport(self.command, tuple(kept), level)


def by_weight(changes: Iterable[Change]) -> list[Change]:
    """Changes with the most significant first, record order kept within a level."""
    return sorted(changes, key=lambda c: c.significance.rank)
