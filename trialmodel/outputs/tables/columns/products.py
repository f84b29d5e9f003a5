"""The cell products, described once per record: what they are, whom they come from, how they
are shown to be so and how they are made; the lists inside a product are tables of their own."""

from __future__ import annotations

from trialmodel.outputs.tables.columns.base import (
    JOINED,
    TRIAL_ID,
    VERSION,
    Column,
    Table,
    col,
    duration,
    entity,
    key,
)

__all__ = ["PRODUCTS", "PRODUCT_MARKERS", "PRODUCT_PRIMING", "VESICLE_QUANTIFICATIONS"]

_P = "products[]"
_DONOR = f"{_P}.donor"
_ISCT = f"{_P}.characterisation"
_EV = f"{_P}.vesicles"
_MADE = f"{_P}.manufacturing"
_CAR = f"{_P}.car"

_DONOR_COLUMNS = (
    col("donor", "string", f"{_DONOR}.relation"),
    col("donor_pooling", "string", f"{_DONOR}.pooling"),
    col("donors", "int64", f"{_DONOR}.donors"),
    col("donor_minimum_age", "string", f"{_DONOR}.minimum_age"),
    col("donor_maximum_age", "string", f"{_DONOR}.maximum_age"),
    col("donor_kinship", "string", f"{_DONOR}.kinship"),
    col("hla_match", "string", f"{_DONOR}.hla_match"),
    col("donor_screening", "string", f"{_DONOR}.screening", JOINED),
    col("harvest_procedure", "string", f"{_DONOR}.harvest.procedure"),
    *duration("harvest_to_infusion", f"{_DONOR}.harvest.to_infusion"),
    col("donor_description", "string", f"{_DONOR}.description"),
)

_ISCT_COLUMNS = (
    col("isct_criteria_met", "bool", f"{_ISCT}.criteria_met"),
    col("plastic_adherent", "bool", f"{_ISCT}.plastic_adherent"),
    col("osteogenic", "bool", f"{_ISCT}.osteogenic"),
    col("adipogenic", "bool", f"{_ISCT}.adipogenic"),
    col("chondrogenic", "bool", f"{_ISCT}.chondrogenic"),
    col("characterisation_as_written", "string", f"{_ISCT}.as_written"),
)

_VESICLE_COLUMNS = (
    col("vesicle_source_material", "string", f"{_EV}.source_material"),
    col("vesicle_culture_conditions", "string", f"{_EV}.culture_conditions"),
    col("vesicle_separation", "string", f"{_EV}.separation", JOINED),
    col("vesicle_markers", "string", f"{_EV}.markers", JOINED),
    col("vesicle_absent_markers", "string", f"{_EV}.absent_markers", JOINED),
    col("vesicles_as_written", "string", f"{_EV}.as_written"),
)

_MANUFACTURING_COLUMNS = (
    col("passage", "int64", f"{_MADE}.passage.value"),
    col("passage_max", "int64", f"{_MADE}.passage.max"),
    col("population_doublings", "double", f"{_MADE}.population_doublings"),
    col("culture_supplements", "string", f"{_MADE}.culture_supplements", JOINED),
    col("preservation", "string", f"{_MADE}.preservation"),
    col("post_thaw_viability_percent", "double", f"{_MADE}.post_thaw_viability_percent"),
    col("potency_assays", "string", f"{_MADE}.potency_assays", JOINED),
    col("release_criteria", "string", f"{_MADE}.release_criteria", JOINED),
    col("manufacturing_site", "string", f"{_MADE}.site"),
    col("gmp", "bool", f"{_MADE}.gmp"),
    col("manufacturing_as_written", "string", f"{_MADE}.as_written"),
)

_CAR_COLUMNS = (
    col("car_target_antigens", "string", f"{_CAR}.target_antigens", JOINED),
    col("car_binder_format", "string", f"{_CAR}.binder_format"),
    col("car_binder", "string", f"{_CAR}.binder"),
    col("car_costimulatory_domains", "string", f"{_CAR}.costimulatory_domains", JOINED),
    col("car_generation", "string", f"{_CAR}.generation"),
    col("car_delivery", "string", f"{_CAR}.delivery"),
    col("car_as_written", "string", f"{_CAR}.as_written"),
)

PRODUCTS = entity(
    "products",
    "One row per cell product of each version (products): what it is, its donor, its ISCT and "
    "MISEV characterisation, its manufacturing and its CAR. An intervention names its product: "
    "join on `(trial_id, version, product_name) = (trial_id, version, name)`.",
    "product",
    "Position of the product in the record, from 1.",
    col("name", "string", f"{_P}.name"),
    col("code", "string", f"{_P}.code"),
    col("inn", "string", f"{_P}.inn"),
    col("cell_type", "string", f"{_P}.cell_type"),
    col("derived_from", "string", f"{_P}.derived_from"),
    col("tissue_source", "string", f"{_P}.tissue_source"),
    col("administered_form", "string", f"{_P}.administered_form"),
    col("excipients", "string", f"{_P}.excipients", JOINED),
    col("description", "string", f"{_P}.description"),
    *_DONOR_COLUMNS,
    *_ISCT_COLUMNS,
    *_VESICLE_COLUMNS,
    *_MANUFACTURING_COLUMNS,
    *_CAR_COLUMNS,
)


def _of_product(name: str, description: str, ident: str, ident_doc: str, *cols: Column) -> Table:
    """A table of one list inside a product, keyed by the product's and the item's positions."""
    return Table(
        name,
        description,
        ("trial_id", "version", "product", ident),
        (
            TRIAL_ID,
            VERSION,
            key("product", "Position of the product in the record, from 1 (the products key)."),
            key(ident, ident_doc),
            col("product_name", "string", f"{_P}.name"),
            *cols,
        ),
    )


_MARKER = f"{_ISCT}.markers[]"

PRODUCT_MARKERS = _of_product(
    "product_markers",
    "One row per surface marker a product's characterisation reports (ISCT's criteria).",
    "marker",
    "Position of the marker in the product's markers, from 1.",
    col("name", "string", f"{_MARKER}.marker"),
    col("expressed", "bool", f"{_MARKER}.expressed"),
    col("percent_positive", "double", f"{_MARKER}.percent_positive"),
    col("as_written", "string", f"{_MARKER}.as_written"),
)

_QUANTIFICATION = f"{_EV}.quantification[]"

VESICLE_QUANTIFICATIONS = _of_product(
    "vesicle_quantifications",
    "One row per way a product's vesicles are quantified (MISEV).",
    "quantification",
    "Position of the method in the product's vesicles.quantification, from 1.",
    col("method", "string", f"{_QUANTIFICATION}.method"),
    col("measures", "string", f"{_QUANTIFICATION}.measures"),
    col("as_written", "string", f"{_QUANTIFICATION}.as_written"),
)

_PRIMING = f"{_MADE}.priming[]"

PRODUCT_PRIMING = _of_product(
    "product_priming",
    "One row per way a product's cells are primed before use (manufacturing.priming).",
    "priming",
    "Position of the priming in the product's manufacturing.priming, from 1.",
    col("kind", "string", f"{_PRIMING}.kind"),
    col("agent", "string", f"{_PRIMING}.agent"),
)
