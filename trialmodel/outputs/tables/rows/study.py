"""Rows of the study's own tables: trials, registrations, design parts, locations, sponsors."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.record import TrialRecord
from trialmodel.outputs.tables.rows.base import Row, dated, joined, v

__all__ = ["design_part_rows", "location_rows", "registration_rows", "sponsor_rows", "trial_row"]


def trial_row(record: TrialRecord, version: int, current: bool, date: str | None) -> Row:
    """The trials row of one version of a record."""
    ident, status, design = record.identification, record.status, record.design
    enrollment = design.enrollment if design else None
    lead = record.sponsors.lead if record.sponsors else None
    return {
        "trial_id": ident.record_id,
        "version": version,
        "nct_id": ident.nct_id,
        "is_current": current,
        "version_date": date,
        "org_study_id": ident.org_study_id,
        "secondary_ids": joined([s.id for s in ident.secondary_ids or []] or None),
        "brief_title": ident.brief_title,
        "official_title": ident.official_title,
        "acronym": ident.acronym,
        "overall_status": v(status.overall) if status else None,
        "why_stopped": status.why_stopped if status else None,
        **dated("start", status.start if status else None),
        **dated("primary_completion", status.primary_completion if status else None),
        **dated("completion", status.completion if status else None),
        "first_submitted": status.first_submitted if status else None,
        "first_posted": status.first_posted.date if status and status.first_posted else None,
        "last_update_posted": (
            status.last_update_posted.date if status and status.last_update_posted else None
        ),
        "verified": status.verified if status else None,
        "study_type": v(design.study_type) if design else None,
        "phases": joined(design.phases) if design else None,
        "allocation": v(design.allocation) if design else None,
        "intervention_model": v(design.intervention_model) if design else None,
        "primary_purpose": v(design.primary_purpose) if design else None,
        "masking": v(design.masking.masking) if design and design.masking else None,
        "enrollment_count": enrollment.count if enrollment else None,
        "enrollment_type": v(enrollment.type) if enrollment else None,
        "lead_sponsor": lead.name if lead else None,
        "lead_sponsor_class": v(lead.agency_class) if lead else None,
        "conditions": joined(record.conditions),
        "keywords": joined(record.keywords),
        "results_posted": record.results.posted if record.results else None,
        "curation_state": v(record.provenance.state),
    }


def registration_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The registrations rows of one version: those it lists, none made up for an NCT id."""
    for index, item in enumerate(record.identification.registrations or [], 1):
        yield {
            **base,
            "registration": index,
            "registry": v(item.registry),
            "registry_id": item.id,
            "is_primary": item.primary,
            "registered": item.registered,
            "url": item.url,
        }


def design_part_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The design_parts rows of one version."""
    parts = record.design.parts if record.design else None
    for index, part in enumerate(parts or [], 1):
        masking, enrollment = part.masking, part.enrollment
        yield {
            **base,
            "part": index,
            "label": part.label,
            "phases": joined(part.phases),
            "allocation": v(part.allocation),
            "intervention_model": v(part.intervention_model),
            "masking": v(masking.masking) if masking else None,
            "who_masked": joined(masking.who_masked) if masking else None,
            "masking_description": masking.description if masking else None,
            "arms": joined(part.arms),
            "enrollment_count": enrollment.count if enrollment else None,
            "enrollment_type": v(enrollment.type) if enrollment else None,
            "description": part.description,
        }


def location_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The locations rows of one version."""
    for index, site in enumerate(record.locations or [], 1):
        yield {
            **base,
            "location": index,
            "facility": site.facility,
            "city": site.city,
            "state": site.state,
            "zip": site.zip,
            "country": site.country,
            "status": v(site.status),
        }


def sponsor_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The sponsors rows of one version: the lead sponsor, then the collaborators."""
    sponsors = record.sponsors
    groups = [("lead", [sponsors.lead] if sponsors and sponsors.lead else [])]
    groups.append(("collaborator", list(sponsors.collaborators or []) if sponsors else []))
    for role, organisations in groups:
        for index, org in enumerate(organisations, 1):
            name, agency = org.name, v(org.agency_class)
            yield {**base, "role": role, "sponsor": index, "name": name, "agency_class": agency}
