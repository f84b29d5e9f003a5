"""Tests for trialmodel.updating.locate: a trial's record found by the NCT id it holds, whatever
registry its file is named after."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.updating.test_updating import NCT, _curated, _newer
from trialmodel.ctgov import import_study
from trialmodel.updating import UpdateError, update_records
from trialmodel.updating.locate import claimed_nct_ids, index_records
from trialmodel.validation.files import validate_serially as validate_paths

CHICTR = "ChiCTR0000000000"
REGISTRATIONS = f"""  registrations:
    - registry: CHICTR
      id: {CHICTR}
      primary: true
      registered: "2015-01-05"
    - registry: CTGOV
      id: {NCT}
"""


def _registered_elsewhere(folder: Path) -> Path:
    """The curated record of NCT, registered first in ChiCTR: named after its ChiCTR id."""
    folder.mkdir(parents=True, exist_ok=True)
    nct_path = _curated(folder)
    text = nct_path.read_text(encoding="utf-8")
    anchor = f"  nct_id: {NCT}\n"
    assert text.count(anchor) == 1
    path = folder / f"{CHICTR}.yaml"
    path.write_text(text.replace(anchor, anchor + REGISTRATIONS), encoding="utf-8")
    nct_path.unlink()
    return path


def test_claimed_nct_ids_reads_nct_id_and_ctgov_registrations() -> None:
    """A record claims its nct_id and its CTGOV registrations' ids; other registries' ids and
    data of the wrong shape claim nothing."""
    data = {
        "identification": {
            "nct_id": "NCT00000001",
            "registrations": [
                {"registry": "CTGOV", "id": "NCT00000002"},
                {"registry": "CHICTR", "id": CHICTR},
                "not a mapping",
            ],
        }
    }
    assert claimed_nct_ids(data) == {"NCT00000001", "NCT00000002"}
    assert claimed_nct_ids({"identification": {"registrations": "CTGOV"}}) == set()
    assert claimed_nct_ids({"identification": ["nct_id"]}) == set()
    assert claimed_nct_ids(None) == set()


def test_index_finds_the_record_named_after_another_registry(tmp_path: Path) -> None:
    """A record named after its ChiCTR id that holds an NCT id is that NCT id's record; a record
    holding no NCT id and a file that is not YAML claim nothing."""
    path = _registered_elsewhere(tmp_path)
    (tmp_path / "broken.yaml").write_text("identification: [\n", encoding="utf-8")
    other = tmp_path / "ChiCTR0000000001.yaml"
    other.write_text("identification:\n  brief_title: no NCT id\n", encoding="utf-8")
    index = index_records(tmp_path)
    assert index.record_of(NCT) == path
    assert index.without == [other, tmp_path / "broken.yaml"]
    assert index.record_of("NCT00000009") == tmp_path / "NCT00000009.yaml"


def test_update_applies_to_the_record_named_after_another_registry(tmp_path: Path) -> None:
    """import --update's library call updates ChiCTR…yaml in place, files its previous version
    under its own history folder, keeps its registrations, and writes no <NCT id>.yaml."""
    folder = tmp_path / "records"
    path = _registered_elsewhere(folder)
    study = import_study(_newer(overallStatus="SUSPENDED"), "v2.json")
    (update,) = update_records([study], folder)
    assert update.record_path == path
    text = path.read_text(encoding="utf-8")
    assert "  overall: SUSPENDED\n" in text and REGISTRATIONS in text
    assert (folder / "history" / CHICTR / "2015-08-19.yaml").is_file()
    assert not (folder / f"{NCT}.yaml").exists()
    assert sorted(p.name for p in folder.iterdir()) == [f"{CHICTR}.yaml", "history"]
    assert validate_paths([folder]).errors == 0


def test_two_records_claiming_one_nct_id_are_refused(tmp_path: Path) -> None:
    """When <NCT id>.yaml and a record named after another registry both hold the NCT id, the
    update names both and writes nothing."""
    path = _registered_elsewhere(tmp_path)
    twin = _curated(tmp_path)
    before = {p: p.read_bytes() for p in (path, twin)}
    study = import_study(_newer(overallStatus="SUSPENDED"), "v2.json")
    with pytest.raises(UpdateError) as raised:
        update_records([study], tmp_path)
    (problem,) = raised.value.problems
    assert problem.startswith(f"{NCT} is the NCT id of 2 records ({twin}, {path})")
    assert {p: p.read_bytes() for p in before} == before
    assert not (tmp_path / "history").exists()
