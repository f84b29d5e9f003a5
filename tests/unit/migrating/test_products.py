"""Tests for the migration step that describes a product once (format 2.0, issue 14 area 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from trialmodel.migrating import MigrationError, map_path, migrate_text
from trialmodel.migrating.products import STEP

FORMAT_1 = Path(__file__).parents[2] / "data" / "format-1.x" / "records"

RECORD = """\
schema_version: "1.2"
identification:
  nct_id: NCT00000000
  brief_title: Example
interventions:
  - type: BIOLOGICAL
    name: Example cells, low dose
    product:
      name: EX-1  # the sponsor's code
      cell_type: MESENCHYMAL_STEM_STROMAL_CELL
  - type: DRUG
    name: Saline
  - type: BIOLOGICAL
    name: Example cells, high dose
    product:
      name: EX-1
      cell_type: MESENCHYMAL_STEM_STROMAL_CELL
provenance:
  state: CURATED
  sources:
    - name: Example source
  needs_review:
    - interventions[0].product.cell_type
    - interventions[2].product.cell_type
"""


def test_identical_products_become_one_entry_named_by_both_interventions() -> None:
    """Both interventions name the one product; its comment and the review path follow."""
    done = migrate_text(RECORD, "example.yaml", steps=(STEP,))
    data = YAML(typ="safe").load(done.after)
    assert data["products"] == [{"name": "EX-1", "cell_type": "MESENCHYMAL_STEM_STROMAL_CELL"}]
    assert [i.get("product") for i in data["interventions"]] == ["EX-1", None, "EX-1"]
    assert re.search(r"^  - name: EX-1 +# the sponsor's code$", done.after, re.MULTILINE)
    assert data["provenance"]["needs_review"] == ["products[0].cell_type"]
    assert list(data).index("products") == list(data).index("interventions") - 1
    for i in (0, 2):
        assert map_path(("interventions", i, "product", "cell_type"), done.moves) == (
            "products",
            0,
            "cell_type",
        )


def test_two_different_products_under_one_name_are_refused_naming_both_places() -> None:
    """A product cannot silently lose the other's values: the file is refused, located."""
    text = RECORD.replace(
        "      name: EX-1\n      cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n",
        "      name: EX-1\n      cell_type: NK_CELL\n",
    )
    with pytest.raises(MigrationError) as raised:
        migrate_text(text, "example.yaml", steps=(STEP,))
    assert str(raised.value) == (
        "example.yaml:15:5: interventions[2].product and interventions[0].product describe two "
        "different products named 'EX-1'; give them different names (or make them equal) "
        "first; not migrated"
    )


def test_a_product_already_named_is_left_alone() -> None:
    """The step applies only to an inline product; a second run changes nothing."""
    assert STEP.applies({"interventions": [{"name": "X", "product": "EX-1"}]}) is False
    assert STEP.applies({"interventions": [{"name": "X", "product": {"name": "EX"}}]}) is True
    document = YAML().load(migrate_text(RECORD, "example.yaml", steps=(STEP,)).after)
    assert STEP.run(document) == []


def test_nct04544215s_two_hampc_exos_become_one_product_losslessly() -> None:
    """The real case: the 1.x copy repeats haMPC-Exos in two interventions. migrate_text's own
    check holds that every 1.x value is at its mapped place; here the merge itself is checked."""
    text = (FORMAT_1 / "NCT04544215.yaml").read_text(encoding="utf-8")
    done = migrate_text(text, "NCT04544215.yaml")
    data = YAML(typ="safe").load(done.after)
    assert [p["name"] for p in data["products"]] == ["haMPC-Exos"]
    assert [i.get("product") for i in data["interventions"]][:2] == ["haMPC-Exos"] * 2
    review = data["provenance"]["needs_review"]
    assert "products[0].tissue_source" in review
    assert not any("interventions[1].product" in path for path in review)


@pytest.mark.parametrize("path", sorted(FORMAT_1.glob("*.yaml")), ids=lambda p: p.name)
def test_every_1x_record_migrates_with_the_step(path: Path) -> None:
    """Each 1.x copy migrates (the lossless check inside migrate_text passes) to named products."""
    done = migrate_text(path.read_text(encoding="utf-8"), path.name)
    data = YAML(typ="safe").load(done.after)
    assert all(not isinstance(i.get("product"), dict) for i in data.get("interventions") or [])
