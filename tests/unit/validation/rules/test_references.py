"""Tests for the rules of validation/rules/references.py: each fires where it should, located."""

from __future__ import annotations

from tests.unit.validation.small import SMALL, findings_of, only
from trialmodel.findings import Severity
from trialmodel.validation.files import validate_bytes


def test_arm_unknown_intervention_located_at_the_name() -> None:
    """An arm naming an unlisted intervention is an error at that name, with a hint."""
    finding = only(findings_of(("interventions: [Saline]", "interventions: [Salin]")))
    assert (finding.code, finding.severity) == ("arm_unknown_intervention", Severity.ERROR)
    assert finding.path == "arms[1].interventions[0]"
    assert (finding.line, finding.column) == (38, 21)
    assert finding.hint == "did you mean 'Saline'?"


def test_intervention_unknown_arm() -> None:
    """An intervention naming an unlisted arm label is an error at that label."""
    finding = only(findings_of(("arms: [Placebo]", "arms: [Placebo arm]")))
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
    finding = only(
        findings_of(("  - label: Placebo", "  - label: MSC"), ("arms: [Placebo]", "arms: [MSC]"))
    )
    assert (finding.code, finding.path) == ("duplicate_arm_label", "arms[1].label")
    assert "arms[0]" in finding.message


def test_duplicate_intervention_name() -> None:
    """An intervention repeated in type, name, arms and description is an error at the repeat."""
    block = "  - type: DRUG\n    name: Saline\n    arms: [Placebo]\n    cell_based: false\n"
    finding = only(findings_of((block, block + block)))
    assert (finding.code, finding.path) == ("duplicate_intervention_name", "interventions[2].name")


def test_repeated_name_with_other_arms_or_description_is_not_a_duplicate() -> None:
    """The registry repeats a name and type for entries of other arms or descriptions: allowed."""
    block = "  - type: DRUG\n    name: Saline\n    arms: [Placebo]\n    cell_based: false\n"
    other_arm = block.replace("arms: [Placebo]", "arms: [MSC]")
    described = block + "    description: 10 mL\n"
    assert findings_of((block, block + other_arm + described)) == []


def test_dose_level_unknown_intervention() -> None:
    """A dose level must be of one of its arm's interventions."""
    finding = only(
        findings_of(("        intervention: Example MSCs", "        intervention: Saline"))
    )
    assert finding.code == "dose_level_unknown_intervention"
    assert finding.path == "arms[0].dose_levels[0].intervention"


def test_duplicate_dose_level_label() -> None:
    """Two dose levels of one arm may not share a label."""
    level = "      - label: Single dose\n        intervention: Example MSCs\n"
    finding = only(findings_of((level, level + level)))
    assert finding.code == "duplicate_dose_level_label"
    assert finding.path == "arms[0].dose_levels[1].label"


def test_duplicate_outcome_measure() -> None:
    """The same measure, time frame and description twice in one list is an error at the repeat."""
    outcome = "    - measure: Adverse events\n      time_frame: 12 months\n"
    finding = only(findings_of((outcome, outcome + outcome)))
    assert (finding.code, finding.path) == (
        "duplicate_outcome_measure",
        "outcomes.primary[1].measure",
    )


def test_one_measure_at_two_time_frames_is_not_a_duplicate() -> None:
    """The registry lists one measure at two time frames as two outcomes; that is allowed."""
    outcome = "    - measure: Adverse events\n      time_frame: 12 months\n"
    later = "    - measure: Adverse events\n      time_frame: 24 months\n"
    assert findings_of((outcome, outcome + later)) == []


def test_one_measure_and_time_frame_with_two_descriptions_is_not_a_duplicate() -> None:
    """The registry repeats a measure and time frame with different descriptions; allowed."""
    outcome = "    - measure: Adverse events\n      time_frame: 12 months\n"
    graded = outcome + "      description: Grade 3 or more\n"
    assert findings_of((outcome, outcome + graded)) == []
