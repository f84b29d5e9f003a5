"""The tables, their keys and columns: one declaration that the writer and the dictionary share.

A column that holds a record field names its record path; its description is that field's own
docstring in the model, so the data dictionary (docs/tables.md) cannot drift from the model.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from trialmodel.model.base import model_in
from trialmodel.model.docs import field_description
from trialmodel.model.record import TrialRecord

ColumnType = Literal["string", "int64", "double", "bool"]

LIST_SEPARATOR = "|"
"""How a list of texts (phases, conditions) is written in one cell."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, type, the record path it holds (if any) and what it means."""

    name: str
    type: ColumnType
    description: str
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """One table: a file ``<name>.parquet`` or ``<name>.csv``."""

    name: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The column names in order."""
        return tuple(c.name for c in self.columns)


def field_doc(path: str) -> str:
    """The model's docstring of the field at a record path (``arms[].dose_levels[].label``)."""
    model: type[BaseModel] | None = TrialRecord
    description = ""
    for name in path.replace("[]", "").split("."):
        if model is None or name not in model.model_fields:
            raise KeyError(f"no field {path!r} in the record model")
        description = field_description(model, name) or ""
        model = model_in(model.model_fields[name].annotation)
    return description


def col(name: str, type_: ColumnType, path: str, note: str = "") -> Column:
    """A column holding a record field; a list field is joined with ``LIST_SEPARATOR``."""
    text = field_doc(path)
    return Column(name, type_, f"{text} {note}".strip(), path)


def key(name: str, description: str, type_: ColumnType = "int64") -> Column:
    """A key or derived column that no single record field holds."""
    return Column(name, type_, description)


_JOINED = f"Joined with `{LIST_SEPARATOR}`."
_TRIAL_ID = key(
    "trial_id",
    "The record id: the primary registration's id, else the NCT id (`identification.record_id`).",
    "string",
)
_VERSION = key(
    "version",
    "Registry version: 1 for the oldest version held, counting up to the current record.",
)


def _entity(name: str, description: str, ident: str, ident_doc: str, *cols: Column) -> Table:
    index = key(ident, ident_doc)
    return Table(
        name, description, ("trial_id", "version", ident), (_TRIAL_ID, _VERSION, index, *cols)
    )


def _dates(name: str, path: str) -> tuple[Column, Column]:
    return (
        col(f"{name}_date", "string", f"{path}.date"),
        col(f"{name}_type", "string", f"{path}.type"),
    )


TRIALS = Table(
    "trials",
    "One row per trial and registry version held: identification, status, dates, design.",
    ("trial_id", "version"),
    (
        _TRIAL_ID,
        _VERSION,
        col("nct_id", "string", "identification.nct_id"),
        key("is_current", "True for the current record (the latest version held).", "bool"),
        key(
            "version_date",
            "The registry date this version reflects (see the versions table).",
            "string",
        ),
        col("org_study_id", "string", "identification.org_study_id"),
        col("secondary_ids", "string", "identification.secondary_ids", f"Their ids. {_JOINED}"),
        col("brief_title", "string", "identification.brief_title"),
        col("official_title", "string", "identification.official_title"),
        col("acronym", "string", "identification.acronym"),
        col("overall_status", "string", "status.overall"),
        col("why_stopped", "string", "status.why_stopped"),
        *_dates("start", "status.start"),
        *_dates("primary_completion", "status.primary_completion"),
        *_dates("completion", "status.completion"),
        col("first_submitted", "string", "status.first_submitted"),
        col("first_posted", "string", "status.first_posted.date"),
        col("last_update_posted", "string", "status.last_update_posted.date"),
        col("verified", "string", "status.verified"),
        col("study_type", "string", "design.study_type"),
        col("phases", "string", "design.phases", _JOINED),
        col("allocation", "string", "design.allocation"),
        col("intervention_model", "string", "design.intervention_model"),
        col("primary_purpose", "string", "design.primary_purpose"),
        col("masking", "string", "design.masking.masking"),
        col("enrollment_count", "int64", "design.enrollment.count"),
        col("enrollment_type", "string", "design.enrollment.type"),
        col("lead_sponsor", "string", "sponsors.lead.name"),
        col("lead_sponsor_class", "string", "sponsors.lead.agency_class"),
        col("conditions", "string", "conditions", _JOINED),
        col("keywords", "string", "keywords", _JOINED),
        col("results_posted", "bool", "results.posted"),
        col("curation_state", "string", "provenance.state"),
    ),
)

ARMS = _entity(
    "arms",
    "One row per arm of each version.",
    "arm",
    "Position of the arm in the record, from 1.",
    col("label", "string", "arms[].label"),
    col("type", "string", "arms[].type"),
    col("description", "string", "arms[].description"),
    col("interventions", "string", "arms[].interventions", _JOINED),
    col("escalation", "string", "arms[].dose_design.escalation"),
)

INTERVENTIONS = _entity(
    "interventions",
    "One row per intervention of each version, with its cell product.",
    "intervention",
    "Position of the intervention in the record, from 1.",
    col("name", "string", "interventions[].name"),
    col("type", "string", "interventions[].type"),
    col("description", "string", "interventions[].description"),
    col("other_names", "string", "interventions[].other_names", _JOINED),
    col("arms", "string", "interventions[].arms", _JOINED),
    col("role", "string", "interventions[].role"),
    col("cell_based", "bool", "interventions[].cell_based"),
    col("product_name", "string", "interventions[].product.name"),
    col("cell_type", "string", "interventions[].product.cell_type"),
    col("tissue_source", "string", "interventions[].product.tissue_source"),
    col("donor", "string", "interventions[].product.donor.relation"),
    col("administered_form", "string", "interventions[].product.administered_form"),
    col("excipients", "string", "interventions[].product.excipients", _JOINED),
    col("product_description", "string", "interventions[].product.description"),
)

