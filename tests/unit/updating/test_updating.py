"""Tests for trialmodel.updating: a newer registry version applied to a curated record."""

from __future__ import annotations

import copy
import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from trialmodel.ctgov import import_study
from trialmodel.updating import (
    UpdateError,
    change_report,
    plan_update,
    update_changes,
    update_records,
    write_update,
)
from trialmodel.writing import OverwriteRefusedError, yaml_text

CTGOV = Path(__file__).parents[2] / "data" / "ctgov"
NCT = "NCT99999911"
"""A made-up id: the curation below is a test fixture, not a claim about the real trial."""

CURATION = """    cell_based: true  # curator: confirmed from the protocol
    product: TEST-MSC
"""
PRODUCTS = """products:
  # what the sponsor calls it
  - name: TEST-MSC
    cell_type: MESENCHYMAL_STEM_STROMAL_CELL
    donor:
      relation: ALLOGENEIC
"""


def _registry() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads((CTGOV / "NCT00973089.json").read_bytes())
    raw["protocolSection"]["identificationModule"]["nctId"] = NCT
    return raw


def _curated(tmp_path: Path) -> Path:
    """A curated record: a comment at the top, curated product fields with comments."""
    text = yaml_text(import_study(_registry(), "v1.json").data)
    text = text.replace("schema_version:", "# Curated by hand.\nschema_version:", 1)
    anchor = "    arms:\n      - Incomplete caries removal\n"
    assert text.count(anchor) == 1
    text = text.replace(anchor, anchor + CURATION)
    assert text.count("\ninterventions:\n") == 1
    text = text.replace("\ninterventions:\n", "\n" + PRODUCTS + "interventions:\n")
    path = tmp_path / f"{NCT}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _newer(**edits: Any) -> dict[str, Any]:
    raw = _registry()
    status = raw["protocolSection"]["statusModule"]
    status["lastUpdatePostDateStruct"] = {"date": "2016-01-05", "type": "ACTUAL"}
    for key, value in edits.items():
        status[key] = value
    return raw


def _changed_lines(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.ndiff(old.splitlines(), new.splitlines())
        if line.startswith(("- ", "+ "))
    ]


def test_unchanged_registry_data_changes_nothing(tmp_path: Path) -> None:
    """The same registry version gives the same bytes and writes nothing."""
    path = _curated(tmp_path)
    update = plan_update(path, import_study(_registry(), "renamed-copy.json"))
    assert update.new_text.encode("utf-8") == update.old_bytes
    assert update_changes(update) == []
    assert write_update(update) is False
    assert not (tmp_path / "history").exists()
    (trial,) = change_report([update]).trials
    assert trial.status == "unchanged" and trial.old is not None and trial.old.file == str(path)


def test_only_the_changed_registry_lines_change(tmp_path: Path) -> None:
    """A status change edits just its lines; comments and curated fields keep their bytes."""
    path = _curated(tmp_path)
    old = path.read_text(encoding="utf-8")
    update = plan_update(path, import_study(_newer(overallStatus="SUSPENDED"), "v2.json"))
    changed = _changed_lines(old, update.new_text)
    assert "+   overall: SUSPENDED" in changed
    assert all("product" not in line and "#" not in line for line in changed)
    assert CURATION in update.new_text
    assert "# Curated by hand.\nschema_version:" in update.new_text
    assert [c.kind for c in update_changes(update)] == ["status_changed"]


def test_write_keeps_the_previous_version_in_history(tmp_path: Path) -> None:
    """The previous version goes to history/<NCT>/<its date>.yaml, schema comment re-pointed."""
    path = _curated(tmp_path)
    old = path.read_bytes()
    update = plan_update(path, import_study(_newer(overallStatus="SUSPENDED"), "v2.json"))
    assert write_update(update) is True
    history = tmp_path / "history" / NCT / "2015-08-19.yaml"
    first, rest = history.read_bytes().split(b"\n", 1)
    assert first == b"# yaml-language-server: $schema=../../../schemas/trial-record.schema.json"
    assert rest == old.split(b"\n", 1)[1]
    assert path.read_text(encoding="utf-8") == update.new_text


