"""Where each version comes from: the versions held, the changes between them, and which source
gave which value."""

from __future__ import annotations

from trialmodel.outputs.tables.columns.base import (
    JOINED,
    TRIAL_ID,
    VERSION,
    Table,
    col,
    entity,
    key,
)

__all__ = ["CHANGES", "VALUE_SOURCES", "VERSIONS"]

VERSIONS = Table(
    "versions",
    "One row per registry version held of each trial, oldest first.",
    ("trial_id", "version"),
    (
        TRIAL_ID,
        VERSION,
        key(
            "date",
            "The registry date the version reflects, or its bound (see date_basis).",
            "string",
        ),
        key(
            "date_basis",
            "How date is known: snapshot, not_after, not_before or last_update_posted.",
            "string",
        ),
        col("registry_version", "int64", "provenance.snapshot.version"),
        col("submitted", "string", "provenance.snapshot.submitted"),
        col("overall_status", "string", "status.overall"),
        col("enrollment_count", "int64", "design.enrollment.count"),
        col("enrollment_type", "string", "design.enrollment.type"),
        key("is_current", "True for the current record.", "bool"),
        key("file", "The file the version was read from.", "string"),
    ),
)

CHANGES = Table(
    "changes",
    "One row per typed change event between consecutive versions of a trial.",
    ("trial_id", "from_version", "change"),
    (
        TRIAL_ID,
        key("from_version", "The older version of the pair (the versions table's version)."),
        key("to_version", "The newer version: from_version + 1."),
        key("change", "Position of the change in the pair's change list, from 1."),
        key("from_date", "The registry date of the older version.", "string"),
        key("to_date", "The registry date of the newer version.", "string"),
        key(
            "kind",
            "Change kind, a stable identifier (status_changed, date_slipped, ...).",
            "string",
        ),
        key("category", "The part of the trial the change is about.", "string"),
        key("significance", "major, minor or info.", "string"),
        key("path", "Where in the record, as in the YAML (newer version's indexes).", "string"),
        key("old", "The value before, as JSON; empty when absent.", "string"),
        key("new", "The value after, as JSON; empty when absent.", "string"),
        key("flags", f"Flags such as possible_outcome_switching. {JOINED}", "string"),
        key("message", "The change in words.", "string"),
    ),
)

_VALUE = "provenance.values[]"

VALUE_SOURCES = entity(
    "value_sources",
    "One row per value whose source the record names (provenance.values): record path -> "
    "source. A section's path covers every value below it.",
    "value",
    "Position of the entry in provenance.values, from 1.",
    col("path", "string", f"{_VALUE}.path"),
    col("source", "string", f"{_VALUE}.source"),
    col("note", "string", f"{_VALUE}.note"),
)
