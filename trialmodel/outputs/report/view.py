"""A trial as the report shows it: plain values for the templates, built from the record.

Nothing here formats HTML; the templates escape every value. Numbers in powers of ten are written
as people write doses (2×10^8), and a value no source gives is left out, never shown as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from trialmodel.changes import POSSIBLE_OUTCOME_SWITCHING, RETROACTIVE_REGISTRATION, Change
from trialmodel.model.dose import Concentration
from trialmodel.model.identifiers import file_stem
from trialmodel.model.product import BackgroundTherapy, DoseAmount, DoseLevel, Duration, Regimen
from trialmodel.model.record import DatedEvent, TrialRecord
from trialmodel.model.vocab import DoseBasis
from trialmodel.outputs.collect import TrialHistory

__all__ = [
    "FLAG_LABELS",
    "REGISTRY_URL",
    "Summary",
    "dated",
    "dose_text",
    "level_extras",
    "number",
    "regimen_text",
    "steps",
    "summary",
    "therapy_text",
    "words",
]

FLAG_LABELS = {
    POSSIBLE_OUTCOME_SWITCHING: "possible outcome switching",
    RETROACTIVE_REGISTRATION: "retroactive registration",
}
"""The flags the report marks, in words."""

REGISTRY_URL = "https://clinicaltrials.gov/study/"


def words(value: object) -> str:
    """A registry code in words: PER_KG_BODY_WEIGHT -> per kg body weight."""
    text = value.value if isinstance(value, Enum) else str(value)
    return text.replace("_", " ").lower() if text.isupper() else text


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def number(value: float) -> str:
    """A dose number as people write it: 2×10⁸, 5×10⁵, 1.5×10⁶; small numbers plainly."""
    if value < 10_000:
        return f"{value:g}"
    mantissa, exponent = f"{value:.3e}".split("e")
    shown = mantissa.rstrip("0").rstrip(".")
    return f"{shown}×10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def dose_text(dose: DoseAmount | None, to_be_determined: bool) -> str:
    """The dose in words; the source's own wording follows where it differs."""
    if dose is None:
        return "to be determined" if to_be_determined else "not given"
    amount = number(dose.value) + (f"–{number(dose.max)}" if dose.max is not None else "")
    text = f"{amount} {words(dose.counted)} {words(dose.basis)}"
    if dose.cap is not None:
        text += f", at most {number(dose.cap)}"
    if dose.volume is not None:
        text += f" in {dose.volume.ml:g} mL"
    return text


def _concentration_text(amount: Concentration) -> str:
    value = number(amount.value) + (f"–{number(amount.max)}" if amount.max is not None else "")
    return f"concentration {value} {words(amount.counted)} per {amount.per_ml:g} mL"


def level_extras(level: DoseLevel) -> str:
    """A dose level's concentration and cumulative dose in words, where given."""
    parts = [_concentration_text(level.concentration)] if level.concentration else []
    total = level.cumulative_dose
    if total is not None:
        text = dose_text(total, False)
        if (
            total.basis is DoseBasis.PER_ADMINISTRATION
        ):  # a fixed total: "per administration" misleads
            text = text.replace(f" {words(total.basis)}", "", 1)
        parts.append(f"in total {text}")
    return "; ".join(parts)


def therapy_text(therapy: BackgroundTherapy) -> str:
    """A therapy given besides those under study: what, how, for what and in which arms."""
    parts = [therapy.name, therapy.dose, words(therapy.route) if therapy.route else None]
    parts += [therapy.frequency, words(therapy.role) if therapy.role else None]
    if therapy.arms is not None:
        parts.append("in " + ", ".join(therapy.arms))
    return ", ".join(p for p in parts if p)


def _duration(value: Duration) -> str:
    unit = words(value.unit)
    return f"{value.value:g} {unit}{'s' if value.value != 1 else ''}"


