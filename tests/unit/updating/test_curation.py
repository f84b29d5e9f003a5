"""Tests for `--update` keeping curation: renamed arms and interventions, reordering, refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trialmodel.ctgov import import_study
from trialmodel.findings import Severity
from trialmodel.updating import UpdateError, plan_update, update_records
from trialmodel.updating.merge import OWNED, Merger
from trialmodel.validation.files import validate_bytes
from trialmodel.writing import dump_yaml, round_trip_yaml, yaml_text

CTGOV = Path(__file__).parents[2] / "data" / "ctgov"
NCT = "NCT99999911"
"""A made-up id: the curation below is a test fixture, not a claim about the real trial."""

TEST_ARM = "Incomplete caries removal"
INTERVENTION = "Incomplete caries removal in primary teeth"
ARM_COMMENT = "  # about the TEST arm\n"
DOSE_LEVELS = f"""    # the curator's dose group
    dose_levels:
      - label: Single visit
        intervention: {INTERVENTION}
        to_be_determined: true
"""
PRODUCT = """    cell_based: true  # curator: from the protocol
    product: TEST-MSC
"""
PRODUCTS = """products:
  - name: TEST-MSC
"""


def registry() -> dict[str, Any]:
    """The registry sample as version 1 of the made-up trial."""
    raw: dict[str, Any] = json.loads((CTGOV / "NCT00973089.json").read_bytes())
    raw["protocolSection"]["identificationModule"]["nctId"] = NCT
    return raw


def newer(raw: dict[str, Any] | None = None) -> dict[str, Any]:
    """``raw`` (version 1 by default) posted again on a later date."""
    raw = registry() if raw is None else raw
    status = raw["protocolSection"]["statusModule"]
    status["lastUpdatePostDateStruct"] = {"date": "2016-01-05", "type": "ACTUAL"}
    return raw


def _insert(text: str, anchor: str, addition: str, *, before: bool = False) -> str:
    assert text.count(anchor) == 1, anchor
    return text.replace(anchor, addition + anchor if before else anchor + addition)


def curated(folder: Path) -> Path:
    """A curated record: a comment on the test arm, its dose group, the product, a review path."""
    text = yaml_text(import_study(registry(), "v1.json").data)
    text = _insert(text, f"  - label: {TEST_ARM}\n", ARM_COMMENT, before=True)
    text = _insert(text, "interventions:\n  - type: OTHER\n", DOSE_LEVELS, before=True)
    text = _insert(text, "interventions:\n  - type: OTHER\n", PRODUCTS, before=True)
    text = _insert(text, "outcomes:\n", PRODUCT, before=True)
    text += "  needs_review:\n    - arms[1].dose_levels\n"
    path = folder / f"{NCT}.yaml"
    path.write_text(text, encoding="utf-8")
    assert validate_bytes(path.read_bytes(), str(path)).findings == ()
    return path


def _arms(raw: dict[str, Any]) -> dict[str, Any]:
    module: dict[str, Any] = raw["protocolSection"]["armsInterventionsModule"]
    return module


def _errors(content: bytes) -> list[str]:
    report = validate_bytes(content, "updated.yaml")
    return [f.code for f in report.findings if f.severity is Severity.ERROR]


def test_case_only_arm_relabel_keeps_dose_levels_comment_and_review_path(tmp_path: Path) -> None:
    """An arm relabelled only in case keeps its dose levels, its comment and its review path."""
    path = curated(tmp_path)
    raw = newer()
    module = _arms(raw)
    module["armGroups"][1]["label"] = TEST_ARM.upper()
    module["interventions"][0]["armGroupLabels"] = [TEST_ARM.upper()]
    update = plan_update(path, import_study(raw, "v2.json"))
    assert f"{ARM_COMMENT}  - label: {TEST_ARM.upper()}\n" in update.new_text
    assert DOSE_LEVELS in update.new_text
    arm = update.new.arms[1] if update.new.arms else None
    assert arm is not None and arm.dose_levels is not None and len(arm.dose_levels) == 1
    assert update.new.provenance.needs_review == ["arms[1].dose_levels"]
    assert _errors(update.new_bytes) == []


def test_intervention_rename_carries_product_and_renames_the_dose(tmp_path: Path) -> None:
    """A renamed intervention keeps cell_based and product; dose levels name it by its new name."""
    path = curated(tmp_path)
    raw = newer()
    module = _arms(raw)
    renamed = "Partial caries removal in primary teeth"
    module["interventions"][0]["name"] = renamed
    module["armGroups"][1]["interventionNames"] = [f"Other: {renamed}"]
    update = plan_update(path, import_study(raw, "v2.json"))
    assert f"    name: {renamed}\n" in update.new_text and PRODUCT in update.new_text
    assert f"        intervention: {renamed}\n" in update.new_text
    (intervention,) = update.new.interventions or []
    assert intervention.cell_based is True and intervention.product is not None
    assert _errors(update.new_bytes) == []


def test_reordered_arms_keep_their_comments_and_review_paths(tmp_path: Path) -> None:
    """The registry swapping arms moves each comment with its arm and re-points needs_review."""
    path = curated(tmp_path)
    raw = newer()
    module = _arms(raw)
    module["armGroups"].reverse()
    update = plan_update(path, import_study(raw, "v2.json"))
    assert update.new_text.index(ARM_COMMENT) < update.new_text.index(f"- label: {TEST_ARM}\n")
    assert f"arms:\n{ARM_COMMENT}  - label: {TEST_ARM}\n" in update.new_text
    assert "    description: Test group\n    interventions:\n" in update.new_text
    assert update.new.provenance.needs_review == ["arms[0].dose_levels"]
    arms = update.new.arms or []
    assert [a.label for a in arms] == [TEST_ARM, "Complete caries removal"]
    assert arms[0].dose_levels is not None and arms[1].dose_levels is None
    assert _errors(update.new_bytes) == []


def test_curation_that_cannot_follow_refuses_the_record_with_every_reason(
    tmp_path: Path,
) -> None:
    """An intervention replaced by an unlike one: its product and dose cannot follow; refused."""
    path = curated(tmp_path)
    before = path.read_bytes()
    raw = newer()
    module = _arms(raw)
    module["interventions"] = [
        {"type": "DEVICE", "name": "Fissure sealant", "armGroupLabels": [TEST_ARM]}
    ]
    module["armGroups"][1]["interventionNames"] = ["Device: Fissure sealant"]
    with pytest.raises(UpdateError) as caught:
        update_records([import_study(raw, "v2.json")], tmp_path)
    problems = caught.value.problems
    assert any("interventions[0]" in p and "cell_based, product" in p for p in problems)
    assert any("dose_levels[0].intervention" in p and INTERVENTION in p for p in problems)
    assert path.read_bytes() == before and not (tmp_path / "history").exists()


def test_review_path_into_a_dropped_item_refuses(tmp_path: Path) -> None:
    """needs_review naming an item the registry drops cannot be carried: the update is refused."""
    path = curated(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8") + "    - arms[0].description\n", encoding="utf-8"
    )
    raw = newer()
    _arms(raw)["armGroups"].pop(0)
    with pytest.raises(UpdateError, match=r"needs_review\[1\] \(arms\[0\]\.description\)"):
        plan_update(path, import_study(raw, "v2.json"))


def test_moved_review_paths_follow_items_in_nested_lists(tmp_path: Path) -> None:
    """A review path into a list the registry reordered points at the same item afterwards."""
    path = curated(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8") + "    - arms[0].description\n", encoding="utf-8"
    )
    raw = newer()
    _arms(raw)["armGroups"].reverse()
    update = plan_update(path, import_study(raw, "v2.json"))
    assert update.new.provenance.needs_review == ["arms[0].dose_levels", "arms[1].description"]


def test_comments_stay_put_when_an_item_s_last_list_grows() -> None:
    """A comment before the next arm stays before it when the arm above gains an intervention."""
    text = (
        "arms:\n  - label: A\n    interventions:\n      - X\n  # about B\n  - label: B\n# the end\n"
    )
    doc = round_trip_yaml().load(text)
    new = {"arms": [{"label": "A", "interventions": ["X", "Z"]}, {"label": "B"}]}
    Merger().merge_map(doc, new, {"arms": OWNED["arms"]}, "")
    assert dump_yaml(doc) == (
        "arms:\n  - label: A\n    interventions:\n      - X\n      - Z\n"
        "  # about B\n  - label: B\n# the end\n"
    )


def test_review_path_into_a_removed_registry_list_refuses(tmp_path: Path) -> None:
    """needs_review naming a site, when the registry drops every site, cannot be carried."""
    path = curated(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "\nlocations:\n" in text
    path.write_text(text + "    - locations[0].facility\n", encoding="utf-8")
    raw = newer()
    del raw["protocolSection"]["contactsLocationsModule"]["locations"]
    with pytest.raises(UpdateError, match=r"\(locations\[0\]\.facility\) points at a value"):
        plan_update(path, import_study(raw, "v2.json"))


@settings(max_examples=40, derandomize=True, deadline=None)
@given(st.permutations(range(5)), st.sets(st.integers(0, 4), max_size=2), st.booleans())
def test_comments_follow_their_items_through_any_reordering(
    order: list[int], dropped: set[int], trailer: bool
) -> None:
    """Whatever order the registry gives (items dropped too), each comment stays on its item."""
    names = [f"Condition {c}" for c in "ABCDE"]
    lines = ["conditions:"]
    for i, name in enumerate(names):
        lines += [f"  # about {name}", f"  - {name}" + (f"  # eol {i}" if i % 2 else "")]
    text = "\n".join([*lines, *(["# trailer"] if trailer else []), "keywords:", "  - x", ""])
    doc = round_trip_yaml().load(text)
    new = {"conditions": [names[i] for i in order if i not in dropped], "keywords": ["x"]}
    Merger().merge_map(doc, new, {"conditions": None, "keywords": None}, "")
    out = dump_yaml(doc).splitlines()
    items = [line for line in out if line.startswith("  - Condition")]
    assert [line.split("  #")[0][4:] for line in items] == new["conditions"]
    for name in new["conditions"]:
        (at,) = [k for k, line in enumerate(out) if line.startswith(f"  - {name}")]
        assert out[at - 1] == f"  # about {name}"
        i = names.index(name)
        assert out[at].endswith(f"  # eol {i}") == bool(i % 2)
    assert ("# trailer" in out) == trailer
    assert out[-2:] == ["keywords:", "  - x"] and (not trailer or out[-3] == "# trailer")


@settings(max_examples=40, derandomize=True, deadline=None)
@given(st.permutations(range(4)), st.sets(st.integers(0, 3), max_size=2))
def test_comments_follow_arms_through_any_reordering(order: list[int], dropped: set[int]) -> None:
    """Arms (mappings) reordered or dropped by the registry keep their comment lines."""
    arms = [{"label": f"Arm {c}", "description": f"Group {c}"} for c in "ABCD"]
    lines = ["arms:"]
    for arm in arms:
        lines += [f"  # about {arm['label']}", f"  - label: {arm['label']}"]
        lines += [f"    description: {arm['description']}"]
    doc = round_trip_yaml().load("\n".join([*lines, "# after the arms", "x: 1", ""]))
    new = {"arms": [arms[i] for i in order if i not in dropped], "x": 1}
    Merger().merge_map(doc, new, {"arms": OWNED["arms"], "x": None}, "")
    out = dump_yaml(doc).splitlines()
    labels = [line[len("  - label: ") :] for line in out if line.startswith("  - label: ")]
    assert labels == [a["label"] for a in new["arms"]]
    for label in labels:
        (at,) = [k for k, line in enumerate(out) if line == f"  - label: {label}"]
        assert out[at - 1] == f"  # about {label}"
    assert out[-2:] == ["# after the arms", "x: 1"]
