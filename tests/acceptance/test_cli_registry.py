"""``trialmodel fetch`` and ``trialmodel sync`` against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.registry_server import FakeRegistry, earlier_versions, next_version, serve
from trialmodel.cli import main
from trialmodel.ctgov import import_file
from trialmodel.writing import schema_comment_for, yaml_text

DATA = Path(__file__).parents[1] / "data" / "ctgov"
NCT = "NCT03418623"


def _study(name: str = NCT) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / f"{name}.json").read_bytes())
    return data


def newer(study: dict[str, Any], posted: str, submitted: str) -> dict[str, Any]:
    """The next version of a real record (an outcome re-timed, the summary extended)."""
    return next_version(study, posted, submitted)


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRegistry]:
    """The registry on 127.0.0.1, named by TRIALMODEL_REGISTRY_URL (as a user would set it)."""
    with serve() as reg:
        reg.add(_study(), earlier_versions(_study()))
        monkeypatch.setenv("TRIALMODEL_REGISTRY_URL", reg.url)
        yield reg


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    fast = ["--rate", "1000"] if args[0] in ("fetch", "sync") else []
    code = main([*args, *fast])
    out, err = capsys.readouterr()
    return code, out, err


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_fetch_writes_what_import_writes(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """fetch writes the record import ctgov --out writes, plus where and when it was read."""
    code, out, _ = _run(capsys, "fetch", NCT, "--out", str(tmp_path / "f"))
    assert code == 0, out
    assert registry.requests == [f"/api/v2/studies/{NCT}"]
    fetched = (tmp_path / "f" / f"{NCT}.yaml").read_text(encoding="utf-8")
    # as import ctgov --out writes into the same folder: its schema comment depends on the folder
    comment = schema_comment_for(tmp_path / "f")
    imported = yaml_text(import_file(DATA / f"{NCT}.json")[0].data, comment)
    body = fetched.split("\nprovenance:\n")[0]
    assert body == imported.split("\nprovenance:\n")[0]
    assert f"url: {registry.url}/api/v2/studies/{NCT}" in fetched
    assert "retrieved: " in fetched
    assert out.endswith("1 file written, 0 kept; 1 request\n")


def test_fetch_history_then_sync_after_the_registry_gains_a_version(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """End to end: every version fetched, then one sync files the new version and reports it."""
    folder = tmp_path / "records"
    code, out, _ = _run(capsys, "fetch", NCT, "--out", str(folder), "--history")
    assert code == 0, out
    history = folder / "history" / NCT
    assert sorted(p.name for p in history.iterdir()) == [
        "2018-01-29.v0.yaml",
        "2018-08-30.v1.yaml",
        "2019-03-08.v2.yaml",
    ]
    first = (history / "2018-01-29.v0.yaml").read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=../../../schemas/")
    assert "version: 0\n" in first and "changed_modules" not in first
    assert (
        "    changed_modules:\n      - Study Status\n"
        in (history / "2019-03-08.v2.yaml").read_text()
    )
    record = (folder / f"{NCT}.yaml").read_text(encoding="utf-8")
    assert "    version: 3\n" in record

    code, out, _ = _run(capsys, "history", NCT, "--records", str(folder))
    assert code == 0
    assert "4 versions" in out
    submitted = "v2, submitted 2019-03-08"
    assert (
        f"  2019-03-12   SUSPENDED              {submitted}  {history}/2019-03-08.v2.yaml\n" in out
    )
    current = f"v3, submitted 2020-10-05  {folder}/{NCT}.yaml"
    assert f"  2020-10-08   COMPLETED              {current}\n" in out
    code, out, _ = _run(capsys, "history", NCT, "--records", str(folder), "--format", "json")
    assert [t["new"]["registry_version"] for t in json.loads(out)["trials"]] == [0, 1, 2, 3]
    code, out, _ = _run(capsys, "history", NCT, "--records", str(folder), "--format", "markdown")
    assert "#### 2019-03-12 (v2, submitted 2019-03-08): SUSPENDED\n" in out
    assert "status RECRUITING → SUSPENDED (why stopped: Enrolment paused" in out
    assert "enrollment 30 (ESTIMATED) → 24 (ACTUAL)" in out
    assert "primary outcome reworded" in out

    registry.gain(
        NCT, newer(_study(), "2021-02-02", "2021-01-29"), "2021-01-29", ["Outcome Measures"]
    )
    registry.requests.clear()
    code, out, err = _run(capsys, "sync", str(folder), "--format", "json", "--exit-code")
    assert code == 1, err
    assert registry.requests == [f"/api/int/studies/{NCT}/history", f"/api/v2/studies/{NCT}"]
    report = json.loads(out)
    (trial,) = report["trials"]
    assert trial["status"] == "changed"
    assert trial["old"]["date"] == "2020-10-08" and trial["new"]["date"] == "2021-02-02"
    retimed = [c for c in trial["changes"] if c["kind"] == "primary_outcome_retimed"]
    assert [(c["old"], c["new"]) for c in retimed] == [
        ("After 5 doses of medication...", "After 6 doses of medication")
    ]
    assert (history / "2020-10-08.yaml").is_file()  # the version sync replaced, kept
    record = (folder / f"{NCT}.yaml").read_text(encoding="utf-8")
    assert "    version: 4\n" in record and "After 6 doses of medication" in record

    code, out, _ = _run(capsys, "sync", str(folder), "--exit-code")
    assert code == 0
    assert "0 changed, 0 added, 0 removed, 1 unchanged" in out


def test_sync_keeps_every_version_between_and_applies_the_latest(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two new versions: the earlier is kept in history as read, the latest updates the record."""
    assert _run(capsys, "fetch", NCT, "--out", str(tmp_path))[0] == 0
    v4 = newer(_study(), "2021-02-02", "2021-01-29")
    registry.gain(NCT, v4, "2021-01-29", ["Outcome Measures"])
    v5 = copy.deepcopy(v4)
    v5["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"]["date"] = "2021-06-01"
    v5["protocolSection"]["designModule"]["enrollmentInfo"]["count"] = 25
    registry.gain(NCT, v5, "2021-05-28", ["Study Design"])
    registry.requests.clear()
    code, out, err = _run(capsys, "sync", str(tmp_path))
    assert code == 0, err
    assert registry.requests == [
        f"/api/int/studies/{NCT}/history",
        f"/api/v2/studies/{NCT}",
        f"/api/int/studies/{NCT}/history/4",
    ]
    kept = (tmp_path / "history" / NCT / "2021-01-29.v4.yaml").read_text(encoding="utf-8")
    assert "After 6 doses of medication" in kept and "    version: 4\n" in kept
    assert "count: 24" in kept
    record = (tmp_path / f"{NCT}.yaml").read_text(encoding="utf-8")
    assert "    version: 5\n" in record and "count: 25" in record
    assert "enrollment 24 (ACTUAL) → 25 (ACTUAL)" in out
    assert "1 earlier version kept" in err


