"""Trials -> rows of each table, as plain dicts keyed by the columns of ``columns.TABLES``.

Values are str, int, float, bool or None; None means the record does not say. Enumerations are
their registry spelling; lists of texts are joined with ``LIST_SEPARATOR``; partial dates stay as
precise as the record (``2021-05`` is never widened to a day). Each module fills the tables of
the matching ``columns`` module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from trialmodel.model.record import TrialRecord
from trialmodel.outputs.collect import TrialHistory
from trialmodel.outputs.tables.rows import history, products, protocol, regulation, study
from trialmodel.outputs.tables.rows.base import Row

__all__ = ["Row", "trial_rows"]

_PER_VERSION: dict[str, Callable[[TrialRecord, Row], Iterator[Row]]] = {
    "registrations": study.registration_rows,
    "design_parts": study.design_part_rows,
    "arms": protocol.arm_rows,
    "interventions": protocol.intervention_rows,
    "products": products.product_rows,
    "product_markers": products.marker_rows,
    "vesicle_quantifications": products.quantification_rows,
    "product_priming": products.priming_rows,
    "dose_levels": protocol.dose_level_rows,
    "background_therapies": protocol.background_therapy_rows,
    "outcomes": protocol.outcome_rows,
    "locations": study.location_rows,
    "sponsors": study.sponsor_rows,
    "regulation": regulation.regulation_rows,
    "designations": regulation.designation_rows,
    "value_sources": history.value_source_rows,
}
"""The tables with rows per version of a record, each with the function that gives them."""


def trial_rows(trial: TrialHistory) -> dict[str, list[Row]]:
    """Every table's rows for one trial: each version held, and the changes between them."""
    out: dict[str, list[Row]] = {name: [] for name in ("trials", *_PER_VERSION, "versions")}
    last = len(trial.versions)
    for number, held in enumerate(trial.versions, 1):
        out["trials"].append(study.trial_row(held.record, number, number == last, held.ref.date))
        base = {"trial_id": trial.trial_id, "version": number}
        for name, rows in _PER_VERSION.items():
            out[name].extend(rows(held.record, base))
        out["versions"].append(history.version_row(trial, number))
    out["changes"] = list(history.change_rows(trial))
    return out
