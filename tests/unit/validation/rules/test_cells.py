"""Tests for the rules of validation/rules/cells.py: each fires where it should, with its exact
message, for any product of the record (not only the first), and stays quiet at its boundaries."""

from __future__ import annotations

import pytest

from tests.unit.validation.small import findings_of

# small.yaml's one product, EX-MSC: an allogeneic MSC with nothing else said of it
FIRST_PRODUCT = "    donor:\n      relation: ALLOGENEIC\n"


def _with_product(body: str, first: str = "") -> list[tuple[str, str, str]]:
    """(code, path, message) of small.yaml with a second product EX-2 (``body``: its fields
    below its name) and, optionally, more fields (``first``) for the first product."""
    product = "  - name: EX-2\n" + body
    edits = [("\ninterventions:\n", "\n" + product + "interventions:\n")]
    if first:
        edits.append((FIRST_PRODUCT, FIRST_PRODUCT + first))
    return [(f.code, f.path, f.message) for f in findings_of(*edits)]


def _of(code: str, findings: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """The (path, message) of the findings of one code."""
    return [(path, message) for c, path, message in findings if c == code]


MARKERS = """\
    cell_type: MESENCHYMAL_STEM_STROMAL_CELL
    characterisation:
      markers:
        - marker: CD45
          expressed: false
          percent_positive: 2.5
        - marker: CD34
          expressed: false
          percent_positive: 2
        - marker: CD14
          expressed: false
        - marker: CD73
          expressed: true
          percent_positive: 95
        - marker: CD90
          expressed: true
          percent_positive: 94.5
"""


def test_isct_markers_at_the_criteria_pass_and_beyond_them_warn() -> None:
    """ISCT's ≤2% and ≥95% include the bound: 2% and 95% pass, 2.5% and 94.5% are reported."""
    assert _of("isct_marker_outside_criterion", _with_product(MARKERS)) == [
        (
            "products[1].characterisation.markers[0].percent_positive",
            "CD45 on 2.5% of cells is above ISCT's 2%",
        ),
        (
            "products[1].characterisation.markers[4].percent_positive",
            "CD90 on 94.5% of cells is below ISCT's 95%",
        ),
    ]


SECOND_PRODUCT_CASES = [
    pytest.param(
        "    cell_type: T_CELL\n    characterisation:\n      plastic_adherent: true\n",
        "isct_criteria_for_non_msc",
        [("products[1].characterisation", "ISCT's criteria for MSCs given for a T_CELL product")],
        id="isct_criteria_for_non_msc",
    ),
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    vesicles:\n      source_material: CONDITIONED_MEDIUM\n",
        "vesicle_details_without_vesicles",
        [("products[1].vesicles", "vesicles described, but administered_form is not given")],
        id="vesicles_without_a_form",
    ),
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    manufacturing:\n      post_thaw_viability_percent: 90\n",
        "post_thaw_viability_not_cryopreserved",
        [
            (
                "products[1].manufacturing.post_thaw_viability_percent",
                "post-thaw viability given, but preservation is not given",
            )
        ],
        id="post_thaw_without_preservation",
    ),
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    donor:\n      relation: ALLOGENEIC\n      pooling: POOLED\n      donors: 1\n",
        "donor_count_contradicts_pooling",
        [("products[1].donor.donors", "pooling is POOLED but donors is 1")],
        id="pooled_from_one_donor",
    ),
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    donor:\n      relation: ALLOGENEIC\n"
        "      minimum_age: 40 Years\n      maximum_age: 30 Years\n",
        "donor_age_range_inverted",
        [
            (
                "products[1].donor.minimum_age",
                "donor minimum age '40 Years' is above maximum age '30 Years'",
            )
        ],
        id="donor_ages_inverted",
    ),
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    donor:\n      relation: AUTOLOGOUS\n      hla_match: MATCHED\n      pooling: POOLED\n",
        "autologous_donor_matching",
        [
            ("products[1].donor.hla_match", "an AUTOLOGOUS product has hla_match MATCHED"),
            ("products[1].donor.pooling", "an AUTOLOGOUS product has pooling POOLED"),
        ],
        id="autologous_matched_and_pooled",
    ),
    pytest.param(
        "    car:\n      target_antigens: [CD19]\n",
        "car_without_car_cell_type",
        [("products[1].car", "a CAR is described, but cell_type is not given")],
        id="car_without_a_cell_type",
    ),
    pytest.param(
        "    cell_type: CAR_T_CELL\n"
        "    car:\n      costimulatory_domains: [CD28]\n      generation: THIRD\n",
        "car_generation_contradicts_domains",
        [
            (
                "products[1].car.generation",
                "a THIRD generation CAR has 2 costimulatory domains; this one lists 1",
            )
        ],
        id="third_generation_with_one_domain",
    ),
    pytest.param(
        "    cell_type: CAR_T_CELL\n"
        "    car:\n      costimulatory_domains: [CD28, CD137]\n      generation: SECOND\n",
        "car_generation_contradicts_domains",
        [
            (
                "products[1].car.generation",
                "a SECOND generation CAR has 1 costimulatory domain; this one lists 2",
            )
        ],
        id="second_generation_with_two_domains",
    ),
    pytest.param(
        "    cell_type: CAR_T_CELL\n"
        "    car:\n      costimulatory_domains: [CD28]\n      generation: FIRST\n",
        "car_generation_contradicts_domains",
        [
            (
                "products[1].car.generation",
                "a FIRST generation CAR has 0 costimulatory domains; this one lists 1",
            )
        ],
        id="first_generation_with_a_domain",
    ),
]


