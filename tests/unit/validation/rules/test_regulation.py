"""Tests for the rules of validation/rules/regulation.py: exact findings, and quiet where a fact
they need is not given."""

from __future__ import annotations

from tests.unit.validation.small import findings_of


def _findings(regulation: str, countries: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """(code, path, message) of small.yaml with a regulation section and sites in ``countries``."""
    sites = "".join(f"  - facility: Site {i}\n    country: {c}\n" for i, c in enumerate(countries))
    added = ("locations:\n" + sites if sites else "") + "regulation:\n" + regulation
    findings = findings_of(("provenance:\n", added + "provenance:\n"))
    return [(f.code, f.path, f.message) for f in findings]


EXEMPTION = "  eu:\n    hospital_exemption:\n      status: GRANTED\n"


def test_hospital_exemption_outside_eu_names_every_country() -> None:
    """Sites outside the EU and EEA are named, sorted, in the warning."""
    assert _findings(EXEMPTION, ("United States", "Japan", "Japan")) == [
        (
            "hospital_exemption_outside_eu",
            "regulation.eu.hospital_exemption",
            "a hospital exemption is an EU notion, but the sites are in Japan, United States",
        )
    ]


def test_hospital_exemption_without_sites_is_not_judged() -> None:
    """No site known: where the trial runs is unknown, so no warning."""
    assert _findings(EXEMPTION) == []


def test_breakthrough_therapy_granted_to_a_361_hctp() -> None:
    """Breakthrough therapy granted to a 361 HCT/P is an error at that designation."""
    granted = "  us:\n    product_tier: SECTION_361_HCTP\n    breakthrough_therapy:\n"
    assert _findings(granted + "      status: GRANTED\n") == [
        (
            "hctp_361_expedited",
            "regulation.us.breakthrough_therapy",
            "breakthrough_therapy is granted, but a 361 HCT/P cannot receive it",
        )
    ]


def test_atmp_class_where_the_cat_found_no_atmp() -> None:
    """A class recorded where the CAT concluded 'not an ATMP' warns, saying so."""
    cat = "    cat_classification:\n      atmp: false\n"
    regulation = "  eu:\n    atmp_class: COMBINED_ATMP\n" + cat
    assert _findings(regulation) == [
        (
            "atmp_class_differs_from_cat",
            "regulation.eu.atmp_class",
            "atmp_class is COMBINED_ATMP, but the CAT concluded the product is not an ATMP",
        )
    ]


def test_atmp_class_without_a_cat_classification_is_clean() -> None:
    """Without the CAT's classification there is nothing to compare the class with."""
    assert _findings("  eu:\n    atmp_class: SOMATIC_CELL_THERAPY\n") == []