def test_added_and_removed_list_items_keep_other_items_comments(tmp_path: Path) -> None:
    """A keyword dropped and a site added leave the comments on the other items in place."""
    path = _curated(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  - Caries, Dental\nkeywords:", "  - Caries, Dental  # curator's note\nkeywords:"
    )
    path.write_text(text, encoding="utf-8")
    raw = _newer()
    module = raw["protocolSection"]
    module["conditionsModule"]["keywords"].remove("Primary tooth")
    module["contactsLocationsModule"]["locations"].insert(
        0, {"facility": "Second site", "city": "Haifa", "country": "Israel"}
    )
    update = plan_update(path, import_study(raw, "v2.json"))
    assert "  - Caries, Dental  # curator's note\n" in update.new_text
    assert update.new.locations is not None and update.new.locations[0].facility == "Second site"
    assert "keywords[0]" in update.changed and "locations[0]" in update.changed


def test_curated_fields_survive_a_registry_module_going_away(tmp_path: Path) -> None:
    """When the registry drops a module, curated keys under it (ethics reviews) stay."""
    path = _curated(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "oversight:\n", "oversight:\n  ethics_reviews:\n    - committee: Test IRB\n"
    )
    path.write_text(text, encoding="utf-8")
    raw = _newer()
    del raw["protocolSection"]["oversightModule"]
    update = plan_update(path, import_study(raw, "v2.json"))
    assert update.new.oversight is not None and update.new.oversight.has_dmc is None
    assert "  ethics_reviews:\n    - committee: Test IRB\n" in update.new_text


def test_dropped_item_with_curation_is_refused(tmp_path: Path) -> None:
    """An intervention the registry drops, which carried a product, refuses the update."""
    path = _curated(tmp_path)
    raw = _newer()
    module = raw["protocolSection"]["armsInterventionsModule"]
    module["interventions"] = []
    for arm in module["armGroups"]:
        arm.pop("interventionNames", None)
    with pytest.raises(UpdateError) as caught:
        plan_update(path, import_study(raw, "v2.json"))
    (problem,) = caught.value.problems
    assert "interventions[0]" in problem and "cell_based, product" in problem


CURATED_ID = """  secondary_ids:
    - id: ChiCTR2600000000  # curator: from the other registry's copy
      type: REGISTRY
      domain: Chinese Clinical Trial Registry
"""


def _with_curated_secondary_id(tmp_path: Path) -> Path:
    path = _curated(tmp_path)
    text = path.read_text(encoding="utf-8")
    anchor = "  org_study_id: LSA001-HMO-CTIL\n"
    assert text.count(anchor) == 1 and "secondary_ids" not in text
    path.write_text(text.replace(anchor, anchor + CURATED_ID), encoding="utf-8")
    return path


def test_secondary_id_the_registry_does_not_list_is_kept(tmp_path: Path) -> None:
    """A curator-added registry id survives an update byte for byte, and the notes name it."""
    path = _with_curated_secondary_id(tmp_path)
    update = plan_update(path, import_study(_newer(overallStatus="SUSPENDED"), "v2.json"))
    assert CURATED_ID in update.new_text
    assert [c.kind for c in update_changes(update)] == ["status_changed"]
    assert len(update.notes) == 1 and "ChiCTR2600000000" in update.notes[0]


def test_secondary_id_the_registry_lists_is_the_registry_s(tmp_path: Path) -> None:
    """Once the registry lists the same id, its values replace the curator's and no note is left."""
    path = _with_curated_secondary_id(tmp_path)
    raw = _newer()
    raw["protocolSection"]["identificationModule"]["secondaryIdInfos"] = [
        {"id": "ChiCTR2600000000", "type": "REGISTRY", "domain": "ChiCTR"},
        {"id": "R01-000000", "type": "NIH"},
    ]
    update = plan_update(path, import_study(raw, "v2.json"))
    assert update.notes == []
    ids = update.new.identification.secondary_ids
    assert ids is not None
    assert [(i.id, i.domain) for i in ids] == [
        ("ChiCTR2600000000", "ChiCTR"),
        ("R01-000000", None),
    ]


