"""Registry vocabularies, spelt as the ClinicalTrials.gov API v2 spells them."""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = [
    "CONTROL_ARM_TYPES",
    "PHASE_COMBINATIONS",
    "STOPPED_STATUSES",
    "AgencyClass",
    "AgreementRestrictionType",
    "Allocation",
    "ArmType",
    "BioSpecRetention",
    "ContactRole",
    "DateType",
    "EthicsStatus",
    "ExpandedAccessStatus",
    "InterventionModel",
    "InterventionType",
    "IpdInfoType",
    "IpdSharing",
    "Masking",
    "MeasureParam",
    "ObservationalModel",
    "OfficialRole",
    "OrgStudyIdType",
    "OutcomeMeasureType",
    "OverallStatus",
    "Phase",
    "PrimaryPurpose",
    "ReferenceType",
    "ReportingStatus",
    "ResponsiblePartyType",
    "SamplingMethod",
    "SecondaryIdType",
    "Sex",
    "SiteStatus",
    "StdAge",
    "StudyType",
    "TimePerspective",
    "UnpostedEventType",
    "ViolationEventType",
    "WhoMasked",
]


class OverallStatus(Vocab):
    """Recruitment status of the study as a whole (registry ``overallStatus``)."""

    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    RECRUITING = "RECRUITING"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    COMPLETED = "COMPLETED"
    WITHDRAWN = "WITHDRAWN"
    UNKNOWN = "UNKNOWN"
    AVAILABLE = "AVAILABLE"
    NO_LONGER_AVAILABLE = "NO_LONGER_AVAILABLE"
    TEMPORARILY_NOT_AVAILABLE = "TEMPORARILY_NOT_AVAILABLE"
    APPROVED_FOR_MARKETING = "APPROVED_FOR_MARKETING"
    WITHHELD = "WITHHELD"


STOPPED_STATUSES = frozenset(
    {OverallStatus.SUSPENDED, OverallStatus.TERMINATED, OverallStatus.WITHDRAWN}
)
"""Statuses for which the registry requires a why-stopped text."""


class SiteStatus(Vocab):
    """Recruitment status of one site (the first nine overall statuses)."""

    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    RECRUITING = "RECRUITING"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    COMPLETED = "COMPLETED"
    WITHDRAWN = "WITHDRAWN"
    UNKNOWN = "UNKNOWN"


class DateType(Vocab):
    """Whether a date (or an enrollment count) has happened or is planned."""

    ACTUAL = "ACTUAL"
    ESTIMATED = "ESTIMATED"


class Phase(Vocab):
    """Trial phase; a Phase 1/Phase 2 study lists two phases."""

    NA = "NA"
    EARLY_PHASE1 = "EARLY_PHASE1"
    PHASE1 = "PHASE1"
    PHASE2 = "PHASE2"
    PHASE3 = "PHASE3"
    PHASE4 = "PHASE4"


PHASE_COMBINATIONS = frozenset({(Phase.PHASE1, Phase.PHASE2), (Phase.PHASE2, Phase.PHASE3)})
"""The lists of several phases the registry allows, in its order; any one phase alone is allowed."""


class StudyType(Vocab):
    """Registry study type."""

    INTERVENTIONAL = "INTERVENTIONAL"
    OBSERVATIONAL = "OBSERVATIONAL"
    EXPANDED_ACCESS = "EXPANDED_ACCESS"


class Allocation(Vocab):
    """How participants are assigned to arms."""

    RANDOMIZED = "RANDOMIZED"
    NON_RANDOMIZED = "NON_RANDOMIZED"
    NA = "NA"


class InterventionModel(Vocab):
    """Interventional study model."""

    SINGLE_GROUP = "SINGLE_GROUP"
    PARALLEL = "PARALLEL"
    CROSSOVER = "CROSSOVER"
    FACTORIAL = "FACTORIAL"
    SEQUENTIAL = "SEQUENTIAL"


class PrimaryPurpose(Vocab):
    """Main objective of an interventional study."""

    TREATMENT = "TREATMENT"
    PREVENTION = "PREVENTION"
    DIAGNOSTIC = "DIAGNOSTIC"
    ECT = "ECT"
    SUPPORTIVE_CARE = "SUPPORTIVE_CARE"
    SCREENING = "SCREENING"
    HEALTH_SERVICES_RESEARCH = "HEALTH_SERVICES_RESEARCH"
    BASIC_SCIENCE = "BASIC_SCIENCE"
    DEVICE_FEASIBILITY = "DEVICE_FEASIBILITY"
    OTHER = "OTHER"


