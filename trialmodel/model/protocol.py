"""The protocol's design, eligibility and oversight sections of a record.

Enumerations use the registry's spellings (``trialmodel.model.vocab``); fields for observational
studies and the registry's FDA and data-sharing details sit beside the interventional ones.
"""

from typing import Annotated

from pydantic import Field

from trialmodel.model.base import Identity, Section
from trialmodel.model.registry import BioSpec, ExpandedAccessTypes
from trialmodel.model.types import Age, Lax, PartialDate, Text, WholeNumber
from trialmodel.model.vocab import (
    Allocation,
    DateType,
    EthicsStatus,
    InterventionModel,
    IpdInfoType,
    IpdSharing,
    Masking,
    ObservationalModel,
    Phase,
    PrimaryPurpose,
    SamplingMethod,
    Sex,
    StdAge,
    StudyType,
    TimePerspective,
    WhoMasked,
)

__all__ = [
    "Design",
    "DesignPart",
    "Eligibility",
    "Enrollment",
    "EthicsReview",
    "MaskingInfo",
    "Oversight",
]

TextList = Annotated[list[Text], Field(min_length=1)]


class MaskingInfo(Section):
    """Blinding."""

    masking: Lax[Masking]
    """Level of blinding."""
    who_masked: list[Lax[WhoMasked]] | None = None
    """Parties kept unaware of the assignment."""
    description: Text | None = None
    """Masking in the source's words."""


class Enrollment(Section):
    """Sample size (WHO item 17)."""

    count: WholeNumber
    """Number of participants."""
    type: Lax[DateType] | None = None
    """ACTUAL once enrollment is over, ESTIMATED before; absent where the source does not say."""


class DesignPart(Section):
    """One part of a study run in parts: a seamless phase 1/2's dose escalation, then its
    randomised expansion, each with its own phase, allocation, masking and arms.

    Follows CDISC USDM, where a study version holds several study designs
    (``StudyVersion.studyDesigns``), each an ``InterventionalStudyDesign`` with its own name and
    label, ``studyPhase``, ``model``, ``blindingSchema`` and ``arms``. The study-level design
    stays what the registry lists; the parts are the curator's reading of the source.
    """

    follows = (
        "CDISC USDM InterventionalStudyDesign (one of StudyVersion.studyDesigns: label, "
        "studyPhase, model, blindingSchema, arms)"
    )
    identity = Identity((("label",),), names=("label",))

    label: Text
    """The part's name, unique in the record, as the source calls it ("Phase 1
    (dose-escalation)"); USDM's StudyDesign.label."""
    phases: Annotated[list[Lax[Phase]], Field(min_length=1)] | None = None
    """The phase or phases of this part; each is normally one of the study's phases."""
    allocation: Lax[Allocation] | None = None
    """How participants of this part are assigned to its arms."""
    intervention_model: Lax[InterventionModel] | None = None
    """The part's interventional model (USDM's InterventionalStudyDesign.model)."""
    masking: MaskingInfo | None = None
    """Blinding in this part, and who is masked (USDM's blindingSchema)."""
    arms: Annotated[list[Text], Field(min_length=1)] | None = None
    """Labels of the record's arms that belong to this part."""
    enrollment: Enrollment | None = None
    """The participants planned (or enrolled) in this part, where the source gives them."""
    description: Text | None = None
    """The part in the source's words."""


