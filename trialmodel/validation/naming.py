"""The file name rule: a record in a ``records`` folder is named by its id.

``records/<id>.yaml`` holds the current record of the trial whose id (`Identification.record_id`:
its primary registration's id, else its NCT id) is ``<id>``, and ``records/history/<id>/`` its
earlier versions, with each ``/`` of the id written ``-`` (`file_stem`): the names that
``history``, ``report``, ``table`` and ``fhir`` look the versions up by. Files outside a folder
named ``records`` (examples, drafts) are not held to it.
"""

from __future__ import annotations

from pathlib import PurePath

from trialmodel.findings import Finding, Severity
from trialmodel.loading import SourceMap
from trialmodel.loading.core import format_path
from trialmodel.model.identifiers import file_stem, primary_registration
from trialmodel.model.record import TrialRecord

__all__ = ["file_name_findings"]

RECORDS_FOLDER = "records"
HISTORY_FOLDER = "history"
CODE = "record_file_name"


def file_name_findings(file: str, record: TrialRecord, source_map: SourceMap) -> list[Finding]:
    """A finding when a record in a records folder (or its history) is not named by its id."""
    path = PurePath(file)
    stem = file_stem(record.identification.record_id)
    parents = [p.name for p in path.parents][:3]
    if parents[:1] == [RECORDS_FOLDER]:
        named, expected = path.stem, f"{RECORDS_FOLDER}/{stem}{path.suffix}"
    elif parents[1:3] == [HISTORY_FOLDER, RECORDS_FOLDER]:
        named, expected = parents[0], f"{RECORDS_FOLDER}/{HISTORY_FOLDER}/{stem}/{path.name}"
    else:
        return []
    if named == stem:
        return []
    where = _id_path(record)
    line, column = source_map.locate(where, nearest=True)
    message = (
        f"the record of {record.identification.record_id} is named '{named}': a record in "
        f"{RECORDS_FOLDER}/ is named by its id"
    )
    hint = f"rename the file {expected}, or correct the id"
    return [Finding(file, line, column, format_path(where), CODE, Severity.ERROR, message, hint)]


def _id_path(record: TrialRecord) -> tuple[str | int, ...]:
    """Where the record's id is written: the primary registration's id, else nct_id."""
    ident = record.identification
    primary = primary_registration(ident.registrations)
    if primary is None or ident.registrations is None:
        return ("identification", "nct_id")
    return ("identification", "registrations", ident.registrations.index(primary), "id")
