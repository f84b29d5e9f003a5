"""Tests for the cross-field rules: each fires where it should, is located, and stays quiet else."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialmodel.findings import Finding, Severity
from trialmodel.validation.files import validate_bytes
from trialmodel.validation.rules import RULES

SMALL = Path(__file__).parents[1] / "examples" / "valid" / "small.yaml"
DOCS = Path(__file__).parents[2] / "docs" / "validate.md"


def _findings(*edits: tuple[str, str]) -> list[Finding]:
    text = SMALL.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return list(validate_bytes(text.encode(), "small.yaml").findings)


def _only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def test_small_record_has_no_findings() -> None:
    """The base record of these tests is clean, so every finding below comes from its edit."""
    assert _findings() == []


def test_rule_codes_are_unique_and_snake_case() -> None:
    """Every rule has its own stable snake_case code and a summary."""
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert all(code.isidentifier() and code.islower() for code in codes)
    assert all(rule.summary for rule in RULES)


def test_every_rule_is_documented() -> None:
    """docs/validate.md documents every rule code with its severity."""
    docs = DOCS.read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule.code}`" in docs, rule.code


def test_arm_unknown_intervention_located_at_the_name() -> None:
    """An arm naming an unlisted intervention is an error at that name, with a hint."""
    finding = _only(_findings(("interventions: [Saline]", "interventions: [Salin]")))
    assert (finding.code, finding.severity) == ("arm_unknown_intervention", Severity.ERROR)
    assert finding.path == "arms[1].interventions[0]"
    assert (finding.line, finding.column) == (38, 21)
    assert finding.hint == "did you mean 'Saline'?"


def test_intervention_unknown_arm() -> None:
    """An intervention naming an unlisted arm label is an error at that label."""
    finding = _only(_findings(("arms: [Placebo]", "arms: [Placebo arm]")))
    assert finding.code == "intervention_unknown_arm"
    assert finding.path == "interventions[1].arms[0]"
    assert finding.hint == "did you mean 'Placebo'?"


def test_references_not_checked_when_the_other_list_is_absent() -> None:
    """Without an interventions section, arms' intervention names cannot be checked."""
    text = SMALL.read_text(encoding="utf-8")
    start, end = text.index("interventions:\n  - type"), text.index("outcomes:")
    findings = validate_bytes((text[:start] + text[end:]).encode(), "x.yaml").findings
    assert [f.code for f in findings] == []


def test_duplicate_arm_label_points_at_the_second() -> None:
    """A repeated arm label is reported at the repeat, naming the first."""
    finding = _only(
        _findings(("  - label: Placebo", "  - label: MSC"), ("arms: [Placebo]", "arms: [MSC]"))
    )
    assert (finding.code, finding.path) == ("duplicate_arm_label", "arms[1].label")
    assert "arms[0]" in finding.message


def test_duplicate_intervention_name() -> None:
    """An intervention repeated in type, name, arms and description is an error at the repeat."""
    block = "  - type: DRUG\n    name: Saline\n    arms: [Placebo]\n    cell_based: false\n"
    finding = _only(_findings((block, block + block)))
    assert (finding.code, finding.path) == ("duplicate_intervention_name", "interventions[2].name")


def test_repeated_name_with_other_arms_or_description_is_not_a_duplicate() -> None:
    """The registry repeats a name and type for entries of other arms or descriptions: allowed."""
    block = "  - type: DRUG\n    name: Saline\n    arms: [Placebo]\n    cell_based: false\n"
    other_arm = block.replace("arms: [Placebo]", "arms: [MSC]")
    described = block + "    description: 10 mL\n"
    assert _findings((block, block + other_arm + described)) == []


def test_dose_level_unknown_intervention() -> None:
    """A dose level must be of one of its arm's interventions."""
    finding = _only(
        _findings(("        intervention: Example MSCs", "        intervention: Saline"))
    )
    assert finding.code == "dose_level_unknown_intervention"
    assert finding.path == "arms[0].dose_levels[0].intervention"


def test_duplicate_dose_level_label() -> None:
    """Two dose levels of one arm may not share a label."""
    level = "      - label: Single dose\n        intervention: Example MSCs\n"
    finding = _only(_findings((level, level + level)))
    assert finding.code == "duplicate_dose_level_label"
    assert finding.path == "arms[0].dose_levels[1].label"


def test_dose_range_inverted() -> None:
    """A range maximum below its value is an error at max."""
    finding = _only(_findings(("value: 1.0e+6\n", "value: 1.0e+6\n          max: 5.0e+5\n")))
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
    finding = _only(_findings((product, ""), ("    product: EX-MSC\n", "")))
    assert (finding.code, finding.path) == ("cell_product_missing", "interventions[0].cell_based")
    kept = _findings(("    product: EX-MSC\n", ""))
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
    findings = _findings(("interventions:\n", f"interventions:\n{block}"))
    codes = [f.code for f in findings]
    assert codes == (["cell_product_possibly_missing"] if flagged else [])
    if flagged:
        assert findings[0].severity is Severity.WARNING
        assert findings[0].path == "interventions[0].name"


def test_cell_based_false_silences_the_name_check() -> None:
    """cell_based: false says the curator checked: a cell-like name is then fine."""
    block = "  - name: MSC-conditioned saline\n    cell_based: false\n"
    assert _findings(("interventions:\n", f"interventions:\n{block}")) == []


