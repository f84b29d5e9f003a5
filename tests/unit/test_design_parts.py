"""Tests for a design in parts (``design.parts``): the model, its rules, its identity in change
tracking, and an update from the registry keeping it (the curator's, not the registry's)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from trialmodel.changes import diff_records
from trialmodel.changes.matching import KEYS
from trialmodel.ctgov import import_study
from trialmodel.findings import Finding, Severity
from trialmodel.model.record import Design, DesignPart
from trialmodel.records import load_record
from trialmodel.updating import plan_update
from trialmodel.validation.files import validate_bytes
from trialmodel.writing import yaml_text

EXAMPLES = Path(__file__).parents[1] / "examples"
SMALL = (EXAMPLES / "valid" / "small.yaml").read_text(encoding="utf-8")
PARTS_EXAMPLE = EXAMPLES / "valid" / "design-parts.yaml"
CTGOV = Path(__file__).parents[1] / "data" / "ctgov"
ANCHOR = "  enrollment:\n    count: 40\n    type: ESTIMATED\n"
PART_1 = "    - label: Part 1\n      phases: [PHASE1]\n      arms: [MSC]\n"
PART_2 = "    - label: Part 2\n      phases: [PHASE2]\n      arms: [MSC, Placebo]\n"


def _findings(parts: str, *edits: tuple[str, str]) -> list[Finding]:
    text = SMALL.replace(ANCHOR, ANCHOR + "  parts:\n" + parts)
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return list(validate_bytes(text.encode(), "small.yaml").findings)


def _codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_two_clean_parts_have_no_findings() -> None:
    """Parts whose arms exist and whose phases are the study's are clean."""
    assert _findings(PART_1 + PART_2) == []


def test_valid_example_uses_every_field_of_a_part() -> None:
    """The valid example fills every field of DesignPart and of its masking and enrollment."""
    record = load_record(PARTS_EXAMPLE.read_bytes(), name=PARTS_EXAMPLE.name)
    parts = record.design.parts if record.design else None
    assert parts is not None and len(parts) == 2
    for name in DesignPart.model_fields:
        assert any(name in part.model_fields_set for part in parts), name
    masked = parts[1].masking
    assert masked is not None and set(masked.model_fields_set) == {
        "masking",
        "who_masked",
        "description",
    }
    assert parts[0].enrollment is not None and parts[0].enrollment.type is not None


def test_unknown_arm_is_an_error_at_the_label_with_a_hint() -> None:
    """A part naming an arm that arms does not list is an error at that label."""
    [finding] = _findings(PART_1.replace("[MSC]", "[MSCs]") + PART_2)
    assert (finding.code, finding.severity) == ("design_part_unknown_arm", Severity.ERROR)
    assert finding.path == "design.parts[0].arms[0]"
    assert finding.hint == "did you mean 'MSC'?"


def test_arms_not_checked_when_the_record_lists_no_arms() -> None:
    """Without an arms section, a part's arm labels cannot be checked (absent means unknown)."""
    start, end = SMALL.index("arms:\n  - label: MSC"), SMALL.index("products:\n")
    text = SMALL[:start] + SMALL[end:]
    text = text.replace("    arms: [MSC]\n", "").replace("    arms: [Placebo]\n", "")
    text = text.replace(ANCHOR, ANCHOR + "  parts:\n" + PART_1)
    assert [f.code for f in validate_bytes(text.encode(), "x.yaml").findings] == []


def test_duplicate_label_points_at_the_repeat() -> None:
    """A repeated part label is an error at the repeat, naming the first."""
    [finding] = _findings(PART_1 + PART_2.replace("Part 2", "Part 1"))
    assert (finding.code, finding.path) == ("duplicate_design_part_label", "design.parts[1].label")
    assert "design.parts[0]" in finding.message


def test_phase_outside_the_study_is_a_warning() -> None:
    """A part's phase the study does not list is a warning (the registry may list fewer)."""
    [finding] = _findings(PART_1 + PART_2.replace("[PHASE2]", "[PHASE3]"))
    assert (finding.code, finding.severity) == (
        "design_part_phase_outside_study",
        Severity.WARNING,
    )
    assert finding.path == "design.parts[1].phases[0]"
    assert "PHASE3" in finding.message and "[PHASE1, PHASE2]" in finding.message


