"""Planning the update of one record: read it safely, merge the registry version, check the result.

Nothing here writes. The record's bytes pass the loader's checks (`trialmodel.loading`: size,
encoding, nesting depth, no aliases, tags or duplicate keys) and the model before ruamel.yaml
reads them; the merged text is loaded, validated and kept only when the curation could be carried.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from trialmodel.atomic import digest
from trialmodel.ctgov import ImportedStudy
from trialmodel.errors import TrialmodelError
from trialmodel.findings import FileReport, Severity
from trialmodel.loading import MAX_FILE_BYTES, load_bytes
from trialmodel.model.identifiers import file_stem
from trialmodel.model.record import TrialRecord
from trialmodel.model.types import compare_dates
from trialmodel.updating.carry import carry_curation
from trialmodel.updating.merge import Merger, from_round_trip
from trialmodel.writing import SCHEMA_COMMENT, dump_yaml, round_trip_yaml, styled

__all__ = ["HISTORY_SCHEMA_COMMENT", "Update", "UpdateError", "plan_update"]

HISTORY_SCHEMA_COMMENT = "# yaml-language-server: $schema=../../../schemas/trial-record.schema.json"
"""First line of a history version (records/history/<NCT id>/<date>.yaml)."""

_BOM = b"\xef\xbb\xbf"


class UpdateError(TrialmodelError, ValueError):
    """A record that cannot be updated: unreadable, invalid, undated, newer than the data, or
    curation that cannot be carried. ``problems`` says why, one line each; ``reports`` hold the
    located findings where a record (or the record an update would write) fails validation."""

    def __init__(self, *problems: str, reports: Sequence[FileReport] = ()) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
        self.reports = tuple(reports)


@dataclass(frozen=True, slots=True)
class Update:
    """A planned update of one record; nothing is written until `write_update`."""

    nct_id: str
    record_path: Path
    history_path: Path
    old_bytes: bytes
    new_text: str
    """The updated record as text (line feeds; `new_bytes` is what is written)."""
    new_bytes: bytes
    """The file to write: the old bytes when nothing changed, else the text with the old file's
    line ends and byte order mark."""
    old: TrialRecord
    new: TrialRecord
    old_version: str
    """The registry date the previous version reflects (its history file is named after it)."""
    changed: list[str]
    """Record paths of the registry values (and the references to them) that changed."""
    notes: list[str] = field(default_factory=list)
    """Things the curator should know (an id the registry does not list, kept)."""
    checked: FileReport | None = None
    """The validation of `new_bytes` (warnings and rule errors; a record that does not load or
    fit the model is never planned); None when the record does not change."""

    @property
    def old_digest(self) -> str:
        """The content hash of the record as read: still so when the update is written."""
        return digest(self.old_bytes)

    @property
    def history_bytes(self) -> bytes:
        """The previous version as kept in history: its bytes, the schema comment re-pointed.

        A history file sits two folders deeper than the record, so its first-line schema
        comment points at ``../../../schemas/`` (see docs/curation.md); nothing else changes.
        """
        body = self.old_bytes[len(_BOM) :] if self.old_bytes.startswith(_BOM) else self.old_bytes
        bom = self.old_bytes[: len(self.old_bytes) - len(body)]
        old = SCHEMA_COMMENT.encode("utf-8")
        if body.startswith((old + b"\n", old + b"\r\n")):
            return bom + HISTORY_SCHEMA_COMMENT.encode("utf-8") + body[len(old) :]
        return self.old_bytes

    @property
    def writes(self) -> bool:
        """True when the record changes (and so the previous version goes to history)."""
        return self.new_bytes != self.old_bytes


def _located(report: FileReport, what: str) -> UpdateError:
    errors = sum(1 for f in report.findings if f.severity is Severity.ERROR)
    count = f"{errors} error{'s' * (errors != 1)}"
    return UpdateError(
        f"{report.file}: {what} ({count}, as `trialmodel validate` reports them)", reports=(report,)
    )


def _read(path: Path) -> bytes:
    """The record's bytes, never more than a record may hold, never from a device or pipe."""
    try:
        if not path.is_file():
            raise UpdateError(f"{path}: no record to update (import it with --out first)")
        with path.open("rb") as stream:
            return stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UpdateError(f"{path}: cannot read the record to update: {reason}") from None


def load_safely(path: Path) -> tuple[bytes, dict[str, Any], TrialRecord]:
    """The record's bytes, data and model, once it passed `validate`'s loader and the model.

    The loader's checks (size, nesting depth, aliases, tags, duplicate keys...) come before
    anything else reads the bytes: ruamel.yaml never reads what `validate` refuses to read.
    """
    from trialmodel.validation.files import validate_bytes

    raw = _read(path)
    loaded = load_bytes(raw, str(path))
    if loaded.data is None or any(f.severity is Severity.ERROR for f in loaded.findings):
        report = FileReport(str(path), loaded.findings)
        raise _located(report, "the record is not safe to read; fix it, then update")
    try:
        record = TrialRecord.model_validate(loaded.data)
    except ValidationError:
        report = validate_bytes(raw, str(path))
        raise _located(report, "the record does not validate; fix it, then update") from None
    return raw, loaded.data, record


def _round_trip(raw: bytes) -> CommentedMap:
    """The record for editing; only for bytes that passed `load_safely`."""
    # ruamel.yaml keeps a carriage return in comments: read line feeds; _file_bytes puts CR LF back
    doc: CommentedMap = round_trip_yaml().load(raw.decode("utf-8-sig").replace("\r\n", "\n"))
    return doc


def record_version(record: TrialRecord) -> str | None:
    """The registry date a record reflects: its snapshot date, else its last update posted."""
    snapshot = record.provenance.snapshot
    if snapshot is not None and snapshot.date is not None:
        return snapshot.date
    posted = record.status.last_update_posted if record.status else None
    return posted.date if posted else None


