"""The registry's endpoints, as trialmodel asks them: the current study, its versions, searches.

API v2 (documented): ``/api/v2/studies/{nctId}`` and ``/api/v2/studies`` (a search, paged by
``pageToken``). The version history (internal, undocumented, what the registry's own pages use):
``/api/int/studies/{nctId}/history`` lists the versions, ``/api/int/studies/{nctId}/history/{n}``
gives one, numbered from 0. Answers of an unexpected shape raise `RegistryError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from trialmodel.registry.client import Client, RegistryError, Reply

__all__ = [
    "NCT_ID",
    "SEARCH_FIELDS",
    "VersionInfo",
    "changed_since",
    "search_pages",
    "study",
    "study_id",
    "version",
    "versions",
]

NCT_ID = re.compile(r"NCT[0-9]{8}")
PAGE_SIZE = 1000
"""The registry's largest page."""
SEARCH_FIELDS = {
    "query": "query.term",
    "condition": "query.cond",
    "intervention": "query.intr",
    "status": "filter.overallStatus",
}
"""trialmodel's search options and the registry's parameters they become."""


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One entry of a study's version list."""

    number: int
    date: str
    """The date the registry gives the version (YYYY-MM-DD)."""
    status: str | None
    module_labels: tuple[str, ...]
    """What the version changed (empty for version 0)."""


def _shape(what: str, url: str) -> RegistryError:
    return RegistryError(f"{url}: unexpected answer: {what}")


def study(client: Client, nct_id: str) -> Reply:
    """The current version of a study from API v2 (`NotFoundError` for an unknown id)."""
    reply = client.get(f"/api/v2/studies/{nct_id}")
    if not isinstance(reply.data, dict) or "protocolSection" not in reply.data:
        raise _shape("not a study", reply.url)
    return reply


def versions(client: Client, nct_id: str) -> list[VersionInfo]:
    """A study's version list, oldest first; empty when the registry keeps no history."""
    reply = client.get(f"/api/int/studies/{nct_id}/history")
    data = reply.data
    if isinstance(data, dict) and isinstance(data.get("history"), dict):
        data = data["history"]  # the ?history=true shape
    if not isinstance(data, dict):
        raise _shape("the version list is not an object", reply.url)
    changes = data.get("changes") or []
    if not isinstance(changes, list):
        raise _shape("'changes' is not a list", reply.url)
    found = [_version_info(entry, reply.url) for entry in changes]
    return sorted(found, key=lambda v: v.number)


def _version_info(entry: Any, url: str) -> VersionInfo:
    if not isinstance(entry, dict):
        raise _shape("a version entry is not an object", url)
    number, date = entry.get("version"), entry.get("date")
    labels = entry.get("moduleLabels") or []
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        raise _shape(f"version number {number!r}", url)
    if not isinstance(date, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
        raise _shape(f"version {number} has date {date!r}", url)
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise _shape(f"version {number} has moduleLabels {labels!r}", url)
    status = entry.get("status")
    return VersionInfo(number, date, status if isinstance(status, str) else None, tuple(labels))


def version(client: Client, nct_id: str, number: int) -> Reply | None:
    """One earlier version (text fields in HTML); None past the last version.

    The registry answers 403 past the last version, and sometimes 403 to a client it refuses
    for a while: a 403 is tried again like other refusals, and only a 403 on every try is taken
    for the end of the list.
    """
    try:
        reply = client.get(f"/api/int/studies/{nct_id}/history/{number}")
    except RegistryError as exc:
        if exc.status == 403:
            return None
        raise
    data = reply.data
    if not isinstance(data, dict) or not isinstance(data.get("study"), dict):
        raise _shape("no 'study' object in the version", reply.url)
    if data.get("studyVersion", number) != number:
        raise _shape(f"asked for version {number}, got {data.get('studyVersion')!r}", reply.url)
    return Reply(reply.url, data["study"], reply.retrieved)


def search_pages(
    client: Client, params: Mapping[str, str], *, page_size: int = 100
) -> Iterator[tuple[Reply, dict[str, Any]]]:
    """Every study a registry search returns, with its page, until no ``nextPageToken`` comes."""
    asked = {**params, "pageSize": str(page_size)}
    token: str | None = None
    while True:
        page = client.get("/api/v2/studies", {**asked, **({"pageToken": token} if token else {})})
        data = page.data
        if not isinstance(data, dict) or not isinstance(data.get("studies", []), list):
            raise _shape("not a page of studies", page.url)
        for found in data.get("studies", []):
            if not isinstance(found, dict):
                raise _shape("a study in the page is not an object", page.url)
            yield page, found
        token = data.get("nextPageToken")
        if not token:
            return
        if not isinstance(token, str):
            raise _shape("nextPageToken is not text", page.url)


def study_id(found: Mapping[str, Any]) -> str | None:
    """The NCT id of a study object, if it has one."""
    ident = found.get("protocolSection", {}).get("identificationModule", {})
    nct = ident.get("nctId") if isinstance(ident, dict) else None
    return nct if isinstance(nct, str) and NCT_ID.fullmatch(nct) else None


def changed_since(client: Client, date: str) -> set[str]:
    """The NCT ids of every study whose last update was posted on or after ``date``."""
    params = {
        "filter.advanced": f"AREA[LastUpdatePostDate]RANGE[{date},MAX]",
        "fields": "NCTId,LastUpdatePostDate",
    }
    ids = set()
    for _, found in search_pages(client, params, page_size=PAGE_SIZE):
        nct = study_id(found)
        if nct is not None:
            ids.add(nct)
    return ids
