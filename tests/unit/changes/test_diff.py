"""trialmodel.changes (the package): every change kind on YAML pairs, significance, snapshots."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.acceptance.conftest import regenerate_requested
from tests.unit.changes.examples import BASE, CASES, EXAMPLES, edited, record
from trialmodel.changes import (
    Category,
    Change,
    Significance,
    diff_records,
    diff_snapshots,
)
from trialmodel.changes.schema import change_data

OUTPUTS = EXAMPLES / "cases.out.yaml"
"""Every case's changes in full (``change_data``: kind, category, significance, path, old, new,
message, flags, details), as the JSON change report gives them; reviewed when written."""


def _changes_data(case: dict[str, Any]) -> list[dict[str, Any]]:
    old, new = record(edited(case.get("old"))), record(edited(case.get("new")))
    return [change_data(c) for c in diff_records(old, new)]


if regenerate_requested():
    text = yaml.safe_dump(
        {case["name"]: _changes_data(case) for case in CASES},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    header = "# Written by TRIALMODEL_REGEN=1 (tests/unit/changes/test_diff.py).\n"
    OUTPUTS.write_text(header + text, encoding="utf-8")
FULL = yaml.safe_load(OUTPUTS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_change_kind(case: dict[str, Any]) -> None:
    """Each YAML pair reports exactly the expected change kinds, paths, details and flags."""
    changes = diff_records(record(edited(case.get("old"))), record(edited(case.get("new"))))
    assert sorted(c.kind for c in changes) == sorted(case["expect"])
    if not changes:
        return
    first = next(c for c in changes if c.kind == case["expect"][0])
    if "paths" in case:
        assert [c.path for c in changes if c.kind == case["expect"][0]] == case["paths"]
    if "details" in case:
        assert dict(first.details) == case["details"]
    if "message" in case:
        assert first.message == case["message"]
    if "significance" in case:
        assert first.significance is Significance(case["significance"]), first.message
    for kind, flags in case.get("flags", {}).items():
        assert [list(c.flags) for c in changes if c.kind == kind] == [flags]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_change_kind_in_full(case: dict[str, Any]) -> None:
    """Each YAML pair reports exactly its stored changes, in order, every field of each."""
    assert case["name"] in FULL, "no stored output: run with TRIALMODEL_REGEN=1 and review it"
    assert _changes_data(case) == FULL[case["name"]]


def test_every_stored_output_has_its_case() -> None:
    """No stored output outlives its case (a renamed case leaves none behind)."""
    assert set(FULL) == {case["name"] for case in CASES}


def test_changes_carry_plain_values_and_yaml_paths() -> None:
    """Old and new values are plain JSON data, and no path looks like deepdiff's root[...]."""
    old = record(BASE)
    slip = next(c for c in CASES if c["name"].startswith("primary completion slips"))
    new = record(edited(slip["new"]).replace("count: 60", "count: 61"))
    changes = diff_records(old, new)
    assert changes
    for change in changes:
        assert isinstance(change, Change)
        assert not change.path.startswith("root")
        assert isinstance(change.category, Category)
        assert isinstance(change.significance, Significance)
        for value in (change.old, change.new):
            assert value is None or isinstance(value, str | int | float | bool | list | dict)


def test_significance_of_watched_kinds() -> None:
    """Status, enrollment count, primary outcome and retroactive start changes are major."""
    kinds = {
        "status_changed",
        "enrollment_count_changed",
        "primary_outcome_reworded",
        "retroactive_start",
        "outcome_moved",
    }
    for case in CASES:
        changes = diff_records(record(edited(case.get("old"))), record(edited(case.get("new"))))
        for change in changes:
            if change.kind in kinds:
                assert change.significance is Significance.MAJOR, change.kind


def test_snapshot_diff_added_removed_changed() -> None:
    """Snapshots are matched by NCT id: added, removed, changed and unchanged trials."""
    one = record(BASE)
    changed = record(BASE.replace("count: 60", "count: 70"))
    other = record(BASE.replace("NCT99999901", "NCT99999902"))
    third = record(BASE.replace("NCT99999901", "NCT99999903"))
    same = record(BASE.replace("NCT99999901", "NCT99999904"))
    result = diff_snapshots(
        {"NCT99999901": one, "NCT99999902": other, "NCT99999904": same},
        {"NCT99999901": changed, "NCT99999903": third, "NCT99999904": same},
    )
    assert result.added == ("NCT99999903",)
    assert result.removed == ("NCT99999902",)
    assert [c.kind for c in result.changed["NCT99999901"]] == ["enrollment_count_changed"]
    assert result.unchanged == ("NCT99999904",)
