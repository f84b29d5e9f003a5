"""Tests for trialmodel.registry.fetch and .sync: faults survived, nothing lost, runs resumed."""

from __future__ import annotations

import copy
import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.registry_server import (
    DROP,
    TRUNCATE,
    FakeRegistry,
    earlier_versions,
    serve,
    slow,
    status,
)
from trialmodel.registry.client import Client, Settings
from trialmodel.registry.fetch import fetch_ids
from trialmodel.registry.sync import sync_folder
from trialmodel.validation.files import validate_serially as validate_paths

DATA = Path(__file__).parents[2] / "data" / "ctgov"
NCT = "NCT03418623"
HISTORY = f"/api/int/studies/{NCT}/history"
CURRENT = f"/api/v2/studies/{NCT}"
_RETRIEVED = re.compile(rb"retrieved: \"[^\"]+\"")


def _study(name: str = NCT) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / f"{name}.json").read_bytes())
    return data


def _gain(reg: FakeRegistry, posted: str, submitted: str, count: int) -> None:
    """The registry posts a new version: the enrollment count corrected."""
    new = copy.deepcopy(reg.trials[NCT].versions[-1][1])
    status_module = new["protocolSection"]["statusModule"]
    status_module["lastUpdatePostDateStruct"] = {"date": posted, "type": "ACTUAL"}
    new["protocolSection"]["designModule"]["enrollmentInfo"]["count"] = count
    reg.gain(NCT, new, submitted, ["Study Design"])


@pytest.fixture
def registry() -> Iterator[FakeRegistry]:
    with serve() as reg:
        reg.add(_study(), earlier_versions(_study()))
        yield reg


