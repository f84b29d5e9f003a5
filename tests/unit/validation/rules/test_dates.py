"""Tests for the rules of validation/rules/dates.py: each fires where it should, located."""

from __future__ import annotations

from tests.unit.validation.small import findings_of, only
from trialmodel.findings import Severity


def test_status_needs_why_stopped() -> None:
    """A suspended study without why_stopped is a warning at the status."""
    finding = only(findings_of(("overall: RECRUITING", "overall: SUSPENDED")))
    assert (finding.code, finding.severity) == ("status_needs_why_stopped", Severity.WARNING)
    assert (finding.path, finding.line, finding.column) == ("status.overall", 8, 12)


def test_why_stopped_given_is_clean() -> None:
    """A terminated study that says why it stopped passes."""
    edit = ("overall: RECRUITING", "overall: TERMINATED\n  why_stopped: Sponsor decision")
    assert findings_of(edit) == []


def test_completed_with_estimated_dates() -> None:
    """COMPLETED with ESTIMATED completion dates warns once per date, at its type."""
    findings = findings_of(("overall: RECRUITING", "overall: COMPLETED"))
    assert [(f.code, f.path) for f in findings] == [
        ("completed_with_estimated_date", "status.primary_completion.type"),
        ("completed_with_estimated_date", "status.completion.type"),
    ]


def test_primary_completion_after_completion() -> None:
    """A primary completion after the completion is an error at the primary completion date."""
    finding = only(findings_of(('date: "2023-06"', 'date: "2024-06"')))
    assert finding.code == "primary_completion_after_completion"
    assert finding.path == "status.primary_completion.date"


def test_dates_of_different_precision_are_not_compared() -> None:
    """2023-12 and 2023-12-15 cannot be ordered, so no finding."""
    assert findings_of(('date: "2023-06"', 'date: "2023-12-15"')) == []
