"""Which kind, category and significance each difference in a record gets: declared once, here.

``RULES`` is keyed by (model class, field). A field without a rule inherits its parent's kind,
category and significance; a list's rule names its items, giving ``<item>_added``,
``<item>_removed`` and ``<item>_renamed``. Status, dates, enrollment and outcomes also have
handlers of their own (``trialmodel.changes.milestones``, ``trialmodel.changes.outcomes``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from trialmodel.changes.events import Category, Significance
from trialmodel.model.people import Location, Provenance
from trialmodel.model.product import CellProduct, DoseAmount, DoseLevel
from trialmodel.model.record import (
    Arm,
    Design,
    Identification,
    Intervention,
    Results,
    Sponsors,
    Status,
    TrialRecord,
)


@dataclass(frozen=True, slots=True)
class Rule:
    """How differences under one field are reported."""

    category: Category
    kind: str
    """Kind of a value changed under this field."""
    significance: Significance
    item: str | None = None
    """For a list: the noun of its items, giving ``<item>_added``, ``_removed``, ``_renamed``."""
    label: str | None = None
    """Name of the field in messages; the path when absent."""


C = Category
MAJOR, MINOR, INFO = Significance.MAJOR, Significance.MINOR, Significance.INFO

RULES: dict[tuple[type[BaseModel], str], Rule] = {
    (TrialRecord, "schema_version"): Rule(C.CURATION, "field_changed", INFO),
    (TrialRecord, "identification"): Rule(C.IDENTIFICATION, "field_changed", INFO),
    (Identification, "nct_id"): Rule(C.IDENTIFICATION, "field_changed", MAJOR, label="NCT id"),
    (Identification, "brief_title"): Rule(C.IDENTIFICATION, "title_changed", MINOR),
    (Identification, "official_title"): Rule(C.IDENTIFICATION, "title_changed", MINOR),
    (Identification, "secondary_ids"): Rule(
        C.IDENTIFICATION, "secondary_id_changed", INFO, item="secondary_id"
    ),
    (TrialRecord, "status"): Rule(C.DATES, "date_changed", INFO),
    (Status, "overall"): Rule(C.STATUS, "status_changed", MAJOR, label="status"),
    (Status, "why_stopped"): Rule(C.STATUS, "why_stopped_changed", MINOR, label="why stopped"),
    (Status, "last_known"): Rule(
        C.STATUS, "last_known_status_changed", INFO, label="last known status"
    ),
    (TrialRecord, "sponsors"): Rule(C.SPONSORS, "sponsor_changed", MINOR),
    (Sponsors, "lead"): Rule(C.SPONSORS, "sponsor_changed", MAJOR, label="lead sponsor"),
    (Sponsors, "collaborators"): Rule(
        C.SPONSORS, "collaborator_changed", MINOR, item="collaborator"
    ),
    (TrialRecord, "conditions"): Rule(C.IDENTIFICATION, "conditions_changed", MINOR),
    (TrialRecord, "keywords"): Rule(C.IDENTIFICATION, "keywords_changed", INFO),
    (TrialRecord, "description"): Rule(C.IDENTIFICATION, "description_changed", INFO),
    (TrialRecord, "design"): Rule(C.DESIGN, "design_changed", MINOR),
    (Design, "intervention_model_description"): Rule(C.DESIGN, "design_changed", INFO),
    (Design, "enrollment"): Rule(C.ENROLLMENT, "enrollment_changed", MINOR, label="enrollment"),
    (TrialRecord, "arms"): Rule(C.ARMS_AND_INTERVENTIONS, "arm_changed", MINOR, item="arm"),
    (Arm, "dose_design"): Rule(C.PRODUCT_AND_DOSE, "dose_changed", MINOR),
    (Arm, "dose_levels"): Rule(C.PRODUCT_AND_DOSE, "dose_changed", MAJOR, item="dose_level"),
    (DoseLevel, "planned_participants"): Rule(C.PRODUCT_AND_DOSE, "dose_changed", MINOR),
    (DoseAmount, "as_written"): Rule(C.PRODUCT_AND_DOSE, "dose_changed", MINOR),
    (TrialRecord, "interventions"): Rule(
        C.ARMS_AND_INTERVENTIONS, "intervention_changed", MINOR, item="intervention"
    ),
    (Intervention, "product"): Rule(C.PRODUCT_AND_DOSE, "product_changed", MAJOR),
    (CellProduct, "description"): Rule(C.PRODUCT_AND_DOSE, "product_changed", MINOR),
    (CellProduct, "excipients"): Rule(C.PRODUCT_AND_DOSE, "product_changed", MINOR),
    (TrialRecord, "background_therapies"): Rule(
        C.ARMS_AND_INTERVENTIONS, "background_therapy_changed", MINOR, item="background_therapy"
    ),
    (TrialRecord, "outcomes"): Rule(C.OUTCOMES, "outcomes_changed", MINOR, label="outcomes"),
    (TrialRecord, "eligibility"): Rule(C.ELIGIBILITY, "eligibility_changed", MINOR),
    (TrialRecord, "locations"): Rule(C.LOCATIONS, "site_changed", MINOR, item="site"),
    (Location, "status"): Rule(C.LOCATIONS, "site_status_changed", MINOR, label="status"),
    (TrialRecord, "officials"): Rule(C.SPONSORS, "official_changed", INFO, item="official"),
    (TrialRecord, "contacts"): Rule(C.SPONSORS, "contact_changed", INFO, item="contact"),
    (TrialRecord, "oversight"): Rule(C.DESIGN, "oversight_changed", INFO),
    (TrialRecord, "results"): Rule(C.STATUS, "results_changed", MINOR),
    (Results, "posted"): Rule(C.STATUS, "results_posted", MAJOR, label="results posted"),
    (TrialRecord, "provenance"): Rule(C.CURATION, "provenance_changed", INFO),
    (Provenance, "sources"): Rule(C.CURATION, "provenance_changed", INFO, item="source"),
    (Provenance, "curation_notes"): Rule(
        C.CURATION, "provenance_changed", INFO, item="curation_note"
    ),
}
"""Kind, category and significance of the differences under each field."""

ROOT_RULE = Rule(Category.IDENTIFICATION, "field_changed", Significance.INFO)
