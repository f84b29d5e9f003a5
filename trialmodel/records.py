"""Records as Python objects in one call: ``load_record`` and ``load_records``.

Both run the whole of ``trialmodel validate`` (loader, model, rules, acknowledgments) and raise one
``RecordError`` that carries every located finding when a record does not pass, so a program gets
what a curator would see, not the first pydantic error. ``load_record`` is the one way trialmodel
reads a record: from a file, or from bytes already read (a git blob, a registry download), so
``diff``, ``history`` and ``sync`` accept exactly the records ``validate`` passes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import overload

from trialmodel.errors import TrialmodelError
from trialmodel.findings import FileReport, Finding, Report, Severity
from trialmodel.model.record import TrialRecord

__all__ = ["RecordError", "load_record", "load_records"]

SHOWN_FINDINGS = 3
"""How many findings of a failing file ``RecordError.summary`` quotes."""


class RecordError(TrialmodelError, ValueError):
    """Records that do not pass validation. ``findings`` holds every finding of the failing files
    (errors, and warnings beside them), each with its file, line, column, path and code."""

    def __init__(self, reports: Iterable[FileReport], *, strict: bool = False) -> None:
        from trialmodel.reporters.findings import render_text

        self.report = Report(tuple(reports))
        self.findings: tuple[Finding, ...] = tuple(self.report.findings)
        self.strict = strict
        super().__init__(render_text(self.report).rstrip("\n"))

    def summary(self) -> str:
        """Each failing file and its first errors, one line each: how ``diff``, ``history``,
        ``report`` and ``sync`` name a record they cannot use among their other messages."""
        return "\n".join(_summary(report) for report in self.report.files)


def _summary(report: FileReport) -> str:
    problems = [f for f in report.findings if f.severity is Severity.ERROR]
    shown = [
        f"  {f.file}:{f.line}:{f.column}: {f.code}{' ' + f.path if f.path else ''}: {f.message}"
        for f in problems or report.findings
    ]
    more = len(shown) - SHOWN_FINDINGS
    tail = [f"  … and {more} more (run `trialmodel validate {report.file}`)"] if more > 0 else []
    return "\n".join([f"{report.file}: not a valid record", *shown[:SHOWN_FINDINGS], *tail])


def _fails(report: FileReport, strict: bool) -> bool:
    return report.errors > 0 or (strict and report.warnings > 0)


@overload
def load_record(
    source: str | os.PathLike[str], *, name: str | None = None, strict: bool = False
) -> TrialRecord: ...
@overload
def load_record(source: bytes, *, name: str, strict: bool = False) -> TrialRecord: ...
def load_record(
    source: str | os.PathLike[str] | bytes, *, name: str | None = None, strict: bool = False
) -> TrialRecord:
    """The record in one YAML file (a path), or in the bytes of one already read.

    ``name`` is the file every finding names: the path as given by default, and required for
    bytes (``"HEAD:records/NCT04544215.yaml"``, a download's file name). Raises ``RecordError``
    with every located finding when the record has an error (or, with ``strict``, an
    unacknowledged warning), and ``FileNotFoundError`` when the path does not exist. A ``str`` is
    always a path: text is given as its UTF-8 bytes.
    """
    from trialmodel.validation.files import check_bytes, check_file

    if isinstance(source, bytes):
        if name is None:
            raise TypeError("load_record(bytes) needs name=, the file its findings name")
        report, record = check_bytes(source, name)
    else:
        if not Path(source).is_file():
            raise FileNotFoundError(2, "no such record file", str(source))
        report, record = check_file(source, name)
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
