"""A validation ``Report`` as text, JSON (a versioned contract) or GitHub annotations.

Text, one finding per line and a summary line::

    records/NCT04544215.yaml:12:11: error[enum] status.overall: Input should be ... (got 'SUSPENDD')
      hint: did you mean 'SUSPENDED'?
    1 error in 1 of 5 records

The JSON contract (``format_version`` 1) is documented in ``docs/validate.md``; a change that
removes or renames a field bumps ``format_version``.

Every format is written file by file as the reports arrive (:func:`write_report`), so memory does
not grow with the number of files; the summary, which needs the totals, comes last (in JSON too).
Control characters in file names, paths and messages are shown escaped (`reporters.safe`).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from trialmodel import formats, package_version
from trialmodel.findings import UNCHECKED_CODES, FileReport, Finding, Report, Severity
from trialmodel.reporters.safe import escape_controls, escape_json

__all__ = [
    "JSON_FORMAT_VERSION",
    "render",
    "render_github",
    "render_json",
    "render_text",
    "summarize",
    "write_report",
]

FORMATS = formats.FINDINGS
"""The output formats ``render`` knows."""

JSON_FORMAT_VERSION = 1
"""Version of the JSON output contract."""

_COLOURS = {
    Severity.ERROR: "\033[1;31m",
    Severity.WARNING: "\033[1;33m",
    "acknowledged": "\033[32m",
}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class Writable(Protocol):
    """Where a report is written: a text stream."""

    def write(self, text: str, /) -> int:
        """Write text."""
        ...


@dataclass(slots=True)
class Totals:
    """What a report counted, file by file, for its summary."""

    records: int = 0
    affected: int = 0
    valid: int = 0
    errors: int = 0
    warnings: int = 0
    acknowledged: int = 0
    unchecked: int = 0
    """Files that could not be checked (an ``io_error`` or ``internal_error``: exit code 2)."""

    def add(self, file_report: FileReport, strict: bool) -> None:
        """Count one file's report."""
        self.records += 1
        self.affected += any(finding.counts for finding in file_report.findings)
        self.valid += _file_valid(file_report, strict)
        self.errors += file_report.errors
        self.warnings += file_report.warnings
        self.acknowledged += file_report.acknowledged
        self.unchecked += any(f.code in UNCHECKED_CODES for f in file_report.findings)

    def failed(self, *, strict: bool = False) -> bool:
        """True when the run fails: any error, or under strict any warning."""
        return self.errors > 0 or (strict and self.warnings > 0)


