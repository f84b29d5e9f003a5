"""Tests for validation: model errors as located findings, version check, files, filters."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest

from trialmodel.findings import FileReport, Finding, Severity
from trialmodel.loading import load_bytes
from trialmodel.validation.files import (
    code_matches,
    collect_files,
    filter_report,
    format_path,
    validate_bytes,
)
from trialmodel.validation.files import (
    validate_serially as validate_paths,
)

SMALL = Path(__file__).parents[1] / "examples" / "valid" / "small.yaml"


def _text(*edits: tuple[str, str]) -> str:
    text = SMALL.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _findings(*edits: tuple[str, str]) -> list[Finding]:
    return list(validate_bytes(_text(*edits).encode(), "r.yaml").findings)


def _only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def test_valid_record_reports_its_nct_id() -> None:
    """A clean record has no findings and its report carries the NCT id."""
    report = validate_bytes(SMALL.read_bytes(), "small.yaml")
    assert report == FileReport("small.yaml", (), "NCT00000000")


def test_enum_error_lists_values_says_what_it_got_and_hints() -> None:
    """A misspelt enum value: code enum, at the value, allowed values, the input, a hint."""
    finding = _only(_findings(("overall: RECRUITING", "overall: SUSPENDD")))
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
    finding = _only(_findings(("overall: RECRUITING", "overall: Active, not recruiting")))
    assert finding.hint == "did you mean 'ACTIVE_NOT_RECRUITING'?"


def test_unknown_key_points_at_the_key_with_a_hint() -> None:
    """An unknown key is extra_forbidden at the key itself, 'unknown field', with a hint."""
    finding = _only(_findings(("    dose_levels:", "    dose_levl:")))
    assert (finding.code, finding.path) == ("extra_forbidden", "arms[0].dose_levl")
    assert (finding.line, finding.column, finding.message) == (29, 5, "unknown field")
    assert finding.hint == "did you mean 'dose_levels'?"


def test_missing_key_points_at_the_parent_mapping() -> None:
    """A missing required key is reported at its parent mapping, naming the field."""
    finding = _only(_findings(("    name: Saline\n", "")))
    assert (finding.code, finding.path) == ("missing", "interventions[1].name")
    assert finding.message == "required field 'name' is missing"
    assert (finding.line, finding.column) == (49, 5)


def test_wrong_types_are_not_coerced() -> None:
    """'40' is not an integer and 12.0 is not text: each is an error with a fixing hint."""
    count = _only(_findings(("count: 40", 'count: "40"')))
    assert (count.code, count.path) == ("int_type", "design.enrollment.count")
    assert count.message.endswith("(got '40')")
    assert count.hint == "write the number without quotes: 40"
    title = _only(
        _findings(("brief_title: Example MSC trial in knee osteoarthritis", "brief_title: 12.0"))
    )
    assert (title.code, title.path) == ("string_type", "identification.brief_title")
    assert title.hint == "quote it to keep it as text: '12.0'"


def test_domain_type_codes_and_date_hint() -> None:
    """Custom type codes pass through; an unpadded month hints at its padded form."""
    nct = _only(_findings(("nct_id: NCT00000000", "nct_id: NCT0000000")))
    assert (nct.code, nct.path) == ("nct_id_format", "identification.nct_id")
    date = _only(_findings(('date: "2021-05"', 'date: "2021-5"')))
    assert (date.code, date.hint) == ("partial_date", "did you mean '2021-05'?")
    impossible = _only(_findings(('date: "2021-05"', 'date: "2021-02-30"')))
    assert (impossible.code, impossible.hint) == ("partial_date", None)


def test_boolean_written_as_yaml11_word() -> None:
    """healthy_volunteers: no is text in YAML 1.2, so a bool_type error with a hint."""
    findings = _findings(("healthy_volunteers: false", "healthy_volunteers: no"))
    error = next(f for f in findings if f.code == "bool_type")
    assert error.path == "eligibility.healthy_volunteers"
    assert error.hint is not None and error.hint.startswith("write false")


def test_mapping_expected_says_what_it_got() -> None:
    """A list where a section belongs is model_type, saying it got a list."""
    edit = ("  enrollment:\n    count: 40\n    type: ESTIMATED\n", "  enrollment: [40]\n")
    finding = _only(_findings(edit))
    assert (finding.code, finding.path) == ("model_type", "design.enrollment")
    assert finding.message.endswith("(got a list)")


def test_unsupported_major_version_stops_the_model() -> None:
    """schema_version 3.0 is one finding, and the model does not run."""
    finding = _only(
        _findings(('schema_version: "2.0"', 'schema_version: "3.0"'), ("count: 40", "count: x"))
    )
    assert (finding.code, finding.path, finding.line) == (
        "schema_version_unsupported",
        "schema_version",
        3,
    )


def test_a_1x_record_is_told_to_migrate() -> None:
    """schema_version 1.2 is one finding, located, that names the command to run on the file."""
    finding = _only(
        _findings(('schema_version: "2.0"', 'schema_version: "1.2"'), ("count: 40", "count: x"))
    )
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "schema_version_outdated",
        "schema_version",
        3,
        17,
    )
    assert f"run `trialmodel migrate {finding.file}`" in finding.message


def test_rules_do_not_run_on_a_record_the_model_rejects() -> None:
    """Model errors come first: no rule findings on a record that fails the model."""
    findings = _findings(("overall: RECRUITING", "overall: SUSPENDED"), ("count: 40", "count: x"))
    assert [f.code for f in findings] == ["int_type"]


def test_loader_findings_pass_through() -> None:
    """A file the loader cannot read gets the loader's findings and no model findings."""
    report = validate_bytes(b"a: [1, 2\n", "broken.yaml")
    assert report.findings and report.findings[0].code == "yaml_syntax"
    assert report.nct_id is None


