"""The small valid example record, edited: the base of the validation and rule tests."""

from __future__ import annotations

from pathlib import Path

from trialmodel.findings import Finding
from trialmodel.validation.files import validate_bytes

SMALL = Path(__file__).parents[2] / "examples" / "valid" / "small.yaml"


def edited(*edits: tuple[str, str]) -> str:
    """small.yaml's text with each (old, new) replaced; each old text must occur exactly once."""
    text = SMALL.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def findings_of(*edits: tuple[str, str]) -> list[Finding]:
    """The findings of validating small.yaml after the edits."""
    return list(validate_bytes(edited(*edits).encode(), "small.yaml").findings)


def only(findings: list[Finding]) -> Finding:
    """The one finding of a list that must hold exactly one."""
    assert len(findings) == 1, findings
    return findings[0]
