"""How regulators class the product and what they have granted it: one row of classes per
version, and one row per designation (RMAT, PRIME, orphan, ...) so they can be counted alike."""

from __future__ import annotations

from trialmodel.outputs.tables.columns.base import TRIAL_ID, VERSION, Table, col, key

__all__ = ["DESIGNATIONS", "DESIGNATION_FIELDS", "REGULATION"]

DESIGNATION_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("eu", ("hospital_exemption", "prime", "orphan_designation")),
    ("us", ("rmat", "breakthrough_therapy", "orphan_designation")),
)
"""Each jurisdiction's designations (``regulation.<jurisdiction>.<designation>``), in model
order: the designations table's key values."""

_CAT = "regulation.eu.cat_classification"
_IND = "regulation.us.ind"

REGULATION = Table(
    "regulation",
    "One row per version whose record has a regulation section: the product's classes in the "
    "EU, the US and Japan, the CAT's classification and the IND (designations have their own "
    "table).",
    ("trial_id", "version"),
    (
        TRIAL_ID,
        VERSION,
        col("eu_atmp_class", "string", "regulation.eu.atmp_class"),
        col("cat_atmp", "bool", f"{_CAT}.atmp"),
        col("cat_atmp_class", "string", f"{_CAT}.atmp_class"),
        col("cat_date", "string", f"{_CAT}.date"),
        col("cat_source", "string", f"{_CAT}.source"),
        col("us_product_tier", "string", "regulation.us.product_tier"),
        col("ind_number", "string", f"{_IND}.number"),
        col("ind_date", "string", f"{_IND}.date"),
        col("ind_source", "string", f"{_IND}.source"),
        col("japan_risk_class", "string", "regulation.japan.risk_class"),
        col("japan_pmd_act", "bool", "regulation.japan.pmd_act"),
    ),
)

_ONE = "regulation.us.rmat"
_SHOWN = "regulation.<jurisdiction>.<designation>"

DESIGNATIONS = Table(
    "designations",
    "One row per regulator's designation or authorisation a version records: the EU's hospital "
    "exemption, PRIME and orphan designation, the US's RMAT, breakthrough therapy and orphan "
    "designation.",
    ("trial_id", "version", "jurisdiction", "designation"),
    (
        TRIAL_ID,
        VERSION,
        key("jurisdiction", "eu or us: the part of `regulation` it is in.", "string"),
        key(
            "designation",
            "Which designation, as the record's field names it: hospital_exemption, prime, "
            "orphan_designation (eu); rmat, breakthrough_therapy, orphan_designation (us).",
            "string",
        ),
        col("status", "string", f"{_ONE}.status", shown=f"{_SHOWN}.status"),
        col("number", "string", f"{_ONE}.number", shown=f"{_SHOWN}.number"),
        col("date", "string", f"{_ONE}.date", shown=f"{_SHOWN}.date"),
        col("source", "string", f"{_ONE}.source", shown=f"{_SHOWN}.source"),
    ),
)
