"""Rules about the parts of a dose that format 2.0 adds: a cap, and a cumulative dose.

A cap bounds a dose that grows with the participant's size, so it belongs to a per-kg or per-m²
dose and lies above the dose itself (at 1 kg, or 1 m², a per-kg dose is its own number: a cap at
or below it binds for everyone). A course's total cannot be less than one administration of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.product import DoseAmount
from trialmodel.model.record import TrialRecord
from trialmodel.model.vocab import SCALED_BASES
from trialmodel.validation.rules.base import Hit, Path, dose_levels, number

__all__ = ["cumulative_dose_below_dose", "dose_cap_not_above_dose", "dose_cap_without_scaled_basis"]


def _amounts(record: TrialRecord) -> Iterator[tuple[Path, DoseAmount]]:
    for path, _arm, level in dose_levels(record):
        if level.dose is not None:
            yield (*path, "dose"), level.dose
        if level.cumulative_dose is not None:
            yield (*path, "cumulative_dose"), level.cumulative_dose


def dose_cap_without_scaled_basis(record: TrialRecord) -> Iterator[Hit]:
    """A dose has a ``cap`` but is not per kg or per m²: only a dose that grows has one."""
    for path, dose in _amounts(record):
        if dose.cap is not None and dose.basis not in SCALED_BASES:
            message = f"a cap of {number(dose.cap)} on a {dose.basis} dose"
            hint = "a cap belongs to a PER_KG_BODY_WEIGHT or PER_M2_BODY_SURFACE dose"
            yield Hit((*path, "cap"), message, hint)


def dose_cap_not_above_dose(record: TrialRecord) -> Iterator[Hit]:
    """A dose's ``cap`` is at or below the dose's own high end, so it would bind for everyone."""
    for path, dose in _amounts(record):
        if dose.cap is None or dose.basis not in SCALED_BASES:
            continue
        top = dose.max if dose.max is not None else dose.value
        if dose.cap <= top:
            message = f"cap {number(dose.cap)} is not above the dose {number(top)} it caps"
            hint = "the cap is an absolute amount (2×10^8 cells), not a per-kg one"
            yield Hit((*path, "cap"), message, hint)


def cumulative_dose_below_dose(record: TrialRecord) -> Iterator[Hit]:
    """A cumulative dose is below one administration's dose, counted alike (what and per what)."""
    for path, _arm, level in dose_levels(record):
        dose, total = level.dose, level.cumulative_dose
        if dose is None or total is None:
            continue
        if (dose.counted, dose.basis) != (total.counted, total.basis):
            continue
        top = total.max if total.max is not None else total.value
        if top < dose.value:
            message = (
                f"cumulative dose {number(top)} is below the dose {number(dose.value)} "
                "of one administration"
            )
            yield Hit((*path, "cumulative_dose", "value"), message)
