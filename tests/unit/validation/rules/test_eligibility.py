"""Tests for the rules of validation/rules/eligibility.py: each fires where it should, located."""

from __future__ import annotations

from tests.unit.validation.small import findings_of, only


def test_age_range_inverted() -> None:
    """A minimum age above the maximum age is an error; units are compared, not text."""
    finding = only(findings_of(("minimum_age: 18 Years", "minimum_age: 80 Years")))
    assert (finding.code, finding.path) == ("age_range_inverted", "eligibility.minimum_age")
    assert findings_of(("minimum_age: 18 Years", "minimum_age: 900 Months")) == []
