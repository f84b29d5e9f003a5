"""Tests for validation.files: one record checked (version, model, rules), files found, filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.validation.small import SMALL, findings_of, only
from trialmodel.findings import FileReport, Finding, Severity
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


def test_valid_record_reports_its_nct_id() -> None:
    """A clean record has no findings and its report carries the NCT id."""
    report = validate_bytes(SMALL.read_bytes(), "small.yaml")
    assert report == FileReport("small.yaml", (), "NCT00000000")


def test_unsupported_major_version_stops_the_model() -> None:
    """schema_version 3.0 is one finding, and the model does not run."""
    finding = only(
        findings_of(('schema_version: "2.0"', 'schema_version: "3.0"'), ("count: 40", "count: x"))
    )
    assert (finding.code, finding.path, finding.line) == (
        "schema_version_unsupported",
        "schema_version",
        3,
    )


def test_a_1x_record_is_told_to_migrate() -> None:
    """schema_version 1.2 is one finding, located, that names the command to run on the file."""
    finding = only(
        findings_of(('schema_version: "2.0"', 'schema_version: "1.2"'), ("count: 40", "count: x"))
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
    findings = findings_of(("overall: RECRUITING", "overall: SUSPENDED"), ("count: 40", "count: x"))
    assert [f.code for f in findings] == ["int_type"]


def test_loader_findings_pass_through() -> None:
    """A file the loader cannot read gets the loader's findings and no model findings."""
    report = validate_bytes(b"a: [1, 2\n", "broken.yaml")
    assert report.findings and report.findings[0].code == "yaml_syntax"
    assert report.nct_id is None


def test_findings_are_sorted_by_position() -> None:
    """Findings come in file order, whatever the order the model reports them in."""
    findings = findings_of(("overall: RECRUITING", "overall: X"), ("sex: ALL", "sex: X"))
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
