"""What every rule is made of: a Hit (a place and a message), a Rule (code, severity, check),
and the helpers the subjects share."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass

from trialmodel.findings import Severity
from trialmodel.model.product import DoseLevel
from trialmodel.model.record import Arm, TrialRecord

__all__ = [
    "Check",
    "Hit",
    "Path",
    "Rule",
    "arm_labels",
    "did_you_mean",
    "dose_levels",
    "first_seen",
    "intervention_names",
    "make_rule",
    "number",
]

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's finding before it is located: where in the record, what, and a hint."""

    path: Path
    message: str
    hint: str | None = None
    key: bool = False
    """Point at the key of the mapping entry at ``path`` rather than its value."""


Check = Callable[[TrialRecord], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A cross-field check with a stable code and a severity."""

    code: str
    severity: Severity
    summary: str
    """What the rule checks (its docstring)."""
    check: Check


def make_rule(code: str, severity: Severity, check: Check) -> Rule:
    """A rule whose summary is its check's docstring."""
    return Rule(code, severity, (check.__doc__ or "").strip(), check)


def did_you_mean(value: str, choices: list[str]) -> str | None:
    matches = difflib.get_close_matches(value, choices, n=1)
    return f"did you mean '{matches[0]}'?" if matches else None


def number(value: float) -> str:
    """A dose as curators write it: 1.0e+6 for a million, 2.5 for two and a half."""
    if 1e-3 <= value < 1e4:
        return f"{value:g}"
    mantissa, exponent = f"{value:e}".split("e")
    return f"{float(mantissa)!r}e{int(exponent):+d}"


def first_seen(values: Sequence[Hashable]) -> Iterator[tuple[int, int]]:
    """Yield (index, index of its first occurrence) for every repeated value."""
    first: dict[Hashable, int] = {}
    for index, value in enumerate(values):
        if value in first:
            yield index, first[value]
        else:
            first[value] = index


def arm_labels(record: TrialRecord) -> list[str] | None:
    return None if record.arms is None else [arm.label for arm in record.arms]


def intervention_names(record: TrialRecord) -> list[str] | None:
    return None if record.interventions is None else [i.name for i in record.interventions]


# --- arms and interventions -------------------------------------------------------------------


def dose_levels(record: TrialRecord) -> Iterator[tuple[Path, Arm, DoseLevel]]:
    for a, arm in enumerate(record.arms or []):
        for d, level in enumerate(arm.dose_levels or []):
            yield ("arms", a, "dose_levels", d), arm, level
