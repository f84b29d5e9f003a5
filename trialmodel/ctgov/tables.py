"""Which registry field fills which record field, for the parts mapped one to one.

Each table is read by `trialmodel.ctgov.fields.read_fields` on import and written back by
`write_fields` on export, at the registry path it names (relative to the node it is read from).
"""

from __future__ import annotations

from typing import Any

from trialmodel.ctgov.fields import Field
from trialmodel.model import vocab as v

__all__ = [
    "DERIVED",
    "DESIGN",
    "DOCUMENTS",
    "ELIGIBILITY",
    "GEO_POINT",
    "IDENTIFICATION",
    "OVERSIGHT",
    "REFERENCES",
    "RESULTS",
    "STATUS",
]


def _f(record: str, registry: str, kind: Any = "text", *, many: bool = False) -> Field:
    return Field(record, registry, kind, many)


_STATUS = "protocolSection.statusModule"
_UNPOSTED = "annotationSection.annotationModule.unpostedAnnotation"
_MORE_INFO = "resultsSection.moreInfoModule"

IDENTIFICATION = (
    _f("org_study_id_type", "orgStudyIdInfo.type", v.OrgStudyIdType),
    _f("org_study_id_link", "orgStudyIdInfo.link"),
    _f(
        "organisation",
        "organization",
        (_f("name", "fullName"), _f("agency_class", "class", v.AgencyClass)),
    ),
    _f("nct_id_aliases", "nctIdAliases", many=True),
)
"""Identification fields after ``acronym`` (read from the identification module)."""

STATUS = (
    _f("last_known", "lastKnownStatus", v.OverallStatus),
    _f("first_submitted_qc", "studyFirstSubmitQcDate", "date"),
    _f("last_update_submitted", "lastUpdateSubmitDate", "date"),
    _f("delayed_posting", "delayedPosting", "flag"),
    _f(
        "expanded_access",
        "expandedAccessInfo",
        (
            _f("available", "hasExpandedAccess", "flag"),
            _f("nct_id", "nctId"),
            _f("status", "statusForNctId", v.ExpandedAccessStatus),
        ),
    ),
)
"""Status fields after ``last_update_posted`` (read from the status module)."""

DESIGN = (
    _f("observational_model", "designInfo.observationalModel", v.ObservationalModel),
    _f("time_perspective", "designInfo.timePerspective", v.TimePerspective),
    _f(
        "bio_spec",
        "bioSpec",
        (_f("retention", "retention", v.BioSpecRetention), _f("description", "description")),
    ),
    _f("patient_registry", "patientRegistry", "flag"),
    _f("target_duration", "targetDuration"),
    _f(
        "expanded_access_types",
        "expandedAccessTypes",
        (
            _f("individual", "individual", "flag"),
            _f("intermediate", "intermediate", "flag"),
            _f("treatment", "treatment", "flag"),
        ),
    ),
)
"""Design fields after ``enrollment`` (read from the design module)."""

ELIGIBILITY = (
    _f("gender_based", "genderBased", "flag"),
    _f("gender_description", "genderDescription"),
    _f("study_population", "studyPopulation"),
    _f("sampling_method", "samplingMethod", v.SamplingMethod),
)
"""Eligibility fields after ``criteria`` (read from the eligibility module)."""

GEO_POINT = _f("geo_point", "geoPoint", (_f("lat", "lat", "number"), _f("lon", "lon", "number")))
"""A site's geocode (read from a location)."""

OVERSIGHT = (
    _f("ipd_sharing_info_types", "ipdSharingStatementModule.infoTypes", v.IpdInfoType, many=True),
    _f("ipd_sharing_time_frame", "ipdSharingStatementModule.timeFrame"),
    _f("ipd_sharing_access_criteria", "ipdSharingStatementModule.accessCriteria"),
    _f("ipd_sharing_url", "ipdSharingStatementModule.url"),
    _f("fda_regulated_drug", "oversightModule.isFdaRegulatedDrug", "flag"),
    _f("fda_regulated_device", "oversightModule.isFdaRegulatedDevice", "flag"),
    _f("unapproved_device", "oversightModule.isUnapprovedDevice", "flag"),
    _f("ppsd", "oversightModule.isPpsd", "flag"),
    _f("us_export", "oversightModule.isUsExport", "flag"),
    _f("fdaaa801_violation", "oversightModule.fdaaa801Violation", "flag"),
)
"""Oversight fields after ``ipd_sharing_description`` (read from the protocol section)."""

_REFERENCE = (
    _f("pmid", "pmid"),
    _f("type", "type", v.ReferenceType),
    _f("citation", "citation"),
    _f("retractions", "retractions", (_f("pmid", "pmid"), _f("source", "source")), many=True),
)
REFERENCES = (
    _f("publications", "referencesModule.references", _REFERENCE, many=True),
    _f(
        "see_also",
        "referencesModule.seeAlsoLinks",
        (_f("label", "label"), _f("url", "url")),
        many=True,
    ),
    _f(
        "available_ipds",
        "referencesModule.availIpds",
        (_f("id", "id"), _f("type", "type"), _f("url", "url"), _f("comment", "comment")),
        many=True,
    ),
)
"""The record's ``references`` (read from the protocol section)."""

