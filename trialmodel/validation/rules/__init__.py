"""Cross-field checks that a field type cannot express, each with a stable code and a severity.

A rule reads a record that already passed the model and yields ``Hit``s: a place in the record
(a path like the YAML's, as a tuple) and a message. Validation turns hits into located findings.
Every rule is documented with an example in ``docs/validate.md``. A section that is absent means
"no source says", so rules never read an absent section as empty.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass

from trialmodel.findings import Severity
from trialmodel.model.product import DoseLevel
from trialmodel.model.record import Arm, DatedEvent, Intervention, Outcome, TrialRecord
from trialmodel.model.registration import Timing, registration_timing
from trialmodel.model.types import age_in_minutes, compare_dates
from trialmodel.model.vocab import (
    CONTROL_ARM_TYPES,
    PHASE_COMBINATIONS,
    STOPPED_STATUSES,
    DateType,
    DoseBasis,
    OverallStatus,
    StudyType,
)

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


def _rule(code: str, severity: Severity, check: Check) -> Rule:
    """A rule whose summary is its check's docstring."""
    return Rule(code, severity, (check.__doc__ or "").strip(), check)


def _did_you_mean(value: str, choices: list[str]) -> str | None:
    matches = difflib.get_close_matches(value, choices, n=1)
    return f"did you mean '{matches[0]}'?" if matches else None


def _number(value: float) -> str:
    """A dose as curators write it: 1.0e+6 for a million, 2.5 for two and a half."""
    if 1e-3 <= value < 1e4:
        return f"{value:g}"
    mantissa, exponent = f"{value:e}".split("e")
    return f"{float(mantissa)!r}e{int(exponent):+d}"


def _first_seen(values: Sequence[Hashable]) -> Iterator[tuple[int, int]]:
    """Yield (index, index of its first occurrence) for every repeated value."""
    first: dict[Hashable, int] = {}
    for index, value in enumerate(values):
        if value in first:
            yield index, first[value]
        else:
            first[value] = index


def _labels(record: TrialRecord) -> list[str] | None:
    return None if record.arms is None else [arm.label for arm in record.arms]


def _names(record: TrialRecord) -> list[str] | None:
    return None if record.interventions is None else [i.name for i in record.interventions]


# --- arms and interventions -------------------------------------------------------------------


def arm_unknown_intervention(record: TrialRecord) -> Iterator[Hit]:
    """An arm names an intervention that ``interventions`` does not list."""
    names = _names(record)
    if names is None or record.arms is None:
        return
    for a, arm in enumerate(record.arms):
        for j, name in enumerate(arm.interventions or []):
            if name not in names:
                message = f"arm '{arm.label}' names intervention '{name}', which is not listed"
                yield Hit(("arms", a, "interventions", j), message, _did_you_mean(name, names))


def intervention_unknown_arm(record: TrialRecord) -> Iterator[Hit]:
    """An intervention names an arm label that ``arms`` does not list."""
    labels = _labels(record)
    if labels is None or record.interventions is None:
        return
    for i, intervention in enumerate(record.interventions):
        for j, label in enumerate(intervention.arms or []):
            if label not in labels:
                message = (
                    f"intervention '{intervention.name}' names arm '{label}', which is not listed"
                )
                yield Hit(("interventions", i, "arms", j), message, _did_you_mean(label, labels))


def duplicate_arm_label(record: TrialRecord) -> Iterator[Hit]:
    """Arm labels identify arms, so each must be unique."""
    for index, first in _first_seen(_labels(record) or []):
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
    for index, first in _first_seen(keys):
        name = (record.interventions or [])[index].name
        message = f"'{name}' repeats interventions[{first}] in type, arms and description"
        yield Hit(("interventions", index, "name"), message)


def _dose_levels(record: TrialRecord) -> Iterator[tuple[Path, Arm, DoseLevel]]:
    for a, arm in enumerate(record.arms or []):
        for d, level in enumerate(arm.dose_levels or []):
            yield ("arms", a, "dose_levels", d), arm, level


def dose_level_unknown_intervention(record: TrialRecord) -> Iterator[Hit]:
    """A dose level names an intervention that is not among its arm's interventions."""
    for path, arm, level in _dose_levels(record):
        allowed = arm.interventions if arm.interventions is not None else _names(record)
        if allowed is not None and level.intervention not in allowed:
            message = f"dose of '{level.intervention}', which arm '{arm.label}' does not give"
            hint = _did_you_mean(level.intervention, allowed)
            yield Hit((*path, "intervention"), message, hint)


def duplicate_dose_level_label(record: TrialRecord) -> Iterator[Hit]:
    """Dose level labels identify dose groups within their arm."""
    for a, arm in enumerate(record.arms or []):
        levels = arm.dose_levels or []
        for index, first in _first_seen([level.label for level in levels]):
            message = f"dose level '{levels[index].label}' is also dose_levels[{first}]"
            yield Hit(("arms", a, "dose_levels", index, "label"), message)


