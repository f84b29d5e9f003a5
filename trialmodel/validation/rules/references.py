"""Rules about names that refer across lists: arms and interventions naming each other, dose
levels naming interventions, and names that must be unique (arms, interventions, dose levels,
outcomes)."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.record import Intervention, Outcome, TrialRecord
from trialmodel.validation.rules.base import (
    Hit,
    arm_labels,
    did_you_mean,
    dose_levels,
    first_seen,
    intervention_names,
)

__all__ = [
    "arm_unknown_intervention",
    "dose_level_unknown_intervention",
    "duplicate_arm_label",
    "duplicate_dose_level_label",
    "duplicate_intervention_name",
    "duplicate_outcome_measure",
    "intervention_unknown_arm",
]


def _unlisted(names: list[list[str] | None], listed: list[str]) -> Iterator[tuple[int, int, str]]:
    """(item, place, name) of each name an item gives that ``listed`` does not hold: the one
    check behind both directions of the arms-interventions reference."""
    for item, given in enumerate(names):
        for place, name in enumerate(given or []):
            if name not in listed:
                yield item, place, name


def arm_unknown_intervention(record: TrialRecord) -> Iterator[Hit]:
    """An arm names an intervention that ``interventions`` does not list."""
    names, arms = intervention_names(record), record.arms
    if names is None or arms is None:
        return
    for a, j, name in _unlisted([arm.interventions for arm in arms], names):
        message = f"arm '{arms[a].label}' names intervention '{name}', which is not listed"
        yield Hit(("arms", a, "interventions", j), message, did_you_mean(name, names))


def intervention_unknown_arm(record: TrialRecord) -> Iterator[Hit]:
    """An intervention names an arm label that ``arms`` does not list."""
    labels, interventions = arm_labels(record), record.interventions
    if labels is None or interventions is None:
        return
    for i, j, label in _unlisted([item.arms for item in interventions], labels):
        message = f"intervention '{interventions[i].name}' names arm '{label}', which is not listed"
        yield Hit(("interventions", i, "arms", j), message, did_you_mean(label, labels))


def duplicate_arm_label(record: TrialRecord) -> Iterator[Hit]:
    """Arm labels identify arms, so each must be unique."""
    for index, first in first_seen(arm_labels(record) or []):
        message = (
            f"arm label '{(record.arms or [])[index].label}' is also the label of arms[{first}]"
        )
        yield Hit(("arms", index, "label"), message)


def intervention_key(intervention: Intervention) -> tuple[str, ...]:
    """What tells an intervention apart: its type and name and, where the registry repeats those
    (four "Drug: Adagrasib", each for other arms), its arms and description."""
    return (
        str(intervention.type or ""),
        intervention.name,
        "\x00".join(intervention.arms or []),
        intervention.description or "",
    )


def duplicate_intervention_name(record: TrialRecord) -> Iterator[Hit]:
    """The same intervention twice: type, name, arms and description all repeated.

    The registry lists one name and type several times when the entries differ in their arms or
    description (one per dose or schedule), so a repeated name alone is not a duplicate.
    """
    keys = [intervention_key(i) for i in record.interventions or []]
    for index, first in first_seen(keys):
        name = (record.interventions or [])[index].name
        message = f"'{name}' repeats interventions[{first}] in type, arms and description"
        yield Hit(("interventions", index, "name"), message)


def dose_level_unknown_intervention(record: TrialRecord) -> Iterator[Hit]:
    """A dose level names an intervention that is not among its arm's interventions."""
    for path, arm, level in dose_levels(record):
        allowed = arm.interventions if arm.interventions is not None else intervention_names(record)
        if allowed is not None and level.intervention not in allowed:
            message = f"dose of '{level.intervention}', which arm '{arm.label}' does not give"
            hint = did_you_mean(level.intervention, allowed)
            yield Hit((*path, "intervention"), message, hint)


def duplicate_dose_level_label(record: TrialRecord) -> Iterator[Hit]:
    """Dose level labels identify dose groups within their arm."""
    for a, arm in enumerate(record.arms or []):
        levels = arm.dose_levels or []
        for index, first in first_seen([level.label for level in levels]):
            message = f"dose level '{levels[index].label}' is also dose_levels[{first}]"
            yield Hit(("arms", a, "dose_levels", index, "label"), message)


def outcome_key(outcome: Outcome) -> tuple[str, str, str]:
    """What tells an outcome apart in its list: measure and time frame and, where the registry
    repeats those, its description."""
    return outcome.measure, outcome.time_frame or "", outcome.description or ""


def duplicate_outcome_measure(record: TrialRecord) -> Iterator[Hit]:
    """The same outcome twice in one list: measure, time frame and description all repeated.

    The registry lists one measure at two time frames (MACE at 30 days, MACE at 1 year) as two
    outcomes, and one measure and time frame twice with different descriptions, so neither a
    repeated measure nor a repeated measure and time frame is a duplicate on its own.
    """
    if record.outcomes is None:
        return
    lists: list[tuple[str, list[Outcome] | None]] = [
        ("primary", record.outcomes.primary),
        ("secondary", record.outcomes.secondary),
        ("other", record.outcomes.other),
    ]
    for name, outcomes in lists:
        keys = [outcome_key(o) for o in outcomes or []]
        for index, first in first_seen(keys):
            message = f"the same measure, time frame and description as {name}[{first}]"
            yield Hit(("outcomes", name, index, "measure"), message)


# --- design -----------------------------------------------------------------------------------
