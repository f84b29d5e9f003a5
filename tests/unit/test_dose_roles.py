"""Format 2.0's dose and role parts: the model reads them, the rules hold them, USDM codes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from trialmodel.findings import Finding, Severity
from trialmodel.model.dose import Concentration
from trialmodel.model.product import BackgroundTherapy, DoseAmount, Duration
from trialmodel.model.record import Intervention, TrialRecord
from trialmodel.model.vocab import (
    ROLE_USDM,
    SCALED_BASES,
    USDM_ROLE_CODELIST,
    DoseBasis,
    InterventionRole,
)
from trialmodel.validation.files import validate_bytes

ROOT = Path(__file__).parents[2]
SMALL = ROOT / "tests" / "examples" / "valid" / "small.yaml"
DOSE = """        dose:
          value: 1.0e+6
          counted: CELLS
          basis: PER_KG_BODY_WEIGHT
"""


def _findings(*edits: tuple[str, str]) -> list[Finding]:
    text = SMALL.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return list(validate_bytes(text.encode(), "small.yaml").findings)


def _codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_duration_takes_decimals_and_minutes() -> None:
    """A duration is a decimal number of a unit (1.5 HOUR, 30 MINUTE); 0 is refused."""
    assert Duration.model_validate({"value": 1.5, "unit": "HOUR"}).value == 1.5
    assert Duration.model_validate({"value": 30, "unit": "MINUTE"}).value == 30
    with pytest.raises(ValidationError):
        Duration.model_validate({"value": 0, "unit": "DAY"})


def test_concentration_keeps_the_sources_volume() -> None:
    """8×10^8 vesicles per 3 mL stays 8.0e+8 in 3 mL, never divided out; per_ml is required."""
    amount = Concentration.model_validate({"value": 8.0e8, "counted": "VESICLES", "per_ml": 3.0})
    assert (amount.value, amount.per_ml) == (8.0e8, 3.0)
    with pytest.raises(ValidationError):
        Concentration.model_validate({"value": 8.0e8, "counted": "VESICLES"})


def test_dose_counts_which_cells_and_per_m2() -> None:
    """A dose may count viable, total nucleated, CD34+ or CAR+ cells, and be per m²."""
    for counted in ("VIABLE_CELLS", "TOTAL_NUCLEATED_CELLS", "CD34_POSITIVE_CELLS"):
        dose = DoseAmount.model_validate(
            {"value": 1.0e6, "counted": counted, "basis": "PER_M2_BODY_SURFACE"}
        )
        assert dose.basis is DoseBasis.PER_M2_BODY_SURFACE
    assert {DoseBasis.PER_KG_BODY_WEIGHT, DoseBasis.PER_M2_BODY_SURFACE} == SCALED_BASES


def test_roles_and_arms_are_curated() -> None:
    """The registry import never sets a role; a background therapy's arms are curated too."""
    assert "role" in Intervention.curated
    assert "background_therapies" in TrialRecord.curated
    item = {"name": "Celecoxib", "arms": ["A"], "role": "RESCUE"}
    therapy = BackgroundTherapy.model_validate(item)
    assert therapy.role is InterventionRole.RESCUE


def test_every_role_has_its_usdm_term() -> None:
    """Each role maps to a term of USDM's codelist C207417, and all eight of its terms are used."""
    assert set(ROLE_USDM) == set(InterventionRole)
    codes = {code for code, _ in ROLE_USDM.values()}
    assert codes == {
        "C41161", "C68609", "C753", "C165835", "C207614", "C165822", "C158128", "C18020"
    }  # fmt: skip
    assert USDM_ROLE_CODELIST == "C207417"


def test_the_schema_shows_usdm_codes_and_the_classes_their_references() -> None:
    """The exported schema names each role's USDM code; new classes name what they follow."""
    schema = json.loads((ROOT / "schemas" / "trial-record.schema.json").read_text("utf-8"))
    described = schema["$defs"]["InterventionRole"]["description"]
    for role, (code, term) in ROLE_USDM.items():
        assert f"{role.value} {code} ({term})" in described
    assert Concentration.follows and "FHIR" in Concentration.follows
    assert Duration.follows and "Timing" in Duration.follows


def test_a_capped_per_kg_dose_is_clean() -> None:
    """A per-kg dose with a cap above it, and a cumulative dose above it, raise nothing."""
    capped = DOSE + "          cap: 2.0e+8\n"
    total = "        cumulative_dose:\n          value: 4.0e+6\n          counted: CELLS\n"
    total += "          basis: PER_KG_BODY_WEIGHT\n"
    assert _findings((DOSE, capped + total)) == []


