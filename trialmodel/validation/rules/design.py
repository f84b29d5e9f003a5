"""Rules about the study design: phases the registry allows together, and a primary outcome for
an interventional study."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.record import TrialRecord
from trialmodel.model.vocab import (
    PHASE_COMBINATIONS,
    StudyType,
)
from trialmodel.validation.rules.base import (
    Hit,
    Path,
)


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
