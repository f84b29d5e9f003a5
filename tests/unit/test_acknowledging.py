"""Tests for acknowledgments: a record accepts a warning with a reason; stale ones are warned."""

from __future__ import annotations

from pathlib import Path

from trialmodel.findings import FileReport, Severity
from trialmodel.validation.files import validate_bytes

SMALL = Path(__file__).parents[1] / "examples" / "valid" / "small.yaml"

ACK = """  acknowledgments:
    - code: {code}
      path: {path}
      reason: No source gives why the trial was stopped.
"""


def _validate(
    overall: str = "SUSPENDED", code: str = "status_needs_why_stopped", path: str = "status.overall"
) -> FileReport:
    text = SMALL.read_text(encoding="utf-8").replace("overall: RECRUITING", f"overall: {overall}")
    text += ACK.format(code=code, path=path)
    return validate_bytes(text.encode(), "r.yaml")


def test_acknowledged_warning_is_kept_with_its_reason() -> None:
    """The warning is still reported, marked acknowledged, and does not fail --strict."""
    report = _validate()
    (finding,) = report.findings
    assert (finding.code, finding.path, finding.severity) == (
        "status_needs_why_stopped",
        "status.overall",
        Severity.WARNING,
    )
    assert finding.acknowledged == "No source gives why the trial was stopped."
    assert (report.warnings, report.acknowledged) == (0, 1)


def test_acknowledgment_matching_nothing_is_a_warning() -> None:
    """An acknowledgment of a warning that is not there is itself a located warning."""
    report = _validate(overall="RECRUITING")
    (finding,) = report.findings
    assert finding.code == "acknowledgment_unused"
    assert finding.severity is Severity.WARNING
    assert finding.acknowledged is None
    assert finding.path == "provenance.acknowledgments[0]"
    # the first line of the item, below "acknowledgments:"
    assert (finding.line, finding.column) == (SMALL.read_text().count("\n") + 2, 7)
    assert finding.hint == "the warning is gone: remove the acknowledgment"


def test_acknowledgment_at_the_wrong_path_hints_the_right_one() -> None:
    """A wrong path leaves the warning counted, and the unused acknowledgment names the path."""
    report = _validate(path="status.overal")
    codes = sorted(f.code for f in report.findings)
    assert codes == ["acknowledgment_unused", "status_needs_why_stopped"]
    assert report.warnings == 2
    unused = next(f for f in report.findings if f.code == "acknowledgment_unused")
    assert unused.hint == "did you mean path 'status.overall'?"


def test_errors_cannot_be_acknowledged() -> None:
    """An acknowledgment of an error leaves the error and is reported unused."""
    text = SMALL.read_text(encoding="utf-8").replace("arms: [Placebo]", "arms: [Placebos]")
    text += ACK.format(code="intervention_unknown_arm", path="interventions[1].arms[0]")
    report = validate_bytes(text.encode(), "r.yaml")
    assert report.errors == 1
    unused = next(f for f in report.findings if f.code == "acknowledgment_unused")
    assert unused.hint == "an error cannot be acknowledged: fix the record"


def test_acknowledgment_code_must_look_like_a_code() -> None:
    """The model checks an acknowledgment's code is a snake_case identifier."""
    report = _validate(code="Status-Needs")
    assert [f.code for f in report.findings] == ["finding_code_format"]
