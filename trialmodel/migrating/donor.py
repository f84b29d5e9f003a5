"""Step ``donor-object``: a product's donor becomes a mapping (format 2.0, issue 14 area 4).

Format 1.x wrote only the donor relation, ``donor: ALLOGENEIC``; 2.0 describes the donor
(``trialmodel.model.product.Donor``) and the relation is one of its fields::

    donor: ALLOGENEIC  # a comment

becomes::

    donor:
      relation: ALLOGENEIC  # a comment

The value keeps its place among the product's keys; a comment on it moves with it. Products are
found wherever they stand, under an intervention (``interventions[i].product``) or in a
top-level ``products`` list, so the step is independent of the order of the other steps. A donor
that is already a mapping (a record written in the new shape) is left as it is: the step runs
once per donor, and a second run changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruamel.yaml.comments import CommentedMap

from trialmodel.migrating.base import Move, RecordPath, Step

__all__ = ["STEP"]


def _products(data: Any) -> Iterator[tuple[RecordPath, Any]]:
    """Every product mapping in a record (plain data or a round-trip tree) with its path."""
    if not isinstance(data, dict):
        return
    for i, intervention in enumerate(data.get("interventions") or []):
        if isinstance(intervention, dict) and isinstance(intervention.get("product"), dict):
            yield ("interventions", i, "product"), intervention["product"]
    for j, product in enumerate(data.get("products") or []):
        if isinstance(product, dict):
            yield ("products", j), product


def _scalar_donor(product: Any) -> bool:
    return "donor" in product and not isinstance(product["donor"], (dict, list))


def _applies(data: dict[str, Any]) -> bool:
    return any(_scalar_donor(product) for _, product in _products(data))


def _run(document: CommentedMap) -> list[Move]:
    moves: list[Move] = []
    for path, product in _products(document):
        if not _scalar_donor(product):
            continue
        value = product["donor"]
        donor = CommentedMap()
        donor["relation"] = value
        comment = product.ca.items.pop("donor", None)
        if comment is not None:
            donor.ca.items["relation"] = comment
        product["donor"] = donor
        moves.append(Move((*path, "donor"), (*path, "donor", "relation")))
    return moves


STEP = Step(
    name="donor-object",
    summary="a product's donor: AUTOLOGOUS becomes donor: {relation: AUTOLOGOUS}",
    run=_run,
    applies=_applies,
)
