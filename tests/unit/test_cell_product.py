"""Tests for the cell product's 2.0 parts: characterisation, manufacturing, donor and CAR."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from trialmodel.changes import Significance, diff_records
from trialmodel.model.base import Section, models_below
from trialmodel.model.product import CellProduct, Duration
from trialmodel.model.record import TrialRecord
from trialmodel.outputs.fhir.coverage import record_fields
from trialmodel.records import load_record

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "tests" / "examples" / "valid" / "product-2.0.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
NEW_PARTS = ("code", "inn", "derived_from", "donor")
NEW_PARTS += ("characterisation", "vesicles", "manufacturing", "car")


def _record(text: str) -> TrialRecord:
    return load_record(text.encode("utf-8"), name="example.yaml")


def _paths(value: Any, prefix: str = "") -> set[str]:
    if isinstance(value, dict):
        found: set[str] = set()
        for key, inner in value.items():
            found |= {f"{prefix}{key}"} | _paths(inner, f"{prefix}{key}.")
        return found
    if isinstance(value, list):
        return set().union(*(_paths(item, prefix) for item in value)) if value else set()
    return set()


def test_the_example_uses_every_new_field() -> None:
    """The valid example gives a value to every field below the product's 2.0 parts."""
    products = yaml.safe_load(TEXT)["products"]
    used = set().union(*(_paths(p) for p in products))
    fields = {f for f in record_fields(CellProduct) if f.split(".")[0] in NEW_PARTS}
    assert fields and sorted(fields - used) == []


def test_every_new_part_names_its_reference() -> None:
    """Each model class of the product's 2.0 parts (but the older Duration they reuse) says which
    published reference it follows, and its docstring names it."""
    roots = [CellProduct.model_fields[name].annotation for name in NEW_PARTS[3:]]
    classes = {m for root in roots for m in models_below(_model(root))} - {Duration}
    assert len(classes) >= 8
    for model in classes:
        assert issubclass(model, Section) and model.follows, model.__name__
        assert model.__doc__ and model.follows.split(" ")[0] in model.__doc__, model.__name__


def _model(annotation: Any) -> type[Section]:
    from trialmodel.model.base import model_in

    found = model_in(annotation)
    assert found is not None and issubclass(found, Section)
    return found


def test_a_criterion_not_stated_is_absent_and_a_stated_no_is_kept() -> None:
    """An ISCT criterion no source states stays absent; a stated 'no' is False, not absent."""
    text = TEXT.replace("      chondrogenic: true\n", "").replace(
        "adipogenic: true", "adipogenic: false"
    )
    product = _record(text).products[0]  # type: ignore[index]
    assert product is not None and product.characterisation is not None
    assert product.characterisation.chondrogenic is None
    assert product.characterisation.adipogenic is False
    assert "chondrogenic" not in product.characterisation.model_dump(exclude_unset=True)


def test_a_manufacturing_change_is_a_major_product_change() -> None:
    """A passage changed between two versions is a major product change at its YAML path."""
    old, new = (
        _record(TEXT),
        _record(TEXT.replace("value: 3\n        max: 5", "value: 2\n        max: 5")),
    )
    changes = diff_records(old, new)
    assert [(c.kind, c.path, c.significance) for c in changes] == [
        (
            "product_changed",
            "products[0].manufacturing.passage.value",
            Significance.MAJOR,
        )
    ]


def test_reordered_markers_are_no_change_and_a_new_marker_is_one() -> None:
    """Markers are matched by marker, never by position: a reorder is no change."""
    cd73 = "        - marker: CD73\n          expressed: true\n          percent_positive: 99.1\n"
    reordered = TEXT.replace(cd73, "").replace(
        "        - marker: HLA_DR\n", cd73 + "        - marker: HLA_DR\n"
    )
    assert reordered != TEXT
    assert diff_records(_record(TEXT), _record(reordered)) == []
    fewer = diff_records(_record(TEXT.replace(cd73, "")), _record(TEXT))
    assert [c.path for c in fewer] == ["products[0].characterisation.markers[0]"]
