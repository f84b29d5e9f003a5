"""Tests for the migration step that makes a product's donor a mapping (format 2.0, area 4)."""

from __future__ import annotations

from trialmodel.migrating import map_path, migrate_text
from trialmodel.migrating.donor import STEP

RECORD = """\
schema_version: "1.2"
identification:
  nct_id: NCT00000000
  brief_title: Example
interventions:
  - type: BIOLOGICAL
    name: Example cells
    product:
      name: EX-1
      cell_type: MESENCHYMAL_STEM_STROMAL_CELL
      donor: ALLOGENEIC  # from the publication's table
      administered_form: LIVING_CELLS
  - type: DRUG
    name: Saline
provenance:
  state: CURATED
  sources:
    - name: Example source
  needs_review:
    - interventions[0].product.donor
"""


def test_the_relation_moves_under_donor_with_its_comment_and_review_path() -> None:
    """donor: X becomes donor: {relation: X} in place; its comment and the review path follow."""
    done = migrate_text(RECORD, "example.yaml", steps=(STEP,))
    assert (
        "      donor:\n"
        "        relation: ALLOGENEIC # from the publication's table\n"
        "      administered_form: LIVING_CELLS\n"
    ) in done.after
    assert "    - interventions[0].product.donor.relation\n" in done.after
    old = ("interventions", 0, "product", "donor")
    assert map_path(old, done.moves) == (*old, "relation")


def test_a_record_without_a_donor_is_not_rewritten_by_the_step() -> None:
    """The step does not apply to a record whose products name no donor."""
    data = {"interventions": [{"name": "Saline"}, {"name": "X", "product": {"name": "EX"}}]}
    assert STEP.applies(data) is False
    assert STEP.applies({"products": [{"name": "EX", "donor": "AUTOLOGOUS"}]}) is True


def test_a_top_level_product_is_migrated_too() -> None:
    """A product in a top-level products list has its donor rewritten the same way."""
    text = RECORD.replace("      donor: ALLOGENEIC  # from the publication's table\n", "")
    text = text.replace(
        "provenance:", "products:\n  - name: EX-2\n    donor: AUTOLOGOUS\nprovenance:"
    )
    from ruamel.yaml import YAML

    document = YAML().load(text)
    moves = STEP.run(document)
    assert document["products"][0]["donor"] == {"relation": "AUTOLOGOUS"}
    assert [(m.old, m.new) for m in moves] == [
        (("products", 0, "donor"), ("products", 0, "donor", "relation"))
    ]


def test_a_donor_that_is_already_a_mapping_is_left_as_it_is() -> None:
    """A donor already in the new shape is not rewritten: a second run changes nothing."""
    once = migrate_text(RECORD, "example.yaml", steps=(STEP,)).after
    again = migrate_text(
        once.replace('schema_version: "2.0"', 'schema_version: "1.2"'), "example.yaml", (STEP,)
    )
    assert again.after == once
    assert again.moves == ()
