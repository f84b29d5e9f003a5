"""The cell-therapy product, its dose and its regimen: what the registry keeps only as prose."""

from __future__ import annotations

from trialmodel.model.base import Identity, Section
from trialmodel.model.dose import Concentration, PositiveNumber
from trialmodel.model.types import Lax, PositiveWholeNumber, Text, WholeNumber
from trialmodel.model.vocab import (
    AdministeredForm,
    CellType,
    DonorRelation,
    DoseBasis,
    DoseCounted,
    EscalationDesign,
    InterventionRole,
    Route,
    TimeUnit,
    TissueSource,
)


class CellProduct(Section):
    """The cell-based product an intervention gives."""

    name: Text
    """Product name or code as the sponsor writes it (hBMMSC, CG-BM1, haMPC-Exos)."""
    cell_type: Lax[CellType] | None = None
    """Kind of cell the product is made of or derived from."""
    tissue_source: Lax[TissueSource] | None = None
    """Tissue the cells were taken from."""
    donor: Lax[DonorRelation] | None = None
    """Autologous (the patient's own cells) or allogeneic (a donor's)."""
    administered_form: Lax[AdministeredForm] | None = None
    """Living cells, or a cell-derived product such as extracellular vesicles."""
    excipients: list[Text] | None = None
    """Excipients the sources name (DMSO, human albumin), as written."""
    description: Text | None = None
    """What the sources say of the product, in their words."""


class Duration(Section):
    """A length of time or an interval: a number of a unit, decimals allowed (1.5 HOUR). Follows
    FHIR R5 Timing.repeat's duration and durationUnit, a decimal with a unit of time."""

    follows = "FHIR R5 Timing.repeat.duration (decimal) and durationUnit"

    value: PositiveNumber
    """How many units (2, or 1.5); format 1.x took whole numbers only."""
    unit: Lax[TimeUnit]
    """The unit."""


class Volume(Section):
    """A volume in millilitres."""

    ml: PositiveNumber
    """Millilitres."""


class DoseAmount(Section):
    """A dose as a number with a unit that says what is counted and per what."""

    value: PositiveNumber
    """The dose, or the low end of a range (1.0e+6 for 1.0×10^6)."""
    max: PositiveNumber | None = None
    """High end of a range (0.5–1×10^6/kg has value 5.0e+5 and max 1.0e+6)."""
    counted: Lax[DoseCounted]
    """What the number counts (which cells, where the source says)."""
    basis: Lax[DoseBasis]
    """What the number is counted per: kg of body weight, m² of body surface, or a fixed amount
    per administration."""
    cap: PositiveNumber | None = None
    """The most given at once whatever the participant's size, in what ``counted`` counts: a
    per-kg or per-m² dose's ceiling (2×10^6 cells/kg, at most 2×10^8 cells: cap 2.0e+8). Like
    FHIR R5's Dosage.maxDosePerAdministration."""
    volume: Volume | None = None
    """The volume the dose is given in (8×10^8 vesicles in 3 mL)."""
    as_written: Text | None = None
    """The dose as the source wrote it, mangled superscripts repaired."""


class Regimen(Section):
    """How a dose is given."""

    route: Lax[Route] | None = None
    """Route of administration."""
    administrations: PositiveWholeNumber | None = None
    """Number of administrations in one course."""
    interval: Duration | None = None
    """Time between administrations within a course."""
    course_repeat_every: Duration | None = None
    """Time between courses, when the course is repeated."""
    course_repeat_for: Duration | None = None
    """How long courses keep being repeated."""
    schedule: Text | None = None
    """The schedule as the source gives it (Days 0, 7, 14 and 21)."""
    infusion_duration: Duration | None = None
    """How long one administration runs, for an infusion (30 MINUTE)."""


class DoseLevel(Section):
    """One dose group of an arm: a dose of one intervention, how it is given, to how many."""

    identity = Identity((("label",),), names=("label",))

    label: Text
    """Name of the dose group, unique within its arm (low dose, Dose level 1)."""
    intervention: Text
    """Name of the intervention this dose is of; must be one of the arm's interventions."""
    dose: DoseAmount | None = None
    """The dose given at one administration; absent when it is still to be determined or no
    source gives it."""
    concentration: Concentration | None = None
    """How concentrated the preparation given is, where the source states it apart from the
    dose."""
    cumulative_dose: DoseAmount | None = None
    """The total over all administrations of the course, where the source states it."""
    to_be_determined: bool = False
    """True when the dose is still to be chosen (a recommended phase 2 dose)."""
    regimen: Regimen | None = None
    """How the dose is given."""
    planned_participants: WholeNumber | None = None
    """Participants planned for this dose group, where a source gives it."""


class BackgroundTherapy(Section):
    """A therapy given besides the interventions under study: to every participant, or, where
    ``arms`` names them, to the participants of those arms only (a co-treatment)."""

    identity = Identity((("name",),), names=("name",))

    name: Text
    """Name of the therapy (celecoxib)."""
    dose: Text | None = None
    """Dose as written (0.2 g)."""
    route: Lax[Route] | None = None
    """Route of administration."""
    frequency: Text | None = None
    """How often it is given (once daily)."""
    arms: list[Text] | None = None
    """Labels of the arms whose participants get it, when not every participant does; absent
    means every participant (or no source says otherwise)."""
    role: Lax[InterventionRole] | None = None
    """What the therapy is for (BACKGROUND, PRE_MEDICATION, CONDITIONING, RESCUE), after CDISC
    USDM's StudyIntervention.role."""


class DoseDesign(Section):
    """How the doses of an arm are assigned."""

    escalation: Lax[EscalationDesign] | None = None
    """Escalation scheme of a dose-escalation arm."""
    description: Text | None = None
    """The design in the source's words."""
