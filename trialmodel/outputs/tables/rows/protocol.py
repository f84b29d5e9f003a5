"""Rows of what participants get and what is measured: arms, interventions, dose levels,
background therapies and outcomes."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.dose import Concentration
from trialmodel.model.product import DoseAmount
from trialmodel.model.record import Arm, TrialRecord
from trialmodel.outputs.tables.rows.base import Row, duration, joined, v

__all__ = [
    "arm_rows",
    "background_therapy_rows",
    "dose_level_rows",
    "intervention_rows",
    "outcome_rows",
]


def _parts_of(record: TrialRecord) -> dict[str, list[str]] | None:
    """Each arm label's design parts, or None for a study not run in parts."""
    parts = record.design.parts if record.design else None
    if parts is None:
        return None
    found: dict[str, list[str]] = {}
    for part in parts:
        for label in part.arms or []:
            found.setdefault(label, []).append(part.label)
    return found


def arm_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The arms rows of one version, each with the design parts it belongs to."""
    parts = _parts_of(record)
    for index, arm in enumerate(record.arms or [], 1):
        escalation = arm.dose_design.escalation if arm.dose_design else None
        yield {
            **base,
            "arm": index,
            "label": arm.label,
            "type": v(arm.type),
            "description": arm.description,
            "interventions": joined(arm.interventions),
            "escalation": v(escalation),
            "parts": joined(parts.get(arm.label)) if parts is not None else None,
        }


def intervention_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The interventions rows of one version, each with its cell product's main columns."""
    for index, item in enumerate(record.interventions or [], 1):
        product = record.product_of(item)
        yield {
            **base,
            "intervention": index,
            "name": item.name,
            "type": v(item.type),
            "description": item.description,
            "other_names": joined(item.other_names),
            "arms": joined(item.arms),
            "role": v(item.role),
            "cell_based": item.cell_based,
            "product_name": item.product,
            "cell_type": v(product.cell_type) if product else None,
            "tissue_source": v(product.tissue_source) if product else None,
            "donor": v(product.donor.relation) if product and product.donor else None,
            "administered_form": v(product.administered_form) if product else None,
            "excipients": joined(product.excipients) if product else None,
            "product_description": product.description if product else None,
        }


def _cumulative(dose: DoseAmount | None) -> Row:
    return {
        "cumulative_value": dose.value if dose else None,
        "cumulative_max": dose.max if dose else None,
        "cumulative_counted": v(dose.counted) if dose else None,
        "cumulative_basis": v(dose.basis) if dose else None,
    }


def _concentration(amount: Concentration | None) -> Row:
    return {
        "concentration_value": amount.value if amount else None,
        "concentration_max": amount.max if amount else None,
        "concentration_counted": v(amount.counted) if amount else None,
        "concentration_per_ml": amount.per_ml if amount else None,
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
            "counted": v(dose.counted) if dose else None,
            "basis": v(dose.basis) if dose else None,
            "cap": dose.cap if dose else None,
            "volume_ml": dose.volume.ml if dose and dose.volume else None,
            "as_written": dose.as_written if dose else None,
            **_concentration(level.concentration),
            **_cumulative(level.cumulative_dose),
            "to_be_determined": level.to_be_determined,
            "route": v(regimen.route) if regimen else None,
            "administrations": regimen.administrations if regimen else None,
            **duration("interval", regimen.interval if regimen else None),
            **duration("repeat_every", regimen.course_repeat_every if regimen else None),
            **duration("repeat_for", regimen.course_repeat_for if regimen else None),
            "schedule": regimen.schedule if regimen else None,
            **duration("infusion", regimen.infusion_duration if regimen else None),
            "planned_participants": level.planned_participants,
        }


def dose_level_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The dose_levels rows of one version."""
    for index, arm in enumerate(record.arms or [], 1):
        yield from _dose_rows(arm, {**base, "arm": index})


def background_therapy_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The background_therapies rows of one version."""
    for index, therapy in enumerate(record.background_therapies or [], 1):
        yield {
            **base,
            "therapy": index,
            "name": therapy.name,
            "dose": therapy.dose,
            "route": v(therapy.route),
            "frequency": therapy.frequency,
            "arms": joined(therapy.arms),
            "role": v(therapy.role),
        }


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
