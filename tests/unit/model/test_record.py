"""Tests for TrialRecord: strictness, required fields and the cell-therapy sections."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from trialmodel import TrialRecord
from trialmodel.model.vocab import DoseBasis, OverallStatus

MINIMAL: dict[str, Any] = {
    "schema_version": "2.0",
    "identification": {"nct_id": "NCT03929120"},
    "provenance": {"state": "CURATED", "sources": [{"name": "ClinicalTrials.gov"}]},
}

CELL_ARM: dict[str, Any] = {
    "label": "MSCs",
    "type": "EXPERIMENTAL",
    "interventions": ["Bone marrow mesenchymal stem cells"],
    "dose_levels": [
        {
            "label": "2×10^8 cells per infusion",
            "intervention": "Bone marrow mesenchymal stem cells",
            "dose": {
                "value": 2.0e8,
                "counted": "CELLS",
                "basis": "PER_ADMINISTRATION",
                "as_written": "200 000 000 MSCs",
            },
            "regimen": {
                "route": "INTRAVENOUS",
                "administrations": 2,
                "interval": {"value": 7, "unit": "DAY"},
                "course_repeat_every": {"value": 3, "unit": "MONTH"},
                "course_repeat_for": {"value": 1, "unit": "YEAR"},
            },
        }
    ],
}


def _errors(data: dict[str, Any]) -> list[tuple[str, tuple[str | int, ...]]]:
    try:
        TrialRecord.model_validate(data)
    except ValidationError as exc:
        return [(str(e["type"]), tuple(e["loc"])) for e in exc.errors()]
    return []


def _with(
    path: tuple[str | int, ...], value: Any, base: dict[str, Any] = MINIMAL
) -> dict[str, Any]:
    data = copy.deepcopy(base)
    node: Any = data
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
    node[path[-1]] = value
    return data


def test_minimal_record_is_valid() -> None:
    """A record needs only its format version, its NCT id and its provenance."""
    record = TrialRecord.model_validate(MINIMAL)
    assert record.identification.nct_id == "NCT03929120"
    assert record.status is None


def test_enumerations_read_registry_spellings() -> None:
    """Enumerated fields accept the registry's spelling and hold the vocabulary member."""
    record = TrialRecord.model_validate(_with(("status",), {"overall": "SUSPENDED"}))
    assert record.status is not None
    assert record.status.overall is OverallStatus.SUSPENDED


def test_missing_required_fields_are_reported() -> None:
    """Leaving out the identification is a 'missing' error at that key."""
    data = copy.deepcopy(MINIMAL)
    del data["identification"]
    assert _errors(data) == [("missing", ("identification",))]


def test_unknown_keys_are_errors() -> None:
    """An unknown key anywhere is extra_forbidden, not silently dropped."""
    assert _errors(_with(("identification", "nct_idd"), "NCT03929120")) == [
        ("extra_forbidden", ("identification", "nct_idd"))
    ]


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        (("design", "enrollment"), {"count": "12"}, "int_type"),
        (("design", "enrollment"), {"count": 12.5}, "int_type"),
        (("design", "enrollment"), {"count": True}, "int_type"),
        (("identification", "brief_title"), 12.0, "string_type"),
        (("identification", "brief_title"), "", "blank_string"),
        (("eligibility", "healthy_volunteers"), "no", "bool_type"),
        (("status",), {"overall": "SUSPENDD"}, "enum"),
    ],
)
def test_no_silent_coercion(path: tuple[str, ...], value: Any, code: str) -> None:
    """Strings are not numbers, numbers are not strings, and enums take only their values."""
    codes = [c for c, _ in _errors(_with(path, value))]
    assert codes == [code]


def test_cell_arm_with_dose_and_regimen() -> None:
    """An arm carries dose levels with a counted unit, a basis and a full regimen."""
    record = TrialRecord.model_validate(_with(("arms",), [CELL_ARM]))
    assert record.arms is not None
    level = record.arms[0].dose_levels[0] if record.arms[0].dose_levels else None
    assert level is not None and level.dose is not None and level.regimen is not None
    assert level.dose.value == 2.0e8
    assert level.dose.basis is DoseBasis.PER_ADMINISTRATION
    assert level.regimen.interval is not None and level.regimen.interval.value == 7


@pytest.mark.parametrize("value", [0, -1.5, float("inf"), float("nan")])
def test_dose_must_be_a_positive_finite_number(value: float) -> None:
    """A dose of zero, a negative dose, infinity and NaN are all rejected."""
    arm = copy.deepcopy(CELL_ARM)
    arm["dose_levels"][0]["dose"]["value"] = value
    assert _errors(_with(("arms",), [arm])) != []


def test_phases_is_a_non_empty_list() -> None:
    """Phase 1/Phase 2 is two entries; an empty phase list is rejected."""
    ok = TrialRecord.model_validate(_with(("design",), {"phases": ["PHASE1", "PHASE2"]}))
    assert ok.design is not None and ok.design.phases is not None and len(ok.design.phases) == 2
    assert [c for c, _ in _errors(_with(("design",), {"phases": []}))] == ["too_short"]


def test_records_are_immutable() -> None:
    """A validated record cannot be changed in place."""
    record = TrialRecord.model_validate(MINIMAL)
    with pytest.raises(ValidationError):
        record.schema_version = "2.1"  # type: ignore[misc]


def test_integral_float_reads_as_integer_like_json_schema() -> None:
    """12.0 is read as 12, as every JSON Schema validator reads it, so both give one verdict."""
    record = TrialRecord.model_validate(_with(("design",), {"enrollment": {"count": 12.0}}))
    assert record.design is not None and record.design.enrollment is not None
    assert record.design.enrollment.count == 12
    assert isinstance(record.design.enrollment.count, int)


def test_explicit_null_is_rejected() -> None:
    """An explicit null is not a second way to say 'absent': leave the key out instead."""
    assert [c for c, _ in _errors(_with(("identification", "brief_title"), None))] == ["null_value"]


def test_responsible_party_may_name_a_person_without_its_kind() -> None:
    """A responsible party whose kind no source gives is held without one; a wrong kind is not."""
    data = copy.deepcopy(MINIMAL)
    data["sponsors"] = {
        "responsible_party": {
            "investigator_name": "Andy Abril, M.D.",
            "investigator_affiliation": "Mayo Clinic",
        }
    }
    party = TrialRecord.model_validate(data).sponsors
    assert party is not None and party.responsible_party is not None
    assert party.responsible_party.type is None
    data["sponsors"]["responsible_party"]["type"] = "INVESTIGATOR"
    with pytest.raises(ValidationError) as caught:
        TrialRecord.model_validate(data)
    assert [e["type"] for e in caught.value.errors()] == ["enum"]