_DOSE = "arms[].dose_levels[]"
_REGIMEN = f"{_DOSE}.regimen"


def _duration(name: str, path: str) -> tuple[Column, Column]:
    return (
        col(f"{name}_value", "double", f"{path}.value"),
        col(f"{name}_unit", "string", f"{path}.unit"),
    )


DOSE_LEVELS = Table(
    "dose_levels",
    "One row per dose level of each arm of each version: the dose and how it is given.",
    ("trial_id", "version", "arm", "dose_level"),
    (
        _TRIAL_ID,
        _VERSION,
        key("arm", "Position of the arm in the record, from 1 (the arms table's key)."),
        key("dose_level", "Position of the dose level in its arm, from 1."),
        col("arm_label", "string", "arms[].label"),
        col("label", "string", f"{_DOSE}.label"),
        col("intervention", "string", f"{_DOSE}.intervention"),
        col("dose_value", "double", f"{_DOSE}.dose.value"),
        col("dose_max", "double", f"{_DOSE}.dose.max"),
        col("counted", "string", f"{_DOSE}.dose.counted"),
        col("basis", "string", f"{_DOSE}.dose.basis"),
        col("cap", "double", f"{_DOSE}.dose.cap"),
        col("volume_ml", "double", f"{_DOSE}.dose.volume.ml"),
        col("as_written", "string", f"{_DOSE}.dose.as_written"),
        col("concentration_value", "double", f"{_DOSE}.concentration.value"),
        col("concentration_max", "double", f"{_DOSE}.concentration.max"),
        col("concentration_counted", "string", f"{_DOSE}.concentration.counted"),
        col("concentration_per_ml", "double", f"{_DOSE}.concentration.per_ml"),
        col("cumulative_value", "double", f"{_DOSE}.cumulative_dose.value"),
        col("cumulative_max", "double", f"{_DOSE}.cumulative_dose.max"),
        col("cumulative_counted", "string", f"{_DOSE}.cumulative_dose.counted"),
        col("cumulative_basis", "string", f"{_DOSE}.cumulative_dose.basis"),
        col("to_be_determined", "bool", f"{_DOSE}.to_be_determined"),
        col("route", "string", f"{_REGIMEN}.route"),
        col("administrations", "int64", f"{_REGIMEN}.administrations"),
        *_duration("interval", f"{_REGIMEN}.interval"),
        *_duration("repeat_every", f"{_REGIMEN}.course_repeat_every"),
        *_duration("repeat_for", f"{_REGIMEN}.course_repeat_for"),
        col("schedule", "string", f"{_REGIMEN}.schedule"),
        *_duration("infusion", f"{_REGIMEN}.infusion_duration"),
        col("planned_participants", "int64", f"{_DOSE}.planned_participants"),
    ),
)

OUTCOMES = Table(
    "outcomes",
    "One row per outcome measure of each version.",
    ("trial_id", "version", "kind", "outcome"),
    (
        _TRIAL_ID,
        _VERSION,
        key("kind", "primary, secondary or other: the list the outcome is in.", "string"),
        key("outcome", "Position of the outcome in its list, from 1."),
        col("measure", "string", "outcomes.primary[].measure"),
        col("time_frame", "string", "outcomes.primary[].time_frame"),
        col("description", "string", "outcomes.primary[].description"),
    ),
)

LOCATIONS = _entity(
    "locations",
    "One row per site of each version.",
    "location",
    "Position of the site in the record, from 1.",
    col("facility", "string", "locations[].facility"),
    col("city", "string", "locations[].city"),
    col("state", "string", "locations[].state"),
    col("zip", "string", "locations[].zip"),
    col("country", "string", "locations[].country"),
    col("status", "string", "locations[].status"),
)

SPONSORS = Table(
    "sponsors",
    "One row per lead sponsor and collaborator of each version.",
    ("trial_id", "version", "role", "sponsor"),
    (
        _TRIAL_ID,
        _VERSION,
        key("role", "lead or collaborator.", "string"),
        key("sponsor", "Position among the organisations of that role, from 1."),
        col("name", "string", "sponsors.lead.name"),
        col("agency_class", "string", "sponsors.lead.agency_class"),
    ),
)

VERSIONS = Table(
    "versions",
    "One row per registry version held of each trial, oldest first.",
    ("trial_id", "version"),
    (
        _TRIAL_ID,
        _VERSION,
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
        _TRIAL_ID,
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
        key("flags", f"Flags such as possible_outcome_switching. {_JOINED}", "string"),
        key("message", "The change in words.", "string"),
    ),
)

_ALL = (TRIALS, ARMS, INTERVENTIONS, DOSE_LEVELS, OUTCOMES, LOCATIONS, SPONSORS, VERSIONS, CHANGES)
TABLES: typing.Mapping[str, Table] = types.MappingProxyType({t.name: t for t in _ALL})
"""Every table by name, in the order they are written and documented."""