def render(
    report: Report,
    output_format: str = "text",
    *,
    strict: bool = False,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """Render ``report`` in one of ``FORMATS``; ``quiet`` leaves out the text summary line."""
    buffer = io.StringIO()
    write_report(report.files, buffer, output_format, strict=strict, color=color, quiet=quiet)
    return buffer.getvalue()


def write_report(
    reports: Iterable[FileReport],
    out: Writable,
    output_format: str = "text",
    *,
    strict: bool = False,
    color: bool = False,
    quiet: bool = False,
    max_annotations: int = 0,
) -> Totals:
    """Write each file's report to ``out`` as it arrives, then the summary; return the totals.

    ``max_annotations`` (github format; 0: no limit) caps the annotations of each kind (error,
    warning, notice): GitHub shows ten of a kind per step. Findings past it are written as plain
    log lines, and one notice says how many.
    """
    if output_format not in FORMATS:
        raise ValueError(f"unknown format {output_format!r}; expected one of {', '.join(FORMATS)}")
    totals = Totals()
    if output_format == "json":
        _write_json(reports, out, totals, strict)
        return totals
    annotated: dict[str, int] = {}
    for file_report in reports:
        totals.add(file_report, strict)
        for finding in file_report.findings:
            out.write(_finding_text(finding, output_format, color, annotated, max_annotations))
    if output_format == "github" and max_annotations:
        more = sum(max(0, n - max_annotations) for n in annotated.values())
        if more:
            note = f"{_count(more, 'more finding')} past --max-annotations {max_annotations}"
            out.write(f"::notice title=trialmodel::{note} are in the log only\n")
    if output_format == "github" or not quiet:
        out.write(summary_line(totals) + "\n")
    return totals


def _finding_text(
    finding: Finding, output_format: str, color: bool, annotated: dict[str, int], limit: int
) -> str:
    """A finding as a GitHub annotation while its kind is under ``limit``, else as text."""
    if output_format == "github":
        kind = str(finding.severity) if finding.counts else "notice"
        annotated[kind] = annotated.get(kind, 0) + 1
        if not limit or annotated[kind] <= limit:
            return _github_line(finding) + "\n"
    return "".join(line + "\n" for line in _text_lines(finding, color))


def render_text(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """Every finding as ``file:line:col: severity[code] path: message``, hint lines, a summary."""
    return render(report, "text", color=color, quiet=quiet)


def _kind(finding: Finding) -> str:
    """``error``, ``warning``, or ``acknowledged`` for a warning the record acknowledges."""
    return str(finding.severity) if finding.counts else "acknowledged"


def _text_lines(finding: Finding, color: bool) -> list[str]:
    place = f"{escape_controls(finding.file)}:{finding.line}:{finding.column}:"
    kind = _kind(finding)
    label = f"{kind}[{finding.code}]"
    if color:
        place = f"{_BOLD}{place}{_RESET}"
        label = f"{_COLOURS[kind]}{label}{_RESET}"
    where = f" {escape_controls(finding.path)}:" if finding.path else ""
    lines = [f"{place} {label}{where} {escape_controls(finding.message)}"]
    extra = [("reason", finding.acknowledged)] if finding.acknowledged else []
    if finding.hint and finding.counts:
        extra.append(("hint", finding.hint))
    for name, text in extra:
        label = f"{_DIM}{name}:{_RESET}" if color else f"{name}:"
        lines.append(f"  {label} {escape_controls(text)}")
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def summarize(report: Report) -> str:
    """One line: ``2 errors, 1 warning in 1 of 5 records``, or ``5 records valid``.

    Acknowledged warnings are counted apart: ``5 records valid (1 warning acknowledged)``.
    """
    totals = Totals()
    for file_report in report.files:
        totals.add(file_report, False)
    return summary_line(totals)


def summary_line(totals: Totals) -> str:
    """The summary line of these totals."""
    if totals.records == 0:
        return "no records found"
    acknowledged = totals.acknowledged
    also = f" ({_count(acknowledged, 'warning')} acknowledged)" if acknowledged else ""
    problems = [
        _count(n, noun) for n, noun in ((totals.errors, "error"), (totals.warnings, "warning")) if n
    ]
    if not problems:
        return f"{_count(totals.records, 'record')} valid{also}"
    where = (
        "1 record"
        if totals.records == 1
        else f"{totals.affected} of {_count(totals.records, 'record')}"
    )
    return f"{', '.join(problems)} in {where}{also}"


def _file_valid(file_report: FileReport, strict: bool) -> bool:
    return file_report.errors == 0 and not (strict and file_report.warnings)


def report_to_json(report: Report, *, strict: bool = False) -> dict[str, Any]:
    """The JSON contract as plain data (see ``docs/validate.md``)."""
    totals = Totals()
    files = []
    for file_report in report.files:
        totals.add(file_report, strict)
        files.append(_file_to_json(file_report, strict))
    return {**_json_head(), "files": files, "summary": _json_summary(totals, strict)}


def _json_head() -> dict[str, Any]:
    return {
        "format_version": JSON_FORMAT_VERSION,
        "tool": {"name": "trialmodel", "version": package_version()},
    }


def _json_summary(totals: Totals, strict: bool) -> dict[str, Any]:
    return {
        "records": totals.records,
        "valid": totals.valid,
        "invalid": totals.records - totals.valid,
        "errors": totals.errors,
        "warnings": totals.warnings,
        "acknowledged": totals.acknowledged,
        "strict": strict,
        "passed": not totals.failed(strict=strict),
    }


def _file_to_json(file_report: FileReport, strict: bool) -> dict[str, Any]:
    return {
        "file": file_report.file,
        "nct_id": file_report.nct_id,
        "valid": _file_valid(file_report, strict),
        "findings": [_finding_to_json(finding) for finding in file_report.findings],
    }


def _finding_to_json(finding: Finding) -> dict[str, Any]:
    return {
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "path": finding.path,
        "code": finding.code,
        "severity": str(finding.severity),
        "message": finding.message,
        "hint": finding.hint,
        "acknowledged": finding.acknowledged,
    }


def render_json(report: Report, *, strict: bool = False) -> str:
    """The JSON contract, indented, with a final newline."""
    return render(report, "json", strict=strict)


def _dumps(data: Any, indent: int) -> str:
    """``data`` as ``json.dumps(..., indent=2)`` writes it nested ``indent`` spaces deep."""
    text = escape_json(json.dumps(data, indent=2, ensure_ascii=False))
    return text.replace("\n", "\n" + " " * indent)


def _write_json(reports: Iterable[FileReport], out: Writable, totals: Totals, strict: bool) -> None:
    """The JSON contract, byte for byte as ``json.dumps(report_to_json(...), indent=2)``, written
    one file at a time."""
    head = _json_head()
    out.write(f'{{\n  "format_version": {head["format_version"]},\n')
    out.write(f'  "tool": {_dumps(head["tool"], 2)},\n  "files": [')
    separator = "\n    "
    for file_report in reports:
        totals.add(file_report, strict)
        out.write(separator + _dumps(_file_to_json(file_report, strict), 4))
        separator = ",\n    "
    out.write("]" if separator == "\n    " else "\n  ]")
    out.write(f',\n  "summary": {_dumps(_json_summary(totals, strict), 2)}\n}}\n')


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(f: Finding) -> str:
    """One GitHub Actions workflow command (``::error file=…,line=…::…``)."""
    properties = ",".join(
        f"{name}={_escape_property(value)}"
        for name, value in (
            ("file", escape_controls(f.file)),
            ("line", str(f.line)),
            ("col", str(f.column)),
            ("title", f"{_kind(f)}[{f.code}]"),
        )
    )
    message = escape_controls(f.message)
    text = f"{escape_controls(f.path)}: {message}" if f.path else message
    if f.acknowledged:
        text += f"\nreason: {escape_controls(f.acknowledged)}"
    elif f.hint:
        text += f"\nhint: {escape_controls(f.hint)}"
    command = f.severity if f.counts else "notice"
    return f"::{command} {properties}::{_escape_data(text)}"


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::…``), then the summary line."""
    return render(report, "github")
