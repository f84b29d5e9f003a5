"""Tests for validation.model_errors: the model's errors as located findings with hints."""

from __future__ import annotations

from typing import Annotated

import pytest

from tests.unit.validation.small import findings_of, only
from trialmodel.loading import load_bytes


def test_enum_error_lists_values_says_what_it_got_and_hints() -> None:
    """A misspelt enum value: code enum, at the value, allowed values, the input, a hint."""
    finding = only(findings_of(("overall: RECRUITING", "overall: SUSPENDD")))
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "enum",
        "status.overall",
        8,
        12,
    )
    assert "'SUSPENDED'" in finding.message
    assert finding.message.endswith("(got 'SUSPENDD')")
    assert finding.hint == "did you mean 'SUSPENDED'?"
    assert "https://" not in finding.message


def test_enum_hint_reads_mirror_spellings() -> None:
    """A mirror site's spelling ('Active, not recruiting') hints at the registry's value."""
    finding = only(findings_of(("overall: RECRUITING", "overall: Active, not recruiting")))
    assert finding.hint == "did you mean 'ACTIVE_NOT_RECRUITING'?"


def test_unknown_key_points_at_the_key_with_a_hint() -> None:
    """An unknown key is extra_forbidden at the key itself, 'unknown field', with a hint."""
    finding = only(findings_of(("    dose_levels:", "    dose_levl:")))
    assert (finding.code, finding.path) == ("extra_forbidden", "arms[0].dose_levl")
    assert (finding.line, finding.column, finding.message) == (29, 5, "unknown field")
    assert finding.hint == "did you mean 'dose_levels'?"


def test_missing_key_points_at_the_parent_mapping() -> None:
    """A missing required key is reported at its parent mapping, naming the field."""
    finding = only(findings_of(("    name: Saline\n", "")))
    assert (finding.code, finding.path) == ("missing", "interventions[1].name")
    assert finding.message == "required field 'name' is missing"
    assert (finding.line, finding.column) == (50, 5)


def test_wrong_types_are_not_coerced() -> None:
    """'40' is not an integer and 12.0 is not text: each is an error with a fixing hint."""
    count = only(findings_of(("count: 40", 'count: "40"')))
    assert (count.code, count.path) == ("int_type", "design.enrollment.count")
    assert count.message.endswith("(got '40')")
    assert count.hint == "write the number without quotes: 40"
    title = only(
        findings_of(("brief_title: Example MSC trial in knee osteoarthritis", "brief_title: 12.0"))
    )
    assert (title.code, title.path) == ("string_type", "identification.brief_title")
    assert title.hint == "quote it to keep it as text: '12.0'"


def test_domain_type_codes_and_date_hint() -> None:
    """Custom type codes pass through; an unpadded month hints at its padded form."""
    nct = only(findings_of(("nct_id: NCT00000000", "nct_id: NCT0000000")))
    assert (nct.code, nct.path) == ("nct_id_format", "identification.nct_id")
    date = only(findings_of(('date: "2021-05"', 'date: "2021-5"')))
    assert (date.code, date.hint) == ("partial_date", "did you mean '2021-05'?")
    impossible = only(findings_of(('date: "2021-05"', 'date: "2021-02-30"')))
    assert (impossible.code, impossible.hint) == ("partial_date", None)


def test_boolean_written_as_yaml11_word() -> None:
    """healthy_volunteers: no is text in YAML 1.2, so a bool_type error with a hint."""
    findings = findings_of(("healthy_volunteers: false", "healthy_volunteers: no"))
    error = next(f for f in findings if f.code == "bool_type")
    assert error.path == "eligibility.healthy_volunteers"
    assert error.hint is not None and error.hint.startswith("write false")


def test_mapping_expected_says_what_it_got() -> None:
    """A list where a section belongs is model_type, saying it got a list."""
    edit = ("  enrollment:\n    count: 40\n    type: ESTIMATED\n", "  enrollment: [40]\n")
    finding = only(findings_of(edit))
    assert (finding.code, finding.path) == ("model_type", "design.enrollment")
    assert finding.message.endswith("(got a list)")


def test_infinite_number_is_shown_as_yaml_writes_it() -> None:
    """A .inf dose is finite_number, and the message shows it the YAML way."""
    finding = only(findings_of(("value: 1.0e+6", "value: .inf")))
    assert (finding.code, finding.path) == ("finite_number", "arms[0].dose_levels[0].dose.value")
    assert finding.message.endswith("(got .inf)")


def test_pydantic_messages_with_braces_are_kept_verbatim() -> None:
    """A message holding braces (a regex pattern) is passed through, not formatted."""
    from pydantic import BaseModel, ConfigDict, Field, ValidationError

    from trialmodel.validation.model_errors import model_findings

    class Probe(BaseModel):
        model_config = ConfigDict(strict=True)
        code: str = Field(pattern=r"^[0-9]{4}$")

    loaded = load_bytes(b"code: abc\n", "p.yaml")
    assert loaded.data is not None
    with pytest.raises(ValidationError) as caught:
        Probe.model_validate(loaded.data)
    [finding] = model_findings(caught.value, loaded.data, loaded.source_map, "p.yaml")
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "string_pattern_mismatch",
        "code",
        1,
        7,
    )
    assert "{4}" in finding.message


def test_union_and_validator_tags_are_dropped_from_paths() -> None:
    """Pydantic's own loc parts (union members, validator tags) never reach the path."""
    from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

    from trialmodel.validation.model_errors import model_findings

    class Probe(BaseModel):
        model_config = ConfigDict(strict=True)
        either: list[int | bool] = []
        checked: Annotated[int, AfterValidator(lambda v: v)] = 0

    loaded = load_bytes(b"either: [1, x]\nchecked: y\n", "p.yaml")
    assert loaded.data is not None
    with pytest.raises(ValidationError) as caught:
        Probe.model_validate(loaded.data)
    raw = {tuple(e["loc"]) for e in caught.value.errors()}
    assert ("either", 1, "int") in raw  # the tag this test is about
    findings = model_findings(caught.value, loaded.data, loaded.source_map, "p.yaml")
    assert {(f.path, f.line, f.column) for f in findings} == {
        ("either[1]", 1, 13),
        ("checked", 2, 10),
    }
