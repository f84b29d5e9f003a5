"""Trials -> rows of each table, as plain dicts keyed by the columns of ``columns.TABLES``.

Values are str, int, float, bool or None; None means the record does not say. Enumerations are
their registry spelling; lists of texts are joined with ``LIST_SEPARATOR``; partial dates stay as
precise as the record (``2021-05`` is never widened to a day).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import Any

from trialmodel.changes import Change
from trialmodel.model.dose import Concentration
from trialmodel.model.product import DoseAmount, Duration
from trialmodel.model.record import Arm, DatedEvent, TrialRecord
from trialmodel.outputs.collect import TrialHistory
from trialmodel.outputs.tables.columns import LIST_SEPARATOR

Row = dict[str, Any]


def _v(value: object) -> Any:
    return value.value if isinstance(value, Enum) else value


def _joined(items: Sequence[object] | None) -> str | None:
    return None if items is None else LIST_SEPARATOR.join(str(_v(i)) for i in items)


def _dated(prefix: str, event: DatedEvent | None) -> Row:
    if event is None:
        return {f"{prefix}_date": None, f"{prefix}_type": None}
    return {f"{prefix}_date": event.date, f"{prefix}_type": _v(event.type)}


def _duration(prefix: str, value: Duration | None) -> Row:
    if value is None:
        return {f"{prefix}_value": None, f"{prefix}_unit": None}
    return {f"{prefix}_value": value.value, f"{prefix}_unit": _v(value.unit)}


def _cumulative(dose: DoseAmount | None) -> Row:
    return {
        "cumulative_value": dose.value if dose else None,
        "cumulative_max": dose.max if dose else None,
        "cumulative_counted": _v(dose.counted) if dose else None,
        "cumulative_basis": _v(dose.basis) if dose else None,
    }


def _concentration(amount: Concentration | None) -> Row:
    return {
        "concentration_value": amount.value if amount else None,
        "concentration_max": amount.max if amount else None,
        "concentration_counted": _v(amount.counted) if amount else None,
        "concentration_per_ml": amount.per_ml if amount else None,
    }


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
        "secondary_ids": _joined([s.id for s in ident.secondary_ids or []] or None),
        "brief_title": ident.brief_title,
        "official_title": ident.official_title,
        "acronym": ident.acronym,
        "overall_status": _v(status.overall) if status else None,
        "why_stopped": status.why_stopped if status else None,
        **_dated("start", status.start if status else None),
        **_dated("primary_completion", status.primary_completion if status else None),
        **_dated("completion", status.completion if status else None),
        "first_submitted": status.first_submitted if status else None,
        "first_posted": status.first_posted.date if status and status.first_posted else None,
        "last_update_posted": (
            status.last_update_posted.date if status and status.last_update_posted else None
        ),
        "verified": status.verified if status else None,
        "study_type": _v(design.study_type) if design else None,
        "phases": _joined(design.phases) if design else None,
        "allocation": _v(design.allocation) if design else None,
        "intervention_model": _v(design.intervention_model) if design else None,
        "primary_purpose": _v(design.primary_purpose) if design else None,
        "masking": _v(design.masking.masking) if design and design.masking else None,
        "enrollment_count": enrollment.count if enrollment else None,
        "enrollment_type": _v(enrollment.type) if enrollment else None,
        "lead_sponsor": lead.name if lead else None,
        "lead_sponsor_class": _v(lead.agency_class) if lead else None,
        "conditions": _joined(record.conditions),
        "keywords": _joined(record.keywords),
        "results_posted": record.results.posted if record.results else None,
        "curation_state": _v(record.provenance.state),
    }


def arm_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The arms rows of one version."""
    for index, arm in enumerate(record.arms or [], 1):
        escalation = arm.dose_design.escalation if arm.dose_design else None
        yield {
            **base,
            "arm": index,
            "label": arm.label,
            "type": _v(arm.type),
            "description": arm.description,
            "interventions": _joined(arm.interventions),
            "escalation": _v(escalation),
        }


def intervention_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The interventions rows of one version, each with its cell product's columns."""
    for index, item in enumerate(record.interventions or [], 1):
        product = item.product
        yield {
            **base,
            "intervention": index,
            "name": item.name,
            "type": _v(item.type),
            "description": item.description,
            "other_names": _joined(item.other_names),
            "arms": _joined(item.arms),
            "role": _v(item.role),
            "cell_based": item.cell_based,
            "product_name": product.name if product else None,
            "cell_type": _v(product.cell_type) if product else None,
            "tissue_source": _v(product.tissue_source) if product else None,
            "donor": _v(product.donor.relation) if product and product.donor else None,
            "administered_form": _v(product.administered_form) if product else None,
            "excipients": _joined(product.excipients) if product else None,
            "product_description": product.description if product else None,
        }


