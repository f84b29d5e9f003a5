"""The import report as data: per file, per study, what became of it; then totals per registry path.

A study's entry is made as soon as it is imported (`study_entry`), so a run keeps these small
entries and not the records. `build_report` groups them by file and adds why each path skipped by
design is skipped, the studies that could not be imported, and the totals: how many studies,
records written, studies not imported, and for each registry path lost or skipped, in how many
studies it held how many values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from trialmodel.ctgov.reader import CtgovError
from trialmodel.ctgov.skips import SKIPPED

if TYPE_CHECKING:
    from trialmodel.ctgov import ImportedStudy

__all__ = ["ImportReport", "PathTotal", "StudyEntry", "Totals", "build_report", "study_entry"]


class StudyEntry(TypedDict):
    """What became of one study: the record written for it (or None) and its registry paths."""

    nct_id: str
    record: str | None
    mapped_values: int
    unmapped: dict[str, int]
    """Registry paths with no place in the record (a loss), and how many values each."""
    unmapped_values: int
    skipped: dict[str, int]
    """Registry paths left out by design (``skip_reasons`` says why), and how many values each."""
    skipped_values: int
    needs_review: list[str]


class FileEntry(TypedDict):
    """The studies of one input file, in its order."""

    file: str
    studies: list[StudyEntry]


class ErrorEntry(TypedDict):
    """A file or a study that could not be imported."""

    file: str
    path: str
    message: str


class PathTotal(TypedDict):
    """One registry path over a run: in how many studies it held how many values."""

    studies: int
    values: int


class Totals(TypedDict):
    """A run's counts, then per registry path the values lost and skipped over all studies."""

    files: int
    studies: int
    written: int
    not_imported: int
    unmapped: dict[str, PathTotal]
    unmapped_values: int
    skipped: dict[str, PathTotal]
    skipped_values: int


class ImportReport(TypedDict):
    """The import report: what ``trialmodel import ctgov`` prints as JSON (with
    ``format_version``), and what `trialmodel.ctgov.import_report` and
    `trialmodel.ctgov.batch.BatchResult.report` return."""

    files: list[FileEntry]
    skip_reasons: dict[str, str]
    not_imported: list[ErrorEntry]
    totals: Totals


def study_entry(study: ImportedStudy, record: str | None) -> StudyEntry:
    """One study's entry in the report; ``record`` is the file written for it, if any."""
    return {
        "nct_id": study.nct_id,
        "record": record,
        "mapped_values": len(study.mapped),
        "unmapped": study.unmapped,
        "unmapped_values": sum(study.unmapped.values()),
        "skipped": study.skipped,
        "skipped_values": sum(study.skipped.values()),
        "needs_review": list(study.record.provenance.needs_review or []),
    }


def error_entry(error: CtgovError) -> ErrorEntry:
    """A file or a study that could not be imported."""
    return {"file": error.file, "path": error.path, "message": error.message}


def _per_path(counts: Iterable[dict[str, int]]) -> dict[str, PathTotal]:
    """Per registry path, in how many of the studies' counts it occurs and its values, by path."""
    per_path: dict[str, PathTotal] = {}
    for study in counts:
        for path, values in study.items():
            total = per_path.setdefault(path, {"studies": 0, "values": 0})
            total["studies"] += 1
            total["values"] += values
    return dict(sorted(per_path.items()))


def totals(files: list[FileEntry], errors: list[ErrorEntry]) -> Totals:
    """The totals of a report's files: counts, and per registry path its studies and values."""
    studies = [s for f in files for s in f["studies"]]
    unmapped = _per_path(s["unmapped"] for s in studies)
    skipped = _per_path(s["skipped"] for s in studies)
    return {
        "files": len({f["file"] for f in files} | {e["file"] for e in errors}),
        "studies": len(studies),
        "written": sum(1 for s in studies if s["record"] is not None),
        "not_imported": len(errors),
        "unmapped": unmapped,
        "unmapped_values": sum(t["values"] for t in unmapped.values()),
        "skipped": skipped,
        "skipped_values": sum(t["values"] for t in skipped.values()),
    }


def build_report(
    entries: Iterable[tuple[str, StudyEntry]], errors: Iterable[CtgovError]
) -> ImportReport:
    """The report from (file, study entry) pairs in input order and the import errors."""
    grouped: dict[str, list[StudyEntry]] = {}
    for file, entry in entries:
        grouped.setdefault(file, []).append(entry)
    files: list[FileEntry] = [{"file": f, "studies": items} for f, items in grouped.items()]
    problems = [error_entry(e) for e in errors]
    skipped = sorted({path for f in files for s in f["studies"] for path in s["skipped"]})
    return {
        "files": files,
        "skip_reasons": {path: SKIPPED[path] for path in skipped},
        "not_imported": problems,
        "totals": totals(files, problems),
    }
