"""Rules about the regulation section: facts about a product that cannot all be true at once, or
that belong to another jurisdiction than the trial's sites."""

from __future__ import annotations

from collections.abc import Iterator

from trialmodel.model.record import TrialRecord
from trialmodel.model.regulation import Designation
from trialmodel.model.vocab import EU_EEA_COUNTRIES, DesignationStatus, UsProductTier
from trialmodel.validation.rules.base import Hit

__all__ = [
    "atmp_class_differs_from_cat",
    "cat_class_without_atmp",
    "hctp_361_expedited",
    "hctp_361_with_ind",
    "hospital_exemption_outside_eu",
    "risk_class_with_pmd_act",
]


def hospital_exemption_outside_eu(record: TrialRecord) -> Iterator[Hit]:
    """A hospital exemption (an EU notion) is recorded for a trial with no site in the EU or EEA."""
    eu = record.regulation.eu if record.regulation else None
    countries = {site.country for site in record.locations or [] if site.country}
    if eu is None or eu.hospital_exemption is None or not countries:
        return
    if countries & EU_EEA_COUNTRIES:
        return
    listed = ", ".join(sorted(countries))
    message = f"a hospital exemption is an EU notion, but the sites are in {listed}"
    hint = "check the source: the exemption is granted by an EU or EEA member state"
    yield Hit(("regulation", "eu", "hospital_exemption"), message, hint, key=True)


def hctp_361_with_ind(record: TrialRecord) -> Iterator[Hit]:
    """An IND is recorded for a 361 HCT/P, which needs none (21 CFR 1271)."""
    us = record.regulation.us if record.regulation else None
    if us is None or us.product_tier is not UsProductTier.SECTION_361_HCTP or us.ind is None:
        return
    message = "an HCT/P regulated solely under section 361 needs no IND, yet one is recorded"
    hint = "a product studied under an IND is usually a 351 product: check product_tier"
    yield Hit(("regulation", "us", "ind"), message, hint, key=True)


def hctp_361_expedited(record: TrialRecord) -> Iterator[Hit]:
    """RMAT or breakthrough therapy is granted to a 361 HCT/P, which FD&C Act 506 excludes."""
    us = record.regulation.us if record.regulation else None
    if us is None or us.product_tier is not UsProductTier.SECTION_361_HCTP:
        return
    programmes: tuple[tuple[str, Designation | None], ...] = (
        ("rmat", us.rmat),
        ("breakthrough_therapy", us.breakthrough_therapy),
    )
    for name, designation in programmes:
        if designation is not None and designation.status is DesignationStatus.GRANTED:
            message = f"{name} is granted, but a 361 HCT/P cannot receive it"
            hint = "one of the two is wrong: a designated product is a 351 biological product"
            yield Hit(("regulation", "us", name), message, hint, key=True)


def cat_class_without_atmp(record: TrialRecord) -> Iterator[Hit]:
    """The CAT's classification says the product is not an ATMP, yet gives an ATMP class."""
    eu = record.regulation.eu if record.regulation else None
    cat = eu.cat_classification if eu else None
    if cat is None or cat.atmp or cat.atmp_class is None:
        return
    message = f"the CAT concluded the product is not an ATMP, yet its class is {cat.atmp_class}"
    yield Hit(("regulation", "eu", "cat_classification", "atmp_class"), message)


def atmp_class_differs_from_cat(record: TrialRecord) -> Iterator[Hit]:
    """The ATMP class recorded differs from the CAT's classification."""
    eu = record.regulation.eu if record.regulation else None
    cat = eu.cat_classification if eu else None
    if eu is None or cat is None or eu.atmp_class is None:
        return
    if not cat.atmp:
        said = "the CAT concluded the product is not an ATMP"
    elif cat.atmp_class is not None and cat.atmp_class is not eu.atmp_class:
        said = f"the CAT classified it as {cat.atmp_class}"
    else:
        return
    message = f"atmp_class is {eu.atmp_class}, but {said}"
    hint = "the CAT's recommendation is the EU's classification: follow it, or note the source"
    yield Hit(("regulation", "eu", "atmp_class"), message, hint)


def risk_class_with_pmd_act(record: TrialRecord) -> Iterator[Hit]:
    """A Japanese regenerative-medicine risk class is recorded for a trial under the PMD Act."""
    japan = record.regulation.japan if record.regulation else None
    if japan is None or japan.risk_class is None or not japan.pmd_act:
        return
    message = (
        f"risk class {japan.risk_class} is the Act on the Safety of Regenerative Medicine's, "
        "but the trial is under the PMD Act"
    )
    hint = "a clinical trial for approval under the PMD Act has no risk class: check the source"
    yield Hit(("regulation", "japan", "risk_class"), message, hint)