def test_findings_are_sorted_by_position() -> None:
    """Findings come in file order, whatever the order the model reports them in."""
    findings = _findings(("overall: RECRUITING", "overall: X"), ("sex: ALL", "sex: X"))
    assert [f.line for f in findings] == sorted(f.line for f in findings)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), ""),
        (("status", "overall"), "status.overall"),
        (("arms", 1, "dose_levels", 0, "value"), "arms[1].dose_levels[0].value"),
        (("eligibility", 18), "eligibility[18]"),
    ],
)
def test_format_path_reads_like_yaml(path: tuple[str | int, ...], text: str) -> None:
    """Paths are written as in the YAML, never as pydantic tuples."""
    assert format_path(path) == text


def test_collect_files_recurses_sorted_and_skips_hidden(tmp_path: Path) -> None:
    """Directories give their *.yaml/*.yml files, recursively, sorted, hidden folders skipped."""
    for name in ("b.yaml", "a.yml", "sub/c.yaml", "notes.txt", ".hidden/d.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_files([tmp_path])]
    assert found == ["a.yml", "b.yaml", "sub/c.yaml"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    """A path that does not exist raises FileNotFoundError naming it, before reading anything."""
    with pytest.raises(FileNotFoundError) as caught:
        validate_paths([SMALL, tmp_path / "nope.yaml"])
    assert caught.value.filename == str(tmp_path / "nope.yaml")


def test_validate_paths_names_files_as_given(tmp_path: Path) -> None:
    """Each file report is named by the path as given (joined for directory entries)."""
    (tmp_path / "r.yaml").write_bytes(SMALL.read_bytes())
    report = validate_paths([tmp_path])
    assert [f.file for f in report.files] == [str(tmp_path / "r.yaml")]
    assert report.errors == 0


@pytest.mark.parametrize(
    ("code", "selectors", "matches"),
    [
        ("yaml11_boolean", ["yaml11_"], True),
        ("yaml11_boolean", ["yaml11_boolean"], True),
        ("yaml11_boolean", ["yaml11"], False),
        ("yaml_tab", ["yaml11_"], False),
        ("enum", ["missing", "enum"], True),
    ],
)
def test_code_matches_exact_codes_and_underscore_prefixes(
    code: str, selectors: list[str], matches: bool
) -> None:
    """Selectors are exact codes, or prefixes that end in an underscore."""
    assert code_matches(code, selectors) is matches


def test_filter_report_select_and_ignore() -> None:
    """select keeps only named codes; ignore drops them; the NCT id survives filtering."""

    def finding(code: str) -> Finding:
        """A finding with only a code."""
        return Finding("f", 1, 1, "", code, Severity.ERROR, "m")

    report = FileReport("f", (finding("enum"), finding("yaml11_octal")), "NCT00000000")
    assert [f.code for f in filter_report(report, select=["yaml11_"]).findings] == ["yaml11_octal"]
    assert [f.code for f in filter_report(report, ignore=["yaml11_"]).findings] == ["enum"]
    assert filter_report(report, select=["enum"], ignore=["enum"]).findings == ()
    assert filter_report(report, ignore=["enum"]).nct_id == "NCT00000000"


def test_oversized_content_is_one_finding() -> None:
    """Content over the loader's size limit is one located finding, not an exception."""
    report = validate_bytes(b"#" * (2 * 1024 * 1024), "huge.yaml")
    assert [(f.code, f.line, f.column) for f in report.findings] == [("file_too_large", 1, 1)]


def test_infinite_number_is_shown_as_yaml_writes_it() -> None:
    """A .inf dose is finite_number, and the message shows it the YAML way."""
    finding = _only(_findings(("value: 1.0e+6", "value: .inf")))
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
