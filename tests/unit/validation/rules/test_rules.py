"""Tests for the rule table, RULES: unique snake_case codes, each documented, small.yaml clean."""

from __future__ import annotations

from pathlib import Path

from tests.unit.validation.small import findings_of
from trialmodel.validation.rules import RULES

DOCS = Path(__file__).parents[4] / "docs" / "validate.md"


def test_small_record_has_no_findings() -> None:
    """The base record of these tests is clean, so every finding below comes from its edit."""
    assert findings_of() == []


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
