"""Tests for the findings reporters: the text format, the JSON contract, GitHub annotations."""

from __future__ import annotations

import dataclasses
import json

import pytest

from trialmodel import __version__
from trialmodel.findings import FileReport, Finding, Report, Severity
from trialmodel.reporters.findings import (
    JSON_FORMAT_VERSION,
    render,
    render_github,
    render_json,
    render_text,
    summarize,
)

ENUM = Finding(
    "records/a.yaml",
    12,
    11,
    "status.overall",
    "enum",
    Severity.ERROR,
    "Input should be 'RECRUITING' or 'SUSPENDED' (got 'SUSPENDD')",
    "did you mean 'SUSPENDED'?",
)
WARN = Finding(
    "records/a.yaml", 3, 1, "status.overall", "status_needs_why_stopped", Severity.WARNING, "m"
)
WHOLE_FILE = Finding("records/b.yaml", 1, 1, "", "yaml_empty", Severity.ERROR, "the file is empty")


def _report(*files: FileReport) -> Report:
    return Report(files)


def test_text_format_matches_style() -> None:
    """Text is 'file:line:col: severity[code] path: message', an indented hint, a summary."""
    report = _report(FileReport("records/a.yaml", (ENUM,)), FileReport("records/b.yaml"))
    assert render_text(report) == (
        "records/a.yaml:12:11: error[enum] status.overall: Input should be 'RECRUITING' or "
        "'SUSPENDED' (got 'SUSPENDD')\n"
        "  hint: did you mean 'SUSPENDED'?\n"
        "1 error in 1 of 2 records\n"
    )


def test_text_without_path_leaves_it_out() -> None:
    """A finding about the whole file has no path part."""
    text = render_text(_report(FileReport("records/b.yaml", (WHOLE_FILE,))))
    assert text.splitlines()[0] == "records/b.yaml:1:1: error[yaml_empty] the file is empty"


@pytest.mark.parametrize(
    ("files", "line"),
    [
        ((), "no records found"),
        ((FileReport("a"),), "1 record valid"),
        ((FileReport("a"), FileReport("b")), "2 records valid"),
        ((FileReport("a", (ENUM,)),), "1 error in 1 record"),
        ((FileReport("a", (ENUM, WARN)), FileReport("b")), "1 error, 1 warning in 1 of 2 records"),
        (
            (FileReport("a", (ENUM, ENUM)), FileReport("b", (WARN, WARN))),
            "2 errors, 2 warnings in 2 of 2 records",
        ),
    ],
)
def test_summary_line(files: tuple[FileReport, ...], line: str) -> None:
    """The summary counts errors, warnings and records, singular and plural."""
    assert summarize(_report(*files)) == line


def test_quiet_leaves_out_the_summary() -> None:
    """quiet prints findings only, so a clean run prints nothing."""
    assert render_text(_report(FileReport("a")), quiet=True) == ""
    assert render_text(_report(FileReport("a", (WARN,))), quiet=True).count("\n") == 1


def test_colour_only_when_asked() -> None:
    """ANSI colour codes appear with color=True and never otherwise."""
    report = _report(FileReport("records/a.yaml", (ENUM,)))
    assert "\033[" not in render_text(report)
    coloured = render_text(report, color=True)
    assert "\033[1;31merror[enum]\033[0m" in coloured


def test_json_contract() -> None:
    """The JSON output has the documented, versioned fields and types."""
    report = _report(FileReport("records/a.yaml", (ENUM, WARN), "NCT00000000"), FileReport("b"))
    data = json.loads(render_json(report))
    assert data["format_version"] == JSON_FORMAT_VERSION == 1
    assert data["tool"] == {"name": "trialmodel", "version": __version__}
    assert data["summary"] == {
        "records": 2,
        "valid": 1,
        "invalid": 1,
        "errors": 1,
        "warnings": 1,
        "acknowledged": 0,
        "strict": False,
        "passed": False,
    }
    first = data["files"][0]
    assert (first["file"], first["nct_id"], first["valid"]) == (
        "records/a.yaml",
        "NCT00000000",
        False,
    )
    assert first["findings"][0] == {
        "file": "records/a.yaml",
        "line": 12,
        "column": 11,
        "path": "status.overall",
        "code": "enum",
        "severity": "error",
        "message": ENUM.message,
        "hint": ENUM.hint,
        "acknowledged": None,
    }
    assert first["findings"][1]["hint"] is None
    assert data["files"][1] == {"file": "b", "nct_id": None, "valid": True, "findings": []}


