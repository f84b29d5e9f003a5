"""Every enumeration of the record format: the one home of allowed values.

Registry vocabularies (``registry``) use the spellings of the ClinicalTrials.gov API v2 (see its
``components.schemas``); cell-therapy vocabularies (``product``, ``dose``) are trialmodel's own;
intervention roles (``role``) follow CDISC USDM; ``curation`` says how a record was made. The CLI,
the exported JSON Schema and the docs all derive their allowed values from these classes. Import
them from here: the submodules only divide the file.
"""

from __future__ import annotations

from trialmodel.model.vocab.base import (
    Vocab as Vocab,
)
from trialmodel.model.vocab.curation import (
    CurationState as CurationState,
)
from trialmodel.model.vocab.curation import (
    SourceKind as SourceKind,
)
from trialmodel.model.vocab.dose import (
    SCALED_BASES as SCALED_BASES,
)
from trialmodel.model.vocab.dose import (
    DoseBasis as DoseBasis,
)
from trialmodel.model.vocab.dose import (
    DoseCounted as DoseCounted,
)
from trialmodel.model.vocab.product import (
    EDQM_STANDARD_TERMS as EDQM_STANDARD_TERMS,
)
from trialmodel.model.vocab.product import (
    ROUTE_EDQM as ROUTE_EDQM,
)
from trialmodel.model.vocab.product import (
    AdministeredForm as AdministeredForm,
)
from trialmodel.model.vocab.product import (
    CellType as CellType,
)
from trialmodel.model.vocab.product import (
    DonorRelation as DonorRelation,
)
from trialmodel.model.vocab.product import (
    EscalationDesign as EscalationDesign,
)
from trialmodel.model.vocab.product import (
    Route as Route,
)
from trialmodel.model.vocab.product import (
    TimeUnit as TimeUnit,
)
from trialmodel.model.vocab.product import (
    TissueSource as TissueSource,
)
from trialmodel.model.vocab.registry import (
    CONTROL_ARM_TYPES as CONTROL_ARM_TYPES,
)
from trialmodel.model.vocab.registry import (
    PHASE_COMBINATIONS as PHASE_COMBINATIONS,
)
from trialmodel.model.vocab.registry import (
    STOPPED_STATUSES as STOPPED_STATUSES,
)
from trialmodel.model.vocab.registry import (
    AgencyClass as AgencyClass,
)
from trialmodel.model.vocab.registry import (
    AgreementRestrictionType as AgreementRestrictionType,
)
from trialmodel.model.vocab.registry import (
    Allocation as Allocation,
)
from trialmodel.model.vocab.registry import (
    ArmType as ArmType,
)
from trialmodel.model.vocab.registry import (
    BioSpecRetention as BioSpecRetention,
)
from trialmodel.model.vocab.registry import (
    ContactRole as ContactRole,
)
from trialmodel.model.vocab.registry import (
    DateType as DateType,
)
from trialmodel.model.vocab.registry import (
    EthicsStatus as EthicsStatus,
)
from trialmodel.model.vocab.registry import (
    ExpandedAccessStatus as ExpandedAccessStatus,
)
from trialmodel.model.vocab.registry import (
    InterventionModel as InterventionModel,
)
from trialmodel.model.vocab.registry import (
    InterventionType as InterventionType,
)
from trialmodel.model.vocab.registry import (
    IpdInfoType as IpdInfoType,
)
from trialmodel.model.vocab.registry import (
    IpdSharing as IpdSharing,
)
from trialmodel.model.vocab.registry import (
    Masking as Masking,
)
from trialmodel.model.vocab.registry import (
    MeasureParam as MeasureParam,
)
from trialmodel.model.vocab.registry import (
    ObservationalModel as ObservationalModel,
)
from trialmodel.model.vocab.registry import (
    OfficialRole as OfficialRole,
)
from trialmodel.model.vocab.registry import (
    OrgStudyIdType as OrgStudyIdType,
)
from trialmodel.model.vocab.registry import (
    OutcomeMeasureType as OutcomeMeasureType,
)
from trialmodel.model.vocab.registry import (
    OverallStatus as OverallStatus,
)
from trialmodel.model.vocab.registry import (
    Phase as Phase,
)
from trialmodel.model.vocab.registry import (
    PrimaryPurpose as PrimaryPurpose,
)
from trialmodel.model.vocab.registry import (
    ReferenceType as ReferenceType,
)
from trialmodel.model.vocab.registry import (
    ReportingStatus as ReportingStatus,
)
from trialmodel.model.vocab.registry import (
    ResponsiblePartyType as ResponsiblePartyType,
)
from trialmodel.model.vocab.registry import (
    SamplingMethod as SamplingMethod,
)
from trialmodel.model.vocab.registry import (
    SecondaryIdType as SecondaryIdType,
)
from trialmodel.model.vocab.registry import (
    Sex as Sex,
)
from trialmodel.model.vocab.registry import (
    SiteStatus as SiteStatus,
)
from trialmodel.model.vocab.registry import (
    StdAge as StdAge,
)
from trialmodel.model.vocab.registry import (
    StudyType as StudyType,
)
from trialmodel.model.vocab.registry import (
    TimePerspective as TimePerspective,
)
from trialmodel.model.vocab.registry import (
    UnpostedEventType as UnpostedEventType,
)
from trialmodel.model.vocab.registry import (
    ViolationEventType as ViolationEventType,
)
from trialmodel.model.vocab.registry import (
    WhoMasked as WhoMasked,
)
from trialmodel.model.vocab.regulation import (
    EU_EEA_COUNTRIES as EU_EEA_COUNTRIES,
)
from trialmodel.model.vocab.regulation import (
    AtmpClass as AtmpClass,
)
from trialmodel.model.vocab.regulation import (
    DesignationStatus as DesignationStatus,
)
from trialmodel.model.vocab.regulation import (
    RegenerativeMedicineRiskClass as RegenerativeMedicineRiskClass,
)
from trialmodel.model.vocab.regulation import (
    UsProductTier as UsProductTier,
)
from trialmodel.model.vocab.role import (
    ROLE_USDM as ROLE_USDM,
)
from trialmodel.model.vocab.role import (
    USDM_ROLE_CODELIST as USDM_ROLE_CODELIST,
)
from trialmodel.model.vocab.role import (
    InterventionRole as InterventionRole,
)