def _dose_rows(arm: Arm, base: Row) -> Iterator[Row]:
    for index, level in enumerate(arm.dose_levels or [], 1):
        dose, regimen = level.dose, level.regimen
        yield {
            **base,
            "dose_level": index,
            "arm_label": arm.label,
            "label": level.label,
            "intervention": level.intervention,
            "dose_value": dose.value if dose else None,
            "dose_max": dose.max if dose else None,
            "counted": _v(dose.counted) if dose else None,
            "basis": _v(dose.basis) if dose else None,
            "cap": dose.cap if dose else None,
            "volume_ml": dose.volume.ml if dose and dose.volume else None,
            "as_written": dose.as_written if dose else None,
            **_concentration(level.concentration),
            **_cumulative(level.cumulative_dose),
            "to_be_determined": level.to_be_determined,
            "route": _v(regimen.route) if regimen else None,
            "administrations": regimen.administrations if regimen else None,
            **_duration("interval", regimen.interval if regimen else None),
            **_duration("repeat_every", regimen.course_repeat_every if regimen else None),
            **_duration("repeat_for", regimen.course_repeat_for if regimen else None),
            "schedule": regimen.schedule if regimen else None,
            **_duration("infusion", regimen.infusion_duration if regimen else None),
            "planned_participants": level.planned_participants,
        }


def dose_level_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The dose_levels rows of one version."""
    for index, arm in enumerate(record.arms or [], 1):
        yield from _dose_rows(arm, {**base, "arm": index})


def outcome_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The outcomes rows of one version: primary, then secondary, then other."""
    outcomes = record.outcomes
    for kind in ("primary", "secondary", "other"):
        for index, item in enumerate(getattr(outcomes, kind, None) or [], 1):
            yield {
                **base,
                "kind": kind,
                "outcome": index,
                "measure": item.measure,
                "time_frame": item.time_frame,
                "description": item.description,
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
            "status": _v(site.status),
        }


def sponsor_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The sponsors rows of one version: the lead sponsor, then the collaborators."""
    sponsors = record.sponsors
    groups = [("lead", [sponsors.lead] if sponsors and sponsors.lead else [])]
    groups.append(("collaborator", list(sponsors.collaborators or []) if sponsors else []))
    for role, organisations in groups:
        for index, org in enumerate(organisations, 1):
            name, agency = org.name, _v(org.agency_class)
            yield {**base, "role": role, "sponsor": index, "name": name, "agency_class": agency}


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
        "flags": _joined(change.flags) if change.flags else None,
        "message": change.message,
    }


_PER_VERSION = {
    "arms": arm_rows,
    "interventions": intervention_rows,
    "dose_levels": dose_level_rows,
    "outcomes": outcome_rows,
    "locations": location_rows,
    "sponsors": sponsor_rows,
}


def _version_row(trial: TrialHistory, number: int) -> Row:
    held = trial.versions[number - 1]
    enrollment = held.record.design.enrollment if held.record.design else None
    return {
        "trial_id": trial.trial_id,
        "version": number,
        "date": held.ref.date,
        "date_basis": held.ref.date_basis,
        "overall_status": held.ref.overall_status,
        "enrollment_count": enrollment.count if enrollment else None,
        "enrollment_type": _v(enrollment.type) if enrollment else None,
        "is_current": number == len(trial.versions),
        "file": held.ref.file,
    }


def _change_rows(trial: TrialHistory) -> Iterator[Row]:
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


def trial_rows(trial: TrialHistory) -> dict[str, list[Row]]:
    """Every table's rows for one trial: each version held, and the changes between them."""
    out: dict[str, list[Row]] = {name: [] for name in ("trials", *_PER_VERSION, "versions")}
    last = len(trial.versions)
    for number, held in enumerate(trial.versions, 1):
        out["trials"].append(trial_row(held.record, number, number == last, held.ref.date))
        base = {"trial_id": trial.trial_id, "version": number}
        for name, rows in _PER_VERSION.items():
            out[name].extend(rows(held.record, base))
        out["versions"].append(_version_row(trial, number))
    out["changes"] = list(_change_rows(trial))
    return out
