"""Rules about the cell product and its doses: a cell product where the study needs one, none in a
control arm, ranges that run the right way."""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialmodel.model.record import Intervention, TrialRecord
from trialmodel.model.vocab import (
    CONTROL_ARM_TYPES,
)
from trialmodel.validation.rules.base import (
    Hit,
    Path,
    did_you_mean,
    dose_levels,
    first_seen,
    number,
)

__all__ = [
    "cell_product_missing",
    "cell_product_possibly_missing",
    "control_arm_given_cell_product",
    "dose_range_inverted",
    "duplicate_product_name",
    "product_unknown",
    "product_unused",
]


def dose_range_inverted(record: TrialRecord) -> Iterator[Hit]:
    """A range's high end (``max``) is below its low end (dose, cumulative dose, concentration)."""
    for path, _arm, level in dose_levels(record):
        for name in ("dose", "cumulative_dose", "concentration"):
            amount = getattr(level, name)
            if amount is not None and amount.max is not None and amount.max < amount.value:
                low, high = number(amount.value), number(amount.max)
                yield Hit((*path, name, "max"), f"range maximum {high} is below its value {low}")


# --- cell products ----------------------------------------------------------------------------

_CELL_WORDS = re.compile(
    r"(?i:\b(?:stem[- ]?cells?|stromal|mesenchymal|progenitor|exosomes?|vesicles?"
    r"|car[- ]?t\b|cell[- ]?therap\w*|cellular therap\w*|(?:nk|dendritic|mononuclear) cells?))"
    r"|MSC|Exos\b"
)
"""Words that mark a cell or cell-derived product; MSC and Exos match inside codes (hBMMSC)."""


def _cell_products(record: TrialRecord) -> dict[str, Intervention]:
    return {i.name: i for i in record.interventions or [] if i.product is not None}


def cell_product_missing(record: TrialRecord) -> Iterator[Hit]:
    """An intervention marked ``cell_based: true`` names no product of ``products``."""
    names = [product.name for product in record.products or []]
    for i, intervention in enumerate(record.interventions or []):
        if intervention.cell_based and intervention.product is None:
            message = f"'{intervention.name}' is cell-based but names no product"
            known = f"one of products: {', '.join(names)}" if names else "described under products"
            hint = f"add product: NAME ({known}), or set cell_based: false if it gives none"
            yield Hit(("interventions", i, "cell_based"), message, hint)


def cell_product_possibly_missing(record: TrialRecord) -> Iterator[Hit]:
    """An intervention's names look cell-based, yet it has no product and no cell_based flag."""
    for i, intervention in enumerate(record.interventions or []):
        if intervention.cell_based is not None or intervention.product is not None:
            continue
        places: list[tuple[Path, str]] = [(("interventions", i, "name"), intervention.name)]
        places += [
            (("interventions", i, "other_names", k), other)
            for k, other in enumerate(intervention.other_names or [])
        ]
        for path, text in places:
            match = _CELL_WORDS.search(text)
            if match:
                message = (
                    f"'{intervention.name}' looks cell-based ('{match.group()}') but has no product"
                )
                hint = "name its product (described under products), or set cell_based: false"
                yield Hit(path, message, hint)
                break


def control_arm_given_cell_product(record: TrialRecord) -> Iterator[Hit]:
    """A control arm (placebo, sham, no intervention) gives an intervention that has a product."""
    products = _cell_products(record)
    for a, arm in enumerate(record.arms or []):
        if arm.type not in CONTROL_ARM_TYPES:
            continue
        for j, name in enumerate(arm.interventions or []):
            if name in products:
                message = f"{arm.type} arm '{arm.label}' is given cell product '{name}'"
                yield Hit(("arms", a, "interventions", j), message)


# --- products, described once ----------------------------------------------------------------


def product_unknown(record: TrialRecord) -> Iterator[Hit]:
    """An intervention names a product that ``products`` does not describe."""
    if record.products is None:
        return
    names = [product.name for product in record.products]
    for i, intervention in enumerate(record.interventions or []):
        if intervention.product is not None and record.product_of(intervention) is None:
            message = (
                f"intervention '{intervention.name}' names product '{intervention.product}', "
                "which products does not describe"
            )
            hint = did_you_mean(intervention.product, names) or "describe it under products"
            yield Hit(("interventions", i, "product"), message, hint)


def product_unused(record: TrialRecord) -> Iterator[Hit]:
    """A product of ``products`` that no intervention names."""
    if record.interventions is None:
        return
    named = {i.product for i in record.interventions or [] if i.product is not None}
    for j, product in enumerate(record.products or []):
        if product.name not in named:
            message = f"product '{product.name}' is given by no intervention"
            yield Hit(("products", j, "name"), message)


def duplicate_product_name(record: TrialRecord) -> Iterator[Hit]:
    """Interventions refer to a product by name, so each product's name must be unique."""
    products = record.products or []
    for index, first in first_seen([product.name for product in products]):
        message = f"product name '{products[index].name}' is also the name of products[{first}]"
        yield Hit(("products", index, "name"), message)


# --- status and dates -------------------------------------------------------------------------
