"""The protocol modules of a ClinicalTrials.gov API v2 study, each mapped to its record section.

Each function reads one registry module through a `Node` (which checks shapes and vocabularies and
records what it read) and returns the record section as plain data in model key order, or None when
the registry says nothing.
"""

from __future__ import annotations

from typing import Any

from trialmodel.ctgov import fields as f
from trialmodel.ctgov import tables as t
from trialmodel.ctgov.criteria import split_criteria
from trialmodel.ctgov.reader import CtgovError, Node, kind_of
from trialmodel.model import vocab as v

__all__ = [
    "arms_interventions",
    "contacts_locations",
    "design",
    "eligibility",
    "given",
    "identification",
    "listed",
    "outcomes",
    "oversight",
    "results",
    "sponsors",
    "status",
    "type_label",
]

Data = dict[str, Any]


def given(**fields: Any) -> Data | None:
    """The fields that have a value, in the order given; None when none has."""
    out = {k: val for k, val in fields.items() if val is not None}
    return out or None


def listed(node: Node, key: str, values: list[Any] | None) -> list[Any] | None:
    """``values``; an empty list where the registry gives one (it says "none")."""
    return [] if node.empty_list(key) else (values or None)


def _dated(node: Node | None, key: str) -> Data | None:
    struct = node.obj(key) if node else None
    if struct is None:
        return None
    date = struct.date("date")
    if date is None:
        return None
    return given(date=date, type=struct.enum("type", v.DateType))


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
        given(
            id=s.text("id"),
            type=s.enum("type", v.SecondaryIdType),
            domain=s.text("domain"),
            link=s.text("link"),
        )
        for s in ident.items("secondaryIdInfos")
    ]
    return {
        "nct_id": nct_id,
        **(
            given(
                org_study_id=org.text("id") if org else None,
                secondary_ids=listed(ident, "secondaryIdInfos", secondary),
                brief_title=ident.text("briefTitle"),
                official_title=ident.text("officialTitle"),
                acronym=ident.text("acronym"),
                **(f.read_fields(ident, t.IDENTIFICATION) or {}),
            )
            or {}
        ),
    }


def status(ps: Node) -> Data | None:
    """Status and dates from the status module."""
    st = ps.obj("statusModule")
    if st is None:
        return None
    return given(
        overall=st.enum("overallStatus", v.OverallStatus),
        why_stopped=st.text("whyStopped"),
        verified=st.date("statusVerifiedDate"),
        start=_dated(st, "startDateStruct"),
        primary_completion=_dated(st, "primaryCompletionDateStruct"),
        completion=_dated(st, "completionDateStruct"),
        first_submitted=st.date("studyFirstSubmitDate"),
        first_posted=_dated(st, "studyFirstPostDateStruct"),
        last_update_posted=_dated(st, "lastUpdatePostDateStruct"),
        **(f.read_fields(st, t.STATUS) or {}),
    )


def _organisation(node: Node) -> Data | None:
    return given(name=node.text("name"), agency_class=node.enum("class", v.AgencyClass))


