"""Registry versions as records on disk: their provenance, their file names, what is held.

A version read from the registry is imported as ``import ctgov`` imports a file (the same
`import_study`), then given its provenance: the registry's version number, its date, the modules
it changed, the address it came from and when. Earlier versions are kept as
``history/<NCT>/<date>.v<number>.yaml``: the registry's date (the version's submission date,
``provenance.snapshot.submitted``) and number in the name, so a folder
listing reads in order and a rerun knows which versions it holds. History is append-only: a
version file, once written, is never written again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trialmodel.ctgov import CtgovError, ImportedStudy, import_study
from trialmodel.model.identifiers import file_stem
from trialmodel.model.people import Provenance, Snapshot, Source
from trialmodel.model.record import Identification, TrialRecord
from trialmodel.registry.api import VersionInfo
from trialmodel.registry.client import Reply
from trialmodel.updating import HISTORY_SCHEMA_COMMENT
from trialmodel.writing import SCHEMA_COMMENT, OverwriteRefusedError, write_file, yaml_text

__all__ = ["held_versions", "imported", "version_of", "write_version"]

HISTORY = "history"
_VERSION_FILE = re.compile(r"^(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\.v(?P<number>[0-9]+)\.yaml$")

CURRENT_SOURCE = "ClinicalTrials.gov API v2"
HISTORY_SOURCE = "ClinicalTrials.gov version history"
HISTORY_NOTE = (
    "imported from the registry's version history (internal API); its HTML text turned back "
    "into the registry's Markdown"
)


def version_file(folder: Path, stem: str, info: VersionInfo) -> Path:
    """Where an earlier version is kept: ``folder/history/<stem>/<date>.v<number>.yaml``, the
    stem its record's file name (the NCT id, or the id of a primary registration elsewhere)."""
    return folder / HISTORY / stem / f"{info.date}.v{info.number}.yaml"


def held_versions(folder: Path, stem: str) -> set[int]:
    """The registry version numbers kept in ``folder/history/<stem>/`` (from the file names)."""
    history = folder / HISTORY / stem
    if not history.is_dir():
        return set()
    found = (_VERSION_FILE.match(p.name) for p in history.iterdir())
    return {int(m["number"]) for m in found if m}


def imported(reply: Reply, info: VersionInfo | None, *, earlier: bool) -> ImportedStudy:
    """A study the registry answered, imported, with the provenance of this version.

    ``earlier`` says it came from the version history (else from API v2). `CtgovError` when
    the study cannot make a record.
    """
    name = HISTORY_SOURCE if earlier else CURRENT_SOURCE
    study = import_study(reply.data, name)
    data = _with_provenance(study.data, reply, info, earlier=earlier)
    try:
        record = TrialRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise CtgovError("", f"cannot record the version's provenance: {first['msg']}") from None
    return replace(study, data=data, record=record, file=reply.url)


def _with_provenance(
    data: dict[str, Any], reply: Reply, info: VersionInfo | None, *, earlier: bool
) -> dict[str, Any]:
    provenance = dict(data["provenance"])
    source = {**provenance["sources"][0], "url": reply.url}
    if earlier:
        source["note"] = HISTORY_NOTE
    snapshot: dict[str, Any] = dict(provenance.get("snapshot", {}))
    if info is not None:
        # the version list dates every version; a version without a posted date takes it
        snapshot.setdefault("date", info.date)
        snapshot["version"] = info.number
        snapshot["submitted"] = info.date  # the version list dates a version by its submission
        if info.module_labels:
            snapshot["changed_modules"] = list(info.module_labels)
    snapshot["retrieved"] = reply.retrieved
    provenance["sources"] = [source, *provenance["sources"][1:]]
    provenance["snapshot"] = snapshot
    return {**data, "provenance": _ordered(provenance)}


def _ordered(provenance: dict[str, Any]) -> dict[str, Any]:
    """Provenance keys in model order (so the file reads as every other record)."""
    snapshot, source = provenance["snapshot"], provenance["sources"][0]
    provenance["snapshot"] = {k: snapshot[k] for k in Snapshot.model_fields if k in snapshot}
    provenance["sources"][0] = {k: source[k] for k in Source.model_fields if k in source}
    return {k: provenance[k] for k in Provenance.model_fields if k in provenance}


def version_of(study: ImportedStudy, record: TrialRecord) -> ImportedStudy:
    """An earlier registry version of ``record``, a record named after another registry: the
    record's registrations carried into it, so that it is a version of the same trial (its id,
    its history folder), with a curation note saying so. The registry's version history shows no
    other registry's registration; the registrations name the trial, they are not what changed."""
    registrations = [
        r.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        for r in record.identification.registrations or []
    ]
    ident = {**study.data["identification"], "registrations": registrations}
    note = {
        "topic": "identification.registrations",
        "note": (
            f"Carried from the curated record of {record.identification.record_id}: the "
            "registry's version history shows no registration in another registry, and these "
            "name the trial this version is of."
        ),
    }
    provenance = dict(study.data["provenance"])
    provenance["curation_notes"] = [*provenance.get("curation_notes", []), note]
    data = {
        **study.data,
        "identification": {k: ident[k] for k in Identification.model_fields if k in ident},
        "provenance": {k: provenance[k] for k in Provenance.model_fields if k in provenance},
    }
    try:
        carried = TrialRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise CtgovError("", f"cannot carry the record's registrations: {first['msg']}") from None
    return replace(study, data=data, record=carried)


def write_version(folder: Path, study: ImportedStudy, info: VersionInfo) -> Path | None:
    """Keep an earlier version in history (the folder named after its record id); None when
    that version's file is already there."""
    path = version_file(folder, file_stem(study.record.identification.record_id), info)
    text = yaml_text(study.data)
    text = HISTORY_SCHEMA_COMMENT + text[len(SCHEMA_COMMENT) :]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_file(path, text)
    except OverwriteRefusedError:
        return None
    return path
