"""The FHIR R5 code systems the export uses, and the registry's values mapped onto them.

A registry value with no FHIR code is carried as text only (a CodeableConcept with ``text``), never
forced onto a code that means something else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "ALTERNATE_REFERENCE",
    "ARM_TYPES",
    "ARM_TYPE_SYSTEM",
    "DERIVED_CATEGORY",
    "MESH_SYSTEM",
    "NCT_SYSTEM",
    "OBJECTIVES",
    "OBJECTIVE_SYSTEM",
    "OFFICIAL_ROLES",
    "ORG_TYPES",
    "ORG_TYPE_SYSTEM",
    "PARTY_ROLE_SYSTEM",
    "PHASES",
    "PRODUCT_CATEGORIES",
    "PRODUCT_CATEGORY_SYSTEM",
    "PURPOSES",
    "PURPOSE_SYSTEM",
    "STATUSES",
    "STATUS_SYSTEM",
    "TITLE_SYSTEM",
    "Json",
    "concept",
    "mapped",
]

Json = dict[str, Any]

NCT_SYSTEM = "https://clinicaltrials.gov"
MESH_SYSTEM = "urn:oid:2.16.840.1.113883.6.177"
ALTERNATE_REFERENCE = "http://hl7.org/fhir/StructureDefinition/alternate-reference"

PHASE_SYSTEM = "http://hl7.org/fhir/research-study-phase"
STATUS_SYSTEM = "http://hl7.org/fhir/research-study-status"
PURPOSE_SYSTEM = "http://hl7.org/fhir/research-study-prim-purp-type"
PARTY_ROLE_SYSTEM = "http://hl7.org/fhir/research-study-party-role"
ORG_TYPE_SYSTEM = "http://hl7.org/fhir/research-study-party-org-type"
ARM_TYPE_SYSTEM = "http://hl7.org/fhir/research-study-arm-type"
OBJECTIVE_SYSTEM = "http://hl7.org/fhir/research-study-objective-type"
TITLE_SYSTEM = "http://hl7.org/fhir/title-type"
PRODUCT_CATEGORY_SYSTEM = "http://hl7.org/fhir/product-category"

PHASES: Mapping[tuple[str, ...], str] = {
    ("NA",): "n-a",
    ("EARLY_PHASE1",): "early-phase-1",
    ("PHASE1",): "phase-1",
    ("PHASE1", "PHASE2"): "phase-1-phase-2",
    ("PHASE2",): "phase-2",
    ("PHASE2", "PHASE3"): "phase-2-phase-3",
    ("PHASE3",): "phase-3",
    ("PHASE4",): "phase-4",
}
STATUSES = {
    "NOT_YET_RECRUITING": "not-yet-recruiting",
    "RECRUITING": "recruiting",
    "ENROLLING_BY_INVITATION": "enrolling-by-invitation",
    "ACTIVE_NOT_RECRUITING": "active-but-not-recruiting",
    "SUSPENDED": "temporarily-closed-to-accrual",
    "TERMINATED": "terminated",
    "COMPLETED": "completed",
    "WITHDRAWN": "withdrawn",
}
PURPOSES = {
    "TREATMENT": "treatment",
    "PREVENTION": "prevention",
    "DIAGNOSTIC": "diagnostic",
    "SUPPORTIVE_CARE": "supportive-care",
    "SCREENING": "screening",
    "HEALTH_SERVICES_RESEARCH": "health-services-research",
    "BASIC_SCIENCE": "basic-science",
    "DEVICE_FEASIBILITY": "device-feasibility",
}
ORG_TYPES = {"NIH": "nih", "FED": "government", "OTHER_GOV": "government", "INDUSTRY": "industry"}
OFFICIAL_ROLES = {
    "PRINCIPAL_INVESTIGATOR": "primary-investigator",
    "SUB_INVESTIGATOR": "sub-investigator",
    "STUDY_DIRECTOR": "study-director",
    "STUDY_CHAIR": "study-chair",
}
ARM_TYPES = {
    "EXPERIMENTAL": "experimental",
    "ACTIVE_COMPARATOR": "active-comparator",
    "PLACEBO_COMPARATOR": "placebo-comparator",
    "SHAM_COMPARATOR": "sham-comparator",
    "NO_INTERVENTION": "no-intervention",
    "OTHER": "other-arm-type",
}
OBJECTIVES = {"primary": "primary", "secondary": "secondary", "other": "exploratory"}
PRODUCT_CATEGORIES = {"LIVING_CELLS": "cells"}
"""What is given -> BiologicallyDerivedProduct.productCategory; a cell-derived product (vesicles,
conditioned medium, lysate) is a biological agent made from cells."""
DERIVED_CATEGORY = "biologicalAgent"


def concept(value: str, system: str | None = None, code: str | None = None) -> Json:
    """A CodeableConcept: the registry's value as text, with a FHIR coding where one fits."""
    if system is None or code is None:
        return {"text": value}
    return {"coding": [{"system": system, "code": code}], "text": value}


def mapped(value: str, system: str, codes: Mapping[str, str]) -> Json:
    """A registry value as a CodeableConcept, coded when ``codes`` maps it."""
    return concept(value, system, codes.get(value))