def test_fetch_an_unknown_id_is_an_error_for_that_id_only(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown NCT id is named with 404; the ids after it are still fetched; exit 2."""
    registry.add(_study("NCT00973089"))
    code, _out, err = _run(
        capsys, "fetch", "NCT00000000", NCT, "NCT00973089", "--out", str(tmp_path)
    )
    assert code == 2
    assert "trialmodel fetch: error: NCT00000000: no such study in the registry (HTTP 404)" in err
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == ["NCT00973089.yaml", f"{NCT}.yaml"]


def test_fetch_rerun_fetches_only_what_is_missing(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second run asks only for what the folder lacks (here one lost history version)."""
    assert _run(capsys, "fetch", NCT, "--out", str(tmp_path), "--history")[0] == 0
    (tmp_path / "history" / NCT / "2018-08-30.v1.yaml").unlink()
    before = _tree(tmp_path)
    registry.requests.clear()
    code, out, _ = _run(capsys, "fetch", NCT, "--out", str(tmp_path), "--history")
    assert code == 0
    assert f"/api/int/studies/{NCT}/history/1" in registry.requests
    assert not any(r.endswith(("/history/0", "/history/2")) for r in registry.requests)
    after = _tree(tmp_path)
    assert set(after) - set(before) == {f"history/{NCT}/2018-08-30.v1.yaml"}
    assert all(after[name] == data for name, data in before.items())
    assert "kept" in out


def test_fetch_search_writes_every_study_found(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--condition is the registry's query.cond: every study it returns is written."""
    for name in ("NCT00973089", "NCT04207047", "NCT02552212"):
        registry.add(_study(name))
    code, _, err = _run(capsys, "fetch", "--condition", "spondyl", "--out", str(tmp_path))
    assert code == 0, err
    assert [p.name for p in tmp_path.glob("*.yaml")] == ["NCT02552212.yaml"]
    assert "query.cond=spondyl" in registry.requests[0]


def test_fetch_needs_ids_or_a_search(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Neither ids nor a search, or a malformed id, is a usage error (exit 2)."""
    for args in ([], ["NCT1234"], [NCT, "--query", "x"]):
        with pytest.raises(SystemExit) as stop:
            main(["fetch", *args, "--out", str(tmp_path)])
        assert stop.value.code == 2
    capsys.readouterr()


def test_sync_dry_run_writes_nothing(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dry-run reports what the registry changed and leaves every file as it was."""
    assert _run(capsys, "fetch", NCT, "--out", str(tmp_path), "--history")[0] == 0
    registry.gain(
        NCT, newer(_study(), "2021-02-02", "2021-01-29"), "2021-01-29", ["Outcome Measures"]
    )
    before = _tree(tmp_path)
    code, out, err = _run(capsys, "sync", str(tmp_path), "--dry-run", "--exit-code")
    assert code == 1
    assert "re-timed" in out and "dry run: nothing written" in err
    assert _tree(tmp_path) == before


def test_sync_since_asks_only_about_studies_the_registry_says_changed(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--since: one search, then requests only for the studies updated since."""
    registry.add(_study("NCT00973089"))
    assert _run(capsys, "fetch", NCT, "NCT00973089", "--out", str(tmp_path))[0] == 0
    registry.gain(
        NCT, newer(_study(), "2021-02-02", "2021-01-29"), "2021-01-29", ["Outcome Measures"]
    )
    registry.requests.clear()
    code, out, err = _run(capsys, "sync", str(tmp_path), "--since", "2021-01-01")
    assert code == 0, err
    assert registry.count("/api/v2/studies?") == 1
    assert not any("NCT00973089" in r for r in registry.requests)
    assert "1 changed, 0 added, 0 removed, 1 unchanged" in out


def test_sync_since_must_be_a_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--since yesterday is a usage error."""
    with pytest.raises(SystemExit) as stop:
        main(["sync", str(tmp_path), "--since", "yesterday"])
    assert stop.value.code == 2
    assert "--since takes a date" in capsys.readouterr().err


def test_sync_an_unknown_study_is_an_error_and_the_others_go_on(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record the registry does not know is one error; the other record is still synced."""
    assert _run(capsys, "fetch", NCT, "--out", str(tmp_path), "--history")[0] == 0
    lost = _study("NCT00973089")
    registry.add(lost)
    assert _run(capsys, "fetch", "NCT00973089", "--out", str(tmp_path))[0] == 0
    del registry.trials["NCT00973089"]
    registry.gain(
        NCT, newer(_study(), "2021-02-02", "2021-01-29"), "2021-01-29", ["Outcome Measures"]
    )
    code, _out, err = _run(capsys, "sync", str(tmp_path))
    assert code == 2
    assert "NCT00973089.yaml: NCT00973089 is not in the registry (HTTP 404)" in err
    assert "After 6 doses of medication" in (tmp_path / f"{NCT}.yaml").read_text()


def test_sync_a_study_without_history(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A study whose version list is empty has just its current version: that is applied."""
    registry.add(_study("NCT00973089"))
    registry.trials["NCT00973089"].listed = False
    code, _, err = _run(capsys, "fetch", "NCT00973089", "--out", str(tmp_path), "--history")
    assert code == 0, err
    assert not (tmp_path / "history").exists() or not any((tmp_path / "history").rglob("*.yaml"))
    code, out, err = _run(capsys, "sync", str(tmp_path))
    assert code == 0, err
    assert "1 unchanged" in out


def test_the_registry_address_option_wins_over_the_environment(
    registry: FakeRegistry,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """--registry-url is used, TRIALMODEL_REGISTRY_URL is not."""
    monkeypatch.setenv("TRIALMODEL_REGISTRY_URL", "http://127.0.0.1:9")
    code, _, err = _run(
        capsys, "fetch", NCT, "--out", str(tmp_path), "--registry-url", registry.url
    )
    assert code == 0, err
    assert registry.requests == [f"/api/v2/studies/{NCT}"]


def _seed_registry(registry: FakeRegistry, folder: Path) -> None:
    """Serve each curated record of ``folder`` as the registry's: its registry fields exported
    (``export ctgov``) as an early version, then two newer versions, the last posted 2026-11-20
    with the enrollment count corrected (test edits)."""
    from trialmodel.ctgov.export import export_json
    from trialmodel.loading import load_path
    from trialmodel.model.record import TrialRecord

    for path in sorted(folder.glob("NCT*.yaml")):
        study = json.loads(export_json(TrialRecord.model_validate(load_path(path).data)))
        middle, latest = copy.deepcopy(study), copy.deepcopy(study)
        middle["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"] = {
            "date": "2026-06-02",
            "type": "ACTUAL",
        }
        latest["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"] = {
            "date": "2026-11-20",
            "type": "ACTUAL",
        }
        latest["protocolSection"]["statusModule"]["lastUpdateSubmitDate"] = "2026-11-18"
        enrollment = latest["protocolSection"].get("designModule", {}).get("enrollmentInfo")
        if enrollment and "count" in enrollment:
            enrollment["count"] += 1
        registry.add(latest, [("2019-01-02", [], study), ("2026-05-29", ["Study Status"], middle)])


def _curation(path: Path) -> dict[str, Any]:
    """What only a curator writes: products, dose levels, background therapies, notes."""
    from trialmodel.loading import load_path

    data = load_path(path).data
    assert isinstance(data, dict)
    return {
        "products": [i.get("product") for i in data.get("interventions", [])],
        "cell_based": [i.get("cell_based") for i in data.get("interventions", [])],
        "doses": [a.get("dose_levels") for a in data.get("arms", [])],
        "background": data.get("background_therapies"),
        "notes": data["provenance"].get("curation_notes"),
        "other_sources": [
            s for s in data["provenance"]["sources"] if s.get("kind") != "REGISTRY_API"
        ],
    }


def test_one_sync_refreshes_the_curated_records(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """sync records/: the four records with history get the registry's newer versions, curation
    kept; a record dated only by a bound keeps its previous version under that bound
    (after-DATE.yaml). The fifth, which no source dates, is named and left as it was."""
    folder = tmp_path / "records"
    shutil.copytree(Path(__file__).parents[2] / "records", folder)
    before = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.yaml")}
    curation = {p.name: _curation(p) for p in folder.glob("NCT*.yaml")}
    _seed_registry(registry, folder)
    code, out, err = _run(capsys, "sync", str(folder))
    assert code == 2
    filed = {
        "NCT03929120": "2022-04-20",
        "NCT04544215": "2024-07-22",
        "NCT02594839": "after-2020-12-12",
        "NCT06111846": "after-2024-08-20",
    }
    for nct, old_name in filed.items():
        record = folder / f"{nct}.yaml"
        assert "    version: 2\n" in record.read_text(encoding="utf-8"), nct
        assert _curation(record) == curation[record.name]
        assert (folder / "history" / nct / "2026-05-29.v1.yaml").is_file()
        old = (folder / "history" / nct / f"{old_name}.yaml").read_bytes()
        assert old.split(b"\n", 1)[1] == before[record.name].split(b"\n", 1)[1]
        assert f"{nct} changed" in out
    assert "enrollment 10 (ACTUAL) → 11 (ACTUAL)" in out
    assert "NCT07632599.yaml: no version date (provenance.snapshot.date) to sync from" in err
    after = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.yaml")}
    assert after["NCT07632599.yaml"] == before["NCT07632599.yaml"]
    assert len(after) == len(before) + 8  # per refreshed record: the old version, and version 1
    code, out, _ = _run(capsys, "history", *filed, "--records", str(folder))
    assert code == 0, out
    assert "4 trials, 16 versions" in out
    assert _run(capsys, "validate", str(folder))[0] == 0


@pytest.mark.parametrize("rate", ["0", "-1", "inf", "fast"])
def test_rate_must_be_a_positive_number(
    rate: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--rate 0 (no request ever) or nonsense is a usage error, not a hang."""
    with pytest.raises(SystemExit) as stop:
        main(["fetch", NCT, "--out", str(tmp_path), "--rate", rate])
    assert stop.value.code == 2
    assert "--rate" in capsys.readouterr().err
