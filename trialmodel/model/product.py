"""The cell-therapy product, its dose and its regimen: what the registry keeps only as prose."""

from typing import Annotated

from pydantic import Field

from trialmodel.model.base import Identity, Section
from trialmodel.model.car import ChimericAntigenReceptor
from trialmodel.model.characterisation import MscCharacterisation, VesicleCharacterisation
from trialmodel.model.dose import Concentration, PositiveNumber
from trialmodel.model.manufacturing import Manufacturing
from trialmodel.model.types import Age, Lax, PositiveWholeNumber, Text, WholeNumber
from trialmodel.model.vocab import (
    AdministeredForm,
    CellType,
    DonorKinship,
    DonorPooling,
    DonorRelation,
    DoseBasis,
    DoseCounted,
    EscalationDesign,
    HlaMatch,
    InterventionRole,
    Route,
    TimeUnit,
    TissueSource,
)

__all__ = [
    "BackgroundTherapy",
    "CellProduct",
    "Donor",
    "DoseAmount",
    "DoseDesign",
    "DoseLevel",
    "Duration",
    "Regimen",
]


class Duration(Section):
    """A length of time or an interval: a number of a unit, decimals allowed (1.5 HOUR). Follows
    FHIR R5 Timing.repeat's duration and durationUnit, a decimal with a unit of time."""

    follows = "FHIR R5 Timing.repeat.duration (decimal) and durationUnit"

    value: PositiveNumber
    """How many units (2, or 1.5); format 1.x took whole numbers only."""
    unit: Lax[TimeUnit]
    """The unit."""


DONOR_REFERENCE = (
    "FACT-JACIE International Standards for Hematopoietic Cellular Therapy (donor selection, "
    "HLA matching, cell collection) and EU Directive 2006/17/EC (donor screening)"
)


class Harvest(Section):
    """How an autologous product's cells are taken from the patient and how long before they
    are given back, following FACT-JACIE's standards for cell collection."""

    follows = DONOR_REFERENCE

    procedure: Text | None = None
    """The harvest procedure, as written (bone-marrow aspiration from the iliac crest;
    liposuction; leukapheresis)."""
    to_infusion: Duration | None = None
    """Time from harvest to infusion."""


class Donor(Section):
    """The donor of a cell product: the patient or another person, one or several, their age,
    related or not, how well HLA-matched, how screened, and an autologous harvest, following
    FACT-JACIE's standards for donor selection and EU Directive 2006/17/EC on donor screening.
    Format 1.x wrote the relation alone (``donor: ALLOGENEIC``); ``trialmodel migrate`` moves it
    to ``donor.relation``."""

    follows = DONOR_REFERENCE

    relation: Lax[DonorRelation] | None = None
    """Autologous (the patient's own cells) or allogeneic (a donor's)."""
    pooling: Lax[DonorPooling] | None = None
    """Whether a batch comes from one donor or several pooled."""
    donors: PositiveWholeNumber | None = None
    """How many donors a batch comes from, where the source gives it."""
    minimum_age: Age | None = None
    """The youngest donor age the source gives."""
    maximum_age: Age | None = None
    """The oldest donor age the source gives."""
    kinship: Lax[DonorKinship] | None = None
    """Whether an allogeneic donor is related to the patient."""
    hla_match: Lax[HlaMatch] | None = None
    """How the donor's HLA type matches the patient's."""
    screening: Annotated[list[Text], Field(min_length=1)] | None = None
    """How donors are screened, each as written (HIV, HBV, HCV and syphilis negative)."""
    harvest: Harvest | None = None
    """For an autologous product: how the cells are taken, and how long before infusion."""
    description: Text | None = None
    """What the sources say of the donor, in their words (healthy donors)."""


class CellProduct(Section):
    """The cell-based product an intervention gives: what it is, how it is shown to be so
    (ISCT's criteria for MSCs, MISEV's for vesicles), how it is made, whom it comes from, and
    the CAR its cells carry. Described once, in the record's ``products``; the interventions that
    give it refer to it by name."""

    identity = Identity((("name",),), names=("name",))

    name: Text
    """Product name or code as the sponsor writes it (hBMMSC, CG-BM1, haMPC-Exos)."""
    code: Text | None = None
    """The sponsor's product code, where the name is another (MSC-100-IV for Prochymal)."""
    inn: Text | None = None
    """International Nonproprietary Name (WHO INN) of the product (remestemcel-L)."""
    cell_type: Lax[CellType] | None = None
    """Kind of cell the product is made of or derived from."""
    derived_from: Lax[CellType] | None = None
    """The kind of cell the product's cells were made from, where it is another
    (INDUCED_PLURIPOTENT_STEM_CELL for an iPSC-derived MSC)."""
    tissue_source: Lax[TissueSource] | None = None
    """Tissue the cells were taken from."""
    donor: Donor | None = None
    """Whom the cells come from: the patient (autologous) or a donor (allogeneic), and, for a
    donor, one or pooled, age, kinship, HLA match, screening; for the patient, the harvest."""
    administered_form: Lax[AdministeredForm] | None = None
    """Living cells, or a cell-derived product such as extracellular vesicles."""
    excipients: list[Text] | None = None
    """Excipients the sources name (DMSO, human albumin), as written."""
    characterisation: MscCharacterisation | None = None
    """How the cells meet ISCT's minimal criteria for MSCs, as the sources state it."""
    vesicles: VesicleCharacterisation | None = None
    """For extracellular vesicles: their source material, separation and quantification."""
    manufacturing: Manufacturing | None = None
    """How the product is made, preserved and released, and where."""
    car: ChimericAntigenReceptor | None = None
    """The chimeric antigen receptor, for a CAR-T or CAR-NK product."""
    description: Text | None = None
    """What the sources say of the product, in their words."""


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
