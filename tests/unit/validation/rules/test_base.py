"""Tests for validation/rules/base.py's helpers that shape every rule's message."""

from __future__ import annotations

import pytest

from trialmodel.validation.rules.base import number


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (0.0009, "9.0e-4"),
        (0.001, "0.001"),
        (0.5, "0.5"),
        (2.5, "2.5"),
        (9999.0, "9999"),
        (10000.0, "1.0e+4"),
        (1e6, "1.0e+6"),
    ],
)
def test_number_is_plain_from_a_thousandth_to_below_ten_thousand(
    value: float, written: str
) -> None:
    """A number from 0.001 up to (not including) 10,000 is written plainly, others as 1.0e+4."""
    assert number(value) == written
