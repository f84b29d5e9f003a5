"""A trial's record and its versions -> the FHIR R5 ResearchStudy (as plain JSON data).

``docs/fhir.md`` (from ``trialmodel.outputs.fhir.coverage``) says which record field goes where,
and why the others have no home in FHIR.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialmodel.model.identifiers import primary_registration
from trialmodel.model.record import Outcomes, TrialRecord
from trialmodel.model.vocab import TrialRegistry
from trialmodel.outputs.collect import TrialHistory
from trialmodel.outputs.fhir import codes as c
from trialmodel.outputs.fhir.codes import Json, concept, mapped

__all__ = [
    "comparison_groups",
    "conditions",
    "design",
    "identifiers",
    "labels",
    "outcome_measures",
    "parties",
    "progress",
    "progress_period",
    "recruitment",
]


def _element(**fields: Any) -> Json:
    """Fields with a value; FHIR forbids empty elements."""
    return {k: v for k, v in fields.items() if v not in (None, [], {}, "")}


def identifiers(record: TrialRecord) -> list[Json]:
    """The official id first (the primary registration's, else the NCT id), the other
    registrations, the NCT id's old aliases, the org study id and the secondary ids."""
    ident = record.identification
    primary = primary_registration(ident.registrations)
    out: list[Json] = [
        _element(
            use="official" if r is primary else "secondary",
            type={"text": f"{r.registry.value} registration"},
            value=r.id,
            period={"start": r.registered} if r.registered else None,
        )
        for r in ident.registrations or []
        if r.registry is not TrialRegistry.CTGOV
    ]
    if ident.nct_id is not None:
        use = "official" if primary is None or primary.id == ident.nct_id else "secondary"
        out.append({"use": use, "system": c.NCT_SYSTEM, "value": ident.nct_id})
    out.sort(key=lambda identifier: identifier["use"] != "official")  # the official id first
    out += [{"use": "old", "system": c.NCT_SYSTEM, "value": a} for a in ident.nct_id_aliases or []]
    if ident.org_study_id is not None:
        out.append(
            {"use": "secondary", "type": {"text": "org study id"}, "value": ident.org_study_id}
        )
    for other in ident.secondary_ids or []:
        out.append(
            _element(
                use="secondary",
                type=concept(other.type.value) if other.type else None,
                value=other.id,
                assigner={"display": other.domain} if other.domain else None,
            )
        )
    return out


def labels(record: TrialRecord) -> list[Json]:
    """The official title and the acronym as labels of their title types."""
    ident = record.identification
    pairs = [
        ("official", "official title", ident.official_title),
        ("acronym", "acronym", ident.acronym),
    ]
    return [
        {"type": concept(text, c.TITLE_SYSTEM, code), "value": value}
        for code, text, value in pairs
        if value is not None
    ]


def progress(trial: TrialHistory) -> list[Json]:
    """Each run of versions with one overall status, dated by the versions that show it, and the
    overall study period."""
    out: list[Json] = []
    runs: list[tuple[str, str | None]] = []
    for version in trial.versions:
        status = version.ref.overall_status
        dated = (
            version.ref.date
            if version.ref.date_basis in {"snapshot", "last_update_posted"}
            else None
        )
        if status is not None and (not runs or runs[-1][0] != status):
            runs.append((status, dated))
    for index, (status, since) in enumerate(runs):
        until = runs[index + 1][1] if index + 1 < len(runs) else None
        period = _element(start=since, end=until)
        out.append(
            _element(state=mapped(status, c.STATUS_SYSTEM, c.STATUSES), actual=True, period=period)
        )
    overall = progress_period(trial.current)
    if overall is not None:
        state = concept("overall study", c.STATUS_SYSTEM, "overall-study")
        out.append({"state": state, "period": overall})
    return out


def progress_period(record: TrialRecord) -> Json | None:
    """Start to completion, each exactly as precise as the record (FHIR dateTime takes YYYY-MM)."""
    status = record.status
    if status is None:
        return None
    start = status.start.date if status.start else None
    end = status.completion.date if status.completion else None
    return _element(start=start, end=end) or None


def recruitment(trial: TrialHistory) -> Json | None:
    """Actual enrollment once the current version says ACTUAL; the latest ESTIMATED target."""
    target = actual = None
    for version in trial.versions:
        design = version.record.design
        enrollment = design.enrollment if design else None
        if enrollment is None or enrollment.type is None:
            continue
        if enrollment.type.value == "ESTIMATED":
            target = enrollment.count
        elif version is trial.versions[-1]:
            actual = enrollment.count
    return _element(targetNumber=target, actualNumber=actual) or None


def _party(name: str, role: str, code: str | None, classifier: str | None = None) -> Json:
    return _element(
        name=name,
        role=concept(role, c.PARTY_ROLE_SYSTEM, code),
        classifier=[mapped(classifier, c.ORG_TYPE_SYSTEM, c.ORG_TYPES)] if classifier else None,
    )


def parties(record: TrialRecord) -> list[Json]:
    """Lead sponsor, collaborators, funding sources and officials, each with its role."""
    out = []
    sponsors = record.sponsors
    if sponsors is not None and sponsors.lead is not None:
        lead = sponsors.lead
        cls = lead.agency_class.value if lead.agency_class else None
        out.append(_party(lead.name, "lead sponsor", "lead-sponsor", cls))
    for org in (sponsors.collaborators or []) if sponsors else []:
        cls = org.agency_class.value if org.agency_class else None
        out.append(_party(org.name, "collaborator", "collaborator", cls))
    for funder in (sponsors.funding_sources or []) if sponsors else []:
        out.append(_party(funder, "funding source", "funding-source"))
    for official in record.officials or []:
        role = official.role.value if official.role else None
        code = c.OFFICIAL_ROLES.get(role) if role else None
        out.append(_party(official.name, role or "official", code))
    return out


def comparison_groups(record: TrialRecord) -> list[Json]:
    """One comparison group per arm."""
    return [
        _element(
            linkId=f"arm-{index}",
            name=arm.label,
            type=mapped(arm.type.value, c.ARM_TYPE_SYSTEM, c.ARM_TYPES) if arm.type else None,
            description=arm.description,
        )
        for index, arm in enumerate(record.arms or [], 1)
    ]


def outcome_measures(outcomes: Outcomes | None) -> Iterator[Json]:
    """Primary, secondary and other outcomes; the time frame is written into the description."""
    for kind in ("primary", "secondary", "other"):
        for item in getattr(outcomes, kind, None) or []:
            text = [
                item.description or "",
                f"Time frame: {item.time_frame}" if item.time_frame else "",
            ]
            yield _element(
                name=item.measure,
                type=[concept(kind, c.OBJECTIVE_SYSTEM, c.OBJECTIVES[kind])],
                description="\n\n".join(t for t in text if t),
            )


def design(record: TrialRecord) -> list[Json]:
    """The registry's design values as text concepts (FHIR's study-design codes do not match)."""
    d = record.design
    if d is None:
        return []
    values = [
        ("study type", d.study_type),
        ("allocation", d.allocation),
        ("intervention model", d.intervention_model),
        ("masking", d.masking.masking if d.masking else None),
        ("observational model", d.observational_model),
        ("time perspective", d.time_perspective),
    ]
    out = [concept(f"{label}: {v.value}") for label, v in values if v is not None]
    who = d.masking.who_masked if d.masking else None
    if who:
        out.append(concept("masked: " + ", ".join(w.value for w in who)))
    return out


def conditions(record: TrialRecord) -> list[Json]:
    """Conditions as text, then the registry's MeSH terms for them, coded."""
    out = [concept(text) for text in record.conditions or []]
    derived = record.derived
    for term in (derived.condition_mesh_terms or []) if derived else []:
        out.append({"coding": [{"system": c.MESH_SYSTEM, "code": term.id, "display": term.term}]})
    return out
