"""Tests for the regulation section: its model and vocabularies, its rules, and that it stays the
curator's (the registry import never writes it; an update keeps it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from trialmodel.ctgov import import_study
from trialmodel.findings import Finding, Severity
from trialmodel.model import vocab
from trialmodel.model.base import Section, models_below
from trialmodel.model.record import TrialRecord
from trialmodel.model.regulation import Regulation
from trialmodel.records import load_record
from trialmodel.updating import plan_update
from trialmodel.validation.files import validate_bytes
from trialmodel.writing import yaml_text

EXAMPLES = Path(__file__).parents[1] / "examples"
SMALL = (EXAMPLES / "valid" / "small.yaml").read_text(encoding="utf-8")
EXAMPLE = EXAMPLES / "valid" / "regulation.yaml"
CTGOV = Path(__file__).parents[1] / "data" / "ctgov"


def _sites(*countries: str) -> str:
    rows = "".join(f"  - facility: Site {i}\n    country: {c}\n" for i, c in enumerate(countries))
    return "locations:\n" + rows if countries else ""


def _findings(regulation: str, sites: str = "") -> list[Finding]:
    text = SMALL.replace("provenance:\n", sites + "regulation:\n" + regulation + "provenance:\n")
    return list(validate_bytes(text.encode(), "small.yaml").findings)


def _one(regulation: str, sites: str = "") -> Finding:
    findings = _findings(regulation, sites)
    assert len(findings) == 1, findings
    return findings[0]


def test_valid_example_uses_every_field() -> None:
    """The valid example fills every field of every regulation model."""
    record = load_record(EXAMPLE.read_bytes(), name=EXAMPLE.name)
    assert record.regulation is not None
    seen: dict[type, set[str]] = {}

    def walk(value: object) -> None:
        if isinstance(value, Section):
            seen.setdefault(type(value), set()).update(value.model_fields_set)
            for name in value.model_fields_set:
                walk(getattr(value, name))

    walk(record.regulation)
    for model in models_below(Regulation):
        assert set(model.model_fields) == seen.get(model, set()), model.__name__


def test_every_regulation_model_names_its_reference() -> None:
    """Each class of the section sets ``follows`` and its docstring names the same reference."""
    markers = ("1394/2007", "21 CFR", "506", "141/2000", "PRIME", "Act No. 85", "PMD Act")
    for model in models_below(Regulation):
        follows, doc = getattr(model, "follows", None), model.__doc__ or ""
        assert isinstance(follows, str) and follows, model.__name__
        assert any(m in follows and m in doc for m in markers), model.__name__


def test_vocabularies_are_exported_from_the_vocab_package() -> None:
    """The new vocabularies are importable from trialmodel.model.vocab and listed in __all__."""
    for name in (
        "AtmpClass",
        "UsProductTier",
        "RegenerativeMedicineRiskClass",
        "DesignationStatus",
        "EU_EEA_COUNTRIES",
    ):
        assert name in vocab.__all__ and hasattr(vocab, name)
    assert [c.value for c in vocab.AtmpClass] == [
        "SOMATIC_CELL_THERAPY",
        "TISSUE_ENGINEERED",
        "GENE_THERAPY",
        "COMBINED_ATMP",
    ]


def test_misspelt_class_is_an_enum_error_with_a_hint() -> None:
    """A misspelt ATMP class is the model's enum error, with the nearest value as a hint."""
    finding = _one("  eu:\n    atmp_class: SOMATIC_CELL_THERAPHY\n")
    assert (finding.code, finding.path) == ("enum", "regulation.eu.atmp_class")
    assert finding.hint == "did you mean 'SOMATIC_CELL_THERAPY'?"


def test_designation_needs_its_status() -> None:
    """A designation without a status is incomplete: the model says which key is missing."""
    finding = _one('  us:\n    rmat:\n      date: "2021"\n')
    assert (finding.code, finding.path) == ("missing", "regulation.us.rmat.status")


def test_hospital_exemption_with_an_eu_site_or_no_sites_is_clean() -> None:
    """Some site in the EU or EEA, or no sites known, gives no finding; only non-EU sites warn."""
    exemption = "  eu:\n    hospital_exemption:\n      status: GRANTED\n"
    assert _findings(exemption, _sites("United States", "Spain")) == []
    assert _findings(exemption, _sites("Norway")) == []
    assert _findings(exemption) == []
    finding = _one(exemption, _sites("United States", "Japan"))
    assert (finding.code, finding.severity) == ("hospital_exemption_outside_eu", Severity.WARNING)
    assert "Japan, United States" in finding.message


