"""Rows of where each version comes from: versions, changes and the per-value sources."""

from __future__ import annotations

import json
from collections.abc import Iterator

from trialmodel.changes import Change
from trialmodel.model.record import TrialRecord
from trialmodel.outputs.collect import TrialHistory
from trialmodel.outputs.tables.rows.base import Row, joined, v

__all__ = ["change_rows", "value_source_rows", "version_row"]


def version_row(trial: TrialHistory, number: int) -> Row:
    """The versions row of one version held."""
    held = trial.versions[number - 1]
    enrollment = held.record.design.enrollment if held.record.design else None
    snapshot = held.record.provenance.snapshot
    return {
        "trial_id": trial.trial_id,
        "version": number,
        "date": held.ref.date,
        "date_basis": held.ref.date_basis,
        "registry_version": snapshot.version if snapshot else None,
        "submitted": snapshot.submitted if snapshot else None,
        "overall_status": held.ref.overall_status,
        "enrollment_count": enrollment.count if enrollment else None,
        "enrollment_type": v(enrollment.type) if enrollment else None,
        "is_current": number == len(trial.versions),
        "file": held.ref.file,
    }


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def change_row(change: Change, base: Row, index: int) -> Row:
    """One changes row."""
    return {
        "trial_id": base["trial_id"],
        "from_version": base["from_version"],
        "to_version": base["to_version"],
        "change": index,
        "from_date": base["from_date"],
        "to_date": base["to_date"],
        "kind": change.kind,
        "category": change.category.value,
        "significance": change.significance.value,
        "path": change.path,
        "old": _json(change.old),
        "new": _json(change.new),
        "flags": joined(change.flags) if change.flags else None,
        "message": change.message,
    }


def change_rows(trial: TrialHistory) -> Iterator[Row]:
    """The changes rows of one trial: each consecutive pair of versions, oldest first."""
    for number, changes in enumerate(trial.steps, 1):
        older, newer = trial.versions[number - 1].ref, trial.versions[number].ref
        base = {
            "trial_id": trial.trial_id,
            "from_version": number,
            "to_version": number + 1,
            "from_date": older.date,
            "to_date": newer.date,
        }
        yield from (change_row(c, base, i) for i, c in enumerate(changes, 1))


def value_source_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The value_sources rows of one version: record path -> source, as the record lists them."""
    for index, item in enumerate(record.provenance.values or [], 1):
        yield {**base, "value": index, "path": item.path, "source": item.source, "note": item.note}