def test_older_registry_version_is_refused(tmp_path: Path) -> None:
    """Registry data older than the record is refused rather than applied backwards."""
    path = _curated(tmp_path)
    raw = _registry()
    raw["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"]["date"] = "2014-01-01"
    with pytest.raises(UpdateError, match="older"):
        plan_update(path, import_study(raw, "old.json"))


def test_another_trial_is_refused(tmp_path: Path) -> None:
    """Registry data of another trial does not update a record."""
    path = _curated(tmp_path)
    raw = copy.deepcopy(_registry())
    raw["protocolSection"]["identificationModule"]["nctId"] = "NCT99999912"
    with pytest.raises(UpdateError, match="NCT99999912"):
        plan_update(path, import_study(raw, "other.json"))


def test_invalid_record_is_refused(tmp_path: Path) -> None:
    """A record that does not validate is not updated; the message points to validate."""
    path = _curated(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("count: 0", "count: -1"), "utf-8")
    with pytest.raises(UpdateError, match="trialmodel validate"):
        plan_update(path, import_study(_newer(), "v2.json"))


def test_history_clash_refuses_before_writing(tmp_path: Path) -> None:
    """A different history file at the same date refuses the update; nothing is written."""
    path = _curated(tmp_path)
    before = path.read_bytes()
    history = tmp_path / "history" / NCT / "2015-08-19.yaml"
    history.parent.mkdir(parents=True)
    history.write_bytes(b"another version\n")
    study = import_study(_newer(overallStatus="SUSPENDED"), "v2.json")
    with pytest.raises(OverwriteRefusedError):
        update_records([study], tmp_path)
    assert path.read_bytes() == before and history.read_bytes() == b"another version\n"


def test_change_report_dates_both_versions(tmp_path: Path) -> None:
    """The change report names the history file and the record, with their dates."""
    path = _curated(tmp_path)
    (update,) = update_records(
        [import_study(_newer(overallStatus="SUSPENDED"), "v2.json")], tmp_path
    )
    (trial,) = change_report([update]).trials
    assert trial.old is not None and trial.new is not None
    assert (trial.old.date, trial.new.date) == ("2015-08-19", "2016-01-05")
    assert trial.new.file == str(path) and trial.status == "changed"


def test_update_brings_the_registry_only_sections_up_to_date(tmp_path: Path) -> None:
    """A newer version's MeSH coding, references and FDA flags reach the curated record."""
    path = _curated(tmp_path)
    raw = _newer()
    raw.setdefault("derivedSection", {})["conditionBrowseModule"] = {
        "meshes": [{"id": "D003731", "term": "Dental Caries"}]
    }
    raw["protocolSection"]["referencesModule"] = {"seeAlsoLinks": [{"url": "https://x.org"}]}
    raw["protocolSection"].setdefault("oversightModule", {})["isUsExport"] = True
    update = plan_update(path, import_study(raw, "v2.json"))
    new = update.new
    assert new.derived is not None and new.derived.condition_mesh_terms is not None
    assert [m.id for m in new.derived.condition_mesh_terms] == ["D003731"]
    assert new.references is not None and new.references.see_also is not None
    assert new.oversight is not None and new.oversight.us_export is True
    assert "# Curated by hand." in update.new_text


def test_change_report_says_how_each_version_is_dated() -> None:
    """The update's change report dates a version as diff does: a date read from
    last_update_posted is labelled so, never as a snapshot (it once was)."""
    from trialmodel.records import load_record
    from trialmodel.updating import _ref

    record = load_record(Path(__file__).parents[3] / "records" / "NCT04544215.yaml")
    assert record.provenance.snapshot is not None and record.status is not None
    undated = record.provenance.model_copy(update={"snapshot": None})
    posted = _ref(Path("a.yaml"), record.model_copy(update={"provenance": undated}))
    assert (posted.date, posted.date_basis) == ("2024-07-22", "last_update_posted")
    snapshot = _ref(Path("a.yaml"), record)
    assert (snapshot.date, snapshot.date_basis) == ("2024-07-22", "snapshot")
    assert snapshot.title == record.identification.brief_title