def regimen_text(regimen: Regimen | None) -> str:
    """Route, number of administrations, interval and course repeats, as far as given."""
    if regimen is None:
        return ""
    parts = [words(regimen.route)] if regimen.route is not None else []
    if regimen.administrations is not None:
        parts.append(f"{regimen.administrations} administration(s)")
    if regimen.interval is not None:
        parts.append(f"{_duration(regimen.interval)} apart")
    if regimen.course_repeat_every is not None:
        parts.append(f"course repeated every {_duration(regimen.course_repeat_every)}")
    if regimen.course_repeat_for is not None:
        parts.append(f"for {_duration(regimen.course_repeat_for)}")
    if regimen.schedule is not None:
        parts.append(f"schedule: {regimen.schedule}")
    if regimen.infusion_duration is not None:
        parts.append(f"each infusion over {_duration(regimen.infusion_duration)}")
    return "; ".join(parts)


def dated(event: DatedEvent | None) -> str:
    """A registry date with its type: 2021-07-27 (actual)."""
    if event is None:
        return ""
    return event.date + (f" ({words(event.type)})" if event.type is not None else "")


@dataclass(frozen=True, slots=True)
class Step:
    """The changes from one version to the next."""

    old: str
    new: str
    changes: tuple[Change, ...]

    @property
    def weighty(self) -> list[Change]:
        """The major changes, then the minor ones, record order kept within each."""
        return [c for level in ("major", "minor") for c in self.changes if c.significance == level]

    @property
    def info(self) -> list[Change]:
        """The changes of significance info."""
        return [c for c in self.changes if c.significance == "info"]


@dataclass(frozen=True, slots=True)
class Summary:
    """One row of the index."""

    trial_id: str
    """The record id (its primary registration's id, else its NCT id)."""
    page: str
    """The trial page's file name without ``.html``: the id's file stem."""
    nct_id: str | None
    """The NCT id, for the link to ClinicalTrials.gov; None for a trial registered elsewhere."""
    title: str
    status: str
    phases: str
    cell_types: str
    enrollment: str
    enrollment_count: int
    versions: int
    changes: int
    major: int
    last_change: str
    flags: tuple[str, ...] = field(default=())


def version_name(trial: TrialHistory, index: int) -> str:
    """``v2 · 2022-04-20``: a version's number and date."""
    return f"v{index + 1} · {trial.versions[index].ref.date or 'undated'}"


def steps(trial: TrialHistory) -> list[Step]:
    """The changes between consecutive versions, newest first."""
    out = [
        Step(version_name(trial, i), version_name(trial, i + 1), changes)
        for i, changes in enumerate(trial.steps)
    ]
    return out[::-1]


def summary(trial: TrialHistory) -> Summary:
    """The index row of a trial."""
    record = trial.current
    design = record.design
    enrollment = design.enrollment if design else None
    changes = [c for step in trial.steps for c in step]
    changed = [i for i, step in enumerate(trial.steps) if step]
    last = trial.versions[changed[-1] + 1].ref.date or "undated" if changed else ""
    return Summary(
        trial_id=trial.trial_id,
        page=file_stem(trial.trial_id),
        nct_id=record.identification.nct_id,
        title=record.identification.brief_title or record.identification.official_title or "",
        status=record.status.overall.value if record.status else "",
        phases=", ".join(p.value for p in design.phases or []) if design else "",
        cell_types=", ".join(sorted(cell_types(record))),
        enrollment=f"{enrollment.count} {words(enrollment.type or '')}".strip()
        if enrollment
        else "",
        enrollment_count=enrollment.count if enrollment else -1,
        versions=len(trial.versions),
        changes=len(changes),
        major=sum(1 for c in changes if c.significance.value == "major"),
        last_change=last,
        flags=tuple(sorted({FLAG_LABELS.get(f, f) for c in changes for f in c.flags})),
    )


def cell_types(record: TrialRecord) -> set[str]:
    """The cell types of the record's cell products, in words."""
    return {words(p.cell_type) for p in record.products or [] if p.cell_type is not None}
