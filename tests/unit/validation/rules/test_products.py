"""Tests for the rules of validation/rules/products.py: each fires where it should, located."""

from __future__ import annotations

import pytest

from tests.unit.validation.small import findings_of, only
from trialmodel.findings import Severity


def test_dose_range_inverted() -> None:
    """A range maximum below its value is an error at max."""
    finding = only(findings_of(("value: 1.0e+6\n", "value: 1.0e+6\n          max: 5.0e+5\n")))
    assert (finding.code, finding.path) == (
        "dose_range_inverted",
        "arms[0].dose_levels[0].dose.max",
    )


def test_cell_product_missing() -> None:
    """cell_based: true without a product is an error at cell_based; the hint lists products."""
    product = (
        "products:\n  - name: EX-MSC\n    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    donor:\n      relation: ALLOGENEIC\n"
    )
    finding = only(findings_of((product, ""), ("    product: EX-MSC\n", "")))
    assert (finding.code, finding.path) == ("cell_product_missing", "interventions[0].cell_based")
    kept = findings_of(("    product: EX-MSC\n", ""))
    hints = {f.code: f.hint for f in kept}
    assert set(hints) == {"cell_product_missing", "product_unused"}
    assert "one of products: EX-MSC" in (hints["cell_product_missing"] or "")


@pytest.mark.parametrize(
    ("name", "flagged"),
    [
        ("hBMMSC", True),
        ("haMPC-Exos", True),
        ("Umbilical cord mesenchymal stromal cells", True),
        ("Nebulised extracellular vesicles", True),
        ("CAR-T cells", True),
        ("Sodium Chloride Solution", False),
        ("Celecoxib", False),
    ],
)
def test_cell_product_possibly_missing_recognises_cell_names(name: str, flagged: bool) -> None:
    """Names that look cell-based, with no product and no cell_based flag, get a warning."""
    block = f"  - type: OTHER\n    name: {name}\n"
    findings = findings_of(("interventions:\n", f"interventions:\n{block}"))
    codes = [f.code for f in findings]
    assert codes == (["cell_product_possibly_missing"] if flagged else [])
    if flagged:
        assert findings[0].severity is Severity.WARNING
        assert findings[0].path == "interventions[0].name"


def test_cell_based_false_silences_the_name_check() -> None:
    """cell_based: false says the curator checked: a cell-like name is then fine."""
    block = "  - name: MSC-conditioned saline\n    cell_based: false\n"
    assert findings_of(("interventions:\n", f"interventions:\n{block}")) == []


def test_control_arm_given_cell_product() -> None:
    """A placebo arm given an intervention that has a cell product is an error."""
    edit = ("interventions: [Saline]", "interventions: [Saline, Example MSCs]")
    finding = only(findings_of(edit))
    assert finding.code == "control_arm_given_cell_product"
    assert finding.path == "arms[1].interventions[1]"


def test_cell_like_other_name_is_located_at_that_name() -> None:
    """When only an other name looks cell-based, the warning points at that other name."""
    block = "  - name: CG-X1\n    other_names: [Code 7, umbilical cord MSCs]\n"
    finding = only(findings_of(("interventions:\n", f"interventions:\n{block}")))
    assert (finding.code, finding.path) == (
        "cell_product_possibly_missing",
        "interventions[0].other_names[1]",
    )