class Design(Section):
    """Study design (WHO item 15)."""

    curated = frozenset({"parts"})

    study_type: Lax[StudyType] | None = None
    """Interventional, observational or expanded access."""
    phases: Annotated[list[Lax[Phase]], Field(min_length=1)] | None = None
    """Phases; a Phase 1/Phase 2 study lists both."""
    allocation: Lax[Allocation] | None = None
    """How participants are assigned to arms."""
    intervention_model: Lax[InterventionModel] | None = None
    """Interventional study model."""
    intervention_model_description: Text | None = None
    """The model in the source's words."""
    masking: MaskingInfo | None = None
    """Blinding."""
    primary_purpose: Lax[PrimaryPurpose] | None = None
    """Main objective."""
    enrollment: Enrollment | None = None
    """Sample size."""
    observational_model: Lax[ObservationalModel] | None = None
    """Observational study model."""
    time_perspective: Lax[TimePerspective] | None = None
    """When an observational study's data are collected."""
    bio_spec: BioSpec | None = None
    """Biospecimens an observational study keeps."""
    patient_registry: bool | None = None
    """True for an observational study that is a patient registry."""
    target_duration: Text | None = None
    """How long a patient registry follows each participant (12 Months)."""
    expanded_access_types: ExpandedAccessTypes | None = None
    """For an expanded-access record, which kinds of access it offers."""
    parts: Annotated[list[DesignPart], Field(min_length=1)] | None = None
    """The parts of a study run in parts (a phase 1 escalation, then a phase 2 expansion), each
    with its own design; the fields above stay the study-level design the registry lists."""


class Eligibility(Section):
    """Who may take part (WHO item 14)."""

    inclusion: TextList | None = None
    """Inclusion criteria, one a string."""
    exclusion: TextList | None = None
    """Exclusion criteria, one a string."""
    sex: Lax[Sex] | None = None
    """Sexes eligible."""
    minimum_age: Age | None = None
    """Minimum age, registry format."""
    maximum_age: Age | None = None
    """Maximum age, registry format."""
    std_ages: list[Lax[StdAge]] | None = None
    """Registry age groups."""
    healthy_volunteers: bool | None = None
    """Whether healthy volunteers are accepted."""
    criteria: Text | None = None
    """The criteria text exactly as the source gives it, kept where it cannot be split into
    inclusion and exclusion lists."""
    gender_based: bool | None = None
    """True when eligibility is based on gender identity rather than sex."""
    gender_description: Text | None = None
    """Eligibility by gender in the source's words."""
    study_population: Text | None = None
    """The population an observational study draws from."""
    sampling_method: Lax[SamplingMethod] | None = None
    """How an observational study samples its population."""


class EthicsReview(Section):
    """An ethics committee's review (WHO item 21)."""

    identity = Identity((("committee",),), names=("committee",))

    committee: Text
    """Name of the committee."""
    status: Lax[EthicsStatus] | None = None
    """Outcome of the review."""
    approval_date: PartialDate | None = None
    """Date of approval."""


class Oversight(Section):
    """Oversight and data sharing (WHO items 21, 24)."""

    curated = frozenset({"ethics_reviews"})

    ethics_reviews: list[EthicsReview] | None = None
    """Ethics reviews."""
    has_dmc: bool | None = None
    """Whether a data monitoring committee is appointed."""
    ipd_sharing: Lax[IpdSharing] | None = None
    """Whether individual participant data will be shared."""
    ipd_sharing_description: Text | None = None
    """The data-sharing plan."""
    ipd_sharing_info_types: list[Lax[IpdInfoType]] | None = None
    """Documents shared with the data."""
    ipd_sharing_time_frame: Text | None = None
    """When the data become available, and for how long."""
    ipd_sharing_access_criteria: Text | None = None
    """Who may have the data, and how to ask."""
    ipd_sharing_url: Text | None = None
    """Where the data are shared."""
    fda_regulated_drug: bool | None = None
    """The study tests a drug product regulated by the US FDA."""
    fda_regulated_device: bool | None = None
    """The study tests a device product regulated by the US FDA."""
    unapproved_device: bool | None = None
    """The device tested is not yet approved or cleared by the US FDA."""
    ppsd: bool | None = None
    """The device is a pediatric postmarket surveillance device."""
    us_export: bool | None = None
    """The product is made in and exported from the United States."""
    fdaaa801_violation: bool | None = None
    """The registry flags a violation of FDAAA section 801 reporting."""
