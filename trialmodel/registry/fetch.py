"""``fetch``: studies from the registry as records, with every earlier version if asked.

The current version comes from API v2 and is written by `trialmodel.ctgov.write_records`, the
function behind ``import ctgov --out``; earlier versions come from the version history and are
kept as ``history/<NCT>/<date>.v<number>.yaml``. What is already on disk is not asked again, so
an interrupted run, rerun, fetches only what is missing. One study's failure is reported and the
others go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trialmodel.ctgov import CtgovError, write_records
from trialmodel.model.identifiers import file_stem
from trialmodel.model.record import TrialRecord
from trialmodel.registry import api
from trialmodel.registry.client import Client, NotFoundError, RegistryError, Reply
from trialmodel.registry.markup import TextBook, convert_study, markup_texts
from trialmodel.registry.store import held_versions, imported, version_of, write_version

__all__ = ["Fetched", "earlier_versions", "fetch_ids", "fetch_search", "search_params"]


@dataclass
class Fetched:
    """What a fetch did."""

    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    """Records already there, not asked again (``--force`` asks)."""
    errors: list[str] = field(default_factory=list)
    """One message per study that failed; the others went on."""
    notes: list[str] = field(default_factory=list)


def earlier_versions(
    client: Client,
    nct_id: str,
    infos: list[api.VersionInfo],
    book: TextBook,
    folder: Path,
    done: Fetched,
    of: TrialRecord | None = None,
) -> None:
    """Keep every listed version the folder does not hold yet (``infos``: the earlier ones).

    ``of``: the curated record the versions are of; when it is named after another registry,
    they are filed as its versions (`store.version_of`)."""
    carried = of is not None and of.identification.record_id != nct_id
    stem = file_stem(of.identification.record_id) if of is not None else nct_id
    held = held_versions(folder, stem)
    for info in infos:
        if info.number in held:
            continue
        reply = api.version(client, nct_id, info.number)
        if reply is None:
            done.notes.append(f"{nct_id}: the registry has no version {info.number} (HTTP 403)")
            return
        convert_study(reply.data, book)
        study = imported(reply, info, earlier=True)
        if carried and of is not None:
            study = version_of(study, of)
        path = write_version(folder, study, info)
        if path is not None:
            done.written.append(path)


def _one(
    client: Client,
    nct_id: str,
    out: Path,
    current: Reply | None,
    done: Fetched,
    *,
    history: bool,
    force: bool,
) -> None:
    target = out / f"{nct_id}.yaml"
    exists = target.exists() and not force
    if exists and not history:
        done.kept.append(target)
        return
    current = current or api.study(client, nct_id)
    infos = api.versions(client, nct_id) if history else []
    if history:
        book = TextBook(markup_texts(current.data))
        earlier_versions(client, nct_id, infos[:-1], book, out, done)
    if exists:
        done.kept.append(target)
        return
    study = imported(current, infos[-1] if infos else None, earlier=False)
    done.written.extend(write_records([study], out, force=force).values())


def _guarded(
    client: Client, nct_id: str, out: Path, current: Reply | None, done: Fetched, **flags: bool
) -> None:
    """Fetch one study; a failure is that study's error, not the run's."""
    try:
        _one(client, nct_id, out, current, done, **flags)
    except NotFoundError:
        done.errors.append(f"{nct_id}: no such study in the registry (HTTP 404)")
    except (RegistryError, CtgovError, OSError) as exc:
        done.errors.append(f"{nct_id}: {exc}")


def fetch_ids(
    client: Client, nct_ids: list[str], out: Path, *, history: bool = False, force: bool = False
) -> Fetched:
    """Fetch studies by NCT id into ``out``."""
    done = Fetched()
    out.mkdir(parents=True, exist_ok=True)
    for nct_id in dict.fromkeys(nct_ids):
        _guarded(client, nct_id, out, None, done, history=history, force=force)
    return done


def fetch_search(
    client: Client,
    params: dict[str, str],
    out: Path,
    *,
    history: bool = False,
    force: bool = False,
    page_size: int = 100,
) -> Fetched:
    """Fetch every study a registry search returns (the pages carry the current versions)."""
    done = Fetched()
    out.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    pages = api.search_pages(client, params, page_size=page_size)
    try:
        for page, found in pages:
            nct_id = api.study_id(found)
            if nct_id is None:
                done.errors.append(f"{page.url}: a study without an NCT id")
                continue
            if nct_id in seen:
                continue
            seen.add(nct_id)
            reply = Reply(page.url, found, page.retrieved)
            _guarded(client, nct_id, out, reply, done, history=history, force=force)
    except RegistryError as exc:
        done.errors.append(f"search: {exc} (the studies before it were fetched; run again)")
    return done


def search_params(options: dict[str, Any]) -> dict[str, str]:
    """The registry's search parameters from trialmodel's (query, condition, ...)."""
    return {api.SEARCH_FIELDS[k]: str(v) for k, v in options.items() if v}
