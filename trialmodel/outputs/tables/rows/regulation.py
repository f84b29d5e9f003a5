"""Rows of the regulation and designations tables."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.record import TrialRecord
from trialmodel.model.regulation import Designation
from trialmodel.outputs.tables.columns.regulation import DESIGNATION_FIELDS
from trialmodel.outputs.tables.rows.base import Row, v

__all__ = ["designation_rows", "regulation_rows"]


def regulation_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The regulation row of one version, if its record has a regulation section."""
    found = record.regulation
    if found is None:
        return
    eu, us, japan = found.eu, found.us, found.japan
    cat = eu.cat_classification if eu else None
    ind = us.ind if us else None
    yield {
        **base,
        "eu_atmp_class": v(eu.atmp_class) if eu else None,
        "cat_atmp": cat.atmp if cat else None,
        "cat_atmp_class": v(cat.atmp_class) if cat else None,
        "cat_date": cat.date if cat else None,
        "cat_source": cat.source if cat else None,
        "us_product_tier": v(us.product_tier) if us else None,
        "ind_number": ind.number if ind else None,
        "ind_date": ind.date if ind else None,
        "ind_source": ind.source if ind else None,
        "japan_risk_class": v(japan.risk_class) if japan else None,
        "japan_pmd_act": japan.pmd_act if japan else None,
    }


def designation_rows(record: TrialRecord, base: Row) -> Iterator[Row]:
    """The designations rows of one version: each jurisdiction's, in the model's order."""
    found = record.regulation
    for jurisdiction, names in DESIGNATION_FIELDS:
        section = getattr(found, jurisdiction) if found else None
        for name in names:
            item: Designation | None = getattr(section, name) if section else None
            if item is None:
                continue
            yield {
                **base,
                "jurisdiction": jurisdiction,
                "designation": name,
                "status": v(item.status),
                "number": item.number,
                "date": item.date,
                "source": item.source,
            }
