"""ClinicalTrials.gov API v2 JSON -> TrialRecord, with an account of what was not mapped.

`import_file` reads a single study (``/api/v2/studies/{nctId}``) or a page of studies
(``{"studies": [...]}``) and returns one `ImportedStudy` per study: the record, the registry paths
it was built from, and the registry paths the model has no home for, counted. The registry's
enumerations are the model's vocabularies, so values are taken as they are; an unknown value or a
value of the wrong shape raises `CtgovError` naming the registry path. The cell-therapy product is
left to the curator: no intervention is marked ``cell_based``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trialmodel.ctgov import sections as sec
from trialmodel.ctgov.pages import iter_studies
from trialmodel.ctgov.reader import CtgovError, Node, kind_of, record_path, unmapped_paths
from trialmodel.ctgov.report import build_report, study_entry
from trialmodel.model import vocab as v
from trialmodel.model.record import SCHEMA_VERSION, TrialRecord
from trialmodel.writing import OverwriteRefusedError, write_file, yaml_text

__all__ = [
    "CtgovError",
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
    """Registry paths (list indices dropped) with no home in the model, and how many values each."""


def _provenance(source_name: str, status: Data | None, review: list[str]) -> Data:
    last = (status or {}).get("last_update_posted", {}).get("date")
    source = sec.compact(
        name=source_name,
        kind=v.SourceKind.REGISTRY_API.value,
        reflects=sec.compact(last_update_posted=last, verified=(status or {}).get("verified")),
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
    data = sec.compact(
        schema_version=SCHEMA_VERSION,
        identification=identification,
        status=status,
        sponsors=sec.sponsors(ps),
        conditions=conditions.texts("conditions") if conditions else None,
        keywords=conditions.texts("keywords") if conditions else None,
        description=sec.compact(
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
        results=sec.results(root, ps),
    )
    assert data is not None  # schema_version is always there
    data["provenance"] = _provenance(source_name, status, review)
    return data


def import_study(study: object, source_name: str) -> ImportedStudy:
    """Map one registry study (parsed JSON) to a record; `CtgovError` when it cannot be."""
    root = Node(study, "")
    root.object()
    data = _record_data(root, source_name)
    try:
        record = TrialRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = record_path(first["loc"])
        raise CtgovError("", f"cannot make the record: {where}: {first['msg']}") from None
    return ImportedStudy(
        file=source_name,
        nct_id=record.identification.nct_id,
        record=record,
        data=data,
        mapped=frozenset(root.used),
        unmapped=unmapped_paths(root.object(), root.used),
    )


def read_studies(raw: bytes) -> list[tuple[str, object]]:
    """The studies in registry JSON: a single study, or a page ``{"studies": [...]}``.

    Returns (path prefix, study) pairs; the prefix locates the study in the file (``studies[2]``).
    """
    try:
        doc = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CtgovError("", f"not JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise CtgovError("", f"expected a study object or a page of studies, got {kind_of(doc)}")
    if "protocolSection" not in doc and "studies" in doc:
        studies = doc["studies"]
        if not isinstance(studies, list):
            raise CtgovError("studies", f"expected a list, got {kind_of(studies)}")
        return [(f"studies[{i}]", s) for i, s in enumerate(studies)]
    return [("", doc)]


def iter_file(path: Path) -> Iterator[ImportedStudy | CtgovError]:
    """Import the studies of one registry JSON file one at a time (`iter_studies`), in order.

    Yields each study's import or the `CtgovError` (naming the file and the registry path) that
    kept it from importing; a file that cannot be read, or is not JSON, a study or a page, yields
    one error and ends.
    """
    prefix = ""
    try:
        for prefix, study in iter_studies(path):
            try:
                yield replace(import_study(study, path.name), file=str(path))
            except CtgovError as exc:
                where = ".".join(p for p in (prefix, exc.path) if p).replace(".[", "[")
                yield CtgovError(where, exc.message, str(path))
    except OSError as exc:
        yield CtgovError("", f"cannot read: {exc.strerror}", str(path))
    except CtgovError as exc:
        yield exc.in_file(str(path))


def import_file(path: Path) -> list[ImportedStudy]:
    """Import every study in one registry JSON file; `CtgovError` names the file and the path."""
    out = []
    for item in iter_file(path):
        if isinstance(item, CtgovError):
            raise item
        out.append(item)
    return out


def import_files(paths: list[Path]) -> tuple[list[ImportedStudy], list[CtgovError]]:
    """Import every study of every file; problems are returned, one per file, not raised.

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
            errors.append(exc)
            continue
        for study in found:
            if study.nct_id in seen:
                where = "protocolSection.identificationModule.nctId"
                message = f"{study.nct_id} is also in {seen[study.nct_id]}"
                errors.append(CtgovError(where, message, str(path)))
            seen.setdefault(study.nct_id, str(path))
            studies.append(study)
    return studies, errors


def import_report(studies: list[ImportedStudy], written: dict[str, str]) -> dict[str, Any]:
    """The import report as JSON-ready data: per file, per study, what was written and what not,
    then the totals (`trialmodel.ctgov.report`).

    ``written`` maps an NCT id to the record file written for it.
    """
    entries = ((s.file, study_entry(s, written.get(s.nct_id))) for s in studies)
    return build_report(entries, [])


def write_records(
    studies: list[ImportedStudy], out: Path, *, force: bool = False
) -> dict[str, Path]:
    """Write each study's record as ``out/<NCT id>.yaml``; returns the files by NCT id.

    Every target is checked before anything is written: if one exists and ``force`` is false,
    `OverwriteRefusedError` names them all and no file is written. Each write goes through a
    temporary file and a rename.
    """
    targets = {s.nct_id: out / f"{s.nct_id}.yaml" for s in studies}
    existing = [str(t) for t in targets.values() if t.exists()]
    if existing and not force:
        raise OverwriteRefusedError(
            f"{', '.join(existing)} exist{'s' * (len(existing) == 1)}; nothing was written "
            "(use --force to overwrite)"
        )
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    for study in studies:
        write_file(targets[study.nct_id], yaml_text(study.data), force=force)
    return targets
