"""Tests for the rules of validation/rules/doses.py (a dose's cap, a cumulative dose): exact
findings, on a cumulative dose as on a dose, and on every dose level of an arm."""

from __future__ import annotations

from tests.unit.validation.small import findings_of

# small.yaml's one dose level, of 1.0e+6 cells per kg
LEVEL = """\
      - label: Single dose
        intervention: Example MSCs
        dose:
          value: 1.0e+6
          counted: CELLS
          basis: PER_KG_BODY_WEIGHT
"""


def _amount(key: str, value: str, basis: str = "PER_KG_BODY_WEIGHT", more: str = "") -> str:
    """A dose or cumulative dose of a dose level, in small.yaml's indentation."""
    return (
        f"        {key}:\n          value: {value}\n          counted: CELLS\n"
        f"          basis: {basis}\n" + more
    )


def _findings(*levels: str) -> list[tuple[str, str, str]]:
    """(code, path, message) of small.yaml with its dose level replaced by ``levels``."""
    return [(f.code, f.path, f.message) for f in findings_of((LEVEL, "".join(levels)))]


def _level(label: str, *amounts: str) -> str:
    """A dose level of Example MSCs with these amounts."""
    return f"      - label: {label}\n        intervention: Example MSCs\n" + "".join(amounts)


def test_a_cap_on_a_cumulative_dose_is_checked_at_its_place() -> None:
    """A cap on a cumulative dose that is not per kg or per m² is reported at that cap."""
    cap = "          cap: 2.0e+8\n"
    cumulative = _amount("cumulative_dose", "4.0e+6", "PER_ADMINISTRATION", cap)
    assert _findings(_level("Single dose", _amount("dose", "1.0e+6"), cumulative)) == [
        (
            "dose_cap_without_scaled_basis",
            "arms[0].dose_levels[0].cumulative_dose.cap",
            "a cap of 2.0e+8 on a PER_ADMINISTRATION dose",
        )
    ]


def test_a_cap_is_compared_with_the_top_of_a_dose_range() -> None:
    """A cap between a range's value and its max binds for everyone: reported against the max."""
    dose = _amount("dose", "1.0e+6", more="          max: 3.0e+6\n          cap: 2.0e+6\n")
    assert _findings(_level("Single dose", dose)) == [
        (
            "dose_cap_not_above_dose",
            "arms[0].dose_levels[0].dose.cap",
            "cap 2.0e+6 is not above the dose 3.0e+6 it caps",
        )
    ]


def test_a_cap_of_a_later_dose_level_is_checked() -> None:
    """A dose level without a cap does not end the check: the next level's cap is compared."""
    capped = _amount("dose", "1.0e+6", more="          cap: 1.0e+6\n")
    levels = (_level("Low", _amount("dose", "1.0e+6")), _level("Capped", capped))
    assert _findings(*levels) == [
        (
            "dose_cap_not_above_dose",
            "arms[0].dose_levels[1].dose.cap",
            "cap 1.0e+6 is not above the dose 1.0e+6 it caps",
        )
    ]


def test_a_cumulative_dose_is_compared_by_the_top_of_its_range() -> None:
    """A cumulative range reaching the dose is not below it; one equal to the dose is not either."""
    ranged = _amount("cumulative_dose", "5.0e+5", more="          max: 2.0e+6\n")
    equal = _amount("cumulative_dose", "1.0e+6")
    levels = (
        _level("Ranged", _amount("dose", "1.0e+6"), ranged),
        _level("Equal", _amount("dose", "1.0e+6"), equal),
    )
    assert _findings(*levels) == []


def test_a_cumulative_dose_of_a_later_dose_level_is_checked() -> None:
    """Levels with no cumulative dose, or one counted per another basis, do not end the check."""
    other_basis = _amount("cumulative_dose", "5.0e+5", "PER_ADMINISTRATION")
    below = _amount("cumulative_dose", "5.0e+5")
    levels = (
        _level("No total", _amount("dose", "1.0e+6")),
        _level("Other basis", _amount("dose", "1.0e+6"), other_basis),
        _level("Below", _amount("dose", "1.0e+6"), below),
    )
    assert _findings(*levels) == [
        (
            "cumulative_dose_below_dose",
            "arms[0].dose_levels[2].cumulative_dose.value",
            "cumulative dose 5.0e+5 is below the dose 1.0e+6 of one administration",
        )
    ]