class Masking(Vocab):
    """Level of blinding."""

    NONE = "NONE"
    SINGLE = "SINGLE"
    DOUBLE = "DOUBLE"
    TRIPLE = "TRIPLE"
    QUADRUPLE = "QUADRUPLE"


class WhoMasked(Vocab):
    """A party kept unaware of the assignment."""

    PARTICIPANT = "PARTICIPANT"
    CARE_PROVIDER = "CARE_PROVIDER"
    INVESTIGATOR = "INVESTIGATOR"
    OUTCOMES_ASSESSOR = "OUTCOMES_ASSESSOR"


class ArmType(Vocab):
    """Registry arm group type."""

    EXPERIMENTAL = "EXPERIMENTAL"
    ACTIVE_COMPARATOR = "ACTIVE_COMPARATOR"
    PLACEBO_COMPARATOR = "PLACEBO_COMPARATOR"
    SHAM_COMPARATOR = "SHAM_COMPARATOR"
    NO_INTERVENTION = "NO_INTERVENTION"
    OTHER = "OTHER"


CONTROL_ARM_TYPES = frozenset(
    {ArmType.PLACEBO_COMPARATOR, ArmType.SHAM_COMPARATOR, ArmType.NO_INTERVENTION}
)
"""Arm types that must not be given the investigational cell product."""


class InterventionType(Vocab):
    """Registry intervention type (an MSC product is filed as DRUG or BIOLOGICAL)."""

    BEHAVIORAL = "BEHAVIORAL"
    BIOLOGICAL = "BIOLOGICAL"
    COMBINATION_PRODUCT = "COMBINATION_PRODUCT"
    DEVICE = "DEVICE"
    DIAGNOSTIC_TEST = "DIAGNOSTIC_TEST"
    DIETARY_SUPPLEMENT = "DIETARY_SUPPLEMENT"
    DRUG = "DRUG"
    GENETIC = "GENETIC"
    PROCEDURE = "PROCEDURE"
    RADIATION = "RADIATION"
    OTHER = "OTHER"


class Sex(Vocab):
    """Sexes eligible."""

    FEMALE = "FEMALE"
    MALE = "MALE"
    ALL = "ALL"


class StdAge(Vocab):
    """Registry age group."""

    CHILD = "CHILD"
    ADULT = "ADULT"
    OLDER_ADULT = "OLDER_ADULT"


class AgencyClass(Vocab):
    """Kind of organisation of a sponsor or collaborator."""

    NIH = "NIH"
    FED = "FED"
    OTHER_GOV = "OTHER_GOV"
    INDIV = "INDIV"
    INDUSTRY = "INDUSTRY"
    NETWORK = "NETWORK"
    AMBIG = "AMBIG"
    OTHER = "OTHER"
    UNKNOWN = "UNKNOWN"


class ResponsiblePartyType(Vocab):
    """Who is responsible for the registry entry."""

    SPONSOR = "SPONSOR"
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    SPONSOR_INVESTIGATOR = "SPONSOR_INVESTIGATOR"


class SecondaryIdType(Vocab):
    """Kind of a secondary identifier (REGISTRY for another WHO-network registry's id)."""

    NIH = "NIH"
    FDA = "FDA"
    VA = "VA"
    CDC = "CDC"
    AHRQ = "AHRQ"
    SAMHSA = "SAMHSA"
    OTHER_GRANT = "OTHER_GRANT"
    EUDRACT_NUMBER = "EUDRACT_NUMBER"
    CTIS = "CTIS"
    REGISTRY = "REGISTRY"
    OTHER = "OTHER"


class OfficialRole(Vocab):
    """Role of an overall official."""

    STUDY_CHAIR = "STUDY_CHAIR"
    STUDY_DIRECTOR = "STUDY_DIRECTOR"
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    SUB_INVESTIGATOR = "SUB_INVESTIGATOR"


class ContactRole(Vocab):
    """Role of a contact person (registry central and site contacts)."""

    STUDY_CHAIR = "STUDY_CHAIR"
    STUDY_DIRECTOR = "STUDY_DIRECTOR"
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    SUB_INVESTIGATOR = "SUB_INVESTIGATOR"
    CONTACT = "CONTACT"


class IpdSharing(Vocab):
    """Whether individual participant data will be shared."""

    YES = "YES"
    NO = "NO"
    UNDECIDED = "UNDECIDED"


class EthicsStatus(Vocab):
    """Outcome of an ethics review (WHO data set item 22)."""

    APPROVED = "APPROVED"
    NOT_APPROVED = "NOT_APPROVED"
    PENDING = "PENDING"
    NOT_REQUIRED = "NOT_REQUIRED"


class OrgStudyIdType(Vocab):
    """Kind of the sponsor's own study identifier, where it is a grant or an agency's number."""

    NIH = "NIH"
    FDA = "FDA"
    VA = "VA"
    CDC = "CDC"
    AHRQ = "AHRQ"
    SAMHSA = "SAMHSA"