def sponsors(ps: Node) -> Data | None:
    """Sponsor, collaborators and responsible party."""
    sc = ps.obj("sponsorCollaboratorsModule")
    if sc is None:
        return None
    lead = sc.obj("leadSponsor")
    rp = sc.obj("responsibleParty")
    collaborators = [_organisation(c) for c in sc.items("collaborators")]
    return given(
        lead=_organisation(lead) if lead else None,
        collaborators=listed(sc, "collaborators", collaborators),
        responsible_party=given(
            type=rp.enum("type", v.ResponsiblePartyType),
            investigator_name=rp.text("investigatorFullName"),
            investigator_title=rp.text("investigatorTitle"),
            investigator_affiliation=rp.text("investigatorAffiliation"),
            old_name_title=rp.text("oldNameTitle"),
            old_organization=rp.text("oldOrganization"),
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
    return given(
        study_type=dm.enum("studyType", v.StudyType),
        phases=dm.enums("phases", v.Phase),
        allocation=info.enum("allocation", v.Allocation) if info else None,
        intervention_model=info.enum("interventionModel", v.InterventionModel) if info else None,
        intervention_model_description=info.text("interventionModelDescription") if info else None,
        masking=given(
            masking=mask.enum("masking", v.Masking),
            who_masked=listed(mask, "whoMasked", mask.enums("whoMasked", v.WhoMasked)),
            description=mask.text("maskingDescription"),
        )
        if mask
        else None,
        primary_purpose=info.enum("primaryPurpose", v.PrimaryPurpose) if info else None,
        enrollment=given(count=enrol.count("count"), type=enrol.enum("type", v.DateType))
        if enrol
        else None,
        **(f.read_fields(dm, t.DESIGN) or {}),
    )


def arms_interventions(ps: Node) -> tuple[list[Data] | None, list[Data] | None]:
    """Arm groups and interventions."""
    ai = ps.obj("armsInterventionsModule")
    if ai is None:
        return None, None
    arms = [
        given(
            label=a.text("label"),
            type=a.enum("type", v.ArmType),
            description=a.text("description"),
            interventions=listed(a, "interventionNames", a.texts("interventionNames")),
        )
        for a in ai.items("armGroups")
    ]
    interventions = [
        given(
            type=i.enum("type", v.InterventionType),
            name=i.text("name"),
            description=i.text("description"),
            other_names=listed(i, "otherNames", i.texts("otherNames")),
            arms=listed(i, "armGroupLabels", i.texts("armGroupLabels")),
        )
        for i in ai.items("interventions")
    ]
    types: dict[str, set[str | None]] = {}
    for i in interventions:
        if i and "name" in i:
            types.setdefault(i["name"], set()).add(i.get("type"))
    for arm in arms:
        if arm and "interventions" in arm:
            arm["interventions"] = [_bare_name(n, types) for n in arm["interventions"]]
    return (
        listed(ai, "armGroups", [a for a in arms if a]),
        listed(ai, "interventions", [i for i in interventions if i]),
    )


def type_label(intervention_type: str) -> str:
    """The registry's display form of a type: DIETARY_SUPPLEMENT -> Dietary Supplement."""
    return intervention_type.replace("_", " ").title()


def _bare_name(entry: str, types: dict[str, set[str | None]]) -> str:
    """An arm's ``Type: Name`` entry as the intervention's name, when it names one of them.

    The registry lists an arm's interventions as ``Drug: Aspirin``; the record names them as the
    interventions do (``Aspirin``). Where the name is not an intervention's, or interventions of
    several types share it (the prefix would be lost), the entry is kept as written.
    """
    prefix, sep, name = entry.partition(": ")
    kinds = types.get(name, set())
    if sep and len(kinds) == 1:
        (kind,) = kinds
        if kind is not None and type_label(kind) == prefix:
            return name
    return entry


def outcomes(ps: Node) -> Data | None:
    """Primary, secondary and other outcome measures."""
    om = ps.obj("outcomesModule")
    if om is None:
        return None

    def outcome_list(key: str) -> list[Data] | None:
        found = [
            given(
                measure=o.text("measure"),
                time_frame=o.text("timeFrame"),
                description=o.text("description"),
            )
            for o in om.items(key)
        ]
        return listed(om, key, [o for o in found if o])

    return given(
        primary=outcome_list("primaryOutcomes"),
        secondary=outcome_list("secondaryOutcomes"),
        other=outcome_list("otherOutcomes"),
    )


def eligibility(ps: Node, review: list[str]) -> Data | None:
    """Eligibility, with the criteria text split into inclusion and exclusion lists.

    Text that cannot be split (no headings, or headings with no items under them) is kept whole
    in ``criteria``, exactly as given.
    """
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
    whole = None
    if criteria is not None and (criteria.inclusion or criteria.exclusion):
        em.used.add(f"{em.path}.eligibilityCriteria")
        review.extend(f"eligibility.{name}" for name in criteria.unsure)
    elif isinstance(raw, str):
        criteria, whole = None, em.text("eligibilityCriteria")
    return given(
        inclusion=(criteria.inclusion or None) if criteria else None,
        exclusion=(criteria.exclusion or None) if criteria else None,
        sex=em.enum("sex", v.Sex),
        minimum_age=em.text("minimumAge"),
        maximum_age=em.text("maximumAge"),
        std_ages=listed(em, "stdAges", em.enums("stdAges", v.StdAge)),
        healthy_volunteers=em.flag("healthyVolunteers"),
        criteria=whole,
        **(f.read_fields(em, t.ELIGIBILITY) or {}),
    )


def _contact(c: Node) -> Data | None:
    return given(
        name=c.text("name"),
        role=c.enum("role", v.ContactRole),
        phone=c.text("phone"),
        email=c.text("email"),
        phone_ext=c.text("phoneExt"),
    )


def _location(loc: Node) -> Data | None:
    contacts = [c for c in map(_contact, loc.items("contacts")) if c]
    return given(
        facility=loc.text("facility"),
        city=loc.text("city"),
        state=loc.text("state"),
        zip=loc.text("zip"),
        country=loc.text("country"),
        status=loc.enum("status", v.SiteStatus),
        contacts=listed(loc, "contacts", contacts),
        **(f.read_fields(loc, (t.GEO_POINT,)) or {}),
    )


def contacts_locations(ps: Node) -> Data:
    """Locations, overall officials and central contacts, keyed by record field."""
    cl = ps.obj("contactsLocationsModule")
    if cl is None:
        return {}
    locations = [_location(loc) for loc in cl.items("locations")]
    officials = [
        given(
            name=o.text("name"),
            affiliation=o.text("affiliation"),
            role=o.enum("role", v.OfficialRole),
        )
        for o in cl.items("overallOfficials")
    ]
    contacts = [_contact(c) for c in cl.items("centralContacts")]
    return (
        given(
            locations=listed(cl, "locations", [x for x in locations if x]),
            officials=listed(cl, "overallOfficials", [x for x in officials if x]),
            contacts=listed(cl, "centralContacts", [x for x in contacts if x]),
        )
        or {}
    )


def oversight(ps: Node) -> Data | None:
    """Data monitoring committee, IPD sharing and the FDA flags."""
    om = ps.obj("oversightModule")
    ipd = ps.obj("ipdSharingStatementModule")
    return given(
        has_dmc=om.flag("oversightHasDmc") if om else None,
        ipd_sharing=ipd.enum("ipdSharing", v.IpdSharing) if ipd else None,
        ipd_sharing_description=ipd.text("description") if ipd else None,
        **(f.read_fields(ps, t.OVERSIGHT) or {}),
    )


def results(root: Node) -> Data | None:
    """Whether results are posted, their dates, reported outcomes and unposted events.

    Nothing is read unless the study says whether it has results (``hasResults``).
    """
    if root.flag("hasResults") is None:
        return None
    return f.read_fields(root, t.RESULTS)
