"""Intervention roles (record format 2.0, area 6), after CDISC USDM's StudyIntervention.role.

USDM's codelist C207417 (Study Intervention Role, not extensible) has eight terms. trialmodel keeps
them in its registry-style spelling and adds two narrower roles cell therapy needs, PRE_MEDICATION
and CONDITIONING, which USDM files under Additional Required Treatment; ``ROLE_USDM`` gives each
role its USDM term, so an export to USDM loses nothing but the narrower word.
"""

from __future__ import annotations

from trialmodel.model.vocab.base import Vocab

__all__ = ["ROLE_USDM", "USDM_ROLE_CODELIST", "InterventionRole"]


class InterventionRole(Vocab):
    """What an intervention, or a therapy given besides those under study, is for in the trial,
    after CDISC USDM's StudyIntervention.role (codelist C207417). EXPERIMENTAL is the intervention
    under study; ACTIVE_COMPARATOR an active control; PLACEBO a placebo; BACKGROUND a background
    treatment; PRE_MEDICATION a medication given before the product to prevent a reaction
    (an antihistamine before an infusion); CONDITIONING conditioning or lymphodepletion
    (fludarabine and cyclophosphamide before CAR T cells); RESCUE a rescue medicine;
    ADDITIONAL_REQUIRED another treatment the protocol requires; CHALLENGE_AGENT a challenge
    agent; DIAGNOSTIC a diagnostic."""

    EXPERIMENTAL = "EXPERIMENTAL"
    ACTIVE_COMPARATOR = "ACTIVE_COMPARATOR"
    PLACEBO = "PLACEBO"
    BACKGROUND = "BACKGROUND"
    PRE_MEDICATION = "PRE_MEDICATION"
    CONDITIONING = "CONDITIONING"
    RESCUE = "RESCUE"
    ADDITIONAL_REQUIRED = "ADDITIONAL_REQUIRED"
    CHALLENGE_AGENT = "CHALLENGE_AGENT"
    DIAGNOSTIC = "DIAGNOSTIC"


USDM_ROLE_CODELIST = "C207417"
"""CDISC USDM's codelist of StudyIntervention.role (NCI Thesaurus codes)."""

ROLE_USDM: dict[InterventionRole, tuple[str, str]] = {
    InterventionRole.EXPERIMENTAL: ("C41161", "Experimental Intervention"),
    InterventionRole.ACTIVE_COMPARATOR: ("C68609", "Active Comparator"),
    InterventionRole.PLACEBO: ("C753", "Placebo"),
    InterventionRole.BACKGROUND: ("C165822", "Background Treatment"),
    InterventionRole.PRE_MEDICATION: ("C207614", "Additional Required Treatment"),
    InterventionRole.CONDITIONING: ("C207614", "Additional Required Treatment"),
    InterventionRole.RESCUE: ("C165835", "Rescue Medicine"),
    InterventionRole.ADDITIONAL_REQUIRED: ("C207614", "Additional Required Treatment"),
    InterventionRole.CHALLENGE_AGENT: ("C158128", "Challenge Agent"),
    InterventionRole.DIAGNOSTIC: ("C18020", "Diagnostic"),
}
"""Each role's USDM term (code, decode) in codelist C207417; every role has one."""

InterventionRole.__doc__ = (
    (InterventionRole.__doc__ or "")
    + " USDM term of each (codelist "
    + USDM_ROLE_CODELIST
    + "): "
    + "; ".join(f"{role.value} {code} ({term})" for role, (code, term) in ROLE_USDM.items())
    + "."
)
