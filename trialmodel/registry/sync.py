"""``sync``: bring a folder of records up to the registry's latest versions, curation kept.

For each record ``DIR/<NCT>.yaml``, and each record named after another registry that holds an NCT
id (``DIR/ChiCTR2600126854.yaml``, `trialmodel.updating.locate`): ask the registry's version list
which versions are newer than the one the record holds (its ``provenance.snapshot.version``; a
record without one, curated by hand, holds the versions dated up to its snapshot date), keep the
earlier of them in ``DIR/history/<record id>/``, and apply the latest, from API v2, through
`trialmodel.updating` (the path of ``import ctgov --update``): only registry values change, the
previous version goes to history.
With ``since``, one registry search says which studies changed, and only those are asked about.

A record that cannot be synced (unknown to the registry, unreadable, refused by the update) is an
error of its own; the others go on. A record edited while the run waited on the registry is not
written. ``dry_run`` asks the registry and reports, but writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trialmodel.changes import ChangeReport, TrialChanges
from trialmodel.changes.versions import VersionError, version_date, version_ref
from trialmodel.ctgov import CtgovError
from trialmodel.model.record import TrialRecord
from trialmodel.records import RecordError, load_record
from trialmodel.registry import api
from trialmodel.registry.client import Client, NotFoundError, RegistryError
from trialmodel.registry.fetch import Fetched, earlier_versions
from trialmodel.registry.markup import TextBook, markup_texts
from trialmodel.registry.store import imported
from trialmodel.updating import Update, UpdateError, change_report, plan_update, write_update
from trialmodel.updating.locate import duplicate_claim, index_records
from trialmodel.writing import OverwriteRefusedError

__all__ = ["sync_folder"]

NCT_FILE = "NCT[0-9]*.yaml"


@dataclass
class Synced:
    """What a sync found and did."""

    updates: list[Update] = field(default_factory=list)
    unchanged: list[TrialChanges] = field(default_factory=list)
    """Records the registry has nothing newer for (not asked again)."""
    fetched: Fetched = field(default_factory=Fetched)
    """Earlier versions kept in history, errors, notes."""

    @property
    def errors(self) -> list[str]:
        """One message per record that could not be synced."""
        return self.fetched.errors

    def report(self) -> ChangeReport:
        """The change report, as ``diff`` prints it: held version -> latest, per record."""
        trials = [*change_report(self.updates).trials, *self.unchanged]
        return ChangeReport("diff", tuple(sorted(trials, key=lambda t: t.trial_id)))


def tracked(folder: Path) -> list[Path]:
    """The ``<NCT id>.yaml`` files right in a records folder."""
    if not folder.is_dir():
        raise VersionError(f"{folder}: no such records folder")
    return sorted(p for p in folder.glob(NCT_FILE) if api.NCT_ID.fullmatch(p.stem))


def _to_sync(folder: Path, done: Synced) -> list[Path]:
    """The records sync asks the registry about: ``<NCT id>.yaml``, and the records named after
    another registry that hold an NCT id (`trialmodel.updating.locate`). Records holding no NCT id
    are named in the notes; records claiming one NCT id with another are errors, none synced."""
    named = tracked(folder)
    index = index_records(folder)
    for path in index.without:
        done.fetched.notes.append(
            f"{path}: not synced: it holds no NCT id, and sync asks ClinicalTrials.gov, which "
            "knows trials by NCT id"
        )
    paths = dict.fromkeys([*named, *(p for found in index.elsewhere.values() for p in found)])
    for nct_id in sorted({p.stem for p in named} | set(index.elsewhere)):
        claims = index.claims(nct_id)
        if len(claims) > 1:
            done.errors.append(f"{duplicate_claim(nct_id, claims)}; not synced")
            for path in claims:
                paths.pop(path, None)
    return sorted(paths)


def newer_versions(record: TrialRecord, infos: list[api.VersionInfo]) -> list[api.VersionInfo]:
    """The listed versions newer than the one a record holds."""
    snapshot = record.provenance.snapshot
    if snapshot is not None and snapshot.version is not None:
        held = snapshot.version
        return [i for i in infos if i.number > held]
    date, _ = version_date(record)
    if date is None:
        raise UpdateError("no version date (provenance.snapshot.date) to sync from")
    # a record curated by hand holds the version it is dated by; the registry dates a version
    # when it was submitted, on or before it was posted
    return [i for i in infos if i.date > date]


def _unchanged(path: Path, record: TrialRecord) -> TrialChanges:
    ref = version_ref(str(path), record)
    return TrialChanges(record.identification.record_id, "unchanged", ref, ref)


def _sync_one(
    client: Client, path: Path, done: Synced, changed: set[str] | None, *, dry_run: bool
) -> None:
    raw = path.read_bytes()
    record = load_record(raw, name=str(path))
    nct_id = record.identification.nct_id
    if nct_id is None:
        raise UpdateError(
            f"{path}: the record has no NCT id; sync asks ClinicalTrials.gov, which knows a "
            "trial by its NCT id only: not synced"
        )
    if changed is not None and nct_id not in changed:
        done.unchanged.append(_unchanged(path, record))
        return
    infos = api.versions(client, nct_id)
    try:
        newer = newer_versions(record, infos)
    except UpdateError as exc:
        raise UpdateError(f"{path}: {exc}") from None
    if infos and not newer:
        done.unchanged.append(_unchanged(path, record))
        return
    current = api.study(client, nct_id)
    # planned first: a record the update refuses gets nothing written, its versions included
    update = plan_update(path, imported(current, newer[-1] if newer else None, earlier=False))
    if not dry_run:
        book = TextBook(markup_texts(current.data))
        earlier_versions(client, nct_id, newer[:-1], book, path.parent, done.fetched, record)
    if update.old_bytes != raw or path.read_bytes() != raw:
        raise UpdateError(f"{path}: edited while the registry was asked; not updated (run again)")
    if not dry_run:
        write_update(update)
    done.updates.append(update)


def sync_folder(
    client: Client, folder: Path, *, since: str | None = None, dry_run: bool = False
) -> Synced:
    """Sync every record in ``folder`` with the registry (see the module docstring)."""
    done = Synced()
    records = _to_sync(folder, done)
    changed = api.changed_since(client, since) if since is not None else None
    for path in records:
        try:
            _sync_one(client, path, done, changed, dry_run=dry_run)
        except NotFoundError:
            done.errors.append(f"{path}: {path.stem} is not in the registry (HTTP 404)")
        except (RegistryError, CtgovError) as exc:
            done.errors.append(f"{path}: {exc}")
        except RecordError as exc:
            done.errors.append(exc.summary())
        except (VersionError, UpdateError, OverwriteRefusedError, OSError) as exc:
            done.errors.append(str(exc))
    return done
