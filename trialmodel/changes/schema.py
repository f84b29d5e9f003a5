"""The JSON change report: its data (a versioned contract) and its JSON Schema.

``schemas/change-report.schema.json`` is generated from ``build_change_report_schema`` by
``trialmodel schema``; allowed values come from the enums in ``trialmodel.changes.events``. A change
that removes or renames a field, or changes its meaning, bumps ``FORMAT_VERSION``.
"""

from __future__ import annotations

from trialmodel import package_version
from trialmodel.changes import ChangeReport, TrialChanges, VersionRef
from trialmodel.changes.events import Category, Change, Significance
from trialmodel.model.identifiers import TRIAL_ID_PATTERN
from trialmodel.reporters.schema_parts import DIALECT, Json, closed_object, count

__all__ = ["build_change_report_schema", "change_data", "report_data", "summary"]

FORMAT_VERSION = 2
"""Version of the JSON change report: an integer, as in every JSON report of trialmodel. It was
the string "1.0", then "1.1" (when ``summary.changes`` stopped counting curation changes); as an
integer it is 2. Added fields do not change it."""

SCHEMA_ID = f"urn:trialmodel:schema:change-report:{FORMAT_VERSION}"
TRIAL_STATUSES = ("added", "removed", "changed", "unchanged")
DATE_BASES = ("snapshot", "not_after", "not_before", "last_update_posted")


def report_data(report: ChangeReport) -> Json:
    """A change report as plain JSON data, in the shape the schema describes."""
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "trialmodel", "version": package_version()},
        "command": report.command,
        "summary": summary(report),
        "trials": [_trial(t) for t in report.trials],
    }


def summary(report: ChangeReport) -> Json:
    """Counts of trials by status, of registry changes by significance, and of curation changes.

    Curation and provenance changes are about our copy of a record, not the registry's: they are
    counted apart (``curation``), never in ``changes`` or its significances.
    """
    counts: Json = {"trials": len(report.trials)}
    for status in TRIAL_STATUSES:
        counts[status] = sum(1 for t in report.trials if t.status == status)
    every = [c for t in report.trials for c in t.changes]
    changes = [c for c in every if c.category is not Category.CURATION]
    counts["changes"] = len(changes)
    for level in Significance:
        counts[level.value] = sum(1 for c in changes if c.significance is level)
    counts["curation"] = len(every) - len(changes)
    return counts


def _version(ref: VersionRef | None) -> Json | None:
    if ref is None:
        return None
    return {
        "file": ref.file,
        "date": ref.date,
        "date_basis": ref.date_basis,
        "overall_status": ref.overall_status,
        "title": ref.title,
        "registry_version": ref.registry_version,
        "registry_submitted": ref.registry_submitted,
    }


def _trial(trial: TrialChanges) -> Json:
    return {
        "trial_id": trial.trial_id,
        "nct_id": trial.trial_id,
        "status": trial.status,
        "old": _version(trial.old),
        "new": _version(trial.new),
        "changes": [change_data(c) for c in trial.changes],
    }


def change_data(change: Change) -> Json:
    """One change as plain JSON data."""
    return {
        "kind": change.kind,
        "category": change.category.value,
        "significance": change.significance.value,
        "path": change.path,
        "old": change.old,
        "new": change.new,
        "message": change.message,
        "flags": list(change.flags),
        "details": dict(change.details),
    }


def _str(description: str, *, nullable: bool = False, enum: list[str] | None = None) -> Json:
    schema: Json = {"type": ["string", "null"] if nullable else "string"}
    if enum is not None:
        schema["enum"] = [*enum, None] if nullable else enum
    schema["description"] = description
    return schema


