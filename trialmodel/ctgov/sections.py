"""The protocol modules of a ClinicalTrials.gov API v2 study, each mapped to its record section.

Each function reads one registry module through a `Node` (which checks shapes and vocabularies and
records what it read) and returns the record section as plain data in model key order, or None when
the registry says nothing.
"""

from __future__ import annotations

from typing import Any

from trialmodel.ctgov.criteria import split_criteria
from trialmodel.ctgov.reader import CtgovError, Node, kind_of
from trialmodel.model import vocab as v

Data = dict[str, Any]


def compact(**fields: Any) -> Data | None:
    """The fields that have a value, in the order given; None when none has."""
    out = {k: val for k, val in fields.items() if val is not None}
    return out or None


def _dated(node: Node | None, key: str) -> Data | None:
    struct = node.obj(key) if node else None
    if struct is None:
        return None
    date = struct.date("date")
    if date is None:
        return None
    return compact(date=date, type=struct.enum("type", v.DateType))


def identification(ps: Node) -> Data:
    """Identifiers and titles from the identification module."""
    ident = ps.obj("identificationModule")
    if ident is None:
        raise CtgovError("protocolSection.identificationModule", "missing")
    nct_id = ident.text("nctId")
    if nct_id is None:
        raise CtgovError("protocolSection.identificationModule.nctId", "missing")
    org = ident.obj("orgStudyIdInfo")
    secondary = [
        compact(id=s.text("id"), type=s.enum("type", v.SecondaryIdType), domain=s.text("domain"))
        for s in ident.items("secondaryIdInfos")
    ]
    return {
        "nct_id": nct_id,
        **(
            compact(
                org_study_id=org.text("id") if org else None,
                secondary_ids=secondary or None,
                brief_title=ident.text("briefTitle"),
                official_title=ident.text("officialTitle"),
                acronym=ident.text("acronym"),
            )
            or {}
        ),
    }


def status(ps: Node) -> Data | None:
    """Status and dates from the status module."""
    st = ps.obj("statusModule")
    if st is None:
        return None
    return compact(
        overall=st.enum("overallStatus", v.OverallStatus),
        why_stopped=st.text("whyStopped"),
        verified=st.date("statusVerifiedDate"),
        start=_dated(st, "startDateStruct"),
        primary_completion=_dated(st, "primaryCompletionDateStruct"),
        completion=_dated(st, "completionDateStruct"),
        first_submitted=st.date("studyFirstSubmitDate"),
        first_posted=_dated(st, "studyFirstPostDateStruct"),
        last_update_posted=_dated(st, "lastUpdatePostDateStruct"),
    )


def _organisation(node: Node) -> Data | None:
    return compact(name=node.text("name"), agency_class=node.enum("class", v.AgencyClass))


def sponsors(ps: Node) -> Data | None:
    """Sponsor, collaborators and responsible party."""
    sc = ps.obj("sponsorCollaboratorsModule")
    if sc is None:
        return None
    lead = sc.obj("leadSponsor")
    rp = sc.obj("responsibleParty")
    collaborators = [_organisation(c) for c in sc.items("collaborators")]
    return compact(
        lead=_organisation(lead) if lead else None,
        collaborators=collaborators or None,
        responsible_party=compact(
            type=rp.enum("type", v.ResponsiblePartyType),
            investigator_name=rp.text("investigatorFullName"),
            investigator_title=rp.text("investigatorTitle"),
            investigator_affiliation=rp.text("investigatorAffiliation"),
        )
        if rp
        else None,
    )


def design(ps: Node) -> Data | None:
    """Study type, phases, design info and enrollment."""
    dm = ps.obj("designModule")
    if dm is None:
        return None
    info = dm.obj("designInfo")
    mask = info.obj("maskingInfo") if info else None
    enrol = dm.obj("enrollmentInfo")
    return compact(
        study_type=dm.enum("studyType", v.StudyType),
        phases=dm.enums("phases", v.Phase),
        allocation=info.enum("allocation", v.Allocation) if info else None,
        intervention_model=info.enum("interventionModel", v.InterventionModel) if info else None,
        intervention_model_description=info.text("interventionModelDescription") if info else None,
        masking=compact(
            masking=mask.enum("masking", v.Masking),
            who_masked=mask.enums("whoMasked", v.WhoMasked),
            description=mask.text("maskingDescription"),
        )
        if mask
        else None,
        primary_purpose=info.enum("primaryPurpose", v.PrimaryPurpose) if info else None,
        enrollment=compact(count=enrol.count("count"), type=enrol.enum("type", v.DateType))
        if enrol
        else None,
    )