def test_phase_not_checked_when_the_study_lists_no_phases() -> None:
    """Without design.phases there is nothing to compare a part's phases with."""
    edit = ("  phases: [PHASE1, PHASE2]\n", "")
    assert _findings(PART_1 + PART_2.replace("[PHASE2]", "[PHASE3]"), edit) == []


@pytest.mark.parametrize("level", ["SINGLE", "DOUBLE", "TRIPLE", "QUADRUPLE"])
def test_masked_part_must_say_who(level: str) -> None:
    """Any masked part without who_masked is a warning at the part's masking key."""
    findings = _findings(PART_1 + PART_2 + f"      masking:\n        masking: {level}\n")
    [finding] = findings
    assert (finding.code, finding.severity) == ("design_part_masked_without_who", Severity.WARNING)
    assert finding.path == "design.parts[1].masking"


def test_masked_part_saying_who_and_open_part_without_who_are_clean() -> None:
    """who_masked on a masked part, and none on an open-label part, give no finding."""
    masked = "      masking:\n        masking: DOUBLE\n        who_masked: [PARTICIPANT]\n"
    open_label = "      masking:\n        masking: NONE\n"
    assert _findings(PART_1 + open_label + PART_2 + masked) == []


def test_open_part_listing_who_is_masked_is_an_error() -> None:
    """masking NONE with who_masked is a contradiction: an error at who_masked."""
    open_label = "      masking:\n        masking: NONE\n        who_masked: [PARTICIPANT]\n"
    [finding] = _findings(PART_1 + open_label)
    assert (finding.code, finding.severity) == ("design_part_open_with_who_masked", Severity.ERROR)
    assert finding.path == "design.parts[0].masking.who_masked"


def test_part_is_strict_and_needs_a_label() -> None:
    """An unknown key in a part, a part without label and an empty parts list are model errors."""
    assert _codes(_findings(PART_1 + "      phase: [PHASE1]\n")) == ["extra_forbidden"]
    assert _codes(_findings("    - phases: [PHASE1]\n")) == ["missing"]
    text = SMALL.replace(ANCHOR, ANCHOR + "  parts: []\n")
    assert "too_short" in [f.code for f in validate_bytes(text.encode(), "x.yaml").findings]


def test_parts_are_identified_by_label_and_curated() -> None:
    """Parts are matched across versions by label, and the registry import never writes them."""
    assert DesignPart.identity is not None and DesignPart.identity.names == ("label",)
    assert DesignPart in KEYS
    assert "parts" in Design.curated
    assert DesignPart.follows and "USDM" in DesignPart.follows


def test_reordered_parts_are_no_change() -> None:
    """Two versions listing the same parts in another order report nothing."""
    one = SMALL.replace(ANCHOR, ANCHOR + "  parts:\n" + PART_1 + PART_2)
    two = SMALL.replace(ANCHOR, ANCHOR + "  parts:\n" + PART_2 + PART_1)
    assert (
        diff_records(load_record(one.encode(), name="a"), load_record(two.encode(), name="b")) == []
    )


def _registry() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads((CTGOV / "NCT00973089.json").read_bytes())
    raw["protocolSection"]["identificationModule"]["nctId"] = "NCT99999912"
    return raw


def test_update_from_the_registry_keeps_the_parts(tmp_path: Path) -> None:
    """An update brings the registry's design up to date and keeps the curator's parts."""
    parts = (
        "  parts:\n    - label: Only part\n      allocation: RANDOMIZED\n"
        "      arms:\n        - Complete caries removal\n"
    )
    text = yaml_text(import_study(_registry(), "v1.json").data)
    assert "parts:" not in text
    anchor = "  primary_purpose: TREATMENT\n"
    path = tmp_path / "NCT99999912.yaml"
    path.write_text(text.replace(anchor, anchor + parts), encoding="utf-8")
    raw = _registry()
    status = raw["protocolSection"]["statusModule"]
    status["lastUpdatePostDateStruct"] = {"date": "2016-01-05", "type": "ACTUAL"}
    raw["protocolSection"]["designModule"]["designInfo"]["allocation"] = "NON_RANDOMIZED"
    update = plan_update(path, import_study(raw, "v2.json"))
    assert parts in update.new_text
    assert update.new.design is not None and update.new.design.allocation == "NON_RANDOMIZED"
