"""Which kind, category and significance each difference in a record gets: declared once, here.

``CHANGE_RULES`` is keyed by (model class, field). A field without a rule inherits its parent's
kind, category and significance; a list's rule names its items, giving ``<item>_added``,
``<item>_removed`` and ``<item>_renamed``. Status, dates, enrollment and outcomes also have
handlers of their own (``trialmodel.changes.milestones``, ``trialmodel.changes.outcomes``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from trialmodel.changes.events import Category, Significance
from trialmodel.model.dose import Concentration
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

__all__ = ["CHANGE_RULES", "ROOT_RULE", "ChangeRule"]


@dataclass(frozen=True, slots=True)
class ChangeRule:
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

CHANGE_RULES: dict[tuple[type[BaseModel], str], ChangeRule] = {
    (TrialRecord, "schema_version"): ChangeRule(C.CURATION, "field_changed", INFO),
    (TrialRecord, "identification"): ChangeRule(C.IDENTIFICATION, "field_changed", INFO),
    (Identification, "nct_id"): ChangeRule(
        C.IDENTIFICATION, "field_changed", MAJOR, label="NCT id"
    ),
    (Identification, "brief_title"): ChangeRule(C.IDENTIFICATION, "title_changed", MINOR),
    (Identification, "official_title"): ChangeRule(C.IDENTIFICATION, "title_changed", MINOR),
    (Identification, "secondary_ids"): ChangeRule(
        C.IDENTIFICATION, "secondary_id_changed", INFO, item="secondary_id"
    ),
    (TrialRecord, "status"): ChangeRule(C.DATES, "date_changed", INFO),
    (Status, "overall"): ChangeRule(C.STATUS, "status_changed", MAJOR, label="status"),
    (Status, "why_stopped"): ChangeRule(
        C.STATUS, "why_stopped_changed", MINOR, label="why stopped"
    ),
    (Status, "last_known"): ChangeRule(
        C.STATUS, "last_known_status_changed", INFO, label="last known status"
    ),
    (TrialRecord, "sponsors"): ChangeRule(C.SPONSORS, "sponsor_changed", MINOR),
    (Sponsors, "lead"): ChangeRule(C.SPONSORS, "sponsor_changed", MAJOR, label="lead sponsor"),
    (Sponsors, "collaborators"): ChangeRule(
        C.SPONSORS, "collaborator_changed", MINOR, item="collaborator"
    ),
    (TrialRecord, "conditions"): ChangeRule(C.IDENTIFICATION, "conditions_changed", MINOR),
    (TrialRecord, "keywords"): ChangeRule(C.IDENTIFICATION, "keywords_changed", INFO),
    (TrialRecord, "description"): ChangeRule(C.IDENTIFICATION, "description_changed", INFO),
    (TrialRecord, "design"): ChangeRule(C.DESIGN, "design_changed", MINOR),
    (Design, "intervention_model_description"): ChangeRule(C.DESIGN, "design_changed", INFO),
    (Design, "parts"): ChangeRule(
        C.DESIGN, "design_part_changed", MINOR, item="design_part", label="design part"
    ),
    (Design, "enrollment"): ChangeRule(
        C.ENROLLMENT, "enrollment_changed", MINOR, label="enrollment"
    ),
    (TrialRecord, "arms"): ChangeRule(C.ARMS_AND_INTERVENTIONS, "arm_changed", MINOR, item="arm"),
    (Arm, "dose_design"): ChangeRule(C.PRODUCT_AND_DOSE, "dose_changed", MINOR),
    (Arm, "dose_levels"): ChangeRule(C.PRODUCT_AND_DOSE, "dose_changed", MAJOR, item="dose_level"),
    (DoseLevel, "planned_participants"): ChangeRule(C.PRODUCT_AND_DOSE, "dose_changed", MINOR),
    (DoseAmount, "as_written"): ChangeRule(C.PRODUCT_AND_DOSE, "dose_changed", MINOR),
    (Concentration, "as_written"): ChangeRule(C.PRODUCT_AND_DOSE, "dose_changed", MINOR),
    (TrialRecord, "interventions"): ChangeRule(
        C.ARMS_AND_INTERVENTIONS, "intervention_changed", MINOR, item="intervention"
    ),
    (TrialRecord, "products"): ChangeRule(
        C.PRODUCT_AND_DOSE, "product_changed", MAJOR, item="product"
    ),
    (Intervention, "product"): ChangeRule(C.PRODUCT_AND_DOSE, "product_changed", MAJOR),
    (CellProduct, "description"): ChangeRule(C.PRODUCT_AND_DOSE, "product_changed", MINOR),
    (CellProduct, "excipients"): ChangeRule(C.PRODUCT_AND_DOSE, "product_changed", MINOR),
    (TrialRecord, "background_therapies"): ChangeRule(
        C.ARMS_AND_INTERVENTIONS, "background_therapy_changed", MINOR, item="background_therapy"
    ),
    (TrialRecord, "outcomes"): ChangeRule(C.OUTCOMES, "outcomes_changed", MINOR, label="outcomes"),
    (TrialRecord, "eligibility"): ChangeRule(C.ELIGIBILITY, "eligibility_changed", MINOR),
    (TrialRecord, "locations"): ChangeRule(C.LOCATIONS, "site_changed", MINOR, item="site"),
    (Location, "status"): ChangeRule(C.LOCATIONS, "site_status_changed", MINOR, label="status"),
    (TrialRecord, "officials"): ChangeRule(C.SPONSORS, "official_changed", INFO, item="official"),
    (TrialRecord, "contacts"): ChangeRule(C.SPONSORS, "contact_changed", INFO, item="contact"),
    (TrialRecord, "oversight"): ChangeRule(C.DESIGN, "oversight_changed", INFO),
    (TrialRecord, "regulation"): ChangeRule(C.DESIGN, "regulation_changed", MINOR),
    (TrialRecord, "results"): ChangeRule(C.STATUS, "results_changed", MINOR),
    (Results, "posted"): ChangeRule(C.STATUS, "results_posted", MAJOR, label="results posted"),
    (TrialRecord, "provenance"): ChangeRule(C.CURATION, "provenance_changed", INFO),
    (Provenance, "sources"): ChangeRule(C.CURATION, "provenance_changed", INFO, item="source"),
    (Provenance, "curation_notes"): ChangeRule(
        C.CURATION, "provenance_changed", INFO, item="curation_note"
    ),
}
"""Kind, category and significance of the differences under each field."""

ROOT_RULE = ChangeRule(Category.IDENTIFICATION, "field_changed", Significance.INFO)