def arms_interventions(ps: Node) -> tuple[list[Data] | None, list[Data] | None]:
    """Arm groups and interventions."""
    ai = ps.obj("armsInterventionsModule")
    if ai is None:
        return None, None
    arms = [
        compact(
            label=a.text("label"),
            type=a.enum("type", v.ArmType),
            description=a.text("description"),
            interventions=a.texts("interventionNames"),
        )
        for a in ai.items("armGroups")
    ]
    interventions = [
        compact(
            type=i.enum("type", v.InterventionType),
            name=i.text("name"),
            description=i.text("description"),
            other_names=i.texts("otherNames"),
            arms=i.texts("armGroupLabels"),
        )
        for i in ai.items("interventions")
    ]
    types = {i["name"]: i.get("type") for i in interventions if i and "name" in i}
    for arm in arms:
        if arm and "interventions" in arm:
            arm["interventions"] = [_bare_name(n, types) for n in arm["interventions"]]
    return [a for a in arms if a] or None, [i for i in interventions if i] or None


def type_label(intervention_type: str) -> str:
    """The registry's display form of a type: DIETARY_SUPPLEMENT -> Dietary Supplement."""
    return intervention_type.replace("_", " ").title()


def _bare_name(listed: str, types: dict[str, str | None]) -> str:
    """An arm's ``Type: Name`` entry as the intervention's name, when it names one of them.

    The registry lists an arm's interventions as ``Drug: Aspirin``; the record names them as the
    interventions do (``Aspirin``). Anything else is kept as written.
    """
    prefix, sep, name = listed.partition(": ")
    kind = types.get(name)
    if sep and kind is not None and type_label(kind) == prefix:
        return name
    return listed


def outcomes(ps: Node) -> Data | None:
    """Primary, secondary and other outcome measures."""
    om = ps.obj("outcomesModule")
    if om is None:
        return None

    def outcome_list(key: str) -> list[Data] | None:
        found = [
            compact(
                measure=o.text("measure"),
                time_frame=o.text("timeFrame"),
                description=o.text("description"),
            )
            for o in om.items(key)
        ]
        return [o for o in found if o] or None

    return compact(
        primary=outcome_list("primaryOutcomes"),
        secondary=outcome_list("secondaryOutcomes"),
        other=outcome_list("otherOutcomes"),
    )


def eligibility(ps: Node, review: list[str]) -> Data | None:
    """Eligibility, with the criteria text split into inclusion and exclusion lists."""
    em = ps.obj("eligibilityModule")
    if em is None:
        return None
    raw = em.object().get("eligibilityCriteria")
    criteria = None
    if raw is not None:
        if isinstance(raw, str):
            criteria = split_criteria(raw)
        else:
            em.fail(f"expected a string, got {kind_of(raw)}", f"{em.path}.eligibilityCriteria")
    if criteria is not None:
        em.used.add(f"{em.path}.eligibilityCriteria")
        review.extend(f"eligibility.{name}" for name in criteria.unsure)
    return compact(
        inclusion=(criteria.inclusion or None) if criteria else None,
        exclusion=(criteria.exclusion or None) if criteria else None,
        sex=em.enum("sex", v.Sex),
        minimum_age=em.text("minimumAge"),
        maximum_age=em.text("maximumAge"),
        std_ages=em.enums("stdAges", v.StdAge),
        healthy_volunteers=em.flag("healthyVolunteers"),
    )


def _contact(c: Node) -> Data | None:
    return compact(
        name=c.text("name"),
        role=c.enum("role", v.ContactRole),
        phone=c.text("phone"),
        email=c.text("email"),
    )


def contacts_locations(ps: Node) -> Data:
    """Locations, overall officials and central contacts, keyed by record field."""
    cl = ps.obj("contactsLocationsModule")
    if cl is None:
        return {}
    locations = [
        compact(
            facility=loc.text("facility"),
            city=loc.text("city"),
            state=loc.text("state"),
            zip=loc.text("zip"),
            country=loc.text("country"),
            status=loc.enum("status", v.SiteStatus),
            contacts=[c for c in map(_contact, loc.items("contacts")) if c] or None,
        )
        for loc in cl.items("locations")
    ]
    officials = [
        compact(
            name=o.text("name"),
            affiliation=o.text("affiliation"),
            role=o.enum("role", v.OfficialRole),
        )
        for o in cl.items("overallOfficials")
    ]
    contacts = [_contact(c) for c in cl.items("centralContacts")]
    return (
        compact(
            locations=[x for x in locations if x] or None,
            officials=[x for x in officials if x] or None,
            contacts=[x for x in contacts if x] or None,
        )
        or {}
    )


def oversight(ps: Node) -> Data | None:
    """Data monitoring committee and IPD sharing."""
    om = ps.obj("oversightModule")
    ipd = ps.obj("ipdSharingStatementModule")
    return compact(
        has_dmc=om.flag("oversightHasDmc") if om else None,
        ipd_sharing=ipd.enum("ipdSharing", v.IpdSharing) if ipd else None,
        ipd_sharing_description=ipd.text("description") if ipd else None,
    )


def results(root: Node, ps: Node) -> Data | None:
    """Whether results are posted, and when first."""
    posted = root.flag("hasResults")
    st = ps.obj("statusModule")
    first = st.obj("resultsFirstPostDateStruct") if st else None
    if posted is None:
        return None
    return compact(posted=posted, first_posted=first.date("date") if first else None)