@pytest.mark.parametrize(("body", "code", "expected"), SECOND_PRODUCT_CASES)
def test_a_rule_reads_every_product(body: str, code: str, expected: list[tuple[str, str]]) -> None:
    """A product after one the rule passes over is still checked: its finding, exactly."""
    assert _of(code, _with_product(body)) == expected


CLEAN_CASES = [
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    manufacturing:\n      passage:\n        value: 3\n        max: 3\n",
        "passage_range_inverted",
        id="passage_range_of_one",
    ),
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    donor:\n      relation: ALLOGENEIC\n      pooling: SINGLE\n      donors: 1\n",
        "donor_count_contradicts_pooling",
        id="single_from_one_donor",
    ),
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    donor:\n      relation: ALLOGENEIC\n      pooling: POOLED\n      donors: 2\n",
        "donor_count_contradicts_pooling",
        id="pooled_from_two_donors",
    ),
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    donor:\n      relation: ALLOGENEIC\n      pooling: SINGLE\n",
        "donor_count_contradicts_pooling",
        id="single_with_no_count",
    ),
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    donor:\n      relation: ALLOGENEIC\n"
        "      minimum_age: 30 Years\n      maximum_age: 30 Years\n",
        "donor_age_range_inverted",
        id="donors_of_one_age",
    ),
    pytest.param(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n"
        "    donor:\n      relation: ALLOGENEIC\n      minimum_age: 30 Years\n",
        "donor_age_range_inverted",
        id="donor_minimum_age_only",
    ),
    pytest.param(
        "    cell_type: CAR_T_CELL\n    car:\n      generation: SECOND\n",
        "car_generation_contradicts_domains",
        id="generation_without_domains",
    ),
]


@pytest.mark.parametrize(("body", "code"), CLEAN_CASES)
def test_a_rule_is_quiet_at_its_boundary(body: str, code: str) -> None:
    """A value at a rule's boundary, or a part the rule needs left out, gives no finding of it."""
    findings = _with_product(body)
    assert _of(code, findings) == []
    assert [c for c, _, _ in findings] == ["product_unused"]


def test_post_thaw_viability_of_a_second_product_after_a_cryopreserved_one() -> None:
    """A cryopreserved product's viability passes, and a fresh one's after it is reported."""
    manufacturing = (
        "    manufacturing:\n      preservation: {}\n      post_thaw_viability_percent: 90\n"
    )
    findings = _with_product(
        "    cell_type: MESENCHYMAL_STEM_STROMAL_CELL\n" + manufacturing.format("FRESH"),
        first=manufacturing.format("CRYOPRESERVED"),
    )
    assert _of("post_thaw_viability_not_cryopreserved", findings) == [
        (
            "products[1].manufacturing.post_thaw_viability_percent",
            "post-thaw viability given, but preservation is FRESH",
        )
    ]