def dose_volume_missing(record: TrialRecord) -> Iterator[Hit]:
    """A PER_VOLUME dose without its volume cannot be compared with other doses."""
    for path, _arm, level in _dose_levels(record):
        if level.dose and level.dose.basis is DoseBasis.PER_VOLUME and level.dose.volume is None:
            yield Hit((*path, "dose", "basis"), "a dose per volume without the volume it is in")


def dose_range_inverted(record: TrialRecord) -> Iterator[Hit]:
    """The high end of a dose range (``max``) is below its low end (``value``)."""
    for path, _arm, level in _dose_levels(record):
        dose = level.dose
        if dose is not None and dose.max is not None and dose.max < dose.value:
            message = f"range maximum {_number(dose.max)} is below its value {_number(dose.value)}"
            yield Hit((*path, "dose", "max"), message)


# --- cell products ----------------------------------------------------------------------------

_CELL_WORDS = re.compile(
    r"(?i:\b(?:stem[- ]?cells?|stromal|mesenchymal|progenitor|exosomes?|vesicles?"
    r"|car[- ]?t\b|cell[- ]?therap\w*|cellular therap\w*|(?:nk|dendritic|mononuclear) cells?))"
    r"|MSC|Exos\b"
)
"""Words that mark a cell or cell-derived product; MSC and Exos match inside codes (hBMMSC)."""


def _cell_products(record: TrialRecord) -> dict[str, Intervention]:
    return {i.name: i for i in record.interventions or [] if i.product is not None}


def cell_product_missing(record: TrialRecord) -> Iterator[Hit]:
    """An intervention marked ``cell_based: true`` does not describe its product."""
    for i, intervention in enumerate(record.interventions or []):
        if intervention.cell_based and intervention.product is None:
            message = f"'{intervention.name}' is cell-based but describes no product"
            yield Hit(("interventions", i, "cell_based"), message)


def cell_product_possibly_missing(record: TrialRecord) -> Iterator[Hit]:
    """An intervention's names look cell-based, yet it has no product and no cell_based flag."""
    for i, intervention in enumerate(record.interventions or []):
        if intervention.cell_based is not None or intervention.product is not None:
            continue
        places: list[tuple[Path, str]] = [(("interventions", i, "name"), intervention.name)]
        places += [
            (("interventions", i, "other_names", k), other)
            for k, other in enumerate(intervention.other_names or [])
        ]
        for path, text in places:
            match = _CELL_WORDS.search(text)
            if match:
                message = (
                    f"'{intervention.name}' looks cell-based ('{match.group()}') but has no product"
                )
                yield Hit(path, message, "describe its product, or set cell_based: false")
                break


def control_arm_given_cell_product(record: TrialRecord) -> Iterator[Hit]:
    """A control arm (placebo, sham, no intervention) gives an intervention that has a product."""
    products = _cell_products(record)
    for a, arm in enumerate(record.arms or []):
        if arm.type not in CONTROL_ARM_TYPES:
            continue
        for j, name in enumerate(arm.interventions or []):
            if name in products:
                message = f"{arm.type} arm '{arm.label}' is given cell product '{name}'"
                yield Hit(("arms", a, "interventions", j), message)


# --- status and dates -------------------------------------------------------------------------


def status_needs_why_stopped(record: TrialRecord) -> Iterator[Hit]:
    """The registry requires a why-stopped text for a stopped study; mirrors often drop it."""
    status = record.status
    if status is not None and status.overall in STOPPED_STATUSES and status.why_stopped is None:
        message = f"status {status.overall} without why_stopped"
        yield Hit(("status", "overall"), message, "add why_stopped as the registry gives it")


def completed_with_estimated_date(record: TrialRecord) -> Iterator[Hit]:
    """A COMPLETED study's completion dates have happened, so they should be ACTUAL."""
    status = record.status
    if status is None or status.overall is not OverallStatus.COMPLETED:
        return
    events: list[tuple[str, DatedEvent | None]] = [
        ("primary_completion", status.primary_completion),
        ("completion", status.completion),
    ]
    for name, event in events:
        if event is not None and event.type is DateType.ESTIMATED:
            message = f"status COMPLETED but {name} date is ESTIMATED"
            yield Hit(("status", name, "type"), message)


def primary_completion_after_completion(record: TrialRecord) -> Iterator[Hit]:
    """Primary completion cannot come after the completion of the whole study."""
    status = record.status
    if status is None or status.primary_completion is None or status.completion is None:
        return
    primary, completion = status.primary_completion.date, status.completion.date
    if compare_dates(primary, completion) == 1:
        message = f"primary completion {primary} is after completion {completion}"
        yield Hit(("status", "primary_completion", "date"), message)


