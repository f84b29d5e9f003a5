"""Records as Python objects in one call: ``load_record`` and ``load_records``.

Both run the whole of ``trialmodel validate`` (loader, model, rules, acknowledgments) and raise one
``RecordError`` that carries every located finding when a record does not pass, so a program gets
what a curator would see, not the first pydantic error.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from trialmodel.errors import TrialmodelError
from trialmodel.findings import FileReport, Finding, Report
from trialmodel.model.record import TrialRecord


class RecordError(TrialmodelError, ValueError):
    """Records that do not pass validation. ``findings`` holds every finding of the failing files
    (errors, and warnings beside them), each with its file, line, column, path and code."""

    def __init__(self, reports: Iterable[FileReport], *, strict: bool = False) -> None:
        from trialmodel.reporters.findings import render_text

        self.report = Report(tuple(reports))
        self.findings: tuple[Finding, ...] = tuple(self.report.findings)
        self.strict = strict
        super().__init__(render_text(self.report).rstrip("\n"))


def _fails(report: FileReport, strict: bool) -> bool:
    return report.errors > 0 or (strict and report.warnings > 0)


def load_record(path: str | os.PathLike[str], *, strict: bool = False) -> TrialRecord:
    """The record in one YAML file. Raises ``RecordError`` with every located finding when it has
    an error (or, with ``strict``, an unacknowledged warning), and ``FileNotFoundError`` when
    ``path`` does not exist."""
    from trialmodel.validation.files import check_file

    if not Path(path).is_file():
        raise FileNotFoundError(2, "no such record file", str(path))
    report, record = check_file(path)
    if record is None or _fails(report, strict):
        raise RecordError([report], strict=strict)
    return record


def load_records(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, strict: bool = False
) -> dict[str, TrialRecord]:
    """Every record in the files and folders given (folders searched for ``*.yaml``/``*.yml``),
    keyed by file path in the order ``validate`` reads them. Every file is read; if any fails, one
    ``RecordError`` carries the findings of all that fail."""
    from trialmodel.validation.files import check_file, collect_files

    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    records: dict[str, TrialRecord] = {}
    failed: list[FileReport] = []
    for file in collect_files(given):
        report, record = check_file(file)
        if record is None or _fails(report, strict):
            failed.append(report)
        else:
            records[str(file)] = record
    if failed:
        raise RecordError(failed, strict=strict)
    return records


__all__ = ["RecordError", "load_record", "load_records"]