@pytest.mark.parametrize("basis", ["PER_ADMINISTRATION"])
def test_cap_needs_a_scaled_basis(basis: str) -> None:
    """A cap on a fixed dose is an error at the cap, with a hint."""
    edit = DOSE.replace("PER_KG_BODY_WEIGHT", basis) + "          cap: 2.0e+8\n"
    (finding,) = _findings((DOSE, edit))
    assert (finding.code, finding.severity) == ("dose_cap_without_scaled_basis", Severity.ERROR)
    assert finding.path == "arms[0].dose_levels[0].dose.cap"
    assert finding.hint and "PER_M2_BODY_SURFACE" in finding.hint


def test_cap_at_or_below_the_range_top_is_an_error() -> None:
    """A cap at or below the dose's high end binds for everyone; above it, it does not."""
    ranged = DOSE.replace("value: 1.0e+6\n", "value: 1.0e+6\n          max: 2.0e+6\n")
    (finding,) = _findings((DOSE, ranged + "          cap: 1.5e+6\n"))
    assert finding.code == "dose_cap_not_above_dose"
    assert "1.5e+6" in finding.message and "2.0e+6" in finding.message
    assert _findings((DOSE, ranged + "          cap: 2.0e+8\n")) == []


def test_cumulative_dose_below_dose_only_when_counted_alike() -> None:
    """A total below one administration is an error; a total counted otherwise is not compared."""
    total = "        cumulative_dose:\n          value: 5.0e+5\n          counted: CELLS\n"
    (finding,) = _findings((DOSE, DOSE + total + "          basis: PER_KG_BODY_WEIGHT\n"))
    assert finding.code == "cumulative_dose_below_dose"
    assert finding.path == "arms[0].dose_levels[0].cumulative_dose.value"
    assert _findings((DOSE, DOSE + total + "          basis: PER_ADMINISTRATION\n")) == []


def test_inverted_ranges_of_concentration_and_cumulative_dose() -> None:
    """dose_range_inverted covers a concentration's and a cumulative dose's range too."""
    bad = "        concentration:\n          value: 2.0e+6\n          max: 1.0e+6\n"
    bad += "          counted: CELLS\n          per_ml: 1.0\n"
    (finding,) = _findings((DOSE, DOSE + bad))
    assert (finding.code, finding.path) == (
        "dose_range_inverted",
        "arms[0].dose_levels[0].concentration.max",
    )


def test_background_therapy_arms_name_arms() -> None:
    """A co-treatment's arms must be arm labels; a listed label, or no arms, is clean."""
    therapy = "background_therapies:\n  - name: Celecoxib\n    arms: [{}]\noutcomes:"
    (finding,) = _findings(("outcomes:", therapy.format("Placebos")))
    assert finding.code == "background_therapy_unknown_arm"
    assert finding.path == "background_therapies[0].arms[0]"
    assert finding.hint == "did you mean 'Placebo'?"
    assert _findings(("outcomes:", therapy.format("Placebo"))) == []


def test_placebo_role_marked_cell_based() -> None:
    """A PLACEBO marked cell-based is an error at its role; a PLACEBO not cell-based is clean."""
    placebo = "    arms: [Placebo]\n    cell_based: false"
    findings = _findings((placebo, placebo.replace("false", "true") + "\n    role: PLACEBO"))
    assert "placebo_marked_cell_based" in _codes(findings)
    assert _findings((placebo, placebo + "\n    role: PLACEBO")) == []


def test_the_report_tells_cap_concentration_total_and_co_treatment() -> None:
    """The report's words for a cap, a concentration, a fixed total, an infusion and the arms
    and role of a co-treatment."""
    from trialmodel.model.product import DoseLevel, Regimen
    from trialmodel.outputs.report.view import dose_text, level_extras, regimen_text, therapy_text

    level = DoseLevel.model_validate(
        {
            "label": "A",
            "intervention": "X",
            "dose": {"value": 2e6, "counted": "VIABLE_CELLS", "basis": "PER_KG_BODY_WEIGHT"}
            | {"cap": 2e8},
            "concentration": {"value": 8e8, "counted": "VESICLES", "per_ml": 3.0},
            "cumulative_dose": {"value": 1.6e9, "counted": "CELLS", "basis": "PER_ADMINISTRATION"},
        }
    )
    assert dose_text(level.dose, False) == "2×10⁶ viable cells per kg body weight, at most 2×10⁸"
    assert level_extras(level) == "concentration 8×10⁸ vesicles per 3 mL; in total 1.6×10⁹ cells"
    regimen = Regimen.model_validate({"infusion_duration": {"value": 1.5, "unit": "HOUR"}})
    assert regimen_text(regimen) == "each infusion over 1.5 hours"
    therapy = BackgroundTherapy.model_validate(
        {"name": "Celecoxib", "dose": "0.2 g", "arms": ["Placebo"], "role": "BACKGROUND"}
    )
    assert therapy_text(therapy) == "Celecoxib, 0.2 g, background, in Placebo"
