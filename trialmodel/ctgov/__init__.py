"""ClinicalTrials.gov API v2 JSON -> TrialRecord, with an account of what was not mapped.

`import_file` reads a single study (``/api/v2/studies/{nctId}``) or a page of studies
(``{"studies": [...]}``) and returns one `ImportedStudy` per study: the record, the registry paths
it was built from, and the registry paths the model has no home for, counted. The registry's
enumerations are the model's vocabularies, so values are taken as they are; an unknown value or a
value of the wrong shape raises `CtgovError` naming the registry path. The cell-therapy product is
left to the curator: no intervention is marked ``cell_based``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trialmodel.ctgov import sections as sec
from trialmodel.ctgov.accounting import account
from trialmodel.ctgov.fields import read_fields
from trialmodel.ctgov.pages import iter_studies, read_studies
from trialmodel.ctgov.reader import CtgovError, Node, gather, kind_of
from trialmodel.ctgov.report import ImportReport, build_report, study_entry
from trialmodel.ctgov.skips import SKIPPED
from trialmodel.ctgov.tables import DERIVED, DOCUMENTS, REFERENCES
from trialmodel.findings import cap_per_code
from trialmodel.loading import MAX_FILE_BYTES, SourceMap
from trialmodel.model import vocab as v
from trialmodel.model.record import SCHEMA_VERSION, TrialRecord
from trialmodel.validation.model_errors import model_findings
from trialmodel.writing import record_texts, write_record_files

__all__ = [
    "CtgovError",
    "ImportReport",
    "ImportedStudy",
    "import_file",
    "import_files",
    "import_report",
    "import_study",
    "iter_file",
    "read_studies",
    "write_records",
]

Data = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ImportedStudy:
    """One study imported from registry JSON."""

    file: str
    """The file it came from, as given (the source name for `import_study`)."""
    nct_id: str
    record: TrialRecord
    data: Data
    """The record as plain data in model key order (what is written)."""
    mapped: frozenset[str]
    """Concrete registry paths the record was built from."""
    unmapped: dict[str, int]
    """Registry paths (list indices dropped) with no place in the record, and how many values each:
    a loss."""
    skipped: dict[str, int]
    """Registry paths (list indices dropped) the record leaves out by design (`SKIPPED`, with the
    reasons), and how many values each."""


def _provenance(source_name: str, status: Data | None, review: list[str]) -> Data:
    last = (status or {}).get("last_update_posted", {}).get("date")
    source = sec.given(
        name=source_name,
        kind=v.SourceKind.REGISTRY_API.value,
        reflects=sec.given(last_update_posted=last, verified=(status or {}).get("verified")),
        note="imported from ClinicalTrials.gov API v2 JSON",
    )
    return {
        "state": v.CurationState.IMPORTED.value,
        "sources": [source],
        **({"snapshot": {"date": last}} if last else {}),
        **({"needs_review": review} if review else {}),
    }


def _record_data(root: Node, source_name: str) -> Data:
    ps = root.obj("protocolSection")
    if ps is None:
        raise CtgovError("protocolSection", "missing")
    review: list[str] = []
    identification = sec.identification(ps)
    status = sec.status(ps)
    arms, interventions = sec.arms_interventions(ps)
    conditions = ps.obj("conditionsModule")
    description = ps.obj("descriptionModule")
    data = sec.given(
        schema_version=SCHEMA_VERSION,
        identification=identification,
        status=status,
        sponsors=sec.sponsors(ps),
        conditions=conditions.texts("conditions") if conditions else None,
        keywords=sec.listed(conditions, "keywords", conditions.texts("keywords"))
        if conditions
        else None,
        description=sec.given(
            brief_summary=description.text("briefSummary"),
            detailed_description=description.text("detailedDescription"),
        )
        if description
        else None,
        design=sec.design(ps),
        arms=arms,
        interventions=interventions,
        outcomes=sec.outcomes(ps),
        eligibility=sec.eligibility(ps, review),
        **sec.contacts_locations(ps),
        oversight=sec.oversight(ps),
        results=sec.results(root),
        references=read_fields(ps, REFERENCES),
        documents=read_fields(root, DOCUMENTS),
        derived=read_fields(root, DERIVED),
    )
    assert data is not None  # schema_version is always there
    data["provenance"] = _provenance(source_name, status, review)
    return data


def _model_errors(exc: ValidationError, data: Data, values_left_out: bool) -> list[CtgovError]:
    """The model's errors at their record paths, worded as `validate` words them (the one
    mapping, `model_findings`, and its cap per code). When registry values were left out as
    unreadable, a required field they leave missing is not reported again."""
    findings = cap_per_code(model_findings(exc, data, SourceMap(), ""))
    return [
        CtgovError("", f"cannot make the record: {f.path + ': ' if f.path else ''}{f.message}")
        for f in findings
        if not (values_left_out and f.code == "missing")
    ]


def import_study(study: object, source_name: str) -> ImportedStudy:
    """Map one registry study (parsed JSON) to a record; `CtgovError` when it cannot be, carrying
    every problem of the study (`CtgovError.every`)."""
    if not isinstance(study, dict):
        raise CtgovError("", f"expected an object, got {kind_of(study)}")
    root = Node(study, "")
    try:
        data = _record_data(root, source_name)
    except CtgovError as exc:
        raise gather([*root.errors, exc]) from None
    try:
        record = TrialRecord.model_validate(data)
    except ValidationError as exc:
        raise gather([*root.errors, *_model_errors(exc, data, bool(root.errors))]) from None
    if root.errors:
        raise gather(root.errors)
    left = account(root.object(), root.used, SKIPPED)
    return ImportedStudy(
        file=source_name,
        nct_id=record.identification.record_id,
        record=record,
        data=data,
        mapped=frozenset(root.used),
        unmapped=left.unmapped,
        skipped=left.skipped,
    )


def iter_file(path: Path) -> Iterator[ImportedStudy | CtgovError]:
    """Import the studies of one registry JSON file one at a time (`iter_studies`), in order.

    Yields each study's import, or every problem that kept it from importing (each a
    `CtgovError` naming the file and the registry path); a file that cannot be read, or is not
    JSON, a study or a page, yields its error and ends.
    """
    try:
        for prefix, study in iter_studies(path):
            try:
                yield replace(import_study(study, path.name), file=str(path))
            except CtgovError as exc:
                for error in exc.every():
                    where = ".".join(p for p in (prefix, error.path) if p).replace(".[", "[")
                    yield CtgovError(where, error.message, str(path))
    except OSError as exc:
        yield CtgovError("", f"cannot read: {exc.strerror}", str(path))
    except CtgovError as exc:
        yield exc.in_file(str(path))


def import_file(path: str | os.PathLike[str]) -> list[ImportedStudy]:
    """Import every study in one registry JSON file; `CtgovError` names the file and the path
    (carrying every problem of the file, `CtgovError.every`)."""
    path = Path(path)
    out: list[ImportedStudy] = []
    errors: list[CtgovError] = []
    for item in iter_file(path):
        if isinstance(item, CtgovError):
            errors.append(item)
        else:
            out.append(item)
    if errors:
        raise gather(errors)
    return out


def import_files(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[ImportedStudy], list[CtgovError]]:
    """Import every study of every file; every problem of every file is returned, not raised.

    A study id found twice (in two files, or twice in a page) is a problem too: one record
    cannot be written from two sources in one run.
    """
    studies: list[ImportedStudy] = []
    errors: list[CtgovError] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            found = import_file(path)
        except CtgovError as exc:
            errors.extend(exc.every())
            continue
        for study in found:
            if study.nct_id in seen:
                where = "protocolSection.identificationModule.nctId"
                message = f"{study.nct_id} is also in {seen[study.nct_id]}"
                errors.append(CtgovError(where, message, str(path)))
            seen.setdefault(study.nct_id, str(path))
            studies.append(study)
    return studies, errors


def import_report(studies: list[ImportedStudy], written: dict[str, str]) -> ImportReport:
    """The import report as JSON-ready data: per file, per study, what was written and what not,
    then the totals (`trialmodel.ctgov.report`).

    ``written`` maps an NCT id to the record file written for it. ``skip_reasons`` gives the
    reason for each skipped path that occurs in the report.
    """
    entries = ((s.file, study_entry(s, written.get(s.nct_id))) for s in studies)
    return build_report(entries, [])


def write_records(
    studies: list[ImportedStudy], out: Path, *, force: bool = False
) -> dict[str, Path]:
    """Write each study's record as ``out/<NCT id>.yaml``; returns the files by NCT id.

    A record larger than `validate` reads is a `CtgovError` naming its registry file, and then
    no file is written; the writing itself is `trialmodel.writing.write_record_files` (all or
    nothing, `OverwriteRefusedError` naming every target that exists without ``force``).
    """
    texts = record_texts({s.nct_id: s.data for s in studies}, out)
    large = [
        CtgovError(
            "",
            f"the record of {s.nct_id} would be {size} bytes, over the limit of "
            f"{MAX_FILE_BYTES} bytes that validate reads",
            s.file,
        )
        for s in studies
        if (size := len(texts[s.nct_id])) > MAX_FILE_BYTES
    ]
    if large:
        raise gather(large)
    return write_record_files(texts, out, force=force)
