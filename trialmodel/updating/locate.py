"""Which record in a folder is a ClinicalTrials.gov trial's: ``<NCT id>.yaml``, or a record named
after another primary registry (``ChiCTR2600126854.yaml``) whose identification holds the NCT id.

A record is named after its primary registration (docs/curation.md), so a trial registered first
in ChiCTR and also at ClinicalTrials.gov lives in ``ChiCTR….yaml`` with its NCT id in
``identification.nct_id`` (and, if listed, a CTGOV registration). ``import --update`` and ``sync``
get the registry's data by NCT id and look the record up here. Only the files not named after an
NCT id are read for their ids (they are the few records registered elsewhere); two records that
claim one NCT id are refused, naming both, rather than one of them updated at random.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trialmodel.loading import MAX_FILE_BYTES, load_bytes
from trialmodel.loading.files import (
    RECORD_SUFFIXES,
    TooLargeError,
    UnreadableError,
    read_regular,
)
from trialmodel.model.types import NCT_ID_PATTERN
from trialmodel.updating.plan import UpdateError

__all__ = ["claimed_nct_ids", "duplicate_claim", "index_records"]

_NCT_STEM = re.compile(NCT_ID_PATTERN.removeprefix("^").removesuffix("$"))


def claimed_nct_ids(data: dict[str, Any] | None) -> set[str]:
    """The NCT ids a record's data names as its own: ``identification.nct_id`` and the ids of its
    ClinicalTrials.gov registrations (which must repeat it; ``validate`` checks that)."""
    ident = data.get("identification") if isinstance(data, dict) else None
    if not isinstance(ident, dict):
        return set()
    found = {ident["nct_id"]} if isinstance(ident.get("nct_id"), str) else set()
    registrations = ident.get("registrations")
    for item in registrations if isinstance(registrations, list) else []:
        ctgov = isinstance(item, dict) and item.get("registry") == "CTGOV"
        if ctgov and isinstance(item.get("id"), str):
            found.add(item["id"])
    return found


def named_after_nct_id(path: Path) -> bool:
    """Whether a record file is named ``<NCT id>.yaml``."""
    return path.suffix in RECORD_SUFFIXES and _NCT_STEM.fullmatch(path.stem) is not None


@dataclass
class RecordIndex:
    """The records right in one folder, by the NCT ids they claim."""

    folder: Path
    elsewhere: dict[str, list[Path]] = field(default_factory=dict)
    """NCT id -> the records not named after an NCT id that claim it."""
    without: list[Path] = field(default_factory=list)
    """Records not named after an NCT id that claim none (or could not be read)."""

    def claims(self, nct_id: str) -> list[Path]:
        """Every record in the folder that is the trial's: its NCT-named file, then the others."""
        named = self.folder / f"{nct_id}.yaml"
        return ([named] if named.is_file() else []) + self.elsewhere.get(nct_id, [])

    def record_of(self, nct_id: str) -> Path:
        """The one record of ``nct_id``: ``<NCT id>.yaml`` when none claims it (the update then
        says there is no record); `UpdateError` when two or more do."""
        found = self.claims(nct_id)
        if len(found) > 1:
            raise UpdateError(f"{duplicate_claim(nct_id, found)}, then update")
        return found[0] if found else self.folder / f"{nct_id}.yaml"


def duplicate_claim(nct_id: str, paths: list[Path]) -> str:
    """The message for records that claim one NCT id."""
    listed = ", ".join(str(p) for p in paths)
    return (
        f"{nct_id} is the NCT id of {len(paths)} records ({listed}): a trial has one record; "
        "merge them or correct the NCT id"
    )


def index_records(folder: Path) -> RecordIndex:
    """Read the ids of the records in ``folder`` not named after an NCT id."""
    index = RecordIndex(folder)
    if not folder.is_dir():
        return index
    others = sorted(
        p
        for p in folder.iterdir()
        if p.suffix in RECORD_SUFFIXES and not named_after_nct_id(p) and p.is_file()
    )
    for path in others:
        ids = claimed_nct_ids(_data(path))
        for nct_id in sorted(ids):
            index.elsewhere.setdefault(nct_id, []).append(path)
        if not ids:
            index.without.append(path)
    return index


def _data(path: Path) -> dict[str, Any] | None:
    """The file's data, or None when it cannot be read as a record (``validate`` says why)."""
    try:
        content = read_regular(path, MAX_FILE_BYTES)
    except (UnreadableError, TooLargeError):
        return None
    return load_bytes(content, str(path)).data