_DOCUMENT = (
    _f("type", "typeAbbrev"),
    _f("has_protocol", "hasProtocol", "flag"),
    _f("has_sap", "hasSap", "flag"),
    _f("has_icf", "hasIcf", "flag"),
    _f("label", "label"),
    _f("date", "date", "date"),
    _f("upload_date", "uploadDate"),
    _f("filename", "filename"),
    _f("size", "size", "count"),
)
DOCUMENTS = (
    _f("no_sap", "documentSection.largeDocumentModule.noSap", "flag"),
    _f("files", "documentSection.largeDocumentModule.largeDocs", _DOCUMENT, many=True),
)
"""The record's ``documents`` (read from the study)."""

_MESH = (_f("id", "id"), _f("term", "term"))
DERIVED = (
    _f("condition_mesh_terms", "derivedSection.conditionBrowseModule.meshes", _MESH, many=True),
    _f(
        "intervention_mesh_terms",
        "derivedSection.interventionBrowseModule.meshes",
        _MESH,
        many=True,
    ),
    _f("removed_countries", "derivedSection.miscInfoModule.removedCountries", many=True),
    _f("version_holder", "derivedSection.miscInfoModule.versionHolder", "date"),
)
"""The record's ``derived`` (read from the study)."""

_REPORTED_OUTCOME = (
    _f("type", "type", v.OutcomeMeasureType),
    _f("title", "title"),
    _f("description", "description"),
    _f("population_description", "populationDescription"),
    _f("reporting_status", "reportingStatus", v.ReportingStatus),
    _f("anticipated_posting_date", "anticipatedPostingDate", "date"),
    _f("param_type", "paramType", v.MeasureParam),
    _f("dispersion_type", "dispersionType"),
    _f("unit_of_measure", "unitOfMeasure"),
    _f("calculate_pct", "calculatePct", "flag"),
    _f("time_frame", "timeFrame"),
    _f("type_units_analyzed", "typeUnitsAnalyzed"),
    _f("denom_units_selected", "denomUnitsSelected"),
)
_AGREEMENT = (
    _f("pi_sponsor_employee", "piSponsorEmployee", "flag"),
    _f("restriction_type", "restrictionType", v.AgreementRestrictionType),
    _f("restrictive_agreement", "restrictiveAgreement", "flag"),
    _f("other_details", "otherDetails"),
)
_RESULTS_CONTACT = (
    _f("title", "title"),
    _f("organization", "organization"),
    _f("email", "email"),
    _f("phone", "phone"),
    _f("phone_ext", "phoneExt"),
)
RESULTS = (
    _f("posted", "hasResults", "flag"),
    _f("first_posted", f"{_STATUS}.resultsFirstPostDateStruct.date", "date"),
    _f("first_posted_type", f"{_STATUS}.resultsFirstPostDateStruct.type", v.DateType),
    _f("first_submitted", f"{_STATUS}.resultsFirstSubmitDate", "date"),
    _f("first_submitted_qc", f"{_STATUS}.resultsFirstSubmitQcDate", "date"),
    _f("disposition_first_submitted", f"{_STATUS}.dispFirstSubmitDate", "date"),
    _f("disposition_first_submitted_qc", f"{_STATUS}.dispFirstSubmitQcDate", "date"),
    _f("disposition_first_posted", f"{_STATUS}.dispFirstPostDateStruct.date", "date"),
    _f("disposition_first_posted_type", f"{_STATUS}.dispFirstPostDateStruct.type", v.DateType),
    _f(
        "reported_outcomes",
        "resultsSection.outcomeMeasuresModule.outcomeMeasures",
        _REPORTED_OUTCOME,
        many=True,
    ),
    _f("limitations", f"{_MORE_INFO}.limitationsAndCaveats.description"),
    _f("agreement", f"{_MORE_INFO}.certainAgreement", _AGREEMENT),
    _f("contact", f"{_MORE_INFO}.pointOfContact", _RESULTS_CONTACT),
    _f("unposted_responsible_party", f"{_UNPOSTED}.unpostedResponsibleParty"),
    _f(
        "unposted_events",
        f"{_UNPOSTED}.unpostedEvents",
        (
            _f("type", "type", v.UnpostedEventType),
            _f("date", "date", "date"),
            _f("date_unknown", "dateUnknown", "flag"),
        ),
        many=True,
    ),
    _f(
        "violation_events",
        "annotationSection.annotationModule.violationAnnotation.violationEvents",
        (
            _f("type", "type", v.ViolationEventType),
            _f("description", "description"),
            _f("creation_date", "creationDate", "date"),
            _f("issued_date", "issuedDate", "date"),
            _f("release_date", "releaseDate", "date"),
            _f("posted_date", "postedDate", "date"),
        ),
        many=True,
    ),
)
"""The record's ``results`` (read from the study), ``publications`` aside: a curator's field."""