def test_control_arm_given_cell_product() -> None:
    """A placebo arm given an intervention that has a cell product is an error."""
    edit = ("interventions: [Saline]", "interventions: [Saline, Example MSCs]")
    finding = _only(_findings(edit))
    assert finding.code == "control_arm_given_cell_product"
    assert finding.path == "arms[1].interventions[1]"


def test_status_needs_why_stopped() -> None:
    """A suspended study without why_stopped is a warning at the status."""
    finding = _only(_findings(("overall: RECRUITING", "overall: SUSPENDED")))
    assert (finding.code, finding.severity) == ("status_needs_why_stopped", Severity.WARNING)
    assert (finding.path, finding.line, finding.column) == ("status.overall", 8, 12)


def test_why_stopped_given_is_clean() -> None:
    """A terminated study that says why it stopped passes."""
    edit = ("overall: RECRUITING", "overall: TERMINATED\n  why_stopped: Sponsor decision")
    assert _findings(edit) == []


def test_completed_with_estimated_dates() -> None:
    """COMPLETED with ESTIMATED completion dates warns once per date, at its type."""
    findings = _findings(("overall: RECRUITING", "overall: COMPLETED"))
    assert [(f.code, f.path) for f in findings] == [
        ("completed_with_estimated_date", "status.primary_completion.type"),
        ("completed_with_estimated_date", "status.completion.type"),
    ]


def test_primary_completion_after_completion() -> None:
    """A primary completion after the completion is an error at the primary completion date."""
    finding = _only(_findings(('date: "2023-06"', 'date: "2024-06"')))
    assert finding.code == "primary_completion_after_completion"
    assert finding.path == "status.primary_completion.date"


def test_dates_of_different_precision_are_not_compared() -> None:
    """2023-12 and 2023-12-15 cannot be ordered, so no finding."""
    assert _findings(('date: "2023-06"', 'date: "2023-12-15"')) == []


def test_age_range_inverted() -> None:
    """A minimum age above the maximum age is an error; units are compared, not text."""
    finding = _only(_findings(("minimum_age: 18 Years", "minimum_age: 80 Years")))
    assert (finding.code, finding.path) == ("age_range_inverted", "eligibility.minimum_age")
    assert _findings(("minimum_age: 18 Years", "minimum_age: 900 Months")) == []


def test_interventional_without_primary_outcome() -> None:
    """Outcomes listed without a primary one, in an interventional study, is an error."""
    finding = _only(_findings(("outcomes:\n  primary:", "outcomes:\n  secondary:")))
    assert (finding.code, finding.path) == ("interventional_without_primary_outcome", "outcomes")


def test_absent_outcomes_section_is_unknown_not_none() -> None:
    """No outcomes section means no source says: not reported."""
    edit = (
        "outcomes:\n  primary:\n    - measure: Adverse events\n      time_frame: 12 months\n",
        "",
    )
    assert _findings(edit) == []


def test_duplicate_outcome_measure() -> None:
    """The same measure, time frame and description twice in one list is an error at the repeat."""
    outcome = "    - measure: Adverse events\n      time_frame: 12 months\n"
    finding = _only(_findings((outcome, outcome + outcome)))
    assert (finding.code, finding.path) == (
        "duplicate_outcome_measure",
        "outcomes.primary[1].measure",
    )


def test_one_measure_at_two_time_frames_is_not_a_duplicate() -> None:
    """The registry lists one measure at two time frames as two outcomes; that is allowed."""
    outcome = "    - measure: Adverse events\n      time_frame: 12 months\n"
    later = "    - measure: Adverse events\n      time_frame: 24 months\n"
    assert _findings((outcome, outcome + later)) == []


def test_one_measure_and_time_frame_with_two_descriptions_is_not_a_duplicate() -> None:
    """The registry repeats a measure and time frame with different descriptions; allowed."""
    outcome = "    - measure: Adverse events\n      time_frame: 12 months\n"
    graded = outcome + "      description: Grade 3 or more\n"
    assert _findings((outcome, outcome + graded)) == []


@pytest.mark.parametrize(
    ("phases", "allowed"),
    [
        ("[PHASE1]", True),
        ("[EARLY_PHASE1]", True),
        ("[NA]", True),
        ("[PHASE1, PHASE2]", True),
        ("[PHASE2, PHASE3]", True),
        ("[PHASE1, PHASE3, PHASE1]", False),
        ("[PHASE1, PHASE3]", False),
        ("[PHASE2, PHASE1]", False),
        ("[PHASE1, PHASE1]", False),
        ("[EARLY_PHASE1, PHASE1]", False),
        ("[NA, PHASE1]", False),
    ],
)
def test_phase_combinations_are_the_registrys(phases: str, allowed: bool) -> None:
    """One phase, PHASE1+PHASE2 or PHASE2+PHASE3 only, as the registry allows, at design.phases."""
    findings = _findings(("phases: [PHASE1, PHASE2]", f"phases: {phases}"))
    if allowed:
        assert findings == []
    else:
        finding = _only(findings)
        assert (finding.code, finding.path, finding.severity) == (
            "phase_combination",
            "design.phases",
            Severity.ERROR,
        )


def test_cell_like_other_name_is_located_at_that_name() -> None:
    """When only an other name looks cell-based, the warning points at that other name."""
    block = "  - name: CG-X1\n    other_names: [Code 7, umbilical cord MSCs]\n"
    finding = _only(_findings(("interventions:\n", f"interventions:\n{block}")))
    assert (finding.code, finding.path) == (
        "cell_product_possibly_missing",
        "interventions[0].other_names[1]",
    )
