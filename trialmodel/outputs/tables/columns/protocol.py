"""What participants get and what is measured: arms, interventions, doses, outcomes."""

from __future__ import annotations

from trialmodel.outputs.tables.columns.base import (
    JOINED,
    TRIAL_ID,
    VERSION,
    Table,
    col,
    duration,
    entity,
    key,
)

__all__ = ["ARMS", "BACKGROUND_THERAPIES", "DOSE_LEVELS", "INTERVENTIONS", "OUTCOMES"]

ARMS = entity(
    "arms",
    "One row per arm of each version.",
    "arm",
    "Position of the arm in the record, from 1.",
    col("label", "string", "arms[].label"),
    col("type", "string", "arms[].type"),
    col("description", "string", "arms[].description"),
    col("interventions", "string", "arms[].interventions", JOINED),
    col("escalation", "string", "arms[].dose_design.escalation"),
    key(
        "parts",
        "Labels of the design parts whose `arms` name this arm (the design_parts table's label); "
        f"null for a study not run in parts. {JOINED}",
        "string",
    ),
)

INTERVENTIONS = entity(
    "interventions",
    "One row per intervention of each version, with the cell product it names (from products; "
    "the products table has the rest of it).",
    "intervention",
    "Position of the intervention in the record, from 1.",
    col("name", "string", "interventions[].name"),
    col("type", "string", "interventions[].type"),
    col("description", "string", "interventions[].description"),
    col("other_names", "string", "interventions[].other_names", JOINED),
    col("arms", "string", "interventions[].arms", JOINED),
    col("role", "string", "interventions[].role"),
    col("cell_based", "bool", "interventions[].cell_based"),
    col("product_name", "string", "interventions[].product", "The products table's name."),
    col("cell_type", "string", "products[].cell_type"),
    col("tissue_source", "string", "products[].tissue_source"),
    col("donor", "string", "products[].donor.relation"),
    col("administered_form", "string", "products[].administered_form"),
    col("excipients", "string", "products[].excipients", JOINED),
    col("product_description", "string", "products[].description"),
)

_DOSE = "arms[].dose_levels[]"
_REGIMEN = f"{_DOSE}.regimen"

DOSE_LEVELS = Table(
    "dose_levels",
    "One row per dose level of each arm of each version: the dose and how it is given.",
    ("trial_id", "version", "arm", "dose_level"),
    (
        TRIAL_ID,
        VERSION,
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
        *duration("interval", f"{_REGIMEN}.interval"),
        *duration("repeat_every", f"{_REGIMEN}.course_repeat_every"),
        *duration("repeat_for", f"{_REGIMEN}.course_repeat_for"),
        col("schedule", "string", f"{_REGIMEN}.schedule"),
        *duration("infusion", f"{_REGIMEN}.infusion_duration"),
        col("planned_participants", "int64", f"{_DOSE}.planned_participants"),
    ),
)

_BACKGROUND = "background_therapies[]"

BACKGROUND_THERAPIES = entity(
    "background_therapies",
    "One row per therapy given besides the interventions under study (background_therapies).",
    "therapy",
    "Position of the therapy in the record, from 1.",
    col("name", "string", f"{_BACKGROUND}.name"),
    col("dose", "string", f"{_BACKGROUND}.dose"),
    col("route", "string", f"{_BACKGROUND}.route"),
    col("frequency", "string", f"{_BACKGROUND}.frequency"),
    col("arms", "string", f"{_BACKGROUND}.arms", JOINED),
    col("role", "string", f"{_BACKGROUND}.role"),
)

OUTCOMES = Table(
    "outcomes",
    "One row per outcome measure of each version.",
    ("trial_id", "version", "kind", "outcome"),
    (
        TRIAL_ID,
        VERSION,
        key("kind", "primary, secondary or other: the list the outcome is in.", "string"),
        key("outcome", "Position of the outcome in its list, from 1."),
        col("measure", "string", "outcomes.primary[].measure"),
        col("time_frame", "string", "outcomes.primary[].time_frame"),
        col("description", "string", "outcomes.primary[].description"),
    ),
)
