"""trialmodel.changes.walk: first seen sections, and what is no change (self, reordered,
reflowed, shuffled)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.changes.examples import BASE, EXAMPLES, ROOT, edited, record
from trialmodel.changes import Category, diff_records
from trialmodel.model.record import TrialRecord
from trialmodel.records import RecordError, load_record


def test_first_seen_is_not_added_or_removed() -> None:
    """A section absent from the older version is reported as first seen, with an old of None."""
    old = record(edited([["  enrollment:\n    count: 60\n    type: ESTIMATED\n", ""]]))
    (change,) = diff_records(old, record(BASE))
    assert (change.kind, change.old, change.new) == (
        "first_seen",
        None,
        {"count": 60, "type": "ESTIMATED"},
    )
    assert "first seen" in change.message


def test_section_first_seen_field_by_field() -> None:
    """A whole status section the older version lacks is reported field by field, by category."""
    start = BASE.index("status:\n")
    end = BASE.index("sponsors:\n")
    old = record(BASE[:start] + BASE[end:])
    changes = diff_records(old, record(BASE))
    assert {c.kind for c in changes} == {"first_seen"}
    by_path = {c.path: c for c in changes}
    assert by_path["status.overall"].category is Category.STATUS
    assert by_path["status.start"].new == {"date": "2019-11-05", "type": "ACTUAL"}
    assert by_path["status.start"].category is Category.DATES


def test_self_diff_is_empty() -> None:
    """A record diffed with itself reports nothing."""
    assert diff_records(record(BASE), record(BASE)) == []


def test_reordered_copy_is_no_change() -> None:
    """Swapping arms, sites, outcomes and criteria around reports nothing."""
    data = yaml.safe_load(BASE)
    for key in ("arms", "locations", "conditions"):
        data[key].reverse()
    data["outcomes"]["secondary"].reverse()
    data["eligibility"]["inclusion"].reverse()
    assert diff_records(record(BASE), TrialRecord.model_validate(data)) == []


def test_reflowed_text_is_no_change() -> None:
    """A paragraph whose lines are broken differently reports nothing."""
    reflowed = BASE.replace(
        "    description: Example cells at the low dose, given intravenously",
        "    description: >-\n      Example cells at the low dose,\n      given   intravenously",
    )
    assert reflowed != BASE
    assert diff_records(record(BASE), record(reflowed)) == []


# --- property: reordering and reflowing never change a record ----------------------------------


def _record_files() -> list[Path]:
    """The project's records and history versions, and the base example."""
    found = sorted((ROOT / "records").rglob("*.yaml")) if (ROOT / "records").is_dir() else []
    return [*found, EXAMPLES / "base.yaml"]


def _loadable() -> Iterator[TrialRecord]:
    for path in _record_files():
        try:
            yield load_record(path.read_bytes(), name=str(path))
        except RecordError:  # a record still being curated is not this test's subject
            continue


RECORDS = list(_loadable())
UNTOUCHED = {"minimum_age", "maximum_age", "nct_id", "schema_version"}


def _scramble(value: Any, rng: random.Random, key: str = "") -> Any:
    """The data with every list shuffled and every text's white space redistributed."""
    if isinstance(value, dict):
        return {k: _scramble(v, rng, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_scramble(v, rng, key) for v in value]
        rng.shuffle(items)
        return items
    if isinstance(value, str) and " " in value and key not in UNTOUCHED:
        return "".join(rng.choice([" ", "  ", "\n", " \n "]) if ch == " " else ch for ch in value)
    return value


@settings(
    max_examples=30, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(index=st.integers(min_value=0, max_value=len(RECORDS) - 1), rng=st.randoms())
def test_shuffled_reflowed_record_is_no_change(index: int, rng: random.Random) -> None:
    """Any record with its lists shuffled and its text reflowed diffs as empty."""
    original = RECORDS[index]
    data = _scramble(original.model_dump(mode="json", exclude_none=True), rng)
    assert diff_records(original, TrialRecord.model_validate(data)) == []
