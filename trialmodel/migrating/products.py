"""Step ``products-once``: a product is described once, in a top-level ``products`` list, and the
interventions that give it name it (format 2.0, issue 14 area 2).

Format 1.x described the product inside each intervention that gives it, so a product given in
two interventions was written twice (NCT04544215 repeats haMPC-Exos)::

    interventions:
      - name: Nebulised haMPC-Exos, low dose
        product:
          name: haMPC-Exos  # a comment
          ...

becomes::

    products:
      - name: haMPC-Exos  # a comment
        ...
    interventions:
      - name: Nebulised haMPC-Exos, low dose
        product: haMPC-Exos

The product's mapping node itself is moved (its comments move with it). Two interventions that
describe the same product (equal values) share one entry: both moves point to it. Two different
products under one name cannot be made one without losing a value: the file is refused, naming
both places. A product already written by name (a string) is left as it is.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from trialmodel.loading.core import format_path
from trialmodel.migrating.base import Move, RecordPath, Step, step_error

__all__ = ["STEP"]


def _inline(intervention: Any) -> bool:
    return isinstance(intervention, dict) and isinstance(intervention.get("product"), dict)


def _applies(data: dict[str, Any]) -> bool:
    return any(_inline(item) for item in data.get("interventions") or [])


def _plain(node: Any) -> Any:
    """A node as plain data (comments and styles ignored), to compare two products."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node


def _products(document: CommentedMap) -> CommentedSeq:
    """The record's ``products`` list, made (just before ``interventions``) when absent."""
    products = document.get("products")
    if isinstance(products, CommentedSeq):
        return products
    if products is not None:
        raise step_error("products is not a list", ("products",), document, "products")
    products = CommentedSeq()
    document.insert(list(document.keys()).index("interventions"), "products", products)
    return products


def _run(document: CommentedMap) -> list[Move]:
    interventions = document.get("interventions")
    if not isinstance(interventions, list) or not any(_inline(i) for i in interventions):
        return []
    products = _products(document)
    origin: dict[int, RecordPath] = {}
    """For each products entry this step made, where it came from (to name it in an error)."""
    moves: list[Move] = []
    for i, intervention in enumerate(interventions):
        if not _inline(intervention):
            continue
        path: RecordPath = ("interventions", i, "product")
        product = intervention["product"]
        name = product.get("name")
        if not isinstance(name, str):
            raise step_error(
                f"{format_path(path)} has no name to refer to it by", path, intervention, "product"
            )
        j = _place(products, product, name, path, origin, intervention)
        moves.append(Move(path, ("products", j)))
        intervention["product"] = name
    return moves


def _place(
    products: CommentedSeq,
    product: CommentedMap,
    name: str,
    path: RecordPath,
    origin: dict[int, RecordPath],
    intervention: CommentedMap,
) -> int:
    """The index in ``products`` of ``product``: an equal entry's, or a new one's."""
    for j, entry in enumerate(products):
        if not isinstance(entry, dict) or entry.get("name") != name:
            continue
        if _plain(entry) == _plain(product):
            return j
        where = format_path(origin.get(j, ("products", j)))
        raise step_error(
            f"{format_path(path)} and {where} describe two different products named {name!r}; "
            "give them different names (or make them equal) first",
            path,
            intervention,
            "product",
        )
    products.append(product)
    origin[len(products) - 1] = path
    return len(products) - 1


STEP = Step(
    name="products-once",
    summary="each intervention's product moves to a top-level products list, named by the "
    "intervention",
    run=_run,
    applies=_applies,
)
