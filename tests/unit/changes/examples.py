"""The change examples every test of trialmodel.changes builds on: base.yaml and the cases."""

from __future__ import annotations

from pathlib import Path

import yaml

from trialmodel.model.record import TrialRecord
from trialmodel.records import load_record

ROOT = Path(__file__).parents[3]
EXAMPLES = ROOT / "tests" / "examples" / "changes"
BASE = (EXAMPLES / "base.yaml").read_text(encoding="utf-8")
CASES = yaml.safe_load((EXAMPLES / "cases.yaml").read_text(encoding="utf-8"))


def record(text: str) -> TrialRecord:
    """A record from YAML text, through the project's own reader."""
    return load_record(text.encode("utf-8"), name="example.yaml")


def edited(edits: list[list[str]] | None) -> str:
    """The base text with each [old, new] replacement made; every old text must be there."""
    text = BASE
    for old, new in edits or []:
        assert old in text, f"edit target not in base.yaml: {old!r}"
        text = text.replace(old, new, 1)
    return text
