"""Apply a newer registry version to a curated record, keeping the curation and the curator's YAML.

The record file is edited in place with ruamel.yaml's round-trip mode: only the registry-owned
values that changed are replaced, inserted or removed, so comments, key order, quoting and every
curated field (cell_based, product, dose levels and design, background therapies, ethics reviews,
funding sources, result publications, curation notes) stay as they were. Lists are matched by
identity (label, name, measure, id, facility/city/country), not by position.

`plan_update` computes the new text and what changed without touching a file; `write_update`
keeps the previous version as ``history/<NCT>/<its date>.yaml`` beside the record, then replaces
the record (each write through a temporary file and a rename).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from trialmodel.changes import Change, ChangeReport, TrialChanges, VersionRef, diff_records
from trialmodel.ctgov import ImportedStudy
from trialmodel.ctgov.reader import record_path as record_path_text
from trialmodel.model.record import TrialRecord
from trialmodel.model.types import compare_dates
from trialmodel.updating.merge import Merger, plain
from trialmodel.writing import (
    SCHEMA_COMMENT,
    OverwriteRefusedError,
    dump_yaml,
    round_trip_yaml,
    styled,
    write_file,
)

__all__ = [
    "Update",
    "UpdateError",
    "change_report",
    "plan_update",
    "update_changes",
    "update_records",
    "write_update",
]

HISTORY_SCHEMA_COMMENT = "# yaml-language-server: $schema=../../../schemas/trial-record.schema.json"
"""First line of a history version (records/history/<NCT id>/<date>.yaml)."""

_VERSION_PATHS = ("status.last_update_posted", "provenance")
"""Paths that say which version a record is, not what the trial is: shown in the report's header
(old date -> new date), not as changes."""


class UpdateError(ValueError):
    """A record that cannot be updated: unreadable, invalid, undated, or newer than the data."""


@dataclass(frozen=True, slots=True)
class Update:
    """A planned update of one record; nothing is written until `write_update`."""

    nct_id: str
    record_path: Path
    history_path: Path
    old_bytes: bytes
    new_text: str
    old: TrialRecord
    new: TrialRecord
    changed: list[str]
    """Record paths of the registry values that were replaced, added or removed."""
    notes: list[str] = field(default_factory=list)
    """Things the curator should know (an item carrying curation that the registry dropped)."""

    @property
    def history_bytes(self) -> bytes:
        """The previous version as kept in history: its bytes, the schema comment re-pointed.

        A history file sits two folders deeper than the record, so its first-line schema
        comment points at ``../../../schemas/`` (see docs/curation.md); nothing else changes.
        """
        old = SCHEMA_COMMENT.encode("utf-8")
        if self.old_bytes.startswith(old + b"\n"):
            return HISTORY_SCHEMA_COMMENT.encode("utf-8") + self.old_bytes[len(old) :]
        return self.old_bytes

    @property
    def writes(self) -> bool:
        """True when the record changes (and so the previous version goes to history)."""
        return self.new_text.encode("utf-8") != self.old_bytes

    @property
    def old_version(self) -> str:
        """The registry date the previous version reflects (the history file's name)."""
        return self.history_path.stem


def _load(path: Path) -> tuple[bytes, CommentedMap, TrialRecord]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UpdateError(f"{path}: cannot read the record to update: {exc.strerror}") from None
    try:
        doc = round_trip_yaml().load(raw)
    except YAMLError as exc:
        raise UpdateError(f"{path}: not readable YAML: {exc}") from None
    if not isinstance(doc, CommentedMap):
        raise UpdateError(f"{path}: not a record (expected a mapping at the top)")
    try:
        record = TrialRecord.model_validate(plain(doc))
    except ValidationError as exc:
        raise UpdateError(
            f"{path}: the record does not validate ({exc.error_count()} problems); "
            "run `trialmodel validate` on it and fix it before updating"
        ) from None
    return raw, doc, record


def _version(record: TrialRecord) -> str | None:
    snapshot = record.provenance.snapshot
    if snapshot is not None and snapshot.date is not None:
        return snapshot.date
    posted = record.status.last_update_posted if record.status else None
    return posted.date if posted else None


def _update_provenance(doc: CommentedMap, imported: ImportedStudy) -> None:
    """Point the snapshot and the registry source at the new version; other sources stay."""
    new = imported.data["provenance"]
    prov = doc["provenance"]
    if "snapshot" in new and plain(prov.get("snapshot")) != new["snapshot"]:
        if "snapshot" in prov:
            prov["snapshot"] = styled(new["snapshot"], 4)
        else:
            prov.insert(list(prov).index("sources") + 1, "snapshot", styled(new["snapshot"], 4))
    sources: CommentedSeq = prov["sources"]
    source = new["sources"][0]
    for old in sources:
        if isinstance(old, CommentedMap) and old.get("kind") == source["kind"]:
            # the registry source now names the new file and version; its note is the curator's
            owned = {k: source[k] for k in ("name", "reflects") if k in source}
            Merger().merge_map(old, {**plain(old), **owned}, None, "provenance.sources")
            return
    sources.insert(0, styled(source, 6))


def _check_versions(record_path: Path, old: TrialRecord, imported: ImportedStudy) -> str:
    """The record's version date, once the registry data is known to be its trial, not older."""
    if old.identification.nct_id != imported.nct_id:
        raise UpdateError(
            f"{record_path}: the record is {old.identification.nct_id}, "
            f"the registry data is {imported.nct_id}"
        )
    old_version = _version(old)
    if old_version is None:
        raise UpdateError(
            f"{record_path}: the current version has no date to keep it under in history; "
            "add provenance.snapshot.date (the registry's last update posted it reflects)"
        )
    new_version = _version(imported.record)
    if new_version is not None and compare_dates(new_version, old_version) == -1:
        raise UpdateError(
            f"{imported.file}: registry version {new_version} is older than the record's "
            f"({old_version}); refusing to go back"
        )
    return old_version


def plan_update(record_path: Path, imported: ImportedStudy) -> Update:
    """Work out the update of the record at ``record_path`` to the imported registry version."""
    raw, doc, old = _load(record_path)
    old_version = _check_versions(record_path, old, imported)
    merger = Merger()
    merger.merge_record(doc, imported.data)
    if merger.changed or _version(imported.record) != old_version:
        _update_provenance(doc, imported)  # the same version again leaves the record as it is
    try:
        new = TrialRecord.model_validate(plain(doc))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = record_path_text(first["loc"])
        raise UpdateError(
            f"{record_path}: the updated record is invalid at {where}: {first['msg']}"
        ) from None
    history = record_path.parent / "history" / old.identification.nct_id / f"{old_version}.yaml"
    return Update(
        nct_id=old.identification.nct_id,
        record_path=record_path,
        history_path=history,
        old_bytes=raw,
        new_text=dump_yaml(doc),
        old=old,
        new=new,
        changed=merger.changed,
        notes=merger.notes,
    )


def write_update(update: Update, *, force: bool = False) -> bool:
    """Keep the previous version in history, then write the updated record; False if no change.

    A history file that exists with other content is refused unless ``force``.
    """
    if not update.writes:
        return False
    history = update.history_path
    if not history.exists() or _history_clash(update):
        history.parent.mkdir(parents=True, exist_ok=True)
        write_file(history, update.history_bytes, force=force)
    write_file(update.record_path, update.new_text, force=True)
    return True


def update_records(
    studies: list[ImportedStudy], folder: Path, *, force: bool = False
) -> list[Update]:
    """Update ``folder/<NCT id>.yaml`` from each study: plan all first, then write all.

    Raises `UpdateError` (nothing written) when a record is missing or cannot be updated, and
    `OverwriteRefusedError` when a history file exists with other content and ``force`` is false.
    """
    plans = []
    for study in studies:
        record = folder / f"{study.nct_id}.yaml"
        if not record.is_file():
            raise UpdateError(f"{record}: no record to update (import it with --out first)")
        plans.append(plan_update(record, study))
    clashes = [str(p.history_path) for p in plans if _history_clash(p)]
    if clashes and not force:
        raise OverwriteRefusedError(
            f"{', '.join(clashes)}: a different history version exists; nothing was written "
            "(use --force to overwrite)"
        )
    for plan in plans:
        write_update(plan, force=force)
    return plans


def _history_clash(update: Update) -> bool:
    path = update.history_path
    return path.exists() and path.read_bytes() != update.history_bytes


def update_changes(update: Update) -> list[Change]:
    """What changed in the trial between the previous and the updated record."""
    return [
        c
        for c in diff_records(update.old, update.new)
        if not any(c.path == p or c.path.startswith((f"{p}.", f"{p}[")) for p in _VERSION_PATHS)
    ]


def _ref(file: Path, record: TrialRecord) -> VersionRef:
    date = _version(record)
    status = record.status.overall.value if record.status else None
    return VersionRef(str(file), date, "snapshot" if date else None, status)


def change_report(updates: list[Update]) -> ChangeReport:
    """The updates as a ``diff`` change report: previous version (in history) -> updated record."""
    trials = []
    for u in updates:
        changes = tuple(update_changes(u))
        trials.append(
            TrialChanges(
                nct_id=u.nct_id,
                status="changed" if changes else "unchanged",
                old=_ref(u.history_path if u.writes else u.record_path, u.old),
                new=_ref(u.record_path, u.new),
                changes=changes,
            )
        )
    return ChangeReport("diff", tuple(trials))