def registered_after_start(record: TrialRecord) -> Iterator[Hit]:
    """The study started before it was first submitted for registration (ICMJE's timing)."""
    registration = registration_timing(record.status)
    if registration is not None and registration.timing is Timing.RETROSPECTIVE:
        hint = "a fact about the trial if the registry gives these dates: acknowledge the warning"
        yield Hit(("status", "start", "date"), registration.describe(), hint)


def registration_timing_unclear(record: TrialRecord) -> Iterator[Hit]:
    """Start and registration dates too imprecise to say if it was registered before it started."""
    registration = registration_timing(record.status)
    if registration is not None and registration.timing is Timing.CANNOT_TELL:
        hint = (
            "a source giving the start's day would tell"
            if registration.basis == "first_submitted"
            else "add status.first_submitted as the registry gives it"
        )
        yield Hit(("status", "start", "date"), registration.describe(), hint)


# --- eligibility and outcomes -----------------------------------------------------------------


def age_range_inverted(record: TrialRecord) -> Iterator[Hit]:
    """The minimum age of eligibility is above the maximum age."""
    eligibility = record.eligibility
    if eligibility is None or not eligibility.minimum_age or not eligibility.maximum_age:
        return
    low, high = eligibility.minimum_age, eligibility.maximum_age
    if age_in_minutes(low) > age_in_minutes(high):
        message = f"minimum age '{low}' is above maximum age '{high}'"
        yield Hit(("eligibility", "minimum_age"), message)


def interventional_without_primary_outcome(record: TrialRecord) -> Iterator[Hit]:
    """An interventional study lists outcomes but no primary outcome (absent outcomes: unknown)."""
    design, outcomes = record.design, record.outcomes
    if design is None or design.study_type is not StudyType.INTERVENTIONAL or outcomes is None:
        return
    if not outcomes.primary:
        path: Path = ("outcomes", "primary") if outcomes.primary is not None else ("outcomes",)
        yield Hit(path, "an interventional study without a primary outcome", key=True)


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
        for index, first in _first_seen(keys):
            message = f"the same measure, time frame and description as {name}[{first}]"
            yield Hit(("outcomes", name, index, "measure"), message)


# --- design -----------------------------------------------------------------------------------


def phase_combination(record: TrialRecord) -> Iterator[Hit]:
    """The registry allows one phase, or PHASE1 and PHASE2, or PHASE2 and PHASE3, in that order."""
    phases = record.design.phases if record.design else None
    if phases is None or len(phases) <= 1 or tuple(phases) in PHASE_COMBINATIONS:
        return
    listed = ", ".join(str(p) for p in phases)
    hint = (
        "a Phase 1/Phase 2 study lists [PHASE1, PHASE2], a Phase 2/Phase 3 study [PHASE2, PHASE3]"
    )
    yield Hit(
        ("design", "phases"), f"[{listed}] is not a phase combination the registry allows", hint
    )


RULES: tuple[Rule, ...] = (
    _rule("arm_unknown_intervention", Severity.ERROR, arm_unknown_intervention),
    _rule("intervention_unknown_arm", Severity.ERROR, intervention_unknown_arm),
    _rule("duplicate_arm_label", Severity.ERROR, duplicate_arm_label),
    _rule("duplicate_intervention_name", Severity.ERROR, duplicate_intervention_name),
    _rule("dose_level_unknown_intervention", Severity.ERROR, dose_level_unknown_intervention),
    _rule("duplicate_dose_level_label", Severity.ERROR, duplicate_dose_level_label),
    _rule("dose_volume_missing", Severity.WARNING, dose_volume_missing),
    _rule("dose_range_inverted", Severity.ERROR, dose_range_inverted),
    _rule("cell_product_missing", Severity.ERROR, cell_product_missing),
    _rule("cell_product_possibly_missing", Severity.WARNING, cell_product_possibly_missing),
    _rule("control_arm_given_cell_product", Severity.ERROR, control_arm_given_cell_product),
    _rule("status_needs_why_stopped", Severity.WARNING, status_needs_why_stopped),
    _rule("completed_with_estimated_date", Severity.WARNING, completed_with_estimated_date),
    _rule(
        "primary_completion_after_completion", Severity.ERROR, primary_completion_after_completion
    ),
    _rule("registered_after_start", Severity.WARNING, registered_after_start),
    _rule("registration_timing_unclear", Severity.WARNING, registration_timing_unclear),
    _rule("age_range_inverted", Severity.ERROR, age_range_inverted),
    _rule(
        "interventional_without_primary_outcome",
        Severity.ERROR,
        interventional_without_primary_outcome,
    ),
    _rule("duplicate_outcome_measure", Severity.ERROR, duplicate_outcome_measure),
    _rule("phase_combination", Severity.ERROR, phase_combination),
)
"""Every rule, in the order they run: the one registry, assembled here rather than by decorators
filling a list at import."""


def check_record(record: TrialRecord) -> Iterator[tuple[Rule, Hit]]:
    """Run every rule on a record that passed the model; yield each rule with each of its hits."""
    for rule in RULES:
        for hit in rule.check(record):
            yield rule, hit
