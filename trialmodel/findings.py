"""Problems in the data, as values: Severity, Finding, FileReport, Report. No printing here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "MAX_FINDINGS_PER_CODE",
    "UNCHECKED_CODES",
    "FileReport",
    "Finding",
    "Report",
    "Severity",
    "cap_per_code",
]

UNCHECKED_CODES = frozenset({"io_error", "internal_error"})
"""Codes that say a file could not be checked at all: they make the exit code 2, and no
``--select``/``--ignore`` filter removes them (a file nobody could read is not a pass)."""


MAX_FINDINGS_PER_CODE = 50
"""At most this many findings of one code in one file are reported; the rest are one summary
finding (a file of a million bad values would otherwise be a million lines)."""


class Severity(StrEnum):
    """How bad a finding is: errors always fail validation, warnings only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place in one file.

    ``line`` and ``column`` are 1-based. ``path`` reads like the YAML (``arms[1].dose_levels[0]``);
    it is empty for a problem with the file as a whole. ``code`` is a stable identifier.
    """

    file: str
    line: int
    column: int
    path: str
    code: str
    severity: Severity
    message: str
    hint: str | None = None
    acknowledged: str | None = None
    """The reason a curator gave in the record for accepting this warning; None when not."""

    @property
    def counts(self) -> bool:
        """True for a finding that can fail a run: any error, and an unacknowledged warning."""
        return self.acknowledged is None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by place in the file, then code."""
        return (self.file, self.line, self.column, self.code, self.path)


@dataclass(frozen=True, slots=True)
class FileReport:
    """Everything found in one file; ``nct_id`` when the file names one."""

    file: str
    findings: tuple[Finding, ...] = ()
    nct_id: str | None = None

    @property
    def errors(self) -> int:
        """Number of error findings."""
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Number of warning findings that are not acknowledged."""
        return sum(1 for f in self.findings if f.severity is Severity.WARNING and f.counts)

    @property
    def acknowledged(self) -> int:
        """Number of warnings the record acknowledges."""
        return sum(1 for f in self.findings if not f.counts)


@dataclass(frozen=True, slots=True)
class Report:
    """The result of validating some files."""

    files: tuple[FileReport, ...] = field(default_factory=tuple)

    @property
    def findings(self) -> Iterable[Finding]:
        """Every finding, file by file."""
        for file_report in self.files:
            yield from file_report.findings

    @property
    def errors(self) -> int:
        """Number of error findings in all files."""
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        """Number of unacknowledged warning findings in all files."""
        return sum(f.warnings for f in self.files)

    @property
    def acknowledged(self) -> int:
        """Number of acknowledged warnings in all files."""
        return sum(f.acknowledged for f in self.files)

    def failed(self, *, strict: bool = False) -> bool:
        """True when the report should fail a check: any error, or under strict any warning."""
        return self.errors > 0 or (strict and self.warnings > 0)


def cap_per_code(findings: Iterable[Finding], limit: int = MAX_FINDINGS_PER_CODE) -> list[Finding]:
    """The first ``limit`` findings of each code, in the order given, and for each code with more,
    one finding after them that counts the rest (same code and severity, at the first one left
    out), so that filters and exit codes treat it as the findings it stands for."""
    kept: list[Finding] = []
    counts: dict[str, int] = {}
    first_left_out: dict[str, Finding] = {}
    for finding in findings:
        seen = counts.get(finding.code, 0)
        counts[finding.code] = seen + 1
        if seen < limit:
            kept.append(finding)
        elif seen == limit:
            first_left_out[finding.code] = finding
    for code, first in first_left_out.items():
        more = counts[code] - limit
        kept.append(
            Finding(
                first.file,
                first.line,
                first.column,
                "",
                code,
                first.severity,
                f"{more:,} more {code} finding{'s' if more != 1 else ''} in this file "
                f"(only the first {limit} of each code are shown)",
                "fix the ones shown first: the rest are often the same mistake",
            )
        )
    return kept