class ExpandedAccessStatus(Vocab):
    """Status of a related expanded-access record (registry ``statusForNctId``)."""

    AVAILABLE = "AVAILABLE"
    NO_LONGER_AVAILABLE = "NO_LONGER_AVAILABLE"
    TEMPORARILY_NOT_AVAILABLE = "TEMPORARILY_NOT_AVAILABLE"
    APPROVED_FOR_MARKETING = "APPROVED_FOR_MARKETING"


class ObservationalModel(Vocab):
    """Observational study model."""

    COHORT = "COHORT"
    CASE_CONTROL = "CASE_CONTROL"
    CASE_ONLY = "CASE_ONLY"
    CASE_CROSSOVER = "CASE_CROSSOVER"
    ECOLOGIC_OR_COMMUNITY = "ECOLOGIC_OR_COMMUNITY"
    FAMILY_BASED = "FAMILY_BASED"
    DEFINED_POPULATION = "DEFINED_POPULATION"
    NATURAL_HISTORY = "NATURAL_HISTORY"
    OTHER = "OTHER"


class TimePerspective(Vocab):
    """When an observational study's data are collected, relative to enrolment."""

    RETROSPECTIVE = "RETROSPECTIVE"
    PROSPECTIVE = "PROSPECTIVE"
    CROSS_SECTIONAL = "CROSS_SECTIONAL"
    OTHER = "OTHER"


class BioSpecRetention(Vocab):
    """Whether an observational study keeps biospecimens, and with DNA or not."""

    NONE_RETAINED = "NONE_RETAINED"
    SAMPLES_WITH_DNA = "SAMPLES_WITH_DNA"
    SAMPLES_WITHOUT_DNA = "SAMPLES_WITHOUT_DNA"


class SamplingMethod(Vocab):
    """How an observational study samples its population."""

    PROBABILITY_SAMPLE = "PROBABILITY_SAMPLE"
    NON_PROBABILITY_SAMPLE = "NON_PROBABILITY_SAMPLE"


class IpdInfoType(Vocab):
    """A document shared with the individual participant data."""

    STUDY_PROTOCOL = "STUDY_PROTOCOL"
    SAP = "SAP"
    ICF = "ICF"
    CSR = "CSR"
    ANALYTIC_CODE = "ANALYTIC_CODE"


class ReferenceType(Vocab):
    """What a cited publication is to the study."""

    BACKGROUND = "BACKGROUND"
    RESULT = "RESULT"
    DERIVED = "DERIVED"


class OutcomeMeasureType(Vocab):
    """Kind of a reported outcome measure in posted results."""

    PRIMARY = "PRIMARY"
    SECONDARY = "SECONDARY"
    OTHER_PRE_SPECIFIED = "OTHER_PRE_SPECIFIED"
    POST_HOC = "POST_HOC"


class ReportingStatus(Vocab):
    """Whether a reported outcome measure's data are posted yet."""

    NOT_POSTED = "NOT_POSTED"
    POSTED = "POSTED"


class MeasureParam(Vocab):
    """The statistic a reported outcome measure gives."""

    GEOMETRIC_MEAN = "GEOMETRIC_MEAN"
    GEOMETRIC_LEAST_SQUARES_MEAN = "GEOMETRIC_LEAST_SQUARES_MEAN"
    LEAST_SQUARES_MEAN = "LEAST_SQUARES_MEAN"
    LOG_MEAN = "LOG_MEAN"
    MEAN = "MEAN"
    MEDIAN = "MEDIAN"
    NUMBER = "NUMBER"
    COUNT_OF_PARTICIPANTS = "COUNT_OF_PARTICIPANTS"
    COUNT_OF_UNITS = "COUNT_OF_UNITS"


class AgreementRestrictionType(Vocab):
    """How long a results-disclosure agreement lets the sponsor hold back a publication."""

    LTE60 = "LTE60"
    GT60 = "GT60"
    OTHER = "OTHER"


class UnpostedEventType(Vocab):
    """An event in the registry's handling of submitted results not yet posted."""

    RESET = "RESET"
    RELEASE = "RELEASE"
    UNRELEASE = "UNRELEASE"


class ViolationEventType(Vocab):
    """An event in the registry's record of a reporting violation."""

    VIOLATION_IDENTIFIED = "VIOLATION_IDENTIFIED"
    CORRECTION_CONFIRMED = "CORRECTION_CONFIRMED"
    PENALTY_IMPOSED = "PENALTY_IMPOSED"


# --- cell-therapy vocabularies (trialmodel's own) -------------------------------------------