def test_json_strict_makes_warnings_fail() -> None:
    """Under strict, a file with only warnings is not valid and the run does not pass."""
    report = _report(FileReport("a", (WARN,)))
    assert json.loads(render_json(report))["summary"]["passed"] is True
    strict = json.loads(render_json(report, strict=True))
    assert strict["summary"]["passed"] is False
    assert strict["files"][0]["valid"] is False


def test_github_annotations_escape_properties_and_data() -> None:
    """Annotations follow GitHub's workflow command syntax, escaping ':', ',', '%' and newlines."""
    odd = Finding("a,b:c.yaml", 2, 3, "x", "enum", Severity.WARNING, "50% off", "try y")
    lines = render_github(_report(FileReport("a,b:c.yaml", (odd,)))).splitlines()
    assert lines[0] == (
        "::warning file=a%2Cb%3Ac.yaml,line=2,col=3,title=warning[enum]::x: 50%25 off%0Ahint: try y"
    )
    assert lines[1] == "1 warning in 1 record"


def test_github_annotations_escape_percent_and_line_breaks_in_file_names() -> None:
    """'%' is escaped first, in the properties and the message alike (so '%3A' in a file name
    is not read back as ':'); ':' and ',' only in the properties; a line break in a file name or
    a message becomes a visible escape, and the hint's own line break '%0A'."""
    name = "100%3A,x:y\nz.yaml"
    odd = Finding(name, 4, 1, "a", "enum", Severity.ERROR, "1: 50%, then\n2: 25%", "see: a%b")
    (line, summary) = render_github(_report(FileReport(name, (odd,)))).splitlines()
    assert line == (
        "::error file=100%253A%2Cx%3Ay\\nz.yaml,line=4,col=1,title=error[enum]"
        "::a: 1: 50%25, then\\n2: 25%25%0Ahint: see: a%25b"
    )
    assert summary == "1 error in 1 record"


def test_github_annotation_of_a_finding_without_a_path_or_hint() -> None:
    """A finding about the whole file gives its message alone, escaped, with no hint line."""
    whole = Finding("b%.yaml", 1, 1, "", "yaml_empty", Severity.ERROR, "empty: 0% of it")
    (line, _summary) = render_github(_report(FileReport("b%.yaml", (whole,)))).splitlines()
    assert line == "::error file=b%25.yaml,line=1,col=1,title=error[yaml_empty]::empty: 0%25 of it"


def test_render_dispatches_and_rejects_unknown_formats() -> None:
    """render picks the format by name and refuses an unknown one."""
    report = _report(FileReport("a", (ENUM,)))
    assert render(report, "json") == render_json(report)
    assert render(report, "github") == render_github(report)
    assert render(report) == render_text(report)
    with pytest.raises(ValueError, match="unknown format"):
        render(report, "xml")


ACKED = dataclasses.replace(WARN, acknowledged="no source gives it")


def test_acknowledged_warning_is_reported_apart() -> None:
    """An acknowledged warning prints as acknowledged with its reason and is not counted."""
    report = _report(FileReport("a.yaml", (ACKED,)))
    text = render_text(report)
    assert f"acknowledged[{WARN.code}]" in text
    assert "  reason: no source gives it\n" in text
    assert text.endswith("1 record valid (1 warning acknowledged)\n")
    assert not report.failed(strict=True)
    data = json.loads(render_json(report, strict=True))
    assert data["summary"]["warnings"] == 0
    assert data["summary"]["acknowledged"] == 1
    assert data["summary"]["passed"] is True
    assert data["files"][0]["findings"][0]["acknowledged"] == "no source gives it"


def test_acknowledged_warning_beside_problems() -> None:
    """The summary names acknowledged warnings after the problems that still count."""
    report = _report(FileReport("a.yaml", (ENUM, ACKED)), FileReport("b.yaml", (ACKED,)))
    assert summarize(report) == "1 error in 1 of 2 records (2 warnings acknowledged)"


def test_acknowledged_warning_is_a_github_notice() -> None:
    """GitHub gets a notice, not a warning, for an acknowledged finding."""
    out = render_github(_report(FileReport("a.yaml", (ACKED,))))
    assert out.splitlines()[0] == (
        "::notice file=records/a.yaml,line=3,col=1,title=acknowledged[status_needs_why_stopped]"
        "::status.overall: m%0Areason: no source gives it"
    )
