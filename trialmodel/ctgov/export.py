"""TrialRecord -> ClinicalTrials.gov API v2 JSON, for the fields the importer maps.

The inverse of `trialmodel.ctgov`: importing what this writes gives the same record (provenance
aside), and a registry file imported and exported again keeps every mapped field's value. Curated
fields with no registry home (the cell product, dose levels, background therapies, ethics reviews,
curation notes) are not written. Eligibility criteria are written in the registry's layout
(``Inclusion Criteria:`` and ``Exclusion Criteria:`` with one bullet per criterion).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import Enum
from typing import Any

from trialmodel.ctgov import fields as f
from trialmodel.ctgov import tables as t
from trialmodel.ctgov.criteria import join_criteria
from trialmodel.ctgov.sections import type_label
from trialmodel.model.people import Contact, Location
from trialmodel.model.record import DatedEvent, Organisation, Outcome, TrialRecord

__all__ = ["export_json", "export_study"]

Data = dict[str, Any]


def _written(**fields: Any) -> Data | None:
    """The fields that have a value; an empty list stays (it says "none"), None and {} go."""
    out = {k: v for k, v in fields.items() if v is not None and v != {}}
    return out or None


def _each(items: list[Any] | None, write: Callable[[Any], Any]) -> list[Any] | None:
    """Each item written; None stays None (not given), [] stays [] (none)."""
    return None if items is None else [write(item) for item in items]


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _dated(event: DatedEvent | None) -> Data | None:
    return None if event is None else _written(date=event.date, type=_enum_value(event.type))


def _org(org: Organisation) -> Data | None:
    return _written(name=org.name, **{"class": _enum_value(org.agency_class)})


def _contact(c: Contact) -> Data | None:
    return _written(
        name=c.name, role=_enum_value(c.role), phone=c.phone, phoneExt=c.phone_ext, email=c.email
    )


def _outcomes(items: list[Outcome] | None) -> list[Data | None] | None:
    return _each(
        items,
        lambda o: _written(measure=o.measure, description=o.description, timeFrame=o.time_frame),
    )


def _identification(r: TrialRecord) -> Data | None:
    i = r.identification
    base = _written(
        nctId=i.nct_id,
        orgStudyIdInfo=_written(id=i.org_study_id),
        secondaryIdInfos=_each(
            i.secondary_ids,
            lambda s: _written(id=s.id, type=_enum_value(s.type), domain=s.domain, link=s.link),
        ),
        briefTitle=i.brief_title,
        officialTitle=i.official_title,
        acronym=i.acronym,
    )
    return f.merge(base or {}, f.write_fields(i, t.IDENTIFICATION))


def _status(r: TrialRecord) -> Data | None:
    s = r.status
    if s is None:
        return None
    base = _written(
        statusVerifiedDate=s.verified,
        overallStatus=_enum_value(s.overall),
        whyStopped=s.why_stopped,
        startDateStruct=_dated(s.start),
        primaryCompletionDateStruct=_dated(s.primary_completion),
        completionDateStruct=_dated(s.completion),
        studyFirstSubmitDate=s.first_submitted,
        studyFirstPostDateStruct=_dated(s.first_posted),
        lastUpdatePostDateStruct=_dated(s.last_update_posted),
    )
    return f.merge(base or {}, f.write_fields(s, t.STATUS))


def _sponsors(r: TrialRecord) -> Data | None:
    s = r.sponsors
    if s is None:
        return None
    rp = s.responsible_party
    return _written(
        responsibleParty=_written(
            type=_enum_value(rp.type),
            investigatorFullName=rp.investigator_name,
            investigatorTitle=rp.investigator_title,
            investigatorAffiliation=rp.investigator_affiliation,
            oldNameTitle=rp.old_name_title,
            oldOrganization=rp.old_organization,
        )
        if rp
        else None,
        leadSponsor=_org(s.lead) if s.lead else None,
        collaborators=_each(s.collaborators, _org),
    )


def _design(r: TrialRecord) -> Data | None:
    d = r.design
    if d is None:
        return None
    m = d.masking
    base = _written(
        studyType=_enum_value(d.study_type),
        phases=_each(d.phases, _enum_value),
        designInfo=_written(
            allocation=_enum_value(d.allocation),
            interventionModel=_enum_value(d.intervention_model),
            interventionModelDescription=d.intervention_model_description,
            primaryPurpose=_enum_value(d.primary_purpose),
            maskingInfo=_written(
                masking=_enum_value(m.masking),
                maskingDescription=m.description,
                whoMasked=_each(m.who_masked, _enum_value),
            )
            if m
            else None,
        ),
        enrollmentInfo=_written(count=d.enrollment.count, type=_enum_value(d.enrollment.type))
        if d.enrollment
        else None,
    )
    return f.merge(base or {}, f.write_fields(d, t.DESIGN))


def _listed_names(names: list[str] | None, types: dict[str, str]) -> list[str] | None:
    """An arm's intervention names in the registry's ``Type: Name`` form."""
    if names is None:
        return None
    return [f"{type_label(types[n])}: {n}" if n in types else n for n in names]


def _arms_interventions(r: TrialRecord) -> Data | None:
    kinds: dict[str, set[str]] = {}
    for i in r.interventions or []:
        kinds.setdefault(i.name, set()).add(i.type.value if i.type is not None else "")
    # a name that interventions of several types share keeps its entries as written
    types = {name: kind for name, (kind, *more) in kinds.items() if kind and not more}
    arms = _each(
        r.arms,
        lambda a: _written(
            label=a.label,
            type=_enum_value(a.type),
            description=a.description,
            interventionNames=_listed_names(a.interventions, types),
        ),
    )
    interventions = _each(
        r.interventions,
        lambda i: _written(
            type=_enum_value(i.type),
            name=i.name,
            description=i.description,
            armGroupLabels=i.arms,
            otherNames=i.other_names,
        ),
    )
    return _written(armGroups=arms, interventions=interventions)


def _eligibility(r: TrialRecord) -> Data | None:
    e = r.eligibility
    if e is None:
        return None
    text = join_criteria(e.inclusion, e.exclusion) or e.criteria
    base = _written(
        eligibilityCriteria=text or None,
        healthyVolunteers=e.healthy_volunteers,
        sex=_enum_value(e.sex),
        minimumAge=e.minimum_age,
        maximumAge=e.maximum_age,
        stdAges=_each(e.std_ages, _enum_value),
    )
    return f.merge(base or {}, f.write_fields(e, t.ELIGIBILITY))


def _location(loc: Location) -> Data:
    base = _written(
        facility=loc.facility,
        status=_enum_value(loc.status),
        city=loc.city,
        state=loc.state,
        zip=loc.zip,
        country=loc.country,
        contacts=_each(loc.contacts, _contact),
    )
    return f.merge(base or {}, f.write_fields(loc, (t.GEO_POINT,)))


def _contacts_locations(r: TrialRecord) -> Data | None:
    return _written(
        centralContacts=_each(r.contacts, _contact),
        overallOfficials=_each(
            r.officials,
            lambda o: _written(name=o.name, affiliation=o.affiliation, role=_enum_value(o.role)),
        ),
        locations=_each(r.locations, _location),
    )


def export_study(record: TrialRecord) -> Data:
    """A record as a registry API v2 study object (the fields the importer maps)."""
    o = record.oversight
    conditions = _written(conditions=record.conditions, keywords=record.keywords)
    desc = record.description
    protocol = _written(
        identificationModule=_identification(record),
        statusModule=_status(record),
        sponsorCollaboratorsModule=_sponsors(record),
        oversightModule=_written(oversightHasDmc=o.has_dmc) if o else None,
        descriptionModule=_written(
            briefSummary=desc.brief_summary, detailedDescription=desc.detailed_description
        )
        if desc
        else None,
        conditionsModule=conditions,
        designModule=_design(record),
        armsInterventionsModule=_arms_interventions(record),
        outcomesModule=_written(
            primaryOutcomes=_outcomes(record.outcomes.primary),
            secondaryOutcomes=_outcomes(record.outcomes.secondary),
            otherOutcomes=_outcomes(record.outcomes.other),
        )
        if record.outcomes
        else None,
        eligibilityModule=_eligibility(record),
        contactsLocationsModule=_contacts_locations(record),
        ipdSharingStatementModule=_written(
            ipdSharing=_enum_value(o.ipd_sharing), description=o.ipd_sharing_description
        )
        if o
        else None,
    )
    protocol = f.merge(protocol or {}, f.write_fields(o, t.OVERSIGHT))
    protocol = f.merge(protocol, f.write_fields(record.references, t.REFERENCES))
    study: Data = {"protocolSection": protocol}
    for part, fields in (
        (record.results, t.RESULTS),
        (record.documents, t.DOCUMENTS),
        (record.derived, t.DERIVED),
    ):
        study = f.merge(study, f.write_fields(part, fields))
    return study


def export_json(record: TrialRecord) -> str:
    """A record as registry API v2 JSON text (2-space indent, UTF-8, trailing newline)."""
    return json.dumps(export_study(record), indent=2, ensure_ascii=False) + "\n"