def _client(reg: FakeRegistry, **settings: Any) -> Client:
    options: dict[str, Any] = {"rate": 1000.0, "backoff": 0.001, "tries": 3, "read_timeout": 0.3}
    options.update(settings)
    return Client(Settings(base_url=reg.url, **options))


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, retrieval times blanked (they differ from run to run)."""
    return {
        str(p.relative_to(folder)): _RETRIEVED.sub(b"retrieved: -", p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_fault_is_survived_and_the_files_are_those_of_a_clean_run(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    """429 with Retry-After, 503, 403, a dropped connection, cut JSON, a slow answer: same files."""
    with _client(registry) as client:
        clean = fetch_ids(client, [NCT], tmp_path / "clean", history=True)
    assert clean.errors == []
    registry.fault(CURRENT, status(429, Retry_After="0"), status(503))
    registry.fault(HISTORY, DROP, TRUNCATE)
    registry.fault(f"{HISTORY}/0", slow(1.0))
    registry.fault(f"{HISTORY}/1", status(502), DROP)
    registry.fault(f"{HISTORY}/2", status(403))
    registry.requests.clear()
    with _client(registry) as client:
        rough = fetch_ids(client, [NCT], tmp_path / "rough", history=True)
        assert client.requests == 5 + 8
    assert rough.errors == [] and rough.notes == []
    assert _tree(tmp_path / "rough") == _tree(tmp_path / "clean")


def test_a_fault_that_outlasts_the_tries_loses_nothing_and_a_rerun_completes(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    """Version 1 keeps failing: an error for the study, versions 0 kept; the rerun asks for 1 on."""
    registry.fault(f"{HISTORY}/1", *[status(503)] * 3)
    with _client(registry) as client:
        first = fetch_ids(client, [NCT], tmp_path, history=True)
    assert len(first.errors) == 1 and "HTTP 503 (after 3 tries)" in first.errors[0]
    assert [p.name for p in first.written] == ["2018-01-29.v0.yaml"]
    assert not (tmp_path / f"{NCT}.yaml").exists()  # the current version is written last
    registry.requests.clear()
    with _client(registry) as client:
        second = fetch_ids(client, [NCT], tmp_path, history=True)
    assert second.errors == []
    assert f"{HISTORY}/0" not in registry.requests
    assert [p.name for p in second.written] == [
        "2018-08-30.v1.yaml",
        "2019-03-08.v2.yaml",
        f"{NCT}.yaml",
    ]


def test_a_listed_version_answering_403_ends_the_list(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    """403 on every try for a listed version is the end of what is served: a note, no error."""
    registry.fault(f"{HISTORY}/2", status(403), status(403), status(403))
    with _client(registry) as client:
        done = fetch_ids(client, [NCT], tmp_path, history=True)
    assert done.errors == []
    assert done.notes == [f"{NCT}: the registry has no version 2 (HTTP 403)"]
    assert sorted(p.name for p in done.written) == [
        "2018-01-29.v0.yaml",
        "2018-08-30.v1.yaml",
        f"{NCT}.yaml",
    ]


def test_sync_resumes_after_a_failure_without_asking_again(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    """A version fails after an earlier one was kept: the rerun asks only for what is missing."""
    with _client(registry) as client:
        fetch_ids(client, [NCT], tmp_path)
    _gain(registry, "2021-02-02", "2021-01-29", 25)
    _gain(registry, "2021-06-01", "2021-05-28", 26)
    _gain(registry, "2021-09-01", "2021-08-30", 27)
    registry.fault(f"{HISTORY}/5", *[status(503)] * 3)
    with _client(registry) as client:
        first = sync_folder(client, tmp_path)
    assert len(first.errors) == 1 and "HTTP 503 (after 3 tries)" in first.errors[0]
    assert "count: 24" in (tmp_path / f"{NCT}.yaml").read_text(encoding="utf-8")  # untouched
    assert (tmp_path / "history" / NCT / "2021-01-29.v4.yaml").is_file()
    registry.requests.clear()
    with _client(registry) as client:
        second = sync_folder(client, tmp_path)
    assert second.errors == []
    assert registry.requests == [HISTORY, CURRENT, f"{HISTORY}/5"]
    assert (tmp_path / "history" / NCT / "2021-05-28.v5.yaml").is_file()
    assert "count: 27" in (tmp_path / f"{NCT}.yaml").read_text(encoding="utf-8")


def test_a_record_edited_during_sync_is_not_overwritten(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    """A curator's edit made while the registry answers is kept; the record is not updated."""
    with _client(registry) as client:
        fetch_ids(client, [NCT], tmp_path)
    _gain(registry, "2021-02-02", "2021-01-29", 25)
    path = tmp_path / f"{NCT}.yaml"
    edited = path.read_text(encoding="utf-8").replace(
        "schema_version:", "# my note\nschema_version:"
    )
    registry.hooks[CURRENT] = lambda: path.write_text(edited, encoding="utf-8")
    with _client(registry) as client:
        done = sync_folder(client, tmp_path)
    assert done.errors == [f"{path}: edited while the registry was asked; not updated (run again)"]
    assert path.read_text(encoding="utf-8") == edited


