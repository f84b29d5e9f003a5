"""A validation ``Report`` as text, JSON (a versioned contract) or GitHub annotations.

Text, one finding per line and a summary line::

    records/NCT04544215.yaml:12:11: error[enum] status.overall: Input should be ... (got 'SUSPENDD')
      hint: did you mean 'SUSPENDED'?
    1 error in 1 of 5 records

The JSON contract (``format_version`` 1) is documented in ``docs/validate.md``; a change that
removes or renames a field bumps ``format_version``.
"""

from __future__ import annotations

import json
from typing import Any

from trialmodel import package_version
from trialmodel.findings import FileReport, Finding, Report, Severity

FORMATS = ("text", "json", "github")
"""The output formats ``render`` knows."""

JSON_FORMAT_VERSION = 1
"""Version of the JSON output contract."""

_COLOURS = {
    Severity.ERROR: "\033[1;31m",
    Severity.WARNING: "\033[1;33m",
    "acknowledged": "\033[32m",
}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def render(
    report: Report,
    output_format: str = "text",
    *,
    strict: bool = False,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """Render ``report`` in one of ``FORMATS``; ``quiet`` leaves out the text summary line."""
    if output_format == "json":
        return render_json(report, strict=strict)
    if output_format == "github":
        return render_github(report)
    if output_format == "text":
        return render_text(report, color=color, quiet=quiet)
    raise ValueError(f"unknown format {output_format!r}; expected one of {', '.join(FORMATS)}")


def render_text(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """Every finding as ``file:line:col: severity[code] path: message``, hint lines, a summary."""
    lines: list[str] = []
    for finding in report.findings:
        lines.extend(_text_lines(finding, color))
    if not quiet:
        lines.append(summarize(report))
    return "".join(line + "\n" for line in lines)


def _kind(finding: Finding) -> str:
    """``error``, ``warning``, or ``acknowledged`` for a warning the record acknowledges."""
    return str(finding.severity) if finding.counts else "acknowledged"


def _text_lines(finding: Finding, color: bool) -> list[str]:
    place = f"{finding.file}:{finding.line}:{finding.column}:"
    kind = _kind(finding)
    label = f"{kind}[{finding.code}]"
    if color:
        place = f"{_BOLD}{place}{_RESET}"
        label = f"{_COLOURS[kind]}{label}{_RESET}"
    where = f" {finding.path}:" if finding.path else ""
    lines = [f"{place} {label}{where} {finding.message}"]
    extra = [("reason", finding.acknowledged)] if finding.acknowledged else []
    if finding.hint and finding.counts:
        extra.append(("hint", finding.hint))
    for name, text in extra:
        label = f"{_DIM}{name}:{_RESET}" if color else f"{name}:"
        lines.append(f"  {label} {text}")
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def summarize(report: Report) -> str:
    """One line: ``2 errors, 1 warning in 1 of 5 records``, or ``5 records valid``.

    Acknowledged warnings are counted apart: ``5 records valid (1 warning acknowledged)``.
    """
    total = len(report.files)
    if total == 0:
        return "no records found"
    acknowledged = report.acknowledged
    also = f" ({_count(acknowledged, 'warning')} acknowledged)" if acknowledged else ""
    problems = [
        _count(n, noun) for n, noun in ((report.errors, "error"), (report.warnings, "warning")) if n
    ]
    if not problems:
        return f"{_count(total, 'record')} valid{also}"
    affected = sum(1 for f in report.files if any(finding.counts for finding in f.findings))
    where = "1 record" if total == 1 else f"{affected} of {_count(total, 'record')}"
    return f"{', '.join(problems)} in {where}{also}"


def _file_valid(file_report: FileReport, strict: bool) -> bool:
    return file_report.errors == 0 and not (strict and file_report.warnings)


def report_to_json(report: Report, *, strict: bool = False) -> dict[str, Any]:
    """The JSON contract as plain data (see ``docs/validate.md``)."""
    valid = sum(1 for f in report.files if _file_valid(f, strict))
    return {
        "format_version": JSON_FORMAT_VERSION,
        "tool": {"name": "trialmodel", "version": package_version()},
        "summary": {
            "records": len(report.files),
            "valid": valid,
            "invalid": len(report.files) - valid,
            "errors": report.errors,
            "warnings": report.warnings,
            "acknowledged": report.acknowledged,
            "strict": strict,
            "passed": not report.failed(strict=strict),
        },
        "files": [
            {
                "file": f.file,
                "nct_id": f.nct_id,
                "valid": _file_valid(f, strict),
                "findings": [_finding_to_json(finding) for finding in f.findings],
            }
            for f in report.files
        ],
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
    return json.dumps(report_to_json(report, strict=strict), indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::…``), then the summary line."""
    lines = []
    for f in report.findings:
        properties = ",".join(
            f"{name}={_escape_property(value)}"
            for name, value in (
                ("file", f.file),
                ("line", str(f.line)),
                ("col", str(f.column)),
                ("title", f"{_kind(f)}[{f.code}]"),
            )
        )
        text = f"{f.path}: {f.message}" if f.path else f.message
        if f.acknowledged:
            text += f"\nreason: {f.acknowledged}"
        elif f.hint:
            text += f"\nhint: {f.hint}"
        command = f.severity if f.counts else "notice"
        lines.append(f"::{command} {properties}::{_escape_data(text)}")
    lines.append(summarize(report))
    return "".join(line + "\n" for line in lines)
