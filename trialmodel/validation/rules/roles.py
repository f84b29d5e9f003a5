"""Rules about intervention roles and co-treatments: a therapy given in some arms names arms
that exist, and a placebo is not a cell product."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.record import TrialRecord
from trialmodel.model.vocab import InterventionRole
from trialmodel.validation.rules.base import Hit, arm_labels, did_you_mean

__all__ = ["background_therapy_unknown_arm", "placebo_marked_cell_based"]


def background_therapy_unknown_arm(record: TrialRecord) -> Iterator[Hit]:
    """A background therapy names an arm label that ``arms`` does not list."""
    labels = arm_labels(record)
    if labels is None:
        return
    for t, therapy in enumerate(record.background_therapies or []):
        for j, label in enumerate(therapy.arms or []):
            if label not in labels:
                message = f"background therapy '{therapy.name}' names arm '{label}', not listed"
                yield Hit(
                    ("background_therapies", t, "arms", j), message, did_you_mean(label, labels)
                )


def placebo_marked_cell_based(record: TrialRecord) -> Iterator[Hit]:
    """An intervention whose role is PLACEBO is marked ``cell_based: true``."""
    for i, intervention in enumerate(record.interventions or []):
        if intervention.role is InterventionRole.PLACEBO and intervention.cell_based:
            message = f"'{intervention.name}' is a PLACEBO yet marked cell-based"
            hint = "a placebo holds no cell product: check the role, or cell_based"
            yield Hit(("interventions", i, "role"), message, hint)