__all__ = [
    "CONTROL_ARM_TYPES",
    "EDQM_STANDARD_TERMS",
    "EU_EEA_COUNTRIES",
    "PHASE_COMBINATIONS",
    "ROLE_USDM",
    "ROUTE_EDQM",
    "SCALED_BASES",
    "STOPPED_STATUSES",
    "USDM_ROLE_CODELIST",
    "AdministeredForm",
    "AgencyClass",
    "AgreementRestrictionType",
    "Allocation",
    "ArmType",
    "AtmpClass",
    "BioSpecRetention",
    "CellType",
    "ContactRole",
    "CurationState",
    "DateType",
    "DesignationStatus",
    "DonorRelation",
    "DoseBasis",
    "DoseCounted",
    "EscalationDesign",
    "EthicsStatus",
    "ExpandedAccessStatus",
    "InterventionModel",
    "InterventionRole",
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
    "RegenerativeMedicineRiskClass",
    "ReportingStatus",
    "ResponsiblePartyType",
    "Route",
    "SamplingMethod",
    "SecondaryIdType",
    "Sex",
    "SiteStatus",
    "SourceKind",
    "StdAge",
    "StudyType",
    "TimePerspective",
    "TimeUnit",
    "TissueSource",
    "UnpostedEventType",
    "UsProductTier",
    "ViolationEventType",
    "Vocab",
    "WhoMasked",
]
