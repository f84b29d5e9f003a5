"""Finding, reading and ordering versions of records: files, snapshot folders, history folders, git.

A version of a trial is identified by its record id (its primary registration's id, else its NCT
id) and the registry date it reflects: its
``provenance.snapshot`` date, else that snapshot's ``not_after`` or ``not_before`` bound, else its
``status.last_update_posted`` date. The current record is ``records/<id>.yaml``; earlier versions
live in ``records/history/<id>/*.yaml`` (an id's ``/`` written ``-`` in both names).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from trialmodel.changes import VersionRef
from trialmodel.errors import TrialmodelError
from trialmodel.loading.files import RECORD_SUFFIXES
from trialmodel.model.identifiers import file_stem
from trialmodel.model.record import TrialRecord
from trialmodel.model.types import date_parts
from trialmodel.records import load_record

__all__ = [
    "HISTORY_DIR",
    "Version",
    "VersionError",
    "check_revision",
    "find_versions",
    "git_show",
    "read_version",
    "records_folder",
    "revision_entries",
    "revision_files",
    "version_date",
    "version_ref",
]

HISTORY_DIR = "history"


class VersionError(TrialmodelError):
    """A record file or folder that cannot be read, or a revision that cannot be read. A record
    that does not validate is ``trialmodel.records.RecordError``, as ``load_record`` raises it."""


@dataclass(frozen=True, slots=True)
class Version:
    """One version of one trial's record and where it was read."""

    ref: VersionRef
    record: TrialRecord

    @property
    def trial_id(self) -> str:
        """The trial's record id (its primary registration's id, else its NCT id)."""
        return self.record.identification.record_id


def read_version(path: Path, file: str | None = None) -> Version:
    """Read one record file as a version (``RecordError`` when it does not validate)."""
    label = file or str(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise VersionError(f"{label}: cannot read: {error.strerror or error}") from None
    record = load_record(content, name=label)
    return Version(version_ref(label, record), record)


def version_ref(file: str, record: TrialRecord) -> VersionRef:
    """Where a version was read, the registry date it reflects and its overall status."""
    date, basis = version_date(record)
    status = record.status.overall.value if record.status is not None else None
    title = record.identification.brief_title
    snapshot = record.provenance.snapshot
    number = snapshot.version if snapshot is not None else None
    submitted = snapshot.submitted if snapshot is not None else None
    shown = None if title is None else str(title)
    return VersionRef(file, date, basis, status, shown, number, submitted)


def version_date(record: TrialRecord) -> tuple[str | None, str | None]:
    """The registry date a record reflects and how it is known (see the module docstring)."""
    snapshot = record.provenance.snapshot
    if snapshot is not None:
        for basis in ("date", "not_after", "not_before"):
            value = getattr(snapshot, basis)
            if value is not None:
                return value, "snapshot" if basis == "date" else basis
    status = record.status
    if status is not None and status.last_update_posted is not None:
        return status.last_update_posted.date, "last_update_posted"
    return None, None


def _order(version: Version, current: bool) -> tuple[int, tuple[int, int, int], bool, str]:
    """Sort key: dated versions by date, an undated history file first, the current file last."""
    date = version.ref.date
    if date is None:
        return (1 if current else 0, (9999, 99, 99) if current else (0, 0, 0), current, "")
    year, month, day = date_parts(date)
    return (1, (year, month or 0, day or 0), current, version.ref.file)


def _record_files(directory: Path) -> list[Path]:
    """The record files directly in a folder, sorted; ``VersionError`` if it cannot be listed."""
    try:
        return sorted(p for p in directory.iterdir() if p.suffix in RECORD_SUFFIXES and p.is_file())
    except OSError as error:
        raise VersionError(f"{directory}: cannot list: {error.strerror or error}") from None


def find_versions(records: Path, trial_id: str) -> list[Version]:
    """Every known version of a trial, oldest first: history files, then the current record.

    The files are named by the id's file stem (`file_stem`): ``records/<stem>.yaml`` and
    ``records/history/<stem>/``."""
    stem = file_stem(trial_id)
    current = [records / f"{stem}{s}" for s in RECORD_SUFFIXES]
    history = records / HISTORY_DIR / stem
    older = _record_files(history) if history.is_dir() else []
    keyed = [(read_version(p), False) for p in older]
    keyed += [(read_version(p), True) for p in current if p.is_file()]
    for version, _ in keyed:
        if version.trial_id != trial_id:
            raise VersionError(
                f"{version.ref.file}: a record of {version.trial_id}, not {trial_id}"
            )
    keyed.sort(key=lambda pair: _order(*pair))
    return [version for version, _ in keyed]


# --- git revisions ------------------------------------------------------------------------------


def _git(args: list[str], cwd: Path) -> bytes:
    """Run git, returning its output; ``VersionError`` with git's own message when it fails."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise VersionError("git is not installed, or not on PATH: --rev needs it") from None
    except OSError as error:
        raise VersionError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise VersionError(message[0] if message else f"git {args[0]} failed")
    return done.stdout


def check_revision(rev: str, cwd: Path) -> None:
    """Fail clearly without git, outside a git work tree, or for a revision that names no commit."""
    try:
        inside = _git(["rev-parse", "--is-inside-work-tree"], cwd)
    except VersionError as error:
        if str(error).startswith(("git is not installed", "cannot run git")):
            raise
        raise VersionError(f"not inside a git repository: {cwd}") from None
    if inside.strip() != b"true":
        raise VersionError(f"not inside a git work tree: {cwd}")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    except VersionError:
        raise VersionError(f"unknown revision: {rev}") from None


def records_folder(cwd: Path, name: str) -> str:
    """The records folder at the top of the work tree, as a path relative to ``cwd``, so that
    ``diff --rev`` works from any subfolder as ``git diff`` does."""
    up = _git(["rev-parse", "--show-cdup"], cwd).decode("utf-8", "surrogateescape").strip()
    return f"{up}{name}" if up else name


def revision_entries(rev: str, path: str, cwd: Path) -> list[tuple[str, str]]:
    """(name, blob id) of the record files at ``rev`` that ``path`` names: the file, or the
    records right in a folder. Names are read NUL-separated (``-z``), so git never quotes them."""
    args = ["ls-tree", "-z", rev, "--", path, f"{path.rstrip('/')}/"]
    entries: dict[str, str] = {}
    for entry in _git(args, cwd).split(b"\0"):
        if not entry:
            continue
        meta, _, raw_name = entry.partition(b"\t")
        kind, blob = meta.split()[1:3]
        name = raw_name.decode("utf-8", "surrogateescape")
        if kind == b"blob" and PurePosixPath(name).suffix in RECORD_SUFFIXES:
            entries[name] = blob.decode("ascii")
    return sorted(entries.items())


def revision_files(rev: str, path: str, cwd: Path) -> list[str]:
    """Record files at ``rev`` that ``path`` names: the file, or the records right in a folder."""
    return [name for name, _ in revision_entries(rev, path, cwd)]


def git_show(rev: str, name: str, cwd: Path) -> bytes:
    """The bytes of a file as it was at ``rev`` (``name`` relative to ``cwd``)."""
    return _git(["show", f"{rev}:./{name}"], cwd)
