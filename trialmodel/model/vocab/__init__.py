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
from trialmodel.model.vocab.car import (
    CarBinderFormat as CarBinderFormat,
)
from trialmodel.model.vocab.car import (
    CarGeneration as CarGeneration,
)
from trialmodel.model.vocab.car import (
    CostimulatoryDomain as CostimulatoryDomain,
)
from trialmodel.model.vocab.car import (
    GeneDelivery as GeneDelivery,
)
from trialmodel.model.vocab.characterisation import (
    ISCT_NEGATIVE_MAXIMUM as ISCT_NEGATIVE_MAXIMUM,
)
from trialmodel.model.vocab.characterisation import (
    ISCT_POSITIVE_MARKERS as ISCT_POSITIVE_MARKERS,
)
from trialmodel.model.vocab.characterisation import (
    ISCT_POSITIVE_MINIMUM as ISCT_POSITIVE_MINIMUM,
)
from trialmodel.model.vocab.characterisation import (
    SurfaceMarker as SurfaceMarker,
)
from trialmodel.model.vocab.characterisation import (
    VesicleQuantificationMethod as VesicleQuantificationMethod,
)
from trialmodel.model.vocab.characterisation import (
    VesicleQuantity as VesicleQuantity,
)
from trialmodel.model.vocab.characterisation import (
    VesicleSeparation as VesicleSeparation,
)
from trialmodel.model.vocab.characterisation import (
    VesicleSourceMaterial as VesicleSourceMaterial,
)
from trialmodel.model.vocab.curation import (
    CurationState as CurationState,
)
from trialmodel.model.vocab.curation import (
    SourceKind as SourceKind,
)
from trialmodel.model.vocab.donor import (
    DonorKinship as DonorKinship,
)
from trialmodel.model.vocab.donor import (
    DonorPooling as DonorPooling,
)
from trialmodel.model.vocab.donor import (
    HlaMatch as HlaMatch,
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
from trialmodel.model.vocab.manufacturing import (
    CultureSupplement as CultureSupplement,
)
from trialmodel.model.vocab.manufacturing import (
    Preservation as Preservation,
)
from trialmodel.model.vocab.manufacturing import (
    PrimingKind as PrimingKind,
)
from trialmodel.model.vocab.product import (
    CAR_CELL_TYPES as CAR_CELL_TYPES,
)
from trialmodel.model.vocab.product import (
    CELL_ONTOLOGY as CELL_ONTOLOGY,
)
from trialmodel.model.vocab.product import (
    CELL_TYPE_CL as CELL_TYPE_CL,
)
from trialmodel.model.vocab.product import (
    CELL_TYPE_UBERON as CELL_TYPE_UBERON,
)
from trialmodel.model.vocab.product import (
    EDQM_STANDARD_TERMS as EDQM_STANDARD_TERMS,
)
from trialmodel.model.vocab.product import (
    MSC_CELL_TYPES as MSC_CELL_TYPES,
)
from trialmodel.model.vocab.product import (
    ROUTE_EDQM as ROUTE_EDQM,
)
from trialmodel.model.vocab.product import (
    TISSUE_SOURCE_UBERON as TISSUE_SOURCE_UBERON,
)
from trialmodel.model.vocab.product import (
    UBERON as UBERON,
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
from trialmodel.model.vocab.registration import (
    ID_FILE_REPLACEMENT as ID_FILE_REPLACEMENT,
)
from trialmodel.model.vocab.registration import (
    ID_FILE_SEPARATOR as ID_FILE_SEPARATOR,
)
from trialmodel.model.vocab.registration import (
    REGISTRY_ID_PATTERNS as REGISTRY_ID_PATTERNS,
)
from trialmodel.model.vocab.registration import (
    TrialRegistry as TrialRegistry,
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
    "CAR_CELL_TYPES",
    "CELL_ONTOLOGY",
    "CELL_TYPE_CL",
    "CELL_TYPE_UBERON",
    "CONTROL_ARM_TYPES",
    "EDQM_STANDARD_TERMS",
    "EU_EEA_COUNTRIES",
    "ID_FILE_REPLACEMENT",
    "ID_FILE_SEPARATOR",
    "ISCT_NEGATIVE_MAXIMUM",
    "ISCT_POSITIVE_MARKERS",
    "ISCT_POSITIVE_MINIMUM",
    "MSC_CELL_TYPES",
    "PHASE_COMBINATIONS",
    "REGISTRY_ID_PATTERNS",
    "ROLE_USDM",
    "ROUTE_EDQM",
    "SCALED_BASES",
    "STOPPED_STATUSES",
    "TISSUE_SOURCE_UBERON",
    "UBERON",
    "USDM_ROLE_CODELIST",
    "AdministeredForm",
    "AgencyClass",
    "AgreementRestrictionType",
    "Allocation",
    "ArmType",
    "AtmpClass",
    "BioSpecRetention",
    "CarBinderFormat",
    "CarGeneration",
    "CellType",
    "ContactRole",
    "CostimulatoryDomain",
    "CultureSupplement",
    "CurationState",
    "DateType",
    "DesignationStatus",
    "DonorKinship",
    "DonorPooling",
    "DonorRelation",
    "DoseBasis",
    "DoseCounted",
    "EscalationDesign",
    "EthicsStatus",
    "ExpandedAccessStatus",
    "GeneDelivery",
    "HlaMatch",
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
    "Preservation",
    "PrimaryPurpose",
    "PrimingKind",
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
    "SurfaceMarker",
    "TimePerspective",
    "TimeUnit",
    "TissueSource",
    "TrialRegistry",
    "UnpostedEventType",
    "UsProductTier",
    "VesicleQuantificationMethod",
    "VesicleQuantity",
    "VesicleSeparation",
    "VesicleSourceMaterial",
    "ViolationEventType",
    "Vocab",
    "WhoMasked",
]
