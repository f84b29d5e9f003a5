"""The import report as data: per file, per study, what became of it; then totals per registry path.

A study's entry is made as soon as it is imported (`study_entry`), so a run keeps these small
entries and not the records. `build_report` groups them by file and adds why each path skipped by
design is skipped, the studies that could not be imported, and the totals: how many studies,
records written, studies not imported, and for each registry path lost or skipped, in how many
studies it held how many values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from trialmodel.ctgov.reader import CtgovError
from trialmodel.ctgov.skips import SKIPPED

if TYPE_CHECKING:
    from trialmodel.ctgov import ImportedStudy

Entry = dict[str, Any]

COUNTED = ("unmapped", "skipped")
"""The per-study path counts that are totalled per registry path."""


def study_entry(study: ImportedStudy, record: str | None) -> Entry:
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


def error_entry(error: CtgovError) -> Entry:
    """A file or a study that could not be imported."""
    return {"file": error.file, "path": error.path, "message": error.message}


def totals(files: list[Entry], errors: list[Entry]) -> Entry:
    """The totals of a report's files: counts, and per registry path its studies and values."""
    studies = [s for f in files for s in f["studies"]]
    out: Entry = {
        "files": len({f["file"] for f in files} | {e["file"] for e in errors}),
        "studies": len(studies),
        "written": sum(1 for s in studies if s["record"] is not None),
        "not_imported": len(errors),
    }
    for key in COUNTED:
        per_path: dict[str, dict[str, int]] = {}
        for study in studies:
            for path, values in study[key].items():
                total = per_path.setdefault(path, {"studies": 0, "values": 0})
                total["studies"] += 1
                total["values"] += values
        out[key] = dict(sorted(per_path.items()))
        out[f"{key}_values"] = sum(t["values"] for t in per_path.values())
    return out


def build_report(entries: Iterable[tuple[str, Entry]], errors: Iterable[CtgovError]) -> Entry:
    """The report from (file, study entry) pairs in input order and the import errors."""
    grouped: dict[str, list[Entry]] = {}
    for file, entry in entries:
        grouped.setdefault(file, []).append(entry)
    files: list[Entry] = [{"file": f, "studies": items} for f, items in grouped.items()]
    problems = [error_entry(e) for e in errors]
    skipped = sorted({path for f in files for s in f["studies"] for path in s["skipped"]})
    return {
        "files": files,
        "skip_reasons": {path: SKIPPED[path] for path in skipped},
        "not_imported": problems,
        "totals": totals(files, problems),
    }
