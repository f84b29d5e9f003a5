"""Rules about the study design: phases the registry allows together, a primary outcome for
an interventional study, and the parts of a study run in parts."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.record import DesignPart, TrialRecord
from trialmodel.model.vocab import (
    PHASE_COMBINATIONS,
    Masking,
    StudyType,
)
from trialmodel.validation.rules.base import (
    Hit,
    Path,
    arm_labels,
    did_you_mean,
    first_seen,
)

__all__ = [
    "design_part_masked_without_who",
    "design_part_open_with_who_masked",
    "design_part_phase_outside_study",
    "design_part_unknown_arm",
    "duplicate_design_part_label",
    "interventional_without_primary_outcome",
    "phase_combination",
]


def interventional_without_primary_outcome(record: TrialRecord) -> Iterator[Hit]:
    """An interventional study lists outcomes but no primary outcome (absent outcomes: unknown)."""
    design, outcomes = record.design, record.outcomes
    if design is None or design.study_type is not StudyType.INTERVENTIONAL or outcomes is None:
        return
    if not outcomes.primary:
        path: Path = ("outcomes", "primary") if outcomes.primary is not None else ("outcomes",)
        yield Hit(path, "an interventional study without a primary outcome", key=True)


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


# --- a study run in parts -----------------------------------------------------------------------


def _parts(record: TrialRecord) -> list[DesignPart]:
    return (record.design.parts if record.design else None) or []


def duplicate_design_part_label(record: TrialRecord) -> Iterator[Hit]:
    """Design part labels identify the parts, so each must be unique."""
    parts = _parts(record)
    for index, first in first_seen([part.label for part in parts]):
        message = f"part label '{parts[index].label}' is also the label of design.parts[{first}]"
        yield Hit(("design", "parts", index, "label"), message)


def design_part_unknown_arm(record: TrialRecord) -> Iterator[Hit]:
    """A design part names an arm label that ``arms`` does not list."""
    labels = arm_labels(record)
    if labels is None:
        return
    for p, part in enumerate(_parts(record)):
        for j, label in enumerate(part.arms or []):
            if label not in labels:
                message = f"part '{part.label}' names arm '{label}', which is not listed"
                yield Hit(("design", "parts", p, "arms", j), message, did_you_mean(label, labels))


def design_part_phase_outside_study(record: TrialRecord) -> Iterator[Hit]:
    """A design part's phase is not among the study's phases (``design.phases``)."""
    study = record.design.phases if record.design else None
    if study is None:
        return
    listed = ", ".join(str(p) for p in study)
    for p, part in enumerate(_parts(record)):
        for j, phase in enumerate(part.phases or []):
            if phase not in study:
                message = (
                    f"part '{part.label}' is {phase}, which the study's phases [{listed}] omit"
                )
                hint = (
                    "add the phase to design.phases if the registry lists it; if it does not, "
                    "acknowledge this finding with the reason"
                )
                yield Hit(("design", "parts", p, "phases", j), message, hint)


def design_part_masked_without_who(record: TrialRecord) -> Iterator[Hit]:
    """A masked design part does not say who is masked (``masking.who_masked``)."""
    for p, part in enumerate(_parts(record)):
        masking = part.masking
        if masking is None or masking.masking is Masking.NONE or masking.who_masked:
            continue
        message = f"part '{part.label}' is masked ({masking.masking}) but does not say who is"
        hint = (
            "list who is masked (PARTICIPANT, CARE_PROVIDER, INVESTIGATOR, OUTCOMES_ASSESSOR); "
            "if no source says, acknowledge this finding"
        )
        yield Hit(("design", "parts", p, "masking"), message, hint, key=True)


def design_part_open_with_who_masked(record: TrialRecord) -> Iterator[Hit]:
    """An open-label design part (masking NONE) lists who is masked."""
    for p, part in enumerate(_parts(record)):
        masking = part.masking
        if masking is not None and masking.masking is Masking.NONE and masking.who_masked:
            message = f"part '{part.label}' is open-label (NONE) but lists who is masked"
            yield Hit(("design", "parts", p, "masking", "who_masked"), message, key=True)
