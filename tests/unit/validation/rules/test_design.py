"""Tests for the rules of validation/rules/design.py: each fires where it should, located."""

from __future__ import annotations

import pytest

from tests.unit.validation.small import findings_of, only
from trialmodel.findings import Severity


def test_interventional_without_primary_outcome() -> None:
    """Outcomes listed without a primary one, in an interventional study, is an error."""
    finding = only(findings_of(("outcomes:\n  primary:", "outcomes:\n  secondary:")))
    assert (finding.code, finding.path) == ("interventional_without_primary_outcome", "outcomes")


def test_absent_outcomes_section_is_unknown_not_none() -> None:
    """No outcomes section means no source says: not reported."""
    edit = (
        "outcomes:\n  primary:\n    - measure: Adverse events\n      time_frame: 12 months\n",
        "",
    )
    assert findings_of(edit) == []


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
    findings = findings_of(("phases: [PHASE1, PHASE2]", f"phases: {phases}"))
    if allowed:
        assert findings == []
    else:
        finding = only(findings)
        assert (finding.code, finding.path, finding.severity) == (
            "phase_combination",
            "design.phases",
            Severity.ERROR,
        )