def version_label(record: TrialRecord) -> str | None:
    """The name a record's version is filed under in history: its registry date, else the bound
    its curator established (``after-2020-12-12`` for not_before, ``before-2021-01`` for
    not_after, as docs/curation.md names such files); None when nothing dates it."""
    date = record_version(record)
    snapshot = record.provenance.snapshot
    if date is not None or snapshot is None:
        return date
    if snapshot.not_before is not None:
        return f"after-{snapshot.not_before}"
    return None if snapshot.not_after is None else f"before-{snapshot.not_after}"


def check_versions(record_path: Path, old: TrialRecord, imported: ImportedStudy) -> str:
    """The record's version label (`version_label`), once the registry data is known to be a
    dated version of its trial that is not older than the record."""
    if old.identification.nct_id is None:
        raise UpdateError(
            f"{record_path}: the record has no NCT id; updates come from ClinicalTrials.gov, "
            "which knows a trial by its NCT id only"
        )
    if old.identification.nct_id != imported.nct_id:
        raise UpdateError(
            f"{record_path}: the record is {old.identification.nct_id}, "
            f"the registry data is {imported.nct_id}"
        )
    old_version = version_label(old)
    if old_version is None:
        raise UpdateError(
            f"{record_path}: the current version has no date to keep it under in history; "
            "add provenance.snapshot.date (the registry's last update posted it reflects), or "
            "the bound the sources support (snapshot.not_before or not_after)"
        )
    new_version = record_version(imported.record)
    if new_version is None:
        raise UpdateError(
            f"{imported.file}: the registry data of {imported.nct_id} carries no version date "
            "(protocolSection.statusModule.lastUpdatePostDateStruct.date); refusing to file it "
            "as a version of the record"
        )
    # a version current no earlier than not_before is newer than any version dated before it
    floor = old_version.removeprefix("after-")
    if not floor.startswith("before-") and compare_dates(new_version, floor) == -1:
        raise UpdateError(
            f"{imported.file}: registry version {new_version} is older than the record's "
            f"({old_version}); refusing to go back"
        )
    return old_version


def _update_provenance(doc: CommentedMap, imported: ImportedStudy) -> None:
    """Point the snapshot and the registry source at the new version; other sources stay."""
    new = imported.data["provenance"]
    prov = doc["provenance"]
    if "snapshot" in new and from_round_trip(prov.get("snapshot")) != new["snapshot"]:
        if "snapshot" in prov:
            prov["snapshot"] = styled(new["snapshot"], 4)
        else:
            prov.insert(list(prov).index("sources") + 1, "snapshot", styled(new["snapshot"], 4))
    sources = prov["sources"]
    source = new["sources"][0]
    for old in sources:
        if isinstance(old, CommentedMap) and old.get("kind") == source["kind"]:
            # the registry source now names the new file and version; its note is the curator's
            owned = {k: source[k] for k in ("name", "reflects") if k in source}
            Merger().merge_map(old, {**from_round_trip(old), **owned}, None, "provenance.sources")
            return
    sources.insert(0, styled(source, 6))


def _file_bytes(text: str, like: bytes) -> bytes:
    """``text`` encoded as the file it replaces was: its line ends and byte order mark kept."""
    body = like[len(_BOM) :] if like.startswith(_BOM) else like
    if b"\r\n" in body and body.count(b"\r\n") == body.count(b"\n"):
        text = text.replace("\n", "\r\n")
    return (_BOM if like.startswith(_BOM) else b"") + text.encode("utf-8")


def _checked(record_path: Path, content: bytes) -> tuple[TrialRecord, FileReport]:
    """The updated record, validated as `validate` would; refused unless it loads and fits."""
    from trialmodel.validation.files import validate_bytes

    report = validate_bytes(content, str(record_path))
    loaded = load_bytes(content, str(record_path))
    if loaded.data is not None and not any(f.severity is Severity.ERROR for f in loaded.findings):
        try:
            return TrialRecord.model_validate(loaded.data), report
        except ValidationError:
            pass
    raise _located(report, "the updated record would not validate; nothing was written")


def _merge(doc: CommentedMap, imported: ImportedStudy, old: dict[str, Any], where: Path) -> Merger:
    """Merge the registry version into ``doc`` and carry the curation; refused if it cannot be."""
    merger = Merger()
    merger.merge_record(doc, imported.data)
    carry_curation(doc, merger, old)
    if merger.refusals:
        raise UpdateError(*(f"{where}: {reason}" for reason in merger.refusals))
    return merger


def plan_update(record_path: Path, imported: ImportedStudy) -> Update:
    """Work out the update of the record at ``record_path`` to the imported registry version.

    Raises `UpdateError` with every reason the record cannot be updated (nothing is written).
    The merge is first tried on the record's data alone: when nothing changes, the file is not
    parsed for editing at all.
    """
    raw, data, old = load_safely(record_path)
    old_version = check_versions(record_path, old, imported)
    stem = file_stem(old.identification.record_id)
    history = record_path.parent / "history" / stem / f"{old_version}.yaml"
    plan = partial(Update, imported.nct_id, record_path, history, raw)
    probe = _merge(styled(data), imported, data, record_path)
    if not probe.changed and record_version(imported.record) == old_version:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        return plan(text, raw, old, old, old_version, [], probe.notes)
    doc = _round_trip(raw)
    merger = _merge(doc, imported, data, record_path)
    _update_provenance(doc, imported)
    text = dump_yaml(doc)
    content = _file_bytes(text, raw)
    new, checked = _checked(record_path, content)
    return plan(text, content, old, new, old_version, merger.changed, merger.notes, checked)