def build_change_report_schema() -> Json:
    """The JSON Schema (draft 2020-12) of ``trialmodel diff/history --format json`` output."""
    counts = {name: count(f"Number of {name}.") for name in ("trials", *TRIAL_STATUSES)}
    counts["changes"] = count("Number of registry changes (curation and provenance apart).")
    counts |= {s.value: count(f"Number of {s.value} registry changes.") for s in Significance}
    counts["curation"] = count(
        "Number of curation and provenance changes: about our copy, not the registry."
    )
    tool = closed_object(
        "The program that wrote the report.",
        {"name": {"const": "trialmodel"}, "version": _str("Its version.")},
    )
    root = closed_object(
        "trialmodel change report (diff or history).",
        {
            "format_version": {"const": FORMAT_VERSION, "description": "Version of this contract."},
            "tool": tool,
            "command": _str("diff, or history (consecutive versions).", enum=["diff", "history"]),
            "summary": closed_object("Counts.", counts),
            "trials": {"type": "array", "items": {"$ref": "#/$defs/trial"}},
        },
    )
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": f"trialmodel change report, format {FORMAT_VERSION}",
        **root,
        "$defs": {
            "change": _change_schema(),
            "trial": _trial_schema(),
            "version": _version_schema(),
        },
    }


def _version_schema() -> Json:
    return closed_object(
        "A version of a trial's record.",
        {
            "file": _str("Where it was read: a path, or REV:path for a git revision."),
            "date": _str("The registry date it reflects, or a bound of it.", nullable=True),
            "date_basis": _str("How the date is known.", nullable=True, enum=list(DATE_BASES)),
            "overall_status": _str("Overall status in this version.", nullable=True),
            "title": _str("Brief title in this version.", nullable=True),
            "registry_version": {
                "type": ["integer", "null"],
                "minimum": 0,
                "description": "The registry's number for this version (0 is the first "
                "registration), when it was read from the registry's version history.",
            },
            "registry_submitted": _str(
                "The date the version was submitted to the registry "
                "(provenance.snapshot.submitted): with registry_version, its identity.",
                nullable=True,
            ),
        },
        required=["file", "date", "date_basis", "overall_status"],
    )


def _change_schema() -> Json:
    flags = {
        "type": "array",
        "items": {"type": "string"},
        "uniqueItems": True,
        "description": "Flags such as possible_outcome_switching.",
    }
    details = {
        "type": "object",
        "description": "Measured facts such as slip_months.",
        # anyOf, not a list of types: Ajv's strict mode refuses union types (a number covers
        # integers too).
        "additionalProperties": {"anyOf": [{"type": "number"}, {"type": "string"}]},
    }
    return closed_object(
        "One change between two versions, in domain terms.",
        {
            "kind": _str("Stable snake_case kind (status_changed, date_slipped, first_seen…)."),
            "category": _str("Part of the trial.", enum=[c.value for c in Category]),
            "significance": _str("How much it matters.", enum=[s.value for s in Significance]),
            "path": _str("Record path, YAML-like (outcomes.primary[0].time_frame)."),
            "old": {"description": "Value in the older version; null when absent."},
            "new": {"description": "Value in the newer version; null when absent."},
            "message": _str("The change in words."),
            "flags": flags,
            "details": details,
        },
    )


def _trial_schema() -> Json:
    nullable_version = {"oneOf": [{"$ref": "#/$defs/version"}, {"type": "null"}]}
    return closed_object(
        "One trial: added, removed, unchanged, or changed between two versions.",
        {
            "trial_id": {
                "type": "string",
                "pattern": TRIAL_ID_PATTERN,
                "description": "Trial id: the record's id, its primary registration's id, else its"
                " NCT id.",
            },
            "nct_id": {
                "type": "string",
                "pattern": TRIAL_ID_PATTERN,
                "description": "Trial id, the same as trial_id (its name from when every record "
                "was keyed by its NCT id; for a trial registered elsewhere it holds that id).",
            },
            "status": _str("What happened to the trial.", enum=list(TRIAL_STATUSES)),
            "old": nullable_version,
            "new": nullable_version,
            "changes": {"type": "array", "items": {"$ref": "#/$defs/change"}},
        },
    )
