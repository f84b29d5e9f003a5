"""How regulators class the product under study and what they have granted it: curated facts,
each with its date and the source that states it, that no registry field holds.

The section is the curator's (``TrialRecord.curated``): the registry import never writes it and
an update never touches it. An absent field means that no source used for the record says it.
"""

from trialmodel.model.base import Section
from trialmodel.model.types import Lax, PartialDate, Text
from trialmodel.model.vocab import (
    AtmpClass,
    DesignationStatus,
    RegenerativeMedicineRiskClass,
    UsProductTier,
)

__all__ = ["CatClassification", "Designation", "EuRegulation", "Ind", "Regulation", "UsRegulation"]


class Designation(Section):
    """A regulator's designation or authorisation as a curator can cite it: where it stands, its
    number, its date and the source that states it. Follows the regulators' own programmes: FDA
    RMAT and breakthrough therapy (FD&C Act section 506), orphan designation (21 CFR 316;
    Regulation (EC) No 141/2000), EMA PRIME, and the EU hospital exemption (Directive 2001/83/EC,
    Article 3(7))."""

    follows = (
        "FD&C Act section 506 (RMAT, breakthrough therapy); 21 CFR 316 and Regulation (EC) "
        "No 141/2000 (orphan designation); EMA PRIME; Directive 2001/83/EC Article 3(7) "
        "(hospital exemption)"
    )

    status: Lax[DesignationStatus]
    """Granted, requested, denied or withdrawn, as the source says."""
    number: Text | None = None
    """The designation's number where it is public (EU/3/20/2345 for an EU orphan designation)."""
    date: PartialDate | None = None
    """The date of the decision (of the request, for one still requested), as precise as the
    source."""
    source: Text | None = None
    """The document or page that states it: a title, a citation or a web address."""


class Ind(Section):
    """A US Investigational New Drug application under which the study runs (21 CFR 312)."""

    follows = "US 21 CFR 312 (Investigational New Drug application)"

    number: Text | None = None
    """The IND number, where it is public; absent where a source says an IND exists without it."""
    date: PartialDate | None = None
    """The date the IND went into effect, as precise as the source."""
    source: Text | None = None
    """The document or page that states it: a title, a citation or a web address."""


class CatClassification(Section):
    """The scientific recommendation of the EMA's Committee for Advanced Therapies on whether a
    product is an ATMP, and which (Regulation (EC) No 1394/2007, Article 17)."""

    follows = "EU Regulation (EC) No 1394/2007, Article 17 (CAT classification)"

    atmp: bool
    """True where the CAT concluded the product is an ATMP, false where it concluded it is not."""
    atmp_class: Lax[AtmpClass] | None = None
    """The class the CAT concluded, for an ATMP."""
    date: PartialDate | None = None
    """The date of the recommendation, as precise as the source."""
    source: Text | None = None
    """The document or page that states it (the EMA's summary report of the recommendation)."""


class EuRegulation(Section):
    """The product in EU law: its ATMP class and the CAT's classification under Regulation (EC)
    No 1394/2007, a hospital exemption, EMA PRIME, and orphan designation under Regulation (EC)
    No 141/2000."""

    follows = "EU Regulation (EC) No 1394/2007 (ATMP); EMA PRIME; Regulation (EC) No 141/2000"

    atmp_class: Lax[AtmpClass] | None = None
    """The ATMP class a source states (the sponsor's, or the CAT's where it classified it)."""
    cat_classification: CatClassification | None = None
    """The CAT's classification recommendation, where one was given."""
    hospital_exemption: Designation | None = None
    """Use under a member state's hospital exemption (non-routine preparation, one hospital)."""
    prime: Designation | None = None
    """EMA PRIority MEdicines (PRIME) eligibility."""
    orphan_designation: Designation | None = None
    """EU orphan designation (Regulation (EC) No 141/2000)."""


class UsRegulation(Section):
    """The product in US law: a biological product under PHS Act section 351 or an HCT/P
    regulated solely under section 361 and 21 CFR 1271, its IND (21 CFR 312), and FDA
    designations (FD&C Act section 506; orphan drug, 21 CFR 316)."""

    follows = (
        "US PHS Act sections 351 and 361 and 21 CFR 1271 (HCT/P); 21 CFR 312 (IND); "
        "FD&C Act section 506 (RMAT, breakthrough therapy); 21 CFR 316 (orphan drug)"
    )

    product_tier: Lax[UsProductTier] | None = None
    """A biological product under section 351, or an HCT/P regulated solely under section 361."""
    ind: Ind | None = None
    """The IND under which the study runs."""
    rmat: Designation | None = None
    """Regenerative Medicine Advanced Therapy designation."""
    breakthrough_therapy: Designation | None = None
    """Breakthrough therapy designation."""
    orphan_designation: Designation | None = None
    """Orphan drug designation."""


class JapanRegulation(Section):
    """The product in Japanese law: its risk class under the Act on the Safety of Regenerative
    Medicine, or a trial under the PMD Act."""

    follows = (
        "Japan's Act on the Safety of Regenerative Medicine (Act No. 85 of 2013) and the "
        "PMD Act (Act No. 145 of 1960)"
    )

    risk_class: Lax[RegenerativeMedicineRiskClass] | None = None
    """Risk class of the regenerative medicine under the Act on the Safety of Regenerative
    Medicine (clinical research and medical practice)."""
    pmd_act: bool | None = None
    """True where the study is a clinical trial of a regenerative medical product for marketing
    approval under the PMD Act (Pharmaceuticals and Medical Devices Act)."""


class Regulation(Section):
    """How regulators class the product under study and what they have granted it, by
    jurisdiction: the EU (Regulation (EC) No 1394/2007), the US (21 CFR 1271, FD&C Act 506) and
    Japan (Act on the Safety of Regenerative Medicine). Curated from sources the record cites,
    never from the registry."""

    follows = (
        "EU Regulation (EC) No 1394/2007 (ATMP); US 21 CFR 1271 (HCT/P) and FD&C Act 506; "
        "Japan's Act on the Safety of Regenerative Medicine"
    )

    eu: EuRegulation | None = None
    """European Union."""
    us: UsRegulation | None = None
    """United States."""
    japan: JapanRegulation | None = None
    """Japan."""
