"""The study's own tables: the trial, its registrations, its design parts, sites and sponsors."""

from __future__ import annotations

from trialmodel.outputs.tables.columns.base import (
    JOINED,
    TRIAL_ID,
    VERSION,
    Table,
    col,
    dates,
    entity,
    key,
)

__all__ = ["DESIGN_PARTS", "LOCATIONS", "REGISTRATIONS", "SPONSORS", "TRIALS"]

TRIALS = Table(
    "trials",
    "One row per trial and registry version held: identification, status, dates, design.",
    ("trial_id", "version"),
    (
        TRIAL_ID,
        VERSION,
        col("nct_id", "string", "identification.nct_id"),
        key("is_current", "True for the current record (the latest version held).", "bool"),
        key(
            "version_date",
            "The registry date this version reflects (see the versions table).",
            "string",
        ),
        col("org_study_id", "string", "identification.org_study_id"),
        col("secondary_ids", "string", "identification.secondary_ids", f"Their ids. {JOINED}"),
        col("brief_title", "string", "identification.brief_title"),
        col("official_title", "string", "identification.official_title"),
        col("acronym", "string", "identification.acronym"),
        col("overall_status", "string", "status.overall"),
        col("why_stopped", "string", "status.why_stopped"),
        *dates("start", "status.start"),
        *dates("primary_completion", "status.primary_completion"),
        *dates("completion", "status.completion"),
        col("first_submitted", "string", "status.first_submitted"),
        col("first_posted", "string", "status.first_posted.date"),
        col("last_update_posted", "string", "status.last_update_posted.date"),
        col("verified", "string", "status.verified"),
        col("study_type", "string", "design.study_type"),
        col("phases", "string", "design.phases", JOINED),
        col("allocation", "string", "design.allocation"),
        col("intervention_model", "string", "design.intervention_model"),
        col("primary_purpose", "string", "design.primary_purpose"),
        col("masking", "string", "design.masking.masking"),
        col("enrollment_count", "int64", "design.enrollment.count"),
        col("enrollment_type", "string", "design.enrollment.type"),
        col("lead_sponsor", "string", "sponsors.lead.name"),
        col("lead_sponsor_class", "string", "sponsors.lead.agency_class"),
        col("conditions", "string", "conditions", JOINED),
        col("keywords", "string", "keywords", JOINED),
        col("results_posted", "bool", "results.posted"),
        col("curation_state", "string", "provenance.state"),
    ),
)

_REGISTRATION = "identification.registrations[]"

REGISTRATIONS = entity(
    "registrations",
    "One row per registration a version lists (identification.registrations); a record that "
    "lists none has no rows here, its NCT id being its id (trials.nct_id).",
    "registration",
    "Position of the registration in the record, from 1.",
    col("registry", "string", f"{_REGISTRATION}.registry"),
    col("registry_id", "string", f"{_REGISTRATION}.id"),
    col("is_primary", "bool", f"{_REGISTRATION}.primary"),
    col("registered", "string", f"{_REGISTRATION}.registered"),
    col("url", "string", f"{_REGISTRATION}.url"),
)

_PART = "design.parts[]"

DESIGN_PARTS = entity(
    "design_parts",
    "One row per part of a study run in parts (design.parts), each with its own design; the "
    "trials row keeps the study-level design the registry lists.",
    "part",
    "Position of the part in the record, from 1.",
    col("label", "string", f"{_PART}.label"),
    col("phases", "string", f"{_PART}.phases", JOINED),
    col("allocation", "string", f"{_PART}.allocation"),
    col("intervention_model", "string", f"{_PART}.intervention_model"),
    col("masking", "string", f"{_PART}.masking.masking"),
    col("who_masked", "string", f"{_PART}.masking.who_masked", JOINED),
    col("masking_description", "string", f"{_PART}.masking.description"),
    col("arms", "string", f"{_PART}.arms", f"The arms table's label. {JOINED}"),
    col("enrollment_count", "int64", f"{_PART}.enrollment.count"),
    col("enrollment_type", "string", f"{_PART}.enrollment.type"),
    col("description", "string", f"{_PART}.description"),
)

LOCATIONS = entity(
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
        TRIAL_ID,
        VERSION,
        key("role", "lead or collaborator.", "string"),
        key("sponsor", "Position among the organisations of that role, from 1."),
        col("name", "string", "sponsors.lead.name"),
        col("agency_class", "string", "sponsors.lead.agency_class"),
    ),
)