def test_sync_of_a_record_without_a_version_number_uses_its_date(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    """A record curated by hand (a snapshot date, no number) gets the versions dated after it."""
    with _client(registry) as client:
        fetch_ids(client, [NCT], tmp_path)
    path = tmp_path / f"{NCT}.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"    version: 3\n    changed_modules:\n      - Study Status\n", "", text)
    path.write_text(text, encoding="utf-8")
    _gain(registry, "2021-02-02", "2021-01-29", 25)
    with _client(registry) as client:
        done = sync_folder(client, tmp_path)
    assert done.errors == []
    assert [u.nct_id for u in done.updates] == [NCT]
    assert "    version: 4\n" in path.read_text(encoding="utf-8")


def test_fetch_killed_midway_leaves_no_record_half_written(tmp_path: Path) -> None:
    """SIGKILL during a slow fetch: every record file there is whole; the rerun completes."""
    with serve() as reg:
        for name in ("NCT03418623", "NCT02552212"):
            reg.add(_study(name), earlier_versions(_study(name)))
        for path in list(reg_paths(reg)):
            reg.fault(path, slow(0.05))
        command = [sys.executable, "-m", "trialmodel", "fetch", *sorted(reg.trials)]
        command += ["--out", str(tmp_path), "--history", "--rate", "1000"]
        command += ["--registry-url", reg.url]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while len(list(tmp_path.rglob("*.yaml"))) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        kept = sorted(tmp_path.rglob("*.yaml"))
        assert 3 <= len(kept) < 8  # killed in the middle, not after the end
        report = validate_paths(kept)
        assert (report.errors, len(report.files)) == (0, len(kept))
        reg.faults.clear()
        with _client(reg) as client:
            done = fetch_ids(client, sorted(reg.trials), tmp_path, history=True)
    assert done.errors == []
    assert len(list(tmp_path.glob("NCT*.yaml"))) == 2
    assert len(list((tmp_path / "history").rglob("*.yaml"))) == 6


def reg_paths(reg: FakeRegistry) -> Iterator[str]:
    """Every path a fetch --history of the registry's studies asks."""
    for nct, trial in reg.trials.items():
        yield f"/api/v2/studies/{nct}"
        yield f"/api/int/studies/{nct}/history"
        for number in range(len(trial.versions)):
            yield f"/api/int/studies/{nct}/history/{number}"


def test_a_search_with_history_fetches_every_version_of_every_study_found(
    tmp_path: Path,
) -> None:
    """fetch --query --history: the pages give the current versions, each study its history."""
    from trialmodel.registry.fetch import fetch_search

    with serve() as reg:
        for name in ("NCT03418623", "NCT02552212", "NCT00973089"):
            reg.add(_study(name), earlier_versions(_study(name)))
        with _client(reg) as client:
            done = fetch_search(client, {"query.term": "a"}, tmp_path, history=True, page_size=2)
        assert reg.count("/api/v2/studies?") == 2
        assert reg.count("/api/v2/studies/NCT") == 0  # the pages carry the current versions
    assert done.errors == []
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == [
        "NCT00973089.yaml",
        "NCT02552212.yaml",
        "NCT03418623.yaml",
    ]
    assert len(list((tmp_path / "history").rglob("*.v[0-2].yaml"))) == 9
    first = (tmp_path / "NCT02552212.yaml").read_text(encoding="utf-8")
    assert "    version: 3\n" in first
    assert "/api/v2/studies?query.term=a&pageSize=2\n" in first  # read from the search page
    assert "&pageToken=2\n" in (tmp_path / "NCT03418623.yaml").read_text(encoding="utf-8")


def test_a_record_registered_elsewhere_is_named_and_left_alone(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    """Sync asks ClinicalTrials.gov about records with an NCT id only: a ChiCTR record without one
    is named in the notes as not synced, never asked about, and its file is untouched."""
    chictr = Path(__file__).parents[2] / "examples" / "valid" / "registrations.yaml"
    target = tmp_path / "ChiCTR0000000000.yaml"
    target.write_bytes(chictr.read_bytes())
    with _client(registry) as client:
        fetch_ids(client, [NCT], tmp_path)
        registry.requests.clear()
        done = sync_folder(client, tmp_path)
    assert done.errors == []
    assert [n for n in done.fetched.notes if "ChiCTR" in n] == [
        f"{target}: not synced: it holds no NCT id, and sync asks ClinicalTrials.gov, which "
        "knows trials by NCT id"
    ]
    assert all("ChiCTR" not in r for r in registry.requests)
    assert target.read_bytes() == chictr.read_bytes()


def test_a_fetched_version_carries_its_number_and_submission_date(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    """A version kept in history names its registry number and submission date: its file name,
    its provenance.snapshot and the JSON history report agree."""
    _gain(registry, "2021-02-02", "2021-01-29", 25)
    with _client(registry) as client:
        fetch_ids(client, [NCT], tmp_path, history=True)
    kept = sorted((tmp_path / "history" / NCT).glob("*.yaml"))
    assert kept
    for path in kept:
        date, number = path.stem.split(".v")
        text = path.read_text(encoding="utf-8")
        assert f'    version: {number}\n    submitted: "{date}"\n' in text
    from trialmodel.changes.schema import report_data
    from trialmodel.changes.tracking import history

    trials = report_data(history([NCT], tmp_path))["trials"]
    named = {Path(t["new"]["file"]).name: t["new"] for t in trials}
    for path in kept:
        date, number = path.stem.split(".v")
        shown = named[path.name]
        assert (shown["registry_version"], shown["registry_submitted"]) == (int(number), date)


CHICTR = "ChiCTR0000000000"
REGISTRATIONS = f"""  registrations:
    - registry: CHICTR
      id: {CHICTR}
      primary: true
      registered: "2018-01-20"
    - registry: CTGOV
      id: {NCT}
"""


def _named_after_chictr(folder: Path) -> Path:
    """The fetched record of NCT made a record registered first in ChiCTR: named after it."""
    nct_path = folder / f"{NCT}.yaml"
    text = nct_path.read_text(encoding="utf-8")
    anchor = f"  nct_id: {NCT}\n"
    assert text.count(anchor) == 1
    path = folder / f"{CHICTR}.yaml"
    path.write_text(text.replace(anchor, anchor + REGISTRATIONS), encoding="utf-8")
    return path


def test_sync_updates_a_record_named_after_another_registry(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    """A ChiCTR-named record holding the NCT id is synced in place: the versions between are
    filed in its own history folder as versions of it (its registrations carried, with a note),
    the previous one too, no <NCT id>.yaml appears, and the folder validates."""
    folder = tmp_path / "records"
    with _client(registry) as client:
        fetch_ids(client, [NCT], folder)
    path = _named_after_chictr(folder)
    (folder / f"{NCT}.yaml").unlink()
    _gain(registry, "2021-02-02", "2021-01-29", 25)
    _gain(registry, "2021-06-01", "2021-05-28", 26)
    with _client(registry) as client:
        done = sync_folder(client, folder)
    assert done.errors == []
    assert [u.record_path for u in done.updates] == [path]
    text = path.read_text(encoding="utf-8")
    assert "    version: 5\n" in text and "count: 26" in text and REGISTRATIONS in text
    kept = folder / "history" / CHICTR
    between = (kept / "2021-01-29.v4.yaml").read_text(encoding="utf-8")
    assert REGISTRATIONS in between and "count: 25" in between
    assert "  - topic: identification.registrations\n" in between
    assert f"Carried from the curated record of {CHICTR}:" in between
    assert sorted(p.name for p in kept.iterdir()) == ["2020-10-08.yaml", "2021-01-29.v4.yaml"]
    assert sorted(p.name for p in folder.iterdir()) == [f"{CHICTR}.yaml", "history"]
    assert validate_paths([folder]).errors == 0
    from trialmodel.changes.tracking import history

    report = history([CHICTR], folder)
    assert [t.trial_id for t in report.trials] == [CHICTR] * 3


def test_sync_refuses_two_records_of_one_nct_id(registry: FakeRegistry, tmp_path: Path) -> None:
    """<NCT id>.yaml and a ChiCTR-named record both holding the NCT id: an error naming both,
    neither synced nor the registry asked, both files as they were."""
    with _client(registry) as client:
        fetch_ids(client, [NCT], tmp_path)
    path = _named_after_chictr(tmp_path)
    twin = tmp_path / f"{NCT}.yaml"
    before = {p: p.read_bytes() for p in (path, twin)}
    _gain(registry, "2021-02-02", "2021-01-29", 25)
    registry.requests.clear()
    with _client(registry) as client:
        done = sync_folder(client, tmp_path)
    assert done.errors == [
        f"{NCT} is the NCT id of 2 records ({twin}, {path}): a trial has one record; merge them "
        "or correct the NCT id; not synced"
    ]
    assert done.updates == [] and registry.requests == []
    assert {p: p.read_bytes() for p in before} == before