def test_ind_for_a_361_hctp_is_a_warning() -> None:
    """An IND for a 361 HCT/P warns; an IND for a 351 product does not."""
    ind = '    ind:\n      number: "012345"\n'
    finding = _one("  us:\n    product_tier: SECTION_361_HCTP\n" + ind)
    assert (finding.code, finding.severity, finding.path) == (
        "hctp_361_with_ind",
        Severity.WARNING,
        "regulation.us.ind",
    )
    assert _findings("  us:\n    product_tier: SECTION_351\n" + ind) == []


@pytest.mark.parametrize("programme", ["rmat", "breakthrough_therapy"])
def test_expedited_designation_granted_to_a_361_hctp_is_an_error(programme: str) -> None:
    """RMAT or breakthrough granted to a 361 HCT/P is an error; requested or denied is not."""
    granted = (
        f"  us:\n    product_tier: SECTION_361_HCTP\n    {programme}:\n      status: GRANTED\n"
    )
    finding = _one(granted)
    assert (finding.code, finding.severity) == ("hctp_361_expedited", Severity.ERROR)
    assert finding.path == f"regulation.us.{programme}"
    assert _findings(granted.replace("GRANTED", "DENIED")) == []
    assert _findings(granted.replace("SECTION_361_HCTP", "SECTION_351")) == []


def test_cat_saying_not_atmp_gives_no_class() -> None:
    """A CAT recommendation of 'not an ATMP' with a class is an error at the class."""
    cat = "  eu:\n    cat_classification:\n      atmp: false\n      atmp_class: GENE_THERAPY\n"
    finding = _one(cat)
    assert (finding.code, finding.severity) == ("cat_class_without_atmp", Severity.ERROR)
    assert finding.path == "regulation.eu.cat_classification.atmp_class"


def test_atmp_class_against_the_cat() -> None:
    """A class other than the CAT's, or a class where the CAT said no ATMP, warns; agreeing is
    clean."""
    cat = "    cat_classification:\n      atmp: true\n      atmp_class: SOMATIC_CELL_THERAPY\n"
    assert _findings("  eu:\n    atmp_class: SOMATIC_CELL_THERAPY\n" + cat) == []
    finding = _one("  eu:\n    atmp_class: COMBINED_ATMP\n" + cat)
    assert (finding.code, finding.path) == (
        "atmp_class_differs_from_cat",
        "regulation.eu.atmp_class",
    )
    assert finding.severity is Severity.WARNING
    no = "    cat_classification:\n      atmp: false\n"
    finding = _one("  eu:\n    atmp_class: COMBINED_ATMP\n" + no)
    assert "not an ATMP" in finding.message


def test_risk_class_under_the_pmd_act_warns() -> None:
    """A Japanese risk class with pmd_act true warns; with pmd_act false or absent it does not."""
    finding = _one("  japan:\n    risk_class: CLASS_I\n    pmd_act: true\n")
    assert (finding.code, finding.severity) == ("risk_class_with_pmd_act", Severity.WARNING)
    assert _findings("  japan:\n    risk_class: CLASS_I\n    pmd_act: false\n") == []
    assert _findings("  japan:\n    risk_class: CLASS_III\n") == []


def _registry() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads((CTGOV / "NCT00973089.json").read_bytes())
    raw["protocolSection"]["identificationModule"]["nctId"] = "NCT99999913"
    return raw


def test_regulation_is_curated_never_imported_and_kept_by_an_update(tmp_path: Path) -> None:
    """The import writes no regulation; an update from a newer registry version keeps it."""
    assert "regulation" in TrialRecord.curated
    text = yaml_text(import_study(_registry(), "v1.json").data)
    assert "regulation:" not in text
    section = 'regulation:\n  us:\n    product_tier: SECTION_351\n    ind:\n      number: "1"\n'
    path = tmp_path / "NCT99999913.yaml"
    path.write_text(text.replace("provenance:\n", section + "provenance:\n"), encoding="utf-8")
    raw = _registry()
    status = raw["protocolSection"]["statusModule"]
    status["lastUpdatePostDateStruct"] = {"date": "2016-01-05", "type": "ACTUAL"}
    status["overallStatus"] = "TERMINATED"
    update = plan_update(path, import_study(raw, "v2.json"))
    assert section in update.new_text
    assert update.new.status is not None and update.new.status.overall == "TERMINATED"
